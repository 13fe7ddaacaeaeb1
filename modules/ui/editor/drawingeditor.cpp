#include "drawingeditor.h"

#include "drawingpreview.h"
#include "drawingstore.h"
#include "editorparts.h"
#include "savedrawingdialog.h"

#include <graphics/drawingcheck.h>
#include <graphics/symbols/hmilint.h>

#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QStatusBar>
#include <QUndoView>

namespace PumpWatch::Ui {

DrawingEditor::DrawingEditor(Services& services, Graphics::Drawing drawing, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_document(std::make_unique<Graphics::DrawingDocument>(std::move(drawing)))
    , m_selectionCount(new QLabel(this))
{
    setObjectName(QStringLiteral("drawingEditor"));
    setAttribute(Qt::WA_DeleteOnClose);
    QString error;
    m_symbols = Graphics::SymbolLibrary::load(QStringLiteral(":/symbols"), &error);
    const QStringList themes = Graphics::Theme::builtInIds();
    if (!themes.isEmpty())
        m_theme = Graphics::Theme::builtIn(themes.first(), &error);
    if (!m_symbols || !m_theme) {
        setCentralWidget(
            new QLabel(tr("The symbol library cannot be loaded: %1").arg(error), this));
        return;
    }
    m_view = new EditorView(*m_document, *m_symbols, *m_theme, this);
    setCentralWidget(m_view);
    buildDocks();
    buildActions();
    buildMenus();
    statusBar()->addPermanentWidget(m_selectionCount);

    connect(m_document.get(), &Graphics::DrawingDocument::modifiedChanged, this,
            &QWidget::setWindowModified);
    connect(m_document.get(), &Graphics::DrawingDocument::changed, this, [this] {
        updateTitle();
        updateActions();
        m_check.start();
    });
    connect(m_view, &EditorView::selectionChanged, this, [this] {
        const QStringList ids = m_view->selectedIds();
        m_properties->setSelection(ids);
        m_preview->setSelection(ids);
        updateActions();
    });
    connect(m_view, &EditorView::statusMessage, this, &DrawingEditor::showStatus);
    connect(&m_services.session, &Session::userChanged, this, &DrawingEditor::updateActions);
    m_saved = DrawingStore(m_services).library().drawings();
    m_check.setSingleShot(true);
    m_check.setInterval(500);
    connect(&m_check, &QTimer::timeout, this, &DrawingEditor::checkNow);
    updateTitle();
    updateActions();
    checkNow();
    resize(1500, 900);
    // The whole drawing in view once the window has its size.
    QTimer::singleShot(0, m_view, [view = m_view] { view->zoomToFit(); });
}

DrawingEditor::~DrawingEditor()
{
    // The view and the panels refer to the document: they go first.
    delete m_view;
    qDeleteAll(findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly));
}

void DrawingEditor::buildDocks()
{
    const auto add = [this](const QString& name, const QString& title, QWidget* w,
                            Qt::DockWidgetArea area) {
        auto* dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(w);
        addDockWidget(area, dock);
        return dock;
    };
    auto* palette = new SymbolPalette(*m_symbols, this);
    connect(palette, &SymbolPalette::placeRequested, this, &DrawingEditor::place);
    QDockWidget* symbols =
        add(QStringLiteral("symbolsDock"), tr("Symbols"), palette, Qt::LeftDockWidgetArea);
    m_properties = new PropertiesPanel(*m_document, m_services.project, this);
    // A renamed element stays selected under its new id.
    connect(m_properties, &PropertiesPanel::elementRenamed, this,
            [this](const QString& from, const QString& to) {
                QStringList ids = m_view->selectedIds();
                ids.removeAll(from);
                if (!ids.contains(to))
                    ids << to;
                m_view->setSelection(ids);
            });
    QDockWidget* properties = add(QStringLiteral("propertiesDock"), tr("Properties"), m_properties,
                                  Qt::RightDockWidgetArea);
    m_preview = new DrawingPreview(m_services, *m_document, *m_symbols, *m_theme, this);
    QDockWidget* preview =
        add(QStringLiteral("previewDock"), tr("Preview"), m_preview, Qt::RightDockWidgetArea);
    QDockWidget* layers = add(QStringLiteral("layersDock"), tr("Layers"),
                              new LayersPanel(*m_view, this), Qt::RightDockWidgetArea);
    tabifyDockWidget(properties, layers);
    tabifyDockWidget(layers, preview);
    properties->raise();
    auto* undo = new QUndoView(m_document->undoStack(), this);
    undo->setEmptyLabel(tr("<opened>"));
    QDockWidget* history =
        add(QStringLiteral("undoDock"), tr("Undo history"), undo, Qt::BottomDockWidgetArea);
    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    QDockWidget* problems =
        add(QStringLiteral("problemsDock"), tr("Problems"), m_problems, Qt::BottomDockWidgetArea);
    splitDockWidget(history, problems, Qt::Horizontal);
    resizeDocks({history}, {150}, Qt::Vertical); // the drawing gets the height
    resizeDocks({symbols, properties}, {260, 340}, Qt::Horizontal);
    // A problem's element is selected on the canvas (when the drawing has it by that id).
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty() && m_document->find(id))
            m_view->select({id});
    });
}

