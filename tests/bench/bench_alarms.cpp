// The alarm engine at city scale: --stations stations × 30 analog tags, every tag with LL/L/H/HH,
// a deadband and an on-delay, a third with a rate limit, a tenth with a morning period; the
// shipped rules are left out (they need the standard template) and measured separately on the
// generated city. One simulated second = one batch of every tag's value plus one tick.
//
// Baseline in the same run: a bare loop that compares each sample with its four limits from a
// flat array (no hysteresis, delays, records) — what any alarm check must at least cost.
// Reported: samples/s through the engine, the CPU share of one core it needs at 1 Hz, the ratio
// to the baseline, and the records raised (values wander across the limits, so the engine does
// real work). Fails only when nothing was evaluated.
#include "benchmachine.h"

#include <alarms/alarmengine.h>
#include <sim/citygenerator.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

using namespace PumpWatch;
using namespace PumpWatch::Alarms;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int TagsPerStation = 30;

Project limitsCity(int stations)
{
    Project p;
    p.name = QStringLiteral("bench");
    StationTemplate t;
    t.id = QStringLiteral("analog30");
    t.device.endpoint = QStringLiteral("127.0.0.1:1502");
    for (int i = 0; i < TagsPerStation; ++i) {
        TagDef def;
        def.key = QStringLiteral("a%1").arg(i);
        def.name = def.key;
        def.quantity = Quantity::Pressure;
        def.unit = QStringLiteral("MPa");
        def.address = *Address::parse(QStringLiteral("HR%1").arg(2 * i)).address;
        def.type = DataType::Float32;
        def.alarm.lowLow = 0.20;
        def.alarm.low = 0.25;
        def.alarm.high = 0.55;
        def.alarm.highHigh = 0.60;
        def.alarm.deadband = 0.01;
        def.alarm.onDelayS = 5;
        if (i % 3 == 0)
            def.alarm.ratePerMinute = 0.2;
        if (i % 10 == 0) {
            AlarmPeriod morning;
            morning.fromMinute = 360;
            morning.toMinute = 540;
            morning.limits = def.alarm;
            morning.limits.high = 0.6;
            def.alarm.periods.push_back(morning);
        }
        t.tags.push_back(def);
    }
    p.templates.push_back(t);
    for (int s = 0; s < stations; ++s) {
        Station st;
        st.id = QStringLiteral("S%1").arg(s, 4, 10, QLatin1Char('0'));
        st.name = st.id;
        Device d;
        d.id = QStringLiteral("plc");
        d.templateIndex = 0;
        d.settings = t.device;
        st.devices.push_back(d);
        p.stations.push_back(st);
    }
    p.reindex();
    return p;
}

/// Values that wander around 0.40 and now and then across a limit, per second.
std::vector<std::vector<Sample>> makeSeconds(const Project& p, int seconds, qint64 startMs)
{
    std::mt19937 rng(7);
    std::normal_distribution<double> step(0.0, 0.01);
    std::vector<double> value(p.tagCount(), 0.40);
    std::vector<std::vector<Sample>> result(static_cast<std::size_t>(seconds));
    for (int s = 0; s < seconds; ++s) {
        auto& batch = result[static_cast<std::size_t>(s)];
        batch.reserve(p.tagCount());
        for (TagId t = 0; t < p.tagCount(); ++t) {
            value[t] = std::clamp(value[t] + step(rng) + (0.40 - value[t]) * 0.02, 0.1, 0.7);
            batch.push_back({startMs + s * 1000LL, value[t], t, Quality::Good, false});
        }
    }
    return result;
}

