// Starting and stopping a simulated pump through the whole pipeline, as the workstation does in
// single-PC mode: select → operate → the pump's running bit read back over Modbus, a start that
// cannot take (the pump is faulty) failing for want of feedback with an alarm, and the audit
// rows in the database.
#include <sim/citygenerator.h>
#include <sim/localcity.h>

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <runtime/pipeline.h>

using namespace PumpWatch;
using namespace PumpWatch::Control;

class tst_Control : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startAndStopASimulatedPump()
    {
        Project project = Sim::CityGenerator::generate({.stations = 2});
        QString error;
        QVERIFY2(Sim::LocalCity::assignFreePorts(project, &error), qPrintable(error));
        SystemClock clock;
        Sim::LocalCity city(project, clock.nowMs());
        QVERIFY2(city.start(&error), qPrintable(error));
        QTemporaryDir dir;
        History::HistoryOptions history;
        history.database = *History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("h.sqlite")), &error);
        history.spoolDirectory = dir.path();
        Runtime::Pipeline pipeline(
            project, clock,
            {.history = history, .dump = nullptr, .projectPath = {}, .stations = {}});
        pipeline.start();
        ControlService& control = pipeline.control();

        const Station& s = project.stations[0];
        const Device& d = s.devices[0];
        const int pumps = d.equipment.pumps > 0 ? d.equipment.pumps : 3;
        auto running = [&](int i) {
            return pipeline.store().value(
                project.findTag(s.id, d.id, QStringLiteral("pump%1_running").arg(i)));
        };
        QTRY_VERIFY_WITH_TIMEOUT(running(1).quality == Quality::Good, 10'000);
        // A pump the staging keeps stopped (a standby).
        int standby = 0;
        for (int i = pumps; i >= 1 && standby == 0; --i) {
            if (running(i).value == 0)
                standby = i;
        }
        QVERIFY2(standby > 0, "every pump runs: no stopped pump to start");
        const ControlAddress pump{0, 0, QStringLiteral("pump[%1]").arg(standby)};
        const Operator zhangsan{QStringLiteral("zhangsan"), QStringLiteral("张三"), Role::Operator,
                                QStringLiteral("WS-TEST")};

        // Start: selected, operated, the running bit follows after the soft start.
        QVERIFY(control.select(zhangsan, pump, 1).ok());
        QVERIFY(control.operate(zhangsan, pump).ok());
        QCOMPARE(control.state(pump).step, Step::Executing);
        QTRY_COMPARE_WITH_TIMEOUT(control.state(pump).step, Step::Done, 15'000);
        QCOMPARE(running(standby).value, 1.0);

        // Stop it again.
        QVERIFY(control.select(zhangsan, pump, 0).ok());
        QVERIFY(control.operate(zhangsan, pump).ok());
        QTRY_COMPARE_WITH_TIMEOUT(control.state(pump).step, Step::Done, 15'000);
        QCOMPARE(running(standby).value, 0.0);

        // A faulty pump never starts: the command fails for want of feedback, with an alarm.
        QVERIFY(city.command(QStringLiteral("pumpfault %1 %2 on").arg(s.id).arg(standby))
                    .startsWith(u"ok"));
        QVERIFY(control.select(zhangsan, pump, 1).ok());
        QVERIFY(control.operate(zhangsan, pump).ok());
        QTRY_COMPARE_WITH_TIMEOUT(control.state(pump).step, Step::Failed, 30'000);
        QCOMPARE(control.state(pump).last.cause, Cause::NoFeedback);
        const auto live = pipeline.alarms().liveRecords();
        QVERIFY(std::any_of(live.begin(), live.end(), [&](const Alarms::AlarmRecord& r) {
            return r.type == Alarms::AlarmType::CommandFailed && r.station == 0 &&
                   r.tag ==
                       project.findTag(s.id, d.id, QStringLiteral("pump%1_command").arg(standby));
        }));
        pipeline.stop();

        // The audit rows, one per transition, with the user's names, role and computer.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("audit"));
        db.setDatabaseName(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "SELECT action, user_name, login, role, workstation, station, target, new_value, "
            "result FROM audit_log WHERE action LIKE 'control.%' ORDER BY id")));
        QStringList rows;
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < 9; ++i)
                cells << q.value(i).toString();
            rows << cells.join(u' ');
        }
        const QString tail =
            QStringLiteral(" 张三 zhangsan operator WS-TEST %1 pump[%2] ").arg(s.id).arg(standby);
        QCOMPARE(rows, (QStringList{
                           "control.select" + tail + "start ok",
                           "control.operate" + tail + "start ok",
                           "control.done" + tail + "start ok",
                           "control.select" + tail + "stop ok",
                           "control.operate" + tail + "stop ok",
                           "control.done" + tail + "stop ok",
                           "control.select" + tail + "start ok",
                           "control.operate" + tail + "start ok",
                           "control.fail" + tail + "start no_feedback",
                       }));
        // The driver's own record of each write (the bytes that went out) is there too.
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'write'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3);

        // An inspector finds them with the CLI.
        QProcess cli;
        cli.start(QStringLiteral(PUMPWATCH_BIN_DIR "/pumpwatch-cli"),
                  {QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--db"),
                   QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("h.sqlite")),
                   QStringLiteral("--from"), QDate::currentDate().addDays(-1).toString(Qt::ISODate),
                   QStringLiteral("--to"), QDate::currentDate().addDays(2).toString(Qt::ISODate),
                   QStringLiteral("--station"), s.id, QStringLiteral("--action"),
                   QStringLiteral("control.%")});
        QVERIFY(cli.waitForFinished(20'000));
        QCOMPARE(cli.exitCode(), 0);
        const QStringList lines =
            QString::fromUtf8(cli.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 9);
        QVERIFY2(lines.last().contains(QStringLiteral("\t张三\tzhangsan\toperator\tWS-TEST\t") +
                                       s.id + QStringLiteral("\tcontrol.fail\tpump[")) &&
                     lines.last().contains(u"\tno_feedback\t"),
                 qPrintable(lines.last()));
    }
};

QTEST_GUILESS_MAIN(tst_Control)
#include "tst_control.moc"
