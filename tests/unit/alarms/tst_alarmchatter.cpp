// Alarm chatter, measured on the demo city (issue 18): the built-in demo project's pump-house
// models (modules/sim) run through the alarm engine for 30 simulated minutes with every fault of
// docs/simulator.md on at once, one station each, the way `pumpwatch --demo --fault …` runs them.
// Each alarm (station, device, tag or rule, type) may raise and clear at most twice in that half
// hour — an alarm that does more chatters at more than 2 transitions an hour, and a dispatcher
// stops reading it. Each row also names the alarms its fault must raise, so a fault that went
// unnoticed cannot pass as quiet.
//
// The acquisition is played as the poller sees the PLCs: every device polled once a second (the
// template's pollMs) with its values as a Modbus client decodes them; a silenced PLC stops
// answering and is reported offline after its timeout and retry (2 s); an outage sets the
// power-fail bit and silences the PLC after the UPS hold-up (10 s, CityServer's default); an
// exception on a register range turns the tags there bad. Latency below the timeout and dropped
// connections reach the engine as nothing at all, so they are not played. Simulated time only.
#include <alarms/alarmengine.h>
#include <core/projectreader.h>
#include <sim/city.h>
#include <sim/localcity.h>

#include <QTest>

#include <demoproject.h>
#include <map>
#include <set>

using namespace PumpWatch;
using namespace PumpWatch::Alarms;
using namespace PumpWatch::Sim;

namespace {

// Monday 2026-11-23 10:00 in Asia/Shanghai: the demand of a weekday morning.
const QDateTime Start(QDate(2026, 11, 23), QTime(10, 0), QTimeZone("Asia/Shanghai"));
constexpr qint64 WarmUpMs = 2 * 60'000;
constexpr qint64 RunMs = 30 * 60'000;
constexpr qint64 PollMs = 1000;
constexpr qint64 OfflineAfterMs = 2000;   ///< timeout 1000 ms, one retry
constexpr qint64 OutageHoldupMs = 10'000; ///< CityServer's default UPS hold-up

/// Every fault of docs/simulator.md's command table that reaches the alarm engine, one station
/// each (a station's outage would suppress whatever else it had).
const char* const Faults[] = {
    "outage S0001 on",
    "silence S0003 on",
    "burst S0004 on",
    "lowlow S0006 on",
    "overflow S0007 on",
    "pumpfault S0009 1 on",
    "sensor S0012 outlet_pressure range",
    "sensor S0013 outlet_pressure freeze",
    "sensor S0014 tank_level range",
    "sensor S0015 inlet_pressure range",
    "exception S0016 1016 4",
};

struct Transitions {
    int count = 0;
    QStringList at; ///< "+12:30 raised" …, for the failure message
};

/// The demo city with its faults, polled and judged second by second.
class Run {
public:
    Run()
        : project(load())
        , clock(Start)
        , city(project, LocalCity::Seed, Start.toMSecsSinceEpoch())
        , engine(project, clock)
        , silentSinceMs(city.units().size(), -1)
        , offline(city.units().size(), false)
        , badRegisters(city.units().size())
    {}

