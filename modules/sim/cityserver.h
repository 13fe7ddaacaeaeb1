// CityServer: serves a City as the PLCs of its devices — Modbus TCP on each device's endpoint
// and Modbus RTU on pseudo-terminal lines — from one epoll loop in its own thread, and takes
// the fault commands of docs/simulator.md.
//
// Endpoints come from the project: devices sharing a "host:port" share one listener and are
// told apart by unit id (a gateway); a lone device answers any unit id, as S7-200 SMART's
// Modbus TCP server does. An RTU device's endpoint is the path of its line: the server creates
// a pty pair and links that path to the slave side, so clients open the path from the project.
// Registers are libmodbus mappings; the model writes them every tick and client writes reach
// the model. libmodbus builds and sends the replies; the server frames requests itself (see
// modbusframe.h) so no client can stall the loop.
//
// Devices of the gateway protocols (mqtt-neuron, mqtt-sparkplug) are not served as PLCs: their
// models run and take the process faults, and a ServerHook (the IoT gateways, gateways.h) reads
// them after every tick and answers the commands the server does not know.
//
// Threads: open() and the constructor on any thread, then start(); command() and stop() from
// any thread. The City belongs to the server's thread while it runs.
//
//     CityServer server(city, {.speed = 60});
//     if (!server.open(&errors)) …;
//     server.start();
//     server.command(u"burst S0003 on"_s);   // "ok"
#pragma once

#include "city.h"

#include <QCoreApplication>
#include <QStringList>

#include <atomic>
#include <memory>

namespace PumpWatch::Sim {

struct ServerOptions {
    double speed = 1.0;          ///< simulated seconds per wall-clock second
    qint64 startMs = 0;          ///< simulated time at start (UTC ms); 0: the city's time
    int tickMs = 200;            ///< model step and register refresh period
    int outageHoldupMs = 10'000; ///< a power outage: the PLC's UPS lasts this long (wall time)
};

struct ServerStats {
    quint64 requests = 0; ///< answered, exceptions included
    quint64 exceptions = 0;
    quint64 connections = 0; ///< accepted since start
};

/// Something served from the same model beside the PLCs, called in the server's thread (where
/// the City lives): the IoT gateways (GatewayPublisher, gateways.h).
class ServerHook {
public:
    virtual ~ServerHook() = default;
    /// After every model tick, and once at open(): the city at simulated time `simMs`, which
    /// was wall time `wallMs`; the clock runs at `rate` (0 paused). The hook may read the model
    /// and apply writes (City::applyWrite), never keep a reference past the call.
    virtual void afterTick(City& city, qint64 simMs, qint64 wallMs, double rate) = 0;
    /// The answer to a command line split in words, or a null QString when the verb is not the
    /// hook's (the server then says it does not know it).
    virtual QString command(const QStringList& words) = 0;
    /// Its commands, for 'help'.
    virtual QString help() const = 0;
};

class CityServer {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Sim::CityServer)

public:
    /// The commands that inject a fault (outage, burst, sensor, silence, …; docs/simulator.md).
    static const QStringList& faultCommands();

    CityServer(City& city, const ServerOptions& options);
    ~CityServer();
    CityServer(const CityServer&) = delete;
    CityServer& operator=(const CityServer&) = delete;

    /// Binds every endpoint and creates the RTU lines. False with one message per problem,
    /// naming the station, device and endpoint.
    bool open(QStringList* errors);
    /// Lines served: "S0001/low 127.0.0.1:15001" or "/tmp/…/ttyRTU0 -> /dev/pts/3 (units 1-4)".
    QStringList endpoints() const;

    /// Before open(); not owned, must outlive the server.
    void setHook(ServerHook* hook);

    void start();
    void stop();

    /// Runs one control command in the server's thread and returns its one-line answer,
    /// "ok …" or "error: …". Before start() it runs in the caller's thread.
    QString command(const QString& line);
    ServerStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace PumpWatch::Sim