QStringList DrawingEditor::place(const QString& code)
{
    std::optional<Graphics::Element> e = Graphics::Edits::newElement(code);
    if (!e)
        return {};
    e->position = m_view->pastePosition() - QPointF(e->size.width(), e->size.height()) / 2;
    const QStringList ids = m_document->add({*e});
    m_view->select(ids);
    return ids;
}

QAction* DrawingEditor::action(const QString& name) const
{
    const auto it = m_actions.find(name);
    return it == m_actions.end() ? nullptr : it->second;
}

void DrawingEditor::updateTitle()
{
    const Graphics::Drawing& d = m_document->drawing();
    setWindowTitle(tr("Edit graphics — %1[*]").arg(d.name.isEmpty() ? d.id : d.name));
    setWindowModified(m_document->isModified());
}

void DrawingEditor::showStatus(const QString& text)
{
    statusBar()->showMessage(text, 8000);
}

void DrawingEditor::previewStation(int station)
{
    if (!m_preview)
        return;
    m_preview->setStation(station);
    for (QDockWidget* d : findChildren<QDockWidget*>()) {
        if (d->objectName() == u"previewDock") {
            d->show();
            d->raise();
        }
    }
}

QStringList DrawingEditor::problems() const
{
    QStringList lines;
    for (int i = 0; m_problems && i < m_problems->count(); ++i)
        lines << m_problems->item(i)->text();
    return lines;
}

void DrawingEditor::checkNow()
{
    m_check.stop();
    if (!m_problems)
        return;
    const Project& project = m_services.project;
    const DrawingStore store(m_services);
    const Graphics::DrawingLibrary library = store.library();
    const Graphics::Drawing& drawing = m_document->drawing();
    const Graphics::CheckResult check = Graphics::checkEdited(library.drawings(), drawing, project);
    m_problems->clear();
    std::vector<int> served;
    for (const Graphics::StationCheck& s : check.stations) {
        const Station& station = project.stations[std::size_t(s.station)];
        if (s.hasDrawing())
            served.push_back(s.station);
        else
            m_problems->addItem(
                tr("%1: no drawing serves this station").arg(station.displayName()));
        for (const Graphics::Problem& p : s.problems) {
            auto* item = new QListWidgetItem(
                QStringLiteral("%1 [%2] %3 %4: %5")
                    .arg(station.displayName(), p.device, p.element, p.role, p.message),
                m_problems);
            item->setToolTip(p.toString());
            item->setData(Qt::UserRole, p.element);
        }
    }
    for (const Graphics::StrayOverride& stray : check.strayOverrides) {
        m_problems->addItem(
            tr("overrides for station '%1', which the project does not have").arg(stray.station));
    }
    for (const Graphics::LintWarning& w : Graphics::lintDrawing(drawing, *m_theme)) {
        auto* item =
            new QListWidgetItem(tr("Warning: %1 %2").arg(w.element, w.message), m_problems);
        item->setData(Qt::UserRole, w.element);
    }
    m_preview->setServed(served);
    if (m_preview->station() < 0 && !served.empty())
        m_preview->setStation(served.front());
}

bool DrawingEditor::save()
{
    m_lastError.clear();
    const Graphics::Drawing& drawing = m_document->drawing();
    DrawingStore store(m_services);
    if (!m_services.session.may(Action::EditGraphics)) {
        m_lastError = tr("Saving a drawing requires the “Engineer” role");
        QMessageBox::warning(this, windowTitle(), m_lastError);
        return false;
    }
    m_saved = store.library().drawings(); // another window may have saved one since
    const Graphics::CheckResult check = Graphics::checkEdited(m_saved, drawing, m_services.project);
    SaveDrawingDialog dialog(m_services.project, drawing, store.targetFile(drawing), check, this);
    const bool accepted = m_confirm ? m_confirm(dialog) : dialog.exec() == QDialog::Accepted;
    if (!accepted)
        return false;
    QString error;
    if (!store.save(*m_document, &error)) {
        m_lastError = error;
        showStatus(error);
        if (!m_confirm)
            QMessageBox::critical(this, tr("Saving failed"), error);
        return false;
    }
    m_saved = store.library().drawings();
    showStatus(tr("Saved to %1").arg(m_document->drawing().file));
    updateTitle();
    checkNow();
    Q_EMIT drawingSaved(drawing.id);
    return true;
}

void DrawingEditor::closeEvent(QCloseEvent* event)
{
    if (!m_document->isModified()) {
        event->accept();
        return;
    }
    const Graphics::Drawing& d = m_document->drawing();
    const QString question =
        tr("%1 has unsaved changes. Save them?").arg(d.name.isEmpty() ? d.id : d.name);
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    if (m_askToSave) {
        answer = m_askToSave(question);
    } else {
        answer = QMessageBox::question(
            this, windowTitle(), question,
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (answer == QMessageBox::Discard || (answer == QMessageBox::Save && save()))
        event->accept();
    else
        event->ignore();
}

} // namespace PumpWatch::Ui
