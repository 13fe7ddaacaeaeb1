#include "remotesource.h"

#include <QCborArray>
#include <QDebug>
#include <QUuid>

#include <algorithm>

namespace PumpWatch::Remote {

namespace {
constexpr std::size_t MaxHeld = 64; ///< deltas kept per station while waiting for a snapshot
constexpr qint64 ResyncRepeatMs = 1000;
/// A snapshot younger than this (server clock vs ours: NTP in a control room) is current.
constexpr qint64 FreshSnapshotMs = 1500;
/// An answer sent just before the request's expiry still has to travel.
constexpr qint64 AnswerGraceMs = 1000;
} // namespace

RemoteSource::RemoteSource(const Project& project, RealtimeStore& store, RemoteOptions options,
                           const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_store(store)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_stations(project.stations.size())
{
    m_resyncTimer.setSingleShot(true);
    m_resyncTimer.setInterval(m_options.resyncDelayMs);
    connect(&m_resyncTimer, &QTimer::timeout, this, &RemoteSource::askResync);
    m_requestTimer.setInterval(200);
    connect(&m_requestTimer, &QTimer::timeout, this, &RemoteSource::expireRequests);
    // A station that never changes sends no delta that would show it missing (its retained
    // snapshot lost, or from a replaced server): asked for once in a while.
    m_sweepTimer.setInterval(2000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &RemoteSource::sweep);
    m_linkDownSinceMs = clock.nowMs();
}

RemoteSource::~RemoteSource() = default;

bool RemoteSource::start()
{
    m_client = std::make_unique<Mqtt::Client>(m_options.mqtt);
    m_client->setMessageHandler([this](std::span<const Mqtt::Message> b) { onMessages(b); });
    for (const char* f : {"pw/srv/#", "pw/s/#", "pw/v/#", "pw/a/#", "pw/c/#"})
        m_client->subscribe(QByteArray(f), 1);
    m_client->subscribe(Topic::response(m_options.mqtt.user), 1);
    connect(m_client.get(), &Mqtt::Client::connected, this, [this] {
        m_linkDownSinceMs = 0;
        Q_EMIT linkChanged(true, {});
    });
    const auto down = [this](const QString& reason) {
        if (m_linkDownSinceMs == 0)
            m_linkDownSinceMs = m_clock.nowMs();
        // Deltas are being missed: every station waits for its snapshot again (the retained ones
        // come with the resubscription).
        for (int s = 0; s < int(m_stations.size()); ++s)
            loseSync(s);
        m_resync.clear();
        Q_EMIT linkChanged(false, reason);
    };
    connect(m_client.get(), &Mqtt::Client::disconnected, this, down);
    connect(m_client.get(), &Mqtt::Client::connectFailed, this, down);
    m_requestTimer.start();
    m_sweepTimer.start();
    return m_client->open();
}

void RemoteSource::stop()
{
    m_requestTimer.stop();
    m_resyncTimer.stop();
    if (m_client)
        m_client->close();
}

bool RemoteSource::linkUp() const
{
    return m_client && m_client->isConnected();
}

QString RemoteSource::linkError() const
{
    return m_client ? m_client->lastError() : QString();
}

int RemoteSource::stationsInSync() const
{
    return m_inSync;
}

bool RemoteSource::complete() const
{
    // Every station of the project: one that no server speaks for (a shard not running) is
    // not known, and the dispatcher must see that it is not.
    if (m_inSync != int(m_stations.size()))
        return false;
    return std::all_of(m_servers.begin(), m_servers.end(),
                       [](const auto& entry) { return entry.second.online; });
}

std::vector<Alarms::AlarmRecord> RemoteSource::liveRecords() const
{
    // Keys of this workstation's own: the servers' keys may collide between shards and change
    // with a takeover, a view's selection must not. A record keeps its key while it is listed.
    QHash<QString, quint64> keys;
    std::vector<Alarms::AlarmRecord> out;
    for (const auto& [key, entry] : m_alarms) {
        for (Alarms::AlarmRecord r : entry.second) {
            const QString id = alarmId(r);
            r.key = m_keys.value(id, 0);
            if (r.key == 0)
                r.key = ++m_lastKey;
            keys.insert(id, r.key);
            out.push_back(std::move(r));
        }
    }
    m_keys.swap(keys);
    return out;
}

void RemoteSource::onMessages(std::span<const Mqtt::Message> batch)
{
    for (const Mqtt::Message& m : batch) {
        ++m_stats.messages;
        const Topic::Parsed t = Topic::parse(m.topic);
        switch (t.kind) {
        case Topic::Parsed::Values:
            onValues(t, m.payload, false);
            break;
        case Topic::Parsed::Snapshot:
            onValues(t, m.payload, true);
            break;
        case Topic::Parsed::Alarms:
            onAlarms(t, m.payload);
            break;
        case Topic::Parsed::Controls:
            onControls(t, m.payload);
            break;
        case Topic::Parsed::Server:
        case Topic::Parsed::ServerMember:
            onServer(t, m.payload, t.kind == Topic::Parsed::ServerMember);
            break;
        case Topic::Parsed::Response:
            onResponse(m.payload);
            break;
        default:
            break;
        }
    }
    if (!m_batch.empty()) {
        m_store.publish(m_batch);
        m_batch.clear();
    }
}

bool RemoteSource::acceptEpoch(const QString& shard, quint64 epoch)
{
    quint64& newest = m_epochs[shard];
    if (epoch < newest) {
        ++m_stats.oldEpoch;
        return false;
    }
    if (epoch > newest) {
        const bool takeover = newest != 0;
        newest = epoch;
        if (takeover) { // another server took over: its sequences start again
            for (int s = 0; s < int(m_stations.size()); ++s)
                if (m_stations[std::size_t(s)].shard == shard)
                    loseSync(s);
            for (auto& [key, entry] : m_alarms)
                if (key.first == shard)
                    entry.first = 0;
        }
    }
    return true;
}

void RemoteSource::onValues(const Topic::Parsed& t, const QByteArray& payload, bool snapshot)
{
    const int s = m_project.stationIndex(t.name);
    if (s < 0)
        return; // a station this project does not have
    QString error;
    std::optional<ValuesMessage> m = decodeValues(payload, &error);
    if (!m) {
        ++m_stats.invalid;
        qWarning().noquote()
            << tr("station %1: a malformed message from the server: %2").arg(t.name, error);
        return;
    }
    if (!acceptEpoch(t.shard, m->epoch))
        return;
    const Station& station = m_project.stations[std::size_t(s)];
    if (m->tagCount != station.tagCount) {
        if (!m_warnedMismatch.contains(s)) {
            m_warnedMismatch.insert(s);
            qWarning().noquote()
                << tr("station %1: the server's project has %2 tags for it, this one %3; its "
                      "values are not shown until both load the same project")
                       .arg(station.id)
                       .arg(m->tagCount)
                       .arg(station.tagCount);
        }
        return;
    }
    RemoteStation& st = m_stations[std::size_t(s)];
    st.shard = t.shard;
    if (st.epoch != m->epoch) {
        st.epoch = m->epoch;
        st.seq = 0;
        st.snapshot = false;
        st.held.clear();
        setSynced(s, false);
    }
    if (snapshot) {
        ++m_stats.snapshots;
        applySnapshot(s, *m);
        return;
    }
    ++m_stats.deltas;
    // The server's clock as seen from here (deltas are live; retained snapshots may be old):
    // requests carry their expiry on it.
    m_offsetMs[t.shard] = m->ms - m_clock.nowMs();
    if (st.snapshot && m->seq <= st.seq)
        return; // already in a snapshot
    if (st.snapshot && m->seq == st.seq + 1) {
        apply(s, *m);
        setSynced(s, true); // an old snapshot is confirmed current by the next delta
        if (m_latency && !m->values.empty()) {
            qint64 newest = 0;
            for (const auto& [offset, v] : m->values)
                newest = std::max(newest, v.timestampMs);
            m_latency(m_clock.nowMs() - newest);
        }
        return;
    }
    if (st.snapshot) {
        ++m_stats.gaps;
        loseSync(s);
    }
    if (st.held.size() >= MaxHeld)
        st.held.pop_front();
    st.held.push_back(std::move(*m));
    scheduleResync(s);
}

void RemoteSource::apply(int station, const ValuesMessage& m)
{
    RemoteStation& st = m_stations[std::size_t(station)];
    const TagId first = m_project.stations[std::size_t(station)].firstTag;
    for (const auto& [offset, v] : m.values)
        if (offset < m_project.stations[std::size_t(station)].tagCount)
            m_batch.push_back({v.timestampMs, v.value, first + offset, v.quality, false});
    st.seq = m.seq;
    st.status = m.status;
}

void RemoteSource::applySnapshot(int station, const ValuesMessage& m)
{
    RemoteStation& st = m_stations[std::size_t(station)];
    if (st.snapshot && m.seq < st.seq)
        return; // older than what we have
    apply(station, m);
    st.snapshot = true;
    // A retained snapshot may be seconds old (a workstation that just joined): its values are
    // shown at once, but the station counts as current only when it is fresh or a delta in
    // order follows it; otherwise a fresh one is asked for.
    bool confirmed = m_clock.nowMs() - m.ms <= FreshSnapshotMs;
    // Deltas that came before the snapshot but are newer, in order and without a hole.
    std::sort(st.held.begin(), st.held.end(),
              [](const ValuesMessage& a, const ValuesMessage& b) { return a.seq < b.seq; });
    bool hole = false;
    for (const ValuesMessage& d : st.held) {
        if (d.seq <= st.seq)
            continue;
        if (d.seq != st.seq + 1) {
            hole = true;
            break;
        }
        apply(station, d);
        confirmed = true;
    }
    st.held.clear();
    if (hole)
        ++m_stats.gaps;
    if (hole || !confirmed) {
        if (hole)
            st.snapshot = false;
        scheduleResync(station);
        return;
    }
    m_resync.remove(station);
    setSynced(station, true);
}

void RemoteSource::setSynced(int station, bool synced)
{
    RemoteStation& st = m_stations[std::size_t(station)];
    if (st.synced == synced)
        return;
    st.synced = synced;
    m_inSync += synced ? 1 : -1;
    Q_EMIT syncChanged(m_inSync);
}

void RemoteSource::loseSync(int station)
{
    RemoteStation& st = m_stations[std::size_t(station)];
    st.snapshot = false;
    setSynced(station, false);
}

void RemoteSource::sweep()
{
    if (!linkUp())
        return;
    for (const auto& [shard, state] : m_servers) {
        if (!state.online)
            continue;
        for (const QString& id : state.stations) {
            const int s = m_project.stationIndex(id);
            if (s < 0 || m_stations[std::size_t(s)].synced)
                continue;
            m_stations[std::size_t(s)].shard = shard;
            scheduleResync(s);
        }
    }
}

void RemoteSource::scheduleResync(int station)
{
    // Collected over resyncDelayMs, then asked for in one request per shard.
    m_resync.insert(station);
    if (!m_resyncTimer.isActive())
        m_resyncTimer.start();
}

void RemoteSource::askResync()
{
    if (!linkUp())
        return;
    const qint64 now = m_clock.nowMs();
    std::map<QString, QCborArray> byShard;
    for (int s : std::as_const(m_resync)) {
        RemoteStation& st = m_stations[std::size_t(s)];
        if (st.synced || st.shard.isEmpty() || now - st.resyncAskedMs < ResyncRepeatMs)
            continue;
        st.resyncAskedMs = now;
        byShard[st.shard].append(m_project.stations[std::size_t(s)].id);
    }
    for (auto& [shard, stations] : byShard) {
        Request r;
        r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        r.kind = QStringLiteral("resync");
        r.sentMs = now;
        r.expiresMs = now + m_options.requestTimeoutMs;
        r.args.insert(QStringLiteral("stations"), stations);
        m_client->publish(Topic::request(m_options.mqtt.user, shard), encode(r), 1, false,
                          std::max(1, m_options.requestTimeoutMs / 1000));
        ++m_stats.resyncRequests;
    }
    // Stations still waiting are asked again once ResyncRepeatMs has passed.
    bool waiting = false;
    for (int s : std::as_const(m_resync))
        waiting = waiting || !m_stations[std::size_t(s)].synced;
    if (waiting)
        m_resyncTimer.start(int(ResyncRepeatMs));
    else
        m_resync.clear();
}

void RemoteSource::onAlarms(const Topic::Parsed& t, const QByteArray& payload)
{
    const int s = t.name.isEmpty() ? -1 : m_project.stationIndex(t.name);
    if (!t.name.isEmpty() && s < 0)
        return;
    QString error;
    std::optional<AlarmsMessage> m = decodeAlarms(payload, &error);
    if (!m) {
        ++m_stats.invalid;
        qWarning().noquote() << tr("alarms of %1: a malformed message from the server: %2")
                                    .arg(t.name.isEmpty() ? QStringLiteral("_system") : t.name,
                                         error);
        return;
    }
    if (!acceptEpoch(t.shard, m->epoch))
        return;
    ++m_stats.alarmMessages;
    auto& [seq, records] = m_alarms[{t.shard, s}];
    const bool inOrder = seq != 0 && m->seq == seq + 1;
    if (seq != 0 && m->seq <= seq)
        return; // a repeat (the retained copy after a reconnect)
    seq = m->seq;
    records = std::move(m->records);
    Q_EMIT alarmsChanged(s, inOrder ? m->changes : std::vector<Alarms::AlarmChange>{});
}

void RemoteSource::onControls(const Topic::Parsed& t, const QByteArray& payload)
{
    const int s = m_project.stationIndex(t.name);
    if (s < 0)
        return;
    QString error;
    std::optional<ControlsMessage> m = decodeControls(payload, &error);
    if (!m) {
        ++m_stats.invalid;
        qWarning().noquote()
            << tr("controls of %1: a malformed message from the server: %2").arg(t.name, error);
        return;
    }
    if (!acceptEpoch(t.shard, m->epoch))
        return;
    for (auto& [a, st] : m->states)
        a.station = s;
    Q_EMIT controlsChanged(s, m->states);
}

void RemoteSource::onServer(const Topic::Parsed& t, const QByteArray& payload, bool member)
{
    QString error;
    std::optional<ServerState> state = decodeServerState(payload, &error);
    if (!state) {
        ++m_stats.invalid;
        return;
    }
    if (!member) {
        if (!acceptEpoch(t.shard, state->epoch))
            return;
        m_servers[t.shard] = *state;
        Q_EMIT serverChanged(t.shard, *state);
        return;
    }
    // A server's presence: its Will says it went away. Only the active one's matters here.
    auto it = m_servers.find(t.shard);
    if (it != m_servers.end() && it->second.serverId == state->serverId && !state->online) {
        it->second.online = false;
        Q_EMIT serverChanged(t.shard, it->second);
    }
}

void RemoteSource::onResponse(const QByteArray& payload)
{
    QString error;
    std::optional<Response> r = decodeResponse(payload, &error);
    if (!r)
        return;
    // A replaced server still running (cut off from the database, say) may answer too: only
    // the newest epoch's answer counts.
    for (const auto& [shard, newest] : m_epochs)
        if (m_servers.contains(shard) && m_servers.at(shard).serverId == r->serverId &&
            r->epoch < newest)
            return;
    if (!m_pending.remove(r->id))
        return; // not ours any more (answered, timed out)
    Q_EMIT responded(*r);
}

QString RemoteSource::send(const QString& kind, int station, QCborMap args, const QString& login,
                           const QString& name, quint8 role)
{
    Request r;
    r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.kind = kind;
    r.login = login;
    r.name = name;
    r.role = role;
    r.args = std::move(args);
    QString shard = station >= 0 ? m_stations[std::size_t(station)].shard : QString();
    // An alarm of no station (a server's own) belongs to the shard that published it.
    if (shard.isEmpty() && r.args.contains(QLatin1String("alarm"))) {
        const QString id = r.args.value(QLatin1String("alarm")).toString();
        for (const auto& [key, entry] : m_alarms)
            for (const Alarms::AlarmRecord& rec : entry.second)
                if (shard.isEmpty() && alarmId(rec) == id)
                    shard = key.first;
    }
    if (shard.isEmpty() && !m_servers.empty())
        shard = m_servers.begin()->first;
    // On the server's clock, so that a workstation whose clock is off neither gets every
    // request refused as expired nor lets one run late.
    r.sentMs = m_clock.nowMs() + m_offsetMs.value(shard, 0);
    r.expiresMs = r.sentMs + m_options.requestTimeoutMs;
    const auto fail = [&](const QString& code, const QString& message) {
        Response out;
        out.id = r.id;
        out.code = code;
        out.message = message;
        out.ms = m_clock.nowMs();
        QMetaObject::invokeMethod(
            this, [this, out] { Q_EMIT responded(out); }, Qt::QueuedConnection);
        return r.id;
    };
    if (!linkUp())
        return fail(QStringLiteral("offline"),
                    tr("the realtime link to the server is lost: nothing can be sent"));
    if (shard.isEmpty())
        return fail(QStringLiteral("offline"), tr("no server is active for this station"));
    m_pending.insert(r.id, m_clock.nowMs() + m_options.requestTimeoutMs + AnswerGraceMs);
    m_client->publish(Topic::request(m_options.mqtt.user, shard), encode(r), 1, false,
                      std::max(1, m_options.requestTimeoutMs / 1000));
    return r.id;
}

void RemoteSource::expireRequests()
{
    const qint64 now = m_clock.nowMs();
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (now <= it.value()) {
            ++it;
            continue;
        }
        Response out;
        out.id = it.key();
        out.code = QStringLiteral("timeout");
        out.message = tr("no answer from the server: the request was not carried out");
        out.ms = now;
        it = m_pending.erase(it);
        Q_EMIT responded(out);
    }
}

} // namespace PumpWatch::Remote
