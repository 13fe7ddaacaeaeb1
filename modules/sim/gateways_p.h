// Private parts of GatewayPublisher shared by its core (gateways.cpp), the Neuron instance
// (gatewayneuron.cpp) and the Sparkplug edge nodes (gatewaysparkplug.cpp). Everything below
// `Shared` lives in the publisher's thread.
#pragma once

#include "gateways.h"

#include <core/servicethread.h>

#include <atomic>
#include <deque>
#include <mqtt/mqttclient.h>
#include <mqtt/neuron.h>
#include <mqtt/sparkplug.h>
#include <mutex>

namespace PumpWatch::Sim {

/// A tag as a gateway publishes it.
struct GatewayMetric {
    QString name;    ///< TagDef::metricName()
    int binding = 0; ///< into CityUnit::bindings
    Mqtt::Sparkplug::DataType type = Mqtt::Sparkplug::DataType::Float;
    bool isBool = false;
    bool writable = false;
    quint64 alias = 0; ///< Sparkplug: unique per edge node
};

struct GatewayDevice {
    int unit = 0; ///< into City::units()
    QString name; ///< "S0042/low"
    QString station;
    Protocol protocol = Protocol::MqttNeuron;
    int link = 0; ///< into Impl::neurons or Impl::nodes
    QString node, group, deviceId;
    int pollMs = 1000;
    Mqtt::Neuron::Format format{}; ///< Neuron
    std::vector<GatewayMetric> metrics;

    // Publisher thread:
    qint64 dueMono = 0;
    qint64 lastTs = 0;
    bool silent = false; ///< `gateway X off` (Neuron: the node says nothing)
    bool malformedNext = false;
    bool skipSeqNext = false;
    int errorCode = 0; ///< Neuron: tags published with this error
    GatewayDeviceStats stats;
};

/// One MQTT message kept while offline.
struct Kept {
    int device = 0;
    QByteArray topic;
    QByteArray payload;         ///< Neuron: the upload as it would have gone out
    qint64 ts = 0;              ///< Sparkplug: the values' time …
    std::vector<double> values; ///< … and the values, per GatewayMetric
};

/// The Neuron instance on one broker.
struct NeuronLink {
    int broker = 0;
    std::vector<int> devices;
    Mqtt::Client* client = nullptr;
    std::deque<Kept> cache;
};

/// One Sparkplug edge node (group/node) and its devices.
struct EdgeNode {
    int broker = 0;
    QString group, node;
    std::vector<int> devices; ///< the node's own metrics' device (deviceId empty) first
    Mqtt::Client* client = nullptr;
    std::shared_ptr<std::atomic<quint64>> connects = std::make_shared<std::atomic<quint64>>(0);
    quint64 bdSeq = 0;
    int seq = 0; ///< of the next message
    bool off = false;
    bool born = false;       ///< births published in this session
    bool hostOnline = false; ///< the primary host's STATE, as last seen
    bool birthsSeenByHost = false;
    qint64 hostStateTs = -1;
    /// The host's STATE as it stood when our last session ended: the same retained STATE after a
    /// reconnect may be a broker's restored copy (a crash) while the host is not back yet.
    qint64 previousStateTs = -1;
    bool holdFlush = false; ///< births sent, what was kept waits for the host to speak again
    std::deque<Kept> stored;
};

struct GatewayPublisher::Impl {
    const City& city;
    const Project& project;
    GatewayOptions options;
    std::vector<GatewayDevice> devices;
    std::vector<NeuronLink> neurons;
    std::vector<EdgeNode> nodes;
    ServiceThread thread{QStringLiteral("gateways")};
    bool linkDown = false;              ///< `gateway-link off`
    std::vector<std::size_t> keptCount; ///< per device: its messages in a cache or store

    /// Written by the server's thread after each tick, read by the publisher's.
    struct Shared {
        std::mutex mutex;
        qint64 simMs = 0, wallMs = 0;
        double rate = 1.0;
        std::vector<std::vector<double>> values; ///< per device, per metric
        struct Write {
            int device, metric;
            double value;
        };
        std::vector<Write> writes; ///< to apply at the next tick
    } shared;

    Impl(const City& c, const GatewayOptions& o);

    // gateways.cpp
    void setUp();
    void tearDown();
    void poll();
    void queueWrite(int device, int metric, double value);
    std::size_t cacheLimit(int device) const;
    /// Keeps `k` in `queue`, dropping the oldest of its device when full.
    void keep(std::deque<Kept>& queue, Kept k);
    /// The oldest message of `queue`, leaving it.
    Kept take(std::deque<Kept>& queue);
    QString command(const QStringList& w);
    Mqtt::ClientOptions clientOptions(int broker, const QString& clientId) const;

    // gatewayneuron.cpp
    void openNeuron(NeuronLink& link);
    void publishNeuron(GatewayDevice& dev, qint64 ts, const std::vector<double>& values);
    void replayNeuron(NeuronLink& link);
    void neuronWrite(NeuronLink& link, const Mqtt::Message& m);

    // gatewaysparkplug.cpp
    void openNode(EdgeNode& node);
    void nodeConnected(EdgeNode& node);
    void birth(EdgeNode& node);
    void publishSparkplug(GatewayDevice& dev, qint64 ts, const std::vector<double>& values);
    void flushStored(EdgeNode& node);
    void nodeMessage(EdgeNode& node, const Mqtt::Message& m);
    QByteArray dataTopic(const GatewayDevice& dev, Mqtt::Sparkplug::MessageType type) const;
    QByteArray stateTopic(const EdgeNode& node) const;
};

} // namespace PumpWatch::Sim
