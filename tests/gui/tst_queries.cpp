// The query panel (查询) as a dispatcher uses it, in Chinese, against a real SQLite history
// written by the history writer from known curves (the reports tests' five-station project,
// production day 08:00 → 08:00):
// - 黄家坝's outlet pressure on 2026-12-01, every minute: 0.30 MPa from 08:00 to 20:00, 0.25
//   otherwise, one spike of 0.45 at 10:30, silent (comm failure) from 14:00 to 16:00; 八五厂 0.50,
//   南老 0.40, 澳门路口 0.35 all day;
// - every station's outlet totalizer every 10 minutes (黄家坝's silent from 14:00 to 16:00 too) at
// a known rate: this month (12-01 to
//   12-10 14:00, "now"), the month before and last December — 南老 stood still in November (a
//   zero base), 南南 was only added this month (outside 可比口径).
// Each tab is driven through its widgets (period, tags, 查询) and read as a person reads it:
// statistics cells, table rows at the step, the curve's break at the gap, the ranking order,
// "—" over a zero base, the cursor and the table's row following each other, 取消, and the
// .xlsx read back with openpyxl. With PUMPWATCH_DOC_IMAGES=DIR it writes query-history.png,
// query-compare.png and query-yoy.png there (docs/images).
#include "../unit/reports/knownhistory.h"

#include <core/translator.h>
#include <ui/periodcomparemodel.h>
#include <ui/querychart.h>
#include <ui/querycomparetab.h>
#include <ui/queryhistorytab.h>
#include <ui/querymodels.h>
#include <ui/querypanel.h>
#include <ui/queryparts.h>
#include <ui/queryperiodtab.h>
#include <ui/querypicker.h>
#include <ui/queryrange.h>
#include <ui/reportpreviewdialog.h>
#include <ui/reporttablemodel.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBrush>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace PumpWatch;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone Zone("Asia/Shanghai");

qint64 at(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Zone).toMSecsSinceEpoch();
}

const qint64 Day1 = at(2026, 12, 1, 0);
const qint64 Day2 = at(2026, 12, 2, 0);
const qint64 GapFrom = at(2026, 12, 1, 14);
const qint64 GapTo = at(2026, 12, 1, 16);
const qint64 Spike = at(2026, 12, 1, 10, 30);
const qint64 Now = at(2026, 12, 10, 14);
constexpr qint64 HourMs = 3'600'000;

double pressureS1(qint64 ms)
{
    if (ms == Spike)
        return 0.45;
    const int hour = QDateTime::fromMSecsSinceEpoch(ms, Zone).time().hour();
    return hour >= 8 && hour < 20 ? 0.30 : 0.25;
}

/// m³/h of each station's outlet meter in the three spans (0: stands still; -1: no meter yet).
struct Rates {
    const char* station;
    double current;
    double previous;
    double lastYear;
};
constexpr Rates Meters[] = {{"S1", 100, 100, 80},
                            {"S2", 200, 100, 200},
                            {"S3", 50, 0, 50},
                            {"S4", 80, -1, -1},
                            {"S5", 120, 120, 120}};

void screenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("PUMPWATCH_DOC_IMAGES");
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return;
    QTest::qWait(200);
    w->grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

int rowOf(const QAbstractItemModel* m, int column, const QString& text)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, column).data().toString() == text)
            return r;
    }
    return -1;
}

/// A station's row, whether the name is shown with its code or not: "(H)黄家坝".
int stationRow(const QAbstractItemModel* m, int column, const QString& name)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, column).data().toString().endsWith(name))
            return r;
    }
    return -1;
}

int columnOf(const QAbstractItemModel* m, const QString& header)
{
    for (int c = 0; c < m->columnCount(); ++c) {
        if (m->headerData(c, Qt::Horizontal).toString().startsWith(header))
            return c;
    }
    return -1;
}

} // namespace

