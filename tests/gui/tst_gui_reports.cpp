// The reports panel (报表) as a report clerk and an administrator use it, in Chinese, against a
// real SQLite history written by the history writer: six stations, one per production line of
// the demo's three plants, whose outlet totalizers advance 60, 120, … 360 m³ an hour for two
// production days (08:00 boundary) of November 2026, then stop. The monthly production report
// shows the plants over their lines and 小计 (merged), each day's volume, blank days without
// data; an administrator's correction turns the cell green and writes one audit row; an
// operator cannot correct; the print preview has the painter's pages; an export is a version.
#include <core/clock.h>
#include <core/translator.h>
#include <history/historywriter.h>
#include <reports/render/reportpainter.h>
#include <sim/citygenerator.h>
#include <ui/reportcorrectiondialog.h>
#include <ui/reporthistory.h>
#include <ui/reportpreviewdialog.h>
#include <ui/reportspanel.h>
#include <ui/reporttablemodel.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBrush>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace PumpWatch;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone ShanghaiZone("Asia/Shanghai");

qint64 local(int month, int day, int hour)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, 0), ShanghaiZone).toMSecsSinceEpoch();
}

// Samples from 2026-11-01 07:00 to 2026-11-03 09:00, every five minutes: production days
// 11-01 and 11-02 whole, then nothing.
const qint64 DataFrom = local(11, 1, 7);
const qint64 DataTo = local(11, 3, 9);
constexpr qint64 StepMs = 300'000;
constexpr int Stations = 6;

/// Station i's meter: 5·(i+1) m³ every five minutes, 1440·(i+1) m³ a production day.
double reading(int station, qint64 ms)
{
    return 20'000.0 * (station + 1) + 5.0 * (station + 1) * double((ms - DataFrom) / StepMs);
}

User user(const QString& login, const QString& name, Role role)
{
    User u;
    u.name = login;
    u.displayName = name;
    u.role = role;
    return u;
}

} // namespace

