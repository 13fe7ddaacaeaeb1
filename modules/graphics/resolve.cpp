#include "resolve.h"

#include "symbolports.h"

#include <core/valueformat.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace PumpWatch::Graphics {
namespace {

constexpr int MaxPumps = 8; // Equipment::pumps' range

/// The kind a slot of this name must have, whatever the role says: a symbol's "running" is a
/// bit, a value's "value" is analog. Unknown slot names are left to the role.
std::optional<RoleDef::Kind> slotKind(QStringView slot)
{
    static const QStringList bits = {
        QStringLiteral("running"), QStringLiteral("fault"), QStringLiteral("open"),
        QStringLiteral("closed"),  QStringLiteral("alarm"), QStringLiteral("active"),
        QStringLiteral("door"),    QStringLiteral("flood"), QStringLiteral("power_fail")};
    static const QStringList analogs = {QStringLiteral("value"), QStringLiteral("frequency"),
                                        QStringLiteral("level"), QStringLiteral("current"),
                                        QStringLiteral("power"), QStringLiteral("position")};
    if (bits.contains(slot))
        return RoleDef::Kind::Bit;
    if (analogs.contains(slot))
        return RoleDef::Kind::Analog;
    return std::nullopt;
}

QString withIndex(QString text, int pump)
{
    if (pump <= 0)
        return text;
    // "{i-1}": the element of the pump before (a manifold's previous segment; pump 1's is the
    // header, whose id ends in 0).
    return text.replace(QStringLiteral("{i-1}"), QString::number(pump - 1))
        .replace(QStringLiteral("{i}"), QString::number(pump))
        .replace(QStringLiteral("[i]"), u'[' + QString::number(pump) + u']');
}

class Resolver {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Graphics::Resolver)

public:
    Resolver(const Drawing& drawing, const Project& project, int stationIndex)
        : m_drawing(drawing)
        , m_project(project)
        , m_station(project.stations[static_cast<std::size_t>(stationIndex)])
    {
        m_out.drawing = drawing.id;
        m_out.file = drawing.file;
        m_out.canvas = drawing.canvas;
        m_out.station = stationIndex;
    }

    ResolvedDrawing run(int deviceIndex)
    {
        if (m_station.devices.empty())
            return std::move(m_out);
        const int fallback =
            deviceIndex >= 0 && deviceIndex < int(m_station.devices.size()) ? deviceIndex : 0;
        // A drawing of one zone binds the given device; parts naming a zone bind that zone's.
        for (int d = 0; d < int(m_station.devices.size()); ++d)
            checkTemplate(d);
        for (const Element& e : m_drawing.elements)
            expand(e, {fallback, 0, {}});
        applyOverrides();
        checkPipeEnds();
        return std::move(m_out);
    }

private:
    struct Scope {
        int device;
        int pump;
        QPointF offset;
    };

    const Device& device(int index) const
    {
        return m_station.devices[static_cast<std::size_t>(index)];
    }

    const StationTemplate* templateOf(int deviceIndex) const
    {
        const int t = device(deviceIndex).templateIndex;
        return t < 0 ? nullptr : &m_project.templates[static_cast<std::size_t>(t)];
    }

    void problem(int deviceIndex, const QString& element, const QString& role,
                 const QString& message)
    {
        m_out.problems.push_back({m_drawing.file, m_drawing.id, m_station.id, m_station.name,
                                  deviceIndex >= 0 ? device(deviceIndex).id : QString(), element,
                                  role, message});
    }

    void checkTemplate(int d)
    {
        const StationTemplate* t = templateOf(d);
        if (!t || t->id != m_drawing.templateId)
            problem(d, {}, {},
                    tr("the device is on template '%1', the drawing serves '%2'")
                        .arg(t ? t->id : QString(), m_drawing.templateId));
    }

    int deviceOfZone(const QString& zone, const QString& element)
    {
        const Zone z = parseZone(zone);
        for (int d = 0; d < int(m_station.devices.size()); ++d) {
            if (device(d).zone == z)
                return d;
        }
        problem(-1, element, {}, tr("the station has no device of zone '%1'").arg(zone));
        return -1;
    }

    /// The role's definition and the tag key it names, the pump index filled in.
    std::optional<std::pair<RoleDef, QString>> roleTag(const QString& role) const
    {
        if (const auto it = m_drawing.roles.find(role); it != m_drawing.roles.end())
            return std::pair(it->second, it->second.tag);
        static const QRegularExpression index(QStringLiteral("\\[(\\d+)\\]"));
        const auto m = index.match(role);
        if (!m.hasMatch())
            return std::nullopt;
        QString pattern = role;
        pattern.replace(m.capturedStart(), m.capturedLength(), QStringLiteral("[i]"));
        const auto it = m_drawing.roles.find(pattern);
        if (it == m_drawing.roles.end())
            return std::nullopt;
        QString key = it->second.tag;
        return std::pair(it->second, key.replace(QStringLiteral("{i}"), m.captured(1)));
    }

