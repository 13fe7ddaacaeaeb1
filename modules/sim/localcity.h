// LocalCity: a simulated city served in-process on loopback, so a program polls real Modbus TCP
// servers exactly as it would poll PLCs: `pumpwatch --demo`, and tests of the workstation. A
// project's gateway devices (mqtt-neuron, mqtt-sparkplug) are published to their brokers
// (GatewayPublisher, gateways.h). Each
// device gets a free port first (several demos, or a demo beside pumpwatch-sim, do not collide).
//
//     LocalCity::assignFreePorts(project, &error);     // before anything reads the endpoints
//     const qint64 now = clock.nowMs();
//     LocalCity city(project, now, LocalCity::anchorMs(project, now));
//     Backfill::samples(project, LocalCity::Seed, LocalCity::backfillOptions(project, now), …);
//     city.start(&error);
//     city.command(u"outage S0001 on"_s);               // docs/simulator.md
#pragma once

#include "backfill.h"
#include "city.h"
#include "cityserver.h"

#include <core/project.h>

#include <QCoreApplication>

#include <memory>

namespace PumpWatch::Sim {

class GatewayPublisher;

class LocalCity {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Sim::LocalCity)

public:
    static constexpr quint32 Seed = 1;

    /// Points every TCP device of `project` at a free loopback port.
    static bool assignFreePorts(Project& project, QString* error);

    /// Where the demo's model starts for a start at `nowMs`: local midnight in the project's
    /// zone, or six hours before when that is earlier (the sparklines' window), on the
    /// backfill's five-minute grid.
    static qint64 anchorMs(const Project& project, qint64 nowMs);
    /// The history a new demo database starts with, for a start at `nowMs`: from anchorMs()
    /// every five minutes, the last six hours every minute, until a minute before `nowMs` — the
    /// run of the model that a LocalCity from the same anchor continues.
    static BackfillOptions backfillOptions(const Project& project, qint64 nowMs);

    /// The model runs from `anchorMs` (default: now) and is advanced to `nowMs` before it
    /// serves. A backfill from the same anchor (backfillOptions()) ends on the state this city
    /// passes through at the backfill's last instant — the model's sub-steps fall on the same
    /// instants (PumpHouse::step) — so the live meters continue the history's exactly, where two
    /// starts would each restart the meters.
    LocalCity(const Project& project, qint64 nowMs, qint64 anchorMs = 0);
    ~LocalCity();
    LocalCity(const LocalCity&) = delete;
    LocalCity& operator=(const LocalCity&) = delete;

    bool start(QString* error);
    /// A fault command of docs/simulator.md ("burst S0003 on"); the server's answer.
    QString command(const QString& line);
    /// The model, for reading before start(): then the server's thread steps it.
    const City& city() const { return m_city; }
    /// The IoT gateways once started, if the project has gateway devices (their stats()).
    GatewayPublisher* gateways() const;

private:
    City m_city;
    std::unique_ptr<GatewayPublisher> m_gateways; ///< outlives m_server, whose hook it is
    std::unique_ptr<CityServer> m_server;
};

} // namespace PumpWatch::Sim
