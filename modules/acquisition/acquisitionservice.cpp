#include "acquisitionservice.h"

#include <QTimer>

#include <ctime>

namespace PumpWatch::Acquisition {

AcquisitionService::AcquisitionService(const Project& project, const Clock& clock,
                                       AcquisitionSink& sink, const ModbusDriverOptions& options,
                                       QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_clock(clock)
    , m_sink(sink)
    , m_options(options)
{
    m_thread.setObjectName(QStringLiteral("acquisition"));
    qRegisterMetaType<WriteRecord>();
    qRegisterMetaType<CommStatus>();
}

AcquisitionService::~AcquisitionService()
{
    stop();
}

template <typename F>
auto AcquisitionService::inThread(F f) const
{
    decltype(f()) result{};
    if (m_driver)
        QMetaObject::invokeMethod(
            m_driver, [&] { result = f(); }, Qt::BlockingQueuedConnection);
    return result;
}

void AcquisitionService::start()
{
    if (m_driver)
        return;
    m_thread.start();
    // The driver is created in the thread, so that its sockets and timers belong to that event
    // loop; `m_context` lets us run code there before the driver exists.
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_driver = new ModbusDriver(m_project, m_clock, m_sink, m_options);
            m_driver->start();
            // A heartbeat other threads can read without waiting on a thread that may hang.
            auto* heartbeat = new QTimer(m_context);
            QObject::connect(heartbeat, &QTimer::timeout, m_context, [this] {
                m_heartbeatMs.store(m_clock.nowMs(), std::memory_order_relaxed);
            });
            heartbeat->start(HeartbeatMs);
            m_heartbeatMs.store(m_clock.nowMs(), std::memory_order_relaxed);
        },
        Qt::BlockingQueuedConnection);
}

void AcquisitionService::stop()
{
    if (!m_driver)
        return;
    QMetaObject::invokeMethod(
        m_driver,
        [this] {
            m_driver->stop();
            delete m_driver;
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_driver = nullptr;
    m_context = nullptr;
    m_thread.quit();
    m_thread.wait();
}

quint64 AcquisitionService::write(TagId tag, double value, const QString& user)
{
    const quint64 request = ++m_nextRequest;
    if (!m_driver) {
        WriteRecord r;
        r.tag = tag;
        r.user = user;
        r.newValue = value;
        r.requestedMs = r.finishedMs = m_clock.nowMs();
        r.error = tr("acquisition is not running");
        m_sink.audit(r);
        QMetaObject::invokeMethod(
            this, [this, request, r] { Q_EMIT writeFinished(request, r); }, Qt::QueuedConnection);
        return request;
    }
    QMetaObject::invokeMethod(m_driver, [this, request, tag, value, user] {
        m_driver->write(tag, value, user, [this, request](const WriteRecord& r) {
            Q_EMIT writeFinished(request, r);
        });
    });
    return request;
}

ModbusDriverStats AcquisitionService::stats() const
{
    return inThread([this] { return m_driver->stats(); });
}

std::vector<CommStatus> AcquisitionService::deviceStatuses() const
{
    return inThread([this] {
        std::vector<CommStatus> all;
        for (int i = 0; i < m_driver->deviceCount(); ++i)
            all.push_back(m_driver->deviceStatus(i));
        return all;
    });
}

std::vector<CommStatus> AcquisitionService::stationStatuses() const
{
    return inThread([this] {
        std::vector<CommStatus> all;
        for (int i = 0; i < static_cast<int>(m_project.stations.size()); ++i)
            all.push_back(m_driver->stationStatus(i));
        return all;
    });
}

qint64 AcquisitionService::threadCpuNs() const
{
    return inThread([] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<qint64>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    });
}

} // namespace PumpWatch::Acquisition
