// The project's scheduled reports as pumpwatch-server and the single-PC workstation run them:
// a ReportSchedulerService writing xlsx and CSV into folders relative to the project file,
// every run logged (a failure as a warning). PDF and .odt are not written by a scheduler (the
// painter is not used off the GUI thread); a schedule asking for them is warned about once.
//
//     auto reports = Runtime::startScheduledReports(project, clock, url, path, u"pumpwatch"_s);
//     …
//     if (reports) reports->stop();   // lets a run in progress finish its file
#pragma once

#include <reports/reportschedulerservice.h>

#include <memory>

namespace PumpWatch::Runtime {

/// Null when the project has no schedules.
std::unique_ptr<Reports::ReportSchedulerService>
startScheduledReports(const Project& project, const Clock& clock, const History::DatabaseUrl& url,
                      const QString& projectPath, const QString& user);

} // namespace PumpWatch::Runtime
