#include "drawingeditors.h"

#include "drawingeditor.h"
#include "drawingstore.h"

#include <QAction>
#include <QInputDialog>
#include <QMessageBox>
#include <QWidget>

#include <utility>

namespace PumpWatch::Ui {

DrawingEditors::DrawingEditors(Services& services, QWidget* window)
    : QObject(window)
    , m_services(services)
    , m_window(window)
    , m_action(new QAction(tr("Edit graphics…"), this))
{
    m_action->setObjectName(QStringLiteral("editGraphics"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_action, &QAction::triggered, this,
            [this] { openChosen(m_currentStation ? m_currentStation() : -1); });
    connect(&m_services.session, &Session::userChanged, this, &DrawingEditors::updateAction);
    updateAction();
}

DrawingEditors::~DrawingEditors() = default;

bool DrawingEditors::mayEdit(QString* why) const
{
    const bool may = m_services.session.may(Action::EditGraphics);
    if (!may && why)
        *why = tr("Requires the “Engineer” role");
    return may;
}

void DrawingEditors::updateAction()
{
    QString why;
    const bool may = mayEdit(&why);
    m_action->setEnabled(may);
    m_action->setToolTip(may ? tr("Edit the process graphics of the project") : why);
    // A user who may not edit (the screen locked, an operator taking over) does not see the
    // open editors; their unsaved edits wait, hidden, for an engineer.
    for (DrawingEditor* e : editors()) {
        if (!may && e->isVisible()) {
            e->hide();
            m_hidden.push_back(e);
        }
    }
    if (may) {
        for (const QPointer<DrawingEditor>& e : std::exchange(m_hidden, {})) {
            if (e)
                e->show();
        }
    }
}

std::vector<DrawingEditor*> DrawingEditors::editors() const
{
    std::vector<DrawingEditor*> open;
    for (const QPointer<DrawingEditor>& e : m_editors) {
        if (e)
            open.push_back(e);
    }
    return open;
}

bool DrawingEditors::closeAll()
{
    // An engineer's unsaved drawing is not for someone else to discard.
    if (!mayEdit()) {
        for (DrawingEditor* e : editors()) {
            if (e->document().isModified()) {
                auto* box = new QMessageBox(QMessageBox::Information, tr("Unsaved drawing"),
                                            tr("A drawing has unsaved changes: an engineer must "
                                               "save or discard them first."),
                                            QMessageBox::Ok, m_window);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open(); // not modal to the caller: the close it answers is refused already
                return false;
            }
        }
    }
    for (DrawingEditor* e : editors()) {
        if (!e->close())
            return false;
    }
    return true;
}

DrawingEditor* DrawingEditors::show(Graphics::Drawing drawing)
{
    for (DrawingEditor* e : editors()) {
        if (e->document().drawing().id == drawing.id) {
            e->show();
            e->raise();
            e->activateWindow();
            return e;
        }
    }
    auto* editor = new DrawingEditor(m_services, std::move(drawing), m_window);
    editor->setWindowFlag(Qt::Window);
    connect(editor, &DrawingEditor::drawingSaved, this, &DrawingEditors::drawingSaved);
    connect(editor, &DrawingEditor::openRequested, this, &DrawingEditors::open);
    connect(editor, &DrawingEditor::newRequested, this, &DrawingEditors::openNew);
    std::erase_if(m_editors, [](const QPointer<DrawingEditor>& e) { return !e; });
    m_editors.emplace_back(editor);
    editor->show();
    return editor;
}

DrawingEditor* DrawingEditors::open(const QString& id)
{
    if (!mayEdit())
        return nullptr;
    const Graphics::DrawingLibrary library = DrawingStore(m_services).library();
    const Graphics::Drawing* drawing = library.find(id);
    return drawing ? show(*drawing) : nullptr;
}

DrawingEditor* DrawingEditors::openNew(const Graphics::Drawing& drawing)
{
    return mayEdit() ? show(drawing) : nullptr;
}

DrawingEditor* DrawingEditors::openForStation(int station)
{
    if (!mayEdit() || station < 0 || station >= int(m_services.project.stations.size()))
        return nullptr;
    const Graphics::DrawingLibrary library = DrawingStore(m_services).library();
    const Graphics::Drawing* drawing = library.drawingFor(m_services.project, station);
    if (!drawing)
        return nullptr;
    DrawingEditor* editor = show(*drawing);
    editor->previewStation(station);
    return editor;
}

void DrawingEditors::openChosen(int station)
{
    if (!mayEdit())
        return;
    if (station >= 0 && openForStation(station))
        return;
    const Graphics::DrawingLibrary library = DrawingStore(m_services).library();
    const std::vector<Graphics::Drawing>& drawings = library.drawings();
    if (drawings.size() == 1) {
        show(drawings.front());
        return;
    }
    QStringList items;
    for (const Graphics::Drawing& d : drawings)
        items << QStringLiteral("%1 (%2)").arg(d.name, d.id);
    if (items.isEmpty())
        return;
    bool ok = false;
    const QString item =
        QInputDialog::getItem(m_window, tr("Edit graphics"), tr("Drawing:"), items, 0, false, &ok);
    const qsizetype i = items.indexOf(item);
    if (ok && i >= 0)
        show(drawings[std::size_t(i)]);
}

} // namespace PumpWatch::Ui
