#include "acquisitionservice.h"

#include <QMutexLocker>
#include <QTimer>

#include <cmath>
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
    /// A device's status is kept and passed on; a station's is derived here from all its
    /// devices, whichever drivers serve them (a driver's own station statuses are dropped).
    void commStatusChanged(const CommStatus& status) override
    {
        if (status.device < 0)
            return;
        std::optional<CommStatus> station;
        {
            QMutexLocker lock(&m_service.m_statusMutex);
            const auto s = static_cast<std::size_t>(status.station);
            const auto first = static_cast<std::size_t>(m_service.m_firstDevice[s]);
            m_service.m_devices[first + static_cast<std::size_t>(status.device)] = status;
            const std::size_t count = m_service.m_project.stations[s].devices.size();
            std::vector<CommState> states;
            states.reserve(count);
            for (std::size_t d = 0; d < count; ++d)
                states.push_back(m_service.m_devices[first + d].state);
            CommStatus& current = m_service.m_stations[s];
            const CommState aggregate = stationState(states);
            if (aggregate != current.state) {
                current.previous = current.state;
                current.state = aggregate;
                current.sinceMs = status.sinceMs;
                if (status.state == CommState::Offline)
                    current.lastError = status.lastError;
                station = current;
            }
        }
        m_sink.commStatusChanged(status);
        if (station)
            m_sink.commStatusChanged(*station);
    }
    void audit(const WriteRecord& record) override { m_sink.audit(record); }
    void brokerStatusChanged(const BrokerStatus& status) override
    {
        m_sink.brokerStatusChanged(status);
    }

private:
    AcquisitionService& m_service;
    AcquisitionSink& m_sink;
};

AcquisitionService::AcquisitionService(const Project& project, const Clock& clock,
                                       AcquisitionSink& sink, const AcquisitionOptions& options,
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
        ModbusDriverOptions modbus = m_options.modbus;
        modbus.stations = m_options.stations;
        m_modbus = new ModbusDriver(m_project, m_clock, *m_tap, modbus);
        m_drivers.push_back(m_modbus);
        if (m_project.hasGateways()) {
            MqttDriverOptions mqtt = m_options.mqtt;
            mqtt.stations = m_options.stations;
            m_mqtt = new MqttDriver(m_project, m_clock, *m_tap, mqtt);
            m_drivers.push_back(m_mqtt);
        }
        {
            QMutexLocker lock(&m_statusMutex);
            for (std::size_t s = 0; s < m_stations.size(); ++s) {
                const auto first = static_cast<std::size_t>(m_firstDevice[s]);
                for (std::size_t d = 0; d < m_project.stations[s].devices.size(); ++d) {
                    if (Driver* driver = driverOf(static_cast<int>(s), static_cast<int>(d)))
                        m_devices[first + d] =
                            driver->deviceStatus(static_cast<int>(s), static_cast<int>(d));
                }
            }
        }
        for (Driver* driver : m_drivers)
            driver->start();
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
        for (Driver* driver : m_drivers)
            driver->stop();
        qDeleteAll(m_drivers);
        m_drivers.clear();
        m_modbus = nullptr;
        m_mqtt = nullptr;
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
        const auto done = [this, request](const WriteRecord& r) {
            Q_EMIT writeFinished(request, r);
        };
        // Checked here, just before the PLC sees it: a write queued before the process froze
        // (SIGSTOP, a hung disk) must not go out once another server has taken over.
        if (m_options.writeGate) {
            if (const QString refused = m_options.writeGate(); !refused.isEmpty()) {
                WriteRecord r;
                r.tag = tag;
                r.user = user;
                r.newValue = value;
                r.oldValue = r.readBack = std::nan("");
                r.requestedMs = r.finishedMs = m_clock.nowMs();
                r.error = refused;
                m_tap->audit(r);
                done(r);
                return;
            }
        }
        // A tag id outside the project goes to Modbus, which refuses it with its reason.
        Driver* driver = tag < m_project.tagCount() ? driverOf(m_project.stationIndexOfTag(tag),
                                                               m_project.deviceIndexOfTag(tag))
                                                    : m_modbus;
        (driver ? driver : m_modbus)->write(tag, value, user, done);
    });
    return request;
}

Driver* AcquisitionService::driverOf(int station, int device) const
{
    const Protocol protocol = m_project.stations[static_cast<std::size_t>(station)]
                                  .devices[static_cast<std::size_t>(device)]
                                  .settings.protocol;
    for (Driver* driver : m_drivers) {
        if (driver->handles(protocol))
            return driver;
    }
    return nullptr;
}

ModbusDriverStats AcquisitionService::stats() const
{
    return m_thread.call([this] { return m_modbus->stats(); });
}

MqttDriverStats AcquisitionService::mqttStats() const
{
    return m_thread.call([this] { return m_mqtt ? m_mqtt->stats() : MqttDriverStats{}; });
}

std::vector<DeviceCounters> AcquisitionService::deviceCounters() const
{
    return m_thread.call([this] {
        std::vector<DeviceCounters> all;
        all.reserve(static_cast<std::size_t>(m_modbus->deviceCount()));
        for (int i = 0; i < m_modbus->deviceCount(); ++i)
            all.push_back(m_modbus->deviceCounters(i));
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
