#include "services.h"

#include <QSysInfo>

namespace PumpWatch::Ui {

Control::Operator Session::controlOperator() const
{
    if (!m_user)
        return {};
    return {m_user->name, m_user->displayName, m_user->role, QSysInfo::machineHostName(),
            m_user->disabled ? 0 : m_permissions.mask(m_user->role)};
}

bool audit(const Services& services, const Alarms::Actor& who, History::AuditEntry e)
{
    if (!services.history)
        return false;
    e.ms = services.clock.nowMs();
    e.user = who.name;
    e.login = who.login;
    const std::optional<User>& user = services.session.user();
    if (user && user->name == who.login)
        e.role = roleCode(user->role);
    e.workstation = QSysInfo::machineHostName();
    services.history->journal({}, std::span(&e, 1));
    return true;
}

} // namespace PumpWatch::Ui
