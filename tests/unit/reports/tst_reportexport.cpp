// The report as the files a clerk opens, read back by independent readers: the CSV by an
// RFC 4180 reader written here, the .xlsx by openpyxl (check_xlsx.py under Debian's python3).
// Numbers as on screen, no data blank and never 0, merged headers, totals as formulas whose
// cached values are what they add up, the corrected cell green with its comment, the page set up
// for printing, the 修正记录 sheet; a query's times as dates, its chart and its sheets; and a path
// that cannot be written named in the error.
#include "../../common/chinese.h"
#include "samplereport.h"

#include <reports/csvexport.h>
#include <reports/xlsxexport.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Reports;

namespace {

/// RFC 4180 from the reader's side: records end at CRLF outside quotes; "" in quotes is one ".
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool next = i + 1 < text.size();
        if (quoted && c == u'"' && next && text[i + 1] == u'"') {
            field += c;
            ++i;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && c == u',') {
            record << std::exchange(field, {});
        } else if (!quoted && c == u'\r' && next && text[i + 1] == u'\n') {
            record << std::exchange(field, {});
            records << std::exchange(record, {});
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty())
        records << (record << field);
    return records;
}

/// The sheet's A1 name of a cell of the grid, the title's rows (four unless told) above it.
QString sheetRef(int gridRow, int column, int titleRows = 4)
{
    return QChar(u'A' + column) + QString::number(titleRows + gridRow + 1);
}

/// What openpyxl read from the file (see check_xlsx.py); empty when it could not.
QJsonObject readXlsx(const QString& path)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/unit/reports/check_xlsx.py"), path});
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0) {
        qWarning().noquote() << "check_xlsx.py failed:" << python.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

/// One part of the .xlsx (a zip) as text, read by Python's zipfile; empty when it cannot.
QString zipEntry(const QString& path, const QString& name)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, zipfile; "
                                 "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])"
                                 ".decode())"),
                  path, name});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return {};
    return QString::fromUtf8(python.readAllStandardOutput());
}

QJsonObject sheet(const QJsonObject& facts, int index)
{
    return facts[QStringLiteral("sheets")].toArray().at(index).toObject();
}

QJsonObject cellAt(const QJsonObject& sheet, const QString& ref)
{
    return sheet[QStringLiteral("cells")].toObject()[ref].toObject();
}

QString str(const QJsonObject& o, const char* key)
{
    return o[QLatin1String(key)].toString();
}

/// A report of one row and no title: a single cell, or a few.
Report oneRow(std::vector<Cell> cells)
{
    Report r;
    r.headerRows = 0;
    for (size_t j = 0; j < cells.size(); ++j)
        r.columns.push_back({QStringLiteral("c%1").arg(j), 10});
    r.rows.push_back(std::move(cells));
    r.finish();
    return r;
}

} // namespace

