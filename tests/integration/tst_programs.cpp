// The four programs as users and scripts run them: exit codes, messages, files written.
#include <core/clock.h>
#include <core/projectreader.h>
#include <core/users.h>
#include <history/historywriter.h>

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <pwd.h>
#include <unistd.h>

using namespace PumpWatch;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

QString program(const char* name)
{
    return QStringLiteral(PUMPWATCH_BIN_DIR "/") + QLatin1StringView(name);
}

Run run(const char* name, const QStringList& args, int timeoutMs = 60000,
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(program(name), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// Writes `bytes` to `path`; false if any of it could not be written.
bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QString source(const char* path)
{
    return QStringLiteral(PUMPWATCH_SOURCE_DIR "/") + QLatin1StringView(path);
}

} // namespace

class tst_Programs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validateDemo()
    {
        const Run r =
            run("pumpwatch-cli", {"project", "validate", source("resources/demo/zunyi.json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("valid — 60 stations, 69 devices")),
                 qPrintable(r.out));
        QCOMPARE(r.err, QString());
    }

    void validateBrokenListsEveryError()
    {
        QTemporaryDir dir;
        QFile demo(source("resources/demo/zunyi.json"));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QByteArray text = demo.readAll();
        text.replace("\"address\": \"VD1020\"", "\"address\": \"VD10O0\"");
        text.replace("\"id\": \"S0002\"", "\"id\": \"S0001\"");
        text.replace("\"line\": \"beijiao-1\"", "\"line\": \"beijiao-9\"");
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeFile(path, text));

        const Run r = run("pumpwatch-cli", {"project", "validate", path});
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.contains(
                     path + QStringLiteral(
                                ": templates[0].tags[5].address: 'VD10O0' is not an S7 V address")),
                 qPrintable(r.err));
        QVERIFY(lines.contains(
            path +
            QStringLiteral(
                ": stations[1].id: duplicate station id 'S0001' (first at stations[0].id)")));
        QVERIFY(
            lines.contains(path + QStringLiteral(": stations[1].line: unknown line 'beijiao-9'")));
        QVERIFY(lines.last().startsWith(path + QStringLiteral(": ")));
        QVERIFY(lines.last().contains(QStringLiteral("error")));
    }

    void usageErrors()
    {
        QCOMPARE(run("pumpwatch-cli", {}).exitCode, 2);
        QCOMPARE(run("pumpwatch-cli", {"project", "frobnicate"}).exitCode, 2);
        QCOMPARE(run("pumpwatch-cli", {"project", "validate"}).exitCode, 2);
        QCOMPARE(run("pumpwatch-cli", {"project", "import-csv", "x.csv"}).exitCode,
                 2); // no --template
        QCOMPARE(run("pumpwatch-cli", {"project", "validate", "--help"}).exitCode, 0);
    }

    void importGbkTableIntoProject()
    {
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("with-seed.json"));
        const Run r =
            run("pumpwatch-cli",
                {"project", "import-csv", source("tests/unit/core/data/address-table-gbk.csv"),
                 "--template", "seed-table", "--name", "二供泵房PLC地址表", "--project",
                 source("resources/demo/zunyi.json"), "--output", output});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("template 'seed-table' with 11 tags (GB18030)")));
        const ProjectLoad load = ProjectReader::readFile(output);
        QVERIFY(load.project);
        const int t = load.project->templateIndex(u"seed-table");
        QVERIFY(t >= 0);
        const StationTemplate& table = load.project->templates[static_cast<std::size_t>(t)];
        QCOMPARE(table.name, QStringLiteral("二供泵房PLC地址表"));
        QCOMPARE(table.tags[4].name, QStringLiteral("进水压力"));
        QCOMPARE(load.project->stations.size(), std::size_t(60)); // nothing else was lost
    }

    /// A new table must not leave the project broken: a station's own tag that no longer maps
    /// stops the import, and the project file stays as it was.
    void importThatWouldBreakTheProjectWritesNothing()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("site.json"));
        const QByteArray before = R"({"format": "pumpwatch-project", "version": 1, "name": "站",
          "templates": [{"id": "std", "device": {"addressing": "s7-v", "holdStart": 1000},
            "tags": [{"key": "outlet_pressure", "name": "出水压力", "quantity": "pressure", "address": "VD1020", "type": "float32"}]}],
          "stations": [{"id": "S1", "name": "澳门路口", "location": {"lat": 27.7, "lon": 106.9},
            "devices": [{"id": "plc", "template": "std", "endpoint": "127.0.0.1:15001"}],
            "tags": [{"key": "tank_level", "name": "水箱液位", "quantity": "level", "address": "VD1036", "type": "float32"}]}]})";
        QVERIFY(writeFile(project, before));
        const QString csv = dir.filePath(QStringLiteral("table.csv"));
        QVERIFY(writeFile(csv, "地址,类型,存储内容,单位,读/写\nVD1100,FLOAT,出水压力,MPa,只读\n"));

        const Run r = run("pumpwatch-cli", {"project", "import-csv", csv, "--template", "std",
                                            "--project", project});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(project + QStringLiteral(": stations[0].tags[0].address: 'VD1036' lies "
                                                    "below the device's holdStart VB1100")),
            qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("not written")));
        QFile after(project);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
    }

    void importPrintsTemplateWithoutProject()
    {
        const Run r = run("pumpwatch-cli", {"project", "import-csv",
                                            source("tests/unit/core/data/address-table-utf8.csv"),
                                            "--template", "t1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral(
            "{\"key\": \"inlet_flow\", \"name\": \"进水瞬时流量\", \"quantity\": \"flow\"")));
    }

    void generateLargeCity()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.json"));
        QCOMPARE(
            run("pumpwatch-cli", {"project", "generate", "--stations", "2000", "--output", path})
                .exitCode,
            0);
        const Run v = run("pumpwatch-cli", {"project", "validate", path});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.contains(QStringLiteral("2000 stations")));
    }

    /// The shipped demo is what the generator writes, base map included: regenerating it gives
    /// the same bytes, so resources/demo never drifts from the city the simulator serves.
    void demoIsWhatTheGeneratorWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("zunyi.json"));
        const Run r = run("pumpwatch-cli",
                          {"project", "generate", "--stations", "60", "--map", "--output", path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* file :
             {"zunyi.json", "map/zunyi-districts.geojson", "map/zunyi-rivers.geojson",
              "map/zunyi-roads.geojson", "graphics/std-pump-house.json",
              "graphics/std-pump-house-2z.json"}) {
            QFile made(dir.filePath(QString::fromLatin1(file)));
            QFile shipped(source(QByteArray("resources/demo/").append(file).constData()));
            QVERIFY2(made.open(QIODevice::ReadOnly), file);
            QVERIFY2(shipped.open(QIODevice::ReadOnly), file);
            QVERIFY2(made.readAll() == shipped.readAll(), file);
        }
        const Run noOutput =
            run("pumpwatch-cli", {"project", "generate", "--stations", "5", "--map"});
        QCOMPARE(noOutput.exitCode, 2);
        QVERIFY(noOutput.err.contains(QStringLiteral("--map")));
    }

    /// Every one of the 60 demo stations opens a drawing whose every binding holds.
    void graphicsCheckOfTheDemoIsClean()
    {
        const Run r = run("pumpwatch-cli",
                          {"graphics", "check", "--project", source("resources/demo/zunyi.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.endsWith(QStringLiteral(
                     "60 stations checked against 2 drawings: 0 problems at 0 stations\n")),
                 qPrintable(r.out));
        QCOMPARE(run("pumpwatch-cli", {"graphics", "check"}).exitCode, 2);
    }

    /// Broken bindings seeded into a copy of the demo's drawing — a role naming a tag the
    /// template lacks, a bit slot bound to a float tag, a setpoint whose faceplate would write a
    /// read-only tag — are each reported at every station they touch, with file, station,
    /// element and role. (A control object on a read-only command is refused by the project
    /// reader already; tst_graphics_resolve covers it for projects built in code.)
    void graphicsCheckReportsBrokenBindings()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("zunyi.json"));
        QCOMPARE(run("pumpwatch-cli",
                     {"project", "generate", "--stations", "60", "--map", "--output", path})
                     .exitCode,
                 0);
        const auto edit = [](const QString& file, const std::function<void(QJsonObject&)>& change) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
            f.close();
            change(root);
            QVERIFY(writeFile(file, QJsonDocument(root).toJson()));
        };
        edit(dir.filePath(QStringLiteral("graphics/std-pump-house.json")), [](QJsonObject& d) {
            QJsonObject roles = d[u"roles"].toObject();
            QJsonObject level = roles[u"tank_level"].toObject();
            level[u"tag"] = QStringLiteral("tank_lvl");
            roles[u"tank_level"] = level;
            QJsonObject door = roles[u"door"].toObject();
            door[u"tag"] = QStringLiteral("outlet_pressure");
            door.remove(u"quantity");
            roles[u"door"] = door;
            // The frequency setpoint's faceplate would write a read-only measurement.
            QJsonObject setpoint = roles[u"frequency_setpoint"].toObject();
            setpoint[u"tag"] = QStringLiteral("pump1_frequency");
            roles[u"frequency_setpoint"] = setpoint;
            d[u"roles"] = roles;
        });
        const Run r = run("pumpwatch-cli", {"graphics", "check", "--project", path});
        QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
        const QString file = dir.filePath(QStringLiteral("graphics/std-pump-house.json"));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.contains(file + QStringLiteral(": S0001 澳门路口 [low] lt tank_level: "
                                                      "no tag 'tank_lvl'")),
                 qPrintable(r.out));
        QVERIFY2(lines.contains(file + QStringLiteral(": S0001 澳门路口 [low] door door: the role "
                                                      "needs a bit, tag 'outlet_pressure' is an "
                                                      "analog value (float32)")),
                 qPrintable(r.out));
        QVERIFY2(lines.contains(file + QStringLiteral(": S0001 澳门路口 [low] sp_frequency "
                                                      "frequency_setpoint: tag 'pump1_frequency' "
                                                      "is read-only, the role writes it")),
                 qPrintable(r.out));
        // The 51 one-zone stations open the broken drawing (the tank's level is shown by four
        // elements, at the stations with a break tank); the 9 two-zone stations open the other
        // one, untouched.
        const ProjectLoad load = ProjectReader::readFile(path);
        QVERIFY(load.project);
        int oneZone = 0, withTank = 0;
        for (const Station& s : load.project->stations) {
            if (s.devices.size() != 1)
                continue;
            ++oneZone;
            withTank += s.devices[0].equipment.tank.value_or(true) ? 1 : 0;
        }
        QCOMPARE(oneZone, 51);
        QVERIFY(withTank > 10 && withTank < 51); // the demo has both kinds
        const auto count = [&](const char* text) {
            return lines.filter(QString::fromUtf8(text)).size();
        };
        QCOMPARE(count("no tag 'tank_lvl'"), withTank * 4);
        QCOMPARE(count("tag 'outlet_pressure' is an analog value"), 51);
        QCOMPARE(count("tag 'pump1_frequency' is read-only"), 51);
        QVERIFY2(lines.last().endsWith(
                     QStringLiteral("60 stations checked against 2 drawings: %1 problems at 51 "
                                    "stations")
                         .arg(withTank * 4 + 51 + 51)),
                 qPrintable(lines.last()));
    }

    /// The HP-HMI lint's warnings follow the problems: a drawing's raw text colour named with
    /// the file and element, the legacy red-running theme's running colour; neither fails the
    /// check, and the ISA-101 theme alone has nothing to say about the demo.
    void graphicsCheckPrintsHmiWarnings()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("zunyi.json"));
        QCOMPARE(run("pumpwatch-cli",
                     {"project", "generate", "--stations", "5", "--map", "--output", path})
                     .exitCode,
                 0);
        QCOMPARE(run("pumpwatch-cli", {"graphics", "check", "--project", path, "--theme", "isa101"})
                     .out.split(u'\n')
                     .filter(QStringLiteral("HP-HMI warnings")),
                 QStringList{QStringLiteral("HP-HMI warnings (ISA-101): 0")});
        const QString file = dir.filePath(QStringLiteral("graphics/std-pump-house.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray elements = root[u"elements"].toArray();
        elements.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("note")},
                                    {QStringLiteral("kind"), QStringLiteral("text")},
                                    {QStringLiteral("at"), QJsonArray{10, 10}},
                                    {QStringLiteral("size"), QJsonArray{200, 20}},
                                    {QStringLiteral("label"), QStringLiteral("说明")},
                                    {QStringLiteral("style"), QStringLiteral("#3a4b5c")}});
        root[u"elements"] = elements;
        QVERIFY(writeFile(file, QJsonDocument(root).toJson()));

        const Run r = run("pumpwatch-cli", {"graphics", "check", "--project", path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.contains(QStringLiteral("  ") + file +
                                QStringLiteral(": note: style '#3a4b5c' is a raw colour: name a "
                                               "theme role (text, valueText, alarmText, muted) "
                                               "so that the theme, not the drawing, says what "
                                               "colour means")),
                 qPrintable(r.out));
        QVERIFY2(lines.contains(QStringLiteral(
                     "  legacy: state 'running' part 'state' uses alarm colour #e02020 (an alarm "
                     "is #ff2020): ISA-101 keeps bright colour for abnormal states")),
                 qPrintable(r.out));
        QVERIFY2(lines.last().endsWith(QStringLiteral("0 problems at 0 stations")),
                 qPrintable(r.out));
        QCOMPARE(run("pumpwatch-cli", {"graphics", "check", "--project", path, "--theme", "red"})
                     .exitCode,
                 2);
    }

    // pumpwatch-server logs to stdout (to stderr with --dump, whose CSV owns stdout).
    /// `alarms list` prints the project's wall time (Asia/Shanghai, UTC+8), whatever zone the
    /// computer is in (here UTC); without a project, the computer's.
    void alarmsListInTheProjectsZone_data()
    {
        QTest::addColumn<bool>("withProject");
        QTest::addColumn<QString>("start");
        QTest::newRow("project-in-shanghai") << true << "2026-11-20 06:05:00";
        QTest::newRow("no-project-utc") << false << "2026-11-19 22:05:00";
    }

    void alarmsListInTheProjectsZone()
    {
        QFETCH(bool, withProject);
        QFETCH(QString, start);
        const QString projectFile = source("resources/demo/zunyi.json");
        const ProjectLoad load = ProjectReader::readFile(projectFile);
        QVERIFY(load.project);
        const Project& project = *load.project;
        QCOMPARE(project.timeZone, QStringLiteral("Asia/Shanghai"));
        const qint64 startMs =
            QDateTime(QDate(2026, 11, 20), QTime(6, 5), QTimeZone("Asia/Shanghai"))
                .toMSecsSinceEpoch();
        QTemporaryDir dir;
        const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("h.sqlite"));
        {
            ManualClock clock(startMs);
            History::HistoryOptions options;
            QString error;
            options.database = *History::DatabaseUrl::parse(db, &error);
            options.spoolDirectory = dir.filePath(QStringLiteral("spool"));
            History::HistoryWriter writer(project, clock, options);
            QVERIFY(writer.open());
            History::JournalEntry e;
            e.key = 1;
            e.station = project.stations.front().id;
            e.stationName = project.stations.front().displayName();
            e.tag = QStringLiteral("plc/outlet_pressure");
            e.tagName = QStringLiteral("outlet pressure");
            e.type = QStringLiteral("high");
            e.value = 0.61;
            e.startMs = startMs;
            e.endState = QStringLiteral("active");
            writer.journal({&e, 1}, {});
            QCOMPARE(writer.journalPending(), 0);
        }
        QStringList args{"alarms", "list",       "--db", db,
                         "--from", "2026-11-19", "--to", "2026-11-22"};
        if (withProject)
            args << "--project" << projectFile;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        const Run r = run("pumpwatch-cli", args, 60000, env);
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QStringList header = lines[0].split(u'\t');
        const QStringList cells = lines[1].split(u'\t');
        QCOMPARE(cells.size(), header.size());
        QCOMPARE(cells.value(header.indexOf(QStringLiteral("Start"))), start);
    }

    void serverStopsAfterDuration()
    {
        const Run r = run("pumpwatch-server", {"--demo", "--duration", "0.3"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("60 stations, 2553 tags")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("info stopped")));
    }

    void serverStopsCleanlyOnSigterm()
    {
        QProcess p;
        p.start(program("pumpwatch-server"), {"--demo"});
        QVERIFY(p.waitForStarted());
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += p.readAllStandardOutput()).contains("info running"),
                                 10000);
        ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        log += p.readAllStandardOutput();
        QVERIFY2(log.contains("signal 15 received, stopping"), log.constData());
        QVERIFY(log.contains("info stopped"));
    }

    void serverRefusesBrokenProject()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QVERIFY(writeFile(bad, "{\"format\": \"pumpwatch-project\", \"version\": 1}"));
        const Run r = run("pumpwatch-server", {"--project", bad, "--duration", "5"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("name: required, missing")));
    }

    void simulatorListsEndpoints()
    {
        const Run r = run("pumpwatch-sim", {"--demo", "--list"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("S0001/low\t127.0.0.1:15001\t(A)澳门路口")));
        QVERIFY(r.out.contains(QStringLiteral("60 stations, 69 devices")));
    }

    void simulatorBackfillsADayThatAddsUp()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("day.csv"));
        const QStringList args{"--stations", "3",
                               "--backfill", "1",
                               "--interval", "60",
                               "--end",      "2026-11-20T00:00:00",
                               "--keys",     "outlet_flow,outlet_total,power,energy",
                               "--output",   csv};
        const Run r = run("pumpwatch-sim", args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("17292 rows"))); // 3 devices × 4 tags × 1441
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first(), QByteArray("time,station,device,tag,value"));
        QVERIFY(lines[1].startsWith("2026-11-19T00:00:00,S0001,low,"));

        // Per device: the day's totalizer and energy deltas are the integrals of flow and power.
        QHash<QByteArray, QList<double>> series;
        for (const QByteArray& line : lines.mid(1)) {
            const QList<QByteArray> f = line.split(',');
            if (f.size() == 5)
                series[f[1] + '/' + f[3]].append(f[4].toDouble());
        }
        for (const QByteArray station : {"S0001", "S0002", "S0003"}) {
            for (const auto& [rate, meter] :
                 {std::pair{"outlet_flow", "outlet_total"}, std::pair{"power", "energy"}}) {
                const QList<double>& x = series[station + '/' + rate];
                const QList<double>& total = series[station + '/' + meter];
                QCOMPARE(x.size(), 1441);
                double integral = 0;
                for (qsizetype i = 1; i < x.size(); ++i)
                    integral += (x[i - 1] + x[i]) / 2 / 60.0; // per hour, 1-minute steps
                const double delta = total.last() - total.first();
                QVERIFY2(qAbs(delta - integral) < 0.02 * delta,
                         qPrintable(QStringLiteral("%1 %2: %3 vs %4")
                                        .arg(QLatin1String(station), QLatin1String(meter))
                                        .arg(delta)
                                        .arg(integral)));
            }
        }

        // Deterministic: the same command writes the same file.
        QStringList again = args;
        again.last() = dir.filePath(QStringLiteral("again.csv"));
        QCOMPARE(run("pumpwatch-sim", again).exitCode, 0);
        QFile second(again.last());
        QVERIFY(second.open(QIODevice::ReadOnly));
        file.seek(0);
        QVERIFY(file.readAll() == second.readAll());
    }

    void simulatorRefusesWhatItCannotServe()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("city.json"));
        QVERIFY(writeFile(broken,
                          "{\"format\": \"pumpwatch-project\", \"version\": 1, \"stations\": ["));
        Run r = run("pumpwatch-sim", {"--project", broken});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(broken), qPrintable(r.err));
        r = run("pumpwatch-sim", {"--stations", "2", "--speed", "fast"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("--speed")));
        r = run("pumpwatch-sim",
                {"--stations", "2", "--base-port", "19990", "--fault", "burst S0009 on"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("S0009")), qPrintable(r.err));
    }

    // `pumpwatch --demo --fault CMD` with a command that injects no fault refuses to start: the
    // reason on stderr, exit code 1, no window (the snapshot would be written otherwise).
    void workstationRefusesABadFault_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown command") << "bogus S0003 on"
                                         << "bogus";
        QTest::newRow("unknown station") << "burst S9999 on"
                                         << "S9999";
        QTest::newRow("no state") << "burst S0003"
                                  << "on|off";
        QTest::newRow("a pump the station lacks") << "pumpfault S0015 3 on"
                                                  << "S0015";
        QTest::newRow("not a fault: pause") << "pause"
                                            << "burst";
        QTest::newRow("not a fault: help") << "help"
                                           << "burst";
        QTest::newRow("not a fault: status") << "status S0003"
                                             << "burst";
    }

    void workstationRefusesABadFault()
    {
        QFETCH(QString, fault);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString snapshots = dir.filePath(QStringLiteral("snapshots"));
        const Run r = run("pumpwatch", {"--demo", "--lang", "en", "--data", dir.path(), "--fault",
                                        fault, "--snapshot", snapshots, "--settle", "0"});
        QVERIFY2(r.exitCode == 1,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("--fault '%1'").arg(fault)), qPrintable(r.err));
        QVERIFY2(r.err.contains(reason), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(QDir(snapshots).filePath(QStringLiteral("workstation.png"))));
    }

    /// A fresh install: the first administrator is made from a shell, the password read from
    /// a file (never the command line) and held to the rules; the account opens in the
    /// workstation's store; every change, refusals included, is an audit row in the data
    /// folder's history database under the operating system's account.
    void cliCreatesTheFirstAdministrator()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString weak = dir.filePath(QStringLiteral("weak"));
        const QString good = dir.filePath(QStringLiteral("good"));
        QVERIFY(writeFile(weak, "short\n"));
        QVERIFY(writeFile(good, "Water-works-2026\n"));
        const QStringList add{"user",
                              "add",
                              "admin",
                              "--role",
                              "administrator",
                              "--name",
                              QStringLiteral("管理员"),
                              "--data",
                              data,
                              "--password-file"};
        Run r = run("pumpwatch-cli", add + QStringList{weak});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("8")), qPrintable(r.err));
        r = run("pumpwatch-cli", add + QStringList{good});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = run("pumpwatch-cli", add + QStringList{good});
        QCOMPARE(r.exitCode, 1); // exists already
        r = run("pumpwatch-cli", {"user", "list", "--data", data});
        QVERIFY2(r.out.startsWith(QStringLiteral("admin\t管理员\tadministrator\t\tactive")),
                 qPrintable(r.out));

        QString error;
        auto users = UserStore::load(QDir(data).filePath(QStringLiteral("users.json")), &error);
        QVERIFY2(users, qPrintable(error));
        const LoginAttempt a = users->authenticate(u"admin", QStringLiteral("Water-works-2026"),
                                                   QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(a.result, LoginResult::Ok);
        QVERIFY(!a.passwordExpired);
        QFile file(users->path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("Water-works-2026"));

        // Audited: who (this account), what, and the refusals with their reasons.
        QStringList rows;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cli-users"));
            db.setDatabaseName(QDir(data).filePath(QStringLiteral("history.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "SELECT action, target, login, result, new_value FROM audit_log ORDER BY id")));
            while (q.next())
                rows << QStringList{q.value(0).toString(), q.value(1).toString(),
                                    q.value(2).toString(), q.value(3).toString(),
                                    q.value(4).toString()}
                            .join(u'|');
        }
        QSqlDatabase::removeDatabase(QStringLiteral("cli-users"));
        // The CLI's account: $USER, else the passwd entry (CI runs without $USER).
        QString me = qEnvironmentVariable("USER");
        if (me.isEmpty())
            me = QString::fromLocal8Bit(getpwuid(getuid())->pw_name);
        QCOMPARE(rows,
                 (QStringList{QStringLiteral("user.add|user:admin|%1|refused|role=administrator "
                                             "name=管理员 department=")
                                  .arg(me),
                              QStringLiteral("user.add|user:admin|%1|ok|role=administrator "
                                             "name=管理员 department=")
                                  .arg(me),
                              QStringLiteral("user.add|user:admin|%1|refused|role=administrator "
                                             "name=管理员 department=")
                                  .arg(me)}));
    }

    void workstationSnapshot()
    {
        QTemporaryDir dir;
        const Run r = run("pumpwatch", {"--demo", "--snapshot", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage image(dir.filePath(QStringLiteral("workstation.png")));
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1000 && image.height() >= 600);
        // Each panel shows something: not one flat colour (a blank or unpainted dock).
        const QStringList panels = QDir(dir.path()).entryList({QStringLiteral("panel-*.png")});
        QVERIFY2(panels.size() >= 9, qPrintable(panels.join(u' ')));
        for (const QString& name : panels) {
            const QImage panel(dir.filePath(name));
            QVERIFY2(!panel.isNull(), qPrintable(name));
            QSet<QRgb> colours;
            for (int y = 0; y < panel.height(); y += 7) {
                for (int x = 0; x < panel.width(); x += 7)
                    colours.insert(panel.pixel(x, y));
            }
            QVERIFY2(colours.size() > 20, qPrintable(name));
        }
        // What the panels showed, as text beside the images: the list's rows with the demo's
        // station names and values, the banner's line.
        QFile text(dir.filePath(QStringLiteral("snapshot.txt")));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QString shown = QString::fromUtf8(text.readAll());
        QVERIFY2(shown.contains(QStringLiteral("list\t(A)澳门路口\t")), qPrintable(shown));
        QVERIFY2(shown.count(QStringLiteral("\nlist\t")) >= 10, qPrintable(shown));
        QVERIFY2(QRegularExpression(QStringLiteral("\\nlist\\t[^\\t]+\\t[^\\t]+\\t\\d\\.\\d{3}\\t"))
                     .match(shown)
                     .hasMatch(),
                 qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("banner\t")), qPrintable(shown));
    }
};

QTEST_GUILESS_MAIN(tst_Programs)
#include "tst_programs.moc"
