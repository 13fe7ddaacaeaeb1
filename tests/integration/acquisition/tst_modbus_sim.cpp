// The Modbus driver against pumpwatch-sim: a ten-station city with every word order, two
// stations on an RS-485 line (pty pair), writes with read-back, an exception range, a silent
// RTU unit, and the simulator killed and restarted.
#include "testpeers.h"

#include <acquisition/modbusdriver.h>
#include <core/projectreader.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

using namespace PumpWatch;
using namespace PumpWatch::Acquisition;
using PumpWatch::Test::ControlledProcess;

namespace {

constexpr int PollMs = 500;

QString sim()
{
    return QStringLiteral(PUMPWATCH_BIN_DIR "/pumpwatch-sim");
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-6 + 2e-6 * std::abs(b);
}

} // namespace

class tst_ModbusSim : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_projectPath;
    std::optional<Project> m_project;
    std::unique_ptr<ControlledProcess> m_sim;
    std::unique_ptr<Test::RecordingSink> m_sink;
    std::unique_ptr<ModbusDriver> m_driver;
    SystemClock m_clock;

    bool startSim()
    {
        m_sim = std::make_unique<ControlledProcess>();
        return m_sim->start(sim(), {QStringLiteral("--project"), m_projectPath});
    }

    TagId tag(const char* path) const { return m_project->findTag(QString::fromLatin1(path)); }

    /// Waits until every tag of the city has a good value newer than `afterMs`.
    bool freshAfter(qint64 afterMs, int timeoutMs = 10'000)
    {
        return QTest::qWaitFor(
            [&] {
                for (TagId t = 0; t < m_project->tagCount(); ++t) {
                    const TagValue v = m_sink->value(t);
                    if (v.quality != Quality::Good || v.timestampMs <= afterMs)
                        return false;
                }
                return true;
            },
            timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const int base = Test::freePortBase(12, 24000, 32000);
        QVERIFY(base > 0);
        m_projectPath = m_dir.filePath(QStringLiteral("city.json"));
        QProcess gen;
        gen.start(sim(),
                  {QStringLiteral("--stations"), QStringLiteral("10"),
                   QStringLiteral("--rtu-stations"), QStringLiteral("2"),
                   QStringLiteral("--rtu-port"), m_dir.filePath(QStringLiteral("ttyRTU0")),
                   QStringLiteral("--base-port"), QString::number(base),
                   QStringLiteral("--write-project"), m_projectPath, QStringLiteral("--list")});
        QVERIFY(gen.waitForFinished(30'000));
        QCOMPARE(gen.exitCode(), 0);
        ProjectLoad load = ProjectReader::readFile(m_projectPath);
        QVERIFY(load.project);
        m_project = std::move(*load.project);
        // Fast polls so that the test is quick; timeouts short so that loss shows at once.
        std::set<WordOrder> orders;
        std::set<Protocol> protocols;
        for (Station& s : m_project->stations) {
            for (Device& d : s.devices) {
                d.settings.pollMs = PollMs;
                d.settings.timeoutMs = 400;
                d.settings.retries = 0;
                d.settings.demotionMs = 2000; // a demoted unit's recovery shows quickly
                orders.insert(d.settings.wordOrder);
                protocols.insert(d.settings.protocol);
            }
        }
        QCOMPARE(orders.size(), std::size_t{4});
        QCOMPARE(protocols.size(), std::size_t{2});

        QVERIFY2(startSim(), qPrintable(m_sim->errors()));
        m_sink = std::make_unique<Test::RecordingSink>(m_project->tagCount());
        ModbusDriverOptions options;
        options.reconnect = {200, 1000, 0.2};
        options.badBlockRetryMs = 1500;
        m_driver = std::make_unique<ModbusDriver>(*m_project, m_clock, *m_sink, options);
        m_driver->start();
        QVERIFY(QTest::qWaitFor([&] { return Test::allOnline(*m_driver); }, 10'000));
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_sim.reset();
    }

    void everyTagEqualsTheSimulator()
    {
        // Paused, the city holds still: what the driver decoded must be what the model shows,
        // for every tag of every device, TCP and RTU, in all four word orders.
        QCOMPARE(m_sim->command(QStringLiteral("pause")).left(2), QStringLiteral("ok"));
        QVERIFY(freshAfter(m_clock.nowMs() + 50));
        // (Checked before the gets below, which block this thread and so the driver's loop.)
        QCOMPARE(m_driver->stats().overruns, quint64{0});
        int compared = 0;
        for (TagId t = 0; t < m_project->tagCount(); ++t) {
            const double expected = m_sim->number(QStringLiteral("get ") + m_project->tagPath(t));
            const TagValue got = m_sink->value(t);
            QVERIFY2(near(got.value, expected),
                     qPrintable(QStringLiteral("%1: driver %2, simulator %3")
                                    .arg(m_project->tagPath(t))
                                    .arg(got.value, 0, 'g', 9)
                                    .arg(expected, 0, 'g', 9)));
            ++compared;
        }
        QCOMPARE(compared, static_cast<int>(m_project->tagCount()));
        QCOMPARE(m_sim->command(QStringLiteral("resume")).left(2), QStringLiteral("ok"));
        // One request per device and cycle: the 37 tags of the template fit one block.
        for (int i = 0; i < m_driver->deviceCount(); ++i)
            QCOMPARE(m_driver->plan(i).size(), std::size_t{1});
    }

    void writesReadBack_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<double>("value");
        // S0008 is CDAB, S0009 BADC, S0010 DCBA (the generator's word orders); S0001 is on RTU.
        QTest::newRow("float, CDAB") << "S0008/low/outlet_pressure_setpoint" << 0.42;
        QTest::newRow("float, BADC") << "S0009/low/frequency_setpoint" << 41.5;
        QTest::newRow("float, DCBA") << "S0010/low/outlet_pressure_setpoint" << 0.38;
        QTest::newRow("float, RTU") << "S0001/low/outlet_pressure_setpoint" << 0.36;
        QTest::newRow("bit in a word") << "S0003/low/inlet_valve_command" << 0.0;
        QTest::newRow("bit back on") << "S0003/low/inlet_valve_command" << 1.0;
    }

    void writesReadBack()
    {
        QFETCH(QString, path);
        QFETCH(double, value);
        const TagId t = m_project->findTag(path);
        QVERIFY(t != InvalidTagId);
        const double before = m_sink->value(t).value;
        const std::size_t audits = m_sink->audits.size();
        const WriteRecord r = Test::writeAndWait(*m_driver, t, value, QStringLiteral("张工"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(std::abs(r.readBack - value) < 1e-6);
        QCOMPARE(r.oldValue, before);
        QCOMPARE(r.user, QStringLiteral("张工"));
        QVERIFY(r.finishedMs >= r.requestedMs);
        // The simulator's model took it, and the audit saw the same record.
        QVERIFY(std::abs(m_sim->number(QStringLiteral("get ") + path) - value) < 1e-6);
        QCOMPARE(m_sink->audits.size(), audits + 1);
        QCOMPARE(m_sink->audits.back().id, r.id);
        // The neighbouring command bits of the same word were not disturbed.
        if (path.endsWith(u"inlet_valve_command"))
            QCOMPARE(m_sim->number(QStringLiteral("get S0003/low/pump1_command")),
                     m_sink->value(tag("S0003/low/pump1_command")).value);
    }

    void refusedWritesSayWhy_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("read-only") << "S0002/low/outlet_pressure" << 0.3 << "read-only";
        QTest::newRow("bool not 0/1") << "S0002/low/pump1_command" << 2.0 << "0 or 1";
        QTest::newRow("not a number")
            << "S0002/low/outlet_pressure_setpoint" << qQNaN() << "not a number";
    }

    void refusedWritesSayWhy()
    {
        QFETCH(QString, path);
        QFETCH(double, value);
        QFETCH(QString, reason);
        const std::size_t audits = m_sink->audits.size();
        const WriteRecord r = Test::writeAndWait(*m_driver, m_project->findTag(path), value);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(reason), qPrintable(r.error));
        QCOMPARE(m_sink->audits.size(), audits + 1); // refused attempts are audited too
    }

    void exceptionRangeKeepsItsNeighbours()
    {
        // S0004/low answers exception 02 for registers 10..11 (outlet pressure, VD1020).
        const int index = m_driver->deviceIndex(m_project->stationIndex(u"S0004"), 0);
        const std::size_t planned = m_driver->plan(index).size();
        QVERIFY(m_sim->command(QStringLiteral("exception S0004/low 10 2")).startsWith(u"ok"));
        const TagId bad = tag("S0004/low/outlet_pressure");
        QVERIFY(QTest::qWaitFor(
            [&] { return m_sink->value(bad).quality == Quality::BadConfigError; }, 5000));
        const qint64 t0 = m_clock.nowMs();
        QVERIFY(m_driver->plan(index).size() > planned);
        // Every other tag of the device keeps updating.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const Device& d = m_project->stations[3].devices[0];
                for (TagId t = d.firstTag; t < d.firstTag + d.tagCount; ++t) {
                    const TagValue v = m_sink->value(t);
                    if (t != bad && (v.quality != Quality::Good || v.timestampMs <= t0))
                        return false;
                }
                return true;
            },
            5000));
        QCOMPARE(m_driver->deviceStatus(index).state, CommState::Online);
        // Lifted, the isolated range is tried again and reads good.
        QVERIFY(m_sim->command(QStringLiteral("exception S0004/low off")).startsWith(u"ok"));
        QVERIFY(QTest::qWaitFor([&] { return m_sink->value(bad).quality == Quality::Good; }, 5000));
        // And the device is read in its planned requests again, not in the split ones for good.
        QVERIFY(QTest::qWaitFor([&] { return m_driver->plan(index).size() == planned; }, 5000));
    }

    void silentRtuUnitLeavesTheLine()
    {
        // Units 1 and 2 share the RS-485 line; unit 1 falls silent, unit 2 keeps its values.
        const int s1 = m_driver->deviceIndex(0, 0);
        const int s2 = m_driver->deviceIndex(1, 0);
        QCOMPARE(m_project->stations[0].devices[0].settings.protocol, Protocol::ModbusRtu);
        QCOMPARE(m_project->stations[1].devices[0].settings.endpoint,
                 m_project->stations[0].devices[0].settings.endpoint);
        QVERIFY(m_sim->command(QStringLiteral("silence S0001 on")).startsWith(u"ok"));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_driver->deviceStatus(s1).state == CommState::Offline; }, 5000));
        QCOMPARE(m_sink->value(tag("S0001/low/outlet_flow")).quality, Quality::BadCommFailure);
        QVERIFY(m_driver->deviceStatus(s1).lastError.contains(u"no answer"));
        const qint64 t0 = m_clock.nowMs();
        const TagId flow2 = tag("S0002/low/outlet_flow");
        QVERIFY(QTest::qWaitFor(
            [&] {
                const TagValue v = m_sink->value(flow2);
                return v.quality == Quality::Good && v.timestampMs > t0 + 2 * PollMs;
            },
            5000));
        QCOMPARE(m_driver->deviceStatus(s2).state, CommState::Online);
        // Three failures in a row demote it: tried once per demotion period, and it says so.
        QVERIFY(QTest::qWaitFor([&] { return m_driver->deviceStatus(s1).demoted; }, 5000));
        QVERIFY(m_driver->deviceStatus(s1).lastError.contains(u"demoted"));
        QVERIFY(m_driver->deviceStatus(s1).nextTryMs > m_clock.nowMs());
        QVERIFY(m_driver->deviceStatus(s1).nextTryMs <= m_clock.nowMs() + 2000);
        QCOMPARE(m_driver->deviceCounters(s1).demotions, quint64{1});
        QVERIFY(m_sim->command(QStringLiteral("silence S0001 off")).startsWith(u"ok"));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_driver->deviceStatus(s1).state == CommState::Online; }, 5000));
        QVERIFY(!m_driver->deviceStatus(s1).demoted);
        QCOMPARE(m_driver->stationStatus(0).state, CommState::Online);
    }

    void misansweringDeviceIsRefusedAndNamed()
    {
        // The simulated firmware bug answers FC03 with FC04: nothing of it is taken as good.
        const int index = m_driver->deviceIndex(2, 0);
        const TagId pressure = tag("S0003/low/outlet_pressure");
        QCOMPARE(m_project->stations[2].devices[0].settings.protocol, Protocol::ModbusTcp);
        QVERIFY(m_sim->command(QStringLiteral("misanswer S0003 on")).startsWith(u"ok"));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_driver->deviceStatus(index).state == CommState::Offline; }, 5000));
        QVERIFY2(m_driver->deviceStatus(index).lastError.startsWith(
                     QStringLiteral("invalid answer (function code 84, expected 03)")),
                 qPrintable(m_driver->deviceStatus(index).lastError));
        QCOMPARE(m_sink->value(pressure).quality, Quality::BadCommFailure);
        QVERIFY(m_driver->deviceCounters(index).invalidAnswers >= 1);
        const qint64 t0 = m_clock.nowMs();
        QTest::qWait(3 * PollMs); // while it misanswers (scenario, not sync): no good value
        QVERIFY(m_sink->value(pressure).quality != Quality::Good ||
                m_sink->value(pressure).timestampMs < t0);
        QVERIFY(m_sim->command(QStringLiteral("misanswer S0003 off")).startsWith(u"ok"));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_driver->deviceStatus(index).state == CommState::Online; }, 10'000));
        QVERIFY(QTest::qWaitFor([&] { return m_sink->value(pressure).quality == Quality::Good; },
                                5000));
    }

    void killedServerIsBadWithinTwoPeriodsAndRecovers()
    {
        std::fill(m_sink->firstBad.begin(), m_sink->firstBad.end(), 0);
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        m_sim->kill();
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (TagId t = 0; t < m_project->tagCount(); ++t) {
                    if (m_sink->value(t).quality != Quality::BadCommFailure)
                        return false;
                }
                return true;
            },
            5000));
        qint64 slowest = 0;
        for (TagId t = 0; t < m_project->tagCount(); ++t)
            slowest = std::max(slowest, m_sink->firstBad[t] - killedAt);
        qInfo("every tag Bad-CommFailure %lld ms after the kill", static_cast<long long>(slowest));
        // Two poll periods, plus a margin for a loaded 2-core CI machine scheduling the threads
        // late (the wall clock is real here: the city runs in another process).
        constexpr qint64 SchedulingMarginMs = 300;
        QVERIFY2(slowest <= 2 * PollMs + SchedulingMarginMs, qPrintable(QString::number(slowest)));
        for (int i = 0; i < m_driver->deviceCount(); ++i) {
            const CommStatus s = m_driver->deviceStatus(i);
            QCOMPARE(s.state, CommState::Offline);
            QVERIFY(!s.lastError.isEmpty());
            QVERIFY(s.sinceMs >= killedAt - 5);
        }
        for (std::size_t s = 0; s < m_project->stations.size(); ++s)
            QCOMPARE(m_driver->stationStatus(static_cast<int>(s)).state, CommState::Offline);
        // The last values are kept under the bad quality, for the display.
        QVERIFY(std::isfinite(m_sink->value(tag("S0005/low/outlet_total")).value));

        QTest::qWait(
            1500); // the city stays down a while: a few reconnects fail (scenario, not sync)
        const qint64 restartedAt = m_clock.nowMs();
        QVERIFY2(startSim(), qPrintable(m_sim->errors()));
        QVERIFY(QTest::qWaitFor([&] { return Test::allOnline(*m_driver); }, 10'000));
        QVERIFY(freshAfter(restartedAt));
        qInfo("recovered %lld ms after the restart",
              static_cast<long long>(m_clock.nowMs() - restartedAt));
    }
};

QTEST_GUILESS_MAIN(tst_ModbusSim)
#include "tst_modbus_sim.moc"
