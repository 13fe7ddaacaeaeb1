// ReportScheduler: issues the project's scheduled reports (ReportSettings::schedules) as files
// in a folder, and logs every run in report_runs. Passive: the host calls tick() (at start and
// then every few minutes, ReportSchedulerService does it on a thread of its own); the time comes
// from the Clock, so a test moves it by hand.
//
// When a period is due (in the project's time zone, with the production day's boundary):
// - production-day and daily, production day D (D dayStart → D+1 dayStart): at the first `at`
//   at or after D's end: with dayStart 08:00 and at 08:30, D+1 08:30; with at 07:00, D+2 07:00;
// - production-month, month M: on day `day` of the next month at `at`, but never before M's
//   last production day has ended.
// From its due time until `graceMinutes` later a period is issued as a draft on every tick
// (late data still arrives, e.g. a station's store-and-forward): `<id>.draft.<format>`,
// overwritten each time. After the grace period it is issued once as final: the next version
// from ReportStore::addVersion (`<id>.v1.<format>`, its SHA-256 recorded) and its drafts removed.
// A period with a final run is never run again.
//
// Catch-up: every tick looks at the last `catchUpDays` days (`catchUpMonths` months) of due
// periods, oldest first, and issues each that has no final run, so runs missed while the
// program was stopped are made on its next start. A schedule that has never run starts with
// its newest due period (no back-issue of the history before it existed); periods due before
// its first logged run are never caught up. A failed run (no such tag, folder not writable, the
// database gone) is logged as failed with the reason and tried again after `retryFailedMs`.
//
// Not thread-safe: one thread (the reader's) calls tick().
//
//     ReportScheduler scheduler(project, clock, {projectDir, u"pumpwatch-server"_s});
//     HistoryReader reader(project, url);
//     if (reader.open(&error))
//         for (const ScheduledRun& r : scheduler.tick(reader)) log(r);
#pragma once

#include "report.h"
#include "reportperiod.h"
#include "reportstore.h"

#include <core/clock.h>
#include <core/project.h>
#include <history/historyreader.h>

#include <QCoreApplication>
#include <QHash>

#include <functional>
#include <map>
#include <vector>

namespace PumpWatch::Reports {

/// What one run did: logged in report_runs as (schedule, period code, due, run time, status,
/// detail).
struct ScheduledRun {
    QString schedule; ///< ReportSchedule::name(): the run log's family
    ReportPeriod period;
    qint64 dueMs = 0;
    qint64 runMs = 0;
    QString status;    ///< "draft", "final", "failed"
    QStringList files; ///< written, absolute
    QString detail;    ///< the failure, or the formats left out
};

class ReportScheduler {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::ReportScheduler)

public:
    /// Writes `report` to `path` whole or not at all; false with `*error` naming the path.
    using Writer = std::function<bool(const Report& report, const QString& path, QString* error)>;

    struct Options {
        QString baseDir; ///< relative folders of the schedules are relative to it
        QString user = QStringLiteral("scheduler"); ///< generated_by of the issued versions
        int catchUpDays = 31;
        int catchUpMonths = 12;
        qint64 retryFailedMs = 3'600'000;
    };

    ReportScheduler(const Project& project, const Clock& clock, Options options);

    /// Adds or replaces the writer of a format. xlsx and csv are there from the start; a
    /// program with Qt Gui can add pdf and odt (ReportsRender's writePdf, writeOdt).
    void setWriter(const QString& format, Writer writer);
    bool canWrite(const QString& format) const { return m_writers.count(format) > 0; }

    /// Runs what is due now. Opens nothing: `reader` is open in the calling thread.
    std::vector<ScheduledRun> tick(History::HistoryReader& reader);

    /// When `period` of `schedule` is due (UTC ms).
    static qint64 dueMs(const ReportSchedule& schedule, const ReportPeriod& period,
                        const QTimeZone& zone, int dayStartMinute);
    /// The newest period of `schedule` due at or before `nowMs`.
    static ReportPeriod lastDue(const ReportSchedule& schedule, qint64 nowMs, const QTimeZone& zone,
                                int dayStartMinute);
    /// The folder `schedule` writes to.
    QString folderOf(const ReportSchedule& schedule) const;

private:
    ScheduledRun run(const ReportSchedule& schedule, const ReportPeriod& period, qint64 dueMs,
                     bool final, History::HistoryReader& reader);
    std::optional<Report> build(const ReportSchedule& schedule, const ReportPeriod& period,
                                History::HistoryReader& reader, QString* error) const;
    bool writeFinal(const Report& report, const QString& format, const QString& folder,
                    ReportStore& store, ScheduledRun& out, QString* error) const;

    const Project& m_project;
    const Clock& m_clock;
    Options m_options;
    QTimeZone m_zone;
    std::map<QString, Writer> m_writers;
    QHash<QString, qint64> m_retryAtMs; ///< "schedule/period" of failed runs → next try
};

} // namespace PumpWatch::Reports
