// ReportPeriod: the day, month or year a report covers, cut into its columns or rows in the
// project's local time with the production day's boundary (e.g. 08:00–08:00).
//
// A production day D with an 08:00 boundary runs D 08:00 → D+1 08:00; a month runs from its
// first production day's start to the next month's; a year likewise. A day report is cut into
// hours (23 or 25 on a daylight-saving change), a month into production days, a year into
// months.
//
//     const ReportPeriod p = ReportPeriod::parse(u"2026-12", &error).value();
//     const PeriodCuts cuts = p.cuts(zone, 480);
//     cuts.bounds.front() == fromMs, cuts.bounds.back() == toMs, cuts.labels.size() == buckets
#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QTimeZone>

#include <optional>
#include <vector>

namespace PumpWatch::Reports {

struct PeriodCuts {
    std::vector<qint64> bounds; ///< UTC ms, ascending: bucket i is [bounds[i], bounds[i+1])
    QStringList labels;         ///< one per bucket: "08:00", "2026-12-01", "2026-12"
    qint64 fromMs() const { return bounds.front(); }
    qint64 toMs() const { return bounds.back(); }
    int size() const { return static_cast<int>(labels.size()); }
};

class ReportPeriod {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::ReportPeriod)

public:
    enum Kind : quint8 { Day, Month, Year };

    ReportPeriod() = default;
    ReportPeriod(Kind kind, QDate date);

    /// "2026-12-01" (a day), "2026-12" (a month), "2026" (a year).
    static std::optional<ReportPeriod> parse(QStringView text, QString* error);

    Kind kind() const { return m_kind; }
    QDate date() const { return m_date; } ///< the day, or the first day of the month or year
    /// "2026-12-01", "2026-12", "2026" (parse() reads it back).
    QString code() const;
    /// For titles: 2026年12月1日, 2026年12月, 2026年.
    QString displayName() const;
    ReportPeriod previous() const;     ///< 环比's base: the day, month or year before
    ReportPeriod sameLastYear() const; ///< 同比's base
    PeriodCuts cuts(const QTimeZone& zone, int dayStartMinute) const;

    /// The production day's convention in words: 每日08:00至次日08:00 / 每日00:00至24:00.
    static QString convention(int dayStartMinute);

    friend bool operator==(const ReportPeriod&, const ReportPeriod&) = default;

private:
    Kind m_kind = Day;
    QDate m_date;
};

/// The UTC ms at which production day `day` starts.
qint64 productionDayStart(QDate day, const QTimeZone& zone, int dayStartMinute);

} // namespace PumpWatch::Reports
