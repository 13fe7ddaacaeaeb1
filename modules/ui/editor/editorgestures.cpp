#include "editorgestures.h"

#include "editorview.h"
#include "elementitem.h"

#include <QApplication>
#include <QPainter>
#include <QSet>

#include <cmath>
#include <functional>

namespace PumpWatch::Ui {
namespace {

using Graphics::Element;
using Graphics::ElementKind;
namespace Edits = Graphics::Edits;

const QColor GuideColour(230, 0, 140);
const QColor PreviewColour(0, 120, 215);

void collectIds(const Element& e, QSet<QString>* out)
{
    out->insert(e.id);
    for (const Element& c : e.children)
        collectIds(c, out);
}

void forEachPipe(const std::vector<Element>& elements, const std::function<void(const Element&)>& f)
{
    for (const Element& e : elements) {
        if (e.kind == ElementKind::Pipe)
            f(e);
        forEachPipe(e.children, f);
    }
}

QRectF polylineRect(const std::vector<QPointF>& points)
{
    QPolygonF poly;
    for (const QPointF& p : points)
        poly << p;
    return poly.boundingRect().adjusted(-8, -8, 8, 8);
}

QPointF nearestOnPolyline(const std::vector<QPointF>& points, QPointF p)
{
    QPointF best = points.empty() ? p : points.front();
    double bestDistance = qInf();
    for (size_t i = 1; i < points.size(); ++i) {
        const QPointF a = points[i - 1], ab = points[i] - a;
        const double len2 = QPointF::dotProduct(ab, ab);
        const double t =
            len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
        const QPointF q = a + t * ab;
        const double d = QLineF(p, q).length();
        if (d < bestDistance) {
            bestDistance = d;
            best = q;
        }
    }
    return best;
}

} // namespace

// --- move ---------------------------------------------------------------------------------

MoveGesture::MoveGesture(EditorView& view, const QStringList& ids, QPointF pressScene)
    : EditorGesture(view)
    , m_ids(ids)
    , m_press(pressScene)
{
    const Graphics::Drawing& d = view.document().drawing();
    m_start = Edits::bounds(d, ids);
    QSet<QString> moved;
    for (const QString& id : ids) {
        if (ElementItem* item = view.item(id)) {
            m_items.emplace_back(item, item->pos());
            item->setDragCache(view.zoom());
        }
        if (const Element* e = Edits::find(d, id))
            collectIds(*e, &moved);
    }
    // Pipes attached to what moves follow it on screen; only those are re-routed per move.
    QHash<QString, Graphics::PortHit> ports;
    forEachPipe(d.elements, [&](const Element& pipe) {
        if (moved.contains(pipe.id))
            return;
        const bool fromMoves = !pipe.from.port.isEmpty() && moved.contains(pipe.from.element);
        const bool toMoves = !pipe.to.port.isEmpty() && moved.contains(pipe.to.element);
        ElementItem* item = view.item(pipe.id);
        if ((!fromMoves && !toMoves) || !item)
            return;
        if (ports.isEmpty())
            for (const Graphics::PortHit& hit : Edits::ports(d))
                ports.insert(hit.end.toString(), hit);
        auto end = [&](const Graphics::PipeEnd& e, bool start) {
            const auto port = ports.constFind(e.toString());
            return !e.port.isEmpty() && port != ports.constEnd()
                       ? *port
                       : Graphics::PortHit{e, Edits::endPoint(d, pipe, start), {}};
        };
        m_followers.push_back(
            {item, end(pipe.from, true), end(pipe.to, false), fromMoves, toMoves});
    });
    QSet<const ElementItem*> following;
    for (const Follower& f : m_followers)
        following.insert(f.item);
    for (ElementItem* other : view.topLevelItems()) {
        if (moved.contains(other->id()) || following.contains(other) || !other->isVisible())
            continue; // guides line up with what stays where it is
        const QRectF r = other->elementBounds();
        for (double x : {r.left(), r.center().x(), r.right()})
            m_xs.push_back({x, r});
        for (double y : {r.top(), r.center().y(), r.bottom()})
            m_ys.push_back({y, r});
    }
}

void MoveGesture::move(QPointF scenePos, Qt::KeyboardModifiers modifiers)
{
    const QPointF raw = scenePos - m_press;
    if (!m_started) {
        const QPointF screen = raw * m_view.zoom();
        if (screen.manhattanLength() < QApplication::startDragDistance())
            return;
        m_started = true;
    }
    updateGuides(); // where they were
    QPointF delta = raw;
    const bool free = modifiers.testFlag(Qt::AltModifier); // Alt: no snapping at all
    if (!free && m_view.snapToGrid()) {
        delta = m_view.snapped(m_start.topLeft() + raw) - m_start.topLeft();
        findGuides(m_start.translated(delta), 0.5, nullptr);
    } else if (!free) {
        QPointF snap;
        findGuides(m_start.translated(raw), 6.0 / m_view.zoom(), &snap);
        delta = raw + snap;
        findGuides(m_start.translated(delta), 0.5, nullptr);
    } else {
        m_guides.clear();
    }
    updateGuides();
    apply(delta);
}

void MoveGesture::findGuides(const QRectF& moved, double tolerance, QPointF* snap)
{
    m_guides.clear();
    // Per edge or centre of the moved box, one line: to the nearest element lined up with it
    // (a grid of aligned elements would otherwise draw, and repaint, hundreds of lines).
    auto axis = [&](const std::vector<Edge>& edges, std::array<double, 3> mine, bool vertical,
                    double* best) {
        double bestDiff = qInf();
        std::array<const Edge*, 3> nearest{};
        std::array<double, 3> nearestGap{qInf(), qInf(), qInf()};
        for (const Edge& e : edges) {
            for (size_t k = 0; k < mine.size(); ++k) {
                const double diff = e.at - mine[k];
                if (std::abs(diff) > tolerance)
                    continue;
                if (std::abs(diff) < std::abs(bestDiff))
                    bestDiff = diff;
                const double gap = vertical ? std::abs(e.rect.center().y() - moved.center().y())
                                            : std::abs(e.rect.center().x() - moved.center().x());
                if (gap < nearestGap[k]) {
                    nearestGap[k] = gap;
                    nearest[k] = &e;
                }
            }
        }
        if (best)
            *best = std::isinf(bestDiff) ? 0.0 : bestDiff;
        if (snap)
            return;
        for (const Edge* e : nearest) {
            if (!e)
                continue;
            if (vertical)
                m_guides.emplace_back(e->at, std::min(moved.top(), e->rect.top()), e->at,
                                      std::max(moved.bottom(), e->rect.bottom()));
            else
                m_guides.emplace_back(std::min(moved.left(), e->rect.left()), e->at,
                                      std::max(moved.right(), e->rect.right()), e->at);
        }
    };
    double dx = 0, dy = 0;
    axis(m_xs, {moved.left(), moved.center().x(), moved.right()}, true, &dx);
    axis(m_ys, {moved.top(), moved.center().y(), moved.bottom()}, false, &dy);
    if (snap)
        *snap = {dx, dy};
}

void MoveGesture::updateGuides() const
{
    for (const QLineF& l : m_guides)
        m_view.updateOverlay(QRectF(l.p1(), l.p2()).normalized().adjusted(-2, -2, 2, 2));
}

void MoveGesture::apply(QPointF delta)
{
    if (delta == m_delta)
        return;
    m_delta = delta;
    for (const auto& [item, origin] : m_items)
        item->setPos(origin + delta);
    for (const Follower& f : m_followers) {
        const QPointF from = f.from.position + (f.fromMoves ? delta : QPointF());
        const QPointF to = f.to.position + (f.toMoves ? delta : QPointF());
        f.item->setPreviewPoints(
            Edits::routeOrthogonal(from, f.from.direction, to, -f.to.direction)); // into the port
    }
}

void MoveGesture::finish(QPointF)
{
    updateGuides();
    m_guides.clear();
    if (!m_started || m_delta.isNull() || !m_view.document().move(m_ids, m_delta))
        cancel(); // nothing changed: the items go back (the document rebuilds them otherwise)
}

void MoveGesture::cancel()
{
    updateGuides();
    m_guides.clear();
    for (const auto& [item, origin] : m_items) {
        item->setPos(origin);
        item->setDragCache(0);
    }
    for (const Follower& f : m_followers)
        f.item->setPreviewPoints({});
    m_delta = {};
}

void MoveGesture::paint(QPainter& p, double) const
{
    p.setPen(QPen(GuideColour, 0));
    for (const QLineF& l : m_guides)
        p.drawLine(l);
}

// --- rubber band --------------------------------------------------------------------------

RubberBandGesture::RubberBandGesture(EditorView& view, QPointF pressScene, bool add)
    : EditorGesture(view)
    , m_press(pressScene)
    , m_rect(pressScene, QSizeF())
    , m_before(add ? view.selectedIds() : QStringList())
{}

void RubberBandGesture::move(QPointF scenePos, Qt::KeyboardModifiers)
{
    const QRectF old = m_rect;
    m_rect = QRectF(m_press, scenePos).normalized();
    m_view.updateOverlay(old | m_rect);
}

void RubberBandGesture::finish(QPointF scenePos)
{
    move(scenePos, {});
    QStringList ids = m_before;
    for (const QString& id : m_view.idsIn(m_rect))
        if (!ids.contains(id))
            ids << id;
    cancel();
    m_view.setSelection(ids);
}

void RubberBandGesture::cancel()
{
    m_view.updateOverlay(m_rect);
    m_rect = {};
}

void RubberBandGesture::paint(QPainter& p, double) const
{
    if (m_rect.isEmpty())
        return;
    p.setPen(QPen(PreviewColour, 0));
    p.setBrush(QColor(PreviewColour.red(), PreviewColour.green(), PreviewColour.blue(), 40));
    p.drawRect(m_rect);
}

// --- pipe ---------------------------------------------------------------------------------

PipeGesture::PipeGesture(EditorView& view, const Graphics::PipeEnd& from, QPointF fromAt,
                         QPointF fromDirection)
    : EditorGesture(view)
    , m_from(from)
    , m_fromAt(fromAt)
    , m_fromDir(fromDirection)
{}

QRectF PipeGesture::previewRect() const
{
    QRectF r = polylineRect(m_route);
    if (m_target)
        r |= QRectF(m_target->position - QPointF(20, 20), QSizeF(40, 40));
    if (m_tee)
        r |= QRectF(*m_tee - QPointF(20, 20), QSizeF(40, 40));
    return r;
}

void PipeGesture::move(QPointF scenePos, Qt::KeyboardModifiers)
{
    const QRectF old = previewRect();
    m_target = m_view.portAt(scenePos, m_from.element);
    m_tee.reset();
    QPointF to = m_view.snapped(scenePos);
    if (m_target) {
        to = m_target->position;
    } else if (const ElementItem* pipe = pipeAt(scenePos)) {
        m_tee = nearestOnPolyline(pipe->element().points, scenePos);
        to = *m_tee;
    }
    m_route = Edits::routeOrthogonal(m_fromAt, m_fromDir, to,
                                     m_target ? -m_target->direction : QPointF()); // into it
    m_view.updateOverlay(old | previewRect());
}

const ElementItem* PipeGesture::pipeAt(QPointF scenePos) const
{
    const ElementItem* hit = m_view.elementAt(scenePos);
    return hit && hit->element().kind == ElementKind::Pipe && hit->id() != m_from.element ? hit
                                                                                          : nullptr;
}

void PipeGesture::finish(QPointF scenePos)
{
    move(scenePos, {});
    Graphics::PipeEnd to;
    QPointF toAt = m_view.snapped(scenePos);
    if (m_target) {
        to = m_target->end;
        toAt = m_target->position;
    } else if (const ElementItem* pipe = pipeAt(scenePos)) {
        to.element = pipe->id(); // a tee onto the pipe
        toAt = *m_tee;
    }
    cancel();
    if (to == m_from && !to.isEmpty())
        return;
    if (QLineF(m_fromAt, toAt).length() < m_view.gridSize() / 2)
        return; // a click, not a pipe
    const QString id =
        m_view.document().connect(m_from, m_fromAt, to, toAt, QStringLiteral("DN100"));
    if (!id.isEmpty())
        m_view.setSelection({id});
}

void PipeGesture::cancel()
{
    m_view.updateOverlay(previewRect());
    m_route.clear();
    m_target.reset();
    m_tee.reset();
}

void PipeGesture::paint(QPainter& p, double pixel) const
{
    QPolygonF line;
    for (const QPointF& pt : m_route)
        line << pt;
    p.setPen(QPen(PreviewColour, 3 * pixel, Qt::DashLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(line);
    if (m_target) {
        p.setPen(QPen(PreviewColour, 2 * pixel));
        p.drawEllipse(m_target->position, 8 * pixel, 8 * pixel);
    } else if (m_tee) { // a square: a tee, not a port
        p.setPen(QPen(PreviewColour, 2 * pixel));
        p.drawRect(QRectF(*m_tee - QPointF(6, 6) * pixel, QSizeF(12, 12) * pixel));
    }
}

// --- resize -------------------------------------------------------------------------------

ResizeGesture::ResizeGesture(EditorView& view, const QString& id, const QRectF& box, int handle)
    : EditorGesture(view)
    , m_id(id)
    , m_box(box)
    , m_new(box)
    , m_handle(handle)
{}

void ResizeGesture::move(QPointF scenePos, Qt::KeyboardModifiers)
{
    const QRectF old = m_new;
    const QPointF p = m_view.snapped(scenePos);
    QRectF r = m_box;
    // Handles clockwise from the top-left: 0 1 2 / 7 · 3 / 6 5 4.
    if (m_handle == 0 || m_handle == 6 || m_handle == 7)
        r.setLeft(std::min(p.x(), r.right() - 4));
    if (m_handle >= 2 && m_handle <= 4)
        r.setRight(std::max(p.x(), r.left() + 4));
    if (m_handle <= 2)
        r.setTop(std::min(p.y(), r.bottom() - 4));
    if (m_handle >= 4 && m_handle <= 6)
        r.setBottom(std::max(p.y(), r.top() + 4));
    m_new = r;
    m_view.updateOverlay((old | m_new).adjusted(-4, -4, 4, 4));
}

void ResizeGesture::finish(QPointF scenePos)
{
    move(scenePos, {});
    const QRectF box = m_new;
    cancel();
    if (box != m_box)
        m_view.document().setBox(m_id, box);
}

void ResizeGesture::cancel()
{
    m_view.updateOverlay(m_new.adjusted(-4, -4, 4, 4));
    m_new = m_box;
}

void ResizeGesture::paint(QPainter& p, double) const
{
    if (m_new == m_box)
        return;
    p.setPen(QPen(PreviewColour, 0, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(m_new);
}

} // namespace PumpWatch::Ui
