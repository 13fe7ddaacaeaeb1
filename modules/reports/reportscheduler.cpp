#include "reportscheduler.h"

#include "csvexport.h"
#include "reportbuilder.h"
#include "xlsxexport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <deque>

namespace PumpWatch::Reports {

namespace {

constexpr qint64 MinuteMs = 60'000;

QString status(bool final)
{
    return final ? QStringLiteral("final") : QStringLiteral("draft");
}

bool isDay(const ReportSchedule& s)
{
    return s.report != ScheduledReport::ProductionMonth;
}

} // namespace

ReportScheduler::ReportScheduler(const Project& project, const Clock& clock, Options options)
    : m_project(project)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_zone(project.timeZone.toUtf8())
{
    m_writers.emplace(QStringLiteral("xlsx"),
                      static_cast<bool (*)(const Report&, const QString&, QString*)>(&writeXlsx));
    m_writers.emplace(QStringLiteral("csv"), &writeCsv);
}

void ReportScheduler::setWriter(const QString& format, Writer writer)
{
    m_writers[format] = std::move(writer);
}

QString ReportScheduler::folderOf(const ReportSchedule& schedule) const
{
    return QDir::cleanPath(QDir(m_options.baseDir).absoluteFilePath(schedule.folder));
}

qint64 ReportScheduler::dueMs(const ReportSchedule& schedule, const ReportPeriod& period,
                              const QTimeZone& zone, int dayStartMinute)
{
    const QTime at(schedule.atMinute / 60, schedule.atMinute % 60);
    if (period.kind() == ReportPeriod::Month) {
        const QDate next = period.date().addMonths(1);
        const qint64 end = productionDayStart(next, zone, dayStartMinute);
        const QDate day(next.year(), next.month(), schedule.dayOfMonth);
        return std::max(end, QDateTime(day, at, zone).toMSecsSinceEpoch());
    }
    const QDate next = period.date().addDays(1);
    const qint64 end = productionDayStart(next, zone, dayStartMinute);
    const qint64 due = QDateTime(next, at, zone).toMSecsSinceEpoch();
    return due >= end ? due : QDateTime(next.addDays(1), at, zone).toMSecsSinceEpoch();
}

ReportPeriod ReportScheduler::lastDue(const ReportSchedule& schedule, qint64 nowMs,
                                      const QTimeZone& zone, int dayStartMinute)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    ReportPeriod p = isDay(schedule)
                         ? ReportPeriod(ReportPeriod::Day, today)
                         : ReportPeriod(ReportPeriod::Month, QDate(today.year(), today.month(), 1));
    while (dueMs(schedule, p, zone, dayStartMinute) > nowMs)
        p = p.previous();
    return p;
}

