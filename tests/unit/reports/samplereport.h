// A report shaped like the seed's 日产量报表, for the renderers' tests: a two-level merged
// header (plant over its lines and 小计), 40 days (two pages or more on A4 landscape), a
// missing value, an estimated one, a corrected one with its comment, 小计 and 合计 as totals,
// 合计 / 平均 / 最大 / 最小 rows, notes and a signature block.
//
// And a query's result as a query exports it: a time column and two stations' pressures with a
// gap in each, statistics with the time of a maximum and a date, a line chart over the rows.
#pragma once

#include <reports/report.h>

#include <QDate>
#include <QTimeZone>

namespace PumpWatch::Test {

inline Reports::Report sampleProductionReport()
{
    using namespace Reports;
    Report r;
    r.family = QStringLiteral("production");
    r.id = QStringLiteral("production-month-2015-08");
    r.title = QStringLiteral("供排水公司日产量报表");
    r.subtitles = {QStringLiteral("统计口径：每日08:00至次日08:00"), QStringLiteral("单位：m³"),
                   QStringLiteral("日期：2015-08-01 至 2015-09-09")};
    r.columns = {{QStringLiteral("日期"), 12},
                 {QStringLiteral("北郊水厂 二号线"), 10},
                 {QStringLiteral("北郊水厂 一号线"), 10},
                 {QStringLiteral("北郊水厂 小计"), 10},
                 {QStringLiteral("南郊水厂 南老线"), 10},
                 {QStringLiteral("南郊水厂 南南线"), 10},
                 {QStringLiteral("南郊水厂 小计"), 10},
                 {QStringLiteral("合计"), 11}};
    r.headerRows = 2;
    r.rows.push_back({Cell::header(QStringLiteral("日期")),
                      Cell::header(QStringLiteral("北郊水厂")), Cell::header({}), Cell::header({}),
                      Cell::header(QStringLiteral("南郊水厂")), Cell::header({}), Cell::header({}),
                      Cell::header(QStringLiteral("合计"))});
    r.rows.push_back({Cell::header({}), Cell::header(QStringLiteral("二号线")),
                      Cell::header(QStringLiteral("一号线")), Cell::header(QStringLiteral("小计")),
                      Cell::header(QStringLiteral("南老线")),
                      Cell::header(QStringLiteral("南南线")), Cell::header(QStringLiteral("小计")),
                      Cell::header({})});
    r.merges = {{0, 0, 2, 1}, {0, 1, 1, 3}, {0, 4, 1, 3}, {0, 7, 2, 1}};
    const QDate first(2015, 8, 1);
    const int days = 40;
    for (int d = 0; d < days; ++d) {
        const int row = r.headerRows + d;
        std::vector<Cell> cells;
        cells.push_back(Cell::label(first.addDays(d).toString(Qt::ISODate)));
        cells.push_back(Cell::number(44000 + 10 * d, 0));
        cells.push_back(Cell::number(42000 + 7 * d, 0));
        cells.push_back(Cell::total(Formula::Sum, {{row, 1, 1, 2}}, 0));
        cells.push_back(Cell::number(17333 + 3 * d, 0));
        cells.push_back(Cell::number(83688 - 5 * d, 0));
        cells.push_back(Cell::total(Formula::Sum, {{row, 4, 1, 2}}, 0));
        cells.push_back(Cell::total(Formula::Sum, {{row, 3, 1, 1}, {row, 6, 1, 1}}, 0));
        r.rows.push_back(std::move(cells));
    }
    // 2015-08-03 南老线: no data; 2015-08-09 二号线: interpolated across a gap; 2015-08-10
    // 一号线: corrected by an administrator.
    Cell& missing = r.cell(r.headerRows + 2, 4);
    missing = Cell::blank(CellFlag::Missing);
    missing.comment = QStringLiteral("无数据：08-03 08:00 至 08-04 08:00 通讯中断");
    Cell& estimated = r.cell(r.headerRows + 8, 1);
    estimated.flags = CellFlag::Estimated;
    estimated.comment = QStringLiteral("通讯中断 08-09 06:10 至 08-10 09:40，按线性插值分摊");
    Cell& corrected = r.cell(r.headerRows + 9, 2);
    corrected.value = 42123;
    corrected.flags = CellFlag::Corrected;
    corrected.key = QStringLiteral("L2/2015-08-10");
    corrected.comment =
        QStringLiteral("修正：42063 → 42123（管理员 赵六，方法：人工，原因：流量计故障）");

    const int top = r.headerRows;
    const auto statRow = [&](const QString& label, Formula::Kind kind, int decimals) {
        std::vector<Cell> cells{Cell::label(label, CellRole::Total)};
        for (int c = 1; c < r.columnCount(); ++c)
            cells.push_back(Cell::total(kind, {{top, c, days, 1}}, decimals));
        r.rows.push_back(std::move(cells));
    };
    statRow(QStringLiteral("合计"), Formula::Sum, 0);
    statRow(QStringLiteral("平均"), Formula::Average, 0);
    statRow(QStringLiteral("最大"), Formula::Max, 0);
    statRow(QStringLiteral("最小"), Formula::Min, 0);
    r.notes = {QStringLiteral("08-09 二号线通讯中断，按线性插值分摊；08-10 一号线经管理员修正。")};
    r.signatures = {{QStringLiteral("制表人"), QStringLiteral("李四")},
                    {QStringLiteral("审核人"), {}},
                    {QStringLiteral("批准人"), {}}};
    r.generatedAt = QDateTime(QDate(2015, 9, 10), QTime(8, 30), QTimeZone("Asia/Shanghai"));
    r.finish();
    return r;
}

/// 出水压力 at two stations, hourly from 2026-12-01 08:00 (Asia/Shanghai) for five hours:
/// grid rows 2 … 6 (a two-row header, 时间 merged over both), 澳门路口 missing at 10:00 and 北京路
/// at 12:00; row 7 the maxima's times (with seconds; bold), row 8 a date; a chart over rows 2 … 6.
inline Reports::Report sampleQueryReport()
{
    using namespace Reports;
    const QTimeZone zone("Asia/Shanghai");
    const QDateTime start(QDate(2026, 12, 1), QTime(8, 0), zone);
    const QString minutes = QStringLiteral("yyyy-MM-dd HH:mm");
    Report r;
    r.family = QStringLiteral("query");
    r.title = QStringLiteral("出水压力查询");
    r.subtitles = {QStringLiteral("时段：2026-12-01 08:00 至 13:00")};
    r.sheetName = QStringLiteral("数据");
    r.columns = {{QStringLiteral("时间"), 18},
                 {QStringLiteral("澳门路口 出水压力（MPa）"), 12},
                 {QStringLiteral("北京路 出水压力（MPa）"), 12}};
    r.headerRows = 2;
    r.rows.push_back({Cell::header(QStringLiteral("时间")),
                      Cell::header(QStringLiteral("澳门路口")),
                      Cell::header(QStringLiteral("北京路"))});
    r.rows.push_back({Cell::header({}), Cell::header(QStringLiteral("出水压力（MPa）")),
                      Cell::header(QStringLiteral("出水压力（MPa）"))});
    r.merges = {{0, 0, 2, 1}};
    const double macau[] = {0.412, 0.405, -1, 0.398, 0.401};
    const double beijing[] = {0.350, 0.362, 0.371, 0.355, -1};
    const auto value = [](double v) {
        return v < 0 ? Cell::blank(CellFlag::Missing) : Cell::number(v, 3);
    };
    for (int h = 0; h < 5; ++h)
        r.rows.push_back(
            {Cell::at(start.addSecs(3600 * h), minutes), value(macau[h]), value(beijing[h])});
    r.rows.push_back({Cell::label(QStringLiteral("最大值时间"), CellRole::Total),
                      Cell::at(start.addSecs(3600 + 17 * 60 + 42),
                               QStringLiteral("yyyy-MM-dd HH:mm:ss"), CellRole::Total),
                      Cell::at(start.addSecs(2 * 3600 + 5), QStringLiteral("yyyy-MM-dd HH:mm:ss"),
                               CellRole::Total)});
    r.rows.push_back({Cell::label(QStringLiteral("日期")),
                      Cell::at(start, QStringLiteral("yyyy-MM-dd")), Cell::blank()});
    r.charts.push_back({QStringLiteral("出水压力"), 0, 2, 6, {1, 2}, QStringLiteral("MPa")});
    r.finish();
    return r;
}

/// A query's ranking: a small table without a chart, on the sheet 排名.
inline Reports::Report sampleRankingReport()
{
    using namespace Reports;
    Report r;
    r.title = QStringLiteral("出水压力排名");
    r.sheetName = QStringLiteral("排名");
    r.columns = {{QStringLiteral("排名"), 6},
                 {QStringLiteral("站点"), 12},
                 {QStringLiteral("平均值（MPa）"), 12}};
    r.rows.push_back({Cell::header(QStringLiteral("排名")), Cell::header(QStringLiteral("站点")),
                      Cell::header(QStringLiteral("平均值（MPa）"))});
    r.rows.push_back(
        {Cell::number(1, 0), Cell::label(QStringLiteral("澳门路口")), Cell::number(0.404, 3)});
    r.rows.push_back(
        {Cell::number(2, 0), Cell::label(QStringLiteral("北京路")), Cell::number(0.3595, 3)});
    r.finish();
    return r;
}

} // namespace PumpWatch::Test
