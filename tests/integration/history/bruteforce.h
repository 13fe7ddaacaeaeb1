// Rollups recomputed the slow, obvious way from the raw rows read back from the database — an
// independent restatement of the rules in modules/history/rollup.h, for the tests to compare
// the writer's incremental rollups with:
// - min/max/first/last/count over the good samples in the period;
// - time-weighted average: each good sample holds until the next sample, at most holdLimitMs;
//   the last one (in the open period) until `nowMs`, at most holdLimitMs;
// - counter delta: R(end) − R(start), where R is the unwrapped meter reading interpolated
//   linearly between consecutive good readings (flat before the first and after the last).
#pragma once

#include <history/rollup.h>

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace BruteForce {

using PumpWatch::History::Point;
using PumpWatch::History::RollupRow;

inline bool good(const Point& p)
{
    return PumpWatch::isGood(p.quality) && std::isfinite(p.value);
}

/// Local hour or day starts covering [first, last] of `points`, in `zone`.
inline std::vector<qint64> periods(const std::vector<Point>& points, bool days,
                                   const QTimeZone& zone)
{
    std::vector<qint64> starts;
    if (points.empty())
        return starts;
    QDateTime t = QDateTime::fromMSecsSinceEpoch(points.front().timestampMs, zone);
    t = days ? QDateTime(t.date(), QTime(0, 0), zone)
             : QDateTime(t.date(), QTime(t.time().hour(), 0), zone);
    for (; t.toMSecsSinceEpoch() <= points.back().timestampMs;
         t = days ? t.addDays(1) : t.addSecs(3600))
        starts.push_back(t.toMSecsSinceEpoch());
    return starts;
}

/// Unwrapped cumulative reading at each good sample.
inline std::vector<std::pair<qint64, double>> cumulative(const std::vector<Point>& points,
                                                         double rollover)
{
    std::vector<std::pair<qint64, double>> out;
    const Point* previous = nullptr;
    double total = 0.0;
    for (const Point& p : points) {
        if (!good(p))
            continue;
        if (previous)
            total += PumpWatch::History::counterIncrement(previous->value, p.value, rollover);
        out.emplace_back(p.timestampMs, total);
        previous = &p;
    }
    return out;
}

inline double readingAt(const std::vector<std::pair<qint64, double>>& r, qint64 t)
{
    if (r.empty())
        return 0.0;
    if (t <= r.front().first)
        return r.front().second;
    if (t >= r.back().first)
        return r.back().second;
    const auto next = std::upper_bound(r.begin(), r.end(), t,
                                       [](qint64 v, const auto& e) { return v < e.first; });
    const auto prev = next - 1;
    return prev->second + (next->second - prev->second) * double(t - prev->first) /
                              double(next->first - prev->first);
}

/// Every non-empty period of `points` (sorted by time), keyed by its start.
inline std::map<qint64, RollupRow> rollups(const std::vector<Point>& points, bool days,
                                           const QTimeZone& zone, bool counter, qint64 holdLimitMs,
                                           double rollover, qint64 nowMs = 0)
{
    std::map<qint64, RollupRow> out;
    const auto starts = periods(points, days, zone);
    const auto readings = cumulative(points, rollover);
    for (size_t k = 0; k < starts.size(); ++k) {
        const qint64 s = starts[k];
        const qint64 e =
            days ? QDateTime::fromMSecsSinceEpoch(s, zone).addDays(1).toMSecsSinceEpoch()
                 : s + 3'600'000;
        RollupRow row;
        row.startMs = s;
        for (size_t i = 0; i < points.size(); ++i) {
            const Point& p = points[i];
            if (good(p) && p.timestampMs >= s && p.timestampMs < e)
                row.addSample(p.timestampMs, p.value);
            if (!counter && good(p)) {
                const qint64 next = i + 1 < points.size() ? points[i + 1].timestampMs : nowMs;
                const qint64 holdEnd = std::min(next, p.timestampMs + holdLimitMs);
                const qint64 a = std::max(s, p.timestampMs);
                const qint64 b = std::min(e, holdEnd);
                if (b > a) {
                    row.integral += p.value * double(b - a);
                    row.coveredMs += b - a;
                }
            }
        }
        if (counter)
            row.delta = readingAt(readings, e) - readingAt(readings, s);
        if (!row.isEmpty())
            out[s] = row;
    }
    return out;
}

} // namespace BruteForce
