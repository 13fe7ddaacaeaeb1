#include "edittree_p.h"

#include <QPolygonF>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <functional>

namespace PumpWatch::Graphics::Edits::detail {

/// The list holding `id` and its index there.
std::pair<std::vector<Element>*, std::size_t> locate(std::vector<Element>& list, QStringView id)
{
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].id == id)
            return {&list, i};
        if (auto found = locate(list[i].children, id); found.first)
            return found;
    }
    return {nullptr, 0};
}

void collectIds(const Element& e, QSet<QString>& ids)
{
    ids.insert(e.id);
    for (const Element& c : e.children)
        collectIds(c, ids);
}

QSet<QString> idSet(const Drawing& d)
{
    QSet<QString> ids;
    for (const Element& e : d.elements)
        collectIds(e, ids);
    return ids;
}

/// Every id's group (empty for the top level), in one walk.
QHash<QString, QString> parents(const Drawing& d)
{
    QHash<QString, QString> out;
    const std::function<void(const Element&, const QString&)> walk = [&](const Element& e,
                                                                         const QString& parent) {
        out.insert(e.id, parent);
        for (const Element& c : e.children)
            walk(c, e.id);
    };
    for (const Element& e : d.elements)
        walk(e, {});
    return out;
}

/// `ids` without unknown ids, repeats and elements whose group is in the list too.
QStringList normalized(const Drawing& d, const QStringList& ids)
{
    const QHash<QString, QString> parent = parents(d);
    const QSet<QString> wanted(ids.begin(), ids.end());
    QSet<QString> seen;
    QStringList out;
    for (const QString& id : ids) {
        if (!parent.contains(id) || seen.contains(id))
            continue;
        seen.insert(id);
        bool inside = false;
        for (QString p = parent.value(id); !p.isEmpty() && !inside; p = parent.value(p))
            inside = wanted.contains(p);
        if (!inside)
            out << id;
    }
    return out;
}

/// The ids of the elements `ids` and everything inside them.
QSet<QString> subtreeIds(const Drawing& d, const QStringList& ids)
{
    QSet<QString> out;
    for (const QString& id : ids) {
        if (const Element* e = find(d, id))
            collectIds(*e, out);
    }
    return out;
}

QString baseOf(const QString& id)
{
    qsizetype n = id.size();
    while (n > 0 && id[n - 1].isDigit())
        --n;
    return n == 0 ? QStringLiteral("e") : id.left(n);
}

QString freeId(const QString& base, QSet<QString>& taken)
{
    // "pump{i}" numbered as "pump{i}_2": "pump{i}2" would be pump12 for the first pump, which
    // is the twelfth pump's "pump{i}".
    const QString separator = base.contains(u'{') ? QStringLiteral("_") : QString();
    QString id = base;
    for (int n = 2; taken.contains(id); ++n)
        id = base + separator + QString::number(n);
    taken.insert(id);
    return id;
}

/// The id a pipe end names, with the previous pump's "{i-1}" read as the element's "{i}".
QString sameIndex(const QString& end)
{
    return QString(end).replace(QStringLiteral("{i-1}"), QStringLiteral("{i}"));
}

QPointF rounded(QPointF p)
{
    return {std::round(p.x() * 1000) / 1000, std::round(p.y() * 1000) / 1000};
}

void translate(Element& e, QPointF delta)
{
    if (isBoxed(e))
        e.position = rounded(e.position + delta);
    for (QPointF& p : e.points)
        p = rounded(p + delta);
    for (Element& c : e.children)
        translate(c, delta);
}

/// Where a port of the symbol element `e` is and the way a pipe leaves it.
PortHit portHit(const Element& e, const SymbolPort& p)
{
    // Out of the box along the nearer side, then mirrored and rotated like the symbol.
    const QPointF u = p.unit - QPointF(0.5, 0.5);
    QPointF dir = std::abs(u.x()) >= std::abs(u.y()) ? QPointF(u.x() < 0 ? -1 : 1, 0)
                                                     : QPointF(0, u.y() < 0 ? -1 : 1);
    if (e.mirrored)
        dir.setX(-dir.x());
    // A symbol turned by other than a right angle: the pipe leaves along the nearer axis.
    const QPointF r = QTransform().rotate(e.rotationDeg).map(dir);
    const QPointF axis = std::abs(r.x()) >= std::abs(r.y()) ? QPointF(r.x() < 0 ? -1 : 1, 0)
                                                            : QPointF(0, r.y() < 0 ? -1 : 1);
    return PortHit{{e.id, p.name, PipeEnd::Boundary::None}, rounded(portPosition(e, p.name)), axis};
}

/// The port `end` names, when it is a symbol's.
std::optional<PortHit> portOf(const Drawing& d, const PipeEnd& end)
{
    if (end.element.isEmpty() || end.port.isEmpty())
        return std::nullopt;
    const Element* e = find(d, end.element);
    if (!e || e->kind != ElementKind::Symbol)
        return std::nullopt;
    if (const SymbolInfo* info = findSymbol(e->symbol)) {
        for (const SymbolPort& p : info->ports) {
            if (p.name == end.port)
                return portHit(*e, p);
        }
    }
    return std::nullopt;
}

