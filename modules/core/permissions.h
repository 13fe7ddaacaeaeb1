// Roles, the actions they may take, and the password rules: what an administrator edits in the
// workstation's user management (seed 001 §7.9: users, roles, permissions down to the action).
//
// Four roles are built in; what each may do is a table of actions an administrator can change
// (the defaults: a viewer watches, an operator acknowledges and operates, an engineer also
// configures, an administrator also manages users). The administrator always keeps "manage
// users", so nobody can lock the administrators out of the table.
//
//     Permissions p = Permissions::defaults();
//     p.set(Role::Operator, Action::EditAlarmLimits, true);
//     if (p.allows(user.role, Action::OperateEquipment)) …
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <array>
#include <optional>

namespace PumpWatch {

/// Ordered by what each role may do by default. A viewer (a manager, a guest in the control
/// room) sees everything and operates nothing.
enum class Role : quint8 { Viewer = 0, Operator, Engineer, Administrator };
inline constexpr std::array AllRoles{Role::Viewer, Role::Operator, Role::Engineer,
                                     Role::Administrator};

QString roleCode(Role role); ///< "viewer", "operator", "engineer", "administrator"
std::optional<Role> parseRole(QStringView code);
QString roleDisplayName(Role role); ///< 只读用户 / 操作员 / 工程师 / 管理员

/// What a user does that needs a permission. Watching (the list, the map, graphics, history,
/// reports) needs none.
enum class Action : quint8 {
    AcknowledgeAlarms,      ///< acknowledge alarms and silence the horn
    OperateEquipment,       ///< start and stop pumps, open and close valves
    ChangeSetpoints,        ///< change setpoints (frequency, pressure)
    EditAlarmLimits,        ///< the alarm limit table
    EditGraphics,           ///< draw and save process graphics
    ReviewReports,          ///< review an issued report version
    CorrectReports,         ///< correct a value in a report
    EnterMeterReplacements, ///< record a meter's replacement (old final, new initial reading)
    ExitWorkstation,        ///< close the workstation (the alarms stop being watched here)
    ViewAudit,              ///< read and export the audit trail
    ManageUsers,            ///< users, roles' permissions, password rules
};
inline constexpr std::array AllActions{Action::AcknowledgeAlarms, Action::OperateEquipment,
                                       Action::ChangeSetpoints,   Action::EditAlarmLimits,
                                       Action::EditGraphics,      Action::ReviewReports,
                                       Action::CorrectReports,    Action::EnterMeterReplacements,
                                       Action::ExitWorkstation,   Action::ViewAudit,
                                       Action::ManageUsers};

QString actionCode(Action action); ///< "alarm.ack", "control.operate", … as audited
std::optional<Action> parseAction(QStringView code);
QString actionDisplayName(Action action); ///< 确认报警 / 启停设备 / …
/// The least role allowed `action` by default.
Role defaultRoleFor(Action action);

class Permissions {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Permissions)

public:
    using Mask = quint32;
    static Permissions defaults();

    bool allows(Role role, Action action) const
    {
        return (m_masks[size_t(role)] & bit(action)) != 0;
    }
    /// Grants or withdraws; "manage users" stays with the administrator (returns false then).
    bool set(Role role, Action action, bool allowed);
    Mask mask(Role role) const { return m_masks[size_t(role)]; }
    /// "alarm.ack,control.operate", as the audit shows a role's grants.
    QString codes(Role role) const;

    QJsonObject toJson() const;
    /// Roles missing from `o` keep their defaults; an unknown action is an error naming it.
    static std::optional<Permissions> fromJson(const QJsonObject& o, QString* error);

    bool operator==(const Permissions&) const = default;
    static constexpr Mask bit(Action a) { return Mask(1) << unsigned(a); }

private:
    std::array<Mask, AllRoles.size()> m_masks{};
};

/// Rules for passwords and for guessing them.
struct PasswordPolicy {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::PasswordPolicy)

public:
    int minLength = 8;
    bool lettersAndDigits = true; ///< at least one letter and one digit
    int maxFailures = 5;          ///< wrong passwords in a row before the account locks
    int lockoutMinutes = 15;      ///< how long it stays locked (an administrator may unlock)
    int maxAgeDays = 0;           ///< a password older than this must be changed; 0: never

    /// Why `password` is not acceptable for `login`, or nothing when it is.
    std::optional<QString> reject(const QString& login, const QString& password) const;
    /// "至少 8 个字符，含字母和数字", for the dialogs.
    QString describe() const;

    QJsonObject toJson() const;
    static std::optional<PasswordPolicy> fromJson(const QJsonObject& o, QString* error);
    bool operator==(const PasswordPolicy&) const = default;
};

} // namespace PumpWatch
