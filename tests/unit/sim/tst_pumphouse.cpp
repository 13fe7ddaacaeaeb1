// The pump-house model: the demand curve, determinism, and the physical consistency the issue
// asks for (energy is the integral of power, the totalizer's day is the integral of flow,
// stopped pumps let the outlet fall to the inlet pressure).
#include <sim/city.h>
#include <sim/citygenerator.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace PumpWatch;
using namespace PumpWatch::Sim;

namespace {

qint64 shanghai(const char* iso)
{
    return QDateTime(QDateTime::fromString(QLatin1String(iso), Qt::ISODate).date(),
                     QDateTime::fromString(QLatin1String(iso), Qt::ISODate).time(),
                     QTimeZone("Asia/Shanghai"))
        .toMSecsSinceEpoch();
}

const Project& city()
{
    static const Project p = CityGenerator::generate({.stations = 12});
    return p;
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

class tst_PumpHouse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nightMinimumAndPeaks()
    {
        for (int day : {3, 6}) { // a Wednesday and a Saturday
            double minimum = 10, atMinimum = 0, morning = 0, evening = 0;
            for (int s = 0; s < 86400; s += 60) {
                const double f = demandFactor({double(s), day, 0});
                if (f < minimum) {
                    minimum = f;
                    atMinimum = s / 3600.0;
                }
                if (s >= 6 * 3600 && s < 11 * 3600)
                    morning = std::max(morning, f);
                if (s >= 17 * 3600 && s < 22 * 3600)
                    evening = std::max(evening, f);
            }
            QVERIFY2(atMinimum >= 3.0 && atMinimum <= 4.0, qPrintable(QString::number(atMinimum)));
            QVERIFY(minimum > 0.15 && minimum < 0.35);
            QVERIFY(morning > 2.5 * minimum && evening > 2.5 * minimum);
        }
        const LocalTime weekday{7.5 * 3600, 3, 0}, saturday{7.5 * 3600, 6, 0};
        QVERIFY(demandFactor(weekday) > 1.3 * demandFactor(saturday)); // Saturday sleeps in
    }

    void sameSeedSameCity()
    {
        const qint64 start = shanghai("2026-11-18T06:00:00");
        City a(city(), 1, start), b(city(), 1, start), c(city(), 2, start);
        a.advance(start + 3'600'000);
        for (qint64 t = start; t <= start + 3'600'000; t += 7'000)
            b.advance(t); // other steps, same instants of noise
        b.advance(start + 3'600'000);
        c.advance(start + 3'600'000);
        const CityUnit& ua = a.units()[3];
        QCOMPARE(b.units()[3].house.value(Var::Heartbeat), ua.house.value(Var::Heartbeat));
        QVERIFY(qAbs(b.units()[3].house.value(Var::OutletTotal) -
                     ua.house.value(Var::OutletTotal)) < 0.5);
        QCOMPARE(b.units()[3].house.value(Var::InletPressure), ua.house.value(Var::InletPressure));
        QVERIFY(c.units()[3].house.value(Var::OutletTotal) != ua.house.value(Var::OutletTotal));
    }

    void aDayOfMetersIsTheIntegralOfWhatTheyMeasure()
    {
        const qint64 start = shanghai("2026-11-18T00:00:00");
        City c(city(), 1, start);
        for (int u : {0, 1, 2, 5}) {
            const CityUnit& unit = c.units()[static_cast<std::size_t>(u)];
            QVERIFY(unit.bindings.size() >= 30);
        }
        struct Sums {
            double energy = 0, flow = 0, inflow = 0;
        };
        std::vector<Sums> sums(c.units().size());
        std::vector<std::array<double, 3>> first(c.units().size()), last(c.units().size());
        auto sample = [&](const CityUnit& u) {
            return std::array<double, 3>{u.house.value(Var::Power), u.house.value(Var::OutletFlow),
                                         u.house.value(Var::InletFlow)};
        };
        std::vector<std::array<double, 3>> previous(c.units().size());
        for (std::size_t u = 0; u < c.units().size(); ++u) {
            previous[u] = sample(c.units()[u]);
            first[u] = {c.units()[u].house.value(Var::Energy),
                        c.units()[u].house.value(Var::OutletTotal),
                        c.units()[u].house.value(Var::InletTotal)};
        }
        const int stepS = 10;
        for (int s = stepS; s <= 86400; s += stepS) {
            c.advance(start + s * 1000LL);
            for (std::size_t u = 0; u < c.units().size(); ++u) {
                const auto now = sample(c.units()[u]);
                sums[u].energy += (previous[u][0] + now[0]) / 2 * stepS / 3600.0;
                sums[u].flow += (previous[u][1] + now[1]) / 2 * stepS / 3600.0;
                sums[u].inflow += (previous[u][2] + now[2]) / 2 * stepS / 3600.0;
                previous[u] = now;
            }
        }
        for (std::size_t u = 0; u < c.units().size(); ++u) {
            const PumpHouse& h = c.units()[u].house;
            const double energy = h.value(Var::Energy) - first[u][0];
            const double flow = h.value(Var::OutletTotal) - first[u][1];
            const double inflow = h.value(Var::InletTotal) - first[u][2];
            QVERIFY2(qAbs(energy - sums[u].energy) < 0.01 * energy,
                     qPrintable(QStringLiteral("%1 vs %2").arg(energy).arg(sums[u].energy)));
            QVERIFY(qAbs(flow - sums[u].flow) < 0.01 * flow);
            QVERIFY(qAbs(inflow - sums[u].inflow) < 0.03 * inflow + 1.0);
            // Water in = water out over a day, give or take what the tank holds.
            QVERIFY2(qAbs(inflow - flow) < 4.0 * h.params().tankArea + 0.02 * flow,
                     qPrintable(QStringLiteral("in %1 out %2").arg(inflow).arg(flow)));
            // A plausible specific energy for secondary supply: 0.05–0.4 kWh/m³.
            QVERIFY(energy / flow > 0.05 && energy / flow < 0.4);
        }
    }

    void stoppedPumpsLetTheOutletFallToTheInlet()
    {
        const qint64 start = shanghai("2026-11-18T10:00:00");
        City c(city(), 1, start);
        PumpHouse& h = c.units()[4].house;
        QVERIFY(qAbs(h.value(Var::OutletPressure) - h.value(Var::PressureSetpoint)) < 0.01);
        for (Var v : {Var::Pump1Command, Var::Pump2Command, Var::Pump3Command})
            h.command(v, 0);
        c.advance(start + 60'000);
        QCOMPARE(h.value(Var::Pump1Running) + h.value(Var::Pump2Running) +
                     h.value(Var::Pump3Running),
                 0.0);
        QVERIFY(qAbs(h.value(Var::OutletPressure) - h.value(Var::InletPressure)) < 0.03);
        QVERIFY(h.value(Var::Power) < 1.0);
        for (Var v : {Var::Pump1Command, Var::Pump2Command, Var::Pump3Command})
            h.command(v, 1);
        h.command(Var::PressureSetpoint, 0.45);
        c.advance(start + 180'000);
        QVERIFY(qAbs(h.value(Var::OutletPressure) - 0.45) < 0.01);
    }

    // A burst main downstream: every pump of the house runs flat out and the dispatcher sees
    // plausible figures — the pumps still lift (outlet above inlet), each draws about its
    // rated power, and currents, voltage, power factor and power agree (P = √3·U·I·cosφ).
    void burstKeepsThePhysicsPlausible_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("time");
        // The demo city (seed 1, 60 stations): S0003 boosts from the mains with 3 pumps,
        // S0031 too, bigger; S0002 and S0015 draw from a break tank with 3 and 2 pumps.
        QTest::newRow("S0003 suction, 3 pumps, morning") << "S0003/low"
                                                         << "2026-11-18T10:00:00";
        QTest::newRow("S0003 suction, 3 pumps, night") << "S0003/low"
                                                       << "2026-11-18T03:00:00";
        QTest::newRow("S0003 suction, 3 pumps, evening") << "S0003/low"
                                                         << "2026-11-18T19:30:00";
        QTest::newRow("S0031 suction, 3 pumps") << "S0031/low"
                                                << "2026-11-18T10:00:00";
        QTest::newRow("S0002 break tank, 3 pumps") << "S0002/low"
                                                   << "2026-11-18T10:00:00";
        QTest::newRow("S0015 break tank, 2 pumps") << "S0015/low"
                                                   << "2026-11-18T19:30:00";
    }

    void burstKeepsThePhysicsPlausible()
    {
        QFETCH(QString, unit);
        QFETCH(QString, time);
        static const Project demo = CityGenerator::generate({.stations = 60});
        const qint64 start = shanghai(qPrintable(time));
        City c(demo, 1, start);
        const std::vector<int> found = c.find(unit);
        QCOMPARE(found.size(), std::size_t(1));
        PumpHouse& h = c.units()[static_cast<std::size_t>(found.front())].house;
        const double flowBefore = h.value(Var::OutletFlow);
        h.faults().burst = true;
        c.advance(start + 180'000);

        const PumpHouseParams& p = h.params();
        const auto at = [&](double v) { return QString::number(v, 'f', 3); };
        const QString state =
            QStringLiteral("in %1 out %2 MPa, flow %3 m³/h, power %4 kW")
                .arg(at(h.value(Var::InletPressure)), at(h.value(Var::OutletPressure)),
                     at(h.value(Var::OutletFlow)), at(h.value(Var::Power)));
        QVERIFY2(h.value(Var::OutletFlow) > 1.5 * flowBefore, qPrintable(state));
        QVERIFY2(h.value(Var::OutletPressure) < 0.85 * h.value(Var::PressureSetpoint),
                 qPrintable(state));
        QVERIFY2(h.value(Var::OutletPressure) > h.value(Var::InletPressure) + 0.01,
                 qPrintable(state));

        const double u = h.value(Var::Voltage);
        const double cosPhi = h.value(Var::PowerFactor);
        QVERIFY(u > 370 && u < 400);
        QVERIFY(cosPhi > 0.8 && cosPhi <= 1.0);
        double pumpsKW = 0;
        for (int i = 0; i < p.pumps; ++i) {
            QCOMPARE(h.value(static_cast<Var>(int(Var::Pump1Running) + i)), 1.0);
            QVERIFY(qAbs(h.value(static_cast<Var>(int(Var::Pump1Frequency) + i)) - 50.0) < 0.5);
            const double amps = h.value(static_cast<Var>(int(Var::Pump1Current) + i));
            // One pump at full speed draws about its rating (a little over near run-out).
            const double kw = std::sqrt(3.0) * u * amps * cosPhi / 1000.0;
            QVERIFY2(kw > 0.6 * p.ratedPower && kw < 1.4 * p.ratedPower,
                     qPrintable(QStringLiteral("pump %1: %2 A = %3 kW, rated %4 kW; %5")
                                    .arg(i + 1)
                                    .arg(amps)
                                    .arg(kw)
                                    .arg(p.ratedPower)
                                    .arg(state)));
            pumpsKW += kw;
        }
        // The station's meter: the pumps plus well under a kilowatt of auxiliaries.
        const double aux = h.value(Var::Power) - pumpsKW;
        QVERIFY2(aux >= 0 && aux < 1.0,
                 qPrintable(
                     QStringLiteral("√3·U·I·cosφ of the pumps %1 kW; %2").arg(pumpsKW).arg(state)));
    }

    void faultsShowInTheValues()
    {
        const qint64 start = shanghai("2026-11-18T10:00:00");
        City c(city(), 1, start);
        CityUnit& unit = c.units()[2];
        PumpHouse& h = unit.house;
        const double pressure = h.value(Var::OutletPressure);
        const double flow = h.value(Var::OutletFlow);
        h.faults().burst = true;
        c.advance(start + 120'000);
        QVERIFY2(h.value(Var::OutletPressure) < 0.8 * pressure,
                 qPrintable(QStringLiteral("%1 -> %2, flow %3 -> %4")
                                .arg(pressure)
                                .arg(h.value(Var::OutletPressure))
                                .arg(flow)
                                .arg(h.value(Var::OutletFlow))));
        QVERIFY(h.value(Var::OutletFlow) > 1.5 * flow);
        h.faults().burst = false;

        h.setSensor(Var::OutletPressure, SensorMode::OutOfRange);
        QVERIFY(h.value(Var::OutletPressure) < 0);
        c.advance(start + 121'000);
        QCOMPARE(h.value(Var::PressureSensorFault), 1.0);
        // As the client decodes it: kgf/cm² on the wire, MPa after scaling.
        QVERIFY(c.shownValue(unit, binding(unit, city(), "outlet_pressure")) < 0);

        h.faults().powerFail = true;
        c.advance(start + 150'000);
        QCOMPARE(h.value(Var::PowerFail), 1.0);
        QCOMPARE(h.value(Var::Power), 0.0);
        QCOMPARE(h.value(Var::Voltage), 0.0);
    }
};

QTEST_GUILESS_MAIN(tst_PumpHouse)
#include "tst_pumphouse.moc"
