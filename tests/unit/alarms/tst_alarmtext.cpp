// Alarm causes as a dispatcher reads them: the engine journals a code with parameters
// (AlarmCause), and AlarmText::cause() puts it into the words of whoever reads it — a cause
// raised by a program running in English reads Chinese in the Chinese workstation, a rule alarm
// reads as the rule's name, numbers come in fixed decimals of their unit, and what is not a code
// (a driver's error, a row journalled before the codes) is shown as it is.
#include "../../common/chinese.h"

#include <alarms/alarmengine.h>
#include <core/projectreader.h>

#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Alarms;

namespace {

const QDateTime Start(QDate(2026, 11, 23), QTime(10, 0), QTimeZone("Asia/Shanghai"));

// Raw strings stay outside the class, where moc does not read them.
const char* const ProjectText = R"json({"format": "pumpwatch-project", "version": 1, "name": "t",
    "stations": [{"id": "S1", "name": "测试站", "location": {"lat": 27, "lon": 106},
        "devices": [{"id": "plc", "endpoint": "127.0.0.1:1502"}],
        "tags": [
            {"key": "p", "name": "出水压力", "quantity": "pressure", "address": "HR0", "type": "float32",
             "alarm": {"rate": 0.1, "frozen": 30, "range": [0, 1.6], "rangeDelay": 0}},
            {"key": "q", "name": "出水瞬时流量", "quantity": "flow", "address": "HR2", "type": "float32"},
            {"key": "level", "name": "水箱液位", "quantity": "level", "address": "HR4", "type": "float32",
             "alarm": {"LL": 0.5, "range": [0, 5]}},
            {"key": "pf", "name": "市电停电", "quantity": "power_fail", "address": "CO0", "type": "bool"}
        ]}],
    "alarmRules": [{"id": "tank_empty", "name": "水箱缺水预警", "tags": {"level": "level", "qin": "q"},
        "constants": {"LL": 0.5}, "expression": "level < LL && qin < 1", "onDelay": 10}]})json";

Project load()
{
    ProjectLoad l = ProjectReader::read(ProjectText, QStringLiteral("t.json"));
    if (!l.project)
        qFatal("test project does not load");
    return std::move(*l.project);
}

} // namespace

