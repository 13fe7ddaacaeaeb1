// DrawingEditor's actions, menus and toolbar, and the edits they run on the selection.
#include "drawingeditor.h"
#include "drawingstore.h"
#include "editorparts.h"
#include "sceneexport.h"

#include <graphics/drawingjson.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace PumpWatch::Ui {

namespace {

QString mimeType()
{
    return QString::fromLatin1(Graphics::Edits::ClipboardMimeType);
}

bool clipboardHasElements()
{
    const QMimeData* data = QGuiApplication::clipboard()->mimeData();
    return data && data->hasFormat(mimeType());
}

} // namespace

QAction* DrawingEditor::addAction(const QString& name, const QString& text, const QKeySequence& key,
                                  const std::function<void()>& run)
{
    auto* a = new QAction(text, this);
    a->setObjectName(name);
    if (!key.isEmpty()) {
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
    }
    if (run)
        connect(a, &QAction::triggered, this, run);
    m_actions[name] = a;
    QMainWindow::addAction(a); // shortcuts work while the menu bar is hidden, too
    return a;
}

void DrawingEditor::buildActions()
{
    using Graphics::Align;
    using Graphics::ZOrder;
    Graphics::DrawingDocument& doc = *m_document;
    const auto ids = [this] { return m_view->selectedIds(); };

    addAction(QStringLiteral("new"), tr("New…"), QKeySequence::New, [this] { newDrawing(); });
    addAction(QStringLiteral("open"), tr("Open…"), QKeySequence::Open, [this] { openDrawing(); });
    addAction(QStringLiteral("save"), tr("Save"), QKeySequence(Qt::CTRL | Qt::Key_S),
              [this] { save(); });
    addAction(QStringLiteral("export"), tr("Export…"), {}, [this] { exportImage(); });
    addAction(QStringLiteral("importBackground"), tr("Import background…"), {},
              [this] { importBackground(); });
    addAction(QStringLiteral("close"), tr("Close"), QKeySequence::Close, [this] { close(); });

    QAction* undo = doc.undoStack()->createUndoAction(this, tr("Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_actions[undo->objectName()] = undo;
    QAction* redo = doc.undoStack()->createRedoAction(this, tr("Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    m_actions[redo->objectName()] = redo;
    QMainWindow::addActions({undo, redo});

    addAction(QStringLiteral("cut"), tr("Cut"), QKeySequence::Cut, [this] { cutSelection(); });
    addAction(QStringLiteral("copy"), tr("Copy"), QKeySequence::Copy, [this] { copySelection(); });
    addAction(QStringLiteral("paste"), tr("Paste"), QKeySequence::Paste,
              [this] { pasteClipboard(); });
    addAction(QStringLiteral("delete"), tr("Delete"), QKeySequence::Delete,
              [&doc, ids] { doc.remove(ids()); });
    addAction(QStringLiteral("selectAll"), tr("Select all"), QKeySequence::SelectAll, [this] {
        QStringList all;
        for (const Graphics::Element& e : m_document->drawing().elements)
            all << e.id;
        m_view->select(all);
    });

    addAction(QStringLiteral("group"), tr("Group"), QKeySequence(Qt::CTRL | Qt::Key_G),
              [this] { groupSelection(); });
    addAction(QStringLiteral("ungroup"), tr("Ungroup"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), [this] { ungroupSelection(); });
    const std::pair<const char*, ZOrder> orders[] = {{"front", ZOrder::Front},
                                                     {"forward", ZOrder::Forward},
                                                     {"backward", ZOrder::Backward},
                                                     {"back", ZOrder::Back}};
    const QString orderTexts[] = {tr("Bring to front"), tr("Bring forward"), tr("Send backward"),
                                  tr("Send to back")};
    const QKeySequence orderKeys[] = {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_BracketRight),
                                      QKeySequence(Qt::CTRL | Qt::Key_BracketRight),
                                      QKeySequence(Qt::CTRL | Qt::Key_BracketLeft),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_BracketLeft)};
    for (int i = 0; i < 4; ++i) {
        const ZOrder how = orders[i].second;
        addAction(QString::fromLatin1(orders[i].first), orderTexts[i], orderKeys[i],
                  [&doc, ids, how] { doc.reorder(ids(), how); });
    }
    const std::pair<const char*, Align> aligns[] = {
        {"alignLeft", Align::Left},       {"alignHCenter", Align::HCenter},
        {"alignRight", Align::Right},     {"alignTop", Align::Top},
        {"alignVCenter", Align::VCenter}, {"alignBottom", Align::Bottom}};
    const QString alignTexts[] = {
        tr("Align left"), tr("Align centres horizontally"), tr("Align right"),
        tr("Align top"),  tr("Align centres vertically"),   tr("Align bottom")};
    for (int i = 0; i < 6; ++i) {
        const Align how = aligns[i].second;
        addAction(QString::fromLatin1(aligns[i].first), alignTexts[i], {},
                  [&doc, ids, how] { doc.align(ids(), how); });
    }
    addAction(QStringLiteral("distributeH"), tr("Distribute horizontally"), {},
              [&doc, ids] { doc.distribute(ids(), Qt::Horizontal); });
    addAction(QStringLiteral("distributeV"), tr("Distribute vertically"), {},
              [&doc, ids] { doc.distribute(ids(), Qt::Vertical); });
    addAction(QStringLiteral("sameSize"), tr("Same size"), {},
              [&doc, ids] { doc.sameSize(ids()); });
    addAction(QStringLiteral("rotate"), tr("Rotate 90°"), QKeySequence(Qt::CTRL | Qt::Key_R),
              [&doc, ids] { doc.rotate(ids(), 90); });
    addAction(QStringLiteral("mirror"), tr("Mirror"), QKeySequence(Qt::CTRL | Qt::Key_M),
              [&doc, ids] { doc.mirror(ids()); });

    QAction* grid = addAction(QStringLiteral("grid"), tr("Grid"),
                              QKeySequence(Qt::CTRL | Qt::Key_Apostrophe), {});
    grid->setCheckable(true);
    grid->setChecked(m_view->gridVisible());
    connect(grid, &QAction::toggled, m_view, &EditorView::setGridVisible);
    QAction* snap = addAction(QStringLiteral("snap"), tr("Snap to grid"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Apostrophe), {});
    snap->setCheckable(true);
    snap->setChecked(m_view->snapToGrid());
    connect(snap, &QAction::toggled, m_view, &EditorView::setSnapToGrid);
    QAction* pipe =
        addAction(QStringLiteral("pipeTool"), tr("Connect pipe"), QKeySequence(Qt::Key_P), {});
    pipe->setCheckable(true);
    connect(pipe, &QAction::toggled, this, [this](bool on) {
        m_view->setTool(on ? EditorView::Tool::Pipe : EditorView::Tool::Select);
    });
    connect(m_view, &EditorView::toolChanged, pipe,
            [pipe](EditorView::Tool tool) { pipe->setChecked(tool == EditorView::Tool::Pipe); });
    addAction(QStringLiteral("zoomIn"), tr("Zoom in"), QKeySequence::ZoomIn,
              [this] { m_view->zoomIn(); });
    addAction(QStringLiteral("zoomOut"), tr("Zoom out"), QKeySequence::ZoomOut,
              [this] { m_view->zoomOut(); });
    addAction(QStringLiteral("zoomFit"), tr("Fit to window"), QKeySequence(Qt::CTRL | Qt::Key_0),
              [this] { m_view->zoomToFit(); });

    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this,
            &DrawingEditor::updateActions);
}

void DrawingEditor::buildMenus()
{
    const auto fill = [this](QWidget* menu, std::initializer_list<const char*> names) {
        for (const char* name : names) {
            if (!*name) {
                auto* separator = new QAction(menu);
                separator->setSeparator(true);
                menu->addAction(separator);
            } else {
                menu->addAction(action(QString::fromLatin1(name)));
            }
        }
    };
    fill(menuBar()->addMenu(tr("&File")),
         {"new", "open", "save", "", "export", "importBackground", "", "close"});
    fill(menuBar()->addMenu(tr("&Edit")),
         {"undo", "redo", "", "cut", "copy", "paste", "delete", "", "selectAll"});
    fill(menuBar()->addMenu(tr("&Arrange")),
         {"group",        "ungroup",      "",           "front",
          "forward",      "backward",     "back",       "",
          "alignLeft",    "alignHCenter", "alignRight", "alignTop",
          "alignVCenter", "alignBottom",  "",           "distributeH",
          "distributeV",  "sameSize",     "",           "rotate",
          "mirror"});
    QMenu* view = menuBar()->addMenu(tr("&View"));
    fill(view, {"grid", "snap", "", "pipeTool", "", "zoomIn", "zoomOut", "zoomFit", ""});
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());

    QToolBar* bar = addToolBar(tr("Drawing"));
    bar->setObjectName(QStringLiteral("editorToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // The toolbar's undo and redo keep a short text (the command's name is in their tooltip
    // and the 编辑 menu): a text that changed with every edit moved every button after them.
    QUndoStack* stack = m_document->undoStack();
    for (const bool undo : {true, false}) {
        auto* a = new QAction(undo ? tr("Undo") : tr("Redo"), bar);
        a->setObjectName(undo ? QStringLiteral("undoTool") : QStringLiteral("redoTool"));
        const auto update = [a, stack, undo] {
            a->setEnabled(undo ? stack->canUndo() : stack->canRedo());
            a->setToolTip(undo ? stack->undoText() : stack->redoText());
        };
        connect(a, &QAction::triggered, stack, undo ? &QUndoStack::undo : &QUndoStack::redo);
        connect(stack, &QUndoStack::indexChanged, a, update);
        connect(stack, &QUndoStack::cleanChanged, a, update);
        update();
        m_actions[a->objectName()] = a;
    }
    fill(bar, {"save",
               "",
               "undoTool",
               "redoTool",
               "",
               "pipeTool",
               "grid",
               "snap",
               "",
               "group",
               "ungroup",
               "",
               "alignLeft",
               "alignHCenter",
               "alignRight",
               "alignTop",
               "alignVCenter",
               "alignBottom",
               "distributeH",
               "distributeV",
               "",
               "rotate",
               "mirror",
               "",
               "zoomFit"});
}

void DrawingEditor::updateActions()
{
    if (!m_view)
        return;
    const QStringList ids = m_view->selectedIds();
    const int n = int(ids.size());
    const auto enable = [this](const char* name, bool on) {
        if (QAction* a = action(QString::fromLatin1(name)))
            a->setEnabled(on);
    };
    for (const char* name :
         {"cut", "copy", "delete", "front", "forward", "backward", "back", "rotate", "mirror"})
        enable(name, n >= 1);
    for (const char* name : {"group", "alignLeft", "alignHCenter", "alignRight", "alignTop",
                             "alignVCenter", "alignBottom", "sameSize"})
        enable(name, n >= 2);
    enable("distributeH", n >= 3);
    enable("distributeV", n >= 3);
    const Graphics::Element* one = n == 1 ? m_document->find(ids.first()) : nullptr;
    enable("ungroup", one && one->kind == Graphics::ElementKind::Group);
    enable("paste", clipboardHasElements());
    enable("selectAll", !m_document->drawing().elements.empty());
    const bool engineer = m_services.session.may(Action::EditGraphics);
    enable("save", engineer);
    // Only an engineer changes a drawing: for anyone else the whole window is inert — its
    // canvas, panels, actions and any toolbar or dock floated off it (children all).
    setEnabled(engineer);
    if (QAction* s = action(QStringLiteral("save")))
        s->setToolTip(engineer ? tr("Save (Ctrl+S)") : tr("Requires the “Engineer” role"));
    m_selectionCount->setText(tr("%n selected", nullptr, n));
}

void DrawingEditor::copySelection()
{
    const QStringList ids = m_view->selectedIds();
    if (ids.isEmpty())
        return;
    auto* mime = new QMimeData;
    mime->setData(mimeType(), Graphics::Edits::copy(m_document->drawing(), ids));
    QGuiApplication::clipboard()->setMimeData(mime);
    showStatus(tr("%n element(s) copied", nullptr, int(ids.size())));
}

void DrawingEditor::cutSelection()
{
    const QStringList ids = m_view->selectedIds();
    copySelection();
    m_document->remove(ids);
}

void DrawingEditor::pasteClipboard()
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(mimeType()))
        return;
    const QByteArray copied = mime->data(mimeType());
    // Where the copied elements were, so that they land at the paste position.
    QPointF offset(20, 20);
    const Graphics::DrawingLoad load =
        Graphics::DrawingJson::read(copied, QStringLiteral("clipboard"));
    if (load.drawing) {
        QStringList top;
        for (const Graphics::Element& e : load.drawing->elements)
            top << e.id;
        const QRectF from = Graphics::Edits::bounds(*load.drawing, top);
        if (!from.isNull())
            offset = m_view->pastePosition() - from.topLeft();
    }
    const Graphics::Edits::PasteResult result = m_document->paste(copied, offset);
    if (!result.error.isEmpty()) {
        showStatus(result.error);
        return;
    }
    m_view->select(result.ids);
    QString text = tr("%n element(s) pasted", nullptr, int(result.ids.size()));
    if (!result.conflicts.isEmpty()) {
        text += u' ' + tr("— roles declared differently here kept as this drawing has them: %1")
                           .arg(result.conflicts.join(QStringLiteral(", ")));
    }
    showStatus(text);
}

