// A report shaped like the seed's 日产量报表, for the renderers' tests: a two-level merged
// header (plant over its lines and 小计), 40 days (two pages or more on A4 landscape), a
// missing value, an estimated one, a corrected one with its comment, 小计 and 合计 as totals,
// 合计 / 平均 / 最大 / 最小 rows, notes and a signature block.
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

} // namespace PumpWatch::Test
