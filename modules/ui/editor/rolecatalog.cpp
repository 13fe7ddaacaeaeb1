#include "rolecatalog.h"

#include <core/quantity.h>

#include <QRegularExpression>

#include <algorithm>

namespace PumpWatch::Ui {

using Graphics::RoleDef;

QString RoleEntry::text() const
{
    const QString kind = RoleCatalog::kindDisplayName(def.kind);
    if (!tag)
        return QStringLiteral("%1 (%2)").arg(role, kind);
    return QStringLiteral("%1 — %2 (%3)").arg(role, tag->name, kind);
}

QString RoleEntry::summary() const
{
    QStringList parts{RoleCatalog::kindDisplayName(def.kind)};
    const Quantity q = tag ? tag->quantity : quantityFromCode(def.quantity);
    if (q != Quantity::Unknown)
        parts << quantityDisplayName(q);
    else if (!def.quantity.isEmpty())
        parts << def.quantity;
    if (tag && !tag->unit.isEmpty())
        parts << tag->unit;
    if (tag)
        parts << QStringLiteral("%1 %2").arg(tagKey, tag->name);
    return parts.join(QStringLiteral(" · "));
}

RoleCatalog::RoleCatalog(const Graphics::Drawing& drawing, const Project& project)
{
    for (const StationTemplate& t : project.templates) {
        if (t.id == drawing.templateId) {
            m_template = &t;
            break;
        }
    }
    for (const auto& [role, def] : drawing.roles) {
        RoleEntry e;
        e.role = role;
        e.def = def;
        e.tagKey = tagKeyFor(def.tag);
        if (m_template) {
            const auto it = std::find_if(m_template->tags.begin(), m_template->tags.end(),
                                         [&](const TagDef& t) { return t.key == e.tagKey; });
            if (it != m_template->tags.end())
                e.tag = &*it;
        }
        // The full pinyin as an "other" finds a syllable inside the name ("yunxing").
        const QString name = e.tag ? e.tag->name : QString();
        e.key = SearchKey(name, {role, e.tagKey, pinyinSyllables(name).join(QString())});
        m_entries.push_back(std::move(e));
    }
    // A pump drawn on its own binds with its number: pump[2].running for each pump the
    // template has tags of (pump2_running), after the pump-indexed roles.
    const std::size_t declared = m_entries.size();
    for (std::size_t i = 0; i < declared && m_template; ++i) {
        const RoleEntry base = m_entries[i];
        if (!base.role.contains(u"[i]"))
            continue;
        for (int n = 1;; ++n) {
            const QString key =
                QString(base.def.tag).replace(QStringLiteral("{i}"), QString::number(n));
            const auto it = std::find_if(m_template->tags.begin(), m_template->tags.end(),
                                         [&](const TagDef& t) { return t.key == key; });
            if (it == m_template->tags.end())
                break;
            RoleEntry e = base;
            e.role =
                QString(base.role).replace(QStringLiteral("[i]"), u'[' + QString::number(n) + u']');
            e.tagKey = key;
            e.tag = &*it;
            e.pump = n;
            e.key = SearchKey(it->name, {e.role, key, pinyinSyllables(it->name).join(QString())});
            m_entries.push_back(std::move(e));
        }
    }
}

const RoleEntry* RoleCatalog::find(QStringView role) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const RoleEntry& e) { return e.role == role; });
    return it == m_entries.end() ? nullptr : &*it;
}

std::vector<const RoleEntry*> RoleCatalog::matching(RoleDef::Kind kind, const QString& query,
                                                    bool numbered) const
{
    std::vector<const RoleEntry*> found;
    const QString q = query.trimmed();
    for (const RoleEntry& e : m_entries) {
        // Outside a group repeated per pump there is no pump index to fill in: a pump's roles
        // by number there, by the index inside one.
        if (numbered ? e.role.contains(u"[i]") : e.pump > 0)
            continue;
        if (e.def.kind == kind && (e.key.matches(q) || e.text().contains(q, Qt::CaseInsensitive)))
            found.push_back(&e);
    }
    return found;
}

