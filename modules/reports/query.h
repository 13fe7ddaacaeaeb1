// Queries (综合查询, 对比查询, 同比/环比): what a dispatcher or engineer asks of history, answered
// with the same counters and periods as the reports, so that a query's month of volume is the
// production report's month.
//
// - history(): tags over a period at a step (raw, 15 min, hour, production day; Auto picks one
//   from the span) — each series' rows at that step, a chart's envelope, and its statistics:
//   min and max with their times, the time-weighted average, a counter's advance, the sample
//   count and the coverage. Raw and 15-minute steps stream the samples once (QueryScan:
//   decimated for the chart and counted in the same pass, never held whole); hour and day steps
//   read the rollups (counters through CounterVolume, flagged like a report's cells).
// - compare(): one template tag key ("outlet_pressure", "outlet_total") at N stations, with a
//   ranking by a statistic.
// - periodCompare(): a quantity or a derived value (volume, kWh, kWh/m³) for a day, month or
//   year against the one before (环比) and the same one last year (同比); a period still running
//   is compared over the same elapsed span ("截至10日14时"); totals over the stations that have
//   data in both periods only (可比口径), with the station counts.
// - overlay(): the same tag over a day or month, the one before and the same one last year,
//   shifted onto the first's time axis.
//
// Runs in the thread that opened the reader (the UI runs it on a pool thread); `canceled` is
// asked between series and every few thousand samples.
//
//     QueryEngine engine(project, reader);
//     auto r = engine.history({.tags = {p, q}, .fromMs = a, .toMs = b}, {}, &error);
//     r->series[0].stats.max, r->series[0].stats.maxMs
#pragma once

#include "report.h"
#include "reportperiod.h"

#include <core/project.h>
#include <history/historyreader.h>

#include <QCoreApplication>

#include <functional>
#include <optional>
#include <vector>

namespace PumpWatch::Reports {

enum class QueryStep : quint8 { Auto = 0, Raw, Quarter, Hour, Day };

/// The step Auto takes for a span: raw up to two days, 15 min up to a week, hours up to two
/// months, production days beyond.
QueryStep stepForSpan(qint64 spanMs);
/// "auto", "raw", "15min", "hour", "day" (the CLI's words); parseStep() reads them back.
QString stepCode(QueryStep step);
std::optional<QueryStep> parseStep(QStringView text);

/// One row of a result series: a sample (raw) or a bucket [startMs, endMs).
struct QueryPoint {
    qint64 startMs = 0;
    qint64 endMs = 0;
    /// Raw: the sample's value (empty: a sample of bad quality). A bucket: the time-weighted
    /// average (instantaneous; a state's share of time in state 1) or the meter's advance
    /// (counter); empty when nothing of it is known.
    std::optional<double> value;
    double min = 0.0; ///< min and max of the good samples: valid when count > 0
    double max = 0.0;
    qint64 count = 0;     ///< good samples
    qint64 coveredMs = 0; ///< time a good value held (history's hold rule)
    /// Missing: a gap in (part of) the bucket; Estimated: a meter's advance interpolated across
    /// a comm gap; Reset / Rollover / Replaced: what the meter did; Incomplete: the bucket is not
    /// over; Suspect: volume and flow disagree.
    CellFlags flags;
    QString comment;
};

struct SeriesStats {
    std::optional<double> min; ///< instantaneous: of the good samples; counter: of the buckets
    qint64 minMs = 0;          ///< when: a sample's time, or the bucket's start
    std::optional<double> max;
    qint64 maxMs = 0;
    std::optional<double> average; ///< time-weighted; counter: the mean bucket advance
    std::optional<double> total;   ///< counters: the advance over the period
    qint64 count = 0;              ///< good samples
    qint64 coveredMs = 0;          ///< instantaneous: held; counter: hours with a reading
    qint64 spanMs = 0;             ///< the period up to now
    CellFlags flags;               ///< every row's flags together
    /// coveredMs / spanMs, 0 … 1.
    double coverage() const { return spanMs > 0 ? double(coveredMs) / double(spanMs) : 0.0; }
};

struct QuerySeries {
    TagId tag = InvalidTagId;
    QString stationId;
    QString station; ///< display name
    QString zone;    ///< 低区 / 高区 where the station has the tag in several zones; else empty
    QString name;    ///< the tag's name: 出水压力
    QString location; ///< tagLocation()
    QString unit;
    Quantity quantity = Quantity::Unknown;
    Aggregation aggregation = Aggregation::Unknown;
    int decimals = 2;
    qint64 shiftMs = 0; ///< overlay(): added to every time to put it on the first series' axis
    QString caption;    ///< overlay(): 本期 / 上期 / 去年同期; else empty
    /// The rows at the step. Raw: the samples, unless there are more than the request's
    /// rowLimit (then empty and `truncated`; the chart and statistics are still complete).
    std::vector<QueryPoint> points;
    bool truncated = false;
    /// Raw step: the chart's envelope, min and max of the good samples per pixel column.
    std::vector<History::Bucket> envelope;
    SeriesStats stats;
    qint64 samples = 0; ///< raw samples read (any quality)

