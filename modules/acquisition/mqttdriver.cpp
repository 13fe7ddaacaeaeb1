#include "mqttdriver.h"

#include "mqttdriver_p.h"

#include <QLoggingCategory>

#include <cmath>
#include <limits>

namespace PumpWatch::Acquisition {

Q_LOGGING_CATEGORY(lcGateway, "pumpwatch.acquisition.mqtt", QtInfoMsg)

namespace {
constexpr double NoValue = std::numeric_limits<double>::quiet_NaN();
constexpr int TickMs = 500;

quint64 deviceKey(int station, int device)
{
    return (static_cast<quint64>(station) << 16) | static_cast<quint64>(device);
}

/// The written value and the one read back are the same, as the tag's type holds them. A
/// float32 that the gateway scales (raw REAL × gain) comes back a float32 step or two off.
bool sameValue(DataType type, double a, double b)
{
    if (type == DataType::Float32)
        return std::abs(a - b) <= 1e-6 * std::max({std::abs(a), std::abs(b), 1e-30});
    if (type == DataType::Bool)
        return (a != 0.0) == (b != 0.0);
    return a == b || std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}
} // namespace

// --- GatewayDevices -------------------------------------------------------------------------

GatewayDevices::GatewayDevices(const Project& project, const Clock& clock, AcquisitionSink& sink,
                               const MqttDriverOptions& options)
    : m_project(project)
    , m_clock(clock)
    , m_sink(sink)
    , m_options(options)
{
    m_mono.start();
    for (int s = 0; s < static_cast<int>(project.stations.size()); ++s) {
        const Station& station = project.stations[static_cast<std::size_t>(s)];
        for (int d = 0; d < static_cast<int>(station.devices.size()); ++d) {
            const PumpWatch::Device& pd = station.devices[static_cast<std::size_t>(d)];
            if (!isMqtt(pd.settings.protocol) || !inStationSet(options.stations, s))
                continue;
            Device dev;
            dev.station = s;
            dev.device = d;
            dev.name = station.id + u'/' + pd.id;
            dev.settings = &pd.settings;
            dev.firstTag = pd.firstTag;
            dev.tagCount = pd.tagCount;
            dev.last.assign(pd.tagCount, NoValue);
            dev.sinceMs = clock.nowMs();
            if (pd.settings.protocol == Protocol::MqttNeuron)
                dev.silenceMs = std::max(options.minSilenceMs,
                                         options.silencePolls * std::max(1, pd.settings.pollMs));
            for (quint32 i = 0; i < pd.tagCount; ++i) {
                const TagId tag = pd.firstTag + i;
                const QString& name = project.tag(tag).metricName();
                if (dev.tagOfMetric.contains(name))
                    qCWarning(lcGateway).noquote()
                        << tr("%1: two tags are called '%2' in the gateway's messages; the "
                              "first is used")
                               .arg(dev.name, name);
                else
                    dev.tagOfMetric.insert(name, tag);
            }
            m_index.insert(deviceKey(s, d), static_cast<int>(m_devices.size()));
            m_devices.push_back(std::move(dev));
        }
    }
}

int GatewayDevices::find(int station, int device) const
{
    return m_index.value(deviceKey(station, device), -1);
}

int GatewayDevices::deviceOfTag(TagId tag) const
{
    if (tag >= m_project.tagCount())
        return -1;
    return find(m_project.stationIndexOfTag(tag), m_project.deviceIndexOfTag(tag));
}

void GatewayDevices::value(int device, TagId tag, qint64 timestampMs, double v, Quality quality,
                           bool historical)
{
    Device& dev = m_devices[static_cast<std::size_t>(device)];
    m_batch.push_back({timestampMs, v, tag, quality, historical});
    ++stats.samples;
    if (historical) {
        ++stats.historical;
        return;
    }
    dev.last[tag - dev.firstTag] = v;
    dev.lastSampleMs = std::max(dev.lastSampleMs, timestampMs);
    if (isGood(quality))
        readBack(tag, v);
}

void GatewayDevices::expect(int device, int withinMs)
{
    Device& dev = m_devices[static_cast<std::size_t>(device)];
    if (dev.state != CommState::Online)
        dev.expectByMono = mono() + withinMs;
}

void GatewayDevices::heard(int device)
{
    Device& dev = m_devices[static_cast<std::size_t>(device)];
    dev.liveAtMono = mono();
    dev.expectByMono = -1;
    if (dev.state != CommState::Online)
        setState(device, CommState::Online, {});
}

void GatewayDevices::setState(int device, CommState state, const QString& reason,
                              Quality offlineQuality, qint64 atMs)
{
    Device& dev = m_devices[static_cast<std::size_t>(device)];
    if (dev.state == state && (state != CommState::Offline || dev.lastError == reason))
        return;
    const CommState previous = dev.state;
    const qint64 now = m_clock.nowMs();
    if (state == CommState::Offline) {
        // The stale mark follows the last value the gateway sent, not "now": a gateway replays
        // the time in between, and a mark with the old value amid the replay would be a false
        // spike in history. Stale from there until the next value.
        const qint64 markMs =
            atMs > 0 ? atMs : (dev.lastSampleMs > 0 ? std::min(now, dev.lastSampleMs + 1) : now);
        if (previous != CommState::Offline)
            for (quint32 i = 0; i < dev.tagCount; ++i)
                m_batch.push_back({markMs, dev.last[i], dev.firstTag + i, offlineQuality, false});
        dev.lastError = reason;
        qCWarning(lcGateway).noquote() << tr("%1: %2").arg(dev.name, reason);
    } else if (previous == CommState::Offline) {
        qCInfo(lcGateway).noquote() << tr("%1: the gateway speaks again").arg(dev.name);
    }
    if (state != previous)
        dev.sinceMs = now;
    dev.state = state;
    flush(); // values before the status that explains them
    CommStatus status{dev.station, dev.device, state, previous, dev.sinceMs, dev.lastError};
    m_sink.commStatusChanged(status);
}

void GatewayDevices::flush()
{
    if (m_batch.empty())
        return;
    m_sink.samples(m_batch);
    m_batch.clear();
}

void GatewayDevices::tick()
{
    const qint64 now = mono();
    for (int i = 0; i < static_cast<int>(m_devices.size()); ++i) {
        Device& dev = m_devices[static_cast<std::size_t>(i)];
        if (dev.silenceMs > 0 && dev.state == CommState::Online && dev.liveAtMono >= 0 &&
            now - dev.liveAtMono > dev.silenceMs)
            setState(i, CommState::Offline,
                     tr("no message from the gateway for %1 s").arg(dev.silenceMs / 1000));
        if (dev.expectByMono >= 0 && now > dev.expectByMono) {
            dev.expectByMono = -1;
            if (dev.state != CommState::Online)
                setState(i, CommState::Offline,
                         tr("nothing heard from its gateway since the broker connection "
                            "(%1 %2/%3)")
                             .arg(protocolName(dev.settings->protocol), dev.settings->group,
                                  dev.settings->node));
        }
    }
    std::vector<quint64> expired;
    for (const auto& [id, w] : m_writes) {
        if (now >= w.deadlineMono)
            expired.push_back(id);
    }
    for (quint64 id : expired) {
        PendingWrite& w = m_writes.at(id);
        const QString path = m_project.tagPath(w.record.tag);
        const Device& dev = m_devices[static_cast<std::size_t>(w.device)];
        const double last = dev.last[w.record.tag - dev.firstTag];
        if (w.armed && !std::isnan(last) &&
            sameValue(m_project.tag(w.record.tag).type, last, w.record.newValue)) {
            // A gateway reporting by exception sends nothing for a value that did not change
            // (a command that was already so): its last live value is the read-back.
            w.record.readBack = last;
            finishWrite(id, true, {});
        } else if (!w.armed)
            finishWrite(id, false, tr("%1: the gateway did not answer the write").arg(path));
        else if (std::isnan(w.record.readBack))
            finishWrite(id, false, tr("%1: no value read back from the gateway").arg(path));
        else
            finishWrite(id, false,
                        tr("the gateway reports %1 after writing %2")
                            .arg(QString::number(w.record.readBack, 'g', 12),
                                 QString::number(w.record.newValue, 'g', 12)));
    }
    flush();
}

quint64 GatewayDevices::startWrite(TagId tag, double value, const QString& user, WriteDone done)
{
    const quint64 id = ++m_nextWrite;
    ++stats.writes;
    PendingWrite w;
    w.record.id = id;
    w.record.tag = tag;
    w.record.user = user;
    w.record.newValue = value;
    w.record.oldValue = NoValue;
    w.record.readBack = NoValue;
    w.record.requestedMs = m_clock.nowMs();
    w.done = std::move(done);
    w.device = deviceOfTag(tag);
    if (w.device >= 0) {
        const Device& dev = m_devices[static_cast<std::size_t>(w.device)];
        w.record.oldValue = dev.last[tag - dev.firstTag];
    }
    m_writes.emplace(id, std::move(w));
    return id;
}

GatewayDevices::PendingWrite* GatewayDevices::pendingWrite(quint64 id)
{
    const auto it = m_writes.find(id);
    return it == m_writes.end() ? nullptr : &it->second;
}

quint64 GatewayDevices::writeOfRequest(const QString& requestId) const
{
    for (const auto& [id, w] : m_writes) {
        if (w.requestId == requestId)
            return id;
    }
    return 0;
}

void GatewayDevices::readBack(TagId tag, double value)
{
    for (auto it = m_writes.begin(); it != m_writes.end();) {
        PendingWrite& w = it->second;
        const quint64 id = it->first;
        ++it;
        if (!w.armed || w.record.tag != tag)
            continue;
        w.record.readBack = value;
        if (sameValue(m_project.tag(tag).type, value, w.record.newValue)) {
            finishWrite(id, true, {});
            it = m_writes.begin(); // finishWrite erased an element
        }
    }
}

void GatewayDevices::finishWrite(quint64 id, bool ok, const QString& error)
{
    const auto it = m_writes.find(id);
    if (it == m_writes.end())
        return;
    PendingWrite w = std::move(it->second);
    m_writes.erase(it);
    w.record.ok = ok;
    w.record.error = error;
    w.record.finishedMs = m_clock.nowMs();
    if (ok)
        qCInfo(lcGateway).noquote() << tr("write %1: done, read back %2")
                                           .arg(id)
                                           .arg(QString::number(w.record.readBack, 'g', 12));
    else
        qCWarning(lcGateway).noquote() << tr("write %1 failed: %2").arg(id).arg(error);
    m_sink.audit(w.record);
    if (w.done)
        w.done(w.record);
}

void GatewayDevices::failAllWrites(const QString& error)
{
    while (!m_writes.empty())
        finishWrite(m_writes.begin()->first, false, error);
}

// --- Host -----------------------------------------------------------------------------------

MqttDriver::Host::Host(GatewayDevices& devices, const BrokerSettings& broker, Protocol protocol)
    : m_devices(devices)
    , m_broker(broker)
    , m_protocol(protocol)
{
    for (int i = 0; i < static_cast<int>(devices.devices().size()); ++i) {
        const GatewayDevices::Device& d = devices.devices()[static_cast<std::size_t>(i)];
        if (d.settings->protocol == protocol && d.settings->broker == broker.id)
            m_served.push_back(i);
    }
    m_status.broker = broker.id;
    m_status.protocol = protocolName(protocol);
    m_status.name = QStringLiteral("%1 (%2:%3)")
                        .arg(broker.name.isEmpty() ? broker.id : broker.name, broker.host)
                        .arg(broker.port);
    m_status.sinceMs = devices.clock().nowMs();
}

MqttDriver::Host::~Host() = default;

bool MqttDriver::Host::serves(int device) const
{
    return std::find(m_served.begin(), m_served.end(), device) != m_served.end();
}

Mqtt::ClientOptions MqttDriver::Host::clientOptions(const QString& clientId,
                                                    bool cleanSession) const
{
    Mqtt::ClientOptions o;
    o.host = m_broker.host;
    o.port = m_broker.port;
    o.clientId = clientId;
    o.user = m_broker.user;
    if (!m_broker.passwordFile.isEmpty()) {
        QString error;
        if (const auto password = Mqtt::Client::readPasswordFile(m_broker.passwordFile, &error))
            o.password = *password;
        else
            qCWarning(lcGateway).noquote()
                << GatewayDevices::tr("broker %1: %2").arg(m_broker.id, error);
    }
    o.cleanSession = cleanSession;
    o.keepAliveS = m_broker.keepAliveS;
    o.tls.enabled = m_broker.tls;
    o.tls.caFile = m_broker.caFile;
    o.tls.certFile = m_broker.certFile;
    o.tls.keyFile = m_broker.keyFile;
    o.maxMessageBytes = m_devices.options().maxMessageBytes;
    // Back soon after a broker restart: gateways replay as soon as they are back themselves.
    o.reconnectMaxMs = 5000;
    return o;
}

void MqttDriver::Host::start()
{
    connect(m_client.get(), &Mqtt::Client::connected, this, [this] {
        connectionChanged(true, {});
        for (int d : m_served)
            m_devices.expect(d, expectWithinMs(d));
        onConnected();
    });
    connect(m_client.get(), &Mqtt::Client::disconnected, this,
            [this](const QString& reason) { connectionChanged(false, reason); });
    // Unreachable or refused from the start: as lost as a broker that went away.
    connect(m_client.get(), &Mqtt::Client::connectFailed, this,
            [this](const QString& reason) { connectionChanged(false, reason); });
    m_client->setMessageHandler([this](std::span<const Mqtt::Message> batch) {
        for (const Mqtt::Message& m : batch) {
            ++m_devices.stats.messages;
            handle(m);
        }
        m_devices.flush();
    });
    subscribe();
    m_client->open();
}

int MqttDriver::Host::expectWithinMs(int device) const
{
    // A Neuron device publishes every poll; a Sparkplug node births when asked (a rebirth
    // request goes out after the reorder timeout to every node not born).
    const GatewayDevices::Device& d = m_devices.devices()[static_cast<std::size_t>(device)];
    return m_protocol == Protocol::MqttNeuron ? d.silenceMs
                                              : std::max(10'000, 3 * m_broker.reorderTimeoutMs);
}

void MqttDriver::Host::stop()
{
    if (!m_client)
        return;
    // A clean stop is not a lost broker: no offline devices, no warnings, no alarm.
    QObject::disconnect(m_client.get(), nullptr, this, nullptr);
    m_client->close();
    m_status.connected = false;
    m_status.error = GatewayDevices::tr("stopped");
}

void MqttDriver::Host::connectionChanged(bool connected, const QString& reason)
{
    if (m_reported && *m_reported == connected)
        return;
    m_reported = connected;
    m_status.connected = connected;
    m_status.error = reason;
    m_status.sinceMs = m_devices.clock().nowMs();
    if (!connected) {
        ++m_devices.stats.brokerLosses;
        // The client's reason says how ("连接中断：…", "无法连接：…").
        const QString why = GatewayDevices::tr("MQTT broker %1: %2").arg(m_status.name, reason);
        for (int d : m_served)
            m_devices.setState(d, CommState::Offline, why);
    }
    if (m_devices.brokerStatusChanged)
        m_devices.brokerStatusChanged(m_status);
}

void MqttDriver::Host::badPayload(const QByteArray& topic, const QString& gateway,
                                  const QString& why)
{
    ++m_devices.stats.badPayloads;
    // Logged once per gateway and kind of problem: a broken gateway must not flood the log.
    const QString key = gateway + u'\n' + why.left(40);
    if (m_logged.contains(key) || m_logged.size() > 10'000)
        return;
    m_logged.insert(key);
    qCWarning(lcGateway).noquote()
        << GatewayDevices::tr("broker %1, gateway %2, topic %3: %4 (logged once)")
               .arg(m_broker.id, gateway, QString::fromUtf8(topic.left(200)), why);
}

// --- MqttDriver -----------------------------------------------------------------------------

MqttDriver::MqttDriver(const Project& project, const Clock& clock, AcquisitionSink& sink,
                       const MqttDriverOptions& options, QObject* parent)
    : Driver(parent)
    , m_devices(std::make_unique<GatewayDevices>(project, clock, sink, options))
{
    m_devices->brokerStatusChanged = [&sink](const BrokerStatus& status) {
        sink.brokerStatusChanged(status);
    };
    for (const BrokerSettings& broker : project.brokers) {
        bool neuron = false;
        bool sparkplug = false;
        for (const GatewayDevices::Device& d : m_devices->devices()) {
            if (d.settings->broker != broker.id)
                continue;
            neuron = neuron || d.settings->protocol == Protocol::MqttNeuron;
            sparkplug = sparkplug || d.settings->protocol == Protocol::MqttSparkplug;
        }
        if (neuron)
            m_hosts.push_back(std::make_unique<NeuronHost>(*m_devices, broker));
        if (sparkplug)
            m_hosts.push_back(std::make_unique<SparkplugHost>(*m_devices, broker));
    }
    auto* ticker = new QTimer(this);
    ticker->setInterval(TickMs);
    connect(ticker, &QTimer::timeout, this, [this] {
        if (m_running)
            m_devices->tick();
    });
    ticker->start();
}

MqttDriver::~MqttDriver()
{
    stop();
}

void MqttDriver::start()
{
    if (m_running)
        return;
    m_running = true;
    for (const auto& host : m_hosts)
        host->start();
}

void MqttDriver::stop()
{
    if (!m_running)
        return;
    m_running = false;
    for (const auto& host : m_hosts)
        host->stop();
    m_devices->flush();
    m_devices->failAllWrites(GatewayDevices::tr("acquisition stopped before the write ended"));
}

quint64 MqttDriver::write(TagId tag, double value, const QString& user, WriteDone done)
{
    const quint64 id = m_devices->startWrite(tag, value, user, std::move(done));
    GatewayDevices::PendingWrite& w = *m_devices->pendingWrite(id);
    const auto fail = [&](const QString& why) {
        m_devices->finishWrite(id, false, why);
        return id;
    };
    if (w.device < 0)
        return fail(GatewayDevices::tr("no gateway serves tag %1").arg(tag));
    const QString path = m_devices->project().tagPath(tag);
    const TagDef& def = m_devices->project().tag(tag);
    if (def.access != Access::ReadWrite)
        return fail(GatewayDevices::tr("%1 is read-only").arg(path));
    if (!std::isfinite(value))
        return fail(GatewayDevices::tr("%1: %2 is not a number").arg(path).arg(value));
    if (def.type == DataType::Bool && value != 0.0 && value != 1.0)
        return fail(GatewayDevices::tr("%1 takes 0 or 1, not %2").arg(path).arg(value));
    // A gateway writes what it gets: refused here rather than rounded or clipped there.
    if (isIntegerType(def.type) && def.type != DataType::Bool) {
        const int bits = dataTypeBits(def.type);
        const bool isSigned = def.type == DataType::Int8 || def.type == DataType::Int16 ||
                              def.type == DataType::Int32;
        const double lo = isSigned ? -std::ldexp(1.0, bits - 1) : 0.0;
        const double hi = isSigned ? std::ldexp(1.0, bits - 1) - 1 : std::ldexp(1.0, bits) - 1;
        if (value != std::round(value))
            return fail(GatewayDevices::tr("%1 takes whole numbers, not %2").arg(path).arg(value));
        if (value < lo || value > hi)
            return fail(GatewayDevices::tr("%1: %2 is out of range for %3")
                            .arg(path)
                            .arg(value)
                            .arg(dataTypeName(def.type)));
    }
    const GatewayDevices::Device& dev = m_devices->devices()[static_cast<std::size_t>(w.device)];
    if (!m_running || dev.state == CommState::Offline)
        return fail(GatewayDevices::tr("%1 is offline: %2").arg(dev.name, dev.lastError));
    for (const auto& host : m_hosts) {
        if (host->serves(w.device)) {
            // The read-back comes with the gateway's next message: at least two of its periods.
            const int timeoutMs =
                std::max(host->broker().writeTimeoutMs, 2 * dev.settings->pollMs + 1000);
            w.deadlineMono = m_devices->mono() + timeoutMs;
            host->write(id);
            return id;
        }
    }
    return fail(GatewayDevices::tr("%1: no broker connection serves it").arg(dev.name));
}

CommStatus MqttDriver::deviceStatus(int station, int device) const
{
    const int i = m_devices->find(station, device);
    if (i < 0)
        return {station, device, CommState::Unknown, CommState::Unknown, 0, {}};
    const GatewayDevices::Device& d = m_devices->devices()[static_cast<std::size_t>(i)];
    return {station, device, d.state, d.state, d.sinceMs, d.lastError};
}

MqttDriverStats MqttDriver::stats() const
{
    MqttDriverStats s = m_devices->stats;
    for (const auto& host : m_hosts)
        s.badPayloads += host->oversized();
    return s;
}

std::vector<BrokerStatus> MqttDriver::brokerStatuses() const
{
    std::vector<BrokerStatus> all;
    for (const auto& host : m_hosts)
        all.push_back(host->status());
    return all;
}

} // namespace PumpWatch::Acquisition
