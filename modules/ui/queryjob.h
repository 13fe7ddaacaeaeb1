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
#include <QFutureWatcher>

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

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

/// One tab's running query: starts a job's future, passes its progress on and hands its outcome
/// to `done` in the GUI thread. cancel() lets go of the job at once — its outcome, whenever the
/// worker gets to its next check, is dropped — so the tab can show 已取消 and take the next
/// query while the canceled one winds down. The destructor waits for every job it started
/// (they read the project). The three query tabs each hold one.
template <class Outcome>
class QueryJob {
public:
    using Done = std::function<void(std::optional<Outcome>)>;
    using Progress = std::function<void(int)>;

    /// `done` gets the outcome, or none when the job ended canceled; `context` owns the watchers.
    QueryJob(QObject* context, Progress progress, Done done)
        : m_context(context)
        , m_progress(std::move(progress))
        , m_done(std::move(done))
    {}
    ~QueryJob()
    {
        cancel();
        for (QFuture<Outcome>& f : m_dropped)
            f.waitForFinished();
    }
    QueryJob(const QueryJob&) = delete;
    QueryJob& operator=(const QueryJob&) = delete;

    bool isBusy() const { return m_watcher != nullptr; }
    /// Jobs canceled and still winding down.
    int windingDown() const
    {
        return int(std::count_if(m_dropped.begin(), m_dropped.end(),
                                 [](const QFuture<Outcome>& f) { return !f.isFinished(); }));
    }

    void start(QFuture<Outcome> future)
    {
        cancel();
        std::erase_if(m_dropped, [](const QFuture<Outcome>& f) { return f.isFinished(); });
        auto* watcher = new QFutureWatcher<Outcome>(m_context);
        m_watcher = watcher;
        QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, m_context,
                         [this](int value) { m_progress(value); });
        QObject::connect(watcher, &QFutureWatcherBase::finished, m_context, [this, watcher] {
            if (watcher != m_watcher)
                return;
            m_watcher = nullptr;
            std::optional<Outcome> outcome;
            if (!watcher->isCanceled() && watcher->future().resultCount() > 0)
                outcome = watcher->future().takeResult(); // moved out, not copied
            watcher->deleteLater();
            m_done(std::move(outcome));
        });
        watcher->setFuture(future);
    }

    /// Cancels the running job and forgets it; false when none was running.
    bool cancel()
    {
        if (!m_watcher)
            return false;
        QFuture<Outcome> future = m_watcher->future();
        future.cancel();
        m_dropped.push_back(future);
        delete m_watcher; // its finished() will not come
        m_watcher = nullptr;
        return true;
    }

private:
    QObject* m_context;
    Progress m_progress;
    Done m_done;
    QFutureWatcher<Outcome>* m_watcher = nullptr;
    std::vector<QFuture<Outcome>> m_dropped;
};

} // namespace PumpWatch::Ui
