// RemoteWorkstation: the workstation's realtime side in a control room (`pumpwatch --remote`).
// In place of the in-process pipeline: a RealtimeStore filled from the servers through the
// broker (Remote::RemoteSource), an alarm service that mirrors the servers' records and sends
// what an operator does to them as requests (Alarms::AlarmService::setForward), the faceplates'
// commands likewise with the server's control states shown (Control::ControlService), the stations'
// comm status as the servers see it, and the state of the link for the status bar. The
// servers' answers to requests that were refused or not carried out come as message().
#pragma once

#include <acquisition/commstatus.h>
#include <alarms/alarmservice.h>
#include <core/clock.h>
#include <core/project.h>
#include <core/realtimestore.h>
#include <core/users.h>

#include <QObject>

#include <control/controlservice.h>
#include <functional>
#include <remote/remotesource.h>

namespace PumpWatch::Workstation {

class RemoteWorkstation : public QObject {
    Q_OBJECT

public:
    /// `role` tells the servers what the logged-in user may do (they check it again).
    RemoteWorkstation(const Project& project, const Clock& clock, Remote::RemoteOptions options,
                      std::function<Role()> role, QObject* parent = nullptr);

    bool start() { return m_source.start(); }
    void stop() { m_source.stop(); }

    RealtimeStore& store() { return m_store; }
    Alarms::AlarmService& alarms() { return m_alarms; }
    /// The faceplates' control service: a mirror of the servers' (ControlService::setForward).
    Control::ControlService& control() { return m_control; }
    std::vector<Acquisition::CommStatus> commStatuses() const;
    /// "" while the link is whole; else what is wrong and since when.
    QString linkProblem() const;

Q_SIGNALS:
    /// For the status bar: a request was refused, expired or not answered.
    void message(const QString& text);

private:
    void send(const QString& kind, int station, QCborMap args, const Alarms::Actor& who);

    const Project& m_project;
    const Clock& m_clock;
    RealtimeStore m_store;
    Alarms::AlarmService m_alarms;
    Control::ControlService m_control;
    Remote::RemoteSource m_source;
    std::function<Role()> m_role;
};

} // namespace PumpWatch::Workstation
