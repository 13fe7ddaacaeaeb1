#include "drawingedits.h"

#include "../drawingjson.h"
#include "../symbolports.h"

#include <QCoreApplication>
#include <QPolygonF>
#include <QRegularExpression>
#include <QSet>
#include <QTransform>

#include <algorithm>
#include <cmath>

namespace PumpWatch::Graphics::Edits {
namespace {

class Text {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Graphics::Edits)
};

constexpr double PipeStub = 20.0; ///< how far a pipe leaves a port straight before it turns

bool isBoxed(const Element& e)
{
    return e.kind != ElementKind::Pipe && e.kind != ElementKind::Group;
}

template <typename E, typename F>
bool forEach(std::vector<E>& list, const F& f)
{
    for (E& e : list) {
        if (f(e) || forEach(e.children, f))
            return true;
    }
    return false;
}

template <typename F>
void forEachElement(Drawing& d, const F& f)
{
    forEach(d.elements, [&](Element& e) {
        f(e);
        return false;
    });
}

template <typename F>
void forEachElement(const Drawing& d, const F& f)
{
    forEach(const_cast<std::vector<Element>&>(d.elements), [&](const Element& e) {
        f(e);
        return false;
    });
}

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
void reroute(Drawing& d, const QSet<QString>& changed, const QSet<QString>& movedAlong = {},
             const QSet<QString>& force = {})
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

} // namespace

std::optional<Element> newElement(QStringView code)
{
    Element e;
    if (code.startsWith(u"symbol:")) {
        e.kind = ElementKind::Symbol;
        e.symbol = code.mid(7).toString();
        if (!findSymbol(e.symbol))
            return std::nullopt;
        e.id = e.symbol;
        const bool tall = e.symbol == u"pressure_tank" || e.symbol == u"stabiliser_tank";
        e.size = e.symbol == u"tank"                                          ? QSizeF(120, 190)
                 : tall                                                       ? QSizeF(60, 90)
                 : e.symbol == u"instrument" || e.symbol.endsWith(u"_sensor") ? QSizeF(50, 50)
                                                                              : QSizeF(60, 60);
        return e;
    }
    const auto kind = parseElementKind(code);
    if (!kind || *kind == ElementKind::Symbol || *kind == ElementKind::Pipe ||
        *kind == ElementKind::Group)
        return std::nullopt;
    e.kind = *kind;
    e.id = code.toString();
    switch (*kind) {
    case ElementKind::Value:
        e.size = {150, 26};
        break;
    case ElementKind::Bar:
        e.size = {26, 150};
        break;
    case ElementKind::Text:
        e.size = {160, 30};
        e.label = Text::tr("Text");
        break;
    case ElementKind::Link:
        e.size = {120, 36};
        e.label = Text::tr("Trend");
        e.open = QStringLiteral("trend");
        break;
    default:
        e.size = {100, 100};
        break;
    }
    return e;
}

std::map<QString, RoleDef> templateRoles(const StationTemplate& tmpl)
{
    static const QRegularExpression pumpTag(QStringLiteral("^pump(\\d+)_(.+)$"));
    std::map<QString, RoleDef> roles;
    for (const TagDef& tag : tmpl.tags) {
        RoleDef def;
        def.kind = tag.type == DataType::Bool ? RoleDef::Kind::Bit : RoleDef::Kind::Analog;
        if (tag.quantity != Quantity::Unknown)
            def.quantity = quantityCode(tag.quantity);
        def.writable = tag.access == Access::ReadWrite;
        QString role = tag.key;
        def.tag = tag.key;
        if (const auto m = pumpTag.match(tag.key); m.hasMatch()) {
            role = QStringLiteral("pump[i].") + m.captured(2);
            def.tag = QStringLiteral("pump{i}_") + m.captured(2);
        }
        roles.emplace(role, def); // the first pump's tag stands for all
    }
    return roles;
}

