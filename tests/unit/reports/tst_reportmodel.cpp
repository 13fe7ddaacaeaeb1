// The report model: what every renderer prints for a cell, totals computed from their formulas
// (blanks left out, flags carried up), and the model's own consistency check.
#include "samplereport.h"

#include <reports/report.h>

#include <QTest>

using namespace PumpWatch::Reports;

class tst_ReportModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void displayText_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("integer") << 44456.0 << 0 << "44456";
        QTest::newRow("half rounds away from zero") << 2.5 << 0 << "3";
        QTest::newRow("two decimals") << 0.345 << 2 << "0.35";
        QTest::newRow("no negative zero") << -0.004 << 2 << "0.00";
        QTest::newRow("negative") << -12.5 << 1 << "-12.5";
    }
    void displayText()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QCOMPARE(Cell::number(value, decimals).displayText(), expected);
    }

    void blankIsNotZero()
    {
        QCOMPARE(Cell::blank(CellFlag::Missing).displayText(), QString());
        QVERIFY(!Cell::blank().isNumber());
        QCOMPARE(Cell::label(QStringLiteral("—")).displayText(), QStringLiteral("—"));
    }

    // The seed's wrong subtotal (南郊 101 001 printed for 17 333 + 83 688): totals are
    // computed from the cells they add, and totals of totals from those.
    void totalsAddTheirCells()
    {
        Report r;
        r.columns = {{QStringLiteral("南老线")},
                     {QStringLiteral("南南线")},
                     {QStringLiteral("小计")},
                     {QStringLiteral("合计")}};
        r.headerRows = 0;
        r.rows.push_back({Cell::number(17333, 0), Cell::number(83688, 0),
                          Cell::total(Formula::Sum, {{0, 0, 1, 2}}, 0),
                          Cell::total(Formula::Sum, {{0, 2, 1, 1}}, 0)});
        r.rows.push_back({Cell::number(18149, 0), Cell::blank(CellFlag::Missing),
                          Cell::total(Formula::Sum, {{1, 0, 1, 2}}, 0),
                          Cell::total(Formula::Sum, {{1, 2, 1, 1}}, 0)});
        r.rows.push_back({Cell::total(Formula::Average, {{0, 0, 2, 1}}, 1),
                          Cell::total(Formula::Max, {{0, 1, 2, 1}}, 0),
                          Cell::total(Formula::Min, {{0, 2, 2, 1}}, 0),
                          Cell::total(Formula::Sum, {{0, 3, 2, 1}}, 0)});
        QVERIFY2(r.check().isEmpty(), qPrintable(r.check().join(u'\n')));
        r.finish();
        QCOMPARE(r.cell(0, 2).value, 101021.0);
        QCOMPARE(r.cell(0, 3).value, 101021.0);
        // A missing line leaves the subtotal incomplete, not blank and not missing.
        QCOMPARE(r.cell(1, 2).value, 18149.0);
        QVERIFY(r.cell(1, 2).flags & CellFlag::Incomplete);
        QVERIFY(!(r.cell(1, 2).flags & CellFlag::Missing));
        QVERIFY(r.cell(1, 3).flags & CellFlag::Incomplete);
        QCOMPARE(r.cell(2, 0).value, (17333.0 + 18149.0) / 2);
        QCOMPARE(r.cell(2, 1).value, 83688.0); // the blank is left out, not taken as 0
        QCOMPARE(r.cell(2, 2).value, 18149.0);
        QCOMPARE(r.cell(2, 3).value, 101021.0 + 18149.0);
        QCOMPARE(r.cell(2, 0).displayText(), QStringLiteral("17741.0"));
    }

    void totalOfNothingIsBlank()
    {
        Report r;
        r.columns.resize(2);
        r.headerRows = 0;
        r.rows.push_back(
            {Cell::blank(CellFlag::Missing), Cell::total(Formula::Sum, {{0, 0, 1, 1}}, 0)});
        r.finish();
        QVERIFY(!r.cell(0, 1).isNumber());
        QCOMPARE(r.cell(0, 1).displayText(), QString());
    }

    void sampleReportIsConsistent()
    {
        const Report r = PumpWatch::Test::sampleProductionReport();
        QVERIFY2(r.check().isEmpty(), qPrintable(r.check().join(u'\n')));
        const int first = r.headerRows;
        QCOMPARE(r.cell(first, 3).value, 44000.0 + 42000.0);
        QCOMPARE(r.cell(first, 7).value, 44000.0 + 42000.0 + 17333.0 + 83688.0);
        QVERIFY(r.cell(first + 2, 6).flags & CellFlag::Incomplete); // 南郊 小计 of the missing day
        QVERIFY(r.cell(first + 8, 3).flags & CellFlag::Estimated);
        QCOMPARE(r.cell(first + 9, 3).value, 44090.0 + 42123.0); // adds the corrected value
    }

    void checkFindsBrokenModels()
    {
        Report r;
        r.columns.resize(3);
        r.rows.push_back({Cell::header(QStringLiteral("a")), Cell(), Cell()});
        r.rows.push_back({Cell(), Cell()});
        r.merges = {{0, 0, 1, 2}, {0, 1, 1, 2}, {1, 2, 2, 1}};
        const QStringList problems = r.check();
        QCOMPARE(problems.size(), 3);
        QVERIFY(problems[0].contains(QStringLiteral("row 2 has 2 cells")));
        QVERIFY(problems[1].contains(QStringLiteral("overlap")));
        QVERIFY(problems[2].contains(QStringLiteral("outside")));
        QVERIFY(r.isCovered(0, 1));
        QVERIFY(!r.isCovered(0, 0));
        QCOMPARE(r.mergeAt(0, 1)->column, 0);
    }
};

QTEST_GUILESS_MAIN(tst_ReportModel)
#include "tst_reportmodel.moc"
