// Publisher: the server's side of the realtime link (protocol.h). Ten times a second it takes
// what changed in the realtime store and publishes one delta per changed station; every
// snapshotMs (and at once on a comm-status change or a workstation's resync request) a station's
// retained snapshot; on every alarm change the station's live records with the transitions; and,
// for a city platform, a JSON mirror. After every (re)connect to the broker it publishes
// everything again: mosquitto saves retained messages only every autosave_interval, so a broker
// that crashed may have lost or kept old ones.
//
// Runs in the thread that owns the MQTT client (the server's main thread). Nothing is published
// while mayPublish() says no: the lease is not (locally) known to be held, so a frozen leader
// that wakes up publishes nothing before it learns it was replaced.
//
//     Publisher pub(project, pipeline.store(), pipeline.alarms(), pipeline.acquisition(), client,
//                   {.shard = u"main"_s, .serverId = u"server-a"_s}, clock);
//     pipeline.setAlarmObserver([&](auto changes) { pub.alarmChanges(changes); });
//     pub.start(epoch);
#pragma once

#include "protocol.h"

#include <acquisition/acquisitionservice.h>
#include <alarms/alarmservice.h>
#include <core/clock.h>
#include <core/project.h>
#include <core/realtimestore.h>
#include <core/stationset.h>

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QTimeZone>
#include <QTimer>

#include <atomic>
#include <functional>
#include <mqtt/mqttclient.h>
#include <span>

namespace PumpWatch::Remote {

struct PublisherOptions {
    QString shard = QStringLiteral("main");
    QString serverId;
    StationSet stations;    ///< owned stations by index; empty: all
    int tickMs = 100;       ///< deltas are coalesced over this
    int snapshotMs = 5000;  ///< each changed station's retained snapshot at least this often
    bool cityMirror = true; ///< pw/city/… JSON
};

struct PublisherStats {
    quint64 deltas = 0, snapshots = 0, alarmMessages = 0, bytes = 0, resyncs = 0;
};

class Publisher : public QObject {
    Q_OBJECT

public:
    Publisher(const Project& project, RealtimeStore& store, const Alarms::AlarmService& alarms,
              const Acquisition::AcquisitionService& acquisition, Mqtt::Client& client,
              PublisherOptions options, const Clock& clock, QObject* parent = nullptr);
    ~Publisher() override;

    /// Consulted before every publication; false: nothing goes out (see the header comment).
    void setMayPublish(std::function<bool()> mayPublish) { m_mayPublish = std::move(mayPublish); }
    /// Starts ticking as the shard's active server of `epoch`: publishes the server state and
    /// everything now (if connected) and again after every reconnect.
    void start(quint64 epoch);
    /// Publishes the shard's state offline (a clean stop) and stops ticking.
    void stop();
    /// Thread-safe, never waits for the owner thread: queues alarm transitions (the pipeline's
    /// alarm observer calls it with the alarm lock held).
    void alarmChanges(std::span<const Alarms::AlarmChange> changes);
    /// Fresh snapshots (values and alarms) of these stations at the next tick; unknown ids are
    /// ignored.
    void resync(const QStringList& stationIds);
    /// The control objects' states of every owned station are published too (pw/c), whenever
    /// the service says a station's changed and after every start or reconnect.
    void setControl(const Control::ControlService* control);
    /// Whether the history database is reachable, published in the server state.
    void setDatabase(bool reachable);
    bool owns(int station) const;
    PublisherStats stats() const { return m_stats; }
    ServerState state() const;
    /// Per owned station: [epoch, seq, valuesDigest] of what has been published, for a
    /// workstation to compare with its own (the "digest" request).
    QJsonObject digest() const;

private:
    struct StationOut {
        quint64 seq = 0;
        quint64 alarmSeq = 0;
        qint64 lastSnapshotMs = 0;
        bool snapshotDue = true; ///< changed since the last snapshot, or asked for
        bool alarmsDue = true;
        bool controlsDue = true;
        bool cityDue = true; ///< the next snapshot takes the city mirror along (not a resync's)
        qint64 lastCityMs = 0;
        LinkStatus status;
        std::vector<quint32> changed; ///< offsets changed in this tick
        std::vector<Alarms::AlarmRecord> records;
        std::vector<Alarms::AlarmChange> changes;
    };

    void tick();
    void publishAll();
    void publishState();
    void takeStatuses();
    void publishDelta(int station, StationOut& out);
    void publishSnapshot(int station, StationOut& out);
    void publishAlarms();
    void publishControls();
    void flushAlarmsSoon();
    void publishCityValues(int station);
    void publishCityAlarm(const Alarms::AlarmChange& change);
    bool publish(const QByteArray& topic, const QByteArray& payload, int qos, bool retain);
    /// Index into m_out: a station's, or the last one for the system's alarms.
    StationOut& out(int station);
    QString stationId(int station) const;

    const Project& m_project;
    RealtimeStore& m_store;
    RealtimeReader m_reader;
    const Alarms::AlarmService& m_alarms;
    const Acquisition::AcquisitionService& m_acquisition;
    Mqtt::Client& m_client;
    PublisherOptions m_options;
    const Clock& m_clock;
    QTimeZone m_zone; ///< the project's: the city mirror's times
    std::function<bool()> m_mayPublish;
    const Control::ControlService* m_control = nullptr;
    QTimer m_timer;
    quint64 m_epoch = 0;
    bool m_running = false;
    bool m_database = false;
    bool m_republish = true; ///< everything at the next tick (reconnected, started)
    std::size_t m_snapshotCursor = 0;
    std::vector<StationOut> m_out; ///< per station, then the system's alarms
    PublisherStats m_stats;

    QMutex m_pendingMutex;
    std::vector<Alarms::AlarmChange> m_pending; ///< from alarmChanges(), for the next tick
    bool m_alarmsDirty = true;                  ///< guarded by m_pendingMutex
    std::atomic<bool> m_flushPosted{false};
};

} // namespace PumpWatch::Remote