/// Re-routes every pipe attached to a port of the elements `changed` (a pipe that moved along
/// with all it is attached to keeps its shape) and the attached pipes of `force`.
void reroute(Drawing& d, const QSet<QString>& changed, const QSet<QString>& movedAlong,
             const QSet<QString>& force)
{
    std::vector<std::pair<QString, std::vector<QPointF>>> routes;
    forEachElement(std::as_const(d), [&](const Element& p) {
        if (p.kind != ElementKind::Pipe || p.points.size() < 2)
            return;
        const bool fromPort = !p.from.port.isEmpty();
        const bool toPort = !p.to.port.isEmpty();
        const bool fromHit = fromPort && changed.contains(p.from.element);
        const bool toHit = toPort && changed.contains(p.to.element);
        if (force.contains(p.id)) {
            if (!fromPort && !toPort)
                return;
        } else if (movedAlong.contains(p.id)) {
            const bool keep = (!fromPort || movedAlong.contains(p.from.element)) &&
                              (!toPort || movedAlong.contains(p.to.element));
            if (keep)
                return;
        } else if (!fromHit && !toHit) {
            return;
        }
        const auto a = portOf(d, p.from);
        const auto b = portOf(d, p.to);
        routes.emplace_back(p.id, routeOrthogonal(a ? a->position : p.points.front(),
                                                  a ? a->direction : QPointF(),
                                                  b ? b->position : p.points.back(),
                                                  b ? -b->direction : QPointF()));
    });
    for (auto& [id, points] : routes)
        find(d, id)->points = std::move(points);
}

void rotatePoints(std::vector<QPointF>& points, QPointF centre, double degrees, bool mirror)
{
    QTransform t;
    t.translate(centre.x(), centre.y());
    t.rotate(degrees);
    if (mirror)
        t.scale(-1, 1);
    t.translate(-centre.x(), -centre.y());
    for (QPointF& p : points)
        p = rounded(t.map(p));
}

double normalizedAngle(double degrees)
{
    const double a = std::fmod(std::fmod(degrees, 360.0) + 360.0, 360.0);
    return a == 360.0 ? 0.0 : a;
}

/// Turns (or with `mirror`, flips left-right) `e` about `centre` as it looks on screen: a boxed
/// element's centre moves and its own rotation follows; a flipped element that was turned is
/// turned back the other way (mirroring comes before rotating in the model).
void transformElement(Element& e, QPointF centre, double degrees, bool mirror)
{
    if (isBoxed(e)) {
        std::vector<QPointF> c = {QRectF(e.position, e.size).center()};
        rotatePoints(c, centre, degrees, mirror);
        e.position = rounded(c.front() - QPointF(e.size.width() / 2, e.size.height() / 2));
        if (mirror) {
            e.mirrored = !e.mirrored;
            e.rotationDeg = normalizedAngle(-e.rotationDeg);
        } else {
            e.rotationDeg = normalizedAngle(e.rotationDeg + degrees);
        }
    } else if (e.kind == ElementKind::Pipe) {
        rotatePoints(e.points, centre, degrees, mirror);
    }
    for (Element& c : e.children)
        transformElement(c, centre, degrees, mirror);
}

/// Scales `e` from the rectangle `from` to `to` (positions, sizes and pipe points).
void scaleElement(Element& e, const QRectF& from, const QRectF& to)
{
    const double sx = from.width() > 0 ? to.width() / from.width() : 1.0;
    const double sy = from.height() > 0 ? to.height() / from.height() : 1.0;
    const auto map = [&](QPointF p) {
        return rounded(to.topLeft() +
                       QPointF((p.x() - from.left()) * sx, (p.y() - from.top()) * sy));
    };
    if (isBoxed(e)) {
        e.position = map(e.position);
        e.size = QSizeF(std::round(e.size.width() * sx * 1000) / 1000,
                        std::round(e.size.height() * sy * 1000) / 1000);
    }
    for (QPointF& p : e.points)
        p = map(p);
    for (Element& c : e.children)
        scaleElement(c, from, to);
}

/// Renames ids of `elements` (and their children) that are in `taken`, pipe ends following;
/// ends naming elements outside `elements` come loose when `looseOutside`.
void renameInto(std::vector<Element>& elements, QSet<QString>& taken, bool looseOutside)
{
    QHash<QString, QString> renamed;
    QSet<QString> inside;
    const std::function<void(Element&)> rename = [&](Element& e) {
        inside.insert(e.id);
        const QString base = e.id.isEmpty()        ? elementKindCode(e.kind)
                             : e.id.contains(u'{') ? e.id
                                                   : baseOf(e.id);
        const QString id = e.id.isEmpty() || taken.contains(e.id) ? freeId(base, taken) : e.id;
        taken.insert(id);
        if (id != e.id)
            renamed.insert(e.id, id);
        e.id = id;
        for (Element& c : e.children)
            rename(c);
    };
    for (Element& e : elements)
        rename(e);
    const std::function<void(Element&)> ends = [&](Element& e) {
        for (PipeEnd* end : {&e.from, &e.to}) {
            if (end->element.isEmpty())
                continue;
            const bool previous = end->element.contains(u"{i-1}");
            const QString key = sameIndex(end->element);
            if (looseOutside && !inside.contains(key))
                *end = PipeEnd();
            else if (const auto it = renamed.constFind(key); it != renamed.constEnd())
                end->element =
                    previous ? QString(*it).replace(QStringLiteral("{i}"), QStringLiteral("{i-1}"))
                             : *it;
        }
        for (Element& c : e.children)
            ends(c);
    };
    for (Element& e : elements)
        ends(e);
}

std::vector<Element>* listOf(Drawing& d, const QString& parent)
{
    if (parent.isEmpty())
        return &d.elements;
    Element* g = find(d, parent);
    return g && g->kind == ElementKind::Group ? &g->children : nullptr;
}

void moveBy(Drawing& d, const QStringList& ids, const std::vector<QPointF>& deltas)
{
    QSet<QString> moved;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QPointF delta = deltas[std::size_t(i)];
        if (delta.isNull())
            continue;
        Element* e = find(d, ids[i]);
        translate(*e, delta);
        collectIds(*e, moved);
    }
    reroute(d, moved, moved);
}

} // namespace PumpWatch::Graphics::Edits::detail
