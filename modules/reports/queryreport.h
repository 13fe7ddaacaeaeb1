// Query results as Report models, so that the query panels' exports, the CLI's files, paper and
// the screen read one layout (xlsx: numbers as numbers, times as dates, units in the headers,
// statistics under the table, a line chart beside it; CSV; print).
//
// - historyReport(): a time column and one column per series (station over quantity and unit),
//   then the statistics rows (最小值 and its time, 最大值 and its time, 平均值, 累计, 样本数,
//   覆盖率); flagged rows carry their flags and comments. A raw query with more samples than
//   were listed says so in the notes instead of a table.
// - compareReports(): the ranking (排名: station, the statistics, the ranked one first) and the
//   data (as historyReport) as two sheets.
// - periodCompareReport(): per station 本期, 上期 with change and 环比 %, 去年同期 with change and
//   同比 %, per-day averages, and the 可比口径 totals with their station counts.
//
//     const Report r = QueryReport::history(result, zone);
//     writeXlsx(r, path, &error);
#pragma once

#include "query.h"
#include "report.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <vector>

namespace PumpWatch::Reports {

class QueryReport {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::QueryReport)

public:
    static Report history(const HistoryResult& result, const QTimeZone& zone);
    static std::vector<Report> compare(const CompareResult& result, const QTimeZone& zone);
    static Report periodCompare(const PeriodCompareResult& result, const QTimeZone& zone);

    /// "%" growth or "个百分点", "—" when there is none: as every renderer prints a change.
    static QString changeText(const Change& change);
    /// A series' column title without its station: the zone where there are several, the
    /// tag's name, and 增量 for a meter at a step coarser than its readings.
    static QString quantityName(const QuerySeries& s, QueryStep step);
    /// How a row's time prints at `step`: with seconds for raw samples, the date for days.
    static QString timeFormat(QueryStep step);
    /// The step in words: 原始数据, 15分钟, 小时, 日.
    static QString stepName(QueryStep step);
    /// The statistic ranked by in words: 平均值, 最大值, 最小值, 累计, 覆盖率.
    static QString rankName(RankBy by);
    /// 产水量, 用电量, 吨水电耗, 指标 (a tag).
    static QString measureName(Measure m);
};

} // namespace PumpWatch::Reports
