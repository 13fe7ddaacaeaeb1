#include "editorview.h"

#include "editorgestures.h"
#include "editorpaint.h"
#include "elementitem.h"

#include <graphics/symbolports.h>

#include <QCursor>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>

#include <cmath>

namespace PumpWatch::Ui {
namespace {

using Graphics::ElementKind;
namespace Edits = Graphics::Edits;

constexpr double MinZoom = 0.1;
constexpr double MaxZoom = 8.0;
constexpr double PortSnapPx = 12.0; ///< the pipe tool finds a port this close (screen px)
constexpr double PortGrabPx = 6.0;  ///< the select tool starts a pipe this close to a port
constexpr double HitTolerancePx = 3.0;

} // namespace

EditorView::EditorView(Graphics::DrawingDocument& document, const Graphics::SymbolLibrary& symbols,
                       const Graphics::Theme& theme, QWidget* parent)
    : QGraphicsView(parent)
    , m_document(document)
    , m_symbols(symbols)
    , m_theme(theme)
    , m_scene(new QGraphicsScene(this))
    , m_items(*m_scene, document, m_context)
{
    setObjectName(QStringLiteral("editorView"));
    m_context.library = &m_symbols;
    m_context.theme = &m_theme;
    // Items move while dragging: a BSP index would be rebuilt on every move.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setOptimizationFlags(QGraphicsView::DontSavePainterState |
                         QGraphicsView::DontAdjustForAntialiasing);
    setCacheMode(QGraphicsView::CacheBackground); // the canvas and its grid
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setDragMode(QGraphicsView::NoDrag);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    viewport()->setMouseTracking(true);
    connect(&m_document, &Graphics::DrawingDocument::changed, this, &EditorView::documentChanged);
    m_items.rebuildAll();
    updateSceneRect();
}

EditorView::~EditorView()
{
    m_gesture.reset(); // it may hold items
    m_scene->clear();  // while the context they paint with is still there
}

// --- the document's items -----------------------------------------------------------------

void EditorView::documentChanged(const Graphics::DrawingChange& change)
{
    cancelGesture();
    m_hoverPort.reset();
    m_hoverElement.clear();
    if (const auto box = resizableBox())
        updateOverlay(box->adjusted(-10, -10, 10, 10));
    // Roles, zones or the canvas changed: every item may show them (a value's unit comes from
    // its role), so all are rebuilt — rare, and 2000 items take a few milliseconds.
    if (change.meta)
        m_items.rebuildAll();
    else
        m_items.apply(change);
    if (change.meta) {
        updateSceneRect();
        resetCachedContent();
        viewport()->update();
    }
    // The selection is kept by id: rebuilt items get their look back.
    QStringList kept;
    for (const QString& id : std::as_const(m_selection))
        if (m_items.item(id))
            kept << id;
    // Compared with the selection before the change, so a selection that vanished (deleted,
    // an add undone) is announced and the panels stop showing it.
    applySelection(kept, false);
}

void EditorView::updateSceneRect()
{
    const QRectF canvas(QPointF(0, 0), m_document.drawing().canvas);
    const double margin = std::max(200.0, std::max(canvas.width(), canvas.height()) * 0.1);
    m_scene->setSceneRect(canvas.adjusted(-margin, -margin, margin, margin));
}

// --- selection ----------------------------------------------------------------------------

void EditorView::select(const QStringList& ids)
{
    applySelection(ids, true);
}

void EditorView::setSelection(const QStringList& ids)
{
    applySelection(ids, false);
}

void EditorView::applySelection(const QStringList& ids, bool scroll)
{
    QStringList clean;
    // Nothing on a locked or hidden layer is selected, whoever asks (select all, the panels).
    for (const QString& id : ids)
        if (const ElementItem* item = m_items.item(id);
            item && isEditable(*item) && !clean.contains(id))
            clean << id;
    if (const auto box = resizableBox())
        updateOverlay(box->adjusted(-10, -10, 10, 10));
    for (const QString& id : std::as_const(m_selection))
        if (ElementItem* it = m_items.item(id))
            it->setSelectedLook(false);
    const bool changed = clean != m_selection;
    m_selection = clean;
    for (const QString& id : std::as_const(m_selection))
        m_items.item(id)->setSelectedLook(true);
    if (const auto box = resizableBox())
        updateOverlay(box->adjusted(-10, -10, 10, 10));
    if (scroll && !clean.isEmpty())
        ensureVisible(Edits::bounds(m_document.drawing(), clean), 40, 40);
    if (changed)
        Q_EMIT selectionChanged();
}

ElementItem* EditorView::elementAt(QPointF scenePos) const
{
    return m_items.elementAt(scenePos, HitTolerancePx / zoom());
}

