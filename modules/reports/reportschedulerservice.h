// ReportSchedulerService: runs a ReportScheduler on a thread of its own ("reports"), never the
// acquisition's or the GUI's: it ticks once when started and then every `tickMs` (drafts are
// regenerated at that pace during a grace period), each tick with a HistoryReader connection
// opened for it in that thread, so a database that was away is simply reached again at the next
// tick. What each run did is handed to the observer, in the service's thread.
//
// pumpwatch-server starts one for its project when the project has schedules; the workstation's
// single-PC mode can start one the same way (and add pdf and odt writers, which need Qt Gui).
//
//     ReportSchedulerService reports(project, clock, url, {QFileInfo(path).absolutePath()},
//                                    [](const ScheduledRun& r) { qInfo() << r.status; });
//     reports.start();      // ticks at once, then every 10 minutes
//     …
//     reports.stop();       // waits for a running tick to finish
#pragma once

#include "reportscheduler.h"

#include <core/servicethread.h>
#include <history/databaseurl.h>

#include <functional>
#include <memory>

namespace PumpWatch::Reports {

class ReportSchedulerService {
public:
    using Observer = std::function<void(const ScheduledRun& run)>;
    static constexpr int DefaultTickMs = 10 * 60'000;

    /// `project` and `clock` outlive the service.
    ReportSchedulerService(const Project& project, const Clock& clock, History::DatabaseUrl url,
                           ReportScheduler::Options options, Observer observer,
                           int tickMs = DefaultTickMs);
    ~ReportSchedulerService();
    ReportSchedulerService(const ReportSchedulerService&) = delete;
    ReportSchedulerService& operator=(const ReportSchedulerService&) = delete;

    /// Before start(): another format's writer (called in the service's thread).
    void setWriter(const QString& format, ReportScheduler::Writer writer);
    void start();
    void stop();
    /// Queues a tick now (after a correction, or when asked); returns at once.
    void tickNow();

private:
    void tick();

    const Project& m_project;
    History::DatabaseUrl m_url;
    ReportScheduler m_scheduler; ///< used in m_thread only once started
    Observer m_observer;
    int m_tickMs;
    ServiceThread m_thread;
};

} // namespace PumpWatch::Reports
