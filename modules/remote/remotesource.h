// RemoteSource: a workstation's realtime data from the servers, over the broker (protocol.h), in
// place of the in-process pipeline. It fills a RealtimeStore of the workstation's own (so every
// view reads values as in single-PC mode), mirrors each station's live alarm records and comm
// status, and sends requests and reports their answers.
//
// Per station it follows the sequence: a snapshot gives the state at seq N, deltas N+1, N+2 …
// follow. A delta out of order (a missed one, or a snapshot older than the deltas already
// received, as for a workstation that just joined) makes the station "out of sync": its deltas
// are held, and after resyncDelayMs one request asks the server for fresh snapshots of all such
// stations; the held deltas newer than the snapshot are applied on top of it. Messages of an
// older epoch than the shard's newest are dropped (a frozen, replaced server).
//
// Lives in the thread that creates it (the GUI thread, or the probe's).
#pragma once

#include "protocol.h"

#include <core/clock.h>
#include <core/project.h>
#include <core/realtimestore.h>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <mqtt/mqttclient.h>
#include <optional>

namespace PumpWatch::Remote {

struct RemoteOptions {
    Mqtt::ClientOptions mqtt;    ///< mqtt.user is the workstation's name on the broker (the ACL's)
    int requestTimeoutMs = 5000; ///< a request not carried out by then never will be
    int resyncDelayMs = 150;     ///< collect out-of-sync stations this long, then ask once
};

struct RemoteStats {
    quint64 messages = 0, deltas = 0, snapshots = 0, alarmMessages = 0;
    quint64 oldEpoch = 0; ///< dropped: from a replaced server
    quint64 gaps = 0, resyncRequests = 0, invalid = 0;
};

/// What the workstation knows of one station.
struct RemoteStation {
    QString shard;
    bool synced = false;
    bool snapshot = false; ///< has had one since the last loss of sync
    quint64 epoch = 0;
    quint64 seq = 0;
    LinkStatus status;
    std::deque<ValuesMessage> held; ///< deltas waiting for a snapshot
    qint64 resyncAskedMs = 0;
};

class RemoteSource : public QObject {
    Q_OBJECT

public:
    RemoteSource(const Project& project, RealtimeStore& store, RemoteOptions options,
                 const Clock& clock, QObject* parent = nullptr);
    ~RemoteSource() override;

    /// Connects in the background; false for a configuration the client refuses.
    bool start();
    void stop();

    bool linkUp() const;
    qint64 linkDownSinceMs() const { return m_linkDownSinceMs; }
    QString linkError() const;
    /// Stations whose values are complete and current (synced), and whether that is every
    /// station of the project, each server online.
    int stationsInSync() const;
    bool complete() const;
    const RemoteStation& station(int index) const { return m_stations[std::size_t(index)]; }
    /// The active server of each shard known.
    const std::map<QString, ServerState>& servers() const { return m_servers; }
    /// Every shard's live records, with keys of this workstation's (stable while listed).
    std::vector<Alarms::AlarmRecord> liveRecords() const;

    /// Sends a request to the server that owns `station` (or, with -1, to every shard's … the
    /// first one's); returns its id. responded() follows: the server's answer, "timeout" after
    /// requestTimeoutMs, or at once "offline" without a link.
    QString send(const QString& kind, int station, QCborMap args, const QString& login,
                 const QString& name, quint8 role);
    RemoteStats stats() const { return m_stats; }
    /// This workstation's name on the broker (its ACL login).
    QString client() const { return m_options.mqtt.user; }
    /// Called for every delta applied in order with how old its newest value is when applied
    /// (ms from the server's acquisition to this workstation's store): end-to-end latency.
    void setLatencyProbe(std::function<void(qint64 ms)> probe) { m_latency = std::move(probe); }

Q_SIGNALS:
    void linkChanged(bool up, const QString& reason);
    /// A station's (or, -1, the system's) alarm records changed; `changes` are the transitions
    /// when they are known in order (empty after a resync).
    void alarmsChanged(int station, const std::vector<Alarms::AlarmChange>& changes);
    void syncChanged(int inSync);
    void serverChanged(const QString& shard, const ServerState& state);
    /// The server's states of a station's control objects (select → operate → read-back).
    void controlsChanged(
        int station,
        const std::vector<std::pair<Control::ControlAddress, Control::ControlState>>& states);
    void responded(const Response& response);

private:
    void onMessages(std::span<const Mqtt::Message> batch);
    void onValues(const Topic::Parsed& t, const QByteArray& payload, bool snapshot);
    void onAlarms(const Topic::Parsed& t, const QByteArray& payload);
    void onControls(const Topic::Parsed& t, const QByteArray& payload);
    void onServer(const Topic::Parsed& t, const QByteArray& payload, bool member);
    void onResponse(const QByteArray& payload);
    /// false: from an older epoch than the shard's newest (dropped). A newer one resets the
    /// shard's stations.
    bool acceptEpoch(const QString& shard, quint64 epoch);
    void apply(int station, const ValuesMessage& m);
    void applySnapshot(int station, const ValuesMessage& m);
    void loseSync(int station);
    void askResync();
    void sweep();
    void scheduleResync(int station);
    void expireRequests();
    void setSynced(int station, bool synced);

    const Project& m_project;
    RealtimeStore& m_store;
    RemoteOptions m_options;
    const Clock& m_clock;
    std::unique_ptr<Mqtt::Client> m_client;
    std::vector<RemoteStation> m_stations;
    int m_inSync = 0;
    std::map<QString, quint64> m_epochs; ///< newest epoch seen per shard
    std::map<QString, ServerState> m_servers;
    /// Live records per (shard, station); station -1: the shard's system alarms.
    std::map<std::pair<QString, int>, std::pair<quint64, std::vector<Alarms::AlarmRecord>>>
        m_alarms;
    mutable QHash<QString, quint64> m_keys; ///< alarmId → this workstation's key
    mutable quint64 m_lastKey = 0;
    QSet<int> m_resync;
    QTimer m_resyncTimer;
    QTimer m_requestTimer;
    QTimer m_sweepTimer;
    QHash<QString, qint64> m_pending; ///< request id → deadline
    qint64 m_linkDownSinceMs = 0;
    std::vector<Sample> m_batch;
    QSet<int> m_warnedMismatch;
    QHash<QString, qint64> m_offsetMs; ///< per shard: server clock − ours, from live deltas
    RemoteStats m_stats;
    std::function<void(qint64)> m_latency;
};

} // namespace PumpWatch::Remote
