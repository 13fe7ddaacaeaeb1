// RequestServer: what the active server does with a workstation's request (protocol.h). The
// broker's ACL proves the workstation (the <client> of pw/req/<client>/<shard>); the request
// names the user who logged in there. Each request is carried out at most once:
//  - nothing is done by a server that may not (not the active one, or its lease ran out while
//    it was frozen): it stays silent and the active one answers;
//  - nothing is done after the request's expiry, however it was delayed (a broker that held it,
//    a server that was stopped): the answer says it expired;
//  - a repeated request id gets the first answer again, not a second action;
//  - an acknowledgement of an alarm already acknowledged says by whom and when.
// Control (select, operate, cancel) also needs the history database: a command that cannot be
// audited is refused ("no audit, no control").
#pragma once

#include "protocol.h"

#include <alarms/alarmservice.h>
#include <core/clock.h>
#include <core/project.h>

#include <QHash>
#include <QObject>
#include <QTimeZone>

#include <control/controlservice.h>
#include <deque>
#include <functional>
#include <mqtt/mqttclient.h>
#include <span>
#include <unordered_map>

namespace PumpWatch::Remote {

class Publisher;

struct RequestServerStats {
    quint64 handled = 0, expired = 0, duplicates = 0, refused = 0, invalid = 0, ignored = 0;
};

class RequestServer : public QObject {
    Q_OBJECT

public:
    struct Gate {
        std::function<bool()> active;    ///< may act at all (Leadership::holds)
        std::function<bool()> auditable; ///< history can record control (database up)
    };

    RequestServer(const Project& project, Alarms::AlarmService& alarms,
                  Control::ControlService& control, Publisher& publisher, Mqtt::Client& client,
                  QString shard, QString serverId, const Clock& clock, QObject* parent = nullptr);

    void setGate(Gate gate) { m_gate = std::move(gate); }
    void setEpoch(quint64 epoch) { m_epoch = epoch; }
    /// The subscription requests arrive on.
    QByteArray filter() const;
    /// A message on filter(); others are ignored.
    void handle(const Mqtt::Message& message);
    RequestServerStats stats() const { return m_stats; }

private:
    Response execute(const QString& client, const Request& r);
    Response ack(const Request& r, const Alarms::Actor& who);
    Response ackStation(const Request& r, const Alarms::Actor& who);
    Response shelve(const Request& r, const Alarms::Actor& who, bool on);
    Response control(const QString& client, const Request& r);
    void respond(const QString& client, Response response);
    QString timeText(qint64 ms) const;

    const Project& m_project;
    Alarms::AlarmService& m_alarms;
    Control::ControlService& m_control;
    Publisher& m_publisher;
    Mqtt::Client& m_client;
    QString m_shard, m_serverId;
    const Clock& m_clock;
    QTimeZone m_zone;
    Gate m_gate;
    quint64 m_epoch = 0;
    RequestServerStats m_stats;
    /// Answers given, by request id, for repeats (the last 4096).
    std::unordered_map<QString, Response> m_answers;
    std::deque<QString> m_answerOrder;
    /// Alarms acknowledged here, by alarmId: who and when (the last 4096).
    QHash<QString, std::pair<QString, qint64>> m_acked;
    std::deque<QString> m_ackedOrder;
};

} // namespace PumpWatch::Remote