class tst_Queries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(installTranslators(*QCoreApplication::instance(), QLocale(u"zh_CN"_s)));
        QVERIFY(m_dir.isValid());
        m_project = Test::Known::project();
        QString error;
        m_url = *History::DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"h.sqlite"_s), &error);
        writeHistory();
    }

    /// The picker finds 澳门路口 by "amlk" and narrows a station to its matching tags.
    void thePickerFindsStationsByPinyinAndTagsByName()
    {
        Fixture f(*this);
        Ui::QueryPicker* picker = f.panel.historyTab()->picker();
        QTest::keyClicks(picker->searchLine(), u"amlk"_s);
        QCOMPARE(picker->visibleStations(), QStringList{u"S5"_s});
        QCOMPARE(picker->visibleTags(u"S5"_s).size(), 5); // the whole station
        picker->setFilter(u"进水压力"_s);
        QCOMPARE(picker->visibleStations().size(), 5);
        QCOMPARE(picker->visibleTags(u"S1"_s), QStringList{u"inlet_pressure"_s});
        picker->setFilter({});
        QCOMPARE(picker->visibleStations().size(), 5);
    }

    void historyShowsStatisticsRowsAndTheGap()
    {
        Fixture f(*this);
        Ui::QueryHistoryTab* tab = f.panel.historyTab();
        QAbstractItemModelTester tableTester(
            tab->table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester statsTester(
            tab->statistics()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        tab->picker()->setChecked(tag("S1", "outlet_pressure"), true);
        tab->picker()->setChecked(tag("S1", "outlet_total"), true);
        tab->period()->setRange(Day1, Day2);
        auto* step = tab->findChild<QComboBox*>(u"step"_s);
        QCOMPARE(step->itemText(0), u"自动（原始数据）"_s); // a day: raw
        step->setCurrentIndex(step->findData(int(Reports::QueryStep::Hour)));
        query(tab);

        // Statistics: one row per series, as a person reads them.
        const QAbstractItemModel* st = tab->statistics()->model();
        QCOMPARE(st->rowCount(), 2);
        QVERIFY(st->index(0, 0).data().toString().contains(u"黄家坝"_s));
        QVERIFY(st->index(0, 0).data().toString().contains(u"出水压力"_s));
        QCOMPARE(st->headerData(1, Qt::Horizontal).toString(), u"最小值"_s);
        QCOMPARE(st->headerData(8, Qt::Horizontal).toString(), u"覆盖率 %"_s);
        const QString min = st->index(0, 1).data().toString();
        const QString max = st->index(0, 3).data().toString();
        const QString avg = st->index(0, 5).data().toString();
        QVERIFY2(min.startsWith(u"0.25"_s), qPrintable(min));
        QVERIFY2(avg.startsWith(u"0.27"_s), qPrintable(avg));
        QVERIFY(min.toDouble() <= avg.toDouble() && avg.toDouble() <= max.toDouble());
        // The coverage misses the two silent hours: 22 of 24.
        QCOMPARE(st->index(0, 8).data().toString(), u"91.7"_s);
        // The meter: 100 m³ an hour, 2400 in the day.
        QCOMPARE(st->index(1, 6).data().toString(), u"2400"_s);

        // The table: 24 hourly rows, the silent hours blank and shaded.
        const QAbstractItemModel* m = tab->table()->model();
        QCOMPARE(m->rowCount(), 24);
        QCOMPARE(m->headerData(0, Qt::Horizontal).toString(), u"时间"_s);
        QVERIFY(m->headerData(1, Qt::Horizontal).toString().contains(u"MPa"_s));
        QVERIFY(m->headerData(2, Qt::Horizontal).toString().contains(u"m³"_s));
        const int eight = rowOf(m, 0, u"2026-12-01 08:00"_s);
        const int two = rowOf(m, 0, u"2026-12-01 14:00"_s);
        QCOMPARE(eight, 8);
        QVERIFY(m->index(eight, 1).data().toString().startsWith(u"0.30"_s));
        QVERIFY(m->index(0, 1).data().toString().startsWith(u"0.25"_s));
        QCOMPARE(m->index(eight, 2).data().toString(), u"100"_s);
        QCOMPARE(m->index(two, 1).data().toString(), QString());
        QCOMPARE(m->index(two + 1, 1).data().toString(), QString());
        QCOMPARE(m->index(two, 1).data(Qt::BackgroundRole).value<QBrush>().color(),
                 Ui::ReportTableModel::missingFill());
        QVERIFY(!m->index(two + 2, 1).data().toString().isEmpty());
        // The meter's advance across the silence is estimated: italic, said in the tooltip,
        // marked on the curve.
        QCOMPARE(m->index(two, 2).data().toString(), u"100"_s);
        QVERIFY(m->index(two, 2).data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(!m->index(eight, 2).data(Qt::FontRole).value<QFont>().italic());
        QVERIFY2(m->index(two, 2).data(Qt::ToolTipRole).toString().contains(u"估算"_s),
                 qPrintable(m->index(two, 2).data(Qt::ToolTipRole).toString()));

        // The curve breaks at the gap: one piece up to 13:00, the next from 16:00.
        Ui::QueryChart* chart = tab->chart();
        QCOMPARE(chart->seriesCount(), 2);
        QCOMPARE(chart->valueAxes().size(), std::size_t(2)); // MPa and m³
        const auto pieces = chart->pieces(0);
        QCOMPARE(pieces.size(), std::size_t(2));
        QCOMPARE(qint64(pieces[0].back().x()), at(2026, 12, 1, 13));
        QCOMPARE(qint64(pieces[1].front().x()), GapTo);
        QVERIFY(chart->timeLabels().contains(u"12:00"_s));
        const QList<QPointF> estimated = chart->markers(u"估算"_s);
        QVERIFY(!estimated.isEmpty());
        QCOMPARE(qint64(estimated.front().x()), GapFrom);

        // The cursor follows the mouse and selects the row of its hour…
        const QPointF p = chart->chart()->mapToPosition(
            QPointF(double(at(2026, 12, 1, 10, 40)), 0.3), chart->chart()->series().front());
        QTest::mouseMove(chart->viewport(), chart->mapFromScene(p));
        QTRY_COMPARE(tab->table()->currentIndex().row(), 10);
        QVERIFY(chart->readout(chart->cursorTime()).contains(u"黄家坝 出水压力"_s));
        // … and choosing a row moves the cursor there.
        tab->table()->selectRow(20);
        QCOMPARE(chart->cursorTime(), at(2026, 12, 1, 20));

        screenshot(&f.panel, "query-history.png");

        // Copy: the table as tab-separated text.
        QTest::mouseClick(tab->findChild<QPushButton*>(u"copy"_s), Qt::LeftButton);
        const QStringList lines = QApplication::clipboard()->text().split(u'\n');
        QVERIFY(lines.front().startsWith(u"时间\t"_s));
        QVERIFY(lines[1 + eight].startsWith(u"2026-12-01 08:00\t0.30"_s));

        // Excel: read back by openpyxl, numbers as numbers.
        const QString xlsx = m_dir.filePath(u"history.xlsx"_s);
        QVERIFY(tab->outputs()->exportTo(xlsx, u"xlsx"_s));
        const QJsonObject book = readXlsx(xlsx);
        QVERIFY(!book.isEmpty());
        const QString cells = QString::fromUtf8(QJsonDocument(book).toJson());
        QVERIFY2(cells.contains(u"黄家坝"_s), qPrintable(cells.left(2000)));
        QVERIFY(book.value(u"numbers"_s).toArray().contains(100));
        QVERIFY(book.value(u"numbers"_s).toArray().contains(2400));
        QVERIFY(book.value(u"dates"_s).toInt() >= 24); // the times as Excel dates
        // CSV: the same table, in UTF-8 for Excel.
        const QString csv = m_dir.filePath(u"history.csv"_s);
        QVERIFY(tab->outputs()->exportTo(csv, u"csv"_s));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QString csvText = QString::fromUtf8(csvFile.readAll());
        QVERIFY(csvText.contains(u"黄家坝"_s));
        QVERIFY(csvText.contains(u"2026-12-01 08:00"_s));
    }

    /// At the raw step the envelope breaks over the silence too.
    void aRawQueryDrawsTheGapAsAGap()
    {
        Fixture f(*this);
        Ui::QueryHistoryTab* tab = f.panel.historyTab();
        tab->picker()->setChecked(tag("S1", "outlet_pressure"), true);
        tab->period()->setRange(Day1, Day2);
        query(tab);
        QCOMPARE(tab->result()->step, Reports::QueryStep::Raw);
        const auto pieces = tab->chart()->pieces(0);
        // A column is a minute wide at most: nothing is drawn inside the silence, and one
        // piece ends before it, the next begins after it.
        QVERIFY(pieces.size() >= 2);
        bool broken = false;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            for (const QPointF& p : pieces[i])
                QVERIFY(qint64(p.x()) <= GapFrom || qint64(p.x()) >= GapTo - 60'000);
            broken = broken || (i + 1 < pieces.size() && qint64(pieces[i].back().x()) <= GapFrom &&
                                qint64(pieces[i + 1].front().x()) >= GapTo - 60'000);
        }
        QVERIFY(broken);
        // The spike is in the curve and in the statistics with its time.
        const QAbstractItemModel* st = tab->statistics()->model();
        QVERIFY(st->index(0, 3).data().toString().startsWith(u"0.45"_s));
        QCOMPARE(st->index(0, 4).data().toString(), u"12-01 10:30:00"_s);
        QCOMPARE(tab->table()->model()->rowCount(), 1440 - 120 + 1); // the samples, and the fault
    }

    /// More samples than a table lists: the curve and statistics stay, the table says why not.
    void aTruncatedRawQueryKeepsTheCurveAndSaysSo()
    {
        Fixture f(*this);
        Ui::QueryHistoryTab* tab = f.panel.historyTab();
        tab->setRowLimit(100);
        tab->picker()->setChecked(tag("S2", "outlet_pressure"), true);
        tab->period()->setRange(Day1, Day2);
        query(tab);
        QCOMPARE(tab->table()->model()->rowCount(), 0);
        QVERIFY(!tab->chart()->pieces(0).empty());
        QCOMPARE(tab->statistics()->model()->index(0, 7).data().toString(), u"1440"_s);
        QVERIFY2(tab->statusText().contains(u"曲线和统计完整，表格请选较粗的分辨率"_s),
                 qPrintable(tab->statusText()));
    }

    /// 取消 takes effect at once — 已取消, 查询 back — while the worker winds down; what it
    /// finds later is dropped, and the layout does not move while the query runs.
    void cancelDropsARunningQueryAtOnce()
    {
        Fixture f(*this);
        Ui::QueryHistoryTab* tab = f.panel.historyTab();
        // Every quantity of every station, raw, over thirteen months: seconds of reading.
        for (TagId t = 0; t < TagId(m_project.tagCount()); ++t)
            tab->picker()->setChecked(t, true);
        tab->period()->setRange(at(2025, 11, 1, 0), Now);
        auto* step = tab->stepCombo();
        step->setCurrentIndex(step->findData(int(Reports::QueryStep::Raw)));
        auto* cancel = tab->findChild<QPushButton*>(u"cancel"_s);
        auto* queryButton = tab->findChild<QPushButton*>(u"query"_s);
        QSignalSpy finished(tab, &Ui::QueryHistoryTab::finished);
        const QRect tree = tab->picker()->geometry();
        const QRect chart = tab->chart()->geometry();
        QTest::mouseClick(queryButton, Qt::LeftButton);
        QCoreApplication::processEvents();
        // Running: 取消 shown, 查询 held; the tree and the chart stay where they were.
        QVERIFY(cancel->isVisible());
        QVERIFY(!queryButton->isEnabled());
        QCOMPARE(tab->picker()->geometry(), tree);
        QCOMPARE(tab->chart()->geometry(), chart);
        QTest::mouseClick(cancel, Qt::LeftButton);
        // The worker is still reading…
        QCOMPARE(tab->windingDown(), 1);
        // … and the tab is free already, without waiting for it.
        QCOMPARE(finished.count(), 1);
        QCOMPARE(tab->statusText(), u"已取消。"_s);
        QVERIFY(!tab->isBusy());
        QVERIFY(!cancel->isVisible());
        QVERIFY(queryButton->isEnabled());
        // When it stops, nothing of it shows.
        QTRY_COMPARE_WITH_TIMEOUT(tab->windingDown(), 0, 30'000);
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!tab->result());
        QCOMPARE(tab->table()->model()->rowCount(), 0);
        QCOMPARE(tab->chart()->seriesCount(), 0);
        QCOMPARE(tab->statusText(), u"已取消。"_s);
        // The next query runs.
        for (TagId t = 0; t < TagId(m_project.tagCount()); ++t)
            tab->picker()->setChecked(t, t == tag("S1", "outlet_pressure"));
        tab->period()->setRange(Day1, Day2);
        step->setCurrentIndex(step->findData(int(Reports::QueryStep::Hour)));
        query(tab);
        QCOMPARE(tab->table()->model()->rowCount(), 24);
    }

    /// A query of many series draws the first 24 curves and says so; the table lists them all.
    void manySeriesDrawAFewCurvesAndListAll()
    {
        QCOMPARE(Ui::QueryChart::DefaultSeriesLimit, 24);
        Fixture f(*this);
        Ui::QueryHistoryTab* tab = f.panel.historyTab();
        tab->chart()->setSeriesLimit(3);
        const int n = int(m_project.tagCount());
        for (TagId t = 0; t < TagId(n); ++t)
            tab->picker()->setChecked(t, true);
        tab->period()->setRange(Day1, Day2);
        auto* step = tab->stepCombo();
        step->setCurrentIndex(step->findData(int(Reports::QueryStep::Hour)));
        query(tab);
        QCOMPARE(tab->chart()->seriesCount(), 3);
        QCOMPARE(tab->table()->model()->columnCount(), 1 + n);
        QCOMPARE(tab->statistics()->model()->rowCount(), n);
        QVERIFY2(tab->statusText().contains(u"曲线显示前 3 条，表格列出全部。"_s),
                 qPrintable(tab->statusText()));
        // The comparison draws the top of its ranking, named by station.
        Ui::QueryCompareTab* compare = f.panel.compareTab();
        compare->chart()->setSeriesLimit(2);
        compare->setKey(u"outlet_pressure"_s);
        compare->setStationsChecked({u"S1"_s, u"S2"_s, u"S3"_s, u"S5"_s});
        compare->period()->setRange(Day1, Day2);
        compare->stepCombo()->setCurrentIndex(
            compare->stepCombo()->findData(int(Reports::QueryStep::Hour)));
        QSignalSpy finished(compare, &Ui::QueryCompareTab::finished);
        compare->run();
        QVERIFY(finished.wait(30'000));
        QCOMPARE(compare->chart()->seriesCount(), 2);
        const QString readout = compare->chart()->readout(at(2026, 12, 1, 10));
        QVERIFY2(readout.contains(u"八五厂"_s) && readout.contains(u"南老"_s) &&
                     !readout.contains(u"黄家坝"_s) && !readout.contains(u"出水压力"_s),
                 qPrintable(readout));
        QCOMPARE(compare->ranking()->model()->rowCount(), 4);
        QVERIFY2(compare->statusText().contains(u"曲线显示前 2 条"_s),
                 qPrintable(compare->statusText()));
    }

    /// Every tab fits a narrow window: the panel asks for less than 700 px, and at 700 px the
    /// buttons are on screen.
    void thePanelFitsANarrowWindow()
    {
        Fixture f(*this);
        QVERIFY2(f.panel.minimumSizeHint().width() < 700,
                 qPrintable(QString::number(f.panel.minimumSizeHint().width())));
        f.panel.resize(700, 700);
        for (int i = 0; i < 3; ++i) {
            f.panel.setCurrentIndex(i);
            QWidget* page = f.panel.currentWidget();
            QVERIFY2(page->minimumSizeHint().width() < 700,
                     qPrintable(QString::number(page->minimumSizeHint().width())));
            QTRY_VERIFY(page->width() <= 700);
            auto* query = page->findChild<QPushButton*>(u"query"_s);
            QVERIFY(query->isVisible());
            const QRect r(query->mapTo(page, QPoint(0, 0)), query->size());
            QVERIFY2(page->rect().contains(r), qPrintable(QString::number(r.right())));
        }
    }

    /// At 02:20, with production days from 08:00, 同比/环比 offers yesterday's production day.
    void thePeriodDefaultsToTheRunningProductionDay()
    {
        QCOMPARE(m_project.reports.dayStartMinute, 480);
        Fixture f(*this, at(2026, 12, 10, 2, 20));
        auto* date = f.panel.periodTab()->findChild<QDateEdit*>(u"date"_s);
        QCOMPARE(date->date(), QDate(2026, 12, 9));
        Fixture later(*this, at(2026, 12, 10, 8, 5));
        QCOMPARE(later.panel.periodTab()->findChild<QDateEdit*>(u"date"_s)->date(),
                 QDate(2026, 12, 10));
    }

    /// 日均 is shown for a sum (水量) and not for a ratio (吨水电耗).
    void perDayOnlyForSums()
    {
        using C = Ui::PeriodCompareModel;
        C model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Reports::PeriodCompareResult r;
        r.additive = true;
        model.setResult(r);
        QCOMPARE(model.columnCount(), int(C::Columns));
        QCOMPARE(model.headerData(C::PerDay, Qt::Horizontal).toString(), u"日均"_s);
        r.additive = false;
        model.setResult(r);
        QCOMPARE(model.columnCount(), int(C::PerDay));
        for (int c = 0; c < model.columnCount(); ++c)
            QVERIFY(!model.headerData(c, Qt::Horizontal).toString().contains(u"日均"_s));
    }

    /// Raw rows are the union of the series' instants: a series without a sample at a row is
    /// blank; only a sample of bad quality is "无数据", shaded.
    void aRawRowWithoutASampleIsPlainBlank()
    {
        Fixture f(*this);
        Ui::QueryHistoryTab* tab = f.panel.historyTab();
        tab->picker()->setChecked(tag("S1", "outlet_pressure"), true);
        tab->picker()->setChecked(tag("S1", "outlet_total"), true);
        tab->period()->setRange(Day1, Day2);
        auto* step = tab->stepCombo();
        step->setCurrentIndex(step->findData(int(Reports::QueryStep::Raw)));
        query(tab);
        const Ui::QueryTableModel* m = tab->tableModel();
        // 00:01: the pressure's sample, the meter (every 10 minutes) has none.
        const int row = m->rowForTime(at(2026, 12, 1, 0, 1));
        QCOMPARE(m->timeAt(row), at(2026, 12, 1, 0, 1));
        QVERIFY(!m->index(row, 1).data().toString().isEmpty());
        QCOMPARE(m->index(row, 2).data().toString(), QString());
        QVERIFY(!m->index(row, 2).data(Qt::BackgroundRole).isValid());
        QVERIFY(!m->index(row, 2).data(Qt::ToolTipRole).isValid());
        // 14:00: the pressure's sample of bad quality (comm failure).
        const int bad = m->rowForTime(GapFrom);
        QCOMPARE(m->timeAt(bad), GapFrom);
        QCOMPARE(m->index(bad, 1).data().toString(), QString());
        QCOMPARE(m->index(bad, 1).data(Qt::BackgroundRole).value<QBrush>().color(),
                 Ui::ReportTableModel::missingFill());
        QCOMPARE(m->index(bad, 1).data(Qt::ToolTipRole).toString(), u"无数据"_s);
    }

    /// A lone point shows as a dot; the axis labels read apart; the readout sits on a box.
    void theChartShowsWhatItDraws()
    {
        const auto series = [](const QString& station, double value, int decimals) {
            Reports::QuerySeries s;
            s.station = station;
            s.name = u"出水压力"_s;
            s.unit = u"kPa"_s;
            s.decimals = decimals;
            Reports::QueryPoint p;
            p.startMs = Day1 + 12 * HourMs;
            p.endMs = p.startMs + HourMs;
            p.value = value;
            s.points.push_back(p);
            return s;
        };
        Ui::QueryChart chart(QTimeZone("Asia/Shanghai"));
        chart.resize(800, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        Reports::QuerySeries wide = series(u"八五厂"_s, 15.0, 0);
        Reports::QueryPoint second = wide.points.front();
        second.startMs += HourMs;
        second.value = 15.4;
        wide.points.push_back(second);
        chart.setSeries({series(u"黄家坝"_s, 14.8, 0), wide}, Day1, Day2, false);
        QTest::qWait(100);
        // The lone point: its colour on screen, inside the plot (the axis line has it too).
        const QImage image = chart.grab().toImage();
        const QColor first = Ui::QueryChart::colour(0);
        const QRect plot =
            chart.mapFromScene(chart.chart()->plotArea()).boundingRect().adjusted(4, 4, -4, -4);
        int dots = 0;
        for (int y = plot.top(); y <= plot.bottom(); ++y) {
            for (int x = plot.left(); x <= plot.right(); ++x)
                dots += QColor(image.pixel(x, y)) == first ? 1 : 0;
        }
        QVERIFY2(dots >= 12, qPrintable(QString::number(dots)));
        QVERIFY(Ui::QueryChart::colour(0) != Ui::QueryChart::colour(1));
        // 14.8 … 15.4 in whole kPa would read "15 15 15": the labels carry the decimals.
        const QStringList labels = Ui::QueryChart::valueLabels(chart.valueAxes().front());
        QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
        // The readout on an almost opaque box of the palette's base.
        chart.setCursorTime(Day1 + 12 * HourMs + 60'000);
        QVERIFY(chart.readoutVisible());
        QCOMPARE(chart.readoutBackground().color().rgb(),
                 chart.palette().color(QPalette::Base).rgb());
        QVERIFY(chart.readoutBackground().color().alpha() >= 200);
    }

    /// Enter in the search box or a date, and F5, run the query; a preset's end is refreshed
    /// when it runs; a custom time counts in whole minutes.
    void keysAndPresets()
    {
        Fixture f(*this);
        Ui::QueryHistoryTab* tab = f.panel.historyTab();
        tab->picker()->setChecked(tag("S2", "outlet_pressure"), true);
        tab->period()->setPreset(Ui::QueryPeriodEdit::Today);
        auto* to = tab->period()->findChild<QDateTimeEdit*>(u"to"_s);
        QCOMPARE(to->dateTime(), QDateTime(QDate(2026, 12, 10), QTime(14, 0)));
        f.clock.setNowMs(at(2026, 12, 10, 15, 30));
        QSignalSpy finished(tab, &Ui::QueryHistoryTab::finished);
        tab->picker()->searchLine()->setFocus();
        QTest::keyClick(tab->picker()->searchLine(), Qt::Key_Return);
        QCOMPARE(to->dateTime(), QDateTime(QDate(2026, 12, 10), QTime(15, 30)));
        QVERIFY(finished.wait(30'000));
        QVERIFY(tab->result());
        QCOMPARE(tab->result()->toMs, at(2026, 12, 10, 15, 30));
        QTest::keyClick(to, Qt::Key_Enter);
        QVERIFY(finished.wait(30'000));
        QTest::keyClick(tab->stepCombo(), Qt::Key_F5);
        QVERIFY(finished.wait(30'000));
        QCOMPARE(finished.count(), 3);
        // Custom: whole minutes as shown.
        tab->period()->setRange(Day1 + 30'000, Day2 + 59'000);
        QCOMPARE(tab->period()->range(), std::make_pair(Day1, Day2));
        // The presets are QueryRange's: this week from Monday.
        tab->period()->setPreset(Ui::QueryPeriodEdit::ThisWeek);
        QCOMPARE(tab->period()->range().first, at(2026, 12, 7, 0));
        QCOMPARE(
            Ui::QueryRange::of(Ui::RangePreset::ThisMonth, Now, QTimeZone("Asia/Shanghai")).fromMs,
            Day1);
        // 同比/环比: Enter in the date runs it; 对比查询: 取消 frees the tab at once.
        Ui::QueryPeriodTab* period = f.panel.periodTab();
        QSignalSpy periodDone(period, &Ui::QueryPeriodTab::finished);
        QTest::keyClick(period->findChild<QDateEdit*>(u"date"_s), Qt::Key_Return);
        QVERIFY(periodDone.wait(30'000));
        QVERIFY2(period->result(), qPrintable(period->statusText()));
        Ui::QueryCompareTab* compare = f.panel.compareTab();
        compare->setKey(u"outlet_total"_s);
        compare->setStationsChecked({u"S1"_s, u"S2"_s, u"S3"_s, u"S4"_s, u"S5"_s});
        compare->period()->setRange(at(2025, 11, 1, 0), Now);
        compare->stepCombo()->setCurrentIndex(
            compare->stepCombo()->findData(int(Reports::QueryStep::Raw)));
        QSignalSpy compareDone(compare, &Ui::QueryCompareTab::finished);
        compare->run();
        QVERIFY(compare->isBusy());
        QTest::mouseClick(compare->findChild<QPushButton*>(u"cancel"_s), Qt::LeftButton);
        QCOMPARE(compareDone.count(), 1);
        QCOMPARE(compare->statusText(), u"已取消。"_s);
        QVERIFY(!compare->isBusy());
        QVERIFY(compare->findChild<QPushButton*>(u"query"_s)->isEnabled());
        QTest::qWait(300);
        QCOMPARE(compareDone.count(), 1);
        QVERIFY(!compare->result());
    }

    void comparisonRanksTheStations()
    {
        Fixture f(*this);
        f.panel.setCurrentIndex(1);
        Ui::QueryCompareTab* tab = f.panel.compareTab();
        QAbstractItemModelTester tester(tab->ranking()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        tab->setKey(u"outlet_pressure"_s);
        QVERIFY(tab->quantityCombo()->currentText().startsWith(u"出水压力"_s));
        tab->setStationFilter(u"amlk"_s);
        QTest::mouseClick(tab->findChild<QPushButton*>(u"selectAll"_s), Qt::LeftButton);
        QCOMPARE(tab->checkedStations(), QStringList{u"S5"_s});
        tab->setStationFilter({});
        tab->setStationsChecked({u"S1"_s, u"S2"_s, u"S3"_s, u"S5"_s});
        tab->period()->setRange(Day1, Day2);
        auto* step = tab->stepCombo();
        step->setCurrentIndex(step->findData(int(Reports::QueryStep::Hour)));
        QCOMPARE(tab->rankCombo()->currentText(), u"平均值"_s);
        QSignalSpy finished(tab, &Ui::QueryCompareTab::finished);
        QTest::mouseClick(tab->findChild<QPushButton*>(u"query"_s), Qt::LeftButton);
        QVERIFY(finished.wait(30'000));
        QVERIFY2(tab->result(), qPrintable(tab->statusText()));

        const QAbstractItemModel* m = tab->ranking()->model();
        QCOMPARE(m->headerData(0, Qt::Horizontal).toString(), u"名次"_s);
        QCOMPARE(m->headerData(1, Qt::Horizontal).toString(), u"站点"_s);
        const QStringList expected{u"八五厂"_s, u"南老"_s, u"澳门路口"_s, u"黄家坝"_s};
        QCOMPARE(stationsInOrder(m), expected);
        QCOMPARE(m->index(0, 0).data().toString(), u"1"_s);
        QVERIFY(m->index(0, 6).data().toString().startsWith(u"0.50"_s));
        QCOMPARE(tab->chart()->seriesCount(), 4);
        QCOMPARE(tab->chart()->valueAxes().size(), std::size_t(1)); // one unit, one axis

        // Sorted by 平均值 ascending, it stays sorted when the query runs again.
        const int average = columnOf(m, u"平均值"_s);
        tab->ranking()->horizontalHeader()->setSortIndicator(average, Qt::AscendingOrder);
        QStringList reversed = expected;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(stationsInOrder(m), reversed);
        QTest::mouseClick(tab->findChild<QPushButton*>(u"query"_s), Qt::LeftButton);
        QVERIFY(finished.wait(30'000));
        QCOMPARE(stationsInOrder(m), reversed);
        QCOMPARE(m->index(3, 0).data().toString(), u"1"_s); // 八五厂 is still first by rank

        tab->ranking()->horizontalHeader()->setSortIndicator(0, Qt::AscendingOrder);
        QCOMPARE(stationsInOrder(m), expected);
        screenshot(&f.panel, "query-compare.png");

        // Two sheets: the ranking and the data; the figures as numbers.
        const QString xlsx = m_dir.filePath(u"compare.xlsx"_s);
        QVERIFY(tab->outputs()->exportTo(xlsx, u"xlsx"_s));
        const QJsonObject book = readXlsx(xlsx);
        QCOMPARE(book.value(u"sheets"_s).toArray().size(), 2);
        QVERIFY(book.value(u"numbers"_s).toArray().contains(0.5));
    }

    void periodComparisonWithAPartialMonthAndAZeroBase()
    {
        Fixture f(*this);
        f.panel.setCurrentIndex(2);
        Ui::QueryPeriodTab* tab = f.panel.periodTab();
        QAbstractItemModelTester tester(tab->table()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        tab->setMeasure(Reports::Measure::Volume);
        tab->setPeriod(Reports::ReportPeriod(Reports::ReportPeriod::Month, QDate(2026, 12, 1)));
        tab->setOverlayStation(u"S1"_s);
        QSignalSpy finished(tab, &Ui::QueryPeriodTab::finished);
        QTest::mouseClick(tab->findChild<QPushButton*>(u"query"_s), Qt::LeftButton);
        QVERIFY(finished.wait(30'000));
        QVERIFY2(tab->result(), qPrintable(tab->statusText()));

        const QAbstractItemModel* m = tab->table()->model();
        using C = Ui::PeriodCompareModel;
        QCOMPARE(m->headerData(C::PreviousPercent, Qt::Horizontal).toString(), u"环比"_s);
        QCOMPARE(m->headerData(C::LastYearPercent, Qt::Horizontal).toString(), u"同比"_s);
        // 12-01 08:00 to 12-10 14:00 is 222 hours; so is 11-01 08:00 to 11-10 14:00.
        const int s1 = stationRow(m, C::Station, u"黄家坝"_s);
        QCOMPARE(m->index(s1, C::Current).data().toString(), u"22200"_s);
        QCOMPARE(m->index(s1, C::Previous).data().toString(), u"22200"_s);
        QCOMPARE(m->index(s1, C::PreviousChange).data().toString(), u"0"_s);
        QCOMPARE(m->index(s1, C::LastYear).data().toString(), u"17760"_s);
        QCOMPARE(m->index(s1, C::LastYearChange).data().toString(), u"+4440"_s);
        QVERIFY(m->index(s1, C::LastYearPercent).data().toString().contains(u"25"_s));
        const int s2 = stationRow(m, C::Station, u"八五厂"_s);
        QVERIFY(m->index(s2, C::PreviousPercent).data().toString().contains(u"100"_s));
        // 南老 stood still in November: no growth over a zero base.
        const int s3 = stationRow(m, C::Station, u"南老"_s);
        QCOMPARE(m->index(s3, C::Previous).data().toString(), u"0"_s);
        QCOMPARE(m->index(s3, C::PreviousPercent).data().toString(), u"—"_s);
        // 南南 is new: greyed, outside 可比口径, said in its tooltip.
        const int s4 = stationRow(m, C::Station, u"南南"_s);
        QCOMPARE(m->index(s4, C::Station).data(Qt::ForegroundRole).value<QColor>(),
                 C::outsideColour());
        QVERIFY(m->index(s4, C::Station).data(Qt::ToolTipRole).toString().contains(u"可比口径"_s));
        // One total over the four comparable stations.
        const int total = m->rowCount() - 1;
        QCOMPARE(m->index(total, C::Station).data().toString(), u"合计（可比口径 4 站）"_s);
        QCOMPARE(m->index(total, C::Current).data().toString(), u"104340"_s);
        QCOMPARE(m->index(total, C::Previous).data().toString(), u"71040"_s);
        QVERIFY(m->index(total, C::Station).data(Qt::FontRole).value<QFont>().bold());
        // The notes: the partial month and the station counts.
        const QString notes = tab->notesText();
        QVERIFY2(notes.contains(u"截至"_s), qPrintable(notes));
        QVERIFY2(notes.contains(u"本期 5 站"_s), qPrintable(notes));
        QVERIFY2(notes.contains(u"上期 4 站"_s), qPrintable(notes));
        // The overlay: this month, the one before and last December on one axis.
        QCOMPARE(tab->chart()->seriesCount(), 3);
        // This month's last day is not over: its low value is marked so.
        const QList<QPointF> running = tab->chart()->markers(u"时段未结束"_s);
        QCOMPARE(running.size(), 1);
        QCOMPARE(qint64(running.front().x()), at(2026, 12, 10, 8));

        screenshot(&f.panel, "query-yoy.png");

        // 打印: the preview shows the painter's pages.
        Ui::ReportPreviewDialog* preview = tab->outputs()->preview();
        QVERIFY(preview);
        QVERIFY(preview->pageCount() >= 1);
        // Fitted to the window as 适合窗口 says, not a thumbnail.
        auto* scroll = preview->findChild<QScrollArea*>();
        QVERIFY(scroll);
        const auto fitted = [scroll] {
            const QSize page = scroll->widget()->size();
            const QSize room = scroll->viewport()->size();
            return page.width() > room.width() * 3 / 4 || page.height() > room.height() * 3 / 4;
        };
        QTRY_VERIFY2(fitted(), qPrintable(QString::number(scroll->widget()->width())));
        preview->close();

        const QString xlsx = m_dir.filePath(u"yoy.xlsx"_s);
        QVERIFY(tab->outputs()->exportTo(xlsx, u"xlsx"_s));
        const QJsonObject book = readXlsx(xlsx);
        QVERIFY(book.value(u"numbers"_s).toArray().contains(22200));
    }

private:
    struct Fixture {
        explicit Fixture(tst_Queries& t, qint64 nowMs = Now + 5000)
            : clock(nowMs)
            , store(t.m_project.tagCount())
            , alarms(t.m_project, clock)
            , services{t.m_project, {},      {},      clock,   store,
                       alarms,      nullptr, nullptr, t.m_url, session}
            , panel(services)
        {
            panel.resize(1500, 900);
            panel.show();
        }
        ManualClock clock;
        RealtimeStore store;
        Alarms::AlarmService alarms;
        Ui::Session session;
        Ui::Services services;
        Ui::QueryPanel panel;
    };

    TagId tag(const char* station, const char* key) const
    {
        return m_project.findTag(QString::fromLatin1(station), u"plc", QString::fromLatin1(key));
    }

    static void query(Ui::QueryHistoryTab* tab)
    {
        QSignalSpy finished(tab, &Ui::QueryHistoryTab::finished);
        QTest::mouseClick(tab->findChild<QPushButton*>(u"query"_s), Qt::LeftButton);
        QVERIFY(finished.wait(30'000));
        QVERIFY2(tab->result(), qPrintable(tab->statusText()));
    }

    static QStringList stationsInOrder(const QAbstractItemModel* m)
    {
        QStringList out;
        for (int r = 0; r < m->rowCount(); ++r)
            out << m->index(r, 1).data().toString().remove(QRegularExpression(u"^\\(\\w+\\)"_s));
        return out;
    }

    /// The workbook as openpyxl reads it: sheet names, every number, every text, how many dates.
    static QJsonObject readXlsx(const QString& path)
    {
        const QString script = uR"(
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "numbers": [], "texts": [], "dates": 0}
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if isinstance(v, bool) or v is None:
                continue
            if isinstance(v, (int, float)):
                out["numbers"].append(round(v, 6))
            elif isinstance(v, datetime.datetime):
                out["dates"] += 1
            else:
                out["texts"].append(str(v))
print(json.dumps(out, ensure_ascii=False))
)"_s;
        QProcess p;
        p.start(u"/usr/bin/python3"_s, {u"-c"_s, script, path});
        if (!p.waitForFinished(30'000) || p.exitCode() != 0) {
            qWarning() << p.readAllStandardError();
            return {};
        }
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    }

    void writeHistory()
    {
        History::HistoryOptions options;
        options.database = m_url;
        options.spoolDirectory = m_dir.filePath(u"spool"_s);
        options.heartbeatMs = 60'000;
        ManualClock clock(at(2025, 12, 1, 0));
        History::HistoryWriter w(m_project, clock, options);
        QVERIFY(w.open());
        std::vector<Sample> batch;
        const auto flush = [&](qint64 t) {
            clock.setNowMs(t + 5000);
            w.write(batch);
            batch.clear();
        };
        // The meters, every 10 minutes: last December whole; from 11-01 to now, at November's
        // rate until 12-01 00:00, at December's after it (南南's meter starts there).
        const auto meters = [&](qint64 from, qint64 to, bool thisYear) {
            std::vector<double> reading(std::size(Meters), 5000.0);
            for (qint64 t = from; t <= to; t += 600'000) {
                for (std::size_t i = 0; i < std::size(Meters); ++i) {
                    const Rates& r = Meters[i];
                    const double rate = !thisYear ? r.lastYear : t < Day1 ? r.previous : r.current;
                    if (rate < 0)
                        continue;
                    // 黄家坝's meter is silent with its pressure (one comm failure).
                    if (i != 0 || t <= GapFrom || t >= GapTo)
                        batch.push_back(
                            {t, reading[i], tag(r.station, "outlet_total"), Quality::Good});
                    reading[i] += rate / 6.0;
                }
                // The pressures of 12-01, every minute.
                for (qint64 m = t; m >= Day1 && m < t + 600'000 && m <= Day2; m += 60'000) {
                    if (m < GapFrom || m >= GapTo)
                        batch.push_back(
                            {m, pressureS1(m), tag("S1", "outlet_pressure"), Quality::Good});
                    else if (m == GapFrom)
                        batch.push_back(
                            {m, 0.0, tag("S1", "outlet_pressure"), Quality::BadCommFailure});
                    batch.push_back({m, 0.50, tag("S2", "outlet_pressure"), Quality::Good});
                    batch.push_back({m, 0.40, tag("S3", "outlet_pressure"), Quality::Good});
                    batch.push_back({m, 0.35, tag("S5", "outlet_pressure"), Quality::Good});
                }
                if (batch.size() > 2000)
                    flush(t);
            }
            flush(to);
        };
        meters(at(2025, 12, 1, 0), at(2026, 1, 1, 0), false);
        meters(at(2026, 11, 1, 0), Now, true);
        QVERIFY(w.flush());
    }

    QTemporaryDir m_dir;
    Project m_project;
    History::DatabaseUrl m_url;
};

QTEST_MAIN(tst_Queries)
#include "tst_queries.moc"
