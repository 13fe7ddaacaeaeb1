// The reports panel's database work, off the GUI thread: generating a report and the report
// store's reads and writes (corrections, issued versions, reviews). Each job runs on the global
// thread pool and opens its own HistoryReader there — a reader's connection stays in the thread
// that opened it — so the GUI never waits on the database.
//
// The project must outlive the futures. A canceled generation finishes without a report; the
// builder itself cannot be interrupted, so cancel takes effect between its stages (open, build,
// versions).
//
//     QFutureWatcher<ReportResult> w;
//     w.setFuture(generateReport(project, url, request, options));
//     // progress 0 … ReportProgressSteps, then w.result().report
#pragma once

#include <history/databaseurl.h>
#include <reports/reportbuilder.h>
#include <reports/reportstore.h>

#include <QFuture>

#include <functional>
#include <optional>
#include <vector>

namespace PumpWatch::Ui {

/// What to generate: a family, its period and, for 综合日报, the tag.
struct ReportRequest {
    enum class Family : quint8 { Invalid = 0, Daily, Production, Energy };
    Family family = Family::Invalid;
    QString tagKey; ///< Daily: a template tag key ("outlet_pressure")
    Reports::ReportPeriod period;
};

struct ReportResult {
    std::optional<Reports::Report> report;
    std::vector<Reports::ReportVersion> versions; ///< of the report's id
    QString error;
};

/// The same for a store job: whether `work` succeeded and the report's versions afterwards.
struct StoreResult {
    bool ok = false;
    std::vector<Reports::ReportVersion> versions;
    QString error;
};

constexpr int ReportProgressSteps = 3;

QFuture<ReportResult> generateReport(const Project& project, const History::DatabaseUrl& url,
                                     ReportRequest request, Reports::ReportOptions options);

using StoreWork = std::function<bool(Reports::ReportStore& store, QString* error)>;
/// Runs `work` (may be empty: only read the versions) on a connection of its own, then reads the
/// versions of `reportId`.
QFuture<StoreResult> runOnStore(const Project& project, const History::DatabaseUrl& url,
                                QString reportId, StoreWork work);

} // namespace PumpWatch::Ui