double secondsSince(Steady::time_point t)
{
    return std::chrono::duration<double>(Steady::now() - t).count();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    QCommandLineParser parser;
    const QCommandLineOption stationsOption(QStringLiteral("stations"), QStringLiteral("stations"),
                                            QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("simulated seconds"), QStringLiteral("S"),
                                           QStringLiteral("120"));
    parser.addOptions({stationsOption, secondsOption});
    parser.addHelpOption();
    parser.process(app);
    const int stations = parser.value(stationsOption).toInt();
    const int seconds = parser.value(secondsOption).toInt();

    const Project p = limitsCity(stations);
    const qint64 startMs = QDateTime(QDate(2026, 11, 23), QTime(5, 59), QTimeZone("Asia/Shanghai"))
                               .toMSecsSinceEpoch();
    const auto data = makeSeconds(p, seconds, startMs);
    const double samples = double(p.tagCount()) * seconds;

    // Baseline: four comparisons per sample against flat arrays.
    std::vector<std::array<double, 4>> limits(p.tagCount());
    for (TagId t = 0; t < p.tagCount(); ++t) {
        const AlarmLimits& a = p.tag(t).alarm;
        limits[t] = {*a.lowLow, *a.low, *a.high, *a.highHigh};
    }
    std::vector<qint8> state(p.tagCount(), 0);
    quint64 changes = 0;
    auto t0 = Steady::now();
    for (const auto& batch : data) {
        for (const Sample& s : batch) {
            const auto& l = limits[s.tag];
            const qint8 level = s.value > l[3]   ? 2
                                : s.value > l[2] ? 1
                                : s.value < l[0] ? -2
                                : s.value < l[1] ? -1
                                                 : 0;
            changes += level != state[s.tag];
            state[s.tag] = level;
        }
    }
    const double baseline = secondsSince(t0);

    ManualClock clock(startMs);
    AlarmEngine engine(p, clock);
    quint64 raised = 0;
    t0 = Steady::now();
    for (const auto& batch : data) {
        clock.setNowMs(batch.front().timestampMs);
        engine.process(batch);
        engine.tick();
        raised += engine.takeChanges().size();
    }
    const double elapsed = secondsSince(t0);

    // The generated city with the shipped rules (pipe burst, tank) on every device.
    Sim::CityOptions options;
    options.stations = stations;
    const Project city = Sim::CityGenerator::generate(options);
    ManualClock cityClock(startMs);
    AlarmEngine cityEngine(city, cityClock);
    std::vector<Sample> cityBatch;
    for (TagId t = 0; t < city.tagCount(); ++t)
        cityBatch.push_back({startMs, 1.0, t, Quality::Good, false});
    const int citySeconds = std::max(10, seconds / 4);
    t0 = Steady::now();
    for (int s = 0; s < citySeconds; ++s) {
        const qint64 ms = startMs + s * 1000LL;
        cityClock.setNowMs(ms);
        for (std::size_t i = 0; i < cityBatch.size(); ++i) {
            cityBatch[i].timestampMs = ms;
            cityBatch[i].value = 1.0 + 0.001 * double((i + std::size_t(s)) % 7);
        }
        cityEngine.process(cityBatch);
        cityEngine.tick();
        cityEngine.takeChanges();
    }
    const double cityElapsed = secondsSince(t0) / citySeconds;

    std::printf("alarm engine, %d stations x %d tags with limits (%u tags), %d s at 1 Hz\n",
                stations, TagsPerStation, p.tagCount(), seconds);
    std::printf("  baseline (4 comparisons/sample): %.1f M samples/s, %llu level changes\n",
                samples / baseline / 1e6, static_cast<unsigned long long>(changes));
    std::printf("  engine: %.2f M samples/s, %.2f ms per second of data = %.2f %% of one core; "
                "%.1fx the baseline; %llu records raised or ended\n",
                samples / elapsed / 1e6, elapsed / seconds * 1000, elapsed / seconds * 100,
                elapsed / baseline, static_cast<unsigned long long>(raised));
    std::printf("  generated city with rules (%u tags, %zu rule instances): %.2f ms per second "
                "= %.2f %% of one core\n",
                city.tagCount(), city.alarmRules.size() * std::size_t(stations), cityElapsed * 1000,
                cityElapsed * 100);
    return engine.stats().samples == 0 || raised == 0 ? 1 : 0;
}