    static Project load()
    {
        ProjectLoad l = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath));
        if (!l.project)
            qFatal("the demo project does not load");
        return std::move(*l.project);
    }

    void apply(const QString& command)
    {
        const QStringList w = command.split(u' ');
        const std::vector<int> units = city.find(w[1]);
        if (units.empty())
            qFatal("no station %s", qPrintable(w[1]));
        for (int u : units) {
            PumpHouse& h = city.units()[static_cast<std::size_t>(u)].house;
            ProcessFaults& f = h.faults();
            if (w[0] == u"outage") {
                f.powerFail = true;
                silentSinceMs[static_cast<std::size_t>(u)] = clock.nowMs() + OutageHoldupMs;
            } else if (w[0] == u"silence") {
                silentSinceMs[static_cast<std::size_t>(u)] = clock.nowMs();
            } else if (w[0] == u"burst") {
                f.burst = true;
            } else if (w[0] == u"lowlow") {
                f.lowLow = true;
            } else if (w[0] == u"overflow") {
                f.overflow = true;
            } else if (w[0] == u"pumpfault") {
                f.pumpFault[static_cast<std::size_t>(w[2].toInt() - 1)] = true;
            } else if (w[0] == u"sensor") {
                h.setSensor(*varOfKey(w[2]),
                            w[3] == u"range" ? SensorMode::OutOfRange : SensorMode::Frozen);
            } else if (w[0] == u"exception") {
                badRegisters[static_cast<std::size_t>(u)] = {w[2].toInt(),
                                                             w[2].toInt() + w[3].toInt()};
            } else {
                qFatal("fault '%s' is not played", qPrintable(command));
            }
        }
    }

    /// One poll of every device at the clock's time, then the engine's tick.
    void poll()
    {
        const qint64 now = clock.nowMs();
        city.advance(now);
        std::vector<Sample> batch;
        for (std::size_t u = 0; u < city.units().size(); ++u) {
            const CityUnit& unit = city.units()[u];
            if (silentSinceMs[u] >= 0 && now >= silentSinceMs[u]) {
                if (!offline[u] && now >= silentSinceMs[u] + OfflineAfterMs) {
                    offline[u] = true;
                    engine.deviceStatus(unit.station, unit.device, false, now,
                                        QStringLiteral("timeout"));
                }
                continue;
            }
            const auto [badFirst, badEnd] = badRegisters[u];
            for (const Binding& b : unit.bindings) {
                const int first = b.location.start;
                const bool bad = b.location.area == AddressArea::HoldingRegister &&
                                 first < badEnd && first + b.location.count > badFirst;
                batch.push_back({now, city.shownValue(unit, b), b.tag,
                                 bad ? Quality::BadConfigError : Quality::Good, false});
            }
        }
        engine.process(batch);
        engine.tick();
    }

    void collect(bool counted)
    {
        for (const AlarmChange& c : engine.takeChanges()) {
            if (!counted || c.kind == AlarmChange::Acknowledged)
                continue;
            const AlarmRecord& r = c.record;
            const Station& station = project.stations[static_cast<std::size_t>(r.station)];
            const QString subject =
                r.type == AlarmType::Rule
                    ? project.alarmRules[static_cast<std::size_t>(r.rule)].id
                    : (r.tag != InvalidTagId ? project.tag(r.tag).key : QStringLiteral("plc"));
            const QString name = station.id + u'/' +
                                 station.devices[static_cast<std::size_t>(r.device)].id + u' ' +
                                 subject + u' ' + QLatin1StringView(alarmTypeCode(r.type));
            Transitions& t = alarms[name];
            ++t.count;
            const qint64 s = (clock.nowMs() - faultsOnMs) / 1000;
            t.at << QStringLiteral("+%1:%2 %3")
                        .arg(s / 60)
                        .arg(s % 60, 2, 10, QLatin1Char('0'))
                        .arg(c.kind == AlarmChange::Raised ? u"raised" : u"cleared");
        }
    }

    void play()
    {
        const qint64 start = clock.nowMs();
        while (clock.nowMs() - start < WarmUpMs) {
            poll();
            collect(false);
            clock.advanceMs(PollMs);
        }
        faultsOnMs = clock.nowMs();
        for (const char* fault : Faults)
            apply(QString::fromLatin1(fault));
        while (clock.nowMs() - faultsOnMs < RunMs) {
            poll();
            collect(true);
            clock.advanceMs(PollMs);
        }
    }

    const Project project;
    ManualClock clock;
    City city;
    AlarmEngine engine;
    std::vector<qint64> silentSinceMs;
    std::vector<bool> offline;
    std::vector<std::pair<int, int>> badRegisters; ///< holding registers [first, end)
    qint64 faultsOnMs = 0;
    std::map<QString, Transitions> alarms; ///< "S0006/low tank_level sensor_fault"
};

} // namespace

