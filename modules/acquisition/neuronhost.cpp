// The host side of EMQ Neuron gateways on one broker (PROTOCOLS.md §2): uploads in format 0 or
// 1 mapped onto devices by node and group, replays recognised by their timestamps, error codes
// as bad quality with the code named, writes through Neuron's write request and response.
#include "mqttdriver_p.h"

#include <QLoggingCategory>
#include <QUuid>

#include <cstring>
#include <mqtt/neuron.h>

namespace PumpWatch::Acquisition {

Q_DECLARE_LOGGING_CATEGORY(lcGateway)

namespace {

QString nodeGroup(const QString& node, const QString& group)
{
    return node + u'\n' + group;
}

/// Neuron's codes for a device or link that does not answer make the value a comm failure;
/// the others (a tag that does not exist, a wrong type, …) are configuration errors.
Quality qualityOfError(int code)
{
    return code >= 3000 && code < 4000 ? Quality::BadCommFailure : Quality::BadConfigError;
}

/// QString's operator== goes through the general compareStrings() in Qt 6.4; names are equal
/// only when their UTF-16 is.
bool sameName(const QString& a, const QString& b)
{
    return a.size() == b.size() &&
           std::memcmp(a.constData(), b.constData(), std::size_t(a.size()) * sizeof(QChar)) == 0;
}

} // namespace

MqttDriver::NeuronHost::NeuronHost(GatewayDevices& devices, const BrokerSettings& broker)
    : Host(devices, broker, Protocol::MqttNeuron)
{
    for (int d : m_served) {
        const DeviceSettings& s = *devices.devices()[static_cast<std::size_t>(d)].settings;
        m_deviceOf.insert(nodeGroup(s.node, s.group), d);
    }
    m_tagOrder.resize(devices.devices().size());
    // A persistent session: while we are away the broker keeps what gateways send at QoS 1.
    m_client = std::make_unique<Mqtt::Client>(
        clientOptions(broker.clientId + QStringLiteral("-neuron"), false));
}

void MqttDriver::NeuronHost::subscribe()
{
    for (const QString& topic : m_broker.neuronTopics)
        m_client->subscribe(topic.toUtf8(), m_broker.qos);
    m_client->subscribe(m_broker.writeResponseTopic.toUtf8(), m_broker.qos);
}

void MqttDriver::NeuronHost::handle(const Mqtt::Message& message)
{
    if (message.topic == m_broker.writeResponseTopic.toUtf8())
        response(message);
    else
        upload(message);
}

void MqttDriver::NeuronHost::upload(const Mqtt::Message& message)
{
    Mqtt::Neuron::Upload u;
    QString error;
    if (!Mqtt::Neuron::parseUpload(message.payload, &u, &error)) {
        badPayload(message.topic, u.node.isEmpty() ? QStringLiteral("?") : u.node, error);
        return;
    }
    const int d = m_deviceOf.value(nodeGroup(u.node, u.group), -1);
    if (d < 0) {
        ++m_devices.stats.unknownSources;
        const QString key = nodeGroup(u.node, u.group);
        if (!m_unknown.contains(key) && m_unknown.size() < 1000) {
            m_unknown.insert(key);
            qCInfo(lcGateway).noquote()
                << GatewayDevices::tr("broker %1: Neuron node '%2' group '%3' is not in the "
                                      "project; its messages are ignored")
                       .arg(m_broker.id, u.node, u.group);
        }
        return;
    }
    GatewayDevices::Device& dev = m_devices.devices()[static_cast<std::size_t>(d)];
    // Neuron marks nothing as a replay: a message not newer than the last live one of its node
    // and group, or older than the live window, is its offline cache speaking.
    const qint64 now = m_devices.clock().nowMs();
    const bool historical = u.timestampMs <= dev.lastLiveTsMs ||
                            u.timestampMs < now - qint64(m_broker.liveWindowS) * 1000;
    if (!historical)
        dev.lastLiveTsMs = u.timestampMs;
    int known = 0; // tags of ours in the message
    int errors = 0;
    int firstError = 0;
    // A gateway sends a device's tags in the same order every time (format 0: sorted by name),
    // so each position's name is looked up once and afterwards only compared: hashing 37 names
    // a message cost as much as parsing it (bench_gateways).
    std::vector<std::pair<QString, TagId>>& order = m_tagOrder[static_cast<std::size_t>(d)];
    order.resize(u.tags.size());
    for (std::size_t k = 0; k < u.tags.size(); ++k) {
        const Mqtt::Neuron::TagValue& t = u.tags[k];
        if (order[k].first.isNull() || !sameName(order[k].first, t.name)) {
            const auto it = dev.tagOfMetric.constFind(t.name);
            // The project's string where there is one: the cache adds no copies of names.
            order[k] = it == dev.tagOfMetric.cend() ? std::pair{t.name, InvalidTagId}
                                                    : std::pair{it.key(), it.value()};
        }
        const TagId tag = order[k].second;
        if (tag == InvalidTagId) {
            ++m_devices.stats.unknownTags;
            continue;
        }
        ++known;
        if (t.error != 0) {
            ++m_devices.stats.tagErrors;
            if (errors++ == 0)
                firstError = t.error;
            if (!historical)
                m_devices.value(d, tag, u.timestampMs, dev.last[tag - dev.firstTag],
                                qualityOfError(t.error), false);
            continue;
        }
        if (t.kind == Mqtt::Neuron::ValueKind::String) {
            badPayload(message.topic, u.node,
                       GatewayDevices::tr("tag '%1' has a text value, not a number").arg(t.name));
            continue;
        }
        m_devices.value(d, tag, u.timestampMs, t.value, Quality::Good, historical);
    }
    if (historical)
        return;
    if (errors > 0 && errors == known)
        m_devices.setState(d, CommState::Offline,
                           GatewayDevices::tr("Neuron %1 %2")
                               .arg(firstError)
                               .arg(Mqtt::Neuron::errorText(firstError)),
                           qualityOfError(firstError));
    else
        m_devices.heard(d);
}

void MqttDriver::NeuronHost::response(const Mqtt::Message& message)
{
    Mqtt::Neuron::WriteResponse r;
    QString error;
    if (!Mqtt::Neuron::parseWriteResponse(message.payload, &r, &error)) {
        badPayload(message.topic, QStringLiteral("?"), error);
        return;
    }
    const quint64 id = m_devices.writeOfRequest(r.uuid);
    GatewayDevices::PendingWrite* w = id ? m_devices.pendingWrite(id) : nullptr;
    if (!w)
        return; // another host's request, or one that already timed out
    if (r.error != 0) {
        m_devices.finishWrite(id, false,
                              GatewayDevices::tr("%1: Neuron refused the write: %2 %3")
                                  .arg(m_devices.project().tagPath(w->record.tag))
                                  .arg(r.error)
                                  .arg(Mqtt::Neuron::errorText(r.error)));
        return;
    }
    w->armed = true; // accepted: the next live value of the tag is its read-back
}

void MqttDriver::NeuronHost::write(quint64 id)
{
    GatewayDevices::PendingWrite& w = *m_devices.pendingWrite(id);
    const GatewayDevices::Device& dev = m_devices.devices()[static_cast<std::size_t>(w.device)];
    const TagDef& def = m_devices.project().tag(w.record.tag);
    w.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Mqtt::Neuron::WriteRequest request;
    request.uuid = w.requestId;
    request.node = dev.settings->node;
    request.group = dev.settings->group;
    request.tags.push_back({def.metricName(),
                            w.record.newValue,
                            {},
                            def.type == DataType::Bool ? Mqtt::Neuron::ValueKind::Bool
                                                       : Mqtt::Neuron::ValueKind::Number});
    // QoS 0 (libmosquitto sends an unacknowledged QoS 1 message again after a reconnect, which
    // could run a command late: the response and the read-back tell whether it arrived) and an
    // expiry for the broker's own queue.
    if (!m_client->publish(m_broker.writeTopic.toUtf8(), Mqtt::Neuron::encodeWriteRequest(request),
                           0, false, std::max(1, m_broker.writeTimeoutMs / 1000)))
        m_devices.finishWrite(id, false,
                              GatewayDevices::tr("%1: cannot send to broker %2: %3")
                                  .arg(dev.name, m_broker.id, m_client->lastError()));
}

} // namespace PumpWatch::Acquisition