void DrawingEditor::groupSelection()
{
    const QString id = m_document->group(m_view->selectedIds());
    if (id.isEmpty()) {
        showStatus(tr("These elements cannot be grouped: they must share one parent"));
        return;
    }
    m_view->select({id});
}

void DrawingEditor::ungroupSelection()
{
    const QStringList ids = m_view->selectedIds();
    if (ids.size() != 1)
        return;
    QString why;
    const QStringList children = m_document->ungroup(ids.first(), &why);
    if (children.isEmpty()) {
        showStatus(why.isEmpty() ? tr("This group cannot be ungrouped") : why);
        return;
    }
    m_view->select(children);
}

void DrawingEditor::exportImage()
{
    const QString filters = sceneExportFilters().join(QStringLiteral(";;"));
    const Graphics::Drawing& d = m_document->drawing();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export drawing"),
                                                      d.id + QStringLiteral(".png"), filters);
    if (path.isEmpty())
        return;
    const QRectF canvas(QPointF(), d.canvas);
    QString error;
    const bool written =
        exportScene(*m_view->scene(), canvas, path, &error, d.name.isEmpty() ? d.id : d.name);
    showStatus(written ? tr("Exported to %1").arg(path) : tr("%1: %2").arg(path, error));
}

namespace {

/// An image element (ElementKind::Image, Element::source) once the drawing model has it; false
/// before. A template, so that the check compiles either way.
template <typename E, typename K>
bool makeImage(E& e, const QString& source)
{
    if constexpr (requires(E & x) {
                      x.source;
                      K::Image;
                  }) {
        e.kind = K::Image;
        e.source = source;
        return true;
    } else {
        Q_UNUSED(e);
        Q_UNUSED(source);
        return false;
    }
}

} // namespace

