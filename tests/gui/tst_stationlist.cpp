// The realtime list: the model under QAbstractItemModelTester, values and states a dispatcher
// reads (alarm colours, flashing, stale, offline with its cause), dataChanged per contiguous
// range, and the filter, sort and pinyin search of the list view — on the demo city's project.
#include <core/projectreader.h>
#include <core/textsearch.h>
#include <ui/stationfilter.h>
#include <ui/stationlistmodel.h>
#include <ui/stationlistview.h>
#include <ui/theme.h>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <demoproject.h>

using namespace PumpWatch;
using Ui::StationListModel;

namespace {

constexpr qint64 Now = 1'795'000'000'000; // 2026-11-18

Alarms::AlarmRecord alarmOn(TagId tag, int station, Alarms::Severity severity, quint64 key)
{
    Alarms::AlarmRecord r;
    r.key = key;
    r.type = severity == Alarms::Severity::Critical ? Alarms::AlarmType::HighHigh
                                                    : Alarms::AlarmType::High;
    r.severity = severity;
    r.station = station;
    r.device = 0;
    r.tag = tag;
    r.value = 0.7;
    r.startMs = Now - 5000;
    return r;
}

} // namespace

class tst_StationList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_project = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath)).project;
        QVERIFY(m_project);
    }

    void pinyinSearchKeys()
    {
        QCOMPARE(pinyinSyllables(QStringLiteral("澳门路口")),
                 QStringList({QStringLiteral("ao"), QStringLiteral("men"), QStringLiteral("lu"),
                              QStringLiteral("kou")}));
        const SearchKey key(QStringLiteral("长征一厂"), {QStringLiteral("S0002")});
        QCOMPARE(key.initials(), QStringLiteral("czyc"));
        QVERIFY(key.matches(QStringLiteral("CZ")));
        QVERIFY(key.matches(QStringLiteral("zy")));
        QVERIFY(key.matches(QStringLiteral("changzheng")));
        QVERIFY(key.matches(QStringLiteral("一厂")));
        QVERIFY(key.matches(QStringLiteral("s0002")));
        QVERIFY(key.matches(QString()));
        QVERIFY(!key.matches(QStringLiteral("zc")));
        QVERIFY(!key.matches(QStringLiteral("zheng")));
    }

    void showsValuesAndEmitsRanges()
    {
        RealtimeStore store(m_project->tagCount());
        StationListModel model(*m_project, store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), int(m_project->stations.size()));
        QCOMPARE(model.index(0, StationListModel::Name).data().toString(),
                 m_project->stations[0].displayName());
        QCOMPARE(model.index(0, StationListModel::Pressure).data().toString(), QStringLiteral("—"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refresh(Now);
        changed.clear();
        // Stations 0, 1, 2 and 10 change: two ranges, whatever the number of cells.
        std::vector<Sample> batch;
        for (int s : {0, 1, 2, 10}) {
            batch.push_back({Now, 0.4 + s / 100.0, model.tagOf(s, StationListModel::Pressure),
                             Quality::Good, false});
            batch.push_back(
                {Now, 100.0 + s, model.tagOf(s, StationListModel::Flow), Quality::Good, false});
            batch.push_back(
                {Now, 5000.0 + s, model.tagOf(s, StationListModel::Total), Quality::Good, false});
        }
        store.publish(batch);
        model.refresh(Now + 500);
        QList<std::pair<int, int>> ranges;
        for (const QList<QVariant>& args : changed) {
            const auto from = args[0].value<QModelIndex>();
            const auto to = args[1].value<QModelIndex>();
            if (from.column() == StationListModel::Pressure &&
                to.column() == StationListModel::TodaySupply)
                ranges.append({from.row(), to.row()});
        }
        // A range spans the columns its rows changed in: from the three values through "Updated"
        // and the sparklines to today's supply; the name, district and line did not change.
        QCOMPARE(ranges, (QList<std::pair<int, int>>{{0, 2}, {10, 10}}));
        // The same values again: nothing shown changes, nothing is emitted.
        changed.clear();
        store.publish(batch);
        model.refresh(Now + 500);
        QVERIFY(changed.isEmpty());
        QCOMPARE(model.index(1, StationListModel::Pressure).data().toString(),
                 QLocale().toString(0.41, 'f', 3));
        QCOMPARE(model.index(10, StationListModel::Flow).data().toString(),
                 QLocale().toString(110.0, 'f', 1));
        QCOMPARE(model.state(0), StationState::Unknown); // no comm status yet

        // The totalizer's first value today is the day's start: supply is what came after.
        store.publish(std::vector<Sample>{
            {Now + 1000, 5300.0, model.tagOf(0, StationListModel::Total), Quality::Good, false}});
        model.refresh(Now + 1000);
        QCOMPARE(model.index(0, StationListModel::TodaySupply)
                     .data(StationListModel::SortRole)
                     .toDouble(),
                 300.0);
        QCOMPARE(model.index(0, StationListModel::TodaySupply)
                     .data(StationListModel::FractionRole)
                     .toDouble(),
                 300.0 / (300.0 * 1.25));
        // The sparkline keeps a point per minute.
        QVERIFY(std::isfinite(model.sparkline(0, StationListModel::PressureTrend)
                                  .at(StationListModel::TrendMinutes - 1, Now + 1000)));
        QVERIFY(std::isnan(model.sparkline(0, StationListModel::PressureTrend).at(0, Now + 1000)));
    }

    void alarmColoursFlashingStaleAndOffline()
    {
        RealtimeStore store(m_project->tagCount());
        StationListModel model(*m_project, store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<Sample> batch;
        for (int s = 0; s < model.rowCount(); ++s)
            batch.push_back(
                {Now, 0.4, model.tagOf(s, StationListModel::Pressure), Quality::Good, false});
        store.publish(batch);
        std::vector<Acquisition::CommStatus> comm;
        for (int s = 0; s < model.rowCount(); ++s) {
            for (int d = 0; d < int(m_project->stations[std::size_t(s)].devices.size()); ++d)
                comm.push_back(
                    {s, d,
                     s == 5 ? Acquisition::CommState::Offline : Acquisition::CommState::Online,
                     Acquisition::CommState::Online, Now - 60'000,
                     s == 5 ? QStringLiteral("invalid answer (function code 04, expected 03)")
                            : QString()});
        }
        model.setCommStatuses(comm);
        model.refresh(Now);
        QCOMPARE(model.state(0), StationState::Normal);
        QCOMPARE(model.state(5), StationState::Offline);
        // The offline name cell: grey fill, hatched, the name in white on it.
        QCOMPARE(model.index(5, StationListModel::Name).data(Qt::BackgroundRole).value<QColor>(),
                 Ui::stateColours().offline);
        QCOMPARE(model.index(5, StationListModel::Name).data(Qt::ForegroundRole).value<QColor>(),
                 QColor(Qt::white));
        QVERIFY(
            model.index(5, StationListModel::Name).data(StationListModel::OfflineRole).toBool());
        QVERIFY(
            !model.index(4, StationListModel::Name).data(StationListModel::OfflineRole).toBool());
        QVERIFY(model.index(5, StationListModel::Comm)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Comm failure since")));
        // Why, as the device's status says it: the tip under the pointer.
        QVERIFY(model.index(5, StationListModel::Comm)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .endsWith(QStringLiteral("\ninvalid answer (function code 04, expected 03)")));

        // A critical alarm on station 1's pressure, a power outage at station 5.
        Alarms::AlarmRecord power;
        power.key = 9;
        power.type = Alarms::AlarmType::PowerFail;
        power.severity = Alarms::Severity::Critical;
        power.station = 5;
        power.startMs = Now - 70'000;
        const std::vector<Alarms::AlarmRecord> live{
            alarmOn(model.tagOf(1, StationListModel::Pressure), 1, Alarms::Severity::Critical, 1),
            alarmOn(model.tagOf(2, StationListModel::Pressure), 2, Alarms::Severity::Warning, 2),
            power};
        model.setAlarms(live);
        model.refresh(Now);
        QCOMPARE(model.state(1), StationState::Critical);
        QCOMPARE(model.state(2), StationState::Warning);
        // The outage's critical alarm outranks being offline: red, still hatched, the name
        // readable on it in both phases, and the 报警中 filter shows it.
        QCOMPARE(model.state(5), StationState::Critical);
        QVERIFY(model.isOffline(5));
        const QModelIndex name5 = model.index(5, StationListModel::Name);
        for (bool bright : {true, false}) {
            model.setBlink(bright);
            const QColor fill = name5.data(Qt::BackgroundRole).value<QColor>();
            QCOMPARE(fill, bright ? Ui::stateColours().critical
                                  : Ui::stateColours().critical.darker(150));
            QCOMPARE(name5.data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::white));
        }
        {
            Ui::StationFilter alarmed;
            alarmed.setStations(&model);
            alarmed.setStateFilter(Ui::StationFilter::StateFilter::Alarmed);
            QStringList shown;
            for (int r = 0; r < alarmed.rowCount(); ++r)
                shown << alarmed.index(r, 0).data(StationListModel::StationRole).toString();
            QCOMPARE(shown, QStringList({"1", "2", "5"}));
            alarmed.setStateFilter(Ui::StationFilter::StateFilter::Offline);
            QCOMPARE(alarmed.rowCount(), 1);
        }
        QVERIFY(model.index(5, StationListModel::Comm)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Station power outage since")));
        const QModelIndex p1 = model.index(1, StationListModel::Pressure);
        model.setBlink(false);
        QCOMPARE(p1.data(Qt::ForegroundRole).value<QColor>(), Ui::stateColours().critical);
        QVERIFY(!p1.data(Qt::BackgroundRole).isValid());
        model.setBlink(true);
        QCOMPARE(p1.data(Qt::BackgroundRole).value<QColor>(), Ui::stateColours().critical);
        QVERIFY(p1.data(StationListModel::FlashRole).toBool());
        QCOMPARE(
            model.index(2, StationListModel::Pressure).data(Qt::BackgroundRole).value<QColor>(),
            Ui::stateColours().warning);
        // Acknowledged: steady colour, no flashing.
        std::vector<Alarms::AlarmRecord> acked = live;
        acked[0].ackMs = Now;
        acked[0].ackUser = QStringLiteral("张三");
        model.setAlarms(acked);
        model.refresh(Now);
        QVERIFY(!p1.data(StationListModel::FlashRole).toBool());
        QCOMPARE(p1.data(Qt::ForegroundRole).value<QColor>(), Ui::stateColours().critical);

        // Forty seconds without a new value: stale, greyed and in italics.
        model.refresh(Now + 40'000);
        QCOMPARE(model.state(0), StationState::Stale);
        QCOMPARE(
            model.index(0, StationListModel::Pressure).data(Qt::ForegroundRole).value<QColor>(),
            Ui::stateColours().staleText);
        QVERIFY(
            model.index(0, StationListModel::Pressure).data(Qt::FontRole).value<QFont>().italic());
    }

    /// Stale follows each device's poll period: a 4G gateway read every 60 s is not stale
    /// between its polls (it was, after 30 s), a station polled every second still is after
    /// 30 s, and the gateway is after three missed polls.
    void staleFollowsThePollPeriod()
    {
        Project project = *m_project;
        for (Device& d : project.stations[0].devices)
            d.settings.pollMs = 60'000;
        RealtimeStore store(project.tagCount());
        StationListModel model(project, store);
        QCOMPARE(project.deviceOfTag(model.tagOf(0, StationListModel::Pressure)).settings.pollMs,
                 60'000);
        QCOMPARE(project.deviceOfTag(model.tagOf(1, StationListModel::Pressure)).settings.pollMs,
                 1'000);
        std::vector<Sample> batch;
        for (int s : {0, 1})
            batch.push_back(
                {Now, 0.4, model.tagOf(s, StationListModel::Pressure), Quality::Good, false});
        store.publish(batch);
        std::vector<Acquisition::CommStatus> comm;
        for (int s : {0, 1}) {
            for (int d = 0; d < int(project.stations[std::size_t(s)].devices.size()); ++d)
                comm.push_back(
                    {s, d, Acquisition::CommState::Online, Acquisition::CommState::Online,
                     Now - 60'000,
                     s == 5 ? QStringLiteral("invalid answer (function code 04, expected 03)")
                            : QString()});
        }
        model.setCommStatuses(comm);
        model.refresh(Now);
        QCOMPARE(model.state(0), StationState::Normal);

        const auto italic = [&](int row) {
            return model.index(row, StationListModel::Pressure)
                .data(Qt::FontRole)
                .value<QFont>()
                .italic();
        };
        model.refresh(Now + 59'000); // just before the gateway's next poll
        QCOMPARE(model.state(0), StationState::Normal);
        QVERIFY(!italic(0));
        QCOMPARE(model.state(1), StationState::Stale);
        QVERIFY(italic(1));

        model.refresh(Now + 181'000); // three polls missed
        QCOMPARE(model.state(0), StationState::Stale);
        QVERIFY(italic(0));
    }

    void filterSortAndSearch()
    {
        RealtimeStore store(m_project->tagCount());
        StationListModel model(*m_project, store);
        std::vector<Sample> batch;
        for (int s = 0; s < model.rowCount(); ++s)
            batch.push_back({Now, 0.3 + (s * 7 % 13) / 100.0,
                             model.tagOf(s, StationListModel::Pressure), Quality::Good, false});
        store.publish(batch);
        model.refresh(Now);
        Ui::StationListView view(*m_project, model);
        QAbstractItemModelTester tester(&view.filter(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Ui::StationFilter& filter = view.filter();
        QCOMPARE(filter.rowCount(), model.rowCount());

        // Typing pinyin initials in the search box.
        QTest::keyClicks(view.searchBox(), QStringLiteral("amlk"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, StationListModel::Name).data().toString(),
                 QStringLiteral("(A)澳门路口"));
        view.searchBox()->clear();
        QCOMPARE(filter.rowCount(), model.rowCount());

        // District.
        const QString district = m_project->stations[0].district;
        const auto inDistrict =
            std::count_if(m_project->stations.begin(), m_project->stations.end(),
                          [&](const Station& s) { return s.district == district; });
        filter.setDistrict(district);
        QCOMPARE(filter.rowCount(), int(inDistrict));
        for (int r = 0; r < filter.rowCount(); ++r)
            QCOMPARE(filter.index(r, StationListModel::District).data().toString(), district);
        filter.setDistrict(QString());

        // A line.
        filter.setLine(0);
        const auto onLine = std::count_if(m_project->stations.begin(), m_project->stations.end(),
                                          [](const Station& s) { return s.line == 0; });
        QCOMPARE(filter.rowCount(), int(onLine));
        filter.setLine(-1);

        // State: only the station in alarm.
        Alarms::AlarmRecord r =
            alarmOn(model.tagOf(7, StationListModel::Pressure), 7, Alarms::Severity::Critical, 1);
        model.setAlarms(std::vector{r});
        filter.setStateFilter(Ui::StationFilter::StateFilter::Alarmed);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data(StationListModel::StationRole).toInt(), 7);
        filter.setStateFilter(Ui::StationFilter::StateFilter::All);

        // Sort by pressure, highest first, as numbers.
        view.table()->sortByColumn(StationListModel::Pressure, Qt::DescendingOrder);
        double previous = 1e9;
        for (int row = 0; row < filter.rowCount(); ++row) {
            const double v = filter.index(row, StationListModel::Pressure)
                                 .data(StationListModel::SortRole)
                                 .toDouble();
            QVERIFY2(v <= previous, qPrintable(QStringLiteral("row %1").arg(row)));
            previous = v;
        }
    }

    /// 今日供水量 is the volume since local midnight from the hourly rollups plus the live
    /// counter; when history starts later in the day the cell says it is a lower bound.
    void todaysSupplyFromHistory()
    {
        RealtimeStore store(m_project->tagCount());
        StationListModel model(*m_project, store);
        const TagId total = model.tagOf(0, StationListModel::Total);
        const qint64 at1927 = Now; // 2026-11-18 … the test's "now"
        model.refresh(at1927);
        const qint64 midnight = model.dayStartMs();
        QVERIFY(midnight < at1927 && at1927 - midnight < 86'400'000);
        // The workstation started a minute ago: the live counter alone.
        store.publish(std::vector<Sample>{{at1927 - 60'000, 5000.0, total, Quality::Good, false}});
        model.refresh(at1927 - 60'000);
        store.publish(std::vector<Sample>{{at1927, 5004.0, total, Quality::Good, false}});
        model.refresh(at1927);
        const QModelIndex cell = model.index(0, StationListModel::TodaySupply);
        QVERIFY2(cell.data().toString().startsWith(QStringLiteral("≥")),
                 qPrintable(cell.data().toString()));

        // History: hours from 00:00, readings every 5 minutes, 120 m³ an hour, a comm gap from
        // 03:00 to 05:00 whose volume the 05:00 hour's delta spreads in.
        std::vector<History::RollupRow> hours;
        double reading = 4000.0;
        for (qint64 h = 0; midnight + (h + 1) * 3'600'000 <= at1927 - 60'000; ++h) {
            History::RollupRow row;
            row.startMs = midnight + h * 3'600'000;
            if (h == 3 || h == 4) {
                hours.push_back(row);
                continue;
            }
            for (int m = 0; m < 60; m += 5) {
                const double previous = reading;
                reading += (h == 5 && m == 0) ? 250.0 : 10.0;
                row.addSample(row.startMs + m * 60'000, reading);
                row.delta += reading - previous;
            }
            hours.push_back(row);
        }
        const double counted = [&] {
            double d = 0;
            for (const auto& h : hours)
                d += h.delta;
            return d;
        }();
        const Ui::DaySupply day = Ui::daySupplyFromHours(hours, midnight);
        QCOMPARE(day.coveredFromMs, midnight);
        QCOMPARE(day.baseline, reading - counted);
        // The live counter moved on from the last reading.
        store.publish(
            std::vector<Sample>{{at1927 + 1000, reading + 7.0, total, Quality::Good, false}});
        model.refresh(at1927 + 1000);
        model.seedDay(0, day);
        model.refresh(at1927 + 1000);
        QCOMPARE(cell.data().toString(), QLocale().toString(counted + 7.0, 'f', 0));

        // History that begins at 13:27: a lower bound, and the tooltip says from when.
        std::vector<History::RollupRow> late(hours.begin() + 13, hours.end());
        late.front() = {};
        late.front().startMs = midnight + 13 * 3'600'000;
        late.front().addSample(midnight + 13 * 3'600'000 + 27 * 60'000, 9000.0);
        const Ui::DaySupply partial = Ui::daySupplyFromHours(late, midnight);
        QCOMPARE(partial.coveredFromMs, midnight + 13 * 3'600'000 + 27 * 60'000);
        model.seedDay(0, partial);
        model.refresh(at1927 + 2000);
        QVERIFY2(cell.data().toString().startsWith(QStringLiteral("≥ ")),
                 qPrintable(cell.data().toString()));
        QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("13:27")),
                 qPrintable(cell.data(Qt::ToolTipRole).toString()));
    }

    void namesSortByPinyinAndNumbers_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("pinyin-not-unicode") << "白杨湾"
                                            << "保利三号线";
        QTest::newRow("bai-before-bi") << "北京路"
                                       << "碧云";
        QTest::newRow("one-before-two") << "一号线"
                                        << "二号线";
        QTest::newRow("two-before-ten") << "二号线"
                                        << "十号线";
        QTest::newRow("twelve-before-twenty-three") << "十二号"
                                                    << "二十三号";
        QTest::newRow("105-after-23") << "二十三号"
                                      << "一百零五号";
        QTest::newRow("digits-by-value") << "2号泵"
                                         << "10号泵";
        QTest::newRow("numbers-before-letters") << "1号"
                                                << "A号";
    }
    void namesSortByPinyinAndNumbers()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QVERIFY2(collationKey(before) < collationKey(after),
                 qPrintable(collationKey(before) + QStringLiteral(" !< ") + collationKey(after)));
    }

    /// A sorted list stays sorted: after a search is cleared, after the state filter is reset,
    /// and, a few seconds later, after the values changed; the selected station stays selected.
    void sortedStaysSorted()
    {
        RealtimeStore store(m_project->tagCount());
        StationListModel model(*m_project, store);
        auto publishFlows = [&](qint64 ms, bool reversed) {
            std::vector<Sample> batch;
            for (int s = 0; s < model.rowCount(); ++s) {
                const double flow = 10.0 + (reversed ? model.rowCount() - s : s) * 3.3;
                batch.push_back(
                    {ms, flow, model.tagOf(s, StationListModel::Flow), Quality::Good, false});
                batch.push_back(
                    {ms, 0.4, model.tagOf(s, StationListModel::Pressure), Quality::Good, false});
            }
            store.publish(batch);
            model.refresh(ms);
        };
        publishFlows(Now, false);
        Ui::StationListView view(*m_project, model);
        view.resize(1400, 900);
        view.show();
        Ui::StationFilter& filter = view.filter();
        const auto shownFlows = [&] {
            std::vector<double> flows;
            for (int r = 0; r < filter.rowCount(); ++r)
                flows.push_back(
                    filter.index(r, StationListModel::Flow).data().toString().toDouble());
            return flows;
        };
        const auto ascending = [&] {
            const std::vector<double> f = shownFlows();
            return std::is_sorted(f.begin(), f.end()) && int(f.size()) == filter.rowCount();
        };
        view.table()->sortByColumn(StationListModel::Flow, Qt::AscendingOrder);
        QVERIFY(ascending());
        // The dispatcher types a station's initials, then clears the search box.
        QTest::keyClicks(view.searchBox(), QStringLiteral("hhg"));
        QVERIFY(filter.rowCount() < model.rowCount());
        view.searchBox()->clear();
        QCOMPARE(filter.rowCount(), model.rowCount());
        QVERIFY(ascending());
        // Picks 报警中, then all states again.
        view.stateBox()->setCurrentIndex(1);
        view.stateBox()->setCurrentIndex(0);
        QCOMPARE(filter.rowCount(), model.rowCount());
        QVERIFY(ascending());

        // Selects a station, then every flow changes: the order comes back on the calm cadence,
        // the same station still selected.
        view.table()->selectRow(3);
        const int selected =
            view.table()->currentIndex().data(StationListModel::StationRole).toInt();
        publishFlows(Now + 1000, true);
        QVERIFY(!ascending()); // not on every value
        QTRY_VERIFY_WITH_TIMEOUT(ascending(), 2 * Ui::StationListView::ResortMs);
        QCOMPARE(view.table()->currentIndex().data(StationListModel::StationRole).toInt(),
                 selected);
        QVERIFY(view.table()->selectionModel()->isRowSelected(view.table()->currentIndex().row()));

        // Alarms first: the critical station on top, then the warning, the rest by flow.
        const std::vector<Alarms::AlarmRecord> live{
            alarmOn(model.tagOf(20, StationListModel::Pressure), 20, Alarms::Severity::Warning, 1),
            alarmOn(model.tagOf(30, StationListModel::Pressure), 30, Alarms::Severity::Critical,
                    2)};
        model.setAlarms(live);
        model.refresh(Now + 2000);
        view.alarmsFirstBox()->setChecked(true);
        const auto stationAt = [&](int row) {
            return filter.index(row, 0).data(StationListModel::StationRole).toInt();
        };
        QCOMPARE(stationAt(0), 30);
        QCOMPARE(stationAt(1), 20);
        std::vector<double> rest = shownFlows();
        rest.erase(rest.begin(), rest.begin() + 2);
        QVERIFY(std::is_sorted(rest.begin(), rest.end()));
        view.table()->sortByColumn(StationListModel::Flow, Qt::DescendingOrder); // either way
        QCOMPARE(stationAt(0), 30);
        QCOMPARE(stationAt(1), 20);
        view.alarmsFirstBox()->setChecked(false);
        QVERIFY(stationAt(0) != 30);

        // Lines: 一号线 before 二号线 within a plant.
        view.table()->setColumnHidden(StationListModel::Line, false);
        view.table()->sortByColumn(StationListModel::Line, Qt::AscendingOrder);
        QStringList lines;
        for (int r = 0; r < filter.rowCount(); ++r) {
            const QString l = filter.index(r, StationListModel::Line).data().toString();
            if (l.startsWith(QStringLiteral("北郊水厂")) && !lines.contains(l))
                lines << l;
        }
        QCOMPARE(lines, QStringList({"北郊水厂 一号线", "北郊水厂 二号线"}));
    }

private:
    std::optional<Project> m_project;
};

QTEST_MAIN(tst_StationList)
#include "tst_stationlist.moc"
