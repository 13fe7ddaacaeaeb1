// The alarm engine, replayed: each row is a project fragment, a script of samples, clock steps
// and operator actions, and the exact journal it must produce (start, end, end state, ack) with
// what the alarm list shows and whether the horn sounds at the end.
//
// Script steps, separated by ';':
//   +N            the clock moves N seconds, then the engine ticks
//   p=V q=W       one live batch at the current time (tags p, q, level, pf, fault)
//   hist p=V      a backfilled (historical) sample
//   bad p         a sample of bad quality (comm failure)
//   offline / online, db down / db up
//   ack p         acknowledge the newest unacknowledged record of p (张三, "已处理")
//   ackstation    acknowledge the whole station
//   shelve p N    shelve p for N seconds (李四)
//   set p H=V …   new settings for p while running (李四): LL L H HH rate onDelay, enabled=0|1,
//                 "none" for a limit removes it
// Journal lines: "type start end end_state [ack@T user]" in seconds from the start, "-" for
// no end. Live lines: "type:U|A|RU[:shelved][:suppressed]", newest first.
#include <alarms/alarmengine.h>
#include <alarms/ruleset.h>
#include <core/projectreader.h>

#include <QTest>

#include <map>

using namespace PumpWatch;
using namespace PumpWatch::Alarms;

namespace {

const Actor zhangsan{QStringLiteral("zhangsan"), QStringLiteral("张三")};

// Monday 2026-11-23 05:58:00 in Asia/Shanghai: two minutes before the morning period.
const QDateTime Start(QDate(2026, 11, 23), QTime(5, 58), QTimeZone("Asia/Shanghai"));

QByteArray projectJson(const QByteArray& alarm, const QByteArray& rules)
{
    QByteArray json = R"json({"format": "pumpwatch-project", "version": 1, "name": "t",
        "stations": [{"id": "S1", "name": "测试站", "location": {"lat": 27, "lon": 106},
            "devices": [{"id": "plc", "endpoint": "127.0.0.1:1502"}],
            "tags": [
                {"key": "p", "name": "出水压力", "quantity": "pressure", "address": "HR0", "type": "float32", "alarm": ALARM},
                {"key": "q", "name": "出水瞬时流量", "quantity": "flow", "address": "HR2", "type": "float32"},
                {"key": "level", "name": "水箱液位", "quantity": "level", "address": "HR4", "type": "float32"},
                {"key": "pf", "name": "市电停电", "quantity": "power_fail", "address": "CO0", "type": "bool"},
                {"key": "fault", "name": "1#泵故障", "quantity": "fault", "address": "CO1", "type": "bool"}
            ]}],
        "alarmRules": RULES})json";
    json.replace("ALARM", alarm);
    json.replace("RULES", rules.isEmpty() ? QByteArray("[]") : rules);
    return json;
}

const QByteArray Limits = R"json({"LL": 0.20, "L": 0.25, "H": 0.55, "HH": 0.60)json";

QByteArray limits(const QByteArray& extra = {})
{
    return Limits + (extra.isEmpty() ? QByteArray() : ", " + extra) + '}';
}

const QByteArray BurstRule =
    R"json([{"id": "pipe_burst", "name": "爆管预警", "severity": "critical",
         "tags": {"p": "p", "q": "q"}, "constants": {"X": 30, "Z": 20}, "window": 60,
         "expression": "p < p_max * (1 - X/100) && q > q_min * (1 + Z/100)", "offDelay": 30}])json";

struct Row {
    QString type;
    qint64 start = 0;
    qint64 end = -1;
    QString endState;
    qint64 ack = -1;
    QString ackUser;
};

class Replay {
public:
    explicit Replay(const Project& p)
        : project(p)
        , clock(Start)
        , engine(project, clock)
    {}

