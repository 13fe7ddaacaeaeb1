#include "modbusdriver_p.h"

#include <QLoggingCategory>

#include <cmath>
#include <limits>
#include <map>

namespace PumpWatch::Acquisition {

namespace {
Q_LOGGING_CATEGORY(lcModbus, "pumpwatch.acquisition.modbus", QtInfoMsg)

constexpr double NoValue = std::numeric_limits<double>::quiet_NaN();
constexpr int WatchdogPeriodMs = 200;
constexpr int NameLookupTimeoutMs = 30'000;
} // namespace

ModbusDriver::Private::Private(ModbusDriver* driver, const Project& p, const Clock& c,
                               AcquisitionSink& s, const ModbusDriverOptions& o)
    : q(driver)
    , project(p)
    , clock(c)
    , sink(s)
    , options(o)
{
    m_mono.start();
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, q, [this] { onTimer(); });
    watchdogTimer.setInterval(WatchdogPeriodMs);
    QObject::connect(&watchdogTimer, &QTimer::timeout, q, [this] { watchdog(); });
    build();
}

void ModbusDriver::Private::build()
{
    // A link per endpoint: a TCP host:port (a PLC, or a gateway shared by its unit ids) or a
    // serial line (shared by its unit ids).
    std::map<std::pair<Protocol, QString>, int> linkOf;
    for (int s = 0; s < static_cast<int>(project.stations.size()); ++s) {
        const Station& station = project.stations[static_cast<std::size_t>(s)];
        firstDevice.push_back(static_cast<int>(devices.size()));
        stations.push_back({s, -1, CommState::Unknown, CommState::Unknown, clock.nowMs(), {}});
        for (int i = 0; i < static_cast<int>(station.devices.size()); ++i) {
            const Device& dev = station.devices[static_cast<std::size_t>(i)];
            const DeviceSettings& set = dev.settings;
            const int index = static_cast<int>(devices.size());
            PolledDevice pd;
            pd.station = s;
            pd.device = i;
            pd.name = station.id + u'/' + dev.id;
            pd.unitId = set.unitId;
            pd.pollMs = std::max(10, set.pollMs);
            pd.timeoutMs = std::max(10, set.timeoutMs);
            pd.retries = std::max(0, set.retries);
            pd.firstTag = dev.firstTag;
            if (isMqtt(set.protocol) || !inStationSet(options.stations, s)) {
                // another driver's or another server's: never polled (link -1)
                devices.push_back(std::move(pd));
                continue;
            }
            pd.blocks = planReads(readItems(project, s, i), options.plan);
            pd.badUntil.assign(pd.blocks.size(), 0);
            pd.last.assign(dev.tagCount, NoValue);
            pd.sinceMs = clock.nowMs();
            pd.demoteAfter = std::max(0, set.demoteAfter);
            pd.demotionMs = std::max(1000, set.demotionMs);

            const auto [it, added] =
                linkOf.try_emplace({set.protocol, set.endpoint}, static_cast<int>(links.size()));
            const int link = it->second;
            if (added) {
                Link l;
                l.protocol = set.protocol;
                l.endpoint = set.endpoint;
                l.serial = set.serial;
                l.timeoutMs = pd.timeoutMs;
                // 3.5 characters of 11 bits, at least 5 ms: USB adapters deliver in bursts.
                l.quietMs = std::max(5, (38'500 + set.serial.baudRate - 1) /
                                            std::max(1, set.serial.baudRate));
                l.backoff = Backoff(options.reconnect, 0x10000ull + static_cast<quint64>(link));
                links.push_back(std::move(l));
            }
            pd.link = link;
            links[static_cast<std::size_t>(link)].devices.push_back(index);
            devices.push_back(std::move(pd));
        }
    }
}

QString ModbusDriver::Private::linkName(const Link& link) const
{
    if (link.devices.size() == 1)
        return devices[static_cast<std::size_t>(link.devices.front())].name + u' ' + link.endpoint;
    return link.endpoint;
}

void ModbusDriver::Private::start()
{
    if (running)
        return;
    running = true;
    const qint64 now = mono();
    // Spread the first polls over the period so that 2000 stations do not ask at once, but in
    // groups on a grid: the requests of a group go out together and their answers come back
    // together, so one wake-up of the event loop serves many sockets. (Evenly spread, every
    // answer costs a wake-up, and each wake-up polls every socket.)
    const auto n = static_cast<qint64>(devices.size());
    const qint64 grid = std::max(1, options.phaseGridMs);
    for (qint64 i = 0; i < n; ++i) {
        PolledDevice& dev = devices[static_cast<std::size_t>(i)];
        if (dev.link < 0)
            continue;
        dev.dueMs = now + dev.pollMs * i / std::max<qint64>(1, n) / grid * grid;
        due.emplace(dev.dueMs, static_cast<int>(i));
    }
    if (!openPoller())
        return;
    for (int l = 0; l < static_cast<int>(links.size()); ++l)
        connectLink(l);
    watchdogTimer.start();
    armTimer();
}

void ModbusDriver::Private::stop()
{
    if (!running)
        return;
    running = false;
    timer.stop();
    watchdogTimer.stop();
    for (Link& l : links) {
        l.state = Link::State::Down;
        l.queue.clear();
        l.probes.clear();
        l.current.reset();
        closeLink(l);
    }
    closePoller();
    // Taken out first: a callback may ask for another write (refused: not running).
    std::unordered_map<quint64, PendingWrite> ended;
    ended.swap(writes);
    for (auto& [id, w] : ended) {
        w.record.finishedMs = clock.nowMs();
        w.record.error = tr("acquisition stopped before the write ended");
        sink.audit(w.record);
        if (w.done)
            w.done(w.record);
    }
    for (PolledDevice& dev : devices) {
        dev.pending = 0;
        dev.batch.clear();
        dev.demoted = false;
        dev.failures = 0;
    }
    stats.demoted = 0;
    due = {};
    wakes = {};
    timerAtMs = -1;
}

void ModbusDriver::Private::armTimer()
{
    if (!running)
        return;
    // Stale wake-ups (a link that has moved on) are dropped here rather than when they fire.
    while (!wakes.empty() &&
           links[static_cast<std::size_t>(wakes.top().second)].wakeMs != wakes.top().first)
        wakes.pop();
    qint64 at = due.empty() ? -1 : due.top().first;
    if (!wakes.empty() && (at < 0 || wakes.top().first < at))
        at = wakes.top().first;
    if (at < 0 || (timer.isActive() && at == timerAtMs))
        return;
    timerAtMs = at;
    timer.start(static_cast<int>(std::max<qint64>(0, at - mono())));
}

void ModbusDriver::Private::onTimer()
{
    // Everything due within the next 2 ms goes now: one wake-up instead of several.
    const qint64 now = mono();
    timerAtMs = -1;
    while (!wakes.empty() && wakes.top().first <= now) {
        const auto [at, link] = wakes.top();
        wakes.pop();
        if (links[static_cast<std::size_t>(link)].wakeMs == at)
            onWake(link);
    }
    while (!due.empty() && due.top().first <= now + 2) {
        const int index = due.top().second;
        due.pop();
        PolledDevice& dev = devices[static_cast<std::size_t>(index)];
        startCycle(index);
        // Keep the phase; after a stall, skip the missed periods instead of bursting.
        dev.dueMs += dev.pollMs;
        if (dev.dueMs <= now)
            dev.dueMs += (now - dev.dueMs) / dev.pollMs * dev.pollMs + dev.pollMs;
        due.emplace(dev.dueMs, index);
    }
    armTimer();
}

void ModbusDriver::Private::startCycle(int index)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    Link& link = links[static_cast<std::size_t>(dev.link)];
    if (link.state != Link::State::Up)
        return; // the watchdog reconnects
    const qint64 now = mono();
    if (dev.pending > 0) {
        // A cycle started off-schedule (on connect) may still run at the regular time, and a
        // demoted device's try waits for a free line; neither is an overrun.
        if (!dev.demoted && now - dev.cycleStartMs >= dev.pollMs - 2)
            ++stats.overruns;
        return;
    }
    if (dev.demoted) {
        // One request, no retry, when the line is free: is it back?
        if (now < dev.probeAtMs)
            return;
        dev.probeAtMs = now + dev.demotionMs;
        link.probes.push_back({Job::Kind::Read, index, 0, 0, dev.retries});
        dev.pending = 1;
        dev.cycleStartMs = now;
        pump(dev.link);
        return;
    }
    for (int b = 0; b < static_cast<int>(dev.blocks.size()); ++b) {
        if (dev.badUntil[static_cast<std::size_t>(b)] > now)
            continue;
        link.queue.push_back({Job::Kind::Read, index, b, 0, 0});
        ++dev.pending;
    }
    dev.cycleStartMs = now;
    pump(dev.link);
}