std::vector<SlotSpec> slotsFor(const Element& e)
{
    using K = RoleDef::Kind;
    std::vector<SlotSpec> out;
    const auto slot = [&](const char* name, K kind, bool primary = true) {
        out.push_back({QString::fromLatin1(name), kind, primary});
    };
    switch (e.kind) {
    case ElementKind::Symbol:
        if (const SymbolInfo* info = findSymbol(e.symbol)) {
            if (info->flow == FlowRole::Pump || e.symbol == u"motor" || e.symbol == u"vfd") {
                slot("running", K::Bit);
                slot("fault", K::Bit);
                slot("frequency", K::Analog, false);
                slot("current", K::Analog, false);
            } else if (info->flow == FlowRole::Valve) {
                slot("open", K::Bit);
            } else if (info->flow == FlowRole::Tank) {
                slot("level", K::Analog);
            } else if (e.symbol == u"instrument" || e.symbol == u"kwh_meter") {
                slot("value", K::Analog);
                slot("alarm", K::Bit, false);
            } else if (e.symbol == u"door_sensor") {
                slot("door", K::Bit);
            } else if (e.symbol == u"flood_sensor") {
                slot("flood", K::Bit);
            }
        }
        break;
    case ElementKind::Value:
    case ElementKind::Bar:
        slot("value", K::Analog);
        break;
    case ElementKind::Link:
        slot("pressure", K::Analog, false);
        slot("flow", K::Analog, false);
        break;
    default:
        break;
    }
    for (const auto& [name, role] : e.slots) {
        if (std::none_of(out.begin(), out.end(), [&](const SlotSpec& s) { return s.slot == name; }))
            out.push_back({name, K::Analog, false});
    }
    return out;
}

const Element* find(const Drawing& d, QStringView id)
{
    return find(const_cast<Drawing&>(d), id);
}

Element* find(Drawing& d, QStringView id)
{
    const auto [list, i] = locate(d.elements, id);
    return list ? &(*list)[i] : nullptr;
}

QString parentOf(const Drawing& d, QStringView id)
{
    QString parent;
    forEachElement(d, [&](const Element& e) {
        for (const Element& c : e.children) {
            if (c.id == id)
                parent = e.id;
        }
    });
    return parent;
}

QStringList allIds(const Drawing& d)
{
    QStringList ids;
    forEachElement(d, [&](const Element& e) { ids << e.id; });
    return ids;
}

QString uniqueId(const Drawing& d, const QString& base)
{
    QSet<QString> taken = idSet(d);
    return freeId(base, taken);
}

QRectF bounds(const Element& e)
{
    if (e.kind == ElementKind::Pipe)
        return QPolygonF(QList<QPointF>(e.points.begin(), e.points.end())).boundingRect();
    if (e.kind == ElementKind::Group) {
        QRectF r;
        for (const Element& c : e.children)
            r = r.isNull() ? bounds(c) : r.united(bounds(c));
        return r;
    }
    const QRectF box(e.position, e.size);
    if (e.rotationDeg == 0)
        return box;
    QTransform t;
    t.translate(box.center().x(), box.center().y());
    t.rotate(e.rotationDeg);
    t.translate(-box.center().x(), -box.center().y());
    return t.mapRect(box);
}

QRectF bounds(const Drawing& d, const QStringList& ids)
{
    QRectF r;
    for (const QString& id : ids) {
        if (const Element* e = find(d, id))
            r = r.isNull() ? bounds(*e) : r.united(bounds(*e));
    }
    return r;
}

std::vector<PortHit> ports(const Drawing& d)
{
    std::vector<PortHit> out;
    forEachElement(d, [&](const Element& e) {
        if (e.kind != ElementKind::Symbol)
            return;
        if (const SymbolInfo* info = findSymbol(e.symbol)) {
            for (const SymbolPort& p : info->ports)
                out.push_back(portHit(e, p));
        }
    });
    return out;
}

std::optional<PortHit> nearestPort(const Drawing& d, QPointF at, double radius, QStringView skip)
{
    std::optional<PortHit> best;
    double bestDistance = radius;
    std::vector<PortHit> near;
    forEachElement(d, [&](const Element& e) {
        if (e.kind != ElementKind::Symbol || e.id == skip ||
            !bounds(e).adjusted(-radius, -radius, radius, radius).contains(at))
            return;
        if (const SymbolInfo* info = findSymbol(e.symbol)) {
            for (const SymbolPort& p : info->ports)
                near.push_back(portHit(e, p));
        }
    });
    for (PortHit& hit : near) {
        const QPointF v = hit.position - at;
        const double distance = std::hypot(v.x(), v.y());
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = std::move(hit);
        }
    }
    return best;
}

