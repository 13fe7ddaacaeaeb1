#include "publisher.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QTimeZone>

#include <cmath>

namespace PumpWatch::Remote {

Publisher::Publisher(const Project& project, RealtimeStore& store,
                     const Alarms::AlarmService& alarms,
                     const Acquisition::AcquisitionService& acquisition, Mqtt::Client& client,
                     PublisherOptions options, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_store(store)
    , m_reader(store)
    , m_alarms(alarms)
    , m_acquisition(acquisition)
    , m_client(client)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_zone(project.timeZone.toUtf8())
    , m_out(project.stations.size() + 1)
{
    m_timer.setInterval(std::max(10, m_options.tickMs));
    connect(&m_timer, &QTimer::timeout, this, &Publisher::tick);
    connect(&m_client, &Mqtt::Client::connected, this, [this] { m_republish = true; });
    // Shelving and unshelving change records without a transition: the signal covers them.
    connect(&m_alarms, &Alarms::AlarmService::changed, this, [this] {
        {
            QMutexLocker lock(&m_pendingMutex);
            m_alarmsDirty = true;
        }
        flushAlarmsSoon();
    });
}

Publisher::~Publisher() = default;

bool Publisher::owns(int station) const
{
    return inStationSet(m_options.stations, station);
}

Publisher::StationOut& Publisher::out(int station)
{
    return station < 0 ? m_out.back() : m_out[std::size_t(station)];
}

QString Publisher::stationId(int station) const
{
    return station < 0 ? QString() : m_project.stations[std::size_t(station)].id;
}

ServerState Publisher::state() const
{
    ServerState s;
    s.serverId = m_options.serverId;
    s.epoch = m_epoch;
    s.online = m_running;
    s.active = m_running;
    s.database = m_database;
    s.ms = m_clock.nowMs();
    for (int i = 0; i < int(m_project.stations.size()); ++i)
        if (owns(i))
            s.stations.append(m_project.stations[std::size_t(i)].id);
    return s;
}

QJsonObject Publisher::digest() const
{
    QJsonObject out;
    for (int s = 0; s < int(m_project.stations.size()); ++s) {
        if (!owns(s))
            continue;
        const Station& st = m_project.stations[std::size_t(s)];
        out.insert(st.id,
                   QJsonArray{qint64(m_epoch), qint64(m_out[std::size_t(s)].seq),
                              valuesDigest(m_reader.values().subspan(st.firstTag, st.tagCount))});
    }
    return out;
}

void Publisher::start(quint64 epoch)
{
    m_epoch = epoch;
    m_running = true;
    m_republish = true;
    m_timer.start();
    tick();
}

void Publisher::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    if (!m_mayPublish || m_mayPublish())
        publishState();
}

void Publisher::setControl(const Control::ControlService* control)
{
    m_control = control;
    connect(control, &Control::ControlService::changed, this, [this](int station) {
        if (station >= 0 && std::size_t(station) < m_project.stations.size() && owns(station)) {
            out(station).controlsDue = true;
            flushAlarmsSoon(); // a selection shows on the other workstations at once
        }
    });
}

void Publisher::publishControls()
{
    if (!m_control)
        return;
    for (int s = 0; s < int(m_project.stations.size()); ++s) {
        StationOut& o = out(s);
        if (!o.controlsDue || !owns(s))
            continue;
        ControlsMessage m;
        m.epoch = m_epoch;
        m.ms = m_clock.nowMs();
        m.states = m_control->states(s);
        // A station nobody ever operated has nothing to say, except once per epoch to clear
        // what a replaced server left retained.
        publish(Topic::controls(m_options.shard, m_project.stations[std::size_t(s)].id), encode(m),
                1, true);
        o.controlsDue = false;
    }
}

void Publisher::setDatabase(bool reachable)
{
    if (m_database == reachable)
        return;
    m_database = reachable;
    if (m_running && m_client.isConnected() && (!m_mayPublish || m_mayPublish()))
        publishState();
}

void Publisher::alarmChanges(std::span<const Alarms::AlarmChange> changes)
{
    {
        QMutexLocker lock(&m_pendingMutex);
        m_pending.insert(m_pending.end(), changes.begin(), changes.end());
        m_alarmsDirty = true;
    }
    flushAlarmsSoon();
}

void Publisher::flushAlarmsSoon()
{
    // An acknowledgement should show on the other workstations at once, not at the next tick:
    // one queued call to the owner's thread per burst of changes.
    if (m_flushPosted.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_flushPosted = false;
            if (m_running && !m_republish && m_client.isConnected() &&
                (!m_mayPublish || m_mayPublish())) {
                publishAlarms();
                publishControls();
            }
        },
        Qt::QueuedConnection);
}

