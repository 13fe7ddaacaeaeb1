// The query panels' database work, off the GUI thread: QueryEngine's history, compare,
// periodCompare and overlay, each on the global thread pool with a HistoryReader of its own
// opened there (a reader's connection stays in the thread that opened it). Canceling the future
// stops the engine at its next check (between series, every few thousand samples); a canceled
// job finishes without a result. Progress runs 0 … QueryProgressSteps: opened, queried, done.
//
// The project must outlive the futures.
//
//     QFutureWatcher<QueryOutcome<Reports::HistoryResult>> w;
//     w.setFuture(runHistory(project, url, request));
//     // w.result().result->series …, or w.result().error
#pragma once

#include <history/databaseurl.h>
#include <reports/query.h>

#include <QFuture>

#include <optional>

namespace PumpWatch::Ui {

/// A query's answer, or why there is none.
template <class T>
struct QueryOutcome {
    std::optional<T> result;
    QString error;
};

/// 同比/环比 with its overlay chart (本期 / 上期 / 去年同期 of one tag), read in one job.
struct PeriodOutcome {
    std::optional<Reports::PeriodCompareResult> result;
    std::optional<Reports::HistoryResult> overlay; ///< none when no overlay tag was asked for
    QString error;
};

constexpr int QueryProgressSteps = 3;

QFuture<QueryOutcome<Reports::HistoryResult>> runHistory(const Project& project,
                                                         const History::DatabaseUrl& url,
                                                         Reports::HistoryRequest request);
QFuture<QueryOutcome<Reports::CompareResult>> runCompare(const Project& project,
                                                         const History::DatabaseUrl& url,
                                                         Reports::CompareRequest request);
/// periodCompare(), then, when `overlayTag` is valid, overlay() of that tag over the period at
/// `overlayStep`.
QFuture<PeriodOutcome> runPeriodCompare(const Project& project, const History::DatabaseUrl& url,
                                        Reports::PeriodCompareRequest request,
                                        TagId overlayTag = InvalidTagId,
                                        Reports::QueryStep overlayStep = Reports::QueryStep::Hour);
QFuture<QueryOutcome<Reports::HistoryResult>> runOverlay(const Project& project,
                                                         const History::DatabaseUrl& url, TagId tag,
                                                         Reports::ReportPeriod period,
                                                         Reports::QueryStep step, qint64 nowMs);

} // namespace PumpWatch::Ui
