// What the workstation's widgets work with: the project, the pipeline's services and the
// logged-in user. The program (app/workstation) builds them; tests build their own.
#pragma once

#include <acquisition/acquisitionservice.h>
#include <alarms/alarmservice.h>
#include <core/clock.h>
#include <core/project.h>
#include <core/realtimestore.h>
#include <core/users.h>
#include <history/databaseurl.h>
#include <history/historyservice.h>

#include <QObject>

#include <control/controlservice.h>
#include <functional>
#include <optional>

namespace PumpWatch::Ui {

/// The logged-in user; null user while the screen is locked before the first login.
class Session : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    const std::optional<User>& user() const { return m_user; }
    /// The name journaled with acknowledgements and control actions: "张三".
    QString userName() const { return m_user ? m_user->displayName : QString(); }
    /// Both names of the logged-in user, as the alarm engine audits them.
    Alarms::Actor actor() const
    {
        return m_user ? Alarms::Actor{m_user->name, m_user->displayName} : Alarms::Actor();
    }
    /// Whether the logged-in user may take `action`, by the permission table in force.
    bool may(Action action) const
    {
        return m_user && !m_user->disabled && m_permissions.allows(m_user->role, action);
    }
    const Permissions& permissions() const { return m_permissions; }
    /// An administrator's edit of the table: in force at once (every widget asks again).
    void setPermissions(const Permissions& permissions)
    {
        m_permissions = permissions;
        Q_EMIT userChanged();
    }
    /// The logged-in user as the control service knows them, on this computer.
    Control::Operator controlOperator() const;
    void setUser(const User& user)
    {
        m_user = user;
        Q_EMIT userChanged();
    }

Q_SIGNALS:
    void userChanged();

private:
    std::optional<User> m_user;
    Permissions m_permissions = Permissions::defaults();
};

struct Services {
    const Project& project;
    QString projectPath;     ///< the file the project was read from
    QString projectSavePath; ///< where edits are saved (the demo's copy in its data folder)
    const Clock& clock;
    RealtimeStore& store;
    Alarms::AlarmService& alarms;
    const Acquisition::AcquisitionService* acquisition = nullptr; ///< comm status; may be null
    History::HistoryService* history = nullptr;                   ///< audit records; may be null
    std::optional<History::DatabaseUrl> database; ///< queries and trends; none: live only
    Session& session;
    QString tileCache = {}; ///< folder of the map's tile cache; empty: tiles are not kept
    Control::ControlService* control = nullptr; ///< control commands; null: nothing is operated
    /// A workstation of a control room (--remote) has no acquisition: the servers' comm status
    /// of every station (device -1 … as the statuses come), and why the realtime link is not
    /// whole ("" when it is), for the status bar.
    std::function<std::vector<Acquisition::CommStatus>()> commStatuses = {};
    std::function<QString()> linkProblem = {};
};

/// One audit row as `who`'s (both names; the role when `who` is the session's user), from this
/// computer, at the clock's time. False when the workstation runs without a database: nothing
/// can be audited then.
bool audit(const Services& services, const Alarms::Actor& who, History::AuditEntry e);

/// One row of the workstation's own audit (login, logout, lock, exit) as `who`'s.
inline void auditWorkstation(const Services& services, const Alarms::Actor& who,
                             const QString& action, const QString& result,
                             const QString& detail = {})
{
    History::AuditEntry e;
    e.action = action;
    e.target = QStringLiteral("workstation");
    e.result = result;
    e.detail = detail;
    audit(services, who, std::move(e));
}

} // namespace PumpWatch::Ui
