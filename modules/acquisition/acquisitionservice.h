// AcquisitionService: the acquisition thread. It runs the drivers (Modbus, and MQTT when the
// project has gateways) on their own event loop, routes writes by the device's protocol, and
// is the only door other threads use: start/stop, control writes, status and statistics.
// pumpwatch-server and the workstation's single-PC mode build the same service.
//
// The sink is called in the acquisition thread. write(), heartbeatMs(), deviceStatuses() and
// stationStatuses() may be called from any thread and never wait for the acquisition thread (the
// statuses are a copy kept as they change), so a stalled thread cannot freeze the GUI. stats()
// and threadCpuNs() run in the acquisition thread and wait for it: not for the GUI thread. The
// write result arrives through writeFinished() (queued to the receiver's thread as usual in Qt).
//
//     AcquisitionService acquisition(project, clock, sink);
//     acquisition.start();
//     connect(&acquisition, &AcquisitionService::writeFinished, this, &Panel::showResult);
//     acquisition.write(tag, 0.42, user.name);
#pragma once
#include "modbusdriver.h"
#include "mqttdriver.h"

#include <core/servicethread.h>
#include <core/stationset.h>

#include <QMutex>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace PumpWatch::Acquisition {

struct AcquisitionOptions {
    ModbusDriverOptions modbus;
    MqttDriverOptions mqtt;
    /// The stations this process polls (a server's shard), by index; empty: every station. The
    /// others are neither polled nor subscribed, and their status stays unknown.
    StationSet stations;
    /// Asked in the acquisition thread right before each write reaches a device; a non-empty
    /// answer refuses it with that reason (a server that no longer holds its shard's lease).
    /// Must be thread-safe.
    std::function<QString()> writeGate;
};

class AcquisitionService : public QObject {
    Q_OBJECT

public:
    AcquisitionService(const Project& project, const Clock& clock, AcquisitionSink& sink,
                       const AcquisitionOptions& options = {}, QObject* parent = nullptr);
    ~AcquisitionService() override;

    void start();
    /// Stops the drivers and the thread; blocks until both are down. The sink is not called
    /// after it returns.
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }

    /// Requests a control write; returns the request id carried by writeFinished().
    quint64 write(TagId tag, double value, const QString& user);

    /// Taken in the acquisition thread: waits for it.
    ModbusDriverStats stats() const;
    /// The gateways' counters (all zero without MQTT devices). Waits for the thread.
    MqttDriverStats mqttStats() const;
    /// Every device's counters, as deviceStatuses(). Taken in the acquisition thread: waits.
    std::vector<DeviceCounters> deviceCounters() const;
    /// Every device's comm status, station by station, as the sink last saw it (all Unknown
    /// before start()). A copy taken under a short lock: never waits for the acquisition thread.
    std::vector<CommStatus> deviceStatuses() const;
    /// Every station's comm status, as deviceStatuses().
    std::vector<CommStatus> stationStatuses() const;
    /// When the acquisition thread last showed it is alive (UTC ms; it beats every
    /// HeartbeatMs); 0 before start(). Never blocks: for a watchdog.
    qint64 heartbeatMs() const { return m_heartbeatMs.load(std::memory_order_relaxed); }
    static constexpr int HeartbeatMs = 1000;
    /// CPU time the acquisition thread has used, in nanoseconds. Waits for the thread.
    qint64 threadCpuNs() const;
    /// The acquisition thread, for code that must run in it (tests stall it with post()).
    const ServiceThread& thread() const { return m_thread; }

Q_SIGNALS:
    void writeFinished(quint64 request, const PumpWatch::Acquisition::WriteRecord& record);

private:
    class StatusTap;

    const Project& m_project;
    const Clock& m_clock;
    std::unique_ptr<StatusTap> m_tap; ///< the sink the driver calls; forwards to the given one
    /// The driver serving a project device (by its protocol), or null.
    Driver* driverOf(int station, int device) const;

    AcquisitionOptions m_options;
    ServiceThread m_thread{QStringLiteral("acquisition")};
    std::vector<Driver*> m_drivers;   ///< live in m_thread
    ModbusDriver* m_modbus = nullptr; ///< one of m_drivers: always there
    MqttDriver* m_mqtt = nullptr;     ///< one of m_drivers when the project has gateways
    mutable QMutex m_statusMutex;
    std::vector<int> m_firstDevice;     ///< per station, its first device's index
    std::vector<CommStatus> m_devices;  ///< guarded by m_statusMutex
    std::vector<CommStatus> m_stations; ///< guarded by m_statusMutex
    std::atomic<quint64> m_nextRequest{0};
    std::atomic<qint64> m_heartbeatMs{0};
};

} // namespace PumpWatch::Acquisition
