#include "acquisitionservice.h"

#include <QMutexLocker>
#include <QTimer>

#include <ctime>

namespace PumpWatch::Acquisition {

/// Keeps the service's copy of the comm statuses as the driver reports changes, then passes
/// everything on. Called in the acquisition thread.
class AcquisitionService::StatusTap final : public AcquisitionSink {
public:
    StatusTap(AcquisitionService& service, AcquisitionSink& sink)
        : m_service(service)
        , m_sink(sink)
    {}

    void samples(std::span<const Sample> batch) override { m_sink.samples(batch); }
    void commStatusChanged(const CommStatus& status) override
    {
        {
            QMutexLocker lock(&m_service.m_statusMutex);
            const auto station = static_cast<std::size_t>(status.station);
            if (status.device < 0)
                m_service.m_stations[station] = status;
            else
                m_service.m_devices[static_cast<std::size_t>(m_service.m_firstDevice[station] +
                                                             status.device)] = status;
        }
        m_sink.commStatusChanged(status);
    }
    void audit(const WriteRecord& record) override { m_sink.audit(record); }

private:
    AcquisitionService& m_service;
    AcquisitionSink& m_sink;
};

AcquisitionService::AcquisitionService(const Project& project, const Clock& clock,
                                       AcquisitionSink& sink, const ModbusDriverOptions& options,
                                       QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_clock(clock)
    , m_tap(std::make_unique<StatusTap>(*this, sink))
    , m_options(options)
{
    qRegisterMetaType<WriteRecord>();
    qRegisterMetaType<CommStatus>();
    for (int s = 0; s < static_cast<int>(project.stations.size()); ++s) {
        const Station& station = project.stations[static_cast<std::size_t>(s)];
        m_firstDevice.push_back(static_cast<int>(m_devices.size()));
        for (int d = 0; d < static_cast<int>(station.devices.size()); ++d)
            m_devices.push_back({s, d, CommState::Unknown, CommState::Unknown, 0, {}});
        m_stations.push_back({s, -1, CommState::Unknown, CommState::Unknown, 0, {}});
    }
}

AcquisitionService::~AcquisitionService()
{
    stop();
}

void AcquisitionService::start()
{
    if (m_thread.isRunning())
        return;
    // The driver is created in the thread, so that its sockets and timers belong to that loop.
    m_thread.start([this](QObject* context) {
        m_driver = new ModbusDriver(m_project, m_clock, *m_tap, m_options);
        {
            QMutexLocker lock(&m_statusMutex);
            for (int i = 0; i < m_driver->deviceCount(); ++i)
                m_devices[static_cast<std::size_t>(i)] = m_driver->deviceStatus(i);
            for (std::size_t s = 0; s < m_stations.size(); ++s)
                m_stations[s] = m_driver->stationStatus(static_cast<int>(s));
        }
        m_driver->start();
        // A heartbeat other threads can read without waiting on a thread that may hang.
        auto* heartbeat = new QTimer(context);
        QObject::connect(heartbeat, &QTimer::timeout, context, [this] {
            m_heartbeatMs.store(m_clock.nowMs(), std::memory_order_relaxed);
        });
        heartbeat->start(HeartbeatMs);
        m_heartbeatMs.store(m_clock.nowMs(), std::memory_order_relaxed);
    });
}

void AcquisitionService::stop()
{
    m_thread.stop([this] {
        m_driver->stop();
        delete std::exchange(m_driver, nullptr);
    });
}

quint64 AcquisitionService::write(TagId tag, double value, const QString& user)
{
    const quint64 request = ++m_nextRequest;
    if (!m_thread.isRunning()) {
        WriteRecord r;
        r.tag = tag;
        r.user = user;
        r.newValue = value;
        r.requestedMs = r.finishedMs = m_clock.nowMs();
        r.error = tr("acquisition is not running");
        m_tap->audit(r);
        QMetaObject::invokeMethod(
            this, [this, request, r] { Q_EMIT writeFinished(request, r); }, Qt::QueuedConnection);
        return request;
    }
    m_thread.post([this, request, tag, value, user] {
        m_driver->write(tag, value, user, [this, request](const WriteRecord& r) {
            Q_EMIT writeFinished(request, r);
        });
    });
    return request;
}

ModbusDriverStats AcquisitionService::stats() const
{
    return m_thread.call([this] { return m_driver->stats(); });
}

std::vector<DeviceCounters> AcquisitionService::deviceCounters() const
{
    return m_thread.call([this] {
        std::vector<DeviceCounters> all;
        all.reserve(static_cast<std::size_t>(m_driver->deviceCount()));
        for (int i = 0; i < m_driver->deviceCount(); ++i)
            all.push_back(m_driver->deviceCounters(i));
        return all;
    });
}

std::vector<CommStatus> AcquisitionService::deviceStatuses() const
{
    QMutexLocker lock(&m_statusMutex);
    return m_devices;
}

std::vector<CommStatus> AcquisitionService::stationStatuses() const
{
    QMutexLocker lock(&m_statusMutex);
    return m_stations;
}

qint64 AcquisitionService::threadCpuNs() const
{
    return m_thread.call([] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<qint64>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    });
}

} // namespace PumpWatch::Acquisition
