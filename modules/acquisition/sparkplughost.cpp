// The Sparkplug B host application on one broker (spec 3.0; PROTOCOLS.md §1): STATE birth and
// Will, births with aliases, seq checking with a reorder timeout, bdSeq on NDEATH, historical
// metrics to history only, rebirth requests, and NCMD/DCMD writes.
#include "mqttdriver_p.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <map>
#include <mqtt/sparkplug.h>

namespace PumpWatch::Acquisition {

Q_DECLARE_LOGGING_CATEGORY(lcGateway)

namespace Spb = Mqtt::Sparkplug;

namespace {

constexpr int SeqModulo = 256;
constexpr std::size_t MaxHeldMessages = 255;
constexpr qsizetype MaxHeldBytes = 16 << 20; ///< per edge node, behind one gap

bool isNumeric(Spb::DataType type)
{
    return type != Spb::DataType::String && type != Spb::DataType::Text &&
           type != Spb::DataType::Unknown;
}

/// Sparkplug's Quality property (§6.4.9.1) as ours; a metric without it is good.
Quality qualityOf(const Spb::Metric& m)
{
    if (!m.quality || *m.quality == 192)
        return Quality::Good;
    return *m.quality == 500 ? Quality::UncertainStale : Quality::BadSensorFault;
}

} // namespace

struct MqttDriver::SparkplugHost::EdgeNode {
    QString group;
    QString node;
    int nodeDevice = -1;          ///< the project device of the node's own metrics, or -1
    QHash<QString, int> deviceOf; ///< Sparkplug device id → gateway device
    bool born = false;
    quint64 bdSeq = 0;
    int expectedSeq = -1;
    /// What a birth said of a metric: whose it is, our tag (InvalidTagId: one the project
    /// lacks) and its datatype, which DATA may leave out.
    struct Target {
        int device = -1;
        TagId tag = InvalidTagId;
        Spb::DataType type = Spb::DataType::Unknown;
    };
    QHash<quint64, Target> aliases;
    QHash<QString, Spb::DataType> types; ///< "<device id>/<name>" → datatype, for unaliased DATA
    /// Messages that came after a gap, by seq, waiting for the missing one.
    std::map<int, std::tuple<int, QByteArray, QString, QByteArray>> held;
    qsizetype heldBytes = 0;
    qint64 gapSinceMono = -1;
    qint64 rebirthAtMono = std::numeric_limits<qint64>::min() / 2;

