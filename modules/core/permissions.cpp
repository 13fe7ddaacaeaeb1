#include "permissions.h"

#include <QJsonArray>

namespace PumpWatch {

QString roleCode(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Engineer:
        return QStringLiteral("engineer");
    case Role::Administrator:
        return QStringLiteral("administrator");
    }
    return {};
}

std::optional<Role> parseRole(QStringView code)
{
    for (Role r : AllRoles) {
        if (code == roleCode(r))
            return r;
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    // The context the role names were translated under before permissions had their own file.
    switch (role) {
    case Role::Viewer:
        return QCoreApplication::translate("PumpWatch::UserStore", "Viewer");
    case Role::Operator:
        return QCoreApplication::translate("PumpWatch::UserStore", "Operator");
    case Role::Engineer:
        return QCoreApplication::translate("PumpWatch::UserStore", "Engineer");
    case Role::Administrator:
        return QCoreApplication::translate("PumpWatch::UserStore", "Administrator");
    }
    return {};
}

QString actionCode(Action action)
{
    switch (action) {
    case Action::AcknowledgeAlarms:
        return QStringLiteral("alarm.ack");
    case Action::OperateEquipment:
        return QStringLiteral("control.operate");
    case Action::ChangeSetpoints:
        return QStringLiteral("control.setpoint");
    case Action::EditAlarmLimits:
        return QStringLiteral("limits.edit");
    case Action::EditGraphics:
        return QStringLiteral("graphics.edit");
    case Action::ReviewReports:
        return QStringLiteral("report.review");
    case Action::CorrectReports:
        return QStringLiteral("report.correct");
    case Action::EnterMeterReplacements:
        return QStringLiteral("report.meter_replacement");
    case Action::ExitWorkstation:
        return QStringLiteral("workstation.exit");
    case Action::ViewAudit:
        return QStringLiteral("audit.view");
    case Action::ManageUsers:
        return QStringLiteral("users.manage");
    }
    return {};
}

std::optional<Action> parseAction(QStringView code)
{
    for (Action a : AllActions) {
        if (code == actionCode(a))
            return a;
    }
    return std::nullopt;
}

QString actionDisplayName(Action action)
{
    switch (action) {
    case Action::AcknowledgeAlarms:
        return Permissions::tr("Acknowledge alarms, silence the horn");
    case Action::OperateEquipment:
        return Permissions::tr("Start/stop pumps, open/close valves");
    case Action::ChangeSetpoints:
        return Permissions::tr("Change setpoints");
    case Action::EditAlarmLimits:
        return Permissions::tr("Edit alarm limits");
    case Action::EditGraphics:
        return Permissions::tr("Draw process graphics");
    case Action::ReviewReports:
        return Permissions::tr("Review issued reports");
    case Action::CorrectReports:
        return Permissions::tr("Correct report values");
    case Action::EnterMeterReplacements:
        return Permissions::tr("Enter meter replacements");
    case Action::ExitWorkstation:
        return Permissions::tr("Close the workstation");
    case Action::ViewAudit:
        return Permissions::tr("Read and export the audit trail");
    case Action::ManageUsers:
        return Permissions::tr("Manage users and permissions");
    }
    return {};
}

Role defaultRoleFor(Action action)
{
    switch (action) {
    case Action::AcknowledgeAlarms:
    case Action::OperateEquipment:
    case Action::ChangeSetpoints:
        return Role::Operator;
    case Action::EditAlarmLimits:
    case Action::EditGraphics:
    case Action::ReviewReports:
    case Action::EnterMeterReplacements:
    case Action::ExitWorkstation:
        return Role::Engineer;
    case Action::CorrectReports:
    case Action::ViewAudit:
    case Action::ManageUsers:
        return Role::Administrator;
    }
    return Role::Administrator;
}

Permissions Permissions::defaults()
{
    Permissions p;
    for (Role r : AllRoles) {
        for (Action a : AllActions) {
            if (r >= defaultRoleFor(a))
                p.m_masks[size_t(r)] |= bit(a);
        }
    }
    return p;
}

bool Permissions::set(Role role, Action action, bool allowed)
{
    if (role == Role::Administrator && action == Action::ManageUsers && !allowed)
        return false;
    Mask& m = m_masks[size_t(role)];
    m = allowed ? (m | bit(action)) : (m & ~bit(action));
    return true;
}

QString Permissions::codes(Role role) const
{
    QStringList out;
    for (Action a : AllActions) {
        if (allows(role, a))
            out << actionCode(a);
    }
    return out.join(u',');
}

QJsonObject Permissions::toJson() const
{
    QJsonObject o;
    for (Role r : AllRoles) {
        QJsonArray actions;
        for (Action a : AllActions) {
            if (allows(r, a))
                actions.append(actionCode(a));
        }
        o.insert(roleCode(r), actions);
    }
    return o;
}

std::optional<Permissions> Permissions::fromJson(const QJsonObject& o, QString* error)
{
    Permissions p = defaults();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const auto role = parseRole(it.key());
        if (!role) {
            *error = tr("permissions: unknown role “%1”").arg(it.key());
            return std::nullopt;
        }
        Mask mask = 0;
        for (const QJsonValue& v : it.value().toArray()) {
            const auto action = parseAction(v.toString());
            if (!action) {
                *error = tr("permissions of %1: unknown action “%2”").arg(it.key(), v.toString());
                return std::nullopt;
            }
            mask |= bit(*action);
        }
        if (*role == Role::Administrator)
            mask |= bit(Action::ManageUsers);
        p.m_masks[size_t(*role)] = mask;
    }
    return p;
}