    TagId findTag(int d, const QString& key) const
    {
        return m_project.findTag(m_station.id, device(d).id, key);
    }

    /// How many pumps a repeat shows on device `d`: as stated, else while the group's
    /// required roles all find their tags.
    int pumpCount(const Element& group, int d) const
    {
        if (device(d).equipment.pumps > 0)
            return device(d).equipment.pumps;
        int n = 0;
        while (n < MaxPumps && allRolesBound(group, d, n + 1))
            ++n;
        return n;
    }

    bool allRolesBound(const Element& e, int d, int pump) const
    {
        for (const auto& [slot, role] : e.slots) {
            const auto def = roleTag(withIndex(role, pump));
            if (!def || (!def->first.optional && findTag(d, def->second) == InvalidTagId))
                return false;
        }
        return std::all_of(e.children.begin(), e.children.end(),
                           [&](const Element& c) { return allRolesBound(c, d, pump); });
    }

    bool holds(const QString& when, int d) const
    {
        if (when.isEmpty())
            return true;
        // Not stated: the standard pump house has a break tank.
        const bool tank = device(d).equipment.tank.value_or(true);
        return when == u"tank" ? tank : !tank;
    }

    void expand(const Element& e, Scope scope)
    {
        if (!e.zone.isEmpty()) {
            scope.device = deviceOfZone(e.zone, withIndex(e.id, scope.pump));
            if (scope.device < 0)
                return;
        }
        if (!holds(e.when, scope.device))
            return;
        if (e.kind == ElementKind::Group) {
            if (e.repeat.isEmpty()) {
                for (const Element& c : e.children)
                    expand(c, scope);
                return;
            }
            const int n = pumpCount(e, scope.device);
            if (n == 0)
                problem(scope.device, e.id, {},
                        tr("cannot tell how many pumps: the device states none and the "
                           "template's tags bind none"));
            for (int i = 1; i <= n; ++i) {
                const Scope inner{scope.device, i, scope.offset + e.offset * (i - 1)};
                for (const Element& c : e.children)
                    expand(c, inner);
            }
            return;
        }
        m_out.elements.push_back(instance(e, scope));
    }

    ResolvedElement instance(const Element& e, const Scope& scope)
    {
        ResolvedElement r;
        r.id = withIndex(e.id, scope.pump);
        r.kind = e.kind;
        r.layer = e.effectiveLayer();
        r.position = e.position + scope.offset;
        r.size = e.size;
        r.rotationDeg = e.rotationDeg;
        r.mirrored = e.mirrored;
        r.symbol = e.symbol;
        if (e.kind == ElementKind::Image)
            r.source = imagePath(r.id, e.source, scope.device);
        r.label = withIndex(e.label, scope.pump);
        r.style = e.style;
        for (QPointF p : e.points)
            r.points.push_back(p + scope.offset);
        r.from = e.from;
        r.to = e.to;
        r.from.element = withIndex(r.from.element, scope.pump);
        r.to.element = withIndex(r.to.element, scope.pump);
        r.diameter = e.diameter;
        r.open = e.open;
        r.device = scope.device;
        r.pump = scope.pump;
        for (const auto& [slot, pattern] : e.slots)
            r.bindings.push_back(bind(r.id, slot, withIndex(pattern, scope.pump), scope.device));
        if (const TagId value = r.tag(u"value"); value != InvalidTagId) {
            const TagDef& def = m_project.tag(value);
            r.unit = def.unit;
            r.decimals = ValueFormat::decimals(def.quantity, def.unit);
            r.limits = def.alarm;
        }
        if (!e.control.isEmpty())
            bindControl(r, withIndex(e.control, scope.pump));
        return r;
    }

    /// `source` made absolute against the drawing file's folder; a missing file is a problem.
    QString imagePath(const QString& element, const QString& source, int d)
    {
        const QString path =
            QDir::cleanPath(QFileInfo(m_drawing.file).absoluteDir().absoluteFilePath(source));
        if (!QFileInfo(path).isFile())
            problem(d, element, {}, tr("no image file '%1'").arg(path));
        return path;
    }