void ModbusDriver::Private::watchdog()
{
    const qint64 now = mono();
    for (int i = 0; i < static_cast<int>(links.size()); ++i) {
        Link& l = links[static_cast<std::size_t>(i)];
        switch (l.state) {
        case Link::State::Down:
            if (now >= l.reconnectAtMs)
                connectLink(i);
            break;
        case Link::State::Connecting:
            if (l.lookingUp) {
                if (now - l.connectStartMs > NameLookupTimeoutMs)
                    linkFailed(i, tr("no address for %1 within %2 s")
                                      .arg(l.endpoint)
                                      .arg(NameLookupTimeoutMs / 1000));
            } else if (now - l.connectStartMs > std::max(options.connectTimeoutMs, l.timeoutMs))
                linkFailed(i, tr("no connection within %1 ms")
                                  .arg(std::max(options.connectTimeoutMs, l.timeoutMs)));
            break;
        case Link::State::Up:
            // Timeouts are the links' own wake-ups; this is the net under them.
            if (l.current && now - l.io.sentMs > l.timeoutMs + options.watchdogMarginMs &&
                l.wakeMs == 0)
                linkFailed(i, tr("no reply within %1 ms (watchdog)")
                                  .arg(l.timeoutMs + options.watchdogMarginMs));
            break;
        }
    }
    armTimer();
}

