#include "reportjob.h"

#include <QPromise>
#include <QtConcurrent>

namespace PumpWatch::Ui {

QFuture<ReportResult> generateReport(const Project& project, const History::DatabaseUrl& url,
                                     ReportRequest request, Reports::ReportOptions options)
{
    return QtConcurrent::run([&project, url, request = std::move(request),
                              options = std::move(options)](QPromise<ReportResult>& promise) {
        promise.setProgressRange(0, ReportProgressSteps);
        ReportResult result;
        History::HistoryReader reader(project, url);
        if (!reader.open(&result.error)) {
            promise.addResult(std::move(result));
            return;
        }
        promise.setProgressValue(1);
        if (promise.isCanceled())
            return;
        Reports::ReportBuilder builder(project, reader);
        Reports::ReportOptions stoppable = options;
        stoppable.canceled = [&promise] { return promise.isCanceled(); };
        switch (request.family) {
        case ReportRequest::Family::Daily:
            result.report =
                builder.daily(request.period.date(), request.tagKey, stoppable, &result.error);
            break;
        case ReportRequest::Family::Energy:
            result.report = builder.energy(request.period, stoppable, &result.error);
            break;
        case ReportRequest::Family::Production:
        case ReportRequest::Family::Invalid:
            result.report = builder.production(request.period, stoppable, &result.error);
            break;
        }
        promise.setProgressValue(2);
        if (promise.isCanceled())
            return;
        if (result.report) {
            Reports::ReportStore store(reader.database());
            QString error;
            if (auto versions = store.versions(result.report->id, &error))
                result.versions = std::move(*versions);
            else
                result.error = error;
        }
        promise.setProgressValue(ReportProgressSteps);
        promise.addResult(std::move(result));
    });
}

QFuture<StoreResult> runOnStore(const Project& project, const History::DatabaseUrl& url,
                                QString reportId, StoreWork work)
{
    return QtConcurrent::run(
        [&project, url, reportId = std::move(reportId), work = std::move(work)] {
            StoreResult result;
            History::HistoryReader reader(project, url);
            if (!reader.open(&result.error))
                return result;
            Reports::ReportStore store(reader.database());
            if (work && !work(store, &result.error))
                return result;
            auto versions = store.versions(reportId, &result.error);
            if (!versions)
                return result;
            result.versions = std::move(*versions);
            result.ok = true;
            return result;
        });
}

} // namespace PumpWatch::Ui
