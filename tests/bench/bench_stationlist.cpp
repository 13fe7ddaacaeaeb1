// The realtime list at city scale: --stations stations whose every tag changes once a second
// (the worst case: a slow plant changes far fewer). One tick = the acquisition thread's batch
// into the RealtimeStore, then the GUI thread's StationListModel::refresh() with the sort/filter
// proxy and a shown QTableView attached, and the repaint that follows.
//
// Baseline in the same run: the same model emitting one dataChanged per changed value — what a
// naive model does. Reported: dataChanged signals per tick and main-thread ms per tick for both,
// and the ratios. Aims: ≥ 20× fewer signals, < 10 ms per tick. Fails only when nothing changed.
#include "benchmachine.h"

#include <sim/citygenerator.h>
#include <ui/stationfilter.h>
#include <ui/stationlistmodel.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QHeaderView>
#include <QTableView>

#include <chrono>
#include <cstdio>

using namespace PumpWatch;
using Steady = std::chrono::steady_clock;

namespace {

struct Result {
    double signalsPerTick = 0;
    double msPerTick = 0;
};

Result run(const Project& project, int ticks, bool perCell)
{
    RealtimeStore store(project.tagCount());
    Ui::StationListModel model(project, store);
    model.setPerCellSignals(perCell);
    Ui::StationFilter filter;
    filter.setStations(&model);
    QTableView view;
    view.setModel(&filter);
    view.resize(1600, 900);
    view.show();
    QCoreApplication::processEvents();
    const qint64 start = 1'795'000'000'000;
    std::vector<Sample> batch(project.tagCount());
    double ms = 0;
    quint64 signalsBefore = 0;
    for (int t = 0; t <= ticks; ++t) {
        const qint64 now = start + t * 1000LL;
        for (TagId id = 0; id < project.tagCount(); ++id)
            batch[id] = {now, 0.3 + (id % 97) / 1000.0 + t * 1e-4, id, Quality::Good, false};
        store.publish(batch);
        const auto t0 = Steady::now();
        model.refresh(now);
        QCoreApplication::processEvents(); // the view's repaint of what changed
        const auto t1 = Steady::now();
        if (t == 0) { // the first refresh fills every row: not a steady tick
            signalsBefore = model.stats().dataChangedSignals;
            continue;
        }
        ms += std::chrono::duration<double, std::milli>(t1 - t0).count();
    }
    return {double(model.stats().dataChangedSignals - signalsBefore) / ticks, ms / ticks};
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    QCommandLineParser parser;
    const QCommandLineOption stations(QStringLiteral("stations"), QStringLiteral("stations"),
                                      QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption ticks(QStringLiteral("ticks"), QStringLiteral("ticks"),
                                   QStringLiteral("N"), QStringLiteral("30"));
    parser.addOptions({stations, ticks});
    parser.process(app);
    Sim::CityOptions o;
    o.stations = parser.value(stations).toInt();
    const Project project = Sim::CityGenerator::generate(o);
    const int n = parser.value(ticks).toInt();

    const Result baseline = run(project, n, true);
    const Result ranges = run(project, n, false);
    std::printf("realtime list, %d stations (%u tags), every tag changing, %d ticks at 1 Hz\n",
                o.stations, project.tagCount(), n);
    std::printf("  baseline (dataChanged per value): %.0f signals/tick, %.2f ms/tick\n",
                baseline.signalsPerTick, baseline.msPerTick);
    std::printf("  contiguous ranges: %.1f signals/tick, %.2f ms/tick (aim < 10 ms)\n",
                ranges.signalsPerTick, ranges.msPerTick);
    std::printf("  %.0fx fewer signals (aim >= 20x), %.1fx the baseline's time\n",
                baseline.signalsPerTick / std::max(ranges.signalsPerTick, 1e-9),
                ranges.msPerTick / std::max(baseline.msPerTick, 1e-9));
    return ranges.signalsPerTick > 0 && baseline.signalsPerTick > 0 ? 0 : 1;
}