class TestAlarmChatter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_run = std::make_unique<Run>();
        m_run->play();
        for (const auto& [name, t] : m_run->alarms)
            qInfo().noquote() << name << t.count << t.at.join(QStringLiteral(", "));
    }

    void transitionsPerHour_data()
    {
        QTest::addColumn<QString>("station");
        QTest::addColumn<QStringList>("raised"); ///< alarms the fault must raise

        QTest::newRow("outage S0001: power, then the PLC on its UPS goes silent")
            << QStringLiteral("S0001")
            << QStringList{"S0001/low power_fail power_fail", "S0001/low plc comm_failure"};
        QTest::newRow("silence S0003: comm failure")
            << QStringLiteral("S0003") << QStringList{"S0003/low plc comm_failure"};
        QTest::newRow("burst S0004: pipe burst in both zones")
            << QStringLiteral("S0004")
            << QStringList{"S0004/low pipe_burst rule", "S0004/high pipe_burst rule"};
        QTest::newRow("lowlow S0006: the tank runs dry and reads -0.0005 m")
            << QStringLiteral("S0006")
            << QStringList{"S0006/low tank_empty rule", "S0006/low tank_level low_low"};
        QTest::newRow("overflow S0007: the tank overflows")
            << QStringLiteral("S0007")
            << QStringList{"S0007/low tank_overflow rule", "S0007/low tank_level high_high"};
        QTest::newRow("pumpfault S0009 1: equipment fault")
            << QStringLiteral("S0009") << QStringList{"S0009/low pump1_fault equipment_fault"};
        QTest::newRow("sensor S0012 outlet_pressure range: a broken loop")
            << QStringLiteral("S0012")
            << QStringList{"S0012/low outlet_pressure sensor_fault",
                           "S0012/low pressure_sensor_fault sensor_fault"};
        QTest::newRow("sensor S0013 outlet_pressure freeze: frozen value")
            << QStringLiteral("S0013") << QStringList{"S0013/low outlet_pressure sensor_fault"};
        QTest::newRow("sensor S0014 tank_level range: a broken loop")
            << QStringLiteral("S0014") << QStringList{"S0014/low tank_level sensor_fault"};
        QTest::newRow("sensor S0015 inlet_pressure range: a broken loop")
            << QStringLiteral("S0015") << QStringList{"S0015/low inlet_pressure sensor_fault"};
        QTest::newRow("exception S0016: bad values raise nothing")
            << QStringLiteral("S0016") << QStringList{};
        QTest::newRow("every other station stays quiet") << QString() << QStringList{};
    }

    void transitionsPerHour()
    {
        QFETCH(QString, station);
        QFETCH(QStringList, raised);
        static const QStringList faulted = [] {
            QStringList ids;
            for (const char* f : Faults)
                ids << QString::fromLatin1(f).section(u' ', 1, 1);
            return ids;
        }();
        QStringList seen;
        QStringList chattering;
        int worst = 0;
        for (const auto& [name, t] : m_run->alarms) {
            const QString id = name.section(u'/', 0, 0);
            if (station.isEmpty() ? faulted.contains(id) : id != station)
                continue;
            seen << name;
            worst = std::max(worst, t.count);
            // Half an hour with the faults on: more than 2 here is more than 2 an hour.
            if (t.count > 2)
                chattering << QStringLiteral("%1: %2 transitions (%3)")
                                  .arg(name)
                                  .arg(t.count)
                                  .arg(t.at.join(QStringLiteral(", ")));
        }
        for (const QString& name : raised)
            QVERIFY2(seen.contains(name),
                     qPrintable(QStringLiteral("%1 was not raised; seen: %2")
                                    .arg(name, seen.join(QStringLiteral("; ")))));
        if (station.isEmpty())
            QVERIFY2(seen.isEmpty(), qPrintable(seen.join(QStringLiteral("; "))));
        QVERIFY2(chattering.isEmpty(), qPrintable(chattering.join(u'\n')));
        QVERIFY(worst <= 2);
    }

private:
    std::unique_ptr<Run> m_run;
};

QTEST_GUILESS_MAIN(TestAlarmChatter)
#include "tst_alarmchatter.moc"