void Publisher::resync(const QStringList& stationIds)
{
    for (const QString& id : stationIds) {
        const int s = m_project.stationIndex(id);
        if (s < 0 || !owns(s))
            continue;
        out(s).snapshotDue = true;
        out(s).lastSnapshotMs = 0; // at the next tick, not at its turn
        out(s).alarmsDue = true;
        ++m_stats.resyncs;
    }
    QMutexLocker lock(&m_pendingMutex);
    m_alarmsDirty = true;
}

bool Publisher::publish(const QByteArray& topic, const QByteArray& payload, int qos, bool retain)
{
    m_stats.bytes += quint64(payload.size());
    return m_client.publish(topic, payload, qos, retain);
}

void Publisher::publishState()
{
    publish(Topic::server(m_options.shard), encode(state()), 1, true);
}

void Publisher::takeStatuses()
{
    const std::vector<Acquisition::CommStatus> statuses = m_acquisition.stationStatuses();
    for (const Acquisition::CommStatus& c : statuses) {
        if (c.station < 0 || std::size_t(c.station) >= m_project.stations.size() ||
            !owns(c.station))
            continue;
        const LinkStatus status{quint8(c.state), c.sinceMs, c.lastError};
        StationOut& o = out(c.station);
        if (o.status == status)
            continue;
        o.status = status;
        o.snapshotDue = true;
        o.cityDue = true;     // the mirror has the comm state too
        o.lastSnapshotMs = 0; // a station going offline is news now, not in five seconds
    }
}

void Publisher::tick()
{
    if (!m_running)
        return;
    // Taken even when nothing may go out, so a backlog never builds up in the reader.
    const std::vector<TagId>& changed = m_reader.refresh();
    for (TagId id : changed) {
        const int s = m_project.stationIndexOfTag(id);
        if (!owns(s))
            continue;
        StationOut& o = out(s);
        o.changed.push_back(id - m_project.stations[std::size_t(s)].firstTag);
        o.snapshotDue = true;
    }
    takeStatuses();
    const bool may = m_client.isConnected() && (!m_mayPublish || m_mayPublish());
    if (!may) {
        // What changed meanwhile is not sent as deltas (the workstations would see no gap):
        // everything goes out as fresh snapshots when publishing may resume.
        for (StationOut& o : m_out)
            o.changed.clear();
        m_republish = true;
        return;
    }
    if (m_republish) {
        publishAll();
        return;
    }
    const qint64 now = m_clock.nowMs();
    for (int s = 0; s < int(m_project.stations.size()); ++s) {
        // Another shard's station is never published: an empty snapshot of it on this shard's
        // topic made workstations send its requests here (tst_distributed_shards).
        if (!owns(s))
            continue;
        StationOut& o = out(s);
        if (!o.changed.empty())
            publishDelta(s, o);
        if (o.snapshotDue && o.lastSnapshotMs == 0)
            publishSnapshot(s, o); // asked for, or its status changed
    }
    // The periodic snapshots, spread over the period: a share of the stations per tick.
    const std::size_t n = m_project.stations.size();
    const std::size_t perTick = std::max<std::size_t>(
        1, n * std::size_t(m_options.tickMs) / std::size_t(std::max(1, m_options.snapshotMs)) + 1);
    for (std::size_t i = 0; i < perTick && n > 0; ++i) {
        const int s = int(m_snapshotCursor++ % n);
        StationOut& o = out(s);
        if (owns(s) && o.snapshotDue && now - o.lastSnapshotMs >= m_options.snapshotMs / 2) {
            o.cityDue = true;
            publishSnapshot(s, o);
        }
    }
    publishAlarms();
    publishControls();
}

