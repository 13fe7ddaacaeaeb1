// Edits: the clipboard as a drawing file, and the check that an edit reads back (drawingedits.h).
#include "../drawingjson.h"
#include "edittree_p.h"

#include <functional>

namespace PumpWatch::Graphics::Edits {

using namespace detail;

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
            QString pattern;
            if (const RoleDef* def = d.findRole(role, &pattern))
                c.roles[pattern] = *def;
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
