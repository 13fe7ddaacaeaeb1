// Inside MqttDriver: the devices gateways bring (shared by every broker connection) and the
// hosts — one per broker and protocol — that turn MQTT messages into their samples.
#pragma once
#include "mqttdriver.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <functional>
#include <mqtt/mqttclient.h>
#include <unordered_map>

namespace PumpWatch::Acquisition {

/// The project's gateway devices, their values, comm status and pending writes. Hosts call it
/// while they process a batch of messages, then flush() once.
class GatewayDevices {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Acquisition::MqttDriver)

public:
    struct Device {
        int station = 0;
        int device = 0;
        QString name; ///< "S0001/low"
        const DeviceSettings* settings = nullptr;
        TagId firstTag = 0;
        quint32 tagCount = 0;
        QHash<QString, TagId> tagOfMetric; ///< TagDef::metricName() → tag
        std::vector<double> last;          ///< last live value per tag; NaN: none yet
        CommState state = CommState::Unknown;
        QString lastError;
        qint64 sinceMs = 0;
        qint64 liveAtMono = -1;  ///< when it last sent a live value (monotonic ms)
        qint64 lastLiveTsMs = 0; ///< the newest live timestamp (Neuron's backfill rule)
        qint64 lastSampleMs = 0; ///< the newest live sample's timestamp, any tag
        int silenceMs = 0;       ///< Neuron: offline after this long without a message; 0 never
        /// Not heard from since its broker connected: offline when this (monotonic ms) passes
        /// (a mistyped node, an edge node that never births). -1: not waiting.
        qint64 expectByMono = -1;
    };

    struct PendingWrite {
        WriteRecord record;
        WriteDone done;
        int device = -1;
        qint64 deadlineMono = 0;
        bool armed = false; ///< the command went out (and was accepted): values now read back
        QString requestId;  ///< Neuron's uuid
        std::function<void()> onTimeout;
    };

    GatewayDevices(const Project& project, const Clock& clock, AcquisitionSink& sink,
                   const MqttDriverOptions& options);

    const Project& project() const { return m_project; }
    const Clock& clock() const { return m_clock; }
    const MqttDriverOptions& options() const { return m_options; }
    std::vector<Device>& devices() { return m_devices; }
    const std::vector<Device>& devices() const { return m_devices; }
    /// Index among devices() of a project device, or -1 (not a gateway's).
    int find(int station, int device) const;
    /// Index of the device serving `tag`, or -1.
    int deviceOfTag(TagId tag) const;
    qint64 mono() const { return m_mono.elapsed(); }

    /// Queues a value of a device's tag; live values also become the device's last values.
    void value(int device, TagId tag, qint64 timestampMs, double value, Quality quality,
               bool historical);
    /// The device's state; going offline publishes each of its tags `quality` (UncertainStale
    /// for a lost broker or a death certificate) with its last value, stamped `atMs` (0: now;
    /// a DDEATH's own timestamp, §5.7).
    void setState(int device, CommState state, const QString& reason,
                  Quality offlineQuality = Quality::UncertainStale, qint64 atMs = 0);
    /// A live message from the device: Online, and its silence clock restarts.
    void heard(int device);
    /// Its broker connected: a device not heard from within `withinMs` goes offline.
    void expect(int device, int withinMs);
    /// Hands the queued samples to the sink.
    void flush();
    /// Devices silent too long go offline; writes past their deadline fail.
    void tick();

    quint64 startWrite(TagId tag, double value, const QString& user, WriteDone done);
    PendingWrite* pendingWrite(quint64 id);
    /// The write whose Neuron uuid is `requestId`, or 0.
    quint64 writeOfRequest(const QString& requestId) const;
    void finishWrite(quint64 id, bool ok, const QString& error);
    void failAllWrites(const QString& error);

    MqttDriverStats stats;
    std::function<void(const BrokerStatus&)> brokerStatusChanged;

private:
    void readBack(TagId tag, double value);

