// RoleCatalog: the roles a drawing declares, each with the station template's tag it maps to
// ("pump[i].running" → pump1_running, 1#泵运行), so the binding editor can offer them the way an
// engineer thinks of them — by the role's name, the tag's Chinese name or its pinyin — and say
// before saving when a binding would not resolve: a role of the wrong kind for the slot, a tag of
// another type or quantity than the role declares, a unit that is not one of its quantity.
// The checks are those resolve.h makes per station, made once against the template. Plain
// values, rebuilt when the drawing's roles change; any thread.
//
//     RoleCatalog roles(document.drawing(), project);
//     for (const RoleEntry* e : roles.matching(RoleDef::Kind::Bit, u"yx"_s)) e->text();
//     roles.problems(slot, *roles.find(u"tank_level")); // "运行 needs a bit; …"
#pragma once

#include <core/project.h>
#include <core/textsearch.h>
#include <graphics/editing/drawingedits.h>

#include <QCoreApplication>

#include <vector>

namespace PumpWatch::Ui {

struct RoleEntry {
    QString role; ///< "pump[i].running"
    Graphics::RoleDef def;
    QString tagKey;              ///< "pump1_running": the role's tag for pump 1
    const TagDef* tag = nullptr; ///< the template's tag, null when it has none of that key
    SearchKey key;               ///< the tag's name (pinyin); the role and the tag key as they are
    int pump = 0;                ///< a pump's role by its number ("pump[2].running"): 2

    /// "pump[i].running — 1#泵运行 (bit)"
    QString text() const;
    /// "bit · running · 1#泵运行" / "analog · pressure · MPa": what the role is.
    QString summary() const;
};

class RoleCatalog {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Ui::RoleCatalog)

public:
    RoleCatalog() = default;
    RoleCatalog(const Graphics::Drawing& drawing, const Project& project);

    /// The template the drawing serves (Drawing::templateId), or null.
    const StationTemplate* stationTemplate() const { return m_template; }
    const std::vector<RoleEntry>& entries() const { return m_entries; }
    const RoleEntry* find(QStringView role) const;
    /// The roles of `kind` whose name, tag name, pinyin or tag key match `query`, by name; a
    /// pump's roles by its number ("pump[2].running") with `numbered` (a pump drawn on its own),
    /// else by the pump index ("pump[i].running", inside a group repeated per pump).
    std::vector<const RoleEntry*> matching(Graphics::RoleDef::Kind kind, const QString& query = {},
                                           bool numbered = true) const;

    /// What is wrong with binding `entry` to `slot`, for people; empty when it will resolve.
    QStringList problems(const Graphics::Edits::SlotSpec& slot, const RoleEntry& entry) const;

    /// The quantities a slot shows ("current" → current); empty: any (a value, an alarm).
    static QStringList slotQuantities(QStringView slot);
    /// The template tag a role names: "pump{i}_running" → "pump1_running".
    static QString tagKeyFor(const QString& roleTag);

    static QString slotDisplayName(QStringView slot); ///< running → 运行; unknown as it is
    static QString kindDisplayName(Graphics::RoleDef::Kind kind); ///< 开关量 / 模拟量

private:
    const StationTemplate* m_template = nullptr;
    std::vector<RoleEntry> m_entries; ///< by role name
};

} // namespace PumpWatch::Ui
