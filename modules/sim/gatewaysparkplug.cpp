// GatewayPublisher as Sparkplug B edge nodes (spec 3.0; PROTOCOLS.md §1): one MQTT connection
// per edge node with its NDEATH Will, NBIRTH/DBIRTH with aliases once the primary host's STATE
// is known (or birthWaitMs after the CONNECT), DDATA by alias, seq shared by the node's
// messages, rebirth and writes on NCMD/DCMD, and store and forward: while the host is not online
// or the broker is away, DDATA are kept and later flushed with is_historical, oldest first.
#include "gateways_p.h"

#include <QDateTime>
#include <QTimer>

namespace PumpWatch::Sim {
namespace {

namespace Spb = Mqtt::Sparkplug;

constexpr int SeqModulo = 256;

Spb::Metric bdSeqMetric(quint64 bdSeq, quint64 ts)
{
    Spb::Metric m;
    m.name = QStringLiteral("bdSeq");
    m.type = Spb::DataType::Int64;
    m.value = double(bdSeq);
    m.timestampMs = ts;
    return m;
}

} // namespace

QByteArray GatewayPublisher::Impl::stateTopic(const EdgeNode& node) const
{
    const BrokerSettings fallback;
    const BrokerSettings& b = node.broker < static_cast<int>(project.brokers.size())
                                  ? project.brokers[static_cast<std::size_t>(node.broker)]
                                  : fallback;
    return (b.legacyState ? QByteArrayLiteral("STATE/") : QByteArrayLiteral("spBv1.0/STATE/")) +
           b.hostId.toUtf8();
}

QByteArray GatewayPublisher::Impl::dataTopic(const GatewayDevice& dev, Spb::MessageType type) const
{
    const bool isNode = dev.deviceId.isEmpty();
    if (isNode)
        type =
            type == Spb::MessageType::DBirth ? Spb::MessageType::NBirth : Spb::MessageType::NData;
    return Spb::topicName({type, dev.group, dev.node, isNode ? QString() : dev.deviceId, {}});
}

void GatewayPublisher::Impl::openNode(EdgeNode& node)
{
    Mqtt::ClientOptions o = clientOptions(
        node.broker, QStringLiteral("pumpwatch-sim-%1-%2").arg(node.group, node.node));
    // The NDEATH Will carries the bdSeq of its CONNECT; each CONNECT takes the next (0..255).
    o.makeWill = [connects = node.connects, group = node.group, name = node.node] {
        const quint64 bdSeq = connects->fetch_add(1) % SeqModulo;
        Spb::Payload p;
        p.timestampMs = quint64(QDateTime::currentMSecsSinceEpoch());
        p.metrics.push_back(bdSeqMetric(bdSeq, *p.timestampMs));
        return Mqtt::Will{Spb::topicName({Spb::MessageType::NDeath, group, name, {}, {}}),
                          Spb::encode(p), 1, false};
    };
    node.client = new Mqtt::Client(o, thread.context());
    node.client->subscribe(Spb::topicName({Spb::MessageType::NCmd, node.group, node.node, {}, {}}),
                           0);
    node.client->subscribe(QByteArrayLiteral("spBv1.0/") + node.group.toUtf8() +
                               QByteArrayLiteral("/DCMD/") + node.node.toUtf8() +
                               QByteArrayLiteral("/+"),
                           0);
    node.client->subscribe(stateTopic(node), 1);
    EdgeNode* n = &node;
    node.client->setMessageHandler([this, n](std::span<const Mqtt::Message> batch) {
        for (const Mqtt::Message& m : batch)
            nodeMessage(*n, m);
    });
    QObject::connect(node.client, &Mqtt::Client::connected, thread.context(),
                     [this, n] { nodeConnected(*n); });
    QObject::connect(node.client, &Mqtt::Client::disconnected, thread.context(), [n] {
        n->born = false;
        n->birthsSeenByHost = false;
    });
    if (!linkDown && !node.off) // dropped or the link down before the start
        node.client->open();
}

void GatewayPublisher::Impl::nodeConnected(EdgeNode& node)
{
    for (int i : node.devices)
        ++devices[static_cast<std::size_t>(i)].stats.connects;
    node.bdSeq = 0;
    if (const std::optional<Mqtt::Will> will = node.client->sessionWill()) {
        Spb::Payload p;
        if (Spb::decode(will->payload, &p) && !p.metrics.empty())
            node.bdSeq = quint64(p.metrics.front().value);
    }
    node.born = false;
    node.hostOnline = false;
    if (node.hostStateTs >= 0)
        node.previousStateTs = node.hostStateTs;
    node.hostStateTs = -1; // a new session: the retained STATE tells again
    node.holdFlush = false;
    // Births wait for the host's retained STATE, briefly: then the host sees them.
    EdgeNode* n = &node;
    QTimer::singleShot(options.birthWaitMs, thread.context(), [this, n] {
        if (!n->born && n->client->isConnected())
            birth(*n);
    });
}

void GatewayPublisher::Impl::birth(EdgeNode& node)
{
    std::vector<std::vector<double>> values;
    qint64 ts = 0;
    {
        std::lock_guard lock(shared.mutex);
        values = shared.values;
        ts = shared.simMs;
    }
    node.seq = 0;
    bool nbirthSent = false;
    auto send = [&](const GatewayDevice* dev, Spb::Payload& p) {
        p.seq = quint64(node.seq);
        node.seq = (node.seq + 1) % SeqModulo;
        const QByteArray topic =
            dev ? dataTopic(*dev, Spb::MessageType::DBirth)
                : Spb::topicName({Spb::MessageType::NBirth, node.group, node.node, {}, {}});
        node.client->publish(topic, Spb::encode(p), 0);
    };
    auto metricsOf = [&](const GatewayDevice& dev, Spb::Payload& p) {
        const std::vector<double>& v = values[static_cast<std::size_t>(&dev - devices.data())];
        for (std::size_t i = 0; i < dev.metrics.size() && i < v.size(); ++i) {
            Spb::Metric m;
            m.name = dev.metrics[i].name;
            m.alias = dev.metrics[i].alias;
            m.type = dev.metrics[i].type;
            m.value = v[i];
            m.timestampMs = quint64(ts);
            p.metrics.push_back(m);
        }
    };
    Spb::Payload nbirth;
    nbirth.timestampMs = quint64(ts);
    nbirth.metrics.push_back(bdSeqMetric(node.bdSeq, quint64(ts)));
    Spb::Metric rebirth;
    rebirth.name = QStringLiteral("Node Control/Rebirth");
    rebirth.type = Spb::DataType::Boolean;
    rebirth.value = 0;
    rebirth.timestampMs = quint64(ts);
    nbirth.metrics.push_back(rebirth);
    for (int i : node.devices) {
        GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
        if (!dev.deviceId.isEmpty())
            continue;
        metricsOf(dev, nbirth); // the node's own metrics
        ++dev.stats.births;
    }
    send(nullptr, nbirth);
    nbirthSent = true;
    for (int i : node.devices) {
        GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
        if (dev.deviceId.isEmpty())
            continue;
        Spb::Payload dbirth;
        dbirth.timestampMs = quint64(ts);
        metricsOf(dev, dbirth);
        send(&dev, dbirth);
        ++dev.stats.births;
    }
    node.born = nbirthSent;
    node.birthsSeenByHost = node.hostOnline && !node.holdFlush;
    if (node.hostOnline && !node.holdFlush) // what was kept follows the births
        flushStored(node);
}

void GatewayPublisher::Impl::publishSparkplug(GatewayDevice& dev, qint64 ts,
                                              const std::vector<double>& values)
{
    EdgeNode& node = nodes[static_cast<std::size_t>(dev.link)];
    const int index = static_cast<int>(&dev - devices.data());
    const bool live = !linkDown && !node.off && node.client && node.client->isConnected() &&
                      node.born && node.hostOnline && node.stored.empty();
    if (!live) {
        keep(node.stored, {index, {}, {}, ts, values});
        return;
    }
    Spb::Payload p;
    p.timestampMs = quint64(ts);
    if (dev.skipSeqNext) { // a message lost on the way: the host sees a gap
        node.seq = (node.seq + 1) % SeqModulo;
        dev.skipSeqNext = false;
    }
    p.seq = quint64(node.seq);
    node.seq = (node.seq + 1) % SeqModulo;
    for (std::size_t i = 0; i < dev.metrics.size(); ++i) {
        Spb::Metric m;
        m.alias = dev.metrics[i].alias;
        m.type = dev.metrics[i].type; // its field; the datatype itself is omitted
        m.value = values[i];
        m.timestampMs = quint64(ts);
        p.metrics.push_back(m);
    }
    QByteArray bytes = Spb::encode(p, Spb::Datatypes::Omit);
    if (dev.malformedNext) { // truncated protobuf
        bytes.truncate(bytes.size() - 3);
        dev.malformedNext = false;
    }
    if (node.client->publish(dataTopic(dev, Spb::MessageType::DData), bytes, 0)) {
        ++dev.stats.messages;
        dev.stats.values += dev.metrics.size();
    }
}

void GatewayPublisher::Impl::flushStored(EdgeNode& node)
{
    while (!node.stored.empty()) {
        const Kept k = take(node.stored);
        GatewayDevice& dev = devices[static_cast<std::size_t>(k.device)];
        Spb::Payload p;
        p.timestampMs = quint64(k.ts);
        p.seq = quint64(node.seq);
        node.seq = (node.seq + 1) % SeqModulo;
        for (std::size_t i = 0; i < dev.metrics.size() && i < k.values.size(); ++i) {
            Spb::Metric m;
            m.alias = dev.metrics[i].alias;
            m.type = dev.metrics[i].type;
            m.value = k.values[i];
            m.timestampMs = quint64(k.ts);
            m.historical = true;
            p.metrics.push_back(m);
        }
        node.client->publish(dataTopic(dev, Spb::MessageType::DData),
                             Spb::encode(p, Spb::Datatypes::Omit), 0);
        ++dev.stats.replayed;
    }
}

void GatewayPublisher::Impl::nodeMessage(EdgeNode& node, const Mqtt::Message& message)
{
    if (message.topic == stateTopic(node)) {
        const std::optional<Spb::HostState> state = Spb::parseState(message.payload);
        if (!state)
            return;
        // A STATE older than the last one seen is a late message of an earlier host session.
        if (state->timestampMs > 0 && state->timestampMs < node.hostStateTs)
            return;
        const bool again = state->timestampMs == node.previousStateTs && message.retain;
        node.hostStateTs = state->timestampMs;
        node.hostOnline = state->online;
        if (!state->online) {
            node.birthsSeenByHost = false;
            return;
        }
        if (again && state->timestampMs > 0) {
            // The STATE of before our session ended, retained: the host may be there (only our
            // link broke) or not yet (the broker crashed and restored it). Births now; what was
            // kept waits for a newer STATE, or the grace period.
            node.holdFlush = true;
            if (!node.born)
                birth(node);
            EdgeNode* n = &node;
            const qint64 ts = state->timestampMs;
            QTimer::singleShot(options.staleStateGraceMs, thread.context(), [this, n, ts] {
                if (!n->holdFlush || n->hostStateTs != ts)
                    return;
                n->holdFlush = false;
                n->birthsSeenByHost = true;
                if (n->born && n->hostOnline && n->client->isConnected())
                    flushStored(*n);
            });
            return;
        }
        node.holdFlush = false;
        // The host (back) online: births it has not seen, then what was kept, then live data.
        if (!node.born || !node.birthsSeenByHost)
            birth(node);
        else
            flushStored(node);
        return;
    }
    const std::optional<Spb::Topic> topic = Spb::parseTopic(message.topic);
    Spb::Payload p;
    if (!topic || !Spb::decode(message.payload, &p))
        return;
    std::vector<int> candidates;
    for (int i : node.devices) {
        const GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
        if (topic->type == Spb::MessageType::NCmd ? dev.deviceId.isEmpty()
                                                  : dev.deviceId == topic->device)
            candidates.push_back(i);
    }
    for (const Spb::Metric& m : p.metrics) {
        if (topic->type == Spb::MessageType::NCmd && m.name == u"Node Control/Rebirth") {
            if (m.value != 0 && node.client->isConnected()) {
                birth(node);
                for (int i : node.devices)
                    ++devices[static_cast<std::size_t>(i)].stats.rebirths;
            }
            continue;
        }
        // Commands name a metric by alias (any of the node's) or by name (the target's).
        for (int i : m.alias ? node.devices : candidates) {
            GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
            for (std::size_t g = 0; g < dev.metrics.size(); ++g) {
                const GatewayMetric& gm = dev.metrics[g];
                if ((m.alias ? gm.alias == *m.alias : gm.name == m.name) && gm.writable) {
                    Spb::Metric typed = m;
                    if (typed.type == Spb::DataType::Unknown)
                        Spb::applyType(&typed, gm.type);
                    queueWrite(i, static_cast<int>(g), typed.value);
                }
            }
        }
    }
}

} // namespace PumpWatch::Sim