    void run(const QString& script)
    {
        for (const QString& raw : script.split(u';', Qt::SkipEmptyParts)) {
            const QString step = raw.trimmed();
            const QStringList w = step.split(u' ', Qt::SkipEmptyParts);
            if (step.startsWith(u'+')) {
                clock.advanceMs(static_cast<qint64>(step.mid(1).toDouble() * 1000));
                engine.tick();
            } else if (w[0] == u"set") {
                AlarmLimits l = engine.limits(tag(w[1]));
                for (const QString& item : w.mid(2)) {
                    const QStringList kv = item.split(u'=');
                    const std::optional<double> v =
                        kv[1] == u"none" ? std::nullopt : std::optional(kv[1].toDouble());
                    const std::map<QString, std::optional<double>*> fields{
                        {"LL", &l.lowLow},
                        {"L", &l.low},
                        {"H", &l.high},
                        {"HH", &l.highHigh},
                        {"rate", &l.ratePerMinute}};
                    if (kv[0] == u"enabled")
                        l.enabled = kv[1] == u"1";
                    else if (kv[0] == u"onDelay")
                        l.onDelayS = v.value_or(0);
                    else
                        *fields.at(kv[0]) = v;
                }
                engine.setLimits(tag(w[1]), l, {QStringLiteral("lisi"), QStringLiteral("李四")});
            } else if (w[0] == u"hist" || w[0] == u"bad" || step.contains(u'=')) {
                std::vector<Sample> batch;
                for (const QString& item : w) {
                    if (item == u"hist" || item == u"bad")
                        continue;
                    const QStringList kv = item.split(u'=');
                    Sample s;
                    s.tag = tag(kv[0]);
                    s.value = kv.value(1).toDouble();
                    s.timestampMs = clock.nowMs();
                    s.quality = w[0] == u"bad" ? Quality::BadCommFailure : Quality::Good;
                    s.historical = w[0] == u"hist";
                    if (s.historical)
                        s.timestampMs -= 3'600'000;
                    batch.push_back(s);
                }
                engine.process(batch);
            } else if (w[0] == u"offline" || w[0] == u"online") {
                engine.deviceStatus(0, 0, w[0] == u"online", clock.nowMs(),
                                    QStringLiteral("timeout"));
            } else if (w[0] == u"db") {
                engine.systemStatus(SystemCondition::Database, w[1] == u"up", clock.nowMs(),
                                    QStringLiteral("connection refused"));
            } else if (w[0] == u"ack") {
                QVERIFY2(engine.acknowledge(newestUnacked(tag(w[1])), zhangsan,
                                            QStringLiteral("已处理")),
                         qPrintable(step));
            } else if (w[0] == u"ackstation") {
                engine.acknowledgeStation(0, zhangsan, QStringLiteral("已处理"));
            } else if (w[0] == u"shelve") {
                QVERIFY(engine.shelve(tag(w[1]), w[2].toLongLong() * 1000,
                                      {QStringLiteral("lisi"), QStringLiteral("李四")},
                                      QStringLiteral("检修")));
            } else {
                QFAIL(qPrintable(QStringLiteral("unknown step '%1'").arg(step)));
            }
            collect();
        }
    }

    QStringList journal() const
    {
        QStringList lines;
        for (const auto& [key, r] : rows) {
            QString line = QStringLiteral("%1 %2 %3 %4")
                               .arg(r.type)
                               .arg(r.start)
                               .arg(r.end < 0 ? QStringLiteral("-") : QString::number(r.end))
                               .arg(r.endState);
            if (r.ack >= 0)
                line += QStringLiteral(" ack@%1 %2").arg(r.ack).arg(r.ackUser);
            lines << line;
        }
        return lines;
    }

    QStringList live() const
    {
        QStringList lines;
        for (const AlarmRecord& r : engine.liveRecords()) {
            static const char* states[] = {"N", "U", "A", "RU"};
            QString line = QLatin1StringView(alarmTypeCode(r.type)) + u':' +
                           QLatin1StringView(states[static_cast<int>(r.state())]);
            if (r.shelved)
                line += QStringLiteral(":shelved");
            if (r.suppressed)
                line += QStringLiteral(":suppressed");
            lines << line;
        }
        return lines;
    }

    TagId tag(const QString& key) const { return project.findTag(u"S1", u"plc", key); }

    quint64 newestUnacked(TagId t) const
    {
        for (const AlarmRecord& r : engine.liveRecords()) {
            if (r.tag == t && !r.isAcknowledged())
                return r.key;
        }
        return 0;
    }