class TestAlarmText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cause_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("chinese");

        QTest::newRow("sensor range in the decimals of its unit")
            << QStringLiteral("sensor_range;min=0;max=5;unit=m")
            << QStringLiteral("Outside the sensor's range 0.00 … 5.00 m")
            << QStringLiteral("超出传感器量程 0.00 … 5.00 m");
        QTest::newRow("sensor range open on a side")
            << QStringLiteral("sensor_range;max=1.6;unit=MPa")
            << QStringLiteral("Outside the sensor's range -∞ … 1.600 MPa")
            << QStringLiteral("超出传感器量程 -∞ … 1.600 MPa");
        QTest::newRow("a configured bound keeps its decimals, never an exponent")
            << QStringLiteral("sensor_range;min=-5e-05;max=1.6;unit=MPa")
            << QStringLiteral("Outside the sensor's range -0.00005 … 1.600 MPa")
            << QStringLiteral("超出传感器量程 -0.00005 … 1.600 MPa");
        QTest::newRow("frozen value") << QStringLiteral("sensor_frozen;seconds=300")
                                      << QStringLiteral("Value frozen for 300 s")
                                      << QStringLiteral("数值 300 秒未变化（疑似冻结）");
        QTest::newRow("rate of change in fixed decimals")
            << QStringLiteral("rate;change=0.123456;unit=MPa")
            << QStringLiteral("Changed 0.123 MPa within a minute")
            << QStringLiteral("一分钟内变化 0.123 MPa");
        QTest::newRow("a large change written with an exponent")
            << QStringLiteral("rate;change=1.5e+02;unit=m³/h")
            << QStringLiteral("Changed 150.0 m³/h within a minute")
            << QStringLiteral("一分钟内变化 150.0 m³/h");
        QTest::newRow("station power outage")
            << QStringLiteral("power_outage") << QStringLiteral("Station power outage")
            << QStringLiteral("站点停电");
        QTest::newRow("rule alarm reads as its rule's name")
            << QStringLiteral("rule;id=tank_empty;name=水箱缺水预警")
            << QStringLiteral("水箱缺水预警") << QStringLiteral("水箱缺水预警");
        QTest::newRow("rule name with the format's separators")
            << AlarmCause::rule(QStringLiteral("r1"), QStringLiteral("A;B=50%"))
            << QStringLiteral("A;B=50%") << QStringLiteral("A;B=50%");
        QTest::newRow("a control command without feedback")
            << AlarmCause::commandFailed(QStringLiteral("2#泵"), QStringLiteral("no_feedback"), 20)
            << QStringLiteral("2#泵: no feedback within 20 s")
            << QStringLiteral("2#泵：20 秒内无反馈");
        QTest::newRow("a control command the PLC refused, with its answer")
            << AlarmCause::commandFailed(QStringLiteral("进水电动阀"),
                                         QStringLiteral("write_failed"), 60,
                                         QStringLiteral("Modbus exception 4"))
            << QStringLiteral("进水电动阀: the write failed (Modbus exception 4)")
            << QStringLiteral("进水电动阀：下发失败（Modbus exception 4）");
        QTest::newRow("a driver's error stays as given")
            << QStringLiteral("Connection refused") << QStringLiteral("Connection refused")
            << QStringLiteral("Connection refused");
        QTest::newRow("an old row's translated cause stays")
            << QStringLiteral("station power outage") << QStringLiteral("station power outage")
            << QStringLiteral("station power outage");
        QTest::newRow("an old row's rule expression stays")
            << QStringLiteral("level < LL && qin < 1") << QStringLiteral("level < LL && qin < 1")
            << QStringLiteral("level < LL && qin < 1");
        QTest::newRow("a code with a malformed parameter is free text")
            << QStringLiteral("rate;0.5") << QStringLiteral("rate;0.5")
            << QStringLiteral("rate;0.5");
    }

    void cause()
    {
        QFETCH(QString, stored);
        QFETCH(QString, english);
        QFETCH(QString, chinese);
        QCOMPARE(AlarmText::cause(stored), english);
        Test::Chinese zh;
        QCOMPARE(AlarmText::cause(stored), chinese);
    }

    /// Raised while the program runs in English (no translator), journalled, then read in the
    /// Chinese workstation.
    void raisedInEnglishReadsChinese_data()
    {
        QTest::addColumn<QString>("script"); // tag=value batches and +seconds, as in the engine
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("chinese");

        QTest::newRow("sensor range")
            << QStringLiteral("p=0.4; +1; p=-0.4") << QStringLiteral("sensor_fault")
            << QStringLiteral("超出传感器量程 0.000 … 1.600 MPa");
        QTest::newRow("rate of change")
            << QStringLiteral("p=0.40; +10; p=0.52") << QStringLiteral("rate")
            << QStringLiteral("一分钟内变化 0.120 MPa");
        QTest::newRow("frozen value")
            << QStringLiteral("p=0.4; +20; p=0.4; +20") << QStringLiteral("sensor_fault")
            << QStringLiteral("数值 30 秒未变化（疑似冻结）");
        QTest::newRow("comm failure of a station without power")
            << QStringLiteral("pf=1; +11; offline") << QStringLiteral("comm_failure")
            << QStringLiteral("站点停电");
        QTest::newRow("rule alarm shows the rule's name, not its expression")
            << QStringLiteral("level=0.3 q=0; +5; level=0.3 q=0; +6") << QStringLiteral("rule")
            << QStringLiteral("水箱缺水预警");
    }

    void raisedInEnglishReadsChinese()
    {
        QFETCH(QString, script);
        QFETCH(QString, type);
        QFETCH(QString, chinese);
        const Project project = load();
        ManualClock clock(Start);
        AlarmEngine engine(project, clock);
        QStringList journal; // the detail column, as stored
        for (const QString& raw : script.split(u';')) {
            const QString step = raw.trimmed();
            if (step.startsWith(u'+')) {
                clock.advanceMs(step.mid(1).toLongLong() * 1000);
                engine.tick();
            } else if (step == u"offline") {
                engine.deviceStatus(0, 0, false, clock.nowMs(), QStringLiteral("timeout"));
            } else {
                std::vector<Sample> batch;
                for (const QString& item : step.split(u' ')) {
                    const QStringList kv = item.split(u'=');
                    batch.push_back({clock.nowMs(), kv[1].toDouble(),
                                     project.findTag(u"S1", u"plc", kv[0]), Quality::Good, false});
                }
                engine.process(batch);
            }
            for (const AlarmChange& c : engine.takeChanges()) {
                if (c.kind == AlarmChange::Raised &&
                    QLatin1StringView(alarmTypeCode(c.record.type)) == type)
                    journal << c.record.detail;
            }
        }
        QCOMPARE(journal.size(), 1);
        QVERIFY2(AlarmCause::parse(journal[0]), qPrintable(journal[0]));
        Test::Chinese zh;
        QCOMPARE(AlarmText::cause(journal[0]), chinese);
    }
};

QTEST_GUILESS_MAIN(TestAlarmText)
#include "tst_alarmtext.moc"
