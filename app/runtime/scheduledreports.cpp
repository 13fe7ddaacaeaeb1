#include "scheduledreports.h"

#include <QCoreApplication>
#include <QDebug>
#include <QFileInfo>

namespace PumpWatch::Runtime {

namespace {
class Text {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Runtime::ScheduledReports)
};
} // namespace

std::unique_ptr<Reports::ReportSchedulerService>
startScheduledReports(const Project& project, const Clock& clock, const History::DatabaseUrl& url,
                      const QString& projectPath, const QString& user)
{
    if (project.reports.schedules.empty())
        return nullptr;
    using Reports::ScheduledRun;
    for (const ReportSchedule& s : project.reports.schedules) {
        QStringList left = s.formats;
        left.removeAll(QStringLiteral("xlsx"));
        left.removeAll(QStringLiteral("csv"));
        if (!left.isEmpty())
            qWarning().noquote()
                << Text::tr("scheduled report %1: scheduled reports are written as xlsx and csv, "
                            "not %2")
                       .arg(s.name(), left.join(QStringLiteral(", ")));
    }
    Reports::ReportScheduler::Options options;
    options.baseDir = QFileInfo(projectPath).absolutePath();
    options.user = user;
    auto service = std::make_unique<Reports::ReportSchedulerService>(
        project, clock, url, options, [](const ScheduledRun& r) {
            if (r.schedule.isEmpty()) // the database could not be reached
                qWarning().noquote() << Text::tr("scheduled reports: %1").arg(r.detail);
            else if (r.status == u"failed")
                qWarning().noquote() << Text::tr("scheduled report %1 %2 failed: %3")
                                            .arg(r.schedule, r.period.code(), r.detail);
            else
                qInfo().noquote() << Text::tr("scheduled report %1 %2 (%3): %4")
                                         .arg(r.schedule, r.period.code(), r.status,
                                              r.files.join(QStringLiteral(", ")));
        });
    service->start();
    qInfo().noquote() << Text::tr("scheduled reports: %1, checked every %2 minutes")
                             .arg(project.reports.schedules.size())
                             .arg(Reports::ReportSchedulerService::DefaultTickMs / 60'000);
    return service;
}

} // namespace PumpWatch::Runtime