    std::vector<int> allDevices() const
    {
        std::vector<int> all;
        if (nodeDevice >= 0)
            all.push_back(nodeDevice);
        for (int d : deviceOf)
            all.push_back(d);
        return all;
    }
};

MqttDriver::SparkplugHost::SparkplugHost(GatewayDevices& devices, const BrokerSettings& broker)
    : Host(devices, broker, Protocol::MqttSparkplug)
{
    for (int d : m_served) {
        const DeviceSettings& s = *devices.devices()[static_cast<std::size_t>(d)].settings;
        const QString key = s.group + u'/' + s.node;
        auto it = m_nodeOf.constFind(key);
        if (it == m_nodeOf.cend()) {
            it = m_nodeOf.insert(key, static_cast<int>(m_nodes.size()));
            EdgeNode n;
            n.group = s.group;
            n.node = s.node;
            m_nodes.push_back(std::move(n));
        }
        EdgeNode& n = m_nodes[static_cast<std::size_t>(*it)];
        if (s.deviceId.isEmpty())
            n.nodeDevice = d;
        else
            n.deviceOf.insert(s.deviceId, d);
    }
    // Clean session, and a Will that says we are gone, stamped with the time of each CONNECT
    // (§5.3): edge nodes then store and forward. Our STATE birth repeats that stamp.
    Mqtt::ClientOptions o = clientOptions(broker.clientId, true);
    o.makeWill = [topic = stateTopic(), legacy = broker.legacyState] {
        const QByteArray payload =
            legacy ? QByteArrayLiteral("OFFLINE")
                   : Spb::encodeState({false, QDateTime::currentMSecsSinceEpoch()});
        return Mqtt::Will{topic, payload, 1, true};
    };
    m_client = std::make_unique<Mqtt::Client>(o);
    m_reorder.setInterval(std::clamp(broker.reorderTimeoutMs / 4, 50, 1000));
    connect(&m_reorder, &QTimer::timeout, this, [this] { reorderTick(); });
}

MqttDriver::SparkplugHost::~SparkplugHost() = default;

QByteArray MqttDriver::SparkplugHost::stateTopic() const
{
    return m_broker.legacyState ? QByteArrayLiteral("STATE/") + m_broker.hostId.toUtf8()
                                : QByteArrayLiteral("spBv1.0/STATE/") + m_broker.hostId.toUtf8();
}

QByteArray MqttDriver::SparkplugHost::statePayload(bool online) const
{
    if (m_broker.legacyState)
        return online ? QByteArrayLiteral("ONLINE") : QByteArrayLiteral("OFFLINE");
    return Spb::encodeState({online, m_stateMs});
}

void MqttDriver::SparkplugHost::subscribe()
{
    // Our own STATE first (§5.3), then the groups we have devices in.
    m_client->subscribe(stateTopic(), 1);
    QSet<QString> groups;
    for (const EdgeNode& n : m_nodes)
        groups.insert(n.group);
    for (const QString& g : groups)
        m_client->subscribe(QByteArrayLiteral("spBv1.0/") + g.toUtf8() + QByteArrayLiteral("/#"),
                            0);
    m_reorder.start();
}

void MqttDriver::SparkplugHost::onConnected()
{
    if (const std::optional<Mqtt::Will> will = m_client->sessionWill()) {
        if (const std::optional<Spb::HostState> state = Spb::parseState(will->payload))
            m_stateMs = state->timestampMs;
    }
    // Every node must be born again for us: what it said while we were away is unknown.
    for (EdgeNode& n : m_nodes) {
        n.born = false;
        n.held.clear();
        n.gapSinceMono = -1;
    }
    m_client->publish(stateTopic(), statePayload(true), 1, true);
}

void MqttDriver::SparkplugHost::stop()
{
    m_reorder.stop();
    if (m_client && m_client->isConnected()) {
        // Offline before a clean disconnect (§5.3), acknowledged before we go.
        QObject::disconnect(m_client.get(), nullptr, this, nullptr);
        m_client->close(stateTopic(), statePayload(false), 1, true);
    }
    Host::stop();
}

void MqttDriver::SparkplugHost::handle(const Mqtt::Message& message)
{
    QString error;
    const std::optional<Spb::Topic> topic = Spb::parseTopic(message.topic, &error);
    if (message.topic == stateTopic()) {
        // Someone (a late Will of ours, an operator) says we are offline: we are not (§5.3 #4).
        const std::optional<Spb::HostState> state = Spb::parseState(message.payload);
        if (state && !state->online)
            m_client->publish(stateTopic(), statePayload(true), 1, true);
        return;
    }
    if (!topic) {
        badPayload(message.topic, QStringLiteral("?"), error);
        return;
    }
    if (topic->type == Spb::MessageType::State || topic->type == Spb::MessageType::NCmd ||
        topic->type == Spb::MessageType::DCmd)
        return; // other hosts, and commands (ours among them)
    const QString key = topic->group + u'/' + topic->node;
    const int index = m_nodeOf.value(key, -1);
    if (index < 0) {
        ++m_devices.stats.unknownSources;
        if (!m_unknown.contains(key) && m_unknown.size() < 1000) {
            m_unknown.insert(key);
            qCInfo(lcGateway).noquote()
                << GatewayDevices::tr("broker %1: Sparkplug edge node %2 is not in the project; "
                                      "its messages are ignored")
                       .arg(m_broker.id, key);
        }
        return;
    }
    process(m_nodes[static_cast<std::size_t>(index)], static_cast<int>(topic->type), message.topic,
            topic->device, message.payload);
}

void MqttDriver::SparkplugHost::process(EdgeNode& node, int typeCode, const QByteArray& topic,
                                        const QString& deviceId, const QByteArray& bytes)
{
    const auto type = static_cast<Spb::MessageType>(typeCode);
    const QString gateway = node.group + u'/' + node.node;
    Spb::Payload payload;
    QString error;
    if (!Spb::decode(bytes, &payload, &error)) {
        badPayload(topic, gateway, error);
        requestRebirth(node, GatewayDevices::tr("a malformed payload"));
        return;
    }
    const qint64 now = m_devices.clock().nowMs();

    if (type == Spb::MessageType::NDeath) {
        std::optional<quint64> bdSeq;
        for (const Spb::Metric& m : payload.metrics) {
            if (m.name == u"bdSeq")
                bdSeq = static_cast<quint64>(m.value);
        }
        // A late Will of an earlier session can follow the new birth (§5.5): only the death of
        // the current birth counts.
        if (!node.born || !bdSeq || *bdSeq != node.bdSeq) {
            ++m_devices.stats.staleDeaths;
            return;
        }
        ++m_devices.stats.deaths;
        node.born = false;
        node.aliases.clear();
        node.types.clear();
        node.held.clear();
        node.gapSinceMono = -1;
        for (int d : node.allDevices())
            m_devices.setState(d, CommState::Offline,
                               GatewayDevices::tr("edge node %1 died (NDEATH)").arg(gateway));
        return;
    }

    if (type == Spb::MessageType::NBirth) {
        node.born = true;
        node.aliases.clear();
        node.types.clear();
        node.held.clear();
        node.gapSinceMono = -1;
        node.bdSeq = 0;
        for (const Spb::Metric& m : payload.metrics) {
            if (m.name == u"bdSeq")
                node.bdSeq = static_cast<quint64>(m.value);
        }
        node.expectedSeq = payload.seq ? int((*payload.seq + 1) % SeqModulo) : 0;
        ++m_devices.stats.births;
    } else if (!node.born) {
        requestRebirth(node, GatewayDevices::tr("a message before its birth"));
        return;
    } else if (!payload.seq || int(*payload.seq) != node.expectedSeq) {
        // Out of order: hold it until the missing message comes or the reorder timeout ends.
        if (node.held.empty()) {
            node.gapSinceMono = m_devices.mono();
            ++m_devices.stats.seqGaps;
        }
        const bool room =
            node.held.size() < MaxHeldMessages && node.heldBytes + bytes.size() <= MaxHeldBytes;
        if (payload.seq && *payload.seq < SeqModulo && room &&
            node.held.emplace(int(*payload.seq), std::tuple{typeCode, topic, deviceId, bytes})
                .second)
            node.heldBytes += bytes.size();
        else
            ++m_devices.stats.dropped; // no seq, a seq already held, or no room: the rebirth
                                       // at the reorder timeout brings the values back
        return;
    } else {
        node.expectedSeq = (node.expectedSeq + 1) % SeqModulo;
    }

    // The device the message is about.
    int device = node.nodeDevice;
    if (type == Spb::MessageType::DBirth || type == Spb::MessageType::DData ||
        type == Spb::MessageType::DDeath) {
        device = node.deviceOf.value(deviceId, -1);
        if (device < 0) {
            ++m_devices.stats.unknownSources;
            return;
        }
    }
    if (type == Spb::MessageType::DDeath) {
        ++m_devices.stats.deaths;
        m_devices.setState(
            device, CommState::Offline,
            GatewayDevices::tr("device %1 of edge node %2 died (DDEATH)").arg(deviceId, gateway),
            Quality::UncertainStale, qint64(payload.timestampMs.value_or(0)));
    } else {
        const bool birth = type == Spb::MessageType::NBirth || type == Spb::MessageType::DBirth;
        if (type == Spb::MessageType::DBirth)
            ++m_devices.stats.births;
        bool unknownAlias = false;
        bool live = false;
        for (Spb::Metric& m : payload.metrics) {
            TagId tag = InvalidTagId;
            int owner = device;
            Spb::DataType birthType = m.type;
            if (birth) {
                if (m.name == u"bdSeq" || m.name.startsWith(u"Node Control/") ||
                    m.name.startsWith(u"Properties/"))
                    continue;
                if (device >= 0)
                    tag = m_devices.devices()[static_cast<std::size_t>(device)].tagOfMetric.value(
                        m.name, InvalidTagId);
                if (m.alias)
                    node.aliases.insert(*m.alias, {device, tag, m.type});
                node.types.insert(deviceId + u'/' + m.name, m.type);
            } else if (m.alias) {
                const auto it = node.aliases.constFind(*m.alias);
                if (it == node.aliases.cend()) {
                    unknownAlias = true;
                    continue;
                }
                owner = it->device;
                tag = it->tag;
                birthType = it->type;
            } else {
                if (device >= 0)
                    tag = m_devices.devices()[static_cast<std::size_t>(device)].tagOfMetric.value(
                        m.name, InvalidTagId);
                birthType = node.types.value(deviceId + u'/' + m.name, Spb::DataType::Unknown);
            }
            if (m.type == Spb::DataType::Unknown && !m.isNull) {
                // DATA may leave the datatype out: its birth's says how to read the value.
                QString why;
                if (!Spb::applyType(&m, birthType, &why)) {
                    badPayload(topic, gateway, why);
                    unknownAlias = true;
                    continue;
                }
            }
            if (tag == InvalidTagId || owner < 0) {
                ++m_devices.stats.unknownTags;
                continue;
            }
            if (m.isNull)
                continue;
            if (!isNumeric(m.type)) {
                badPayload(
                    topic, gateway,
                    GatewayDevices::tr("metric '%1' is text, not a number")
                        .arg(m.name.isEmpty() ? QString::number(m.alias.value_or(0)) : m.name));
                unknownAlias = true; // a type we cannot take: ask for the birth again
                continue;
            }
            const qint64 ts = qint64(m.timestampMs.value_or(payload.timestampMs.value_or(now)));
            m_devices.value(owner, tag, ts, m.value, qualityOf(m), m.historical);
            live = live || !m.historical;
        }
        if (device >= 0 && (birth || live))
            m_devices.heard(device);
        if (unknownAlias) {
            ++m_devices.stats.unknownTags;
            requestRebirth(node,
                           GatewayDevices::tr("an unknown alias or a metric of the wrong type"));
        }
    }

    // The message closed a gap: what was held behind it follows in order (seq wraps 255 → 0).
    for (auto it = node.held.find(node.expectedSeq); it != node.held.end();
         it = node.held.find(node.expectedSeq)) {
        auto [t, heldTopic, heldDevice, heldBytes] = std::move(it->second);
        node.held.erase(it);
        node.heldBytes -= heldBytes.size();
        process(node, t, heldTopic, heldDevice, heldBytes);
    }
    if (node.held.empty()) {
        node.gapSinceMono = -1;
        node.heldBytes = 0;
    }
}

void MqttDriver::SparkplugHost::reorderTick()
{
    const qint64 now = m_devices.mono();
    for (EdgeNode& node : m_nodes) {
        if (node.gapSinceMono < 0 || now - node.gapSinceMono < m_broker.reorderTimeoutMs)
            continue;
        // The missing message never came: take what is held, in order, then a new birth.
        node.gapSinceMono = -1;
        // In the order they were sent: by distance from the seq awaited, across the wrap.
        std::vector<std::pair<int, std::tuple<int, QByteArray, QString, QByteArray>>> held(
            std::make_move_iterator(node.held.begin()), std::make_move_iterator(node.held.end()));
        const int from = node.expectedSeq;
        std::sort(held.begin(), held.end(), [from](const auto& a, const auto& b) {
            return (a.first - from + SeqModulo) % SeqModulo <
                   (b.first - from + SeqModulo) % SeqModulo;
        });
        node.held.clear();
        node.heldBytes = 0;
        for (auto& [seq, message] : held) {
            auto& [t, topic, deviceId, bytes] = message;
            node.expectedSeq = seq;
            process(node, t, topic, deviceId, bytes);
        }
        requestRebirth(
            node,
            GatewayDevices::tr("a seq gap unfilled for %1 ms").arg(m_broker.reorderTimeoutMs));
    }
    m_devices.flush();
}

void MqttDriver::SparkplugHost::requestRebirth(EdgeNode& node, const QString& why)
{
    const qint64 now = m_devices.mono();
    const int interval = m_devices.options().rebirthIntervalMs > 0
                             ? m_devices.options().rebirthIntervalMs
                             : m_broker.reorderTimeoutMs;
    if (now - node.rebirthAtMono < interval)
        return;
    node.rebirthAtMono = now;
    ++m_devices.stats.rebirths;
    qCInfo(lcGateway).noquote() << GatewayDevices::tr("broker %1: edge node %2/%3: %4; rebirth "
                                                      "requested")
                                       .arg(m_broker.id, node.group, node.node, why);
    Spb::Payload p;
    p.timestampMs = quint64(m_devices.clock().nowMs());
    Spb::Metric rebirth;
    rebirth.name = QStringLiteral("Node Control/Rebirth");
    rebirth.type = Spb::DataType::Boolean;
    rebirth.value = 1;
    rebirth.timestampMs = p.timestampMs;
    p.metrics.push_back(rebirth);
    const Spb::Topic topic{Spb::MessageType::NCmd, node.group, node.node, {}, {}};
    m_client->publish(Spb::topicName(topic), Spb::encode(p), 0, false);
}

void MqttDriver::SparkplugHost::write(quint64 id)
{
    GatewayDevices::PendingWrite& w = *m_devices.pendingWrite(id);
    const GatewayDevices::Device& dev = m_devices.devices()[static_cast<std::size_t>(w.device)];
    const TagDef& def = m_devices.project().tag(w.record.tag);
    const QString key = dev.settings->group + u'/' + dev.settings->node;
    EdgeNode& node = m_nodes[static_cast<std::size_t>(m_nodeOf.value(key))];
    Spb::Payload p;
    p.timestampMs = quint64(m_devices.clock().nowMs());
    Spb::Metric m;
    m.type = Spb::dataTypeOf(def.type);
    m.value = w.record.newValue;
    m.timestampMs = p.timestampMs;
    // CMD messages carry the alias when the birth gave one (§6.4.6), else the name.
    for (auto it = node.aliases.cbegin(); it != node.aliases.cend(); ++it) {
        if (it->device == w.device && it->tag == w.record.tag) {
            m.alias = it.key();
            if (it->type != Spb::DataType::Unknown)
                m.type = it->type; // the edge node's own datatype for the metric
        }
    }
    if (!m.alias)
        m.name = def.metricName();
    p.metrics.push_back(m);
    const bool isNode = dev.settings->deviceId.isEmpty();
    const Spb::Topic topic{isNode ? Spb::MessageType::NCmd : Spb::MessageType::DCmd,
                           dev.settings->group,
                           dev.settings->node,
                           dev.settings->deviceId,
                           {}};
    w.armed = true; // Sparkplug has no answer to a command: the read-back is the proof
    if (!m_client->publish(Spb::topicName(topic), Spb::encode(p), 0, false))
        m_devices.finishWrite(id, false,
                              GatewayDevices::tr("%1: cannot send to broker %2: %3")
                                  .arg(dev.name, m_broker.id, m_client->lastError()));
}

} // namespace PumpWatch::Acquisition