// --- settings -----------------------------------------------------------------------------

void EditorView::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    cancelGesture();
    m_tool = tool;
    m_hoverPort.reset();
    viewport()->setCursor(tool == Tool::Pipe ? Qt::CrossCursor : Qt::ArrowCursor);
    viewport()->update();
    Q_EMIT toolChanged(tool);
    Q_EMIT statusMessage(tool == Tool::Pipe
                             ? tr("Press on a port (or anywhere) and drag to draw a pipe")
                             : QString());
}

void EditorView::setGridVisible(bool on)
{
    m_gridVisible = on;
    resetCachedContent();
    viewport()->update();
}

QPointF EditorView::snapped(QPointF p) const
{
    if (!m_snap)
        return p;
    const double g = gridSize();
    return {std::round(p.x() / g) * g, std::round(p.y() / g) * g};
}

void EditorView::setLayerVisible(Graphics::Layer l, bool on)
{
    m_items.setLayerVisible(l, on);
    setSelection(m_items.editable(m_selection));
}

void EditorView::setLayerLocked(Graphics::Layer l, bool on)
{
    m_items.setLayerLocked(l, on);
    setSelection(m_items.editable(m_selection));
}

double EditorView::zoom() const
{
    return transform().m11();
}

void EditorView::zoomIn()
{
    const double factor = std::min(1.25, MaxZoom / zoom());
    scale(factor, factor);
}

void EditorView::zoomOut()
{
    const double factor = std::max(0.8, MinZoom / zoom());
    scale(factor, factor);
}

void EditorView::zoomToFit()
{
    fitInView(QRectF(QPointF(0, 0), m_document.drawing().canvas).adjusted(-20, -20, 20, 20),
              Qt::KeepAspectRatio);
}

QPointF EditorView::pastePosition() const
{
    const QPoint under = viewport()->mapFromGlobal(QCursor::pos());
    if (viewport()->rect().contains(under))
        return mapToScene(under);
    return mapToScene(viewport()->rect().center());
}

void EditorView::setTheme(const Graphics::Theme& theme)
{
    m_theme = theme;
    m_items.themeChanged();
    resetCachedContent();
    viewport()->update();
}

QPoint EditorView::viewportPointOf(QStringView elementId, QPointF unit) const
{
    const Graphics::Element* e = m_document.find(elementId);
    if (!e)
        return {};
    const QRectF r = Edits::bounds(*e);
    return mapFromScene(r.topLeft() + QPointF(unit.x() * r.width(), unit.y() * r.height()));
}

QPoint EditorView::viewportPointOfPort(QStringView elementId, QStringView port) const
{
    const Graphics::Element* e = m_document.find(elementId);
    return e ? mapFromScene(Graphics::portPosition(*e, port)) : QPoint();
}

// --- ports and overlay --------------------------------------------------------------------

std::optional<Graphics::PortHit> EditorView::portAt(QPointF scenePos, QStringView skip) const
{
    return m_items.portAt(scenePos, PortSnapPx / zoom(), skip);
}

bool EditorView::grabsPort(const Graphics::PortHit& port, QPointF scenePos) const
{
    // Near the port, but never from the middle of a small (or far zoomed-out) symbol: there a
    // press moves it.
    double reach = PortGrabPx / zoom();
    if (const ElementItem* owner = m_items.item(port.end.element)) {
        const QRectF box = owner->elementBounds();
        reach = std::min(reach, 0.25 * std::min(box.width(), box.height()));
    }
    return QLineF(port.position, scenePos).length() <= reach;
}

void EditorView::updateOverlay(const QRectF& sceneRect)
{
    if (!sceneRect.isEmpty())
        m_scene->update(sceneRect);
}

std::optional<QRectF> EditorView::resizableBox() const
{
    if (m_selection.size() != 1)
        return std::nullopt;
    const Graphics::Element* e = m_document.find(m_selection.first());
    const ElementItem* it = m_items.item(m_selection.first());
    if (!e || !it || e->kind == ElementKind::Pipe || e->kind == ElementKind::Group ||
        !isEditable(*it))
        return std::nullopt;
    const int quarter = int(std::lround(e->rotationDeg / 90.0)) % 4;
    if (quarter % 2 != 0) // handles on a turned box would pull the wrong way
        return std::nullopt;
    return QRectF(e->position, e->size);
}

int EditorView::handleAt(QPoint viewportPos) const
{
    const auto box = resizableBox();
    if (!box)
        return -1;
    const QPointF at = mapToScene(viewportPos);
    const auto rects = EditorPaint::handleRects(*box, 1.0 / zoom());
    for (size_t i = 0; i < rects.size(); ++i)
        if (rects[i].adjusted(-2 / zoom(), -2 / zoom(), 2 / zoom(), 2 / zoom()).contains(at))
            return int(i);
    return -1;
}

