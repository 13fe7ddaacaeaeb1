// `pumpwatch-cli report …` as a clerk or a script runs it, on a SQLite history written here
// with a known meter (100 m³ an hour, so a production day holds 2400 m³): the numbers in the
// CSV, in the .xlsx as openpyxl reads it and in the PDF's text; exit codes and messages naming
// what is wrong; the scheduled reports' run log. And pumpwatch-server issuing its project's
// scheduled reports into the folder beside the project file.
#include <core/clock.h>
#include <core/projectreader.h>
#include <history/historyreader.h>
#include <history/historywriter.h>
#include <reports/reportscheduler.h>
#include <reports/reportstore.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace Qt::StringLiterals;

namespace {

const char* const ProjectText = R"({
  "format": "pumpwatch-project", "version": 1, "name": "报表测试", "timeZone": "Asia/Shanghai",
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [
      {"key": "outlet_total", "name": "出水累积流量", "quantity": "totalizer", "unit": "m³", "address": "40001", "type": "float32"},
      {"key": "outlet_pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40003", "type": "float32"}
    ]}],
  "stations": [
    {"id": "S1", "name": "澳门路口", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]}
  ],
  "reports": {"dayStart": "08:00"}
})";

constexpr qint64 HourMs = 3'600'000;

qint64 local(int day, int hour)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), QTimeZone("Asia/Shanghai"))
        .toMSecsSinceEpoch();
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run program(const char* name, const QStringList& args,
            const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PUMPWATCH_BIN_DIR "/") + QLatin1StringView(name), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

Run cli(const QStringList& args,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    return program("pumpwatch-cli", args, env);
}

/// The CSV's rows as fields (no field here holds a comma or a quote).
QList<QStringList> csv(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(f.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<QStringList> rows;
    for (const QString& line : text.split(u"\r\n"_s))
        rows << line.split(u',');
    return rows;
}

QStringList rowStarting(const QList<QStringList>& rows, const QString& first)
{
    for (const QStringList& r : rows) {
        if (r.first() == first)
            return r;
    }
    return {};
}

} // namespace

