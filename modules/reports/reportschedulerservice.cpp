#include "reportschedulerservice.h"

namespace PumpWatch::Reports {

ReportSchedulerService::ReportSchedulerService(const Project& project, const Clock& clock,
                                               History::DatabaseUrl url,
                                               ReportScheduler::Options options, Observer observer,
                                               int tickMs)
    : m_project(project)
    , m_url(std::move(url))
    , m_scheduler(project, clock, std::move(options))
    , m_observer(std::move(observer))
    , m_tickMs(tickMs)
    , m_thread(QStringLiteral("reports"))
{}

ReportSchedulerService::~ReportSchedulerService()
{
    stop();
}

void ReportSchedulerService::setWriter(const QString& format, ReportScheduler::Writer writer)
{
    m_scheduler.setWriter(format, std::move(writer));
}

void ReportSchedulerService::start()
{
    m_thread.start();
    m_thread.post([this] { tick(); });
    m_thread.every(m_tickMs, [this] { tick(); });
}

void ReportSchedulerService::stop()
{
    m_thread.stop();
}

void ReportSchedulerService::tickNow()
{
    m_thread.post([this] { tick(); });
}

void ReportSchedulerService::tick()
{
    History::HistoryReader reader(m_project, m_url);
    QString error;
    if (!reader.open(&error)) {
        // Nothing is logged in a database that cannot be reached; the host hears it.
        ScheduledRun failed;
        failed.status = QStringLiteral("failed");
        failed.detail = QStringLiteral("%1: %2").arg(m_url.display(), error);
        if (m_observer)
            m_observer(failed);
        return;
    }
    for (const ScheduledRun& run : m_scheduler.tick(reader)) {
        if (m_observer)
            m_observer(run);
    }
}

} // namespace PumpWatch::Reports
