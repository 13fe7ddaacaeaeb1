// GatewayPublisher's core: the gateway devices of the project, the snapshot the server's thread
// hands over after every tick, the publishing schedule, the fault commands and the stats.
#include "gateways_p.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>

namespace PumpWatch::Sim {
namespace {

namespace Spb = Mqtt::Sparkplug;

qint64 monoMs()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}

} // namespace

GatewayPublisher::Impl::Impl(const City& c, const GatewayOptions& o)
    : city(c)
    , project(c.project())
    , options(o)
{
    for (int u = 0; u < static_cast<int>(city.units().size()); ++u) {
        const CityUnit& unit = city.units()[static_cast<std::size_t>(u)];
        const Device& device = city.device(unit);
        const DeviceSettings& s = device.settings;
        if (!isMqtt(s.protocol))
            continue;
        GatewayDevice dev;
        dev.unit = u;
        dev.name = city.unitName(unit);
        dev.station = project.stations[static_cast<std::size_t>(unit.station)].id;
        dev.protocol = s.protocol;
        dev.node = s.node;
        dev.group = s.group;
        dev.deviceId = s.deviceId;
        dev.pollMs = std::max(50, s.pollMs);
        dev.stats.name = dev.name;
        dev.stats.protocol = protocolName(s.protocol);
        for (int b = 0; b < static_cast<int>(unit.bindings.size()); ++b) {
            const Binding& binding = unit.bindings[static_cast<std::size_t>(b)];
            const TagDef& def = project.tag(binding.tag);
            dev.metrics.push_back({def.metricName(), b, Spb::dataTypeOf(def.type),
                                   def.type == DataType::Bool, binding.writable, 0});
        }
        const int broker = std::max(0, project.brokerIndex(s.broker));
        const int index = static_cast<int>(devices.size());
        if (s.protocol == Protocol::MqttNeuron) {
            auto it = std::find_if(neurons.begin(), neurons.end(),
                                   [&](const NeuronLink& l) { return l.broker == broker; });
            if (it == neurons.end())
                it = neurons.insert(neurons.end(), NeuronLink{broker, {}, nullptr, {}});
            // Both upload formats are exercised: every other device of a broker uses format 1.
            dev.format = it->devices.size() % 2 == 0 ? Mqtt::Neuron::Format::Values
                                                     : Mqtt::Neuron::Format::Tags;
            dev.link = static_cast<int>(it - neurons.begin());
            it->devices.push_back(index);
        } else {
            auto it = std::find_if(nodes.begin(), nodes.end(), [&](const EdgeNode& n) {
                return n.broker == broker && n.group == s.group && n.node == s.node;
            });
            if (it == nodes.end()) {
                EdgeNode n;
                n.broker = broker;
                n.group = s.group;
                n.node = s.node;
                it = nodes.insert(nodes.end(), std::move(n));
            }
            dev.link = static_cast<int>(it - nodes.begin());
            if (s.deviceId.isEmpty())
                it->devices.insert(it->devices.begin(), index);
            else
                it->devices.push_back(index);
        }
        devices.push_back(std::move(dev));
    }
    // Aliases unique per edge node: 1, 2, … over its devices' metrics.
    for (EdgeNode& n : nodes) {
        quint64 alias = 0;
        for (int i : n.devices) {
            for (GatewayMetric& m : devices[static_cast<std::size_t>(i)].metrics)
                m.alias = ++alias;
        }
    }
    shared.values.resize(devices.size());
    keptCount.resize(devices.size());
}

Mqtt::ClientOptions GatewayPublisher::Impl::clientOptions(int broker, const QString& clientId) const
{
    Mqtt::ClientOptions o;
    if (broker < static_cast<int>(project.brokers.size())) {
        const BrokerSettings& b = project.brokers[static_cast<std::size_t>(broker)];
        o.host = b.host;
        o.port = b.port;
        o.user = b.user;
        if (!b.passwordFile.isEmpty())
            o.password = Mqtt::Client::readPasswordFile(b.passwordFile).value_or(QString());
        o.tls.enabled = b.tls;
        o.tls.caFile = b.caFile;
        o.tls.certFile = b.certFile;
        o.tls.keyFile = b.keyFile;
    }
    o.clientId = clientId;
    o.keepAliveS = 10;
    o.reconnectMinMs = 200;
    o.reconnectMaxMs = 2000;
    return o;
}

