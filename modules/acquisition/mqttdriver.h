// MqttDriver: the host side of IoT gateways — EMQ Neuron (JSON) and Sparkplug B edge nodes —
// on the MQTT brokers of the project (docs/project-format.md § Brokers; PROTOCOLS.md §1–2).
//
// - One connection per broker and protocol (libmosquitto's network thread, see mqtt/mqttclient.h;
//   messages reach this driver in batches on the acquisition thread). A Neuron connection keeps
//   a persistent session so the broker holds QoS 1 messages while we are away; the Sparkplug
//   host connects clean and announces itself with its retained STATE (3.0 JSON or 2.2 strings).
// - A gateway's messages map onto project devices by Neuron node and group, or Sparkplug group,
//   edge node and device; their tags by TagDef::metricName(). Values arrive in the tag's unit
//   (a gateway scales them itself): `scale` is for Modbus registers and is not applied here.
// - History, not live: a Sparkplug metric flagged is_historical, and a Neuron message whose
//   timestamp is not newer than the last live one of its node and group, or older than the
//   broker's liveWindowS (a replay of the gateway's offline cache). Such samples go to history
//   only (Sample::historical): never to live values or alarm transitions.
// - Comm status: a device is Online while its gateway speaks (a Neuron upload, a Sparkplug
//   birth), Offline on a death certificate, on silence (a Neuron device: three polls), on an
//   error code for every tag (named, e.g. "Neuron 3015 设备无响应"), and when its broker is lost
//   — then every one of its tags is published UncertainStale with its last value.
// - Sparkplug: seq checked per edge node (a gap waits reorderTimeoutMs for the missing message,
//   then asks for a rebirth), NDEATH honoured only with the bdSeq of the current NBIRTH, aliases
//   from NBIRTH/DBIRTH, a rebirth asked for data before birth, unknown aliases and malformed
//   payloads (at most once per reorder timeout per node).
// - Bad payloads are counted and logged with the broker, gateway and topic; nothing crashes.
// - write(): Neuron's write request (its response checked) or a Sparkplug NCMD/DCMD, then the
//   value read back from the gateway's next live message; no read-back within the broker's
//   writeTimeoutMs fails the write.
//
// Not thread-safe: lives in the acquisition thread (AcquisitionService creates it there).
#pragma once
#include "driver.h"

#include <core/clock.h>
#include <core/project.h>
#include <core/stationset.h>

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace PumpWatch::Acquisition {

struct MqttDriverOptions {
    int silencePolls = 3;      ///< a Neuron device silent this many polls is offline …
    int minSilenceMs = 5000;   ///< … but never sooner than this
    int rebirthIntervalMs = 0; ///< between rebirth requests to one node; 0: reorderTimeoutMs
    qsizetype maxMessageBytes = 1 << 20; ///< larger messages are dropped and counted
    StationSet stations;                 ///< AcquisitionOptions::stations
};

struct MqttDriverStats {
    quint64 messages = 0;       ///< MQTT messages received from gateways
    quint64 samples = 0;        ///< samples published (live and historical)
    quint64 historical = 0;     ///< of which history only (replays, is_historical)
    quint64 badPayloads = 0;    ///< malformed JSON, truncated protobuf, wrong types, too large
    quint64 unknownSources = 0; ///< messages from a node/group or edge node not in the project
    quint64 unknownTags = 0;    ///< values of tags or aliases the device does not have
    quint64 tagErrors = 0;      ///< values a gateway reported as an error code
    quint64 births = 0;         ///< NBIRTH and DBIRTH taken
    quint64 deaths = 0;         ///< NDEATH and DDEATH taken
    quint64 staleDeaths = 0;    ///< NDEATH ignored: its bdSeq is not the current birth's
    quint64 seqGaps = 0;
    quint64 dropped = 0;  ///< Sparkplug messages not held behind a gap (no room, no seq)
    quint64 rebirths = 0; ///< Rebirth NCMDs sent
    quint64 brokerLosses = 0;
    quint64 writes = 0;
};

class GatewayDevices;

class MqttDriver : public Driver {
    Q_OBJECT

public:
    MqttDriver(const Project& project, const Clock& clock, AcquisitionSink& sink,
               const MqttDriverOptions& options = {}, QObject* parent = nullptr);
    ~MqttDriver() override;

    bool handles(Protocol protocol) const override { return isMqtt(protocol); }
    void start() override;
    void stop() override;
    quint64 write(TagId tag, double value, const QString& user, WriteDone done = {}) override;
    CommStatus deviceStatus(int station, int device) const override;

    MqttDriverStats stats() const;
    std::vector<BrokerStatus> brokerStatuses() const;

private:
    class Host;
    class NeuronHost;
    class SparkplugHost;
    std::unique_ptr<GatewayDevices> m_devices;
    std::vector<std::unique_ptr<Host>> m_hosts;
    bool m_running = false;
};

} // namespace PumpWatch::Acquisition