    /// "澳门路口 出水压力", "南环路 高区 进水压力", with the caption of an overlay.
    QString label() const;
    /// The station, with the zone where it has the tag in several: a ranking's row.
    QString place() const;
};

struct HistoryRequest {
    std::vector<TagId> tags;
    qint64 fromMs = 0; ///< [fromMs, toMs)
    qint64 toMs = 0;
    QueryStep step = QueryStep::Auto;
    int chartBuckets = 1600;   ///< raw step: the envelope's columns
    qint64 rowLimit = 200'000; ///< raw step: more samples than this are not listed
    qint64 nowMs = 0;          ///< buckets reaching past it are incomplete; 0: none are
    qint64 holdLimitMs = 0;    ///< a value holds this long at most; 0: history's default
};

struct HistoryResult {
    QueryStep step = QueryStep::Auto; ///< the step used (never Auto)
    qint64 fromMs = 0;
    qint64 toMs = 0;
    std::vector<QuerySeries> series; ///< in the order of the tags
};

enum class RankBy : quint8 { Average = 0, Maximum, Minimum, Total, Coverage };
QString rankCode(RankBy by); ///< "avg", "max", "min", "total", "coverage"
std::optional<RankBy> parseRank(QStringView text);

struct CompareRequest {
    QString key;          ///< a template tag key: outlet_pressure, outlet_total
    QStringList stations; ///< station ids; empty: every station with the key
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QueryStep step = QueryStep::Auto;
    RankBy rankBy = RankBy::Average; ///< counters rank by Total when Average is asked
    bool descending = true;
    qint64 nowMs = 0;
    int chartBuckets = 800;
};

struct CompareResult {
    HistoryResult history;
    RankBy rankBy = RankBy::Average;
    /// Indices into history.series, best first; series without the statistic last.
    std::vector<int> ranking;
    /// The statistic ranked by, per series (empty where it has none).
    std::vector<std::optional<double>> rankValues;
};

/// What 同比/环比 compares.
enum class Measure : quint8 {
    Tag = 0,        ///< a template tag key: a counter's advance, else the time-weighted average
    Volume,         ///< the production meter (reports.productionTag), m³
    Energy,         ///< the energy meter (reports.energyTag), kWh
    EnergyPerVolume ///< kWh/m³ (吨水电耗): energy over volume of the same span
};
QString measureCode(Measure m); ///< "tag", "volume", "energy", "kwh-per-m3"
std::optional<Measure> parseMeasure(QStringView text);

struct PeriodCompareRequest {
    Measure measure = Measure::Volume;
    QString key;          ///< Measure::Tag
    ReportPeriod period;  ///< the current period: a production day, month or year
    QStringList stations; ///< empty: every station with the measure
    qint64 nowMs = 0;     ///< a period reaching past it is partial
};

/// A value over one period with what a reader must know about it.
struct PeriodValue {
    std::optional<double> value;
    CellFlags flags;
    qint64 spanMs = 0; ///< the span measured (per-day averages divide by it)
    std::optional<double> perDay() const;
};

/// The change from `base` to `current`: the amount, and the growth in % (percentage points
/// when the quantity is itself a percentage); empty where the base is 0 or missing.
struct Change {
    std::optional<double> amount;
    std::optional<double> percent;
    bool points = false;
    static Change between(const PeriodValue& base, const PeriodValue& current, bool percentUnit);
};

struct PeriodCompareRow {
    QString stationId;
    QString station;
    PeriodValue current;
    PeriodValue previous;    ///< 环比's base
    PeriodValue lastYear;    ///< 同比's base
    bool inPrevious = false; ///< counted in the 环比 total (data in both periods)
    bool inLastYear = false;
};

struct PeriodTotals {
    PeriodValue current; ///< over the comparable stations only
    PeriodValue base;
    int stations = 0; ///< comparable stations
};

struct PeriodCompareResult {
    QString measureName; ///< 产水量, 用电量, 吨水电耗, or the tag's name
    QString unit;
    int decimals = 0;
    bool percentUnit = false;
    bool additive = true; ///< totals are sums (meters); else pooled averages / ratios
    ReportPeriod period;
    qint64 fromMs = 0; ///< the current span measured (cut at now when partial)
    qint64 toMs = 0;
    qint64 previousFromMs = 0;
    qint64 previousToMs = 0;
    qint64 lastYearFromMs = 0;
    qint64 lastYearToMs = 0;
    bool partial = false;
    QString partialLabel; ///< 截至10日14时 when partial
    std::vector<PeriodCompareRow> rows;
    PeriodTotals previousTotals; ///< 环比, 可比口径
    PeriodTotals lastYearTotals; ///< 同比, 可比口径
    int currentStations = 0;     ///< stations with data in the current span
    int previousStations = 0;    ///< … in the previous one
    int lastYearStations = 0;    ///< … in last year's
};

class QueryEngine {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::QueryEngine)

public:
    using Canceled = std::function<bool()>;