std::vector<QPointF> routeOrthogonal(QPointF from, QPointF fromDir, QPointF to, QPointF toDir)
{
    const QPointF p1 = from + fromDir * PipeStub;
    const QPointF p2 = to - toDir * PipeStub; // toDir points into the target port
    const bool h1 = fromDir.isNull() ? std::abs(to.x() - from.x()) >= std::abs(to.y() - from.y())
                                     : fromDir.x() != 0;
    const bool h2 = toDir.isNull() ? h1 : toDir.x() != 0;
    // Whether the target lies ahead along the way the pipe leaves (or no way is preferred).
    const auto ahead = [](double dir, double a, double b) {
        return dir == 0 || (b - a) * dir >= 0;
    };
    std::vector<QPointF> raw = {from, p1};
    if (h1 && h2) {
        if (ahead(fromDir.x(), p1.x(), p2.x()) && ahead(toDir.x(), p1.x(), p2.x())) {
            const double mx = (p1.x() + p2.x()) / 2;
            raw.insert(raw.end(), {QPointF(mx, p1.y()), QPointF(mx, p2.y())});
        } else { // behind: around, between the two heights (or below when level)
            const double my = p1.y() == p2.y() ? p1.y() + 3 * PipeStub : (p1.y() + p2.y()) / 2;
            raw.insert(raw.end(), {QPointF(p1.x(), my), QPointF(p2.x(), my)});
        }
    } else if (!h1 && !h2) {
        if (ahead(fromDir.y(), p1.y(), p2.y()) && ahead(toDir.y(), p1.y(), p2.y())) {
            const double my = (p1.y() + p2.y()) / 2;
            raw.insert(raw.end(), {QPointF(p1.x(), my), QPointF(p2.x(), my)});
        } else {
            const double mx = p1.x() == p2.x() ? p1.x() + 3 * PipeStub : (p1.x() + p2.x()) / 2;
            raw.insert(raw.end(), {QPointF(mx, p1.y()), QPointF(mx, p2.y())});
        }
    } else if (h1) {
        raw.push_back(QPointF(p2.x(), p1.y()));
    } else {
        raw.push_back(QPointF(p1.x(), p2.y()));
    }
    raw.insert(raw.end(), {p2, to});
    std::vector<QPointF> out;
    for (QPointF p : raw) {
        p = rounded(p);
        if (!out.empty() && out.back() == p)
            continue;
        // A middle point on a straight run between its neighbours adds nothing; one where the
        // run turns back (a stub) stays.
        if (out.size() >= 2) {
            const QPointF a = out[out.size() - 2];
            const QPointF b = out.back();
            const bool vertical = a.x() == b.x() && b.x() == p.x();
            const bool horizontal = a.y() == b.y() && b.y() == p.y();
            const QPointF ab = b - a;
            const QPointF bp = p - b;
            if ((vertical || horizontal) && ab.x() * bp.x() + ab.y() * bp.y() > 0)
                out.pop_back();
        }
        out.push_back(p);
    }
    if (out.size() == 1)
        out.push_back(out.front());
    return out;
}

QPointF endPoint(const Drawing& d, const Element& pipe, bool start)
{
    if (const auto hit = portOf(d, start ? pipe.from : pipe.to))
        return hit->position;
    if (pipe.points.empty())
        return {};
    return start ? pipe.points.front() : pipe.points.back();
}

QStringList add(Drawing& d, std::vector<Element> elements, const QString& parent)
{
    std::vector<Element>* list = listOf(d, parent);
    if (!list || elements.empty())
        return {};
    QSet<QString> taken = idSet(d);
    renameInto(elements, taken, false);
    QStringList ids;
    list = listOf(d, parent); // renaming did not touch d, but keep the pointer honest
    for (Element& e : elements) {
        ids << e.id;
        list->push_back(std::move(e));
    }
    return ids;
}

QString connect(Drawing& d, const PipeEnd& from, QPointF fromAt, const PipeEnd& to, QPointF toAt,
                const QString& diameter)
{
    const auto a = portOf(d, from);
    const auto b = portOf(d, to);
    Element pipe;
    pipe.kind = ElementKind::Pipe;
    pipe.id = uniqueId(d, QStringLiteral("pipe"));
    pipe.from = from;
    pipe.to = to;
    pipe.diameter = diameter;
    pipe.points = routeOrthogonal(a ? a->position : fromAt, a ? a->direction : QPointF(),
                                  b ? b->position : toAt, b ? -b->direction : QPointF());
    d.elements.push_back(pipe);
    return pipe.id;
}