void ModbusDriver::Private::linkFailed(int index, const QString& reason)
{
    Link& l = links[static_cast<std::size_t>(index)];
    if (l.state == Link::State::Down)
        return;
    const bool wasUp = l.state == Link::State::Up;
    l.state = Link::State::Down;
    ++stats.linkFailures;
    std::optional<Job> current = l.current;
    l.current.reset();
    closeLink(l);
    l.failedUnits.assign(l.failedUnits.size(), false);
    l.failedUnitCount = 0;
    std::deque<Job> queue;
    queue.swap(l.queue);
    l.probes.clear();
    if (current)
        queue.push_front(*current);
    for (const Job& job : queue) {
        if (job.kind != Job::Kind::Read)
            finishWrite(job.write, false, tr("connection lost: %1").arg(reason));
    }
    for (const int d : l.devices) {
        PolledDevice& dev = devices[static_cast<std::size_t>(d)];
        dev.pending = 0;
        dev.batch.clear();
        setState(d, CommState::Offline, reason);
    }
    const int waitMs = l.backoff.failed();
    l.reconnectAtMs = mono() + waitMs;
    if (wasUp || l.backoff.failures() == 1)
        qCWarning(lcModbus).noquote()
            << tr("%1: %2; reconnecting in %3 ms").arg(linkName(l), reason).arg(waitMs);
    else
        qCDebug(lcModbus).noquote()
            << tr("%1: %2; reconnecting in %3 ms").arg(linkName(l), reason).arg(waitMs);
}