    const Project& m_project;
    const Clock& m_clock;
    AcquisitionSink& m_sink;
    MqttDriverOptions m_options;
    QElapsedTimer m_mono;
    std::vector<Device> m_devices;
    QHash<quint64, int> m_index; ///< station << 16 | device → index
    std::vector<Sample> m_batch;
    std::unordered_map<quint64, PendingWrite> m_writes;
    quint64 m_nextWrite = 0;
};

/// One broker connection for one protocol: its client, and the devices it serves.
class MqttDriver::Host : public QObject {
    Q_OBJECT

public:
    Host(GatewayDevices& devices, const BrokerSettings& broker, Protocol protocol);
    ~Host() override;

    Protocol protocol() const { return m_protocol; }
    const BrokerSettings& broker() const { return m_broker; }
    bool serves(int device) const;
    virtual void start();
    virtual void stop();
    /// Sends the pending write `id` (its record names the tag and value).
    virtual void write(quint64 id) = 0;
    BrokerStatus status() const { return m_status; }
    /// Messages the client refused as too large (logged there with their topic).
    quint64 oversized() const { return m_client ? m_client->stats().dropped : 0; }

protected:
    virtual void subscribe() = 0;
    virtual void onConnected() {}
    virtual void handle(const Mqtt::Message& message) = 0;
    Mqtt::ClientOptions clientOptions(const QString& clientId, bool cleanSession) const;
    /// How long after the broker connects a device of ours may stay unheard.
    int expectWithinMs(int device) const;
    /// "iot/S0001-low/grp: " for logs.
    void badPayload(const QByteArray& topic, const QString& gateway, const QString& why);

    GatewayDevices& m_devices;
    BrokerSettings m_broker;
    Protocol m_protocol;
    std::vector<int> m_served; ///< indexes into m_devices.devices()
    std::unique_ptr<Mqtt::Client> m_client;

private:
    void connectionChanged(bool connected, const QString& reason);

    BrokerStatus m_status;
    std::optional<bool> m_reported; ///< what the sink was last told (nothing before the first)
    QSet<QString> m_logged;         ///< problems already logged once
};

class MqttDriver::NeuronHost final : public MqttDriver::Host {
    Q_OBJECT

public:
    NeuronHost(GatewayDevices& devices, const BrokerSettings& broker);
    void write(quint64 id) override;

protected:
    void subscribe() override;
    void handle(const Mqtt::Message& message) override;

private:
    void upload(const Mqtt::Message& message);
    void response(const Mqtt::Message& message);

    QHash<QString, int> m_deviceOf; ///< "node\ngroup" → device
    QSet<QString> m_unknown;        ///< node/group pairs logged once
    /// Per device, the tag names of its last upload in their order and their tags (see upload()).
    std::vector<std::vector<std::pair<QString, TagId>>> m_tagOrder;
};

class MqttDriver::SparkplugHost final : public MqttDriver::Host {
    Q_OBJECT

public:
    SparkplugHost(GatewayDevices& devices, const BrokerSettings& broker);
    ~SparkplugHost() override;
    void stop() override;
    void write(quint64 id) override;

protected:
    void subscribe() override;
    void onConnected() override;
    void handle(const Mqtt::Message& message) override;

private:
    struct EdgeNode;
    void process(EdgeNode& node, int type, const QByteArray& topic, const QString& deviceId,
                 const QByteArray& payload);
    void reorderTick();
    void requestRebirth(EdgeNode& node, const QString& why);
    QByteArray stateTopic() const;
    QByteArray statePayload(bool online) const;

    std::vector<EdgeNode> m_nodes;
    QHash<QString, int> m_nodeOf; ///< "group/node" → m_nodes index
    QSet<QString> m_unknown;
    qint64 m_stateMs = 0; ///< the timestamp of our STATE birth and Will
    QTimer m_reorder;
};

} // namespace PumpWatch::Acquisition
