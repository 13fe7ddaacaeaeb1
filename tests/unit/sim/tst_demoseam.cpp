// The demo's start (pumpwatch --demo): a new database is backfilled from the model's anchor until
// a minute before the start, then the live city takes over. A dispatcher's walkthrough found
// every totalizer and energy meter stepping backwards at that seam (S0001 outlet_total 560573.5
// backfilled at 02:12:00, 560557.5 live at 02:13:01), which history counts as reverse flow. Here
// the workstation's own start sequence (LocalCity::anchorMs, backfillOptions, the LocalCity) runs
// headless for a few stations: the live city passes through the backfill's last state exactly,
// and its first meter readings are the last backfilled ones plus what flowed in between.
#include <sim/backfill.h>
#include <sim/citygenerator.h>
#include <sim/localcity.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <cmath>
#include <map>

using namespace PumpWatch;
using namespace PumpWatch::Sim;

namespace {

qint64 shanghai(const char* iso)
{
    const QDateTime local = QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs);
    return QDateTime(local.date(), local.time(), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();
}

const Project& city()
{
    static const Project p = CityGenerator::generate({.stations = 4});
    return p;
}

/// A meter the backfill writes and the model variable it integrates (per hour).
struct Meter {
    const char* key;
    Var rate;
};
constexpr Meter Meters[] = {{"outlet_total", Var::OutletFlow}, {"energy", Var::Power}};

/// The spacing of float32 values around `v`: a register's resolution at that reading.
double float32Step(double v)
{
    const float f = static_cast<float>(v);
    return static_cast<double>(std::nextafter(f, INFINITY) - f);
}

} // namespace

class tst_DemoSeam : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void metersContinueTheBackfill_data()
    {
        QTest::addColumn<qint64>("startMs");
        // The walkthrough's start: the anchor is 20:10 on Sunday, the live jump crosses midnight.
        QTest::newRow("Monday 02:13, anchor Sunday evening") << shanghai("2026-12-07T02:13:01");
        QTest::newRow("afternoon, anchor at midnight") << shanghai("2026-12-07T14:37:23.457");
        QTest::newRow("Saturday evening peak") << shanghai("2026-12-05T19:27:40.120");
    }

    void metersContinueTheBackfill()
    {
        QFETCH(qint64, startMs);
        const Project& p = city();
        const BackfillOptions options = LocalCity::backfillOptions(p, startMs);
        const qint64 anchor = LocalCity::anchorMs(p, startMs);
        QCOMPARE(options.fromMs, anchor);
        QVERIFY(anchor <= startMs - 6 * 3'600'000);

        std::map<TagId, Sample> last; // each tag's last backfilled sample
        Backfill::samples(p, LocalCity::Seed, options, [&](std::span<const Sample> batch) {
            for (const Sample& s : batch)
                last[s.tag] = s;
        });
        QVERIFY(!last.empty());
        const qint64 lastMs = last.begin()->second.timestampMs;
        QCOMPARE(lastMs, (startMs - 60'000) / 60'000 * 60'000);

        // The live model as it is at the backfill's last instant: the same state, every tag.
        const LocalCity atLast(p, lastMs, anchor);
        for (const CityUnit& unit : atLast.city().units()) {
            for (const Binding& b : unit.bindings) {
                if (!options.keys.contains(p.tag(b.tag).key))
                    continue;
                QVERIFY2(last.count(b.tag) == 1, qPrintable(p.tag(b.tag).key));
                const double live = atLast.city().shownValue(unit, b);
                QVERIFY2(live == last[b.tag].value,
                         qPrintable(QStringLiteral("%1 %2: live %3, backfilled %4")
                                        .arg(atLast.city().unitName(unit), p.tag(b.tag).key)
                                        .arg(live, 0, 'f', 4)
                                        .arg(last[b.tag].value, 0, 'f', 4)));
            }
        }

        // What flowed between the last backfilled instant and the start, from the same model
        // stepped every second (the live city takes the 61 s in one step).
        City reference(p, LocalCity::Seed, anchor);
        reference.advance(lastMs);
        std::vector<std::array<double, std::size(Meters)>> flowed(reference.units().size());
        for (qint64 t = lastMs; t < startMs;) {
            const qint64 next = std::min(startMs, t + 1000);
            std::vector<std::array<double, std::size(Meters)>> before(reference.units().size());
            for (std::size_t u = 0; u < reference.units().size(); ++u)
                for (std::size_t m = 0; m < std::size(Meters); ++m)
                    before[u][m] = reference.units()[u].house.value(Meters[m].rate);
            reference.advance(next);
            for (std::size_t u = 0; u < reference.units().size(); ++u)
                for (std::size_t m = 0; m < std::size(Meters); ++m)
                    flowed[u][m] +=
                        (before[u][m] + reference.units()[u].house.value(Meters[m].rate)) / 2 *
                        static_cast<double>(next - t) / 3'600'000.0;
            t = next;
        }

        // The live city as the workstation starts it: its first readings go on from the
        // backfill's last ones, by what flowed in between.
        const LocalCity live(p, startMs, anchor);
        int checked = 0;
        for (std::size_t u = 0; u < live.city().units().size(); ++u) {
            const CityUnit& unit = live.city().units()[u];
            for (const Binding& b : unit.bindings) {
                for (std::size_t m = 0; m < std::size(Meters); ++m) {
                    if (p.tag(b.tag).key != QLatin1String(Meters[m].key))
                        continue;
                    const double before = last[b.tag].value;
                    const double after = live.city().shownValue(unit, b);
                    const QString what = QStringLiteral("%1 %2: backfilled %3, live %4, flowed %5")
                                             .arg(live.city().unitName(unit), p.tag(b.tag).key)
                                             .arg(before, 0, 'f', 4)
                                             .arg(after, 0, 'f', 4)
                                             .arg(flowed[u][m], 0, 'f', 4);
                    QVERIFY2(after >= before, qPrintable(what));
                    QVERIFY2(flowed[u][m] > 0, qPrintable(what)); // the stations deliver
                    const double tolerance = 0.02 * flowed[u][m] + 2 * float32Step(after);
                    QVERIFY2(std::fabs(after - before - flowed[u][m]) <= tolerance,
                             qPrintable(what));
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, 2 * static_cast<int>(live.city().units().size()));
    }
};

QTEST_GUILESS_MAIN(tst_DemoSeam)
#include "tst_demoseam.moc"
