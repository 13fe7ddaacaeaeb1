#include "modbusdriver_p.h"

#include <QAbstractSocket>
#include <QLoggingCategory>
#include <QModbusRtuSerialClient>
#include <QModbusTcpClient>
#include <QSerialPort>
#include <QUrl>

#include <cmath>
#include <limits>
#include <map>

namespace PumpWatch::Acquisition {

namespace {
Q_LOGGING_CATEGORY(lcModbus, "pumpwatch.acquisition.modbus", QtInfoMsg)

constexpr double NoValue = std::numeric_limits<double>::quiet_NaN();
constexpr int WatchdogPeriodMs = 200;
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
    // TCP: a link per device. RTU: a link per serial line, shared by its unit ids.
    std::map<QString, int> serialLinks;
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
            pd.blocks = planReads(readItems(project, s, i), options.plan);
            pd.badUntil.assign(pd.blocks.size(), 0);
            pd.last.assign(dev.tagCount, NoValue);
            pd.sinceMs = clock.nowMs();
            pd.backoff = Backoff(options.reconnect, static_cast<quint64>(index) + 1);

            int link = -1;
            if (set.protocol == Protocol::ModbusRtu) {
                const auto it = serialLinks.find(set.endpoint);
                if (it != serialLinks.end())
                    link = it->second;
            }
            if (link < 0) {
                link = static_cast<int>(links.size());
                Link l;
                l.protocol = set.protocol;
                l.endpoint = set.endpoint;
                l.serial = set.serial;
                l.timeoutMs = pd.timeoutMs;
                l.backoff = Backoff(options.reconnect, 0x10000ull + static_cast<quint64>(link));
                links.push_back(std::move(l));
                if (set.protocol == Protocol::ModbusRtu)
                    serialLinks.emplace(set.endpoint, link);
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
        dev.dueMs = now + dev.pollMs * i / std::max<qint64>(1, n) / grid * grid;
        due.emplace(dev.dueMs, static_cast<int>(i));
    }
    for (int l = 0; l < static_cast<int>(links.size()); ++l) {
        createClient(l);
        connectLink(l);
    }
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
        l.current.reset();
        l.reply = nullptr;
        if (l.client) {
            QObject::disconnect(l.client, nullptr, q, nullptr);
            l.client->disconnectDevice();
            l.client->deleteLater();
            l.client = nullptr;
        }
    }
    for (auto& [id, w] : writes) {
        w.record.finishedMs = clock.nowMs();
        w.record.error = tr("acquisition stopped before the write ended");
        sink.audit(w.record);
        if (w.done)
            w.done(w.record);
    }
    writes.clear();
    due = {};
}

void ModbusDriver::Private::armTimer()
{
    if (!running || due.empty())
        return;
    timer.start(static_cast<int>(std::max<qint64>(0, due.top().first - mono())));
}

void ModbusDriver::Private::onTimer()
{
    // Everything due within the next 2 ms goes now: one wake-up instead of several.
    const qint64 now = mono();
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
        // A cycle started off-schedule (on connect) may still run at the regular time; that
        // is no overrun.
        if (now - dev.cycleStartMs >= dev.pollMs - 2)
            ++stats.overruns;
        return;
    }
    if (dev.state == CommState::Offline && now < dev.retryAtMs)
        return;
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
            if (now - l.connectStartMs > std::max(options.connectTimeoutMs, l.timeoutMs))
                linkFailed(i, tr("no connection within %1 ms")
                                  .arg(std::max(options.connectTimeoutMs, l.timeoutMs)));
            break;
        case Link::State::Up:
            if (l.current && now - l.sentMs > l.timeoutMs + options.watchdogMarginMs)
                linkFailed(i, tr("no reply within %1 ms (watchdog)")
                                  .arg(l.timeoutMs + options.watchdogMarginMs));
            break;
        }
    }
}

void ModbusDriver::Private::createClient(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    const SerialSettings& serial = l.serial;
    if (l.protocol == Protocol::ModbusRtu) {
        auto* rtu = new QModbusRtuSerialClient(q);
        rtu->setConnectionParameter(QModbusDevice::SerialPortNameParameter, l.endpoint);
        rtu->setConnectionParameter(QModbusDevice::SerialBaudRateParameter, serial.baudRate);
        rtu->setConnectionParameter(QModbusDevice::SerialDataBitsParameter, serial.dataBits);
        rtu->setConnectionParameter(QModbusDevice::SerialStopBitsParameter,
                                    serial.stopBits == 2 ? QSerialPort::TwoStop
                                                         : QSerialPort::OneStop);
        rtu->setConnectionParameter(QModbusDevice::SerialParityParameter,
                                    serial.parity == 'E'   ? QSerialPort::EvenParity
                                    : serial.parity == 'O' ? QSerialPort::OddParity
                                                           : QSerialPort::NoParity);
        // Qt derives the 3.5-character gap from the baud rate (2 ms above 19200 baud).
        l.client = rtu;
    } else {
        auto* tcp = new QModbusTcpClient(q);
        const qsizetype colon = l.endpoint.lastIndexOf(u':');
        tcp->setConnectionParameter(QModbusDevice::NetworkAddressParameter,
                                    colon < 0 ? l.endpoint : l.endpoint.left(colon));
        tcp->setConnectionParameter(QModbusDevice::NetworkPortParameter,
                                    colon < 0 ? 502 : l.endpoint.mid(colon + 1).toInt());
        l.client = tcp;
    }
    // Our own queue retries reads and never writes; Qt's retry would re-send writes.
    l.client->setNumberOfRetries(0);
    l.client->setTimeout(l.timeoutMs);
    QObject::connect(l.client, &QModbusDevice::stateChanged, q,
                     [this, index] { onStateChanged(index); });
    QObject::connect(
        l.client, &QModbusDevice::errorOccurred, q, [this, index](QModbusDevice::Error error) {
            Link& link = links[static_cast<std::size_t>(index)];
            if (error == QModbusDevice::ConnectionError && link.state != Link::State::Down)
                linkFailed(index, link.client->errorString());
        });
}