void ModbusDriver::Private::deviceFailed(int index, const QString& reason)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    Link& l = links[static_cast<std::size_t>(dev.link)];
    ++dev.failures;
    if (!shared(l)) {
        // A connection of its own that stopped answering is usually dead (PLC rebooted, NAT
        // expired): it is reconnected, with a backoff.
        linkFailed(dev.link, reason);
        return;
    }
    // A unit on a shared line or gateway: drop its queued work; after demoteAfter failures in a
    // row it is tried once per demotionMs, so the line stays with the living.
    const auto drop = [&](std::deque<Job>& jobs) {
        std::deque<Job> keep;
        for (const Job& job : jobs) {
            if (job.device != index)
                keep.push_back(job);
            else if (job.kind != Job::Kind::Read)
                finishWrite(job.write, false, reason);
        }
        jobs.swap(keep);
    };
    drop(l.queue);
    drop(l.probes);
    dev.pending = 0;
    dev.batch.clear();
    const bool wasDemoted = dev.demoted;
    if (dev.demoteAfter > 0 && dev.failures >= dev.demoteAfter) {
        dev.demoted = true;
        if (!wasDemoted) {
            dev.probeAtMs = mono() + dev.demotionMs;
            ++stats.demoted;
            ++dev.counters.demotions;
        }
    }
    if (dev.state != CommState::Offline || dev.demoted != wasDemoted)
        qCWarning(lcModbus).noquote()
            << (dev.demoted != wasDemoted
                    ? tr("%1 on %2 unit %3: %4; demoted after %5 failures in a row, tried "
                         "once every %6 s until it answers")
                          .arg(dev.name, l.endpoint)
                          .arg(dev.unitId)
                          .arg(reason)
                          .arg(dev.failures)
                          .arg(dev.demotionMs / 1000)
                    : tr("%1 on %2 unit %3: %4")
                          .arg(dev.name, l.endpoint)
                          .arg(dev.unitId)
                          .arg(reason));
    setState(index, CommState::Offline, reason);
    // A gateway none of whose units has answered since each of them failed is itself dead: a
    // new connection. (One dead unit among living ones never resets it.)
    if (l.protocol == Protocol::ModbusTcp) {
        const auto at = static_cast<std::size_t>(
            std::find(l.devices.begin(), l.devices.end(), index) - l.devices.begin());
        l.failedUnits.resize(l.devices.size(), false);
        if (!l.failedUnits[at]) {
            l.failedUnits[at] = true;
            ++l.failedUnitCount;
        }
        if (l.failedUnitCount == static_cast<int>(l.devices.size()))
            linkFailed(dev.link, tr("no unit behind %1 answers").arg(l.endpoint));
    }
}

void ModbusDriver::Private::deviceAnswered(int index)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    Link& l = links[static_cast<std::size_t>(dev.link)];
    dev.failures = 0;
    l.backoff.reset();
    l.failedUnits.assign(l.failedUnits.size(), false);
    l.failedUnitCount = 0;
    if (dev.demoted) {
        dev.demoted = false;
        --stats.demoted;
        qCInfo(lcModbus).noquote() << tr("%1 on %2 unit %3 answers again; polled as usual")
                                          .arg(dev.name, l.endpoint)
                                          .arg(dev.unitId);
    }
    if (dev.state != CommState::Online)
        setState(index, CommState::Online, dev.lastError);
}

void ModbusDriver::Private::setState(int index, CommState state, const QString& error)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    const QString shown =
        dev.demoted ? tr("%1; demoted: tried once every %2 s").arg(error).arg(dev.demotionMs / 1000)
                    : error;
    if (dev.state == state && dev.lastError == shown)
        return;
    const qint64 now = clock.nowMs();
    const CommState previous = dev.state;
    const bool changed = dev.state != state;
    dev.state = state;
    dev.lastError = shown;
    if (!changed) {
        // Still offline, now demoted or for another reason: the dispatcher sees it — a new
        // reason at most once a minute (causes with counts in them must not flood the log).
        if (dev.demoted != dev.publishedDemoted || mono() - dev.statusAtMs >= 60'000)
            publishStatus(index, dev.state);
        return;
    }
    dev.sinceMs = now;
    if (state == CommState::Offline) {
        std::vector<ReadItem> all;
        for (const ReadBlock& b : dev.blocks)
            all.insert(all.end(), b.items.begin(), b.items.end());
        publishBad(index, Quality::BadCommFailure, all);
    }
    publishStatus(index, previous);

    const Station& station = project.stations[static_cast<std::size_t>(dev.station)];
    std::vector<CommState> states;
    for (std::size_t i = 0; i < station.devices.size(); ++i)
        states.push_back(
            devices[static_cast<std::size_t>(firstDevice[static_cast<std::size_t>(dev.station)]) +
                    i]
                .state);
    CommStatus& s = stations[static_cast<std::size_t>(dev.station)];
    const CommState aggregate = stationState(states);
    if (aggregate != s.state) {
        s.previous = s.state;
        s.state = aggregate;
        s.sinceMs = now;
        if (state == CommState::Offline)
            s.lastError = error;
        sink.commStatusChanged(s);
    }
}

