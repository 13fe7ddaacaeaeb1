// QueryRange: the periods a dispatcher queries by — the current shift, today, yesterday, the last
// 24 hours, this week, this month — computed from the clock when the query runs, in the project's
// time zone. The shift pattern lives here and only here: a day shift 08:00–20:00 and a night shift
// 20:00–08:00 (the two-shift pattern of the utilities in seeds 000/002). Pure functions, any
// thread.
//
//     const QueryRange r = QueryRange::of(RangePreset::CurrentShift, clock.nowMs(), zone);
//     journal.list({r.fromMs, r.toMs, …});
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTimeZone>

namespace PumpWatch::Ui {

enum class RangePreset : quint8 {
    Custom = 0,
    CurrentShift,
    Today,
    Yesterday,
    Last24Hours,
    ThisWeek, ///< from Monday 00:00, a week long
    ThisMonth ///< from the 1st 00:00, to the next month's
};

struct QueryRange {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Ui::QueryRange)

public:
    qint64 fromMs = 0; ///< [fromMs, toMs)
    qint64 toMs = 0;

    /// Local minutes of the day the shifts start at: the day shift, then the night shift.
    static constexpr int DayShiftStartMinute = 8 * 60;
    static constexpr int NightShiftStartMinute = 20 * 60;

    /// The period `preset` names at `nowMs`; Custom gives an empty range.
    static QueryRange of(RangePreset preset, qint64 nowMs, const QTimeZone& zone);
    /// The shift running at `ms`.
    static QueryRange shiftAt(qint64 ms, const QTimeZone& zone);
    /// "本班", "今天", … for the preset box.
    static QString presetName(RangePreset preset);
};

} // namespace PumpWatch::Ui