void Publisher::publishAll()
{
    m_republish = false;
    publishState();
    for (int s = 0; s < int(m_project.stations.size()); ++s) {
        if (!owns(s))
            continue;
        StationOut& o = out(s);
        if (!o.changed.empty())
            publishDelta(s, o);
        o.cityDue = true;
        publishSnapshot(s, o);
        o.alarmsDue = true;
        o.controlsDue = true;
    }
    m_out.back().alarmsDue = true;
    {
        QMutexLocker lock(&m_pendingMutex);
        m_alarmsDirty = true;
    }
    publishAlarms();
    publishControls();
}

void Publisher::publishDelta(int station, StationOut& o)
{
    const Station& st = m_project.stations[std::size_t(station)];
    ValuesMessage m;
    m.epoch = m_epoch;
    m.seq = ++o.seq;
    m.ms = m_clock.nowMs();
    m.tagCount = st.tagCount;
    m.status = o.status;
    m.values.reserve(o.changed.size());
    for (quint32 offset : o.changed)
        m.values.push_back({offset, m_reader.value(st.firstTag + offset)});
    o.changed.clear();
    publish(Topic::values(m_options.shard, st.id), encode(m, false), 0, false);
    ++m_stats.deltas;
}

void Publisher::publishSnapshot(int station, StationOut& o)
{
    const Station& st = m_project.stations[std::size_t(station)];
    ValuesMessage m;
    m.epoch = m_epoch;
    m.seq = o.seq; // the state after delta `seq`
    m.ms = m_clock.nowMs();
    m.tagCount = st.tagCount;
    m.status = o.status;
    m.values.reserve(st.tagCount);
    for (quint32 i = 0; i < st.tagCount; ++i) {
        const TagValue& v = m_reader.value(st.firstTag + i);
        if (v.timestampMs != 0 || v.quality != Quality::Unknown)
            m.values.push_back({i, v});
    }
    publish(Topic::snapshot(m_options.shard, st.id), encode(m, true), 1, true);
    o.snapshotDue = false;
    o.lastSnapshotMs = std::max<qint64>(1, m.ms);
    ++m_stats.snapshots;
    // Not for a workstation's resync unless the city platform's copy is a period old (a resync
    // postpones the station's periodic snapshot): a workstation that joins asks for most
    // stations at once, and with the mirror bench_control_room saw the other workstations'
    // deltas held up for ~1 s by that tick.
    if (m_options.cityMirror && (o.cityDue || m.ms - o.lastCityMs >= m_options.snapshotMs)) {
        publishCityValues(station);
        o.lastCityMs = m.ms;
    }
    o.cityDue = false;
}

void Publisher::publishAlarms()
{
    std::vector<Alarms::AlarmChange> pending;
    {
        QMutexLocker lock(&m_pendingMutex);
        if (!m_alarmsDirty)
            return;
        m_alarmsDirty = false;
        pending.swap(m_pending);
    }
    for (const Alarms::AlarmChange& c : pending) {
        if (c.record.station >= 0 && !owns(c.record.station))
            continue;
        out(c.record.station).changes.push_back(c);
        if (m_options.cityMirror)
            publishCityAlarm(c);
    }
    std::vector<std::vector<Alarms::AlarmRecord>> now(m_out.size());
    for (Alarms::AlarmRecord& r : m_alarms.liveRecords()) {
        if (r.station >= 0 && !owns(r.station))
            continue;
        now[r.station < 0 ? m_out.size() - 1 : std::size_t(r.station)].push_back(std::move(r));
    }
    for (std::size_t i = 0; i < m_out.size(); ++i) {
        const int station = i + 1 == m_out.size() ? -1 : int(i);
        if (station >= 0 && !owns(station))
            continue;
        StationOut& o = m_out[i];
        // Due after every start and reconnect even when empty: a retained alarm state of a
        // replaced server (or of this one before a broker crash) must not outlive it.
        if (!o.alarmsDue && o.changes.empty() && o.records == now[i])
            continue;
        AlarmsMessage m;
        m.epoch = m_epoch;
        m.seq = ++o.alarmSeq;
        m.ms = m_clock.nowMs();
        m.records = now[i];
        m.changes.swap(o.changes);
        publish(Topic::alarms(m_options.shard, stationId(station)), encode(m), 1, true);
        o.records = std::move(now[i]);
        o.alarmsDue = false;
        ++m_stats.alarmMessages;
    }
}