class tst_ReportExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void csvAsExcelReadsIt()
    {
        const Report report = Test::sampleProductionReport();
        const QString path = m_dir.filePath(QStringLiteral("report.csv"));
        QString error;
        QVERIFY2(writeCsv(report, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(bytes.startsWith("\xEF\xBB\xBF"), "no UTF-8 byte order mark: Excel garbles it");
        QCOMPARE(bytes.count("\n"), bytes.count("\r\n"));
        const QList<QStringList> csv = parseCsv(QString::fromUtf8(bytes.mid(3)));

        QCOMPARE(csv.value(0).value(0), QStringLiteral("供排水公司日产量报表"));
        QCOMPARE(csv.value(0).size(), 8);
        QCOMPARE(csv.value(1).value(0), QStringLiteral("统计口径：每日08:00至次日08:00"));
        QCOMPARE(csv.value(3).value(0), QStringLiteral("日期：2015-08-01 至 2015-09-09"));
        // A merged header's text once, in its top-left cell.
        QCOMPARE(csv.value(4),
                 QStringList({"日期", "北郊水厂", "", "", "南郊水厂", "", "", "合计"}));
        QCOMPARE(csv.value(5),
                 QStringList({"", "二号线", "一号线", "小计", "南老线", "南南线", "小计", ""}));
        // 17 333 + 83 688 = 101 021, not the seed's 101 001.
        QCOMPARE(csv.value(6), QStringList({"2015-08-01", "44000", "42000", "86000", "17333",
                                            "83688", "101021", "187021"}));
        QCOMPARE(csv.value(8).value(0), QStringLiteral("2015-08-03"));
        QCOMPARE(csv.value(8).value(4), QString());                // no data: blank, not 0
        QCOMPARE(csv.value(15).value(2), QStringLiteral("42123")); // the corrected value
        for (int i = 0; i < report.rowCount(); ++i) {
            for (int j = 0; j < report.columnCount(); ++j) {
                const QString screen =
                    report.isCovered(i, j) ? QString() : report.cell(i, j).displayText();
                QCOMPARE(csv.value(4 + i).value(j), screen);
            }
        }
        const int after = 4 + report.rowCount();
        QCOMPARE(csv.value(after), QStringList(8, QString()));
        QCOMPARE(csv.value(after + 1).value(0), QStringLiteral("备注：") + report.notes.first());
        QCOMPARE(csv.value(after + 2), QStringList({"制表人：李四", "审核人：", "批准人：",
                                                    "制表时间：2015-09-10 08:30", "", "", "", ""}));
        QCOMPARE(csv.size(), after + 3);
    }

    void csvQuotes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << "北郊水厂";
        QTest::newRow("comma") << "1,2号泵";
        QTest::newRow("quote") << "\"二号线\"停用";
        QTest::newRow("line feed") << "第一行\n第二行";
        QTest::newRow("carriage return") << "第一行\r\n第二行";
    }
    void csvQuotes()
    {
        QFETCH(QString, text);
        const Report report = oneRow({Cell::label(text), Cell::number(1.5, 1)});
        const QList<QStringList> csv = parseCsv(QString::fromUtf8(csvBytes(report).mid(3)));
        QCOMPARE(csv, QList<QStringList>({{text, "1.5"}}));
    }

    void xlsxAsExcelReadsIt()
    {
        const Report report = Test::sampleProductionReport();
        const QString path = m_dir.filePath(QStringLiteral("report.xlsx"));
        QString error;
        QVERIFY2(writeXlsx(report, path, &error), qPrintable(error));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        const QJsonObject facts = readXlsx(path);
        QVERIFY(!facts.isEmpty());
        const QJsonObject ws = sheet(facts, 0);
        QCOMPARE(str(ws, "name"), QStringLiteral("供排水公司日产量报表"));

        // Title and its lines across the columns, the two-level header, 备注 and signatures.
        QStringList merged;
        for (const QJsonValue& m : ws[QStringLiteral("merged")].toArray())
            merged << m.toString();
        merged.sort();
        QStringList expected{"A1:H1", "A2:H2", "A3:H3", "A4:H4",   "A5:A6",
                             "B5:D5", "E5:G5", "H5:H6", "A52:H52", "A54:H54"};
        expected.sort();
        QCOMPARE(merged, expected);
        QCOMPARE(str(cellAt(ws, "A1"), "value"), QStringLiteral("供排水公司日产量报表"));
        QVERIFY(cellAt(ws, "A1")[u"bold"].toBool());
        const QJsonObject plant = cellAt(ws, "B5");
        QCOMPARE(str(plant, "value"), QStringLiteral("北郊水厂"));
        QVERIFY(plant[u"bold"].toBool());
        QCOMPARE(str(plant, "align"), QStringLiteral("center"));
        QVERIFY(!str(plant, "fill").isEmpty());
        // Excel draws a merged range's borders from each cell's own: all must have them.
        const QJsonArray bordered = ws[u"bordered"].toArray();
        for (const char* covered : {"B5", "C5", "D5", "A6", "H6", "E9"})
            QVERIFY2(bordered.contains(QString::fromLatin1(covered)), covered);
        QVERIFY(!bordered.contains(QStringLiteral("A1"))); // the title has none

        // Every cell of the grid as the screen has it: numbers as numbers in their decimals,
        // blanks blank, totals as formulas whose cached value is what they add up.
        for (int i = report.headerRows; i < report.rowCount(); ++i) {
            for (int j = 0; j < report.columnCount(); ++j) {
                const Cell& c = report.cell(i, j);
                const QString ref = sheetRef(i, j);
                const QJsonObject x = cellAt(ws, ref);
                if (c.formula.kind != Formula::None) {
                    QVERIFY2(str(x, "value").startsWith(u'='), qPrintable(ref));
                    QCOMPARE(x[u"cached"].toDouble(), *c.value);
                    QCOMPARE(x[u"recomputed"].toDouble(), *c.value);
                    QCOMPARE(str(x, "format"), QStringLiteral("0"));
                } else if (c.value) {
                    QCOMPARE(x[u"value"].toDouble(), *c.value);
                    QCOMPARE(str(x, "format"), QStringLiteral("0"));
                } else if (!c.text.isEmpty()) {
                    QCOMPARE(str(x, "value"), c.text);
                } else {
                    QVERIFY2(x[u"value"].isNull(), qPrintable(ref));
                }
            }
        }
        const QJsonObject day1Total = cellAt(ws, "H7");
        QCOMPARE(str(day1Total, "value"), QStringLiteral("=SUM(D7,G7)"));
        QCOMPARE(day1Total[u"cached"].toDouble(), 44000.0 + 42000 + 17333 + 83688);
        QCOMPARE(str(cellAt(ws, "D7"), "value"), QStringLiteral("=SUM(B7:C7)"));
        QCOMPARE(str(cellAt(ws, "A47"), "value"), QStringLiteral("合计"));
        QCOMPARE(str(cellAt(ws, "B47"), "value"), QStringLiteral("=SUM(B7:B46)"));
        QCOMPARE(str(cellAt(ws, "B48"), "value"), QStringLiteral("=AVERAGE(B7:B46)"));
        QCOMPARE(str(cellAt(ws, "B49"), "value"), QStringLiteral("=MAX(B7:B46)"));
        QCOMPARE(str(cellAt(ws, "B50"), "value"), QStringLiteral("=MIN(B7:B46)"));

        const QJsonObject missing = cellAt(ws, "E9"); // 2015-08-03 南老线
        QVERIFY(missing[u"value"].isNull());
        QVERIFY(missing[u"cached"].isNull());
        QVERIFY(str(missing, "comment").contains(QStringLiteral("无数据")));
        const QJsonObject estimated = cellAt(ws, "B15"); // 2015-08-09 二号线
        QCOMPARE(str(cellAt(ws, "A15"), "value"), QStringLiteral("2015-08-09"));
        QVERIFY(estimated[u"italic"].toBool());
        QVERIFY(str(estimated, "comment").contains(report.cell(10, 1).comment));
        const QJsonObject corrected = cellAt(ws, "C16"); // 2015-08-10 一号线
        QCOMPARE(corrected[u"value"].toDouble(), 42123.0);
        QVERIFY(str(corrected, "comment").contains(report.cell(11, 2).comment));
        const QString green = str(corrected, "fill"); // ARGB "FFC6EFCE"
        QCOMPARE(green.size(), 8);
        const int red = green.mid(2, 2).toInt(nullptr, 16);
        const int g = green.mid(4, 2).toInt(nullptr, 16);
        const int blue = green.mid(6, 2).toInt(nullptr, 16);
        QVERIFY2(g > red && g > blue, qPrintable(green));
        QVERIFY(cellAt(ws, "C15")[u"fill"].isNull()); // an ordinary cell is not
        QVERIFY(!cellAt(ws, "C15")[u"italic"].toBool());
        QVERIFY(cellAt(ws, "C15")[u"comment"].isNull());

        // Printing: below the header and after the date column frozen; A4 landscape, one page
        // wide; title and header on every page; page numbers.
        QCOMPARE(str(ws, "freeze"), QStringLiteral("B7"));
        QCOMPARE(str(ws, "orientation"), QStringLiteral("landscape"));
        QCOMPARE(ws[u"paperSize"].toInt(), 9);
        QVERIFY(ws[u"fitToPage"].toBool());
        QCOMPARE(ws[u"fitToWidth"].toInt(), 1);
        QCOMPARE(ws[u"fitToHeight"].toInt(-1), 0);
        QCOMPARE(str(ws, "printTitleRows").remove(u'$'), QStringLiteral("1:6"));
        QCOMPARE(str(ws, "footer"), QStringLiteral("第 &P 页 共 &N 页"));
        const QJsonObject widths = ws[u"widths"].toObject();
        QVERIFY(qAbs(widths[u"A"].toDouble() - 12) < 1);
        QVERIFY(qAbs(widths[u"B"].toDouble() - 10) < 1);
        QVERIFY(qAbs(widths[u"H"].toDouble() - 11) < 1);

        QCOMPARE(str(cellAt(ws, "A52"), "value"), QStringLiteral("备注：") + report.notes.first());
        const QString signatures = str(cellAt(ws, "A54"), "value");
        QVERIFY2(signatures.startsWith(QStringLiteral("制表人：李四")), qPrintable(signatures));
        QVERIFY2(signatures.contains(QStringLiteral("审核人：")), qPrintable(signatures));
        QVERIFY2(signatures.endsWith(QStringLiteral("制表时间：2015-09-10 08:30")),
                 qPrintable(signatures));

        // 修正记录: the one corrected cell, by its day and its line.
        const QJsonObject log = sheet(facts, 1);
        QCOMPARE(str(log, "name"), QStringLiteral("修正记录"));
        QCOMPARE(str(cellAt(log, "A1"), "value"), QStringLiteral("日期"));
        QCOMPARE(str(cellAt(log, "A2"), "value"), QStringLiteral("2015-08-10"));
        QCOMPARE(str(cellAt(log, "B2"), "value"), QStringLiteral("北郊水厂 一号线"));
        QCOMPARE(cellAt(log, "C2")[u"value"].toDouble(), 42123.0);
        QCOMPARE(str(cellAt(log, "D2"), "value"), report.cell(11, 2).comment);
        QCOMPARE(log[u"maxRow"].toInt(), 2);
        QCOMPARE(facts[u"sheets"].toArray().size(), 2);
    }

    void xlsxNumberFormatFollowsDecimals_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("format");
        QTest::newRow("m³") << 44456.0 << 0 << "0";
        QTest::newRow("kWh/m³ one place") << 0.25 << 1 << "0.0";
        QTest::newRow("kWh/m³") << 0.345 << 2 << "0.00";
        QTest::newRow("MPa") << 0.4125 << 3 << "0.000";
    }
    void xlsxNumberFormatFollowsDecimals()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, format);
        const QString path = m_dir.filePath(QStringLiteral("decimals-%1.xlsx").arg(decimals));
        QString error;
        QVERIFY2(writeXlsx(oneRow({Cell::number(value, decimals)}), path, &error),
                 qPrintable(error));
        const QJsonObject facts = readXlsx(path);
        QVERIFY(!facts.isEmpty());
        const QJsonObject a1 = cellAt(sheet(facts, 0), QStringLiteral("A1"));
        QCOMPARE(a1[u"value"].toDouble(), value); // the number itself, not its rounding
        QCOMPARE(str(a1, "format"), format);
        QCOMPARE(facts[u"sheets"].toArray().size(), 1); // nothing corrected: no 修正记录
    }

    // A total over cells that all have no data is blank on screen; in Excel too, also after
    // it recalculates (not 0, not #DIV/0!).
    void xlsxTotalOfNothingIsBlank()
    {
        const Report report = oneRow(
            {Cell::blank(CellFlag::Missing), Cell::total(Formula::Average, {{0, 0, 1, 1}}, 1)});
        QCOMPARE(report.cell(0, 1).displayText(), QString());
        const QString path = m_dir.filePath(QStringLiteral("nothing.xlsx"));
        QString error;
        QVERIFY2(writeXlsx(report, path, &error), qPrintable(error));
        const QJsonObject facts = readXlsx(path);
        QVERIFY(!facts.isEmpty());
        const QJsonObject total = cellAt(sheet(facts, 0), QStringLiteral("B1"));
        QVERIFY2(str(total, "value").startsWith(QStringLiteral("=IF(COUNT(A1),AVERAGE(A1)")),
                 qPrintable(str(total, "value")));
        QVERIFY(!total[u"cached"].isDouble());
        QCOMPARE(total[u"cached"].toString(), QString());
    }

    // A query's export: times as Excel dates in their own zone's wall clock (not the test
    // machine's), in the format the screen prints them; a line chart beside the table whose gaps
    // stay gaps; several reports as sheets of one workbook, their names cut to Excel's 31
    // characters and made unique. The CSV prints the times as the screen does.
    void xlsxQueryWorkbook()
    {
        const Report data = Test::sampleQueryReport();
        Report longTitle = Test::sampleRankingReport();
        longTitle.sheetName.clear();
        longTitle.title = QStringLiteral(
            "遵义市供水管网二次供水泵站出水压力平均值排名（2026年12月1日 08:00 至 13:00）");
        const std::vector<Report> reports{data, Test::sampleRankingReport(), longTitle, data};
        const QString path = m_dir.filePath(QStringLiteral("query.xlsx"));
        QString error;
        QVERIFY2(writeXlsx(reports, path, &error), qPrintable(error));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        const QJsonObject facts = readXlsx(path);
        QVERIFY(!facts.isEmpty());
        QStringList names;
        for (const QJsonValue& ws : facts[u"sheets"].toArray())
            names << str(ws.toObject(), "name");
        QCOMPARE(names, QStringList({"数据", "排名", longTitle.title.left(31), "数据 (2)"}));

        // Title and period above the grid: grid row 0 is sheet row 3.
        const QJsonObject ws = sheet(facts, 0);
        const QDateTime start(QDate(2026, 12, 1), QTime(8, 0), QTimeZone("Asia/Shanghai"));
        for (int h = 0; h < 5; ++h) {
            const QJsonObject time = cellAt(ws, sheetRef(2 + h, 0, 2));
            QCOMPARE(str(time, "type"), QStringLiteral("datetime"));
            QCOMPARE(str(time, "value"),
                     start.addSecs(3600 * h).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
            QCOMPARE(str(time, "format"), QStringLiteral("yyyy-mm-dd hh:mm"));
        }
        const QJsonObject value = cellAt(ws, QStringLiteral("B5"));
        QCOMPARE(str(value, "type"), QStringLiteral("float"));
        QCOMPARE(value[u"value"].toDouble(), 0.412);
        QCOMPARE(str(value, "format"), QStringLiteral("0.000"));
        QVERIFY(cellAt(ws, QStringLiteral("B7"))[u"value"].isNull()); // 澳门路口 10:00
        QVERIFY(cellAt(ws, QStringLiteral("C9"))[u"value"].isNull()); // 北京路 12:00
        const QJsonObject maxTime = cellAt(ws, QStringLiteral("B10"));
        QCOMPARE(str(maxTime, "type"), QStringLiteral("datetime"));
        QCOMPARE(str(maxTime, "value"), QStringLiteral("2026-12-01 09:17:42"));
        QCOMPARE(str(maxTime, "format"), QStringLiteral("yyyy-mm-dd hh:mm:ss"));
        QVERIFY(maxTime[u"bold"].toBool()); // a statistic's role kept
        QVERIFY(ws[u"bordered"].toArray().contains(QStringLiteral("B10")));
        const QJsonObject date = cellAt(ws, QStringLiteral("B11"));
        QCOMPARE(str(date, "type"), QStringLiteral("datetime"));
        QCOMPARE(str(date, "value"), QStringLiteral("2026-12-01 08:00:00"));
        QCOMPARE(str(date, "format"), QStringLiteral("yyyy-mm-dd"));

        // The chart right of the grid, at its top: times on the x axis, one series per column.
        const QJsonArray charts = ws[u"charts"].toArray();
        QCOMPARE(charts.size(), 1);
        const QJsonObject chart = charts[0].toObject();
        QCOMPARE(str(chart, "type"), QStringLiteral("scatterChart"));
        QCOMPARE(str(chart, "anchor"), QStringLiteral("D3"));
        QCOMPARE(str(chart, "title"), QStringLiteral("出水压力"));
        QCOMPARE(str(chart, "yTitle"), QStringLiteral("MPa"));
        QCOMPARE(str(chart, "xFormat"), QStringLiteral("yyyy-mm-dd hh:mm"));
        QVERIFY(chart[u"xMin"].toDouble() < chart[u"xMax"].toDouble());
        const QJsonArray series = chart[u"series"].toArray();
        QCOMPARE(series.size(), 2);
        const QJsonObject macau = series[0].toObject();
        QCOMPARE(str(macau, "name"), QStringLiteral("澳门路口 出水压力（MPa）"));
        QCOMPARE(str(macau, "categories"), QStringLiteral("'数据'!$A$5:$A$9"));
        QCOMPARE(str(macau, "values"), QStringLiteral("'数据'!$B$5:$B$9"));
        QCOMPARE(str(series[1].toObject(), "values"), QStringLiteral("'数据'!$C$5:$C$9"));
        // No data is a gap: drawn as one, and left out of what the file caches (never 0).
        const QJsonObject cached = macau[u"cached"].toObject();
        QCOMPARE(cached.keys(), QStringList({"0", "1", "3", "4"}));
        QCOMPARE(cached[u"0"].toDouble(), 0.412);
        QVERIFY(!series[1].toObject()[u"cached"].toObject().contains(u"4"));
        const QJsonObject blanks = facts[u"blanksAs"].toObject();
        QCOMPARE(blanks.size(), 2);
        for (const QJsonValue& how : blanks)
            QCOMPARE(how.toString(), QStringLiteral("gap"));
        // The second copy's chart reads its own sheet.
        const QJsonObject copy = sheet(facts, 3)[u"charts"].toArray().at(0).toObject();
        QCOMPARE(str(copy[u"series"].toArray().at(0).toObject(), "values"),
                 QStringLiteral("'数据 (2)'!$B$5:$B$9"));

        const QJsonObject ranking = sheet(facts, 1);
        QVERIFY(ranking[u"charts"].toArray().isEmpty());
        QCOMPARE(cellAt(ranking, QStringLiteral("C4"))[u"value"].toDouble(), 0.3595);
        QCOMPARE(str(cellAt(ranking, QStringLiteral("B3")), "value"), QStringLiteral("澳门路口"));

        const QList<QStringList> csv = parseCsv(QString::fromUtf8(csvBytes(data).mid(3)));
        QCOMPARE(csv.value(4), QStringList({"2026-12-01 08:00", "0.412", "0.350"}));
        QCOMPARE(csv.value(6), QStringList({"2026-12-01 10:00", "", "0.371"}));
        QCOMPARE(csv.value(9),
                 QStringList({"最大值时间", "2026-12-01 09:17:42", "2026-12-01 10:00:05"}));
        QCOMPARE(csv.value(10), QStringList({"日期", "2026-12-01", ""}));
    }

    // Two days at 1 s is a raw query's table: libxlsxwriter 1.1 numbers a chart's cached points
    // in 16 bits, so a longer series goes without caches (Excel reads the cells), never with
    // points numbered over again (a file Excel must repair).
    void xlsxLongChartHasNoCache()
    {
        Report r;
        r.sheetName = QStringLiteral("raw");
        r.columns = {{QStringLiteral("时间"), 18}, {QStringLiteral("压力"), 10}};
        r.rows.push_back(
            {Cell::header(QStringLiteral("时间")), Cell::header(QStringLiteral("压力"))});
        const QDateTime start(QDate(2026, 12, 1), QTime(0, 0), QTimeZone("Asia/Shanghai"));
        const int rows = 70000;
        for (int i = 0; i < rows; ++i)
            r.rows.push_back({Cell::at(start.addSecs(i), QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                              i % 10 ? Cell::number(0.3 + i * 1e-6, 3) : Cell::blank()});
        r.charts.push_back({QStringLiteral("压力"), 0, 1, rows, {1}, QStringLiteral("MPa")});
        r.finish();
        const QString path = m_dir.filePath(QStringLiteral("long.xlsx"));
        QString error;
        QVERIFY2(writeXlsx(r, path, &error), qPrintable(error));
        const QString chart = zipEntry(path, QStringLiteral("xl/charts/chart1.xml"));
        QVERIFY(!chart.isEmpty());
        QVERIFY2(chart.contains(QStringLiteral("<c:f>raw!$A$2:$A$70001</c:f>")), qPrintable(chart));
        QVERIFY2(chart.contains(QStringLiteral("<c:f>raw!$B$2:$B$70001</c:f>")), qPrintable(chart));
        QVERIFY2(!chart.contains(QStringLiteral("Cache")), qPrintable(chart.left(2000)));
    }

    void unwritablePathIsNamed_data()
    {
        QTest::addColumn<bool>("xlsx");
        QTest::newRow("csv") << false;
        QTest::newRow("xlsx") << true;
    }
    void unwritablePathIsNamed()
    {
        QFETCH(bool, xlsx);
        const QString path =
            m_dir.filePath(QStringLiteral("没有的目录/report.") +
                           (xlsx ? QStringLiteral("xlsx") : QStringLiteral("csv")));
        const Report report = Test::sampleProductionReport();
        QString error;
        QVERIFY(!(xlsx ? writeXlsx(report, path, &error) : writeCsv(report, path, &error)));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

private:
    Test::Chinese m_chinese;
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_ReportExport)
#include "tst_reportexport.moc"
