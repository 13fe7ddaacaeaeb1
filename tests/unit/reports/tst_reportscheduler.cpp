// The scheduled reports on a real SQLite history written with known meter readings (100 m³ an
// hour, so a production day is 2400 m³), driven by a ManualClock: what a utility relies on is
// the file in the folder with the right number in it, one final version per period, drafts
// while late data may come, runs missed while the server was down made on its next start, and
// a failure written in the run log with its reason.
#include <core/clock.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <history/historyreader.h>
#include <history/historywriter.h>
#include <reports/reportscheduler.h>
#include <reports/reportstore.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace PumpWatch;
using namespace PumpWatch::Reports;
using namespace Qt::StringLiterals;

namespace {

/// One station with an outlet meter and a pressure; production day from 08:00.
QByteArray projectJson(const char* schedules)
{
    return QByteArray(R"({
  "format": "pumpwatch-project", "version": 1, "name": "调度测试", "timeZone": "Asia/Shanghai",
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [
      {"key": "outlet_total", "name": "出水累积流量", "quantity": "totalizer", "unit": "m³", "address": "40001", "type": "float32"},
      {"key": "outlet_pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40003", "type": "float32"}
    ]}],
  "stations": [
    {"id": "S1", "name": "澳门路口", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]}
  ],
  "reports": {"dayStart": "08:00", "schedules": )") +
           schedules + "}}";
}

const QTimeZone Shanghai("Asia/Shanghai");

qint64 local(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute), Shanghai).toMSecsSinceEpoch();
}

constexpr qint64 HourMs = 3'600'000;
const qint64 Origin = local(1, 0);

