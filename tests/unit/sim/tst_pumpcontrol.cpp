// Operating a pump house as the control service does (issue 20): a remote start shows `running`
// only after the soft start and holds against the staging, a stop drops it after the ramp-down,
// a pump that may not run never shows it, the inlet valve's open bit follows its stroke,
// setpoints read back what was written, and the equipment a project states is what is simulated.
#include <sim/city.h>
#include <sim/citygenerator.h>

#include <QTest>

#include <cmath>

using namespace PumpWatch;
using namespace PumpWatch::Sim;

namespace {

constexpr qint64 DayMs = 86'400'000;
constexpr qint64 Wednesday = 20'410; // day number of 2025-11-19, a Wednesday

Var pumpVar(Var first, int i)
{
    return static_cast<Var>(static_cast<int>(first) + i);
}

/// A pump house on its own, stepped in explicit increments from a local time of day.
struct House {
    House(const PumpHouseParams& p, double hourOfDay)
        : startMs(Wednesday * DayMs + static_cast<qint64>(hourOfDay * 3'600'000))
        , nowMs(startMs)
        , house(p, startMs, local(startMs))
    {}

    static LocalTime local(qint64 ms)
    {
        return {static_cast<double>(ms % DayMs) / 1000.0, 3, ms / DayMs};
    }
    void run(double seconds, double stepS = 0.5)
    {
        const qint64 end = nowMs + static_cast<qint64>(seconds * 1000);
        while (nowMs < end) {
            nowMs = std::min(end, nowMs + static_cast<qint64>(stepS * 1000));
            house.step(nowMs, local(nowMs));
        }
    }
    bool running(int i) const { return house.value(pumpVar(Var::Pump1Running, i)) != 0; }
    int runningCount() const { return int(running(0)) + int(running(1)) + int(running(2)); }
    /// The first pump of the house that is stopped.
    int stoppedPump() const
    {
        for (int i = 0; i < house.params().pumps; ++i) {
            if (!running(i))
                return i;
        }
        qFatal("every pump runs");
    }

    qint64 startMs;
    qint64 nowMs;
    PumpHouse house;
};

PumpHouseParams params(int pumps, bool tank, quint64 key = 4242)
{
    return PumpHouseParams::derive(key, 0.40, false, pumps, tank);
}

const Binding& binding(const CityUnit& unit, const Project& p, const char* key)
{
    for (const Binding& b : unit.bindings) {
        if (p.tag(b.tag).key == QLatin1String(key))
            return b;
    }
    qFatal("no binding %s", key);
}

} // namespace