    QueryEngine(const Project& project, History::HistoryReader& reader);

    std::optional<HistoryResult> history(const HistoryRequest& request, const Canceled& canceled,
                                         QString* error);
    std::optional<CompareResult> compare(const CompareRequest& request, const Canceled& canceled,
                                         QString* error);
    std::optional<PeriodCompareResult> periodCompare(const PeriodCompareRequest& request,
                                                     const Canceled& canceled, QString* error);
    /// `tag` over `period`, the period before and the same one last year, each shifted onto
    /// `period`'s time axis (QuerySeries::shiftMs, caption).
    std::optional<HistoryResult> overlay(TagId tag, const ReportPeriod& period, QueryStep step,
                                         qint64 nowMs, const Canceled& canceled, QString* error);

    /// The tags of `key` at `stations` (all with the key when empty): one per station (its
    /// first device with the key, as the reports count), or every zone's with `allZones`.
    std::vector<TagId> tagsOf(const QString& key, const QStringList& stations,
                              bool allZones = false) const;
    /// Where on a station a tag of `key` is: 进水, 出水, 1#泵 …, 阀门, 变频器, 电力, 水质,
    /// 水箱, 其他 (the station and location pickers' tree).
    static QString location(const QString& key);

private:
    bool readBuckets(const std::vector<TagId>& tags, const std::vector<qint64>& bounds,
                     HistoryResult& result, qint64 nowMs, const Canceled& canceled, QString* error);
    /// The production report's corrections of the buckets of meters that are a line alone.
    bool applyCorrections(HistoryResult& result, const std::vector<size_t>& counters,
                          QString* error);
    bool scanSeries(QuerySeries& s, const HistoryRequest& request, QueryStep step,
                    const Canceled& canceled, QString* error);
    QuerySeries describe(TagId tag) const;
    std::vector<qint64> bounds(QueryStep step, qint64 fromMs, qint64 toMs) const;

    const Project& m_project;
    History::HistoryReader& m_reader;
    QTimeZone m_zone;
};

} // namespace PumpWatch::Reports