void Publisher::publishCityValues(int station)
{
    // For a city platform: plain JSON, names and units, one retained message per station.
    // The times straight in the project's zone (not through local time, which runs the C
    // library's tzset() — a stat() of /etc/localtime — twice per value), and once per distinct
    // time: a device's values share their poll's. bench_control_room: this function was 70 % of
    // the server's CPU at 400 snapshots a second.
    const Station& st = m_project.stations[std::size_t(station)];
    QJsonObject values;
    qint64 timeMs = 0;
    QString time;
    for (quint32 i = 0; i < st.tagCount; ++i) {
        const TagId id = st.firstTag + i;
        const TagValue& v = m_reader.value(id);
        if (v.timestampMs == 0)
            continue;
        if (v.timestampMs != timeMs || time.isEmpty()) {
            timeMs = v.timestampMs;
            time = QDateTime::fromMSecsSinceEpoch(timeMs, m_zone).toString(Qt::ISODateWithMs);
        }
        const TagDef& def = m_project.tag(id);
        QJsonObject o{{QStringLiteral("name"), def.name},
                      {QStringLiteral("unit"), def.unit},
                      {QStringLiteral("quality"), QLatin1String(qualityName(v.quality))},
                      {QStringLiteral("time"), time},
                      {QStringLiteral("ms"), v.timestampMs}};
        o.insert(QStringLiteral("value"),
                 std::isfinite(v.value) ? QJsonValue(v.value) : QJsonValue(QJsonValue::Null));
        values.insert(m_project.deviceOfTag(id).id + u'/' + def.key, o);
    }
    const QJsonObject doc{
        {QStringLiteral("epoch"), qint64(m_epoch)},
        {QStringLiteral("time"),
         QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), m_zone).toString(Qt::ISODateWithMs)},
        {QStringLiteral("station"), st.id},
        {QStringLiteral("name"), st.name},
        {QStringLiteral("comm"), QLatin1String(Acquisition::commStateName(
                                     Acquisition::CommState(out(station).status.state)))},
        {QStringLiteral("values"), values}};
    publish(Topic::city(st.id), QJsonDocument(doc).toJson(QJsonDocument::Compact), 1, true);
}

void Publisher::publishCityAlarm(const Alarms::AlarmChange& c)
{
    static constexpr const char* kinds[] = {"raised", "ended", "acknowledged"};
    const Alarms::AlarmRecord& r = c.record;
    QJsonObject doc{
        {QStringLiteral("event"), QLatin1String(kinds[c.kind])},
        {QStringLiteral("epoch"), qint64(m_epoch)},
        {QStringLiteral("id"), alarmId(r)},
        {QStringLiteral("type"), QLatin1String(Alarms::alarmTypeCode(r.type))},
        {QStringLiteral("severity"), r.severity == Alarms::Severity::Critical
                                         ? QStringLiteral("critical")
                                         : QStringLiteral("warning")},
        {QStringLiteral("station"), stationId(r.station)},
        {QStringLiteral("start"),
         QDateTime::fromMSecsSinceEpoch(r.startMs, m_zone).toString(Qt::ISODateWithMs)}};
    if (r.tag != InvalidTagId && r.tag < m_project.tagCount())
        doc.insert(QStringLiteral("tag"), m_project.tagPath(r.tag));
    if (r.isAcknowledged())
        doc.insert(QStringLiteral("acknowledgedBy"), r.ackUser);
    publish(Topic::city({}), QJsonDocument(doc).toJson(QJsonDocument::Compact), 1, false);
}

} // namespace PumpWatch::Remote