bool remove(Drawing& d, const QStringList& ids)
{
    const QStringList gone = normalized(d, ids);
    if (gone.isEmpty())
        return false;
    const QSet<QString> removed = subtreeIds(d, gone);
    for (const QString& id : gone) {
        const auto [list, i] = locate(d.elements, id);
        list->erase(list->begin() + std::ptrdiff_t(i));
    }
    forEachElement(d, [&](Element& e) {
        for (PipeEnd* end : {&e.from, &e.to}) {
            if (removed.contains(end->element))
                *end = PipeEnd();
        }
    });
    // A station's adjustment of an element that is gone would only be reported as broken.
    for (auto it = d.overrides.begin(); it != d.overrides.end();) {
        std::erase_if(it->second, [&](const Override& o) { return removed.contains(o.element); });
        it = it->second.empty() ? d.overrides.erase(it) : std::next(it);
    }
    return true;
}

bool move(Drawing& d, const QStringList& ids, QPointF delta)
{
    const QStringList list = normalized(d, ids);
    if (list.isEmpty() || delta.isNull())
        return false;
    moveBy(d, list, std::vector<QPointF>(std::size_t(list.size()), delta));
    return true;
}

bool setBox(Drawing& d, const QString& id, const QRectF& box)
{
    Element* e = find(d, id);
    if (!e || box.isEmpty())
        return false;
    const QRectF old = bounds(*e);
    const QSet<QString> subtree = subtreeIds(d, {id});
    if (isBoxed(*e)) {
        if (QRectF(e->position, e->size) == box)
            return false;
        e->position = rounded(box.topLeft());
        const QPointF size = rounded(QPointF(box.width(), box.height()));
        e->size = QSizeF(size.x(), size.y());
        reroute(d, subtree);
        return true;
    }
    if (old == box)
        return false;
    if (old.size() == box.size()) {
        moveBy(d, {id}, {box.topLeft() - old.topLeft()});
        return true;
    }
    scaleElement(*e, old, box);
    // A scaled pipe keeps its ends on the ports it is attached to; pipes inside a scaled group
    // scale with it, those outside attached to it follow.
    reroute(d, subtree, subtree,
            e->kind == ElementKind::Pipe ? QSet<QString>{id} : QSet<QString>{});
    return true;
}

bool rotate(Drawing& d, const QStringList& ids, double degrees)
{
    const QStringList list = normalized(d, ids);
    if (list.isEmpty() || std::fmod(degrees, 360.0) == 0)
        return false;
    for (const QString& id : list) {
        Element* e = find(d, id);
        transformElement(*e, bounds(*e).center(), degrees, false);
    }
    const QSet<QString> changed = subtreeIds(d, list);
    reroute(d, changed, {}, changed);
    return true;
}

bool mirror(Drawing& d, const QStringList& ids)
{
    const QStringList list = normalized(d, ids);
    if (list.isEmpty())
        return false;
    for (const QString& id : list) {
        Element* e = find(d, id);
        transformElement(*e, bounds(*e).center(), 0, true);
    }
    const QSet<QString> changed = subtreeIds(d, list);
    reroute(d, changed, {}, changed);
    return true;
}

bool replace(Drawing& d, const QString& id, const Element& changed)
{
    Element* e = find(d, id);
    if (!e || *e == changed || changed.id.isEmpty())
        return false;
    if (changed.id != id && find(d, changed.id))
        return false; // the new id is taken
    const bool moved = e->position != changed.position || e->size != changed.size ||
                       e->rotationDeg != changed.rotationDeg || e->mirrored != changed.mirrored ||
                       e->symbol != changed.symbol;
    *e = changed;
    if (changed.id != id) {
        forEachElement(d, [&](Element& x) {
            for (PipeEnd* end : {&x.from, &x.to}) {
                if (end->element == id)
                    end->element = changed.id;
            }
        });
        for (auto& [station, patch] : d.overrides) {
            for (Override& o : patch) {
                if (o.element == id)
                    o.element = changed.id;
            }
        }
    }
    if (moved)
        reroute(d, subtreeIds(d, {changed.id}));
    return true;
}

