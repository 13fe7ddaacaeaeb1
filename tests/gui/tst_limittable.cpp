// The alarm limit table (seed 000 §4.2.4) on the demo city: the model under
// QAbstractItemModelTester, the seed's number format and "未设置", edits kept apart from the
// settings in force and across monitored values, spreadsheet paste and fill, the pinyin search,
// and the time-period dialog reading back what it shows and naming a cell that does not read.
#include <core/projectreader.h>
#include <ui/alarmperioddialog.h>
#include <ui/limiteditor.h>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include <demoproject.h>

using namespace PumpWatch;
using Ui::LimitTableModel;

class tst_LimitTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_project = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath)).project;
        QVERIFY(m_project);
        m_store.emplace(m_project->tagCount());
        m_alarms.emplace(*m_project, m_clock);
    }

    void formats()
    {
        QCOMPARE(LimitTableModel::limitText(0.6, Quantity::Pressure), QStringLiteral("0.600"));
        QCOMPARE(LimitTableModel::limitText(0.6125, Quantity::Pressure), QStringLiteral("0.6125"));
        QCOMPARE(LimitTableModel::limitText(22, Quantity::Flow), QStringLiteral("22.0"));
        QCOMPARE(LimitTableModel::limitText(std::nullopt, Quantity::Pressure),
                 LimitTableModel::tr("not set"));
        std::optional<double> v = 1.0;
        QVERIFY(LimitTableModel::parseLimit(QStringLiteral(" 0.45 "), &v));
        QCOMPARE(v, std::optional<double>(0.45));
        QVERIFY(LimitTableModel::parseLimit(LimitTableModel::tr("not set"), &v));
        QCOMPARE(v, std::nullopt);
        QVERIFY(LimitTableModel::parseLimit(QString(), &v));
        QVERIFY(!LimitTableModel::parseLimit(QStringLiteral("0.4x"), &v));
        QVERIFY(!LimitTableModel::parseLimit(QStringLiteral("nan"), &v));
    }

    void modelKeepsEditsApartFromWhatIsInForce()
    {
        LimitTableModel model(*m_project, *m_alarms);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto keys = LimitTableModel::keys(*m_project);
        QCOMPARE(keys.front().key, QStringLiteral("outlet_pressure")); // the most watched first
        model.setKey(QStringLiteral("outlet_pressure"));
        QVERIFY(model.rowCount() >= int(m_project->stations.size()));
        const TagId tag = model.tagAt(0);
        QCOMPARE(m_project->tag(tag).key, QStringLiteral("outlet_pressure"));
        const QModelIndex high = model.index(0, LimitTableModel::High);
        QVERIFY(!model.setData(high, QStringLiteral("0.5"))); // read-only until an engineer
        model.setEditable(true);
        const AlarmLimits inForce = m_alarms->limits(tag);
        QVERIFY(inForce.high && inForce.highHigh);
        const double h = *inForce.highHigh - 0.01;
        QVERIFY(model.setData(high, QString::number(h)));
        QCOMPARE(model.limits(0).high, h);
        QCOMPARE(m_alarms->limits(tag), inForce); // not in force until saved
        QVERIFY(model.isEdited(0));
        QVERIFY(high.data(LimitTableModel::EditedRole).toBool());
        QVERIFY(!model.index(0, LimitTableModel::Low).data(LimitTableModel::EditedRole).toBool());
        QVERIFY(model.setData(model.index(0, LimitTableModel::Enabled), Qt::Unchecked,
                              Qt::CheckStateRole));
        QVERIFY(!model.limits(0).enabled);
        QCOMPARE(model.describeEdits().size(), 1);

        // Another monitored value keeps the edit; setting the value back drops it.
        model.setKey(QStringLiteral("outlet_flow"));
        QCOMPARE(model.editCount(), 1u);
        model.setKey(QStringLiteral("outlet_pressure"));
        QCOMPARE(model.limits(0).high, h);
        QVERIFY(model.setData(model.index(0, LimitTableModel::Enabled), Qt::Checked,
                              Qt::CheckStateRole));
        QVERIFY(model.setData(high, LimitTableModel::limitText(inForce.high, Quantity::Pressure)));
        QCOMPARE(model.editCount(), 0u);

        // Out of order: the row says why.
        QVERIFY(model.setData(model.index(0, LimitTableModel::LowLow), QStringLiteral("50")));
        QCOMPARE(model.problemCount(), 1u);
        QVERIFY(model.problems(0).join(u' ').contains(u"LL 50 >"));
        QVERIFY(model.index(0, LimitTableModel::Station)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"LL 50 >"));
        model.revert();
        QCOMPARE(model.editCount(), 0u);
        QCOMPARE(model.problemCount(), 0u);
    }

    void editorPastesFillsAndSearches()
    {
        Ui::Session session;
        User engineer;
        engineer.name = QStringLiteral("lisi");
        engineer.displayName = QStringLiteral("李四");
        engineer.role = Role::Engineer;
        session.setUser(engineer);
        Ui::Services services{*m_project, QString(), QString(), m_clock,      *m_store,
                              *m_alarms,  nullptr,   nullptr,   std::nullopt, session};
        Ui::LimitEditor editor(services);
        editor.setKey(QStringLiteral("outlet_pressure"));
        LimitTableModel& model = editor.model();
        QTableView* view = editor.table();

        // One value fills every selected cell.
        QItemSelection selection(view->model()->index(0, LimitTableModel::Rate),
                                 view->model()->index(2, LimitTableModel::Rate));
        view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        editor.paste(QStringLiteral("0.08\n"));
        for (int r = 0; r < 3; ++r)
            QCOMPARE(model.limits(editor.sourceRow(r)).ratePerMinute, 0.08);
        QCOMPARE(model.editCount(), 3u);
        QCOMPARE(editor.copySelection(), QStringLiteral("0.080\n0.080\n0.080"));
        editor.clearSelection(); // Delete: the rate limits are not set any more
        for (int r = 0; r < 3; ++r)
            QCOMPARE(model.limits(editor.sourceRow(r)).ratePerMinute, std::nullopt);
        editor.revert();

        // A block from a spreadsheet lands from the current cell on.
        view->setCurrentIndex(view->model()->index(1, LimitTableModel::LowLow));
        editor.paste(QStringLiteral("0.1\t0.2\t0.6\t0.7\n0.15\t0.25\t0.65\t0.75\n"));
        QCOMPARE(model.limits(editor.sourceRow(1)).lowLow, 0.1);
        QCOMPARE(model.limits(editor.sourceRow(1)).highHigh, 0.7);
        QCOMPARE(model.limits(editor.sourceRow(2)).low, 0.25);
        QCOMPARE(model.editCount(), 2u);
        editor.paste(QStringLiteral("x\n"));
        QVERIFY(editor.status().contains(u'x'));
        editor.revert();

        // Pinyin search narrows the rows to the station.
        const PumpWatch::Station& s = m_project->stations[4];
        editor.setSearch(SearchKey(s.name).initials());
        QVERIFY(view->model()->rowCount() >= 1);
        QCOMPARE(model.tagAt(editor.sourceRow(0)),
                 m_project->findTag(s.id, s.devices[0].id, u"outlet_pressure"));
    }

    void periodDialogReadsBackWhatItShows()
    {
        AlarmLimits base;
        base.low = 0.2;
        base.high = 0.5;
        AlarmPeriod morning;
        morning.fromMinute = 6 * 60;
        morning.toMinute = 9 * 60 + 30;
        morning.days = 0x1f;
        morning.limits = base;
        morning.limits.high = 0.6;
        morning.limits.ratePerMinute = 0.1;
        AlarmPeriod night{22 * 60, 5 * 60, 0x7f, base};
        base.periods = {morning, night};
        Ui::AlarmPeriodDialog dialog(QStringLiteral("澳门路口 出水压力"), base, Quantity::Pressure,
                                     true);
        QVERIFY(dialog.read());
        QCOMPARE(dialog.periods(), base.periods);

        dialog.addPeriod({12 * 60, 13 * 60, 0x60, base});
        dialog.table()->item(2, 5)->setText(QStringLiteral("abc"));
        QVERIFY(!dialog.read());
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        dialog.table()->item(2, 5)->setText(QStringLiteral("0.55"));
        QVERIFY(dialog.read());
        QCOMPARE(dialog.periods().size(), 3u);
        QCOMPARE(dialog.periods()[2].days, quint8(0x60));
        QCOMPARE(dialog.periods()[2].limits.high, 0.55);
    }

private:
    std::optional<Project> m_project;
    ManualClock m_clock{1'795'000'000'000};
    std::optional<RealtimeStore> m_store;
    std::optional<Alarms::AlarmService> m_alarms;
};

QTEST_MAIN(tst_LimitTable)
#include "tst_limittable.moc"
