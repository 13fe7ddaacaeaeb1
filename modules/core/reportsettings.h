// What reports need to know about a project: where the production day starts, which tags are
// the production and energy meters, and the time-of-use electricity tariffs (分时电价) in force
// over time. Read and written as the project's "reports" section (docs/project-format.md
// § Reports).
#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace PumpWatch {

/// Time-of-use classes, cheapest first.
enum class TariffClass : quint8 { DeepValley = 0, Valley, Flat, Peak, SharpPeak };
constexpr int TariffClassCount = 5;

QString tariffClassCode(TariffClass c); ///< "deep", "valley", "flat", "peak", "sharp"
std::optional<TariffClass> parseTariffClass(QStringView code);
QString tariffClassDisplayName(TariffClass c); ///< 深谷 / 谷 / 平 / 峰 / 尖峰

/// [fromMinute, toMinute) of the local day in one class; boundaries on the half hour.
struct TariffPeriod {
    int fromMinute = 0;
    int toMinute = 0;
    TariffClass tariffClass = TariffClass::Flat;
    friend bool operator==(const TariffPeriod&, const TariffPeriod&) = default;
};

/// The months (1–12) that share one day's division into classes.
struct TariffSeason {
    std::vector<int> months;
    std::vector<TariffPeriod> periods; ///< in order, covering the whole day
    friend bool operator==(const TariffSeason&, const TariffSeason&) = default;
};

/// One version of a tariff: in force from `from` (a local date) until the day before `to`
/// (invalid: still in force). Prices in yuan per kWh; a class without a price costs nothing
/// and is reported without cost.
struct TariffSchedule {
    QString id;
    QString name;     ///< "上海 两部制 一般工商业"
    QString document; ///< the price bureau's document number
    QDate from;
    QDate to;
    std::vector<TariffSeason> seasons;
    std::array<std::optional<double>, TariffClassCount> prices{};

    /// The class at `minuteOfDay` of a day in `month`; nullopt when no season names the month.
    std::optional<TariffClass> classAt(int month, int minuteOfDay) const;
    /// Whether any period of any season starts or ends off the hour (needs sub-hour meter
    /// readings; a report says so).
    bool hasHalfHours() const;
    friend bool operator==(const TariffSchedule&, const TariffSchedule&) = default;
};

/// Which report a schedule issues.
enum class ScheduledReport : quint8 {
    Invalid = 0,
    ProductionDay,   ///< 产水量报表 of each production day
    ProductionMonth, ///< 产水量报表 of each month
    Daily,           ///< 综合日报 of one tag for each production day
};
QString scheduledReportCode(ScheduledReport r); ///< "production-day", "production-month", "daily"
std::optional<ScheduledReport> parseScheduledReport(QStringView code);

/// A report issued on its own (REPORTS.md § Scheduling; docs/project-format.md § Reports): due
/// at `atMinute` local time after its period ends (a month's: on `dayOfMonth` of the next
/// month), a draft until `graceMinutes` have passed for late data, then the final version.
struct ReportSchedule {
    ScheduledReport report = ScheduledReport::Invalid;
    QString tag;                ///< Daily: the template tag key ("outlet_pressure")
    int atMinute = 8 * 60 + 30; ///< local time of day the report is due: 510 = 08:30
    int dayOfMonth = 1;         ///< ProductionMonth: the day of the next month it is due (1–28)
    int graceMinutes = 120;     ///< drafts until then, the final version after
    QString folder = QStringLiteral("reports"); ///< relative: to the project file's folder
    QStringList formats = {QStringLiteral("xlsx"), QStringLiteral("csv")};

    /// What the run log calls its runs and the files begin with: "production-day",
    /// "production-month", "daily-outlet_pressure".
    QString name() const;
    friend bool operator==(const ReportSchedule&, const ReportSchedule&) = default;
};

struct ReportSettings {
    int dayStartMinute = 0; ///< production day boundary: 480 = 08:00
    QString productionTag = QStringLiteral("outlet_total"); ///< template tag key of 产水量
    QString energyTag = QStringLiteral("energy");           ///< template tag key of 用电量
    std::vector<TariffSchedule> tariffs;                    ///< by `from`, not overlapping
    std::vector<ReportSchedule> schedules;                  ///< what is issued on its own

    /// The version in force on `day`, if any.
    const TariffSchedule* tariffOn(QDate day) const;
    bool isDefault() const { return *this == ReportSettings(); }
    friend bool operator==(const ReportSettings&, const ReportSettings&) = default;
};

} // namespace PumpWatch