void EditorView::cancelGesture()
{
    if (auto gesture = std::move(m_gesture))
        gesture->cancel();
}

void EditorView::drawBackground(QPainter* painter, const QRectF& rect)
{
    EditorPaint::canvas(*painter, rect, m_document.drawing().canvas, m_theme, gridSize(),
                        m_gridVisible, 1.0 / zoom());
}

void EditorView::drawForeground(QPainter* painter, const QRectF& rect)
{
    const double pixel = 1.0 / zoom();
    if (m_tool == Tool::Pipe) {
        EditorPaint::ports(*painter, rect, m_items.ports(), m_hoverPort, pixel);
    } else if (!m_hoverElement.isEmpty()) {
        std::vector<Graphics::PortHit> own;
        for (const Graphics::PortHit& port : m_items.ports())
            if (port.end.element == m_hoverElement)
                own.push_back(port);
        EditorPaint::ports(*painter, rect, own, m_hoverPort, pixel);
    }
    if (!m_gesture)
        if (const auto box = resizableBox())
            EditorPaint::handles(*painter, *box, pixel);
    if (m_gesture)
        m_gesture->paint(*painter, pixel);
}
// --- input --------------------------------------------------------------------------------

void EditorView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    const QPoint at = event->position().toPoint();
    const QPointF scenePos = mapToScene(at);
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panFrom = at;
        viewport()->setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (event->button() == Qt::RightButton) {
        // The context menu (the window's) acts on what was clicked: select it first.
        if (ElementItem* hit = elementAt(scenePos);
            hit && !m_selection.contains(hit->id()) && !m_selection.contains(hit->topLevelId()))
            setSelection({hit->topLevelId()});
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    cancelGesture();
    const bool add = event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier);
    if (const int handle = handleAt(at); handle >= 0 && !add && m_tool == Tool::Select) {
        updateOverlay(resizableBox()->adjusted(-10, -10, 10, 10));
        m_gesture =
            std::make_unique<ResizeGesture>(*this, m_selection.first(), *resizableBox(), handle);
        return;
    }
    const std::optional<Graphics::PortHit> port = portAt(scenePos);
    if (port && (m_tool == Tool::Pipe || grabsPort(*port, scenePos))) {
        m_gesture =
            std::make_unique<PipeGesture>(*this, port->end, port->position, port->direction);
        Q_EMIT statusMessage(tr("Release on a port, on a pipe (a tee) or anywhere (a loose end)"));
        return;
    }
    if (m_tool == Tool::Pipe) {
        m_gesture =
            std::make_unique<PipeGesture>(*this, Graphics::PipeEnd{}, snapped(scenePos), QPointF());
        return;
    }
    if (ElementItem* hit = elementAt(scenePos)) {
        // A click picks the top-level element (a group as a whole); a child chosen by a
        // double-click stays the target of the next drag.
        ElementItem* top = m_items.item(hit->topLevelId());
        const QString id = m_selection.contains(hit->id()) || !top || !isEditable(*top)
                               ? hit->id()
                               : hit->topLevelId();
        if (add) {
            QStringList ids = m_selection;
            if (!ids.removeOne(id))
                ids << id;
            setSelection(ids);
            return;
        }
        if (!m_selection.contains(id))
            setSelection({id});
        if (const auto box = resizableBox())
            updateOverlay(box->adjusted(-10, -10, 10, 10)); // handles hide while dragging
        m_gesture = std::make_unique<MoveGesture>(*this, m_items.editable(m_selection), scenePos);
        return;
    }
    if (!add)
        setSelection({});
    m_gesture = std::make_unique<RubberBandGesture>(*this, scenePos, add);
}

void EditorView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint at = event->position().toPoint();
    if (m_panning) {
        const QPoint delta = at - m_panFrom;
        m_panFrom = at;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        return;
    }
    if (m_gesture && (event->buttons() & Qt::LeftButton)) {
        m_gesture->move(mapToScene(at), event->modifiers());
        return;
    }
    hover(mapToScene(at), at);
}

void EditorView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning && event->button() != Qt::RightButton) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    if (auto gesture = std::move(m_gesture)) {
        gesture->finish(mapToScene(event->position().toPoint()));
        if (const auto box = resizableBox())
            updateOverlay(box->adjusted(-10, -10, 10, 10));
        Q_EMIT statusMessage(QString());
    }
}

void EditorView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_tool != Tool::Select)
        return;
    cancelGesture();
    // The child itself: a pump inside a repeat group, to bind it.
    if (ElementItem* hit = elementAt(mapToScene(event->position().toPoint())))
        setSelection({hit->id()});
}

