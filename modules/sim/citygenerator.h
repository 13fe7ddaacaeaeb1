// CityGenerator: writes the project of a simulated city of pump houses around Zunyi, Guizhou.
//
// Three water plants with two supply lines each, stations named like the seed's tables
// ("(A)澳门路口"), spread over 红花岗区 / 汇川区 / 播州区 / 新蒲新区, every device on the standard
// template, one local Modbus TCP port per device counting up from `basePort` (stations 8, 9
// and 10 of every ten sit behind gateways with CDAB, BADC and DCBA word order). Every seventh
// station has a low and a high zone, each its own PLC. The last stations can be IoT gateways'
// (Neuron, Sparkplug B) instead of PLCs. Some stations carry their own alarm
// limits (pressure bands differ with elevation). Deterministic for a given seed: the same
// options give the same project, byte for byte once written. Pure function, any thread.
//
//     Project demo = CityGenerator::generate({.stations = 60});
//     Project big = CityGenerator::generate({.stations = 2000});
#pragma once

#include <core/project.h>

namespace PumpWatch::Sim {

struct CityOptions {
    int stations = 60;
    quint32 seed = 1;
    QString host = QStringLiteral("127.0.0.1");
    int basePort = 15000; ///< the first device listens on basePort + 1
    /// The first `rtuStations` stations talk Modbus RTU on one RS-485 line at `rtuPort`, unit
    /// ids 1, 2, … in order; they take no TCP port.
    int rtuStations = 0;
    QString rtuPort = QStringLiteral("/tmp/pumpwatch-sim/ttyRTU0");
    /// The last `neuronStations` stations are published by EMQ Neuron (node "S0042-low", group
    /// "pumphouse") and the `sparkplugStations` before them by Sparkplug B edge nodes (group
    /// "zunyi", edge node "S0042", device ids by zone), on the broker `broker` ("host:port", the
    /// project's broker "iot"); they take no TCP port. None: no broker in the project.
    int neuronStations = 0;
    int sparkplugStations = 0;
    QString broker = QStringLiteral("127.0.0.1:1883");
    /// The project's map shows the city's own base map (CityMap), its files relative to the
    /// project ("map/…"); whoever writes the project writes them too (CityMap::write). It
    /// also refers to the demo's process graphics ("graphics/…", copied from :/demo/graphics).
    bool baseMap = false;
};

class CityGenerator {
public:
    static Project generate(const CityOptions& options);
    /// Devices of the generated city, in project order (the simulator serves one per port).
    static int deviceCount(const Project& project);
    /// Makes the last `neuronStations` stations of `project` Neuron gateways' and the
    /// `sparkplugStations` before them Sparkplug edge nodes' (as generate() does), on the broker
    /// "iot" at host:port (added, or moved there). For `pumpwatch --demo --gateways`.
    static void makeGateways(Project& project, int neuronStations, int sparkplugStations,
                             const QString& host, int port);
    /// "host:port" of a broker, port 1..65535; false if it is not one.
    static bool parseBroker(const QString& text, QString* host, int* port);
};

} // namespace PumpWatch::Sim