/// The meter: 1000 m³ at Dec 1 00:00, then 100 m³ an hour, read every 5 minutes.
std::vector<Sample> meter(TagId tag, qint64 fromMs, qint64 toMs)
{
    std::vector<Sample> out;
    for (qint64 t = fromMs; t < toMs; t += 300'000)
        out.push_back({t, 1000.0 + 100.0 * double(t - Origin) / HourMs, tag, Quality::Good});
    return out;
}

QStringList csvRows(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(f.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text.split(QStringLiteral("\r\n"));
}

/// The production report's grand total: the Total row's last cell ("" when blank).
QString csvTotal(const QString& path)
{
    for (const QString& row : csvRows(path)) {
        const QStringList cells = row.split(u',');
        if (cells.first() == u"Total")
            return cells.last();
    }
    return QStringLiteral("(no Total row)");
}

} // namespace

class tst_ReportScheduler : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    Project m_project;
    History::DatabaseUrl m_url;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<History::HistoryWriter> m_writer;

    QString reports() const { return m_dir->filePath(QStringLiteral("reports")); }
    QString file(const QString& name) const { return QDir(reports()).filePath(name); }

    bool load(const char* schedules)
    {
        ProjectLoad load = ProjectReader::read(projectJson(schedules), QStringLiteral("t.json"));
        for (const Diagnostic& d : load.diagnostics)
            qWarning().noquote() << d.toString();
        if (!load.project)
            return false;
        m_project = std::move(*load.project);
        return true;
    }

    /// Writes the meter (and a steady pressure) from `fromMs` to `toMs`, the clock following.
    void write(qint64 fromMs, qint64 toMs)
    {
        const TagId total = m_project.findTag(u"S1", u"plc", u"outlet_total");
        const TagId pressure = m_project.findTag(u"S1", u"plc", u"outlet_pressure");
        const std::vector<Sample> all = meter(total, fromMs, toMs);
        for (size_t i = 0; i < all.size(); i += 12) {
            std::vector<Sample> part(all.begin() + qsizetype(i),
                                     all.begin() + qsizetype(std::min(i + 12, all.size())));
            m_clock->setNowMs(std::max(m_clock->nowMs(), part.back().timestampMs + 5000));
            part.push_back({part.front().timestampMs, 0.35, pressure, Quality::Good});
            m_writer->write(part);
            QVERIFY(m_writer->flush());
        }
    }

    bool openWriter()
    {
        History::HistoryOptions options;
        options.database = m_url;
        options.spoolDirectory = m_dir->filePath(QStringLiteral("spool"));
        m_writer = std::make_unique<History::HistoryWriter>(m_project, *m_clock, options);
        return m_writer->open();
    }

    std::vector<ReportRun> runs(const QString& family = {})
    {
        History::HistoryReader reader(m_project, m_url);
        QString error;
        const auto rows = reader.open(&error)
                              ? ReportStore(reader.database()).runs(family, 0, 1000, &error)
                              : std::nullopt;
        if (!rows)
            qWarning() << error;
        return rows.value_or(std::vector<ReportRun>{});
    }

    std::vector<ScheduledRun> tick(ReportScheduler& scheduler)
    {
        History::HistoryReader reader(m_project, m_url);
        QString error;
        if (!reader.open(&error)) {
            qWarning() << error;
            return {};
        }
        return scheduler.tick(reader);
    }

    static QStringList summary(const std::vector<ScheduledRun>& runs)
    {
        QStringList out;
        for (const ScheduledRun& r : runs)
            out << r.schedule + u' ' + r.period.code() + u' ' + r.status;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QString error;
        m_url = *History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("h.sqlite")), &error);
        m_clock = std::make_unique<ManualClock>(Origin);
    }

    void cleanup()
    {
        m_writer.reset();
        m_clock.reset();
        m_dir.reset();
    }

    void dueTimes_data()
    {
        QTest::addColumn<QString>("dayStart");
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QString>("period");
        QTest::addColumn<QString>("due"); ///< local time
        QTest::newRow("day: at after the boundary, the next morning")
            << "08:00"
            << R"({"report": "production-day", "at": "08:30"})"
            << "2026-12-01"
            << "2026-12-02 08:30";
        QTest::newRow("day: at before the boundary waits a day")
            << "08:00"
            << R"({"report": "production-day", "at": "07:00"})"
            << "2026-12-01"
            << "2026-12-03 07:00";
        QTest::newRow("day: calendar days")
            << "00:00"
            << R"({"report": "daily", "tag": "outlet_pressure", "at": "06:00"})"
            << "2026-12-01"
            << "2026-12-02 06:00";
        QTest::newRow("month: day 1 after the last day ends")
            << "08:00"
            << R"({"report": "production-month", "at": "08:30"})"
            << "2026-12"
            << "2027-01-01 08:30";
        QTest::newRow("month: never before the last day ends")
            << "08:00"
            << R"({"report": "production-month", "at": "07:00"})"
            << "2026-12"
            << "2027-01-01 08:00";
        QTest::newRow("month: on the 5th")
            << "08:00"
            << R"({"report": "production-month", "at": "09:00", "day": 5})"
            << "2026-11"
            << "2026-12-05 09:00";
    }

    void dueTimes()
    {
        QFETCH(QString, dayStart);
        QFETCH(QString, schedule);
        QFETCH(QString, period);
        QFETCH(QString, due);
        QByteArray json = projectJson(("[" + schedule + "]").toUtf8().constData());
        json.replace("\"dayStart\": \"08:00\"", "\"dayStart\": \"" + dayStart.toUtf8() + '"');
        ProjectLoad load = ProjectReader::read(json, QStringLiteral("t.json"));
        QVERIFY(load.project);
        const ReportSchedule& s = load.project->reports.schedules.at(0);
        const int start = load.project->reports.dayStartMinute;
        const ReportPeriod p = *ReportPeriod::parse(period, nullptr);
        const qint64 ms = ReportScheduler::dueMs(s, p, Shanghai, start);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(ms, Shanghai).toString(u"yyyy-MM-dd HH:mm"), due);
        // The period itself is the newest due at its due time, and not a millisecond before.
        QCOMPARE(ReportScheduler::lastDue(s, ms, Shanghai, start), p);
        QCOMPARE(ReportScheduler::lastDue(s, ms - 1, Shanghai, start), p.previous());
    }

    void schedulesReadBack()
    {
        QVERIFY(load(R"([
            {"report": "production-day", "at": "08:30", "graceMinutes": 60, "formats": ["csv"]},
            {"report": "production-month", "at": "09:00", "day": 2, "folder": "/srv/月报"},
            {"report": "daily", "tag": "outlet_pressure", "at": "08:45"}])"));
        const auto& s = m_project.reports.schedules;
        QCOMPARE(s.size(), size_t(3));
        QCOMPARE(s[0].graceMinutes, 60);
        QCOMPARE(s[0].formats, QStringList{"csv"});
        QCOMPARE(s[1].dayOfMonth, 2);
        QCOMPARE(s[1].atMinute, 9 * 60);
        QCOMPARE(s[2].name(), QStringLiteral("daily-outlet_pressure"));
        QCOMPARE(s[2].formats, (QStringList{"xlsx", "csv"}));
        // Written and read again: the same schedules.
        const ProjectLoad again =
            ProjectReader::read(ProjectWriter::write(m_project), QStringLiteral("again.json"));
        QVERIFY(again.project);
        QVERIFY(again.project->reports.schedules == s);
    }

    void brokenSchedules_data()
    {
        QTest::addColumn<QString>("schedules");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown report") << R"([{"report": "weekly", "at": "08:30"}])"
                                        << "reports.schedules[0].report"
                                        << "expected production-day, production-month or daily";
        QTest::newRow("daily without a tag") << R"([{"report": "daily", "at": "08:30"}])"
                                             << "reports.schedules[0].tag"
                                             << "required, missing";
        QTest::newRow("tag on a production report")
            << R"([{"report": "production-day", "tag": "x", "at": "08:30"}])"
            << "reports.schedules[0].tag"
            << "only a daily report is of one tag";
        QTest::newRow("time out of range") << R"([{"report": "production-day", "at": "25:00"}])"
                                           << "reports.schedules[0].at"
                                           << "expected a time like";
        QTest::newRow("day 31 is not in every month")
            << R"([{"report": "production-month", "at": "08:30", "day": 31}])"
            << "reports.schedules[0].day"
            << "expected a whole number from 1 to 28";
        QTest::newRow("day on a daily production report")
            << R"([{"report": "production-day", "at": "08:30", "day": 3}])"
            << "reports.schedules[0].day"
            << "only a monthly report has a day";
        QTest::newRow("negative grace")
            << R"([{"report": "production-day", "at": "08:30", "graceMinutes": -5}])"
            << "reports.schedules[0].graceMinutes"
            << "expected a whole number from 0";
        QTest::newRow("unknown format")
            << R"([{"report": "production-day", "at": "08:30", "formats": ["xlsx", "doc"]}])"
            << "reports.schedules[0].formats[1]"
            << "expected xlsx, csv, pdf or odt";
        QTest::newRow("the same report twice") << R"([{"report": "production-day", "at": "08:30"},
                  {"report": "production-day", "at": "09:30"}])"
                                               << "reports.schedules[1]"
                                               << "duplicate scheduled report 'production-day'";
    }

    void brokenSchedules()
    {
        QFETCH(QString, schedules);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const ProjectLoad load =
            ProjectReader::read(projectJson(schedules.toUtf8().constData()), u"t.json"_s);
        QVERIFY(!load.project);
        QStringList found;
        for (const Diagnostic& d : load.diagnostics) {
            found << d.toString();
            if (d.isError() && d.path == path && d.message.contains(message))
                return;
        }
        QFAIL(qPrintable(found.join(u'\n')));
    }

    /// The server was down from Dec 2 to Dec 5 noon: on start, production days 2, 3 and 4 are
    /// issued as final (Dec 1 was issued before it stopped), each with its 2400 m³.
    void missedRunsAreCaughtUpOnStart()
    {
        QVERIFY(load(R"([{"report": "production-day", "at": "08:30"},
                         {"report": "daily", "tag": "outlet_pressure", "at": "08:30"}])"));
        QVERIFY(openWriter());
        write(local(1, 0), local(5, 12));

        ReportScheduler::Options options{m_dir->path()};
        {
            // Before it stopped: Dec 1 issued at Dec 2 10:30.
            ManualClock then(local(2, 10, 31));
            ReportScheduler before(m_project, then, options);
            QCOMPARE(summary(tick(before)),
                     (QStringList{"production-day 2026-12-01 final",
                                  "daily-outlet_pressure 2026-12-01 final"}));
        }
        ReportScheduler scheduler(m_project, *m_clock, options);
        const auto done = tick(scheduler);
        QCOMPARE(summary(done),
                 (QStringList{"production-day 2026-12-02 final", "production-day 2026-12-03 final",
                              "production-day 2026-12-04 final",
                              "daily-outlet_pressure 2026-12-02 final",
                              "daily-outlet_pressure 2026-12-03 final",
                              "daily-outlet_pressure 2026-12-04 final"}));
        QCOMPARE(done[0].dueMs, local(3, 8, 30));
        QCOMPARE(done[0].files, (QStringList{file(u"production-day-2026-12-02.v1.xlsx"_s),
                                             file(u"production-day-2026-12-02.v1.csv"_s)}));
        for (int day = 1; day <= 4; ++day)
            QCOMPARE(csvTotal(file(u"production-day-2026-12-0%1.v1.csv"_s.arg(day))), "2400");
        QVERIFY(QFile::exists(file(u"daily-outlet_pressure-2026-12-04.v1.xlsx"_s)));

        // Logged: two runs before, six now, each final, due at 08:30 after its day.
        const std::vector<ReportRun> logged = runs(u"production-day"_s);
        QCOMPARE(logged.size(), size_t(4));
        for (const ReportRun& r : logged) {
            QCOMPARE(r.status, "final");
            const QDate day = QDate::fromString(r.period, Qt::ISODate);
            QCOMPARE(r.dueMs, local(day.day() + 1, 8, 30));
        }
        // Issued versions carry the files' SHA-256.
        History::HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY(reader.open(&error));
        const auto versions =
            ReportStore(reader.database()).versions(u"production-day-2026-12-03"_s, &error);
        QVERIFY(versions);
        QCOMPARE(versions->size(), size_t(2));
        QCOMPARE(versions->front().sha256, ReportStore::sha256Of(versions->front().file, &error));
    }

    /// Nothing is issued twice: later ticks, and a restart, leave the final versions alone.
    void neverTwiceForAPeriod()
    {
        QVERIFY(load(R"([{"report": "production-day", "at": "08:30", "formats": ["csv"]}])"));
        QVERIFY(openWriter());
        write(local(1, 0), local(3, 11));
        ReportScheduler scheduler(m_project, *m_clock, {m_dir->path()});
        QCOMPARE(summary(tick(scheduler)), QStringList{"production-day 2026-12-02 final"});
        QVERIFY(tick(scheduler).empty());
        m_clock->advanceMs(10 * 60'000);
        QVERIFY(tick(scheduler).empty());
        ReportScheduler restarted(m_project, *m_clock, {m_dir->path()});
        QVERIFY(tick(restarted).empty());
        QCOMPARE(runs().size(), size_t(1));
        QCOMPARE(QDir(reports()).entryList(QDir::Files),
                 QStringList{"production-day-2026-12-02.v1.csv"});
    }

    /// Station data of the evening arrives late (store-and-forward): until the grace period
    /// ends the report is a draft, rewritten on every tick; then it is final, with the whole
    /// day, and the draft is gone.
    void draftUntilTheGracePeriodEnds()
    {
        QVERIFY(load(R"([{"report": "production-day", "at": "08:30", "graceMinutes": 120,
                          "formats": ["csv", "xlsx"]}])"));
        QVERIFY(openWriter());
        write(local(3, 20), local(4, 20) + 1); // Dec 4 up to 20:00
        ReportScheduler scheduler(m_project, *m_clock, {m_dir->path()});

        m_clock->setNowMs(local(5, 8, 40));
        auto done = tick(scheduler);
        QCOMPARE(summary(done), QStringList{"production-day 2026-12-04 draft"});
        const QString draft = file(u"production-day-2026-12-04.draft.csv"_s);
        QCOMPARE(done[0].files.first(), draft);
        QCOMPARE(csvTotal(draft), "1200"); // 08:00–20:00; the night's hours not there yet
        QVERIFY(csvRows(draft).join(u'\n').contains(u"Draft"));

        write(local(4, 20, 5), local(5, 8, 45)); // the night arrives
        m_clock->setNowMs(local(5, 8, 50));
        QCOMPARE(summary(tick(scheduler)), QStringList{"production-day 2026-12-04 draft"});
        QCOMPARE(csvTotal(draft), "2400");

        m_clock->setNowMs(local(5, 10, 30));
        done = tick(scheduler);
        QCOMPARE(summary(done), QStringList{"production-day 2026-12-04 final"});
        QCOMPARE(csvTotal(file(u"production-day-2026-12-04.v1.csv"_s)), "2400");
        QVERIFY(
            !csvRows(file(u"production-day-2026-12-04.v1.csv"_s)).join(u'\n').contains(u"Draft"));
        QCOMPARE(
            QDir(reports()).entryList(QDir::Files),
            (QStringList{"production-day-2026-12-04.v1.csv", "production-day-2026-12-04.v1.xlsx"}));
        QStringList statuses;
        for (const ReportRun& r : runs())
            statuses << r.status;
        QCOMPARE(statuses, (QStringList{"final", "draft", "draft"})); // newest first
    }

    /// A run that cannot be made is logged as failed with the reason, and tried again an hour
    /// later, not on every tick.
    void failureIsLoggedWithTheReason()
    {
        QVERIFY(load(R"([{"report": "daily", "tag": "inlet_pressure", "at": "08:30"}])"));
        QVERIFY(openWriter());
        write(local(1, 0), local(2, 11));
        ReportScheduler scheduler(m_project, *m_clock, {m_dir->path()});
        const auto done = tick(scheduler);
        QCOMPARE(summary(done), QStringList{"daily-inlet_pressure 2026-12-01 failed"});
        QCOMPARE(done[0].detail, "no station has a tag 'inlet_pressure'");
        m_clock->advanceMs(10 * 60'000);
        QVERIFY(tick(scheduler).empty());
        m_clock->advanceMs(HourMs);
        QCOMPARE(summary(tick(scheduler)), QStringList{"daily-inlet_pressure 2026-12-01 failed"});
        const std::vector<ReportRun> logged = runs();
        QCOMPARE(logged.size(), size_t(2));
        QCOMPARE(logged[0].status, "failed");
        QCOMPARE(logged[0].detail, "no station has a tag 'inlet_pressure'");
        QCOMPARE(logged[0].dueMs, local(2, 8, 30));
    }

    /// A folder that cannot be written is a failed run naming it.
    void unwritableFolderFails()
    {
        QVERIFY(load(R"([{"report": "production-day", "at": "08:30", "folder": "blocked/x"}])"));
        QVERIFY(openWriter());
        write(local(1, 0), local(2, 11));
        QFile blocker(m_dir->filePath(QStringLiteral("blocked")));
        QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the folder should be
        blocker.close();
        ReportScheduler scheduler(m_project, *m_clock, {m_dir->path()});
        const auto done = tick(scheduler);
        QCOMPARE(summary(done), QStringList{"production-day 2026-12-01 failed"});
        QVERIFY2(done[0].detail.contains(m_dir->filePath(QStringLiteral("blocked/x"))),
                 qPrintable(done[0].detail));
        QCOMPARE(runs().at(0).detail, done[0].detail);
    }

    /// Catch-up is bounded: a server stopped for two months issues the last `catchUpDays`.
    void catchUpIsBounded()
    {
        QVERIFY(load(R"([{"report": "production-day", "at": "08:30", "formats": ["csv"]}])"));
        QVERIFY(openWriter());
        write(local(1, 0), local(1, 1));
        {
            History::HistoryReader reader(m_project, m_url);
            QString error;
            QVERIFY(reader.open(&error));
            // The first run logged long ago.
            QVERIFY(ReportStore(reader.database())
                        .logRun({u"production-day"_s,
                                 u"2026-10-01"_s,
                                 local(1, 0) - 60 * 24 * HourMs,
                                 local(1, 0) - 60 * 24 * HourMs,
                                 u"final"_s,
                                 {}},
                                &error));
        }
        m_clock->setNowMs(local(10, 12));
        ReportScheduler::Options options{m_dir->path()};
        options.catchUpDays = 3;
        ReportScheduler scheduler(m_project, *m_clock, options);
        QCOMPARE(summary(tick(scheduler)),
                 (QStringList{"production-day 2026-12-07 final", "production-day 2026-12-08 final",
                              "production-day 2026-12-09 final"}));
    }
};

QTEST_GUILESS_MAIN(tst_ReportScheduler)
#include "tst_reportscheduler.moc"