    Binding bind(const QString& element, const QString& slot, const QString& role, int d)
    {
        Binding b{slot, role, InvalidTagId};
        const auto def = roleTag(role);
        if (!def) {
            problem(d, element, role, tr("the role is not declared in the drawing's roles"));
            return b;
        }
        const auto& [roleDef, key] = *def;
        const TagId id = findTag(d, key);
        if (id == InvalidTagId) {
            if (!roleDef.optional)
                problem(d, element, role, tr("no tag '%1'").arg(key));
            return b;
        }
        const TagDef& tag = m_project.tag(id);
        const auto kindName = [](RoleDef::Kind k) {
            return k == RoleDef::Kind::Bit ? tr("a bit") : tr("an analog value");
        };
        const RoleDef::Kind tagKind =
            tag.type == DataType::Bool ? RoleDef::Kind::Bit : RoleDef::Kind::Analog;
        bool ok = true;
        if (const auto expected = slotKind(slot); expected && *expected != roleDef.kind) {
            problem(d, element, role,
                    tr("slot '%1' needs %2, the role is %3")
                        .arg(slot, kindName(*expected), kindName(roleDef.kind)));
            ok = false;
        }
        if (tagKind != roleDef.kind) {
            problem(
                d, element, role,
                tr("the role needs %1, tag '%2' is %3 (%4)")
                    .arg(kindName(roleDef.kind), key, kindName(tagKind), dataTypeName(tag.type)));
            ok = false;
        }
        if (!roleDef.quantity.isEmpty() && quantityFromCode(roleDef.quantity) != tag.quantity) {
            problem(d, element, role,
                    tr("the role needs quantity '%1', tag '%2' is '%3'")
                        .arg(roleDef.quantity, key, quantityCode(tag.quantity)));
            ok = false;
        }
        if (roleDef.writable && tag.access != Access::ReadWrite) {
            problem(d, element, role, tr("tag '%1' is read-only, the role writes it").arg(key));
            ok = false;
        }
        if (ok)
            b.tag = id;
        return b;
    }

    void bindControl(ResolvedElement& r, const QString& object)
    {
        r.control = object;
        const StationTemplate* t = templateOf(r.device);
        r.controlDef = t ? findControl(t->controls, object) : nullptr;
        if (!r.controlDef) {
            problem(r.device, r.id, object, tr("the template declares no control of this object"));
            return;
        }
        r.commandTag = findTag(r.device, r.controlDef->command);
        r.feedbackTag = findTag(r.device, r.controlDef->feedback);
        if (r.commandTag == InvalidTagId)
            problem(r.device, r.id, object, tr("no command tag '%1'").arg(r.controlDef->command));
        else if (m_project.tag(r.commandTag).access != Access::ReadWrite)
            problem(r.device, r.id, object,
                    tr("the command tag '%1' is read-only").arg(r.controlDef->command));
        if (r.feedbackTag == InvalidTagId)
            problem(r.device, r.id, object, tr("no feedback tag '%1'").arg(r.controlDef->feedback));
    }

    void applyOverrides()
    {
        const auto it = m_drawing.overrides.find(m_station.id);
        if (it == m_drawing.overrides.end())
            return;
        for (const Override& o : it->second) {
            const int i = m_out.indexOf(o.element);
            if (i < 0) {
                problem(-1, o.element, {},
                        tr("the station's override names an element the drawing does not have"));
                continue;
            }
            ResolvedElement& e = m_out.elements[static_cast<std::size_t>(i)];
            if (o.move) {
                e.position += *o.move;
                for (QPointF& p : e.points)
                    p += *o.move;
            }
            e.hidden = e.hidden || o.hidden;
            if (o.label)
                e.label = *o.label;
        }
    }

    void checkPipeEnds()
    {
        for (const ResolvedElement& e : m_out.elements) {
            if (e.kind != ElementKind::Pipe)
                continue;
            for (const PipeEnd* end : {&e.from, &e.to}) {
                if (end->element.isEmpty())
                    continue;
                const int i = m_out.indexOf(end->element);
                if (i < 0) {
                    problem(e.device, e.id, {},
                            tr("the pipe ends at '%1', which the drawing does not have here")
                                .arg(end->toString()));
                    continue;
                }
                const ResolvedElement& target = m_out.elements[static_cast<std::size_t>(i)];
                const SymbolInfo* info = findSymbol(target.symbol);
                const bool portOk =
                    end->port.isEmpty()
                        ? target.kind == ElementKind::Pipe
                        : info &&
                              std::any_of(info->ports.begin(), info->ports.end(),
                                          [&](const SymbolPort& p) { return p.name == end->port; });
                if (!portOk)
                    problem(e.device, e.id, {},
                            tr("'%1' is not a port of a symbol or a pipe").arg(end->toString()));
            }
        }
    }

    const Drawing& m_drawing;
    const Project& m_project;
    const Station& m_station;
    ResolvedDrawing m_out;
};

} // namespace

TagId ResolvedElement::tag(QStringView slot) const
{
    for (const Binding& b : bindings) {
        if (b.slot == slot)
            return b.tag;
    }
    return InvalidTagId;
}

QString Problem::toString() const
{
    QString where = station;
    if (!stationName.isEmpty())
        where += u' ' + stationName;
    if (!device.isEmpty())
        where += QStringLiteral(" [%1]").arg(device);
    if (!element.isEmpty())
        where += u' ' + element;
    if (!role.isEmpty())
        where += u' ' + role;
    return QStringLiteral("%1: %2: %3").arg(file, where, message);
}

int ResolvedDrawing::indexOf(QStringView id) const
{
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (elements[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

ResolvedDrawing resolve(const Drawing& drawing, const Project& project, int stationIndex,
                        int deviceIndex)
{
    return Resolver(drawing, project, stationIndex).run(deviceIndex);
}

} // namespace PumpWatch::Graphics