void ModbusDriver::Private::connectLink(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    l.state = Link::State::Connecting;
    l.connectStartMs = mono();
    ++stats.connects;
    if (l.client->state() != QModbusDevice::UnconnectedState)
        l.client->disconnectDevice();
    if (!l.client->connectDevice() && l.state == Link::State::Connecting)
        linkFailed(index, l.client->errorString());
}

void ModbusDriver::Private::onStateChanged(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    const QModbusDevice::State state = l.client->state();
    if (state == QModbusDevice::ConnectedState && l.state == Link::State::Connecting) {
        l.state = Link::State::Up;
        if (l.everUp)
            qCInfo(lcModbus).noquote() << tr("%1: connected again").arg(linkName(l));
        l.everUp = true;
        for (const int dev : l.devices)
            startCycle(dev); // read at once: recovery should not wait for the next period
    } else if (state == QModbusDevice::UnconnectedState && l.state != Link::State::Down) {
        // Qt's TCP client reports the state before the socket's error, so a port nobody listens
        // on would read as "closed by the device"; the socket (its child) already knows.
        const auto* socket = l.client->findChild<QAbstractSocket*>();
        const bool refused = l.state == Link::State::Connecting && socket &&
                             socket->error() == QAbstractSocket::ConnectionRefusedError;
        const QString why =
            refused ? tr("connection refused by %1 (nothing listens there)").arg(l.endpoint)
            : l.client->error() != QModbusDevice::NoError ? l.client->errorString()
                                                          : tr("connection closed by the device");
        linkFailed(index, why);
    }
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
    l.reply = nullptr; // its abort is ignored
    std::deque<Job> queue;
    queue.swap(l.queue);
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
    if (l.client->state() != QModbusDevice::UnconnectedState)
        l.client->disconnectDevice();
}

void ModbusDriver::Private::deviceFailed(int index, const QString& reason)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    Link& l = links[static_cast<std::size_t>(dev.link)];
    if (l.protocol == Protocol::ModbusTcp) {
        // A connection that stopped answering is usually dead (PLC rebooted, NAT expired).
        linkFailed(dev.link, reason);
        return;
    }
    // A silent unit on a shared line: drop its queued work, try it again after a backoff.
    std::deque<Job> keep;
    for (const Job& job : l.queue) {
        if (job.device != index)
            keep.push_back(job);
        else if (job.kind != Job::Kind::Read)
            finishWrite(job.write, false, reason);
    }
    l.queue.swap(keep);
    dev.pending = 0;
    dev.batch.clear();
    dev.retryAtMs = mono() + dev.backoff.failed();
    if (dev.state != CommState::Offline)
        qCWarning(lcModbus).noquote()
            << tr("%1 on %2 unit %3: %4").arg(dev.name, l.endpoint).arg(dev.unitId).arg(reason);
    setState(index, CommState::Offline, reason);
}

void ModbusDriver::Private::deviceAnswered(int index)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    dev.backoff.reset();
    links[static_cast<std::size_t>(dev.link)].backoff.reset();
    if (dev.state != CommState::Online)
        setState(index, CommState::Online, dev.lastError);
}

void ModbusDriver::Private::setState(int index, CommState state, const QString& error)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    if (dev.state == state)
        return;
    const qint64 now = clock.nowMs();
    const CommState previous = dev.state;
    dev.state = state;
    dev.sinceMs = now;
    dev.lastError = error;
    if (state == CommState::Offline) {
        std::vector<ReadItem> all;
        for (const ReadBlock& b : dev.blocks)
            all.insert(all.end(), b.items.begin(), b.items.end());
        publishBad(index, Quality::BadCommFailure, all);
    }
    sink.commStatusChanged({dev.station, dev.device, state, previous, now, error});

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
    if (dev.batch.empty())
        return;
    sink.samples(dev.batch);
    dev.batch.clear();
}

// --- the public face -----------------------------------------------------------------------

ModbusDriver::ModbusDriver(const Project& project, const Clock& clock, AcquisitionSink& sink,
                           const ModbusDriverOptions& options, QObject* parent)
    : QObject(parent)
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
    const PolledDevice& dev = d->devices[static_cast<std::size_t>(index)];
    return {dev.station, dev.device, dev.state, CommState::Unknown, dev.sinceMs, dev.lastError};
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