bool bind(Drawing& d, const QString& id, const QString& slot, const QString& role)
{
    Element* e = find(d, id);
    if (!e || slot.isEmpty())
        return false;
    if (role.isEmpty())
        return e->slots.erase(slot) > 0;
    if (!d.roles.count(role))
        return false;
    const auto it = e->slots.find(slot);
    if (it != e->slots.end() && it->second == role)
        return false;
    e->slots[slot] = role;
    return true;
}

QString group(Drawing& d, const QStringList& ids)
{
    const QStringList list = normalized(d, ids);
    if (list.isEmpty())
        return {};
    const QString parent = parentOf(d, list.front());
    for (const QString& id : list) {
        if (parentOf(d, id) != parent)
            return {};
    }
    std::vector<Element>* siblings = listOf(d, parent);
    Element g;
    g.kind = ElementKind::Group;
    g.id = uniqueId(d, QStringLiteral("group"));
    std::size_t top = 0;
    std::vector<Element> kept;
    for (std::size_t i = 0; i < siblings->size(); ++i) {
        Element& e = (*siblings)[i];
        if (list.contains(e.id)) {
            top = kept.size();
            g.children.push_back(std::move(e));
        } else {
            kept.push_back(std::move(e));
        }
    }
    kept.insert(kept.begin() + std::ptrdiff_t(top), std::move(g));
    *siblings = std::move(kept);
    return (*siblings)[top].id;
}

QStringList ungroup(Drawing& d, const QString& id, QString* why)
{
    const auto [list, i] = locate(d.elements, id);
    if (!list || (*list)[i].kind != ElementKind::Group)
        return {};
    const Element& g = (*list)[i];
    if (!g.repeat.isEmpty() || !g.when.isEmpty() || !g.zone.isEmpty() || !g.slots.empty() ||
        !g.control.isEmpty()) {
        if (why)
            *why = Text::tr("'%1' repeats per pump, is shown on a condition, belongs to a zone or "
                            "is bound itself: ungrouping it would change what the stations show")
                       .arg(id);
        return {};
    }
    std::vector<Element> children = std::move((*list)[i].children);
    for (Element& c : children) {
        if (!c.layer && g.layer && *g.layer != defaultLayer(c.kind))
            c.layer = g.layer;
    }
    QStringList ids;
    for (const Element& c : children)
        ids << c.id;
    list->erase(list->begin() + std::ptrdiff_t(i));
    list->insert(list->begin() + std::ptrdiff_t(i), std::make_move_iterator(children.begin()),
                 std::make_move_iterator(children.end()));
    return ids;
}

bool reorder(Drawing& d, const QStringList& ids, ZOrder how)
{
    const QStringList list = normalized(d, ids);
    bool changed = false;
    QSet<std::vector<Element>*> done;
    for (const QString& id : list) {
        std::vector<Element>* siblings = locate(d.elements, id).first;
        if (done.contains(siblings))
            continue;
        done.insert(siblings);
        std::vector<Element>& v = *siblings;
        const auto picked = [&](const Element& e) { return list.contains(e.id); };
        const std::vector<Element> before = v;
        if (how == ZOrder::Front)
            std::stable_partition(v.begin(), v.end(), [&](const Element& e) { return !picked(e); });
        else if (how == ZOrder::Back)
            std::stable_partition(v.begin(), v.end(), picked);
        else if (how == ZOrder::Forward) {
            for (std::size_t i = v.size() - 1; i-- > 0;) {
                if (picked(v[i]) && !picked(v[i + 1]))
                    std::swap(v[i], v[i + 1]);
            }
        } else {
            for (std::size_t i = 1; i < v.size(); ++i) {
                if (picked(v[i]) && !picked(v[i - 1]))
                    std::swap(v[i], v[i - 1]);
            }
        }
        changed = changed || v != before;
    }
    return changed;
}