CommStatus ModbusDriver::Private::statusOf(const PolledDevice& dev, CommState previous) const
{
    CommStatus status{dev.station, dev.device, dev.state, previous, dev.sinceMs, dev.lastError};
    status.demoted = dev.demoted;
    status.nextTryMs = dev.demoted ? clock.nowMs() + (dev.probeAtMs - mono()) : 0;
    return status;
}

void ModbusDriver::Private::publishStatus(int index, CommState previous)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    dev.statusAtMs = mono();
    dev.publishedDemoted = dev.demoted;
    sink.commStatusChanged(statusOf(dev, previous));
}

void ModbusDriver::Private::publishBad(int index, Quality quality, std::span<const ReadItem> items)
{
    if (items.empty())
        return;
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    const qint64 now = clock.nowMs();
    std::vector<Sample> batch;
    batch.reserve(items.size());
    for (const ReadItem& item : items)
        batch.push_back({now, dev.last[item.tag - dev.firstTag], item.tag, quality, false});
    sink.samples(batch);
}

void ModbusDriver::Private::flushCycle(int index)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    ++stats.cycles;
    if (dev.replan)
        restorePlan(index);
    if (dev.batch.empty())
        return;
    sink.samples(dev.batch);
    dev.batch.clear();
}

// --- the public face -----------------------------------------------------------------------

ModbusDriver::ModbusDriver(const Project& project, const Clock& clock, AcquisitionSink& sink,
                           const ModbusDriverOptions& options, QObject* parent)
    : Driver(parent)
    , d(std::make_unique<Private>(this, project, clock, sink, options))
{}

ModbusDriver::~ModbusDriver()
{
    d->stop();
}

void ModbusDriver::start()
{
    d->start();
}

void ModbusDriver::stop()
{
    d->stop();
}

quint64 ModbusDriver::write(TagId tag, double value, const QString& user, WriteDone done)
{
    return d->write(tag, value, user, std::move(done));
}

int ModbusDriver::deviceCount() const
{
    return static_cast<int>(d->devices.size());
}

CommStatus ModbusDriver::deviceStatus(int index) const
{
    return d->statusOf(d->devices[static_cast<std::size_t>(index)], CommState::Unknown);
}

DeviceCounters ModbusDriver::deviceCounters(int index) const
{
    return d->devices[static_cast<std::size_t>(index)].counters;
}

int ModbusDriver::deviceIndex(int station, int device) const
{
    if (station < 0 || station >= static_cast<int>(d->firstDevice.size()) || device < 0 ||
        device >=
            static_cast<int>(d->project.stations[static_cast<std::size_t>(station)].devices.size()))
        return -1;
    return d->firstDevice[static_cast<std::size_t>(station)] + device;
}

CommStatus ModbusDriver::stationStatus(int station) const
{
    return d->stations[static_cast<std::size_t>(station)];
}

ModbusDriverStats ModbusDriver::stats() const
{
    return d->stats;
}

const std::vector<ReadBlock>& ModbusDriver::plan(int deviceIndex) const
{
    return d->devices[static_cast<std::size_t>(deviceIndex)].blocks;
}

} // namespace PumpWatch::Acquisition
