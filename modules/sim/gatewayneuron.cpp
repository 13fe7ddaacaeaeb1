// GatewayPublisher as EMQ Neuron (PROTOCOLS.md §2): one MQTT connection per broker, an upload
// per device every pollMs, write requests applied to the model and answered, and the offline
// cache: uploads kept while the broker is away, replayed unchanged (their collection times)
// after the reconnect, paced like Neuron's cache-sync-interval, while live uploads go on.
#include "gateways_p.h"

namespace PumpWatch::Sim {
namespace {

namespace Neuron = Mqtt::Neuron;

// Neuron's error codes (include/neuron/errcodes.h) for a write it cannot place.
constexpr int NodeNotExist = 2003;
constexpr int GroupNotExist = 2106;
constexpr int TagNotExist = 2201;
constexpr int TagNotWritable = 3004;

} // namespace

void GatewayPublisher::Impl::openNeuron(NeuronLink& link)
{
    link.client = new Mqtt::Client(
        clientOptions(link.broker, QStringLiteral("pumpwatch-sim-neuron")), thread.context());
    if (link.broker < static_cast<int>(project.brokers.size()))
        link.client->subscribe(
            project.brokers[static_cast<std::size_t>(link.broker)].writeTopic.toUtf8(), 0);
    NeuronLink* l = &link;
    link.client->setMessageHandler([this, l](std::span<const Mqtt::Message> batch) {
        for (const Mqtt::Message& m : batch)
            neuronWrite(*l, m);
    });
    if (!linkDown) // `gateway-link off` before the start: it stays down
        link.client->open();
}

void GatewayPublisher::Impl::publishNeuron(GatewayDevice& dev, qint64 ts,
                                           const std::vector<double>& values)
{
    if (dev.silent)
        return;
    NeuronLink& link = neurons[static_cast<std::size_t>(dev.link)];
    Neuron::Upload u;
    u.timestampMs = ts;
    u.node = dev.node;
    u.group = dev.group;
    for (std::size_t i = 0; i < dev.metrics.size(); ++i) {
        const GatewayMetric& m = dev.metrics[i];
        Neuron::TagValue t;
        t.name = m.name;
        t.kind = m.isBool ? Neuron::ValueKind::Bool : Neuron::ValueKind::Number;
        if (dev.errorCode != 0)
            t.error = dev.errorCode;
        else
            t.value = values[i];
        u.tags.push_back(t);
    }
    QByteArray payload = Neuron::encodeUpload(u, dev.format);
    if (dev.malformedNext) { // cut in the middle: not JSON
        payload.truncate(payload.size() / 2);
        dev.malformedNext = false;
    }
    const QByteArray topic =
        QByteArrayLiteral("/neuron/pumpwatch-sim/") + dev.node.toUtf8() + u'/' + dev.group.toUtf8();
    const int index = static_cast<int>(&dev - devices.data());
    if (!linkDown && link.client->isConnected() && link.client->publish(topic, payload, 0)) {
        ++dev.stats.messages;
        dev.stats.values += u.tags.size();
        return;
    }
    keep(link.cache, {index, topic, payload, ts, {}});
}

void GatewayPublisher::Impl::replayNeuron(NeuronLink& link)
{
    if (linkDown || !link.client || !link.client->isConnected())
        return;
    for (int n = 0; n < options.replayPerTick && !link.cache.empty(); ++n) {
        const Kept& k = link.cache.front();
        if (!link.client->publish(k.topic, k.payload, 0))
            return;
        ++devices[static_cast<std::size_t>(k.device)].stats.replayed;
        take(link.cache);
    }
}

void GatewayPublisher::Impl::neuronWrite(NeuronLink& link, const Mqtt::Message& m)
{
    Neuron::WriteRequest request;
    QString why;
    if (!Neuron::parseWriteRequest(m.payload, &request, &why) ||
        link.broker >= static_cast<int>(project.brokers.size()))
        return; // without a uuid there is no one to answer
    const BrokerSettings& broker = project.brokers[static_cast<std::size_t>(link.broker)];
    auto answer = [&](int code) {
        link.client->publish(broker.writeResponseTopic.toUtf8(),
                             Neuron::encodeWriteResponse({request.uuid, code}), 0);
    };
    int device = -1;
    bool nodeKnown = false;
    for (int i : link.devices) {
        const GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
        nodeKnown = nodeKnown || dev.node == request.node;
        if (dev.node == request.node && dev.group == request.group && !dev.silent)
            device = i;
    }
    if (device < 0) {
        answer(nodeKnown ? GroupNotExist : NodeNotExist);
        return;
    }
    // Every tag must exist and be writable before any is written, as Neuron checks the request.
    const GatewayDevice& dev = devices[static_cast<std::size_t>(device)];
    std::vector<std::pair<int, double>> writes;
    for (const Neuron::WriteValue& v : request.tags) {
        const auto it = std::find_if(dev.metrics.begin(), dev.metrics.end(),
                                     [&](const GatewayMetric& g) { return g.name == v.tag; });
        if (it == dev.metrics.end()) {
            answer(TagNotExist);
            return;
        }
        if (!it->writable) {
            answer(TagNotWritable);
            return;
        }
        writes.emplace_back(static_cast<int>(it - dev.metrics.begin()), v.value);
    }
    for (const auto& [metric, value] : writes)
        queueWrite(device, metric, value);
    answer(0);
}

} // namespace PumpWatch::Sim
