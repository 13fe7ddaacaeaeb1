// GatewayPublisher: the simulated city's IoT gateways. Every device whose protocol is
// mqtt-neuron or mqtt-sparkplug is published to its broker (the project's `brokers`) from the
// same model the Modbus PLCs show, as EMQ Neuron and Sparkplug B edge nodes do it
// (PROTOCOLS.md §1–2, docs/simulator.md § Gateways):
//
// - Neuron: one connection per broker (client id `pumpwatch-sim-neuron`), each device an upload
//   of node/group every pollMs on `/neuron/pumpwatch-sim/<node>/<group>`, QoS 0, format 0 (1 for
//   every other device of the broker), write requests answered {uuid, error}; an offline cache
//   (an hour of uploads) replayed unchanged after a reconnect, 20 messages per 100 ms.
// - Sparkplug B: one connection per edge node (group/node) with its NDEATH Will (bdSeq grows per
//   CONNECT), NBIRTH/DBIRTH with aliases, DDATA by alias every pollMs, seq 0..255, rebirth on
//   NCMD, NCMD/DCMD writes; store and forward (is_historical) while the primary host's STATE
//   is not online or the broker is away.
//
// Values are City::shownValue() of each bound tag (engineering units, float32 rounding
// included), named TagDef::metricName(); tags the model does not know are left out. Writes are
// applied to the model at the next tick, like Modbus writes (City::applyWrite).
//
// Threads: the publisher is the CityServer's hook (afterTick() and command() in the server's
// thread, copying values into a mutex-guarded snapshot); its MQTT clients and timers live on a
// thread of its own (ServiceThread). Construct it before the server opens:
//
//     GatewayPublisher gateways(city);
//     server.setHook(&gateways);
//     server.open(&errors);
//     gateways.start();
//     server.start();
//     server.command(u"gateway S0042 off"_s);     // "ok"
//     gateways.stats();                           // per device counts
//     gateways.stop();                            // before the server is destroyed
#pragma once

#include "cityserver.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace PumpWatch::Sim {

struct GatewayOptions {
    int cacheSeconds = 3600; ///< offline cache / store and forward: this much data per device
    int replayPerTick = 20;  ///< Neuron's cache replay: messages per 100 ms (cache-sync-interval)
    int birthWaitMs = 300;   ///< after a CONNECT, wait this long for the host's STATE to birth
    /// After a reconnect, the retained STATE the node saw before may be stale (a broker restores
    /// it after a crash, before the host is back): what was kept is flushed only when the host
    /// publishes a newer STATE, or this long after the births.
    int staleStateGraceMs = 10'000;
};

/// What one gateway device did since start.
struct GatewayDeviceStats {
    QString name;         ///< "S0042/low"
    QString protocol;     ///< "mqtt-neuron", "mqtt-sparkplug"
    quint64 messages = 0; ///< live uploads / DDATA (NDATA) published
    quint64 values = 0;   ///< values in them (errors included)
    quint64 cached = 0;   ///< messages kept while offline (Neuron cache, store and forward)
    quint64 replayed = 0; ///< of those, published later (Neuron replay, historical DDATA)
    quint64 dropped = 0;  ///< of those, dropped because the cache was full
    quint64 births = 0;   ///< NBIRTH (node device) or DBIRTH published
    quint64 rebirths = 0; ///< births asked for by an NCMD Rebirth
    quint64 writes = 0;   ///< writes taken (Neuron write requests, NCMD/DCMD metrics)
    quint64 connects = 0; ///< sessions of its connection
    quint64 bdSeq = 0;    ///< Sparkplug: of the current session
};

class GatewayPublisher : public ServerHook {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Sim::GatewayPublisher)

public:
    /// The project's gateway devices of `city`, read now; nothing connects before start().
    explicit GatewayPublisher(const City& city, const GatewayOptions& options = {});
    ~GatewayPublisher() override;
    GatewayPublisher(const GatewayPublisher&) = delete;
    GatewayPublisher& operator=(const GatewayPublisher&) = delete;

    /// "S0042/low mqtt-neuron 127.0.0.1:1883 node=S0042-low group=pumphouse", one per device.
    QStringList endpoints() const;
    int deviceCount() const;

    /// Starts the publisher's thread and connects to the brokers (in the background).
    void start();
    /// Disconnects (Sparkplug edge nodes cleanly, without their NDEATH Will) and ends the thread.
    void stop();

    /// Per gateway device, in project order.
    std::vector<GatewayDeviceStats> stats() const;

    // ServerHook
    void afterTick(City& city, qint64 simMs, qint64 wallMs, double rate) override;
    QString command(const QStringList& words) override;
    QString help() const override;

    struct Impl;

private:
    std::unique_ptr<Impl> d;
};

} // namespace PumpWatch::Sim
