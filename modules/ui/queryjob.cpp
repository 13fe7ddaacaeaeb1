#include "queryjob.h"

#include <QPromise>
#include <QtConcurrent>

namespace PumpWatch::Ui {

namespace {

using Reports::QueryEngine;

/// Opens a reader in the pool thread, runs `query` on an engine over it and adds its outcome;
/// adds nothing when canceled.
template <class Outcome, class Query>
void runQuery(QPromise<Outcome>& promise, const Project& project, const History::DatabaseUrl& url,
              Query&& query)
{
    promise.setProgressRange(0, QueryProgressSteps);
    Outcome outcome;
    History::HistoryReader reader(project, url);
    if (!reader.open(&outcome.error)) {
        promise.addResult(std::move(outcome));
        return;
    }
    promise.setProgressValue(1);
    if (promise.isCanceled())
        return;
    QueryEngine engine(project, reader);
    const QueryEngine::Canceled canceled = [&promise] { return promise.isCanceled(); };
    query(engine, canceled, outcome);
    if (promise.isCanceled())
        return;
    promise.setProgressValue(QueryProgressSteps);
    promise.addResult(std::move(outcome));
}

} // namespace

QFuture<QueryOutcome<Reports::HistoryResult>>
runHistory(const Project& project, const History::DatabaseUrl& url, Reports::HistoryRequest request)
{
    using Outcome = QueryOutcome<Reports::HistoryResult>;
    return QtConcurrent::run(
        [&project, url, request = std::move(request)](QPromise<Outcome>& promise) {
            runQuery(promise, project, url,
                     [&](QueryEngine& engine, const QueryEngine::Canceled& canceled, Outcome& o) {
                         o.result = engine.history(request, canceled, &o.error);
                     });
        });
}

QFuture<QueryOutcome<Reports::CompareResult>>
runCompare(const Project& project, const History::DatabaseUrl& url, Reports::CompareRequest request)
{
    using Outcome = QueryOutcome<Reports::CompareResult>;
    return QtConcurrent::run(
        [&project, url, request = std::move(request)](QPromise<Outcome>& promise) {
            runQuery(promise, project, url,
                     [&](QueryEngine& engine, const QueryEngine::Canceled& canceled, Outcome& o) {
                         o.result = engine.compare(request, canceled, &o.error);
                     });
        });
}

QFuture<PeriodOutcome> runPeriodCompare(const Project& project, const History::DatabaseUrl& url,
                                        Reports::PeriodCompareRequest request, TagId overlayTag,
                                        Reports::QueryStep overlayStep)
{
    return QtConcurrent::run([&project, url, request = std::move(request), overlayTag,
                              overlayStep](QPromise<PeriodOutcome>& promise) {
        runQuery(promise, project, url,
                 [&](QueryEngine& engine, const QueryEngine::Canceled& canceled, PeriodOutcome& o) {
                     o.result = engine.periodCompare(request, canceled, &o.error);
                     promise.setProgressValue(2);
                     if (!o.result || overlayTag == InvalidTagId || canceled())
                         return;
                     QString error;
                     o.overlay = engine.overlay(overlayTag, request.period, overlayStep,
                                                request.nowMs, canceled, &error);
                     if (!o.overlay)
                         o.error = error;
                 });
    });
}

QFuture<QueryOutcome<Reports::HistoryResult>> runOverlay(const Project& project,
                                                         const History::DatabaseUrl& url, TagId tag,
                                                         Reports::ReportPeriod period,
                                                         Reports::QueryStep step, qint64 nowMs)
{
    using Outcome = QueryOutcome<Reports::HistoryResult>;
    return QtConcurrent::run([&project, url, tag, period, step, nowMs](QPromise<Outcome>& promise) {
        runQuery(promise, project, url,
                 [&](QueryEngine& engine, const QueryEngine::Canceled& canceled, Outcome& o) {
                     o.result = engine.overlay(tag, period, step, nowMs, canceled, &o.error);
                 });
    });
}

} // namespace PumpWatch::Ui
