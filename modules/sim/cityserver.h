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