void GatewayPublisher::Impl::setUp()
{
    const qint64 now = monoMs();
    for (GatewayDevice& dev : devices)
        dev.dueMono = now + dev.pollMs;
    for (NeuronLink& l : neurons)
        openNeuron(l);
    for (EdgeNode& n : nodes)
        openNode(n);
    int tickMs = 250;
    for (const GatewayDevice& dev : devices)
        tickMs = std::min(tickMs, dev.pollMs / 4);
    thread.every(std::max(10, tickMs), [this] { poll(); });
    thread.every(100, [this] {
        for (NeuronLink& l : neurons)
            replayNeuron(l);
    });
}

void GatewayPublisher::Impl::tearDown()
{
    for (NeuronLink& l : neurons) {
        delete l.client;
        l.client = nullptr;
    }
    for (EdgeNode& n : nodes) {
        delete n.client; // a clean DISCONNECT: the broker drops the NDEATH
        n.client = nullptr;
    }
}

void GatewayPublisher::Impl::poll()
{
    const qint64 now = monoMs();
    std::vector<std::vector<double>> values;
    qint64 simMs = 0;
    {
        std::lock_guard lock(shared.mutex);
        const qint64 wall = QDateTime::currentMSecsSinceEpoch();
        simMs = shared.simMs + static_cast<qint64>(double(wall - shared.wallMs) * shared.rate);
        values = shared.values;
    }
    for (int i = 0; i < static_cast<int>(devices.size()); ++i) {
        GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
        if (now < dev.dueMono)
            continue;
        dev.dueMono += dev.pollMs;
        if (dev.dueMono <= now) // fell behind (a stalled thread): no burst to catch up
            dev.dueMono = now + dev.pollMs;
        // Collection time; strictly growing, so the host never takes a live upload for a replay.
        const qint64 ts = std::max(simMs, dev.lastTs + 1);
        dev.lastTs = ts;
        const std::vector<double>& v = values[static_cast<std::size_t>(i)];
        if (v.size() != dev.metrics.size())
            continue; // no tick yet
        if (dev.protocol == Protocol::MqttNeuron)
            publishNeuron(dev, ts, v);
        else
            publishSparkplug(dev, ts, v);
    }
}

void GatewayPublisher::Impl::queueWrite(int device, int metric, double value)
{
    std::lock_guard lock(shared.mutex);
    shared.writes.push_back({device, metric, value});
    ++devices[static_cast<std::size_t>(device)].stats.writes;
}

std::size_t GatewayPublisher::Impl::cacheLimit(int device) const
{
    const GatewayDevice& dev = devices[static_cast<std::size_t>(device)];
    return std::max<std::size_t>(1, std::size_t(options.cacheSeconds) * 1000u /
                                        std::size_t(dev.pollMs));
}

void GatewayPublisher::Impl::keep(std::deque<Kept>& queue, Kept k)
{
    GatewayDevice& dev = devices[static_cast<std::size_t>(k.device)];
    ++dev.stats.cached;
    std::size_t& mine = keptCount[static_cast<std::size_t>(k.device)];
    if (mine >= cacheLimit(k.device)) { // full: the oldest of this device goes
        auto oldest = std::find_if(queue.begin(), queue.end(),
                                   [&](const Kept& q) { return q.device == k.device; });
        queue.erase(oldest);
        ++dev.stats.dropped;
        --mine;
    }
    ++mine;
    queue.push_back(std::move(k));
}

Kept GatewayPublisher::Impl::take(std::deque<Kept>& queue)
{
    Kept k = std::move(queue.front());
    queue.pop_front();
    --keptCount[static_cast<std::size_t>(k.device)];
    return k;
}

GatewayPublisher::GatewayPublisher(const City& city, const GatewayOptions& options)
    : d(std::make_unique<Impl>(city, options))
{}