QStringList RoleCatalog::problems(const Graphics::Edits::SlotSpec& slot,
                                  const RoleEntry& entry) const
{
    QStringList out;
    if (slot.kind != entry.def.kind) {
        out << tr("%1 needs %2; the role %3 is %4")
                   .arg(slotDisplayName(slot.slot), kindDisplayName(slot.kind), entry.role,
                        kindDisplayName(entry.def.kind));
    }
    const Quantity shown = entry.tag ? entry.tag->quantity : quantityFromCode(entry.def.quantity);
    const QStringList expected = slotQuantities(slot.slot);
    if (!expected.isEmpty() && shown != Quantity::Unknown &&
        !expected.contains(quantityCode(shown))) {
        out << tr("%1 shows %2; the role %3 is %4")
                   .arg(slotDisplayName(slot.slot),
                        quantityDisplayName(quantityFromCode(expected.front())), entry.role,
                        quantityDisplayName(shown));
    }
    if (!m_template)
        return out;
    if (!entry.tag) {
        if (!entry.def.optional)
            out << tr("the template has no tag '%1'").arg(entry.tagKey);
        return out;
    }
    const RoleDef::Kind tagKind = Graphics::Edits::roleKindOf(*entry.tag);
    if (tagKind != entry.def.kind) {
        out << tr("the role is %1 but tag %2 is %3 (%4)")
                   .arg(kindDisplayName(entry.def.kind), entry.tagKey, kindDisplayName(tagKind),
                        dataTypeName(entry.tag->type));
    }
    if (!entry.def.quantity.isEmpty()) {
        const Quantity wanted = quantityFromCode(entry.def.quantity);
        if (wanted != entry.tag->quantity) {
            out << tr("the role needs quantity %1, tag %2 is %3")
                       .arg(wanted == Quantity::Unknown ? entry.def.quantity
                                                        : quantityDisplayName(wanted),
                            entry.tagKey, quantityDisplayName(entry.tag->quantity));
        } else if (!entry.tag->unit.isEmpty() && !findUnit(wanted, entry.tag->unit)) {
            out << tr("tag %1's unit %2 is not a unit of %3")
                       .arg(entry.tagKey, entry.tag->unit, quantityDisplayName(wanted));
        }
    }
    if (entry.def.writable && entry.tag->access != Access::ReadWrite)
        out << tr("the role writes, tag %1 is read-only").arg(entry.tagKey);
    return out;
}

QStringList RoleCatalog::slotQuantities(QStringView slot)
{
    static const std::pair<const char*, const char*> quantities[] = {
        {"running", "running"},
        {"fault", "fault"},
        {"open", "valve_open"},
        {"closed", "valve_open"},
        {"level", "level"},
        {"frequency", "frequency"},
        {"current", "current"},
        {"power", "power"},
        {"pressure", "pressure"},
        {"flow", "flow"},
        {"door", "door"},
        {"flood", "fault"},
        {"power_fail", "power_fail"},
    };
    QStringList codes;
    for (const auto& [name, quantity] : quantities) {
        if (slot == QLatin1StringView(name))
            codes << QString::fromLatin1(quantity);
    }
    return codes;
}

QString RoleCatalog::tagKeyFor(const QString& roleTag)
{
    QString key = roleTag;
    return key.replace(QStringLiteral("{i-1}"), QStringLiteral("0"))
        .replace(QStringLiteral("{i}"), QStringLiteral("1"));
}

QString RoleCatalog::slotDisplayName(QStringView slot)
{
    static const std::pair<const char*, const char*> names[] = {
        {"running", QT_TR_NOOP("running")},
        {"fault", QT_TR_NOOP("fault")},
        {"open", QT_TR_NOOP("open")},
        {"closed", QT_TR_NOOP("closed")},
        {"level", QT_TR_NOOP("level")},
        {"value", QT_TR_NOOP("value")},
        {"frequency", QT_TR_NOOP("frequency")},
        {"current", QT_TR_NOOP("current")},
        {"power", QT_TR_NOOP("power")},
        {"position", QT_TR_NOOP("position")},
        {"alarm", QT_TR_NOOP("alarm")},
        {"active", QT_TR_NOOP("active")},
        {"door", QT_TR_NOOP("door")},
        {"flood", QT_TR_NOOP("flood")},
        {"power_fail", QT_TR_NOOP("power failure")},
        {"pressure", QT_TR_NOOP("pressure")},
        {"flow", QT_TR_NOOP("flow")},
        {"setpoint", QT_TR_NOOP("setpoint")},
    };
    for (const auto& [code, name] : names) {
        if (slot == QLatin1StringView(code))
            return tr(name);
    }
    return slot.toString();
}

QString RoleCatalog::kindDisplayName(RoleDef::Kind kind)
{
    return kind == RoleDef::Kind::Bit ? tr("bit") : tr("analog");
}

} // namespace PumpWatch::Ui
