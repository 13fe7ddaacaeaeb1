// AcquisitionService: the acquisition thread. It runs the drivers on their own event loop and
// is the only door other threads use: start/stop, control writes, status and statistics.
// pumpwatch-server and the workstation's single-PC mode build the same service.
//
// The sink is called in the acquisition thread. write() may be called from any thread; its
// result arrives through writeFinished() (queued to the receiver's thread as usual in Qt).
//
//     AcquisitionService acquisition(project, clock, sink);
//     acquisition.start();
//     connect(&acquisition, &AcquisitionService::writeFinished, this, &Panel::showResult);
//     acquisition.write(tag, 0.42, user.name);
#pragma once
#include "modbusdriver.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace PumpWatch::Acquisition {

class AcquisitionService : public QObject {
    Q_OBJECT

public:
    AcquisitionService(const Project& project, const Clock& clock, AcquisitionSink& sink,
                       const ModbusDriverOptions& options = {}, QObject* parent = nullptr);
    ~AcquisitionService() override;

    void start();
    /// Stops the drivers and the thread; blocks until both are down. The sink is not called
    /// after it returns.
    void stop();
    bool isRunning() const { return m_driver != nullptr; }

    /// Requests a control write; returns the request id carried by writeFinished().
    quint64 write(TagId tag, double value, const QString& user);

    // Snapshots taken in the acquisition thread (these block briefly).
    ModbusDriverStats stats() const;
    std::vector<CommStatus> deviceStatuses() const;
    std::vector<CommStatus> stationStatuses() const;
    /// When the acquisition thread last showed it is alive (UTC ms; it beats every
    /// HeartbeatMs); 0 before start(). Never blocks: for a watchdog.
    qint64 heartbeatMs() const { return m_heartbeatMs.load(std::memory_order_relaxed); }
    static constexpr int HeartbeatMs = 1000;
    /// CPU time the acquisition thread has used, in nanoseconds.
    qint64 threadCpuNs() const;

Q_SIGNALS:
    void writeFinished(quint64 request, const PumpWatch::Acquisition::WriteRecord& record);

private:
    template <typename F>
    auto inThread(F f) const;

    const Project& m_project;
    const Clock& m_clock;
    AcquisitionSink& m_sink;
    ModbusDriverOptions m_options;
    QThread m_thread;
    QObject* m_context = nullptr;     ///< lives in m_thread
    ModbusDriver* m_driver = nullptr; ///< lives in m_thread
    std::atomic<quint64> m_nextRequest{0};
    std::atomic<qint64> m_heartbeatMs{0};
};

} // namespace PumpWatch::Acquisition
