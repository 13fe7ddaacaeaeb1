// LocalBroker: a mosquitto for the demo's IoT gateways, started on a free loopback port with a
// configuration of its own in a temporary folder, and stopped with it. Configured as a control
// room should run a broker for Neuron (docs/project-format.md § Brokers): the host's persistent
// session and what is queued for it survive a restart, QoS 0 uploads included.
//
//     LocalBroker broker;
//     if (!broker.start(&error)) …;                      // mosquitto missing, or it did not listen
//     CityGenerator::makeGateways(project, 5, 5, QStringLiteral("127.0.0.1"), broker.port());
#pragma once

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>

namespace PumpWatch::Sim {

class LocalBroker {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Sim::LocalBroker)

public:
    LocalBroker() = default;
    ~LocalBroker();
    LocalBroker(const LocalBroker&) = delete;
    LocalBroker& operator=(const LocalBroker&) = delete;

    /// Starts `mosquitto` (from PATH) and waits until it accepts connections (≤ 5 s). False with
    /// the reason, mosquitto's own words included.
    bool start(QString* error);
    int port() const { return m_port; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
};

} // namespace PumpWatch::Sim
