#include "services.h"

#include <QSysInfo>

namespace PumpWatch::Ui {

Control::Operator Session::controlOperator() const
{
    if (!m_user)
        return {};
    return {m_user->name, m_user->displayName, m_user->role, QSysInfo::machineHostName()};
}

} // namespace PumpWatch::Ui
