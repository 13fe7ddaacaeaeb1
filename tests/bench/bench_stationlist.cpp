// The realtime list at city scale: --stations stations whose every tag changes once a second
// (the worst case: a slow plant changes far fewer). One tick = the acquisition thread's batch
// into the RealtimeStore, then the GUI thread's StationListModel::refresh() and the repaint that
// follows, with either view attached:
//  - "plain table": the sort/filter proxy and a plain 1600×900 QTableView (Qt's own delegate and
//    repaint rules), as this benchmark has always measured;
//  - "StationListView": the panel the dispatcher sees (filter bar, sparkline and bar delegate,
//    sorted by name, alternating rows, refreshed() after each refresh as MainWindow calls it),
//    1600×900.
//
// Baseline in the same run: the same model emitting one dataChanged per changed value — what a
// naive model does. Reported: dataChanged signals per tick and main-thread ms per tick for each,
// and the ratios. Aims: ≥ 20× fewer signals, < 10 ms per tick. Fails only when nothing changed.
#include "benchmachine.h"

#include <sim/citygenerator.h>
#include <ui/stationfilter.h>
#include <ui/stationlistmodel.h>
#include <ui/stationlistview.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QHeaderView>
#include <QTableView>

#include <chrono>
#include <cstdio>
#include <memory>

using namespace PumpWatch;
using Steady = std::chrono::steady_clock;

namespace {

struct Result {
    double signalsPerTick = 0;
    double msPerTick = 0;
};

enum class View { PlainTable, StationList };

Result run(const Project& project, int ticks, bool perCell, View kind)
{
    RealtimeStore store(project.tagCount());
    Ui::StationListModel model(project, store);
    model.setPerCellSignals(perCell);
    Ui::StationFilter filter;
    QTableView table;
    std::unique_ptr<Ui::StationListView> list;
    QWidget* view = &table;
    if (kind == View::PlainTable) {
        filter.setStations(&model);
        table.setModel(&filter);
    } else {
        list = std::make_unique<Ui::StationListView>(project, model);
        view = list.get();
    }
    view->resize(1600, 900);
    view->show();
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
        if (list)
            list->refreshed();
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

    std::printf("realtime list, %d stations (%u tags), every tag changing, %d ticks at 1 Hz\n",
                o.stations, project.tagCount(), n);
    bool ok = true;
    for (const View kind : {View::PlainTable, View::StationList}) {
        const Result baseline = run(project, n, true, kind);
        const Result ranges = run(project, n, false, kind);
        std::printf("%s, 1600x900:\n", kind == View::PlainTable
                                           ? "plain table (proxy + QTableView)"
                                           : "StationListView (the dispatcher's panel)");
        std::printf("  baseline (dataChanged per value): %.0f signals/tick, %.2f ms/tick\n",
                    baseline.signalsPerTick, baseline.msPerTick);
        std::printf("  contiguous ranges: %.1f signals/tick, %.2f ms/tick (aim < 10 ms)\n",
                    ranges.signalsPerTick, ranges.msPerTick);
        std::printf("  %.0fx fewer signals (aim >= 20x), %.1fx the baseline's time\n",
                    baseline.signalsPerTick / std::max(ranges.signalsPerTick, 1e-9),
                    ranges.msPerTick / std::max(baseline.msPerTick, 1e-9));
        std::fflush(stdout);
        ok = ok && ranges.signalsPerTick > 0 && baseline.signalsPerTick > 0;
    }
    return ok ? 0 : 1;
}
