// ReportBuilder: the reports themselves, read from history (hourly rollups, never raw samples)
// and laid out as Report models.
// - 综合日报 (daily): stations × the production day's 24 hours for one tag (outlet pressure,
//   flow, level, water quality …), with each station's max, min and time-weighted average;
//   blank where there is no data.
// - 产水量报表 (production): the production meters' volume per day (a day's report: per hour;
//   a month's: per production day; a year's: per month), grouped plant → line with 小计 and
//   合计, and 合计 / 平均 / 最大 / 最小 rows; the day boundary printed in the header.
// Administrators' corrections are applied to the cells they name (green, with a comment); the
// flags and comments of CounterVolume are carried into the cells and listed under 备注.
//
//     ReportBuilder builder(project, reader);
//     auto report = builder.production(ReportPeriod::parse(u"2026-12")..., now, &error);
#pragma once

#include "countervolume.h"
#include "report.h"
#include "reportperiod.h"

#include <core/project.h>
#include <history/historyreader.h>

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace PumpWatch::Reports {

struct ReportOptions {
    qint64 nowMs = 0;   ///< periods reaching past it are incomplete
    QString preparedBy; ///< 制表人: the user generating it
    /// Asked between stages and stations (a builder runs off the GUI thread); true stops the
    /// build with no report and the error "canceled".
    std::function<bool()> canceled = {};
};

class ReportBuilder {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::ReportBuilder)

public:
    ReportBuilder(const Project& project, History::HistoryReader& reader);

    /// 综合日报 of `tagKey` (a template tag key such as "outlet_pressure") for production day
    /// `day`.
    std::optional<Report> daily(QDate day, const QString& tagKey, const ReportOptions& options,
                                QString* error);
    /// 产水量报表 for a day, a month or a year.
    std::optional<Report> production(const ReportPeriod& period, const ReportOptions& options,
                                     QString* error);

    /// Energy (能耗): per station and plant, kWh, m³, kWh/m³ (吨水电耗), kWh/(km³·MPa) with
    /// the flow-weighted pressure rise, the pump group's efficiency, kWh per tariff class and
    /// the cost, with 环比 and 同比 of kWh/m³ (energyreport.cpp).
    std::optional<Report> energy(const ReportPeriod& period, const ReportOptions& options,
                                 QString* error);

    /// What each meter of `tags` advanced in the buckets `bounds` (whole hours, ascending):
    /// its hourly rollups from an hour before to a day after, a gap that began earlier seeded,
    /// entered replacements applied — as the production and energy reports count. `readings`,
    /// if given, gets each meter's good readings within the bounds and the time covered by hours
    /// with a reading.
    struct Readings {
        qint64 count = 0;
        qint64 coveredMs = 0;
    };
    std::optional<std::vector<CounterVolume>>
    meterVolumes(const std::vector<TagId>& tags, const std::vector<qint64>& bounds,
                 const ReportOptions& options, QString* error,
                 std::vector<Readings>* readings = nullptr);

    /// The stations' tags of `key` (one per station that has it), in station order.
    std::vector<TagId> stationTags(const QString& key) const;
    /// The tag `key` of the station of `like` (the same device first); InvalidTagId if none.
    TagId siblingTag(TagId like, const QString& key) const;

    /// True, and `*error` says so, when the options' canceled() asks to stop.
    static bool stopped(const ReportOptions& options, QString* error);

private:
    /// For each meter whose `rows` (fetched from `fetchedFrom`) have no good reading before
    /// `periodStart`, puts its last hour with one in front: a comm gap that began before the
    /// fetched rows is then seen and named, and a drop across it classified. `*earliest` is
    /// lowered to the earliest reading so found (replacements are looked up from there).
    bool seedGapStarts(const std::vector<TagId>& tags,
                       std::vector<std::vector<History::RollupRow>>& rows, qint64 fetchedFrom,
                       qint64 periodStart, qint64* earliest, QString* error);
    /// 日变化系数 Kd of each line of a monthly production report, for its notes.
    static QString variation(const Report& r);
    void finishReport(Report& r, const ReportOptions& options) const;

    const Project& m_project;
    History::HistoryReader& m_reader;
    QTimeZone m_zone;
};

} // namespace PumpWatch::Reports