bool align(Drawing& d, const QStringList& ids, Align how)
{
    const QStringList list = normalized(d, ids);
    if (list.size() < 2)
        return false;
    const QRectF all = bounds(d, list);
    std::vector<QPointF> deltas;
    bool any = false;
    for (const QString& id : list) {
        const QRectF r = bounds(*find(d, id));
        QPointF delta;
        switch (how) {
        case Align::Left:
            delta.setX(all.left() - r.left());
            break;
        case Align::HCenter:
            delta.setX(all.center().x() - r.center().x());
            break;
        case Align::Right:
            delta.setX(all.right() - r.right());
            break;
        case Align::Top:
            delta.setY(all.top() - r.top());
            break;
        case Align::VCenter:
            delta.setY(all.center().y() - r.center().y());
            break;
        case Align::Bottom:
            delta.setY(all.bottom() - r.bottom());
            break;
        }
        any = any || !rounded(delta).isNull();
        deltas.push_back(rounded(delta));
    }
    if (any)
        moveBy(d, list, deltas);
    return any;
}

bool distribute(Drawing& d, const QStringList& ids, Qt::Orientation orientation)
{
    QStringList list = normalized(d, ids);
    if (list.size() < 3)
        return false;
    const bool h = orientation == Qt::Horizontal;
    const auto lead = [&](const QRectF& r) { return h ? r.left() : r.top(); };
    const auto extent = [&](const QRectF& r) { return h ? r.width() : r.height(); };
    QHash<QString, QRectF> box;
    for (const QString& id : list)
        box.insert(id, bounds(*find(d, id)));
    std::stable_sort(list.begin(), list.end(), [&](const QString& a, const QString& b) {
        return lead(box.value(a)) < lead(box.value(b));
    });
    const QRectF first = box.value(list.front());
    const QRectF last = box.value(list.back());
    double total = 0;
    for (const QString& id : list)
        total += extent(box.value(id));
    const double gap = (lead(last) + extent(last) - lead(first) - total) / double(list.size() - 1);
    std::vector<QPointF> deltas;
    bool any = false;
    double at = lead(first);
    for (const QString& id : list) {
        const QRectF r = box.value(id);
        const double shift = std::round((at - lead(r)) * 1000) / 1000;
        deltas.push_back(h ? QPointF(shift, 0) : QPointF(0, shift));
        any = any || shift != 0;
        at += extent(r) + gap;
    }
    if (any)
        moveBy(d, list, deltas);
    return any;
}

bool sameSize(Drawing& d, const QStringList& ids)
{
    const QStringList list = normalized(d, ids);
    const Element* reference = nullptr;
    QSet<QString> changed;
    for (const QString& id : list) {
        Element* e = find(d, id);
        if (!isBoxed(*e))
            continue;
        if (!reference) {
            reference = e;
            continue;
        }
        if (e->size != reference->size) {
            e->size = reference->size;
            changed.insert(id);
        }
    }
    if (changed.isEmpty())
        return false;
    reroute(d, changed);
    return true;
}

bool setLayer(Drawing& d, const QStringList& ids, Layer layer)
{
    bool changed = false;
    for (const QString& id : normalized(d, ids)) {
        Element* e = find(d, id);
        const std::optional<Layer> wanted =
            layer == defaultLayer(e->kind) ? std::nullopt : std::optional(layer);
        if (e->layer != wanted) {
            e->layer = wanted;
            changed = true;
        }
    }
    return changed;
}

bool setOverrides(Drawing& d, const QString& station, const std::vector<Override>& patch)
{
    const auto it = d.overrides.find(station);
    if (patch.empty()) {
        if (it == d.overrides.end())
            return false;
        d.overrides.erase(it);
        return true;
    }
    if (it != d.overrides.end() && it->second == patch)
        return false;
    d.overrides[station] = patch;
    return true;
}

bool setRole(Drawing& d, const QString& role, const std::optional<RoleDef>& def)
{
    const auto it = d.roles.find(role);
    if (!def) {
        if (it == d.roles.end())
            return false;
        bool used = false;
        forEachElement(std::as_const(d), [&](const Element& e) {
            for (const auto& [slot, r] : e.slots)
                used = used || r == role;
        });
        if (used)
            return false; // a bound role stays declared: the file would not read otherwise
        d.roles.erase(it);
        return true;
    }
    if (it != d.roles.end() && it->second == *def)
        return false;
    d.roles[role] = *def;
    return true;
}

