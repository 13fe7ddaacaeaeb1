// CounterVolume: what a meter (a totalizer in m³, an energy meter in kWh) advanced in each
// bucket of a report, from the history's hourly rollups, with what a reader must know about it.
//
// The rollups already spread a meter's advance linearly over the time between two readings, so
// volume that went through during a comm gap lands in the hours of the gap and days add up;
// rollover at the tag's modulus and resets are counted there (History::counterIncrement). Here
// each bucket (an hour, a production day, a month) is the sum of its hours, flagged:
// - Estimated: a comm gap (readings more than 15 min apart) touches the bucket: its share of the
//   advance across the gap is interpolated (the gap is named in the comment);
// - Missing / Incomplete: hours without data and none after them (the gap is still open, or the
//   period is not over) — a bucket without any data is blank, never 0, and volume is never moved
//   into a later bucket;
// - Rollover / Reset: the meter went down within the bucket (classified like the rollups do);
// - Suspect: the volume and the integral of the flow rate disagree (crossCheck);
// - Replaced: a meter replacement was entered (within two hours of a drop in the readings; the
//   newest entry that fits them) — the old meter's final and the new one's first reading
//   replace what the rollups assumed (a restart at 0), so the day total is unchanged. An entry
//   that fits no drop is named in its bucket (Suspect) and not applied.
//
//     CounterVolume v(rows, {.rollover = 1e8}, cuts.bounds);
//     v.buckets()[i].value, .flags, .comment
#pragma once

#include "report.h"

#include <history/rollup.h>

#include <QTimeZone>

#include <optional>
#include <vector>

namespace PumpWatch::Reports {

/// An entered meter replacement: the old meter's final reading and the new one's first.
struct MeterReplacement {
    qint64 timestampMs = 0;
    double oldFinal = 0.0;
    double newInitial = 0.0;
};

struct CounterOptions {
    double rollover = 0.0;      ///< the meter's modulus; 0: unknown
    qint64 lastGoodMs = 0;      ///< the series' newest good sample (history's series state)
    qint64 nowMs = 0;           ///< buckets reaching past it are incomplete
    qint64 gapMs = 15 * 60'000; ///< readings further apart are a comm gap, named
    std::vector<MeterReplacement> replacements; ///< in the order entered (the newest counts)
    QTimeZone zone = QTimeZone::utc();          ///< for the times named in comments
};

struct CounterBucket {
    std::optional<double> value;
    CellFlags flags;
    QString comment;
};

class CounterVolume {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::CounterVolume)

public:
    /// How far from a drop in the readings an entered replacement may be dated.
    static constexpr qint64 ReplacementToleranceMs = 2 * 3'600'000;

    /// `hours`: the series' hourly rollup rows in time order, covering at least
    /// [bounds.front(), bounds.back()) — best from an hour before (a drop at the boundary) to a
    /// day after (where a gap across the end closes); `bounds` on whole hours.
    CounterVolume(const std::vector<History::RollupRow>& hours, const CounterOptions& options,
                  const std::vector<qint64>& bounds);

    const std::vector<CounterBucket>& buckets() const { return m_buckets; }
    /// Compares each bucket with the integral of the flow rate (m³/h rollups of the same
    /// meter's flow) where the flow covers at least 90 % of it: apart by more than 5 % (or two
    /// float32 steps, or 1 m³) is Suspect, with both figures in the comment.
    void crossCheck(const std::vector<History::RollupRow>& flowHours,
                    const std::vector<qint64>& bounds);
    /// The newest of `entered` that fits a drop of the readings from `high` (at fromMs) to `low`
    /// (at toMs), or null; the times of entries near the drop that do not fit go to `misfits`.
    static const MeterReplacement* replacementFor(const std::vector<MeterReplacement>& entered,
                                                  double high, double low, qint64 fromMs,
                                                  qint64 toMs,
                                                  std::vector<qint64>* misfits = nullptr);
    /// The highest reading seen: with a float32 meter it sets the resolution of a reading.
    double highestReading() const { return m_highest; }

private:
    std::vector<CounterBucket> m_buckets;
    double m_highest = 0.0;
};

/// A float32 register near `reading` moves in steps of this much (0 below 2^24).
double float32Step(double reading);

} // namespace PumpWatch::Reports