    void collect()
    {
        for (const AlarmChange& c : engine.takeChanges()) {
            Row& row = rows[c.record.key];
            const AlarmRecord& r = c.record;
            row.type = QLatin1StringView(alarmTypeCode(r.type));
            row.start = seconds(r.startMs);
            row.end = r.isActive() ? -1 : seconds(r.endMs);
            row.endState = QLatin1StringView(endStateCode(r.endState));
            row.ack = r.isAcknowledged() ? seconds(r.ackMs) : -1;
            row.ackUser = r.ackUser;
            details[c.record.key] = r.detail;
        }
        for (AlarmAudit& a : engine.takeAudit())
            audit << QStringLiteral("%1 %2 %3").arg(seconds(a.ms)).arg(a.action, a.who.name);
    }

    static qint64 seconds(qint64 ms) { return (ms - Start.toMSecsSinceEpoch()) / 1000; }

    const Project& project;
    ManualClock clock;
    AlarmEngine engine;
    std::map<quint64, Row> rows;
    std::map<quint64, QString> details;
    QStringList audit;
};

Project load(const QByteArray& alarm, const QByteArray& rules = {})
{
    ProjectLoad l = ProjectReader::read(projectJson(alarm, rules), QStringLiteral("t.json"));
    for (const Diagnostic& d : l.diagnostics)
        qWarning().noquote() << d.toString();
    if (!l.project)
        qFatal("test project does not load");
    return std::move(*l.project);
}

} // namespace

class TestAlarmEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void journal_data()
    {
        QTest::addColumn<QByteArray>("alarm");
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("live");
        QTest::addColumn<bool>("sound");

        QTest::newRow("new limits raise at once for a standing value")
            << limits() << QByteArray() << QStringLiteral("p=0.5; +1; set p H=0.45; +1; p=0.5")
            << QStringList{"high 1 - active"} << QStringList{"high:U"} << false;
        QTest::newRow("new limits end what they no longer call for")
            << limits() << QByteArray()
            << QStringLiteral("p=0.57; +1; set p H=0.6 HH=0.7; +1; p=0.57")
            << QStringList{"high 0 1 normal"} << QStringList{"high:RU"} << false;
        QTest::newRow("a stricter limit steps the record up")
            << limits() << QByteArray() << QStringLiteral("p=0.57; +1; set p HH=0.56")
            << QStringList{"high 0 1 new_alarm", "high_high 1 - active"}
            << QStringList{"high_high:U", "high:RU"} << true;
        QTest::newRow("disabling ends the tag's alarms")
            << limits() << QByteArray()
            << QStringLiteral("p=0.1; +1; set p enabled=0; +1; p=0.1; +1; set p enabled=1")
            << QStringList{"low_low 0 1 normal", "low_low 3 - active"}
            << QStringList{"low_low:U", "low_low:RU"} << true;
        QTest::newRow("a tag without limits gets watched")
            << limits() << QByteArray()
            << QStringLiteral("q=120; +1; set q H=100 onDelay=2; +1; +1; set q H=none")
            << QStringList{"high 3 3 normal"} << QStringList{"high:RU"} << false;
        QTest::newRow("a rate limit set while running")
            << limits() << QByteArray()
            << QStringLiteral("p=0.4; +1; set p rate=0.05; +1; p=0.3; +1; p=0.31")
            << QStringList{"rate 2 - active"} << QStringList{"rate:U"} << true;
        QTest::newRow("chatter without deadband")
            << limits() << QByteArray()
            << QStringLiteral("p=0.4; +1; p=0.56; +1; p=0.549; +1; p=0.56; +1; p=0.549")
            << QStringList{"high 1 2 normal", "high 3 4 normal"}
            << QStringList{"high:RU", "high:RU"} << false;
        QTest::newRow("chatter with deadband")
            << limits(R"json("deadband": 0.02)json") << QByteArray()
            << QStringLiteral(
                   "p=0.4; +1; p=0.56; +1; p=0.549; +1; p=0.56; +1; p=0.549; +1; p=0.529")
            << QStringList{"high 1 5 normal"} << QStringList{"high:RU"} << false;
        QTest::newRow("on-delay rides out a spike, raises a standing excursion")
            << limits(R"json("onDelay": 5)json") << QByteArray()
            << QStringLiteral("p=0.56; +1; p=0.56; +1; p=0.5; +1; p=0.57; +1; p=0.57; +1; +1; "
                              "+1; p=0.58; +1; +1")
            << QStringList{"high 8 - active"} << QStringList{"high:U"} << false;
        QTest::newRow("off-delay holds the record over a dip")
            << limits(R"json("offDelay": 10)json") << QByteArray()
            << QStringLiteral("p=0.56; +2; p=0.5; +5; p=0.56; +2; p=0.5; +5; +5")
            << QStringList{"high 0 19 normal"} << QStringList{"high:RU"} << false;
        QTest::newRow("period boundary while in alarm")
            << limits(
                   R"json("periods": [{"from": "06:00", "to": "09:00", "days": "mon-fri", "H": 0.6, "HH": 0.65}])json")
            << QByteArray() << QStringLiteral("p=0.57; +60; p=0.57; +60; +60; p=0.62")
            << QStringList{"high 0 120 normal", "high 180 - active"}
            << QStringList{"high:U", "high:RU"} << false;
        QTest::newRow("period does not apply at the weekend")
            << limits(
                   R"json("periods": [{"from": "06:00", "to": "09:00", "days": "sat,sun", "H": 0.6}])json")
            << QByteArray() << QStringLiteral("p=0.57; +60; +60; +60; p=0.57")
            << QStringList{"high 0 - active"} << QStringList{"high:U"} << false;
        QTest::newRow("warning, critical, warning, normal")
            << limits() << QByteArray()
            << QStringLiteral("p=0.56; +1; p=0.61; +1; p=0.57; +1; p=0.5; +1; p=0.24; +1; p=0.19")
            << QStringList{"high 0 1 new_alarm", "high_high 1 2 new_alarm", "high 2 3 normal",
                           "low 4 5 new_alarm", "low_low 5 - active"}
            << QStringList{"low_low:U", "low:RU", "high:RU", "high_high:RU", "high:RU"} << true;
        QTest::newRow("acknowledged critical stops the horn and leaves when normal")
            << limits() << QByteArray() << QStringLiteral("p=0.61; +2; ack p; +1; p=0.5")
            << QStringList{"high_high 0 3 normal ack@2 张三"} << QStringList{} << false;
        QTest::newRow("returned unacknowledged critical keeps sounding")
            << limits() << QByteArray() << QStringLiteral("p=0.61; +1; p=0.5; +5")
            << QStringList{"high_high 0 1 normal"} << QStringList{"high_high:RU"} << true;
        QTest::newRow("station acknowledgement")
            << limits() << QByteArray() << QStringLiteral("p=0.61 fault=1; +3; ackstation")
            << QStringList{"equipment_fault 0 - active ack@3 张三",
                           "high_high 0 - active ack@3 张三"}
            << QStringList{"high_high:A", "equipment_fault:A"} << false;
        QTest::newRow("comm loss suppresses, then judges fresh values")
            << limits() << QByteArray()
            << QStringLiteral("p=0.56; +1; offline; bad p=0; +30; online; +1; p=0.5")
            << QStringList{"high 0 32 normal", "comm_failure 1 31 normal"}
            << QStringList{"comm_failure:RU", "high:RU"} << true;
        QTest::newRow("offline station stands for its alarms")
            << limits() << QByteArray() << QStringLiteral("p=0.4; +1; offline; +30")
            << QStringList{"comm_failure 1 - active"} << QStringList{"comm_failure:U"} << true;
        QTest::newRow("power outage suppresses the pressure it drops")
            << limits() << QByteArray()
            << QStringLiteral("p=0.4 pf=0; +1; p=0.1 pf=1; +1; p=0.05 pf=1 fault=1; +10; offline")
            << QStringList{"power_fail 1 - active", "comm_failure 12 - active"}
            << QStringList{"comm_failure:U", "power_fail:U"} << true;
        QTest::newRow("pipe burst rule")
            << QByteArray("{}") << BurstRule
            << QStringLiteral("p=0.40 q=100; +10; p=0.39 q=102; +5; p=0.25 q=150; +5; "
                              "p=0.25 q=150; +60; p=0.25 q=150; +30; +10")
            << QStringList{"rule 15 110 normal"} << QStringList{"rule:RU"} << true;
        QTest::newRow("pressure drop without a flow surge is not a burst")
            << QByteArray("{}") << BurstRule
            << QStringLiteral("p=0.40 q=100; +10; p=0.25 q=40; +10; p=0.2 q=20") << QStringList{}
            << QStringList{} << false;
        QTest::newRow("backfill never raises or clears")
            << limits() << QByteArray()
            << QStringLiteral("hist p=0.9; +1; p=0.56; +1; hist p=0.4; +1; hist p=0.1")
            << QStringList{"high 1 - active"} << QStringList{"high:U"} << false;
        QTest::newRow("shelving hides until it expires")
            << limits() << QByteArray()
            << QStringLiteral("p=0.56; +1; shelve p 60; +1; p=0.61; +30")
            << QStringList{"high 0 2 new_alarm", "high_high 2 - active"}
            << QStringList{"high_high:U:shelved", "high:RU:shelved"} << false;
        QTest::newRow("shelving expired")
            << limits() << QByteArray()
            << QStringLiteral("p=0.56; +1; shelve p 60; +1; p=0.61; +30; +30")
            << QStringList{"high 0 2 new_alarm", "high_high 2 - active"}
            << QStringList{"high_high:U", "high:RU"} << true;
        QTest::newRow("frozen sensor")
            << limits(R"json("frozen": 30)json") << QByteArray()
            << QStringLiteral("p=0.4; +10; p=0.4; +10; p=0.4; +10; +5; p=0.41")
            << QStringList{"sensor_fault 30 35 normal"} << QStringList{"sensor_fault:RU"} << false;
        QTest::newRow("out of the sensor's range is a sensor fault, not low-low")
            << limits(R"json("range": [0, 1.6], "rangeDelay": 0)json") << QByteArray()
            << QStringLiteral("p=0.4; +1; p=-0.4; +1; p=0.4")
            << QStringList{"sensor_fault 1 2 normal"} << QStringList{"sensor_fault:RU"} << false;
        QTest::newRow("a broken loop counts after the default range delay, and so does its end")
            << limits(R"json("range": [0, 1.6])json") << QByteArray()
            << QStringLiteral("p=0.4; +1; p=-0.4; +5; +5; +1; p=0.4; +5; +5; +1")
            << QStringList{"sensor_fault 11 22 normal"} << QStringList{"sensor_fault:RU"} << false;
        QTest::newRow("an empty tank at the edge of the range is low-low, not a sensor fault")
            << limits(R"json("range": [0, 1.6])json") << QByteArray()
            << QStringLiteral(
                   "p=0.3; +1; p=-0.0005; +15; p=0.0004; +15; p=-0.0005; +15; p=0.0003; +15")
            << QStringList{"low_low 1 - active"} << QStringList{"low_low:U"} << true;
        QTest::newRow("range tolerance, delay and deadband from the project")
            << QByteArray(
                   R"json({"range": [0, 1.6], "rangeTolerance": 0.1, "rangeDelay": 2, "rangeDeadband": 0.05})json")
            << QByteArray()
            << QStringLiteral("p=0.4; +1; p=-0.09; +3; p=-0.11; +1; +1; +1; p=-0.06; +3; "
                              "p=-0.04; +1; +1; +1")
            << QStringList{"sensor_fault 6 12 normal"} << QStringList{"sensor_fault:RU"} << false;
        QTest::newRow("rate of change within a minute")
            << limits(R"json("rate": 0.1)json") << QByteArray()
            << QStringLiteral("p=0.40; +10; p=0.52; +30; p=0.52; +30; +1")
            << QStringList{"rate 10 70 normal"} << QStringList{"rate:RU"} << true;
        QTest::newRow("database connection")
            << limits() << QByteArray() << QStringLiteral("+1; db down; +5; db down; +5; db up")
            << QStringList{"database 1 11 normal"} << QStringList{"database:RU"} << true;
        QTest::newRow("disabled limits")
            << limits(R"json("enabled": false)json") << QByteArray()
            << QStringLiteral("p=0.7; +1; p=0.1") << QStringList{} << QStringList{} << false;
    }

    void journal()
    {
        QFETCH(QByteArray, alarm);
        QFETCH(QByteArray, rules);
        QFETCH(QString, script);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, live);
        QFETCH(bool, sound);
        const Project project = load(alarm, rules);
        Replay replay(project);
        QVERIFY(replay.engine.diagnostics().empty());
        replay.run(script);
        QCOMPARE(replay.journal(), expected);
        QCOMPARE(replay.live(), live);
        QCOMPARE(replay.engine.soundRequired(), sound);
    }

    void commAlarmNamesPowerOutageAsCause()
    {
        const Project project = load(limits());
        Replay replay(project);
        replay.run(QStringLiteral("p=0.4 pf=0; +1; offline; online; +1; p=0.4 pf=1; +10; offline"));
        QStringList causes;
        QStringList shown;
        for (const auto& [key, detail] : replay.details) {
            if (replay.rows[key].type == u"comm_failure") {
                causes << detail;
                shown << AlarmText::cause(detail);
            }
        }
        // The driver's error as it gave it; the outage as a code, put in words when shown.
        QCOMPARE(causes, (QStringList{"timeout", "power_outage"}));
        QCOMPARE(shown, (QStringList{"timeout", "Station power outage"}));
    }

    /// The journal keeps a code with parameters, never words in the language of the moment.
    void causeIsStoredAsCode_data()
    {
        QTest::addColumn<QByteArray>("alarm");
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("stored");

        QTest::newRow("outside the sensor's range")
            << limits(R"json("range": [0, 1.6], "rangeDelay": 0)json") << QByteArray()
            << QStringLiteral("p=0.4; +1; p=-0.4") << QStringLiteral("sensor_fault")
            << QStringLiteral("sensor_range;min=0;max=1.6;unit=MPa");
        QTest::newRow("frozen value")
            << limits(R"json("frozen": 30)json") << QByteArray()
            << QStringLiteral("p=0.4; +10; p=0.4; +10; p=0.4; +10; +5")
            << QStringLiteral("sensor_fault") << QStringLiteral("sensor_frozen;seconds=30");
        QTest::newRow("rate of change")
            << limits(R"json("rate": 0.1)json") << QByteArray()
            << QStringLiteral("p=0.40; +10; p=0.52") << QStringLiteral("rate")
            << QStringLiteral("rate;change=0.12;unit=MPa");
        QTest::newRow("rule alarm names its rule, not its expression")
            << QByteArray("{}") << BurstRule
            << QStringLiteral("p=0.40 q=100; +10; p=0.39 q=102; +5; p=0.25 q=150")
            << QStringLiteral("rule") << QStringLiteral("rule;id=pipe_burst;name=爆管预警");
        QTest::newRow("comm failure after a power outage")
            << limits() << QByteArray() << QStringLiteral("p=0.4 pf=1; +11; offline")
            << QStringLiteral("comm_failure") << QStringLiteral("power_outage");
    }

    void causeIsStoredAsCode()
    {
        QFETCH(QByteArray, alarm);
        QFETCH(QByteArray, rules);
        QFETCH(QString, script);
        QFETCH(QString, type);
        QFETCH(QString, stored);
        const Project project = load(alarm, rules);
        Replay replay(project);
        replay.run(script);
        QStringList details;
        for (const auto& [key, detail] : replay.details) {
            if (replay.rows[key].type == type)
                details << detail;
        }
        QCOMPARE(details, QStringList{stored});
    }

    void shelvingIsAudited()
    {
        const Project project = load(limits());
        Replay replay(project);
        replay.run(QStringLiteral("p=0.56; +1; shelve p 60; +60"));
        QCOMPARE(replay.audit, (QStringList{"1 shelve 李四", "61 unshelve "}));
    }

    void limitChangesAreAuditedWithOldAndNewSettings()
    {
        const Project project = load(limits());
        Replay replay(project);
        replay.run(QStringLiteral("+1; set p H=0.5 enabled=0"));
        const TagId p = replay.tag(QStringLiteral("p"));
        QCOMPARE(replay.audit, QStringList{"1 limits 李四"});
        QCOMPARE(replay.engine.limits(p).high, 0.5);
        QVERIFY(!replay.engine.limits(p).enabled);
        QCOMPARE(project.tag(p).alarm.high, 0.55); // the project itself is left as it was
        replay.engine.setLimits(p, replay.engine.limits(p),
                                {QStringLiteral("lisi"), QStringLiteral("李四")});
        QVERIFY(replay.engine.takeAudit().empty()); // nothing changed, nothing audited
        AlarmLimits l = replay.engine.limits(p);
        l.low.reset();
        replay.engine.setLimits(p, l, {QStringLiteral("wangwu"), QStringLiteral("王五")});
        const std::vector<AlarmAudit> audit = replay.engine.takeAudit();
        QCOMPARE(audit.size(), 1u);
        QCOMPARE(
            audit[0].oldValue,
            QStringLiteral(R"({"LL": 0.2, "L": 0.25, "H": 0.5, "HH": 0.6, "enabled": false})"));
        QCOMPARE(audit[0].newValue,
                 QStringLiteral(R"({"LL": 0.2, "H": 0.5, "HH": 0.6, "enabled": false})"));
    }

    void restoredRecordsEndWhenTheirConditionClears()
    {
        const Project project = load(limits(), BurstRule);
        Replay replay(project);
        const TagId p = replay.tag(QStringLiteral("p"));
        AlarmRecord high;
        high.type = AlarmType::High;
        high.station = 0;
        high.device = 0;
        high.tag = p;
        high.value = 0.57;
        high.startMs = Start.toMSecsSinceEpoch() - 60'000;
        AlarmRecord comm = high;
        comm.type = AlarmType::CommFailure;
        comm.tag = InvalidTagId;
        AlarmRecord unknown = high;
        unknown.type = AlarmType::Rule;
        unknown.rule = 7; // a rule the project no longer has
        const std::vector<quint64> keys = replay.engine.restore({high, comm, unknown});
        QCOMPARE(keys.size(), 3u);
        QVERIFY(keys[0] != 0 && keys[1] != 0);
        QCOMPARE(keys[2], 0u);
        QCOMPARE(replay.live(), (QStringList{"comm_failure:U", "high:U:suppressed"}));
        // Suppressed until the device answers; then the fresh value decides.
        replay.run(QStringLiteral("p=0.5; +1; online; +1; p=0.5"));
        QCOMPARE(replay.journal(), (QStringList{"high -60 2 normal", "comm_failure -60 1 normal"}));
        QVERIFY(replay.engine.takeChanges().empty());
    }

    void ruleWindowStaysBoundedWhileTheRuleCannotBeEvaluated()
    {
        // q never has a good value (and the device might as well be without power): the rule is
        // not evaluated, but p's values must not pile up beyond the 60 s window all the same.
        const Project project = load(limits(), BurstRule);
        RuleSet rules(project);
        QCOMPARE(rules.instances().size(), 1u);
        RuleSet::Instance& in = rules.instances().front();
        const qint64 start = Start.toMSecsSinceEpoch();
        for (int second = 0; second < 600; ++second)
            rules.update(in, 0, start + second * 1000, 0.4 + 0.001 * second);
        QCOMPARE(in.recent[0].size(), 61u); // 539 s … 599 s: the window, from the newest value back
        QCOMPARE(in.recent[0].front().first, start + 539'000);
        QVERIFY(!rules.evaluate(in, start + 600'000).has_value()); // q: no value yet
        rules.update(in, 1, start + 600'000, 10.0);
        QVERIFY(rules.evaluate(in, start + 600'000).has_value());
    }

    void badRuleExpressionIsNamed()
    {
        const QByteArray rules = R"json([{"id": "r1", "tags": {"p": "p"}, "expression": "p <"},
                                     {"id": "r2", "tags": {"x": "nope"}, "stations": ["S1"], "expression": "x > 1"}])json";
        const Project project = load(limits(), rules);
        ManualClock clock(Start);
        AlarmEngine engine(project, clock, {QStringLiteral("t.json")});
        QStringList messages;
        for (const Diagnostic& d : engine.diagnostics())
            messages << d.toString();
        QCOMPARE(messages.size(), 3);
        QVERIFY2(messages[0].startsWith(u"t.json: alarmRules[0].expression: rule 'r1': "),
                 qPrintable(messages[0]));
        QCOMPARE(messages[1],
                 QStringLiteral("t.json: alarmRules[1].tags: rule 'r2': S1/plc has no tag nope"));
        QVERIFY2(messages[2].contains(u"rule 'r2' applies to no device"), qPrintable(messages[2]));
    }
};

QTEST_GUILESS_MAIN(TestAlarmEngine)
#include "tst_alarmengine.moc"
