// LocalCity: a simulated city served in-process on loopback, so a program polls real Modbus TCP
// servers exactly as it would poll PLCs: `pumpwatch --demo`, and tests of the workstation. Each
// device gets a free port first (several demos, or a demo beside pumpwatch-sim, do not collide).
//
//     LocalCity::assignFreePorts(project, &error);     // before anything reads the endpoints
//     LocalCity city(project, clock.nowMs());
//     city.start(&error);
//     city.command(u"outage S0001 on"_s);               // docs/simulator.md
#pragma once

#include "city.h"
#include "cityserver.h"

#include <core/project.h>

#include <QCoreApplication>

#include <memory>

namespace PumpWatch::Sim {

class LocalCity {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Sim::LocalCity)

public:
    static constexpr quint32 Seed = 1;

    /// Points every TCP device of `project` at a free loopback port.
    static bool assignFreePorts(Project& project, QString* error);

    /// The model runs from `anchorMs` (default: now) and is advanced to `nowMs` before it
    /// serves: a backfill from the same anchor (e.g. local midnight) ends on meter readings the
    /// live city continues from closely (the model's sub-steps fall differently, well under a
    /// cubic metre apart), where two starts would each restart the meters.
    LocalCity(const Project& project, qint64 nowMs, qint64 anchorMs = 0);
    ~LocalCity();
    LocalCity(const LocalCity&) = delete;
    LocalCity& operator=(const LocalCity&) = delete;

    bool start(QString* error);
    /// A fault command of docs/simulator.md ("burst S0003 on"); the server's answer.
    QString command(const QString& line);

private:
    City m_city;
    std::unique_ptr<CityServer> m_server;
};

} // namespace PumpWatch::Sim