std::vector<ScheduledRun> ReportScheduler::tick(History::HistoryReader& reader)
{
    const qint64 now = m_clock.nowMs();
    const int dayStart = m_project.reports.dayStartMinute;
    ReportStore store(reader.database());
    std::vector<ScheduledRun> done;
    for (const ReportSchedule& s : m_project.reports.schedules) {
        if (s.report == ScheduledReport::Invalid)
            continue;
        const QString name = s.name();
        const auto due = [&](const ReportPeriod& p) { return dueMs(s, p, m_zone, dayStart); };
        QString error;
        const auto firstDue = store.firstDue(name, &error);
        std::deque<ReportPeriod> periods{lastDue(s, now, m_zone, dayStart)};
        const int bound = isDay(s) ? m_options.catchUpDays : m_options.catchUpMonths;
        while (firstDue && int(periods.size()) < bound &&
               due(periods.front().previous()) >= *firstDue)
            periods.push_front(periods.front().previous());
        const auto runs = error.isEmpty() ? store.runs(name, due(periods.front()), 100'000, &error)
                                          : std::nullopt;
        if (!runs) {
            const ReportPeriod& p = periods.back();
            done.push_back({name, p, due(p), now, QStringLiteral("failed"), {}, error});
            continue;
        }
        QSet<QString> finals;
        for (const ReportRun& r : *runs) {
            if (r.status == u"final")
                finals.insert(r.period);
        }
        for (const ReportPeriod& p : periods) {
            const QString key = name + u'/' + p.code();
            if (finals.contains(p.code()) || m_retryAtMs.value(key, 0) > now)
                continue;
            const qint64 pDue = due(p);
            done.push_back(run(s, p, pDue, now >= pDue + s.graceMinutes * MinuteMs, reader));
            if (done.back().status == u"failed")
                m_retryAtMs.insert(key, now + m_options.retryFailedMs);
            else
                m_retryAtMs.remove(key);
        }
    }
    return done;
}

std::optional<Report> ReportScheduler::build(const ReportSchedule& schedule,
                                             const ReportPeriod& period,
                                             History::HistoryReader& reader, QString* error) const
{
    ReportBuilder builder(m_project, reader);
    const ReportOptions options{m_clock.nowMs(), {}};
    if (schedule.report == ScheduledReport::Daily)
        return builder.daily(period.date(), schedule.tag, options, error);
    return builder.production(period, options, error);
}

bool ReportScheduler::writeFinal(const Report& report, const QString& format, const QString& folder,
                                 ReportStore& store, ScheduledRun& out, QString* error) const
{
    const auto versions = store.versions(report.id, error);
    if (!versions)
        return false;
    int version = 1;
    for (const ReportVersion& v : *versions) {
        if (v.format == format)
            version = std::max(version, v.version + 1);
    }
    const QString path =
        QDir(folder).filePath(QStringLiteral("%1.v%2.%3").arg(report.id).arg(version).arg(format));
    // An issued file is never written again, even when the database has forgotten it.
    if (QFileInfo::exists(path)) {
        *error = tr("%1 exists already and is not overwritten").arg(path);
        return false;
    }
    if (!m_writers.at(format)(report, path, error))
        return false;
    User user;
    user.name = m_options.user;
    user.displayName = m_options.user;
    if (!store.addVersion(report.id, format, path, user, error))
        return false;
    out.files << path;
    return true;
}

ScheduledRun ReportScheduler::run(const ReportSchedule& schedule, const ReportPeriod& period,
                                  qint64 dueMs, bool final, History::HistoryReader& reader)
{
    ScheduledRun out{schedule.name(), period, dueMs, m_clock.nowMs(), status(final), {}, {}};
    ReportStore store(reader.database());
    const QString folder = folderOf(schedule);
    QString error;
    std::optional<Report> report;
    QStringList skipped;
    if (!QDir().mkpath(folder)) {
        error = tr("cannot create the folder %1").arg(folder);
    } else if ((report = build(schedule, period, reader, &error))) {
        if (!final)
            report->subtitles
                << tr("Draft: late data may still change it; the final version is issued at %1")
                       .arg(QDateTime::fromMSecsSinceEpoch(dueMs + schedule.graceMinutes * MinuteMs,
                                                           m_zone)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        for (const QString& format : schedule.formats) {
            if (!canWrite(format)) {
                skipped << format;
                continue;
            }
            if (final) {
                if (!writeFinal(*report, format, folder, store, out, &error))
                    break;
                continue;
            }
            const QString path =
                QDir(folder).filePath(report->id + QStringLiteral(".draft.") + format);
            if (!m_writers.at(format)(*report, path, &error))
                break;
            out.files << path;
        }
        if (error.isEmpty() && out.files.isEmpty())
            error = tr("this program cannot write %1").arg(skipped.join(QStringLiteral(", ")));
    }
    if (!error.isEmpty()) {
        out.status = QStringLiteral("failed");
        out.detail = error;
    } else {
        if (!skipped.isEmpty())
            out.detail = tr("%1 not written: this program cannot write them")
                             .arg(skipped.join(QStringLiteral(", ")));
        if (final) {
            for (const QString& format : schedule.formats)
                QFile::remove(
                    QDir(folder).filePath(report->id + QStringLiteral(".draft.") + format));
        }
    }
    QString logError;
    if (!store.logRun({out.schedule, period.code(), dueMs, out.runMs, out.status, out.detail},
                      &logError)) {
        out.status = QStringLiteral("failed");
        out.detail = tr("%1 (not logged: %2)")
                         .arg(out.detail.isEmpty() ? status(final) : out.detail, logError);
    }
    return out;
}

} // namespace PumpWatch::Reports