QString validate(const Drawing& d)
{
    QString problem;
    forEachElement(d, [&](const Element& e) {
        if (!problem.isEmpty())
            return;
        if (e.id.contains(u'.'))
            problem = Text::tr("'%1': an element id may not contain '.' (pipe ends are "
                               "written \"element.port\")")
                          .arg(e.id);
        else if (!e.repeat.isEmpty()) {
            const std::function<void(const Element&)> inner = [&](const Element& c) {
                if (!c.repeat.isEmpty() && problem.isEmpty())
                    problem =
                        Text::tr("'%1' repeats inside '%2', which repeats already").arg(c.id, e.id);
                for (const Element& cc : c.children)
                    inner(cc);
            };
            for (const Element& c : e.children)
                inner(c);
        }
    });
    if (!problem.isEmpty())
        return problem;
    // Whatever the reader refuses, an edit may not make: the file must open again.
    const DrawingLoad load = DrawingJson::read(DrawingJson::write(d), d.file);
    if (load.drawing)
        return {};
    for (const Diagnostic& diagnostic : load.diagnostics) {
        if (diagnostic.isError())
            return diagnostic.toString();
    }
    return load.diagnostics.empty() ? Text::tr("the drawing would not read back")
                                    : load.diagnostics.front().toString();
}

QByteArray copy(const Drawing& d, const QStringList& ids)
{
    Drawing c;
    c.id = QStringLiteral("clipboard");
    c.templateId = d.templateId;
    c.zones = d.zones;
    c.canvas = d.canvas;
    const QStringList list = normalized(d, ids);
    const QSet<QString> wanted(list.begin(), list.end());
    const QHash<QString, QString> parent = parents(d);
    QHash<QString, QString> zoneOf; // the zone each group gives its parts
    forEachElement(d, [&](const Element& e) {
        if (!e.zone.isEmpty())
            zoneOf.insert(e.id, e.zone);
    });
    for (const QString& id : allIds(d)) { // in drawing order
        if (!wanted.contains(id))
            continue;
        Element e = *find(d, id);
        // A part inside a zone's group reads that zone's device: it says so once copied out.
        for (QString p = parent.value(id); e.zone.isEmpty() && !p.isEmpty(); p = parent.value(p))
            e.zone = zoneOf.value(p);
        c.elements.push_back(std::move(e));
    }
    forEachElement(std::as_const(c), [&](const Element& e) {
        for (const auto& [slot, role] : e.slots) {
            if (const auto it = d.roles.find(role); it != d.roles.end())
                c.roles[role] = it->second;
        }
    });
    return DrawingJson::write(c);
}

PasteResult paste(Drawing& d, const QByteArray& data, QPointF offset)
{
    PasteResult result;
    DrawingLoad load = DrawingJson::read(data, QStringLiteral("clipboard"));
    if (!load.drawing) {
        result.error = load.diagnostics.empty() ? Text::tr("not a PumpWatch drawing")
                                                : load.diagnostics.front().toString();
        return result;
    }
    Drawing& c = *load.drawing;
    if (c.elements.empty())
        return result;
    for (const auto& [role, def] : c.roles) {
        const auto it = d.roles.find(role);
        if (it == d.roles.end())
            d.roles[role] = def;
        else if (!(it->second == def))
            result.conflicts << role;
    }
    QSet<QString> taken = idSet(d);
    renameInto(c.elements, taken, true);
    forEachElement(c, [&](Element& e) {
        if (!e.zone.isEmpty() && !d.zones.contains(e.zone))
            e.zone.clear();
    });
    // In a drawing of several zones a bound part must say whose device it reads: the first
    // zone's until the engineer says otherwise (the zone group's parts inherit theirs).
    if (d.zones.size() > 1) {
        for (Element& e : c.elements) {
            bool bound = false;
            const std::function<void(const Element&)> walk = [&](const Element& x) {
                bound = bound || ((!x.slots.empty() || !x.control.isEmpty()) && x.zone.isEmpty());
                for (const Element& ch : x.children)
                    walk(ch);
            };
            walk(e);
            if (bound && e.zone.isEmpty())
                e.zone = d.zones.front();
        }
    }
    for (Element& e : c.elements) {
        translate(e, offset);
        result.ids << e.id;
        d.elements.push_back(std::move(e));
    }
    return result;
}

} // namespace PumpWatch::Graphics::Edits
