// QueryScan: one pass over a series' raw samples in time order that yields everything a query
// shows — the statistics, the chart's envelope (min and max per column) and either the samples
// themselves (up to a limit) or fixed buckets (15 minutes) — without keeping the samples.
//
// The same rules as history's rollups (history/rollup.h), so that a query over raw samples and
// one over the hourly rollups agree: a good value holds from its timestamp until the next
// sample, at most holdLimitMs; a bad one holds nothing; a counter's advance between two good
// readings is spread linearly over the time between them (History::counterIncrement), readings
// further apart than gapMs are a comm gap (the buckets it touches are Estimated), and a drop
// that an entered meter replacement explains counts the old meter's rest and the new one's
// start (CounterVolume::replacementFor), so every step counts a meter alike.
//
// Feed it the newest sample before the range first (what holds at its start), then the range,
// then, for a counter, the first good reading after it (where the last gap closes).
//
//     QueryScan scan(settings);
//     for (const Point& p : samples) scan.add(p);
//     scan.finish();
//     scan.stats().average
#pragma once

#include "countervolume.h"
#include "query.h"

#include <history/rollup.h>

#include <optional>
#include <vector>

namespace PumpWatch::Reports {

struct ScanSettings {
    qint64 fromMs = 0; ///< [fromMs, toMs)
    qint64 toMs = 0;
    qint64 endMs = 0; ///< min(toMs, now): values hold up to here, later buckets are incomplete
    Aggregation aggregation = Aggregation::Instantaneous;
    qint64 holdLimitMs = 1'200'000;
    double rollover = 0.0;
    qint64 gapMs = 15 * 60'000;
    qint64 envelopeWidthMs = 0; ///< 0: no envelope
    qint64 stepWidthMs = 0;     ///< 0: list the samples (raw); else buckets this wide…
    qint64 stepOriginMs = 0;    ///< … counted from here (a local midnight)
    qint64 rowLimit = 200'000;  ///< raw: more samples than this are not listed
    /// A counter's entered replacements (as CounterVolume applies them), in the order entered.
    std::vector<MeterReplacement> replacements;
};

class QueryScan {
public:
    explicit QueryScan(const ScanSettings& settings);

    void add(const History::Point& p);
    void finish();

    const SeriesStats& stats() const { return m_stats; }
    std::vector<QueryPoint>& rows() { return m_rows; }
    std::vector<History::Bucket>& envelope() { return m_envelope; }
    bool truncated() const { return m_truncated; }
    qint64 samples() const { return m_samples; }

private:
    /// The value of `carry` held over [from, to), clipped to the range: integral and coverage.
    void hold(const History::Point& carry, qint64 until);
    /// Spreads the advance from one good reading to the next; returns what a drop between them
    /// was (Rollover, Reset, Replaced) or nothing.
    CellFlags spreadCounter(const History::Point& from, const History::Point& to);
    /// Calls f(bucket, a, b) for each step bucket that [a, b) overlaps, clipped to the range.
    template <typename F>
    void forBuckets(qint64 a, qint64 b, F f);
    void sample(const History::Point& p, bool good);

    ScanSettings m_s;
    SeriesStats m_stats;
    std::vector<QueryPoint> m_rows;
    std::vector<bool> m_advanced; ///< per bucket: a counter's advance reached it
    std::vector<History::Bucket> m_envelope;
    std::optional<History::Point> m_carry;
    std::optional<History::Point> m_lastGood;
    double m_integral = 0.0;
    double m_total = 0.0;
    bool m_anyAdvance = false;
    bool m_truncated = false;
    bool m_finished = false;
    qint64 m_samples = 0;
    qint64 m_firstBucket = 0; ///< index of m_rows[0] counted from stepOriginMs
};

} // namespace PumpWatch::Reports
