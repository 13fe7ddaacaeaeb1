// Rollups: what an hour or a day of one series comes to, maintained sample by sample.
//
// The meaning, which the brute-force tests restate independently:
// - count, min, max, first, last: over the good samples stored in the period.
// - avg (instantaneous and state quantities): time-weighted. A good sample's value holds from
//   its timestamp until the next stored sample, but at most holdLimitMs (a longer silence is a
//   gap, not a flat line); a bad sample holds nothing. covered = the time so held, avg = ∫/covered.
//   The writer's own downtime is a gap too: on start it stores an Unknown (bad) sample where the
//   earlier run was last known alive (HistoryWriter).
//   For a running/fault state, avg is the fraction of the covered time in state 1.
// - delta (counters: totalizer, energy): the meter's advance. Between two consecutive good
//   readings the increment is spread linearly over the time between them, so volume that went
//   through during a comm gap lands in the hours of the gap and days add up. A reading lower
//   than the previous one is a rollover when the tag's rollover value is known, the meter was in
//   its top 10 % and is now in its bottom 10 %; a drop of at most 1 % (or 1 unit) is real
//   (reverse flow, jitter); anything else is a reset (the meter restarted at 0). Bad readings
//   are skipped.
//
// SeriesRollup takes one series' samples in time order and emits every hour and day it closes;
// the open hour and day are readable at any time. Its whole state is (carry, last good, open
// rows), which the writer persists and restores. Plain value type, one thread.
//
//     SeriesRollup r({Aggregation::Instantaneous, 1'200'000, 0}, calendar);
//     r.add({ts, 0.35, Quality::Good}, closedHours, closedDays);
#pragma once

#include "calendar.h"

#include <core/quality.h>
#include <core/quantity.h>

#include <optional>
#include <vector>

namespace PumpWatch::History {

struct Point {
    qint64 timestampMs = 0;
    double value = 0.0;
    Quality quality = Quality::Unknown;
    friend bool operator==(const Point&, const Point&) = default;
};

struct RollupRow {
    qint64 startMs = 0;
    qint64 count = 0; ///< good samples in the period
    double min = 0.0; ///< min … lastMs: valid when count > 0
    double max = 0.0;
    double first = 0.0;
    qint64 firstMs = 0;
    double last = 0.0;
    qint64 lastMs = 0;
    double integral = 0.0; ///< value × ms over the covered time
    qint64 coveredMs = 0;
    double delta = 0.0; ///< counters

    bool isEmpty() const { return count == 0 && coveredMs == 0 && delta == 0.0; }
    std::optional<double> average() const;
    void addSample(qint64 timestampMs, double value);
    /// Appends `later` (a period after this one, e.g. the next hour of the same day).
    void combine(const RollupRow& later);
};

struct RollupPolicy {
    Aggregation aggregation = Aggregation::Instantaneous;
    qint64 holdLimitMs = 1'200'000;
    double rollover = 0.0;
};

/// What a reading lower than the one before means (the rules above): None also for a small real
/// decrease (reverse flow, jitter).
enum class CounterDrop : quint8 { None = 0, Rollover, Reset };
CounterDrop classifyDrop(double previous, double current, double rollover);
/// The meter's advance from `previous` to `current` (see the rules above).
double counterIncrement(double previous, double current, double rollover);

class SeriesRollup {
public:
    SeriesRollup(const RollupPolicy& policy, const PeriodCalendar& calendar);

    /// Sets the state saved by an earlier run (any of them may be absent).
    void restore(std::optional<Point> carry, std::optional<Point> lastGood,
                 std::optional<RollupRow> openHour, std::optional<RollupRow> openDay);

    /// Adds a sample later than every sample before it; periods it closes are appended to
    /// `closedHours` / `closedDays` (empty ones are skipped). False, and nothing changes, when
    /// the sample is not later than the last one (the caller treats it as late).
    bool add(const Point& p, std::vector<RollupRow>& closedHours,
             std::vector<RollupRow>& closedDays);

    const std::optional<Point>& carry() const { return m_carry; }
    const std::optional<Point>& lastGood() const { return m_lastGood; }
    /// The open period of `r` (Hour or Day), if the series has one.
    const std::optional<RollupRow>& open(Resolution r) const
    {
        return r == Resolution::Day ? m_day : m_hour;
    }
    const RollupPolicy& policy() const { return m_policy; }

private:
    template <typename Piece>
    void spread(qint64 from, qint64 to, Piece piece, std::vector<RollupRow>& closedHours,
                std::vector<RollupRow>& closedDays);
    void moveTo(Resolution r, qint64 ms, std::vector<RollupRow>& closed);

    RollupPolicy m_policy;
    const PeriodCalendar* m_calendar;
    std::optional<Point> m_carry;
    std::optional<Point> m_lastGood;
    std::optional<RollupRow> m_hour;
    std::optional<RollupRow> m_day;
};

} // namespace PumpWatch::History