std::optional<QString> PasswordPolicy::reject(const QString& login, const QString& password) const
{
    if (password.size() < minLength)
        return tr("The password needs at least %n characters.", nullptr, minLength);
    if (lettersAndDigits) {
        const bool letter =
            std::any_of(password.begin(), password.end(), [](QChar c) { return c.isLetter(); });
        const bool digit =
            std::any_of(password.begin(), password.end(), [](QChar c) { return c.isDigit(); });
        if (!letter || !digit)
            return tr("The password needs letters and digits.");
    }
    if (!login.isEmpty() && password.contains(login, Qt::CaseInsensitive))
        return tr("The password must not contain the user name.");
    return std::nullopt;
}

QString PasswordPolicy::describe() const
{
    return lettersAndDigits
               ? tr("At least %n characters, with letters and digits.", nullptr, minLength)
               : tr("At least %n characters.", nullptr, minLength);
}

QJsonObject PasswordPolicy::toJson() const
{
    return {{QStringLiteral("minLength"), minLength},
            {QStringLiteral("lettersAndDigits"), lettersAndDigits},
            {QStringLiteral("maxFailures"), maxFailures},
            {QStringLiteral("lockoutMinutes"), lockoutMinutes},
            {QStringLiteral("maxAgeDays"), maxAgeDays}};
}

std::optional<PasswordPolicy> PasswordPolicy::fromJson(const QJsonObject& o, QString* error)
{
    PasswordPolicy p;
    p.minLength = o.value(u"minLength").toInt(p.minLength);
    p.lettersAndDigits = o.value(u"lettersAndDigits").toBool(p.lettersAndDigits);
    p.maxFailures = o.value(u"maxFailures").toInt(p.maxFailures);
    p.lockoutMinutes = o.value(u"lockoutMinutes").toInt(p.lockoutMinutes);
    p.maxAgeDays = o.value(u"maxAgeDays").toInt(p.maxAgeDays);
    if (p.minLength < 1 || p.minLength > 64 || p.maxFailures < 1 || p.lockoutMinutes < 1 ||
        p.maxAgeDays < 0) {
        *error = tr("password rules out of range (minLength 1–64, maxFailures ≥ 1, "
                    "lockoutMinutes ≥ 1, maxAgeDays ≥ 0)");
        return std::nullopt;
    }
    return p;
}

} // namespace PumpWatch
