#include "edittree_p.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace PumpWatch::Graphics::Edits {

using namespace detail;

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
    if (!d.findRole(role))
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
            for (const auto& [slot, r] : e.slots) {
                QString pattern;
                d.findRole(r, &pattern);
                used = used || pattern == role;
            }
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

} // namespace PumpWatch::Graphics::Edits