class tst_GuiReports : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(installTranslators(*QCoreApplication::instance(), QLocale(u"zh_CN"_s)));
        QVERIFY(m_dir.isValid());
        Sim::CityOptions o;
        o.stations = Stations;
        m_project = Sim::CityGenerator::generate(o);
        m_project.reports.dayStartMinute = 8 * 60;
        QString error;
        m_url = *History::DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"h.sqlite"_s), &error);
        writeHistory();
    }

    void theMonthlyProductionReportReadsAsOnPaper()
    {
        Fixture f(*this);
        f.session.setUser(user(u"admin"_s, u"管理员甲"_s, Role::Administrator));
        QAbstractItemModelTester tester(f.panel.table()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        generateNovember(f);
        const QAbstractItemModel* m = f.panel.table()->model();
        QTableView* table = f.panel.table();
        QCOMPARE(f.panel.titleText(), f.panel.model().report().title);
        QVERIFY(f.panel.titleText().startsWith(m_project.name));
        QVERIFY(f.panel.titleText().contains(u"产水量"_s));
        // Two header rows: 日期 over both; each plant over its lines and 小计; 合计 over both.
        QCOMPARE(m->index(0, 0).data().toString(), u"日期"_s);
        QCOMPARE(table->rowSpan(0, 0), 2);
        QCOMPARE(m->index(0, 1).data().toString(), u"北郊水厂"_s);
        QCOMPARE(table->columnSpan(0, 1), 3);
        QCOMPARE(m->index(1, 1).data().toString(), u"二号线"_s);
        QCOMPARE(m->index(1, 2).data().toString(), u"一号线"_s);
        QCOMPARE(m->index(1, 3).data().toString(), u"小计"_s);
        QCOMPARE(m->index(0, 4).data().toString(), u"南郊水厂"_s);
        QCOMPARE(m->index(0, 7).data().toString(), u"青山水厂"_s);
        const int last = m->columnCount() - 1;
        QCOMPARE(m->index(0, last).data().toString(), u"合计"_s);
        QCOMPARE(table->rowSpan(0, last), 2);
        QVERIFY(!table->isSortingEnabled());
        // 2026-11-02: 1440 m³ on 北郊 二号线, 2880 on 一号线, 4320 their 小计, 30240 in all.
        const int day2 = rowOf(m, u"2026-11-02"_s);
        QVERIFY(day2 > 0);
        QCOMPARE(m->index(day2, 1).data().toString(), u"1440"_s);
        QCOMPARE(m->index(day2, 2).data().toString(), u"2880"_s);
        QCOMPARE(m->index(day2, 3).data().toString(), u"4320"_s);
        QCOMPARE(m->index(day2, last).data().toString(), u"30240"_s);
        QCOMPARE(m->index(day2, 1).data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight,
                 int(Qt::AlignRight));
        // No data on 2026-11-05: blank and shaded, never 0.
        const int day5 = rowOf(m, u"2026-11-05"_s);
        QCOMPARE(m->index(day5, 1).data().toString(), QString());
        QCOMPARE(m->index(day5, 1).data(Qt::BackgroundRole).value<QBrush>().color(),
                 Ui::ReportTableModel::missingFill());
        QVERIFY(m->index(day5, 1).data(Qt::ToolTipRole).toString().contains(u"无数据"_s));
        // The footer: each line's silence named once under 备注 (not once a day: the paper's
        // last page would overflow), and who generated it.
        const QString footer = f.panel.findChild<QLabel*>(u"reportFooter"_s)->text();
        QVERIFY(footer.startsWith(u"备注："_s));
        QCOMPARE(footer.count(u"11-03 09:00 起无数据"_s), Stations);
        QCOMPARE(footer.count(u"起无数据"_s), Stations);
        QVERIFY(footer.contains(u"制表人：管理员甲"_s));
    }

    /// 综合日报 picks a measured tag (no counters), is always a day, and lists every station;
    /// with no pressure recorded, its hours are blank.
    void theDailyReportListsEveryStationForItsTag()
    {
        Fixture f(*this);
        f.session.setUser(user(u"wangwu"_s, u"王五"_s, Role::Viewer));
        auto* family = f.panel.findChild<QComboBox*>(u"family"_s);
        auto* tag = f.panel.findChild<QComboBox*>(u"tag"_s);
        auto* kind = f.panel.findChild<QComboBox*>(u"periodKind"_s);
        family->setCurrentIndex(family->findText(u"综合日报"_s));
        QVERIFY(tag->isEnabled());
        QVERIFY(!kind->isEnabled());
        QCOMPARE(kind->currentText(), u"日报"_s);
        QCOMPARE(tag->currentText(), u"出水压力"_s);
        QCOMPARE(tag->findText(u"出水累积流量"_s), -1);
        f.panel.findChild<QDateEdit*>(u"period"_s)->setDate(QDate(2026, 11, 2));
        QSignalSpy ready(&f.panel, &Ui::ReportsPanel::reportChanged);
        QTest::mouseClick(f.panel.findChild<QPushButton*>(u"generate"_s), Qt::LeftButton);
        QVERIFY(ready.wait(20'000));
        const QAbstractItemModel* m = f.panel.table()->model();
        QVERIFY(f.panel.titleText().contains(u"出水压力"_s));
        QCOMPARE(m->rowCount(), 1 + Stations);
        QCOMPARE(m->index(0, 1).data().toString(), u"08:00"_s); // the production day's hours
        QCOMPARE(m->index(1, 0).data().toString(), m_project.stations.front().displayName());
        QCOMPARE(m->index(1, 1).data().toString(), QString());
        QVERIFY(!f.panel.correctAction()->isEnabled());
    }

    void anAdministratorsCorrectionTurnsTheCellGreenAndIsAudited()
    {
        Fixture f(*this);
        f.session.setUser(user(u"admin"_s, u"管理员甲"_s, Role::Administrator));
        generateNovember(f);
        QTableView* table = f.panel.table();
        const QAbstractItemModel* m = table->model();
        const int day2 = rowOf(m, u"2026-11-02"_s);
        const QModelIndex cell = m->index(day2, 1);
        table->setCurrentIndex(cell);
        QVERIFY(f.panel.correctAction()->isEnabled());
        QVERIFY(f.panel.correctAction()->toolTip() != u"需要“管理员”权限"_s);
        const int auditBefore = auditRows(u"report.correct"_s);

        // Double-click, as the administrator does.
        table->scrollTo(cell);
        doubleClick(table, cell);
        Ui::ReportCorrectionDialog* dialog = f.panel.correctionDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QLabel*>(u"currentValue"_s)->text(), u"1440"_s);
        QVERIFY(!dialog->okButton()->isEnabled()); // no reason yet
        dialog->setMethod(Reports::CorrectionMethod::PairedMeter);
        dialog->setValue(1500);
        dialog->setReason(u"出水表信号线松动，取进水表读数"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        QSignalSpy regenerated(&f.panel, &Ui::ReportsPanel::reportChanged);
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QVERIFY(regenerated.wait(20'000));

        const QModelIndex after = m->index(day2, 1);
        QCOMPARE(after.data().toString(), u"1500"_s);
        QCOMPARE(after.data(Qt::BackgroundRole).value<QBrush>().color(),
                 Ui::ReportTableModel::correctedFill());
        QVERIFY(after.data(Qt::ToolTipRole).toString().contains(u"出水表信号线松动"_s));
        // The subtotal follows the corrected value: 1500 + 2880.
        QCOMPARE(m->index(day2, 3).data().toString(), u"4380"_s);
        QCOMPARE(auditRows(u"report.correct"_s), auditBefore + 1);
    }

    void anOperatorCannotCorrect()
    {
        Fixture f(*this);
        f.session.setUser(user(u"zhangsan"_s, u"张三"_s, Role::Operator));
        generateNovember(f);
        QTableView* table = f.panel.table();
        const QModelIndex cell = table->model()->index(rowOf(table->model(), u"2026-11-01"_s), 2);
        table->setCurrentIndex(cell);
        QVERIFY(!f.panel.correctAction()->isEnabled());
        QCOMPARE(f.panel.correctAction()->toolTip(), u"需要“修正报表数据”权限"_s);
        doubleClick(table, cell);
        QVERIFY(!f.panel.correctionDialog());
    }

    void thePreviewHasThePaintersPages()
    {
        Fixture f(*this);
        f.session.setUser(user(u"wangwu"_s, u"王五"_s, Role::Viewer)); // a viewer may print
        // The notes and signatures fit on the last page: nothing is cut from the paper.
        QTest::failOnWarning(QRegularExpression(u"will be cut"_s));
        generateNovember(f);
        Ui::ReportPreviewDialog* preview = f.panel.preview();
        QVERIFY(preview);
        const Reports::ReportPainter paper(f.panel.model().report());
        QVERIFY(paper.pageCount() >= 1);
        QCOMPARE(preview->pageCount(), paper.pageCount());
        QCOMPARE(preview->pageText(), u"第 1 页 共 %1 页"_s.arg(paper.pageCount()));
        preview->setPage(preview->pageCount() - 1);
        QCOMPARE(preview->page(), paper.pageCount() - 1);
        preview->close();
    }

    void anExportIsAVersionReviewedBySomeoneElse()
    {
        Fixture f(*this);
        f.session.setUser(user(u"lisi"_s, u"李四"_s, Role::Engineer));
        generateNovember(f);
        const int before = f.panel.history()->list()->topLevelItemCount();
        QSignalSpy stored(&f.panel, &Ui::ReportsPanel::stored);
        const QString path = m_dir.filePath(f.panel.model().report().id + u".csv"_s);
        QVERIFY(f.panel.exportTo(path, u"csv"_s));
        QVERIFY(stored.wait(20'000));
        QCOMPARE(stored.takeFirst().at(0).toBool(), true);
        QTreeWidget* list = f.panel.history()->list();
        QCOMPARE(list->topLevelItemCount(), before + 1);
        QTreeWidgetItem* newest = list->topLevelItem(0);
        QCOMPARE(newest->text(Ui::ReportHistory::Format), u"csv"_s);
        QCOMPARE(newest->text(Ui::ReportHistory::GeneratedBy), u"李四"_s);
        QCOMPARE(newest->text(Ui::ReportHistory::Sha256).size(), 12);
        // The issued file is never written again: exporting onto it is refused.
        QVERIFY(!f.panel.exportTo(path, u"csv"_s));
        QCOMPARE(list->topLevelItemCount(), before + 1);
        // Who generated it cannot review it; another engineer can.
        QVERIFY(!f.panel.history()->reviewButton()->isEnabled());
        f.session.setUser(user(u"zhaoliu"_s, u"赵六"_s, Role::Engineer));
        list->setCurrentItem(list->topLevelItem(0));
        QVERIFY(f.panel.history()->reviewButton()->isEnabled());
        QTest::mouseClick(f.panel.history()->reviewButton(), Qt::LeftButton);
        QVERIFY(stored.wait(20'000));
        QCOMPARE(list->topLevelItem(0)->text(Ui::ReportHistory::ReviewedBy).left(2), u"赵六"_s);
        QCOMPARE(auditRows(u"report.review"_s), 1);
    }

private:
    struct Fixture {
        explicit Fixture(tst_GuiReports& t)
            : clock(local(12, 2, 10))
            , store(t.m_project.tagCount())
            , alarms(t.m_project, clock)
            , services{t.m_project, {},      {},      clock,   store,
                       alarms,      nullptr, nullptr, t.m_url, session}
            , panel(services)
        {
            panel.resize(1400, 900);
            panel.show();
        }
        ManualClock clock;
        RealtimeStore store;
        Alarms::AlarmService alarms;
        Ui::Session session;
        Ui::Services services;
        Ui::ReportsPanel panel;
    };

    /// Picks 产水量报表, 月, 2026-11 and presses 生成, as a clerk does.
    void generateNovember(Fixture& f)
    {
        Ui::ReportRequest r;
        r.family = Ui::ReportRequest::Family::Production;
        r.period = Reports::ReportPeriod(Reports::ReportPeriod::Month, QDate(2026, 11, 1));
        f.panel.setRequest(r);
        QSignalSpy ready(&f.panel, &Ui::ReportsPanel::reportChanged);
        auto* generate = f.panel.findChild<QPushButton*>(u"generate"_s);
        QCOMPARE(generate->text(), u"生成"_s);
        QTest::mouseClick(generate, Qt::LeftButton);
        QVERIFY(ready.wait(20'000));
        QVERIFY(f.panel.model().hasReport());
        QCOMPARE(f.panel.model().report().id, u"production-month-2026-11"_s);
    }

    /// A click, then the double click (QTest's double click alone is no press the view saw).
    static void doubleClick(QTableView* table, const QModelIndex& index)
    {
        const QPoint at = table->visualRect(index).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
    }

    static int rowOf(const QAbstractItemModel* m, const QString& label)
    {
        for (int r = 0; r < m->rowCount(); ++r) {
            if (m->index(r, 0).data().toString() == label)
                return r;
        }
        return -1;
    }

    int auditRows(const QString& action)
    {
        int n = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"audit-check"_s);
            db.setDatabaseName(m_dir.filePath(u"h.sqlite"_s));
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(u"SELECT COUNT(*) FROM audit_log WHERE action = ?"_s);
                q.addBindValue(action);
                if (q.exec() && q.next())
                    n = q.value(0).toInt();
            }
        }
        QSqlDatabase::removeDatabase(u"audit-check"_s);
        return n;
    }

    void writeHistory()
    {
        std::vector<TagId> meters;
        for (int s = 0; s < Stations; ++s) {
            const Station& station = m_project.stations[static_cast<size_t>(s)];
            QCOMPARE(station.line, s); // one station per line, in the lines' order
            meters.push_back(
                m_project.findTag(station.id, station.devices.front().id, u"outlet_total"));
            QVERIFY(meters.back() != InvalidTagId);
        }
        ManualClock clock(DataFrom);
        History::HistoryOptions options;
        options.database = m_url;
        options.spoolDirectory = m_dir.filePath(u"spool"_s);
        History::HistoryWriter writer(m_project, clock, options);
        QVERIFY(writer.open());
        std::vector<Sample> batch;
        for (qint64 t = DataFrom; t <= DataTo; t += StepMs) {
            for (int s = 0; s < Stations; ++s)
                batch.push_back(
                    {t, reading(s, t), meters[static_cast<size_t>(s)], Quality::Good, false});
            if (batch.size() >= 600) {
                clock.setNowMs(t);
                writer.write(batch);
                batch.clear();
            }
        }
        clock.setNowMs(DataTo);
        writer.write(batch);
        QVERIFY(writer.flush());
    }

    QTemporaryDir m_dir;
    Project m_project;
    History::DatabaseUrl m_url;
};

QTEST_MAIN(tst_GuiReports)
#include "tst_gui_reports.moc"