GatewayPublisher::~GatewayPublisher()
{
    stop();
}

QStringList GatewayPublisher::endpoints() const
{
    QStringList lines;
    for (const GatewayDevice& dev : d->devices) {
        const BrokerSettings* b =
            d->project.brokers.empty()
                ? nullptr
                : &d->project.brokers[static_cast<std::size_t>(std::max(
                      0,
                      d->project.brokerIndex(d->city.device(d->city.units()[std::size_t(dev.unit)])
                                                 .settings.broker)))];
        const QString where = b ? QStringLiteral("%1:%2").arg(b->host).arg(b->port) : QString();
        lines << (dev.protocol == Protocol::MqttNeuron
                      ? QStringLiteral("%1 mqtt-neuron %2 node=%3 group=%4")
                            .arg(dev.name, where, dev.node, dev.group)
                      : QStringLiteral("%1 mqtt-sparkplug %2 spBv1.0/%3/%4%5")
                            .arg(dev.name, where, dev.group, dev.node,
                                 dev.deviceId.isEmpty() ? QString() : u'/' + dev.deviceId));
    }
    return lines;
}

int GatewayPublisher::deviceCount() const
{
    return static_cast<int>(d->devices.size());
}

void GatewayPublisher::start()
{
    if (d->thread.isRunning() || d->devices.empty())
        return;
    d->thread.start([this](QObject*) { d->setUp(); });
}

void GatewayPublisher::stop()
{
    if (d->thread.isRunning())
        d->thread.stop([this] { d->tearDown(); });
}

std::vector<GatewayDeviceStats> GatewayPublisher::stats() const
{
    auto collect = [this] {
        std::vector<GatewayDeviceStats> out;
        for (const GatewayDevice& dev : d->devices) {
            GatewayDeviceStats s = dev.stats;
            if (dev.protocol == Protocol::MqttSparkplug)
                s.bdSeq = d->nodes[static_cast<std::size_t>(dev.link)].bdSeq;
            out.push_back(s);
        }
        return out;
    };
    return d->thread.isRunning() ? d->thread.call(collect) : collect();
}

void GatewayPublisher::afterTick(City& city, qint64 simMs, qint64 wallMs, double rate)
{
    std::lock_guard lock(d->shared.mutex);
    // Writes first: the values published from this tick on show what they did.
    for (const Impl::Shared::Write& w : d->shared.writes) {
        const GatewayDevice& dev = d->devices[static_cast<std::size_t>(w.device)];
        CityUnit& unit = city.units()[static_cast<std::size_t>(dev.unit)];
        const Binding& b = unit.bindings[std::size_t(dev.metrics[std::size_t(w.metric)].binding)];
        city.applyWrite(unit, b, b.scale.toRaw(w.value));
    }
    d->shared.writes.clear();
    d->shared.simMs = simMs;
    d->shared.wallMs = wallMs;
    d->shared.rate = rate;
    for (std::size_t i = 0; i < d->devices.size(); ++i) {
        const GatewayDevice& dev = d->devices[i];
        const CityUnit& unit = city.units()[static_cast<std::size_t>(dev.unit)];
        std::vector<double>& v = d->shared.values[i];
        v.resize(dev.metrics.size());
        for (std::size_t m = 0; m < dev.metrics.size(); ++m)
            v[m] = city.shownValue(unit, unit.bindings[std::size_t(dev.metrics[m].binding)]);
    }
}

QString GatewayPublisher::command(const QStringList& words)
{
    const QString& verb = words.value(0);
    if (verb != u"gateway" && verb != u"gateway-link" && verb != u"gateway-stats")
        return {};
    if (!d->thread.isRunning())
        return d->command(words);
    return d->thread.call([&] { return d->command(words); });
}

QString GatewayPublisher::help() const
{
    return QStringLiteral("gateway TARGET off|on|malformed|skip-seq|ok | gateway TARGET error CODE "
                          "| gateway-link off|on | gateway-stats [TARGET]");
}

} // namespace PumpWatch::Sim