void DrawingEditor::importBackground()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import background"), QString(),
                                                      tr("Pictures (*.svg *.png)"));
    if (path.isEmpty())
        return;
    placeBackground(path);
}

bool DrawingEditor::placeBackground(const QString& path)
{
    Graphics::Element e;
    if (!makeImage<Graphics::Element, Graphics::ElementKind>(e,
                                                             QFileInfo(path).absoluteFilePath())) {
        showStatus(tr("Importing a background needs a newer version of the drawing format"));
        return false;
    }
    // Behind everything, filling the canvas: a plan or photo to draw over.
    e.id = Graphics::Edits::uniqueId(m_document->drawing(), QStringLiteral("background"));
    e.layer = Graphics::Layer::Background;
    e.size = m_document->drawing().canvas;
    const QStringList ids = m_document->add({e});
    if (ids.isEmpty())
        return false;
    m_document->reorder(ids, Graphics::ZOrder::Back);
    m_view->select(ids);
    return true;
}

void DrawingEditor::newDrawing()
{
    const Project& p = m_services.project;
    QStringList templates;
    for (const StationTemplate& t : p.templates)
        templates << t.id;
    if (templates.isEmpty())
        return;
    bool ok = false;
    const QString templateId = QInputDialog::getItem(
        this, tr("New drawing"), tr("Station template:"), templates, 0, false, &ok);
    if (!ok)
        return;
    const DrawingStore store(m_services);
    QStringList taken;
    for (const GraphicRef& g : store.graphicRefs())
        taken << g.id;
    QString proposed = templateId;
    for (int n = 2; taken.contains(proposed); ++n)
        proposed = templateId + u'-' + QString::number(n);
    const QString id =
        QInputDialog::getText(this, tr("New drawing"), tr("Drawing id (letters, digits, - and _):"),
                              QLineEdit::Normal, proposed, &ok)
            .trimmed();
    if (!ok || id.isEmpty())
        return;
    if (!isDrawingId(id)) {
        QMessageBox::warning(this, tr("New drawing"),
                             tr("'%1' is not a drawing id: letters, digits, - and _ only").arg(id));
        return;
    }
    if (taken.contains(id)) {
        QMessageBox::warning(this, tr("New drawing"),
                             tr("The project already has a drawing '%1'").arg(id));
        return;
    }
    Graphics::Drawing d;
    d.id = id;
    d.name = id;
    d.templateId = templateId;
    // Every tag of the template as a role, so the new drawing binds from the first element.
    for (const StationTemplate& t : p.templates) {
        if (t.id == templateId)
            d.roles = Graphics::Edits::templateRoles(t);
    }
    Q_EMIT newRequested(d);
}

void DrawingEditor::openDrawing()
{
    const DrawingStore store(m_services);
    const Graphics::DrawingLibrary library = store.library();
    QStringList items;
    QStringList ids;
    for (const Graphics::Drawing& d : library.drawings()) {
        items << QStringLiteral("%1 (%2)").arg(d.name, d.id);
        ids << d.id;
    }
    if (items.isEmpty())
        return;
    bool ok = false;
    const QString item =
        QInputDialog::getItem(this, tr("Open drawing"), tr("Drawing:"), items, 0, false, &ok);
    if (ok && items.indexOf(item) >= 0)
        Q_EMIT openRequested(ids.at(items.indexOf(item)));
}

} // namespace PumpWatch::Ui