void EditorView::hover(QPointF scenePos, QPoint viewportPos)
{
    const std::optional<Graphics::PortHit> port = portAt(scenePos);
    const bool near = port && (m_tool == Tool::Pipe || grabsPort(*port, scenePos));
    const std::optional<Graphics::PortHit> shown = near ? port : std::nullopt;
    const ElementItem* under = m_tool == Tool::Select ? elementAt(scenePos) : nullptr;
    QString element = under && under->element().kind == ElementKind::Symbol ? under->id()
                      : shown                                               ? shown->end.element
                                                                            : QString();
    const bool portChanged = shown.has_value() != m_hoverPort.has_value() ||
                             (shown && !(shown->end == m_hoverPort->end));
    if (portChanged || element != m_hoverElement) {
        auto area = [this](const QString& id, const std::optional<Graphics::PortHit>& p) {
            QRectF r;
            if (const ElementItem* it = m_items.item(id))
                r = it->elementBounds();
            if (p)
                r |= QRectF(p->position, QSizeF()).adjusted(-12, -12, 12, 12);
            return r.adjusted(-20, -20, 20, 20);
        };
        updateOverlay(area(m_hoverElement, m_hoverPort));
        m_hoverPort = shown;
        m_hoverElement = element;
        updateOverlay(area(m_hoverElement, m_hoverPort));
        if (portChanged)
            Q_EMIT statusMessage(shown ? tr("Drag to a port to connect") : QString());
    }
    static constexpr std::array<Qt::CursorShape, 8> handleCursors{
        Qt::SizeFDiagCursor, Qt::SizeVerCursor, Qt::SizeBDiagCursor, Qt::SizeHorCursor,
        Qt::SizeFDiagCursor, Qt::SizeVerCursor, Qt::SizeBDiagCursor, Qt::SizeHorCursor};
    const int handle = m_tool == Tool::Select ? handleAt(viewportPos) : -1;
    viewport()->setCursor(handle >= 0                     ? handleCursors[size_t(handle)]
                          : shown || m_tool == Tool::Pipe ? Qt::CrossCursor
                          : m_spaceHeld                   ? Qt::OpenHandCursor
                          : under                         ? Qt::SizeAllCursor
                                                          : Qt::ArrowCursor);
}

void EditorView::keyPressEvent(QKeyEvent* event)
{
    const QStringList ids = m_items.editable(m_selection);
    const double step = event->modifiers() & Qt::ShiftModifier ? gridSize() : 1.0;
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        return;
    case Qt::Key_Escape:
        if (m_gesture)
            cancelGesture();
        else
            setSelection({});
        return;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (!ids.isEmpty())
            m_document.remove(ids);
        return;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const QPointF delta = event->key() == Qt::Key_Left    ? QPointF(-step, 0)
                              : event->key() == Qt::Key_Right ? QPointF(step, 0)
                              : event->key() == Qt::Key_Up    ? QPointF(0, -step)
                                                              : QPointF(0, step);
        if (!ids.isEmpty() && !m_gesture)
            m_document.nudge(ids, delta);
        return;
    }
    default:
        if (event->matches(QKeySequence::SelectAll)) {
            setSelection(idsIn(QRectF(QPointF(-1e6, -1e6), QSizeF(2e6, 2e6))));
            return;
        }
        QGraphicsView::keyPressEvent(event);
    }
}

void EditorView::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->setCursor(m_tool == Tool::Pipe ? Qt::CrossCursor : Qt::ArrowCursor);
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void EditorView::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    const double factor = std::clamp(std::pow(1.15, steps), MinZoom / zoom(), MaxZoom / zoom());
    scale(factor, factor);
    event->accept();
}

void EditorView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(Edits::PaletteMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void EditorView::dragMoveEvent(QDragMoveEvent* event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(Edits::PaletteMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void EditorView::dropEvent(QDropEvent* event)
{
    const QString code =
        QString::fromUtf8(event->mimeData()->data(QString::fromLatin1(Edits::PaletteMimeType)));
    std::optional<Graphics::Element> element = Edits::newElement(code);
    if (!element) {
        event->ignore();
        return;
    }
    const QPointF at = snapped(mapToScene(event->position().toPoint()));
    const QPointF shift = at - element->position;
    element->position = at;
    for (QPointF& p : element->points)
        p += shift;
    const QStringList ids = m_document.add({*element});
    if (!ids.isEmpty()) {
        setSelection(ids);
        setFocus(Qt::OtherFocusReason);
    }
    event->acceptProposedAction();
}

} // namespace PumpWatch::Ui