class tst_ReportCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;
    QString m_db;

    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

    QStringList render(const QStringList& more) const
    {
        return QStringList{"report", "render", "--project", m_project, "--db", m_db} + more;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = path("site.json");
        QFile f(m_project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(ProjectText);
        f.close();
        const ProjectLoad load = ProjectReader::readFile(m_project);
        QVERIFY(load.project);
        const Project& project = *load.project;
        m_db = u"sqlite:"_s + path("h.sqlite");

        // Dec 1 00:00 to Dec 4 00:00: the meter every 5 minutes, the pressure at 0.35 MPa.
        ManualClock clock(local(1, 0));
        History::HistoryOptions options;
        QString error;
        options.database = *History::DatabaseUrl::parse(m_db, &error);
        options.spoolDirectory = path("spool");
        History::HistoryWriter writer(project, clock, options);
        QVERIFY(writer.open());
        const TagId total = project.findTag(u"S1", u"plc", u"outlet_total");
        const TagId pressure = project.findTag(u"S1", u"plc", u"outlet_pressure");
        for (qint64 t = local(1, 0); t < local(4, 0); t += HourMs) {
            std::vector<Sample> batch;
            for (qint64 s = t; s < t + HourMs; s += 300'000) {
                batch.push_back(
                    {s, 1000.0 + 100.0 * double(s - local(1, 0)) / HourMs, total, Quality::Good});
                batch.push_back({s, 0.35, pressure, Quality::Good});
            }
            clock.setNowMs(t + HourMs);
            writer.write(batch);
            QVERIFY(writer.flush());
        }
    }

    void productionDayAsCsv()
    {
        const QString out = path("day.csv");
        const Run r = cli(render({"--report", "production", "--period", "2026-12-02", "-o", out}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(out), qPrintable(r.out));
        const QList<QStringList> rows = csv(out);
        QCOMPARE(rowStarting(rows, u"08:00"_s).value(1), "100"); // S1, 08:00–09:00
        QCOMPARE(rowStarting(rows, u"Total"_s).last(), "2400");
    }

    void productionMonthAsXlsx()
    {
        const QString out = path("month.xlsx");
        const Run r = cli(
            render({"--report", "production", "--period", "2026-12", "-o", out, "--user", "张三"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QProcess python;
        python.start(
            u"/usr/bin/python3"_s,
            {QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/unit/reports/check_xlsx.py"), out});
        QVERIFY(python.waitForFinished(60000));
        QCOMPARE(python.exitCode(), 0);
        const QJsonObject cells = QJsonDocument::fromJson(python.readAllStandardOutput())
                                      .object()["sheets"]
                                      .toArray()
                                      .at(0)
                                      .toObject()["cells"]
                                      .toObject();
        // Columns: date | S1 | subtotal | total. Find Dec 2's row and the signature.
        QString row;
        bool signed_ = false;
        for (auto it = cells.begin(); it != cells.end(); ++it) {
            const QString v = it.value().toObject()["value"].toVariant().toString();
            if (it.key().startsWith(u'A') && v == u"2026-12-02")
                row = it.key().mid(1);
            signed_ = signed_ || v.contains(u"张三");
        }
        QVERIFY(!row.isEmpty());
        QCOMPARE(cells["B" + row].toObject()["value"].toDouble(), 2400.0);
        QCOMPARE(cells["D" + row].toObject()["cached"].toDouble(), 2400.0); // =SUM(C…), cached
        QVERIFY(signed_);
    }

    /// Facts about an .xlsx as openpyxl reads it (check_xlsx.py).
    static QJsonObject xlsxFacts(const QString& file)
    {
        QProcess python;
        python.start(
            u"/usr/bin/python3"_s,
            {QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/unit/reports/check_xlsx.py"), file});
        if (!python.waitForFinished(60000) || python.exitCode() != 0)
            return {};
        return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    }

    /// 综合查询 of a day at hours into .xlsx: times as dates, numbers as numbers, the unit in
    /// the header, the statistics under the table and a chart beside it.
    void queryHistoryAsXlsx()
    {
        const QString out = path("query.xlsx");
        const Run r = cli({"query", "history", "--project", m_project, "--db", m_db, "--tags",
                           "S1/plc/outlet_pressure,S1/plc/outlet_total", "--from", "2026-12-02",
                           "--to", "2026-12-03", "--step", "hour", "-o", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject sheet = xlsxFacts(out)["sheets"].toArray().at(0).toObject();
        const QJsonObject cells = sheet["cells"].toObject();
        // Title and two subtitles, then station over quantity (unit) — row 4 and 5.
        // A meter at hourly steps: its advance per hour, not its reading.
        QCOMPARE(cells["C5"].toObject()["value"].toString(), u"出水累积流量, advance (m³)"_s);
        QCOMPARE(cells["A6"].toObject()["type"].toString(), u"datetime"_s);
        QCOMPARE(cells["A6"].toObject()["value"].toString(), u"2026-12-02 00:00:00"_s);
        QVERIFY(cells["A6"].toObject()["format"].toString().contains(u"yyyy-mm-dd"));
        QCOMPARE(cells["B6"].toObject()["value"].toDouble(), 0.35);
        QCOMPARE(cells["C6"].toObject()["value"].toDouble(), 100.0);
        // Statistics: 24 hours (rows 6–29), then Minimum, its time, …, Total (a counter's).
        QCOMPARE(cells["A30"].toObject()["value"].toString(), u"Minimum"_s);
        QCOMPARE(cells["B30"].toObject()["value"].toDouble(), 0.35);
        QCOMPARE(cells["A35"].toObject()["value"].toString(), u"Total"_s);
        QCOMPARE(cells["C35"].toObject()["value"].toDouble(), 2400.0);
        QCOMPARE(sheet["charts"].toArray().size(), 1);
    }

    /// 对比查询 as CSV to stdout, and as .xlsx with the ranking and the data as two sheets.
    void queryCompare()
    {
        const QStringList base{
            "query",  "compare",      "--project", m_project,          "--db", m_db,
            "--key",  "outlet_total", "--from",    "2026-12-02T08:00", "--to", "2026-12-03T08:00",
            "--step", "day"};
        Run r = cli(base);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"1,澳门路口"_s), qPrintable(r.out)); // rank 1
        QVERIFY2(r.out.contains(u",2400,"_s), qPrintable(r.out));
        const QString out = path("compare.xlsx");
        r = cli(base + QStringList{"-o", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray sheets = xlsxFacts(out)["sheets"].toArray();
        QCOMPARE(sheets.size(), 2);
        QCOMPARE(sheets[0].toObject()["name"].toString(), u"Ranking"_s);
        QCOMPARE(sheets[1].toObject()["name"].toString(), u"Data"_s);
        r = cli({"query", "compare", "--project", m_project, "--db", m_db, "--key", "inlet",
                 "--from", "2026-12-02", "--to", "2026-12-03"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"no station has a tag 'inlet'"_s), qPrintable(r.err));
    }

    /// 同比/环比 of a running month whose bases have no data: "—", never ±∞, and the station
    /// counts.
    void queryYoy()
    {
        const Run r = cli({"query", "yoy", "--project", m_project, "--db", m_db, "--period",
                           "2026-12", "--now", "2026-12-03T12:30"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // 12-01 08:00 → 12-03 12:00: 52 hours at 100 m³/h.
        QVERIFY2(r.out.contains(u"澳门路口,5200,,—,—,,—,—"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"up to day 3 12:00"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"comparable: 0 against the previous period"_s), qPrintable(r.out));
        const Run bad = cli({"query", "yoy", "--project", m_project, "--db", m_db, "--period",
                             "2026-12", "--measure", "tag"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"--measure must be"_s), qPrintable(bad.err));
    }

    /// PDF needs a QGuiApplication: the CLI makes one on the offscreen platform by itself.
    void productionDayAsPdfWithoutDisplay()
    {
        const QString out = path("day.pdf");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"QT_QPA_PLATFORM"_s);
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        const Run r =
            cli(render({"--report", "production", "--period", "2026-12-02", "-o", out}), env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QProcess text;
        text.start(u"pdftotext"_s, {u"-layout"_s, out, u"-"_s});
        QVERIFY(text.waitForFinished(30000));
        const QString page = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(page.contains(u"报表测试"), qPrintable(page));
        QVERIFY(page.contains(u"2400"));
    }

    void dailyAsCsv()
    {
        const QString out = path("daily.csv");
        const Run r = cli(render({"--report", "daily", "--period", "2026-12-02", "--tag",
                                  "outlet_pressure", "--format", "csv", "-o", out}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList station = rowStarting(csv(out), u"澳门路口"_s);
        QCOMPARE(station.size(), 1 + 24 + 3); // name, 24 hours, max, min, average
        QCOMPARE(station.value(1).toDouble(), 0.35);
        QCOMPARE(station.last().toDouble(), 0.35);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("daily needs a day")
            << QStringList{"--report", "daily", "--period", "2026-12", "-o", "x.csv"} << 2
            << "--period 2026-12: the daily report is of one production day";
        QTest::newRow("not a period")
            << QStringList{"--report", "production", "--period", "2026-13", "-o", "x.csv"} << 2
            << "'2026-13' is not a period";
        QTest::newRow("unknown report")
            << QStringList{"--report", "yearly", "--period", "2026-12", "-o", "x.csv"} << 2
            << "--report must be daily, production or energy, not 'yearly'";
        QTest::newRow("energy without energy meters")
            << QStringList{"--report", "energy", "--period", "2026-12", "-o", "x.csv"} << 1
            << "no station has an energy meter 'energy'";
        QTest::newRow("format unknown from the name")
            << QStringList{"--report", "production", "--period", "2026-12", "-o", "x.txt"} << 2
            << "x.txt: give --format xlsx, pdf, odt or csv";
        QTest::newRow("no such tag")
            << QStringList{"--report", "daily", "--period", "2026-12-02",
                           "--tag",    "inlet", "-o",       "x.csv"}
            << 1 << "daily report of 2026-12-02: no station has a tag 'inlet'";
        QTest::newRow("missing output")
            << QStringList{"--report", "production", "--period", "2026-12"} << 2
            << "--output is required";
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = cli(render(args));
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void unreadableInputsNameTheFile()
    {
        Run r = cli({"report", "render", "--project", path("missing.json"), "--db", m_db,
                     "--report", "production", "--period", "2026-12", "-o", path("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path("missing.json")), qPrintable(r.err));
        r = cli({"report", "render", "--project", m_project, "--db",
                 u"sqlite:"_s + path("empty.sqlite"), "--report", "production", "--period",
                 "2026-12", "-o", path("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"holds no PumpWatch history"), qPrintable(r.err));
        r = cli(render(
            {"--report", "production", "--period", "2026-12", "-o", path("no/such/folder/x.csv")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path("no/such/folder/x.csv")), qPrintable(r.err));
    }

    /// A replacement entered after the test's data (the reports above stay as they are): the
    /// row reports read and its audit row; a wrong tag or a gauge instead of a meter refused.
    void replaceMeterIsEnteredAndAudited()
    {
        const QStringList base{
            "report",           "replace-meter", "--project", m_project, "--db", m_db,     "--at",
            "2026-12-10T14:00", "--old",         "52031.5",   "--new",   "0",    "--user", "李四",
            "--reason",         "换表"};
        const Run bad = cli(base + QStringList{"--tag", "S1/plc/outlet_pressure"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(u"no meter 'S1/plc/outlet_pressure'"_s), qPrintable(bad.err));
        QCOMPARE(cli(base + QStringList{"--tag", "S9/plc/outlet_total"}).exitCode, 1);
        const Run r = cli(base + QStringList{"--tag", "S1/outlet_total"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"S1/plc/outlet_total: meter replaced at 2026-12-10T14:00"_s),
                 qPrintable(r.out));

        const ProjectLoad load = ProjectReader::readFile(m_project);
        QString error;
        History::HistoryReader reader(*load.project, *History::DatabaseUrl::parse(m_db, &error));
        QVERIFY2(reader.open(&error), qPrintable(error));
        Reports::ReportStore store(reader.database());
        const auto rows =
            store.replacements({u"S1/plc/outlet_total"_s}, local(10, 0), local(11, 0), &error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), size_t(1));
        QCOMPARE(rows->front().ms, local(10, 14));
        QCOMPARE(rows->front().oldFinal, 52031.5);
        QCOMPARE(rows->front().newInitial, 0.0);
        QCOMPARE(rows->front().user, u"李四"_s);
        QSqlQuery q(reader.database());
        QVERIFY(q.exec(
            u"SELECT COUNT(*), MAX(user_name), MAX(target) FROM audit_log WHERE action = 'meter.replace'"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toString(), u"李四"_s);
        QCOMPARE(q.value(2).toString(), u"S1/plc/outlet_total"_s);
    }

    void runsListsTheLog()
    {
        {
            const ProjectLoad load = ProjectReader::readFile(m_project);
            QString error;
            History::HistoryReader reader(*load.project,
                                          *History::DatabaseUrl::parse(m_db, &error));
            QVERIFY(reader.open(&error));
            Reports::ReportStore store(reader.database());
            QVERIFY(store.logRun({u"production-day"_s,
                                  u"2026-12-02"_s,
                                  local(3, 8) + 1'800'000,
                                  local(3, 9),
                                  u"draft"_s,
                                  {}},
                                 &error));
            QVERIFY(store.logRun({u"production-day"_s,
                                  u"2026-12-02"_s,
                                  local(3, 8) + 1'800'000,
                                  local(3, 11),
                                  u"final"_s,
                                  {}},
                                 &error));
        }
        const Run r = cli({"report", "runs", "--db", m_db, "--project", m_project});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[1].split(u'\t'),
                 (QStringList{"production-day", "2026-12-02", "2026-12-03 08:30:00",
                              "2026-12-03 11:00:00", "final", ""}));
        QCOMPARE(cli({"report", "runs"}).exitCode, 2);
        QCOMPARE(cli({"report", "frobnicate"}).exitCode, 2);
    }

    /// The server issues the newest due production day on start (a draft or the final,
    /// depending on the hour the test runs), as xlsx and CSV beside the project, and logs it.
    void serverIssuesScheduledReports()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(u"site.json"_s);
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(ProjectText)
                    .replace(R"("dayStart": "08:00")",
                             R"("dayStart": "08:00", "schedules": [{"report": "production-day",
                                "at": "08:30", "folder": "日报"}])"));
        f.close();
        const ProjectLoad load = ProjectReader::readFile(project);
        QVERIFY(load.project);
        const ReportSchedule& schedule = load.project->reports.schedules.at(0);
        const Reports::ReportPeriod due = Reports::ReportScheduler::lastDue(
            schedule, QDateTime::currentMSecsSinceEpoch(), QTimeZone("Asia/Shanghai"), 480);
        const Run r = program("pumpwatch-server",
                              {"--project", project, "--db",
                               u"sqlite:"_s + dir.filePath(u"h.sqlite"_s), "--duration", "2"});
        QCOMPARE(r.exitCode, 0);
        const QString logged = u"scheduled report production-day %1 ("_s.arg(due.code());
        QVERIFY2(r.out.contains(logged), qPrintable(r.out));
        const QStringList files = QDir(dir.filePath(u"日报"_s)).entryList(QDir::Files);
        QCOMPARE(files.size(), 2);
        for (const QString& name : files)
            QVERIFY2(name.startsWith(u"production-day-"_s + due.code() + u'.'), qPrintable(name));
        const Run runs =
            cli({"report", "runs", "--db", u"sqlite:"_s + dir.filePath(u"h.sqlite"_s)});
        QCOMPARE(runs.out.split(u'\n', Qt::SkipEmptyParts).size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_ReportCli)
#include "tst_reportcli.moc"