class tst_PumpControl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void remoteStartRunsAfterTheSoftStartAndHolds()
    {
        House h(params(3, true), 3.5); // the night minimum: one pump carries the demand
        QCOMPARE(h.runningCount(), 1);
        const int pump = h.stoppedPump();
        const double delay = h.house.drive(pump).startDelayS();
        QVERIFY2(delay >= 3.0 && delay <= 5.0, qPrintable(QString::number(delay)));
        QCOMPARE(h.house.value(pumpVar(Var::Pump1Command, pump)), 0.0); // the staging's: off

        h.house.command(pumpVar(Var::Pump1Command, pump), 1);
        QCOMPARE(h.house.value(pumpVar(Var::Pump1Command, pump)), 1.0); // reads what was written
        QCOMPARE(h.house.pumpMode(pump), PumpMode::Start);
        h.run(delay - 0.5);
        QVERIFY(!h.running(pump));
        // The drive ramps toward the minimum speed while the running contactor is still open.
        QVERIFY(h.house.value(pumpVar(Var::Pump1Frequency, pump)) > 5.0);
        h.run(0.501); // the delay is not a whole number of milliseconds
        QVERIFY(h.running(pump));
        // The staging would stop a second pump at night (after 60 s); a remote start holds.
        for (int s = 0; s < 600; s += 10) {
            h.run(10);
            QVERIFY(h.running(pump));
            QCOMPARE(h.house.value(pumpVar(Var::Pump1Command, pump)), 1.0);
        }
        QVERIFY(h.house.value(pumpVar(Var::Pump1Frequency, pump)) >= 20.0);
        QVERIFY(std::abs(h.house.value(Var::OutletPressure) - 0.40) < 0.02);

        // Back to automatic: the staging takes the surplus pump out again.
        h.house.resetRemote();
        h.run(120, 1.0);
        QCOMPARE(h.runningCount(), 1);
    }

    void remoteStopDropsRunningAfterTheRampAndAnotherTakesOver()
    {
        House h(params(3, true), 10.0);
        int pump = 0;
        while (!h.running(pump))
            ++pump;
        h.house.command(pumpVar(Var::Pump1Command, pump), 0);
        h.run(1.0);
        QVERIFY(h.running(pump)); // ramping down
        h.run(1.0);
        QVERIFY(!h.running(pump));
        QCOMPARE(h.house.value(pumpVar(Var::Pump1Frequency, pump)), 0.0);
        h.run(600, 1.0);
        QVERIFY(!h.running(pump));
        QCOMPARE(h.house.value(pumpVar(Var::Pump1Command, pump)), 0.0);
        QVERIFY(h.runningCount() >= 1); // the staging uses the others and holds the pressure
        QVERIFY(std::abs(h.house.value(Var::OutletPressure) - 0.40) < 0.02);
    }

    void aPumpThatMayNotRunNeverShowsRunning_data()
    {
        QTest::addColumn<QString>("cause");
        QTest::newRow("pump fault") << "fault";
        QTest::newRow("power failure") << "power";
        QTest::newRow("dry tank") << "dry";
    }

    void aPumpThatMayNotRunNeverShowsRunning()
    {
        QFETCH(QString, cause);
        House h(params(3, true), 3.5);
        const int pump = h.stoppedPump();
        ProcessFaults& f = h.house.faults();
        if (cause == u"fault") {
            f.pumpFault[static_cast<std::size_t>(pump)] = true;
        } else if (cause == u"power") {
            f.powerFail = true;
        } else {
            f.lowLow = true; // supply lost: the tank drains until the dry-run protection trips
            h.run(3600, 1.0);
            QVERIFY(h.house.value(Var::TankLevel) < 0.3);
            QCOMPARE(h.runningCount(), 0);
        }
        h.run(1.0);
        h.house.command(pumpVar(Var::Pump1Command, pump), 1);
        for (int s = 0; s < 120; ++s) {
            h.run(1.0);
            QVERIFY(!h.running(pump));
        }
        QCOMPARE(h.house.value(pumpVar(Var::Pump1Command, pump)), 1.0);
        if (cause == u"fault") {
            // The start is held: once the fault is reset the pump starts.
            f.pumpFault[static_cast<std::size_t>(pump)] = false;
            h.run(6.0);
            QVERIFY(h.running(pump));
        }
    }

    void theInletValveTravelsItsStroke()
    {
        House h(params(3, false), 10.0); // a suction station: the inflow is continuous
        QCOMPARE(h.house.value(Var::InletValveOpen), 1.0);
        const double inflow = h.house.value(Var::InletFlow);
        QVERIFY(inflow > 10);
        h.house.command(Var::InletValveCommand, 0);
        h.run(10.0);
        QCOMPARE(h.house.value(Var::InletValveOpen), 1.0); // the open bit: the last limit reached
        QVERIFY(std::abs(h.house.inletValve().position() - 0.5) < 1e-9);
        const double halfway = h.house.value(Var::InletFlow);
        QVERIFY2(halfway > 0.3 * inflow && halfway < 0.7 * inflow,
                 qPrintable(QStringLiteral("%1 of %2").arg(halfway).arg(inflow)));
        h.run(9.5);
        QCOMPARE(h.house.value(Var::InletValveOpen), 1.0);
        h.run(0.5);
        QCOMPARE(h.house.value(Var::InletValveOpen), 0.0);
        QCOMPARE(h.house.value(Var::InletFlow), 0.0);
        QCOMPARE(h.house.value(Var::InletValveCommand), 0.0);

        // Reversed mid-stroke, it goes back from where it is.
        h.house.command(Var::InletValveCommand, 1);
        h.run(8.0);
        h.house.command(Var::InletValveCommand, 0);
        h.run(8.0);
        QCOMPARE(h.house.value(Var::InletValveOpen), 0.0);
        QCOMPARE(h.house.inletValve().position(), 0.0);
        h.house.command(Var::InletValveCommand, 1);
        h.run(19.5);
        QCOMPARE(h.house.value(Var::InletValveOpen), 0.0);
        h.run(0.5);
        QCOMPARE(h.house.value(Var::InletValveOpen), 1.0);
        QVERIFY(h.house.value(Var::InletFlow) > 0.5 * inflow);
    }

    void aTwoPumpHouseNeverRunsPumpThree()
    {
        House h(params(2, true), 19.5);
        QCOMPARE(h.house.params().pumps, 2);
        h.house.command(Var::Pump3Command, 1);
        h.house.faults().burst = true; // every pump the house has flat out
        for (int s = 0; s < 600; s += 5) {
            h.run(5.0, 1.0);
            QCOMPARE(h.house.value(Var::Pump3Running), 0.0);
            QCOMPARE(h.house.value(Var::Pump3Frequency), 0.0);
        }
        QCOMPARE(h.runningCount(), 2);
    }

    void statedEquipmentIsWhatIsSimulated()
    {
        Project p = CityGenerator::generate({.stations = 3});
        p.stations[0].devices[0].equipment = {2, false};
        p.stations[1].devices[0].equipment = {8, true}; // more than a PLC of this model has
        p.stations[2].devices[0].equipment = {1, std::nullopt};
        const City c(p, 1, Wednesday * DayMs);
        QCOMPARE(c.units()[0].house.params().pumps, 2);
        QCOMPARE(c.units()[0].house.params().breakTank, false);
        QCOMPARE(c.units()[1].house.params().pumps, MaxPumps);
        QCOMPARE(c.units()[1].house.params().breakTank, true);
        QCOMPARE(c.units()[2].house.params().pumps, 1);
        QCOMPARE(c.units()[2].house.params().breakTank,
                 derivedEquipment(1, p.stations[2].id, p.stations[2].devices[0].id).tank.value());
        // Sized for what it has: one pump carries the whole peak.
        const double peak = c.units()[2].house.params().peakDemand;
        QVERIFY(c.units()[2].house.params().ratedFlow >= peak);
    }

    void theGeneratorStatesWhatTheSimulatorServes_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("demo") << 1u;
        QTest::newRow("seed 7") << 7u;
    }

    void theGeneratorStatesWhatTheSimulatorServes()
    {
        QFETCH(quint32, seed);
        const Project stated = CityGenerator::generate({.stations = 60, .seed = seed});
        Project unstated = stated;
        for (Station& s : unstated.stations) {
            for (Device& d : s.devices)
                d.equipment = {};
        }
        const City a(stated, seed, Wednesday * DayMs), b(unstated, seed, Wednesday * DayMs);
        QSet<int> pumps;
        QSet<bool> tanks;
        for (std::size_t u = 0; u < a.units().size(); ++u) {
            const Equipment& e = a.device(a.units()[u]).equipment;
            const PumpHouseParams& simulated = b.units()[u].house.params();
            QCOMPARE(e.pumps, simulated.pumps);
            QVERIFY(e.tank.has_value());
            QCOMPARE(*e.tank, simulated.breakTank);
            QCOMPARE(a.units()[u].house.params().ratedFlow, simulated.ratedFlow);
            pumps.insert(e.pumps);
            tanks.insert(*e.tank);
        }
        QCOMPARE(pumps, (QSet<int>{2, 3}));
        QCOMPARE(tanks, (QSet<bool>{false, true}));
    }

    void setpointsReadBackWhatWasWritten_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("written");
        QTest::addColumn<double>("held");
        QTest::newRow("pressure") << "outlet_pressure_setpoint" << 0.47 << 0.47;
        QTest::newRow("pressure, control minimum") << "outlet_pressure_setpoint" << 0.15 << 0.15;
        QTest::newRow("pressure, control maximum") << "outlet_pressure_setpoint" << 0.70 << 0.70;
        QTest::newRow("pressure beyond the PLC") << "outlet_pressure_setpoint" << 1.5 << 1.0;
        QTest::newRow("frequency") << "frequency_setpoint" << 37.5 << 37.5;
        QTest::newRow("frequency 0: automatic") << "frequency_setpoint" << 0.0 << 0.0;
        QTest::newRow("frequency maximum") << "frequency_setpoint" << 50.0 << 50.0;
    }

    void setpointsReadBackWhatWasWritten()
    {
        QFETCH(QString, key);
        QFETCH(double, written);
        QFETCH(double, held);
        const Project p = CityGenerator::generate({.stations = 10});
        City c(p, 1, Wednesday * DayMs);
        for (int u : {0, 8}) { // S0009 is BADC: the float's words and bytes reordered
            CityUnit& unit = c.units()[static_cast<std::size_t>(u)];
            const Binding& b = binding(unit, p, qPrintable(key));
            c.applyWrite(unit, b, b.scale.toRaw(written));
            c.advance(c.timeMs() + 10'000);
            QVERIFY2(std::abs(c.shownValue(unit, b) - held) < 1e-6 * std::max(1.0, held),
                     qPrintable(QString::number(c.shownValue(unit, b), 'g', 9)));
        }
    }

    // Clients write a command bit by writing its whole register back: the neighbours they did
    // not mean to touch stay in automatic, the bit they changed starts its pump.
    void aBitWrittenWithItsNeighboursCommandsOnlyItsPump()
    {
        const Project p = CityGenerator::generate({.stations = 4});
        const qint64 night = Wednesday * DayMs + 3 * 3'600'000 - 8 * 3'600'000; // 03:00 local
        City c(p, 1, night);
        CityUnit& unit = c.units()[1]; // S0002: three pumps
        PumpHouse& h = unit.house;
        QCOMPARE(h.params().pumps, 3);
        int pump = 0;
        while (h.value(pumpVar(Var::Pump1Running, pump)) != 0)
            ++pump;
        for (int i = 0; i < MaxPumps; ++i) {
            const QByteArray key = QStringLiteral("pump%1_command").arg(i + 1).toLatin1();
            const Binding& b = binding(unit, p, key.constData());
            c.applyWrite(unit, b, i == pump ? 1.0 : c.shownValue(unit, b));
        }
        const Binding& valve = binding(unit, p, "inlet_valve_command");
        c.applyWrite(unit, valve, c.shownValue(unit, valve));
        for (int i = 0; i < MaxPumps; ++i)
            QCOMPARE(h.pumpMode(i), i == pump ? PumpMode::Start : PumpMode::Auto);
        c.advance(night + 6'000);
        QCOMPARE(h.value(pumpVar(Var::Pump1Running, pump)), 1.0);
    }
};

QTEST_GUILESS_MAIN(tst_PumpControl)
#include "tst_pumpcontrol.moc"
