#include "countervolume.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace PumpWatch::Reports {

namespace {

/// A meter reading as people write it: 40123456.5, never 4.01235e+07.
QString reading(double v)
{
    QString text = QString::number(v, 'f', 3);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

QString when(qint64 ms, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("MM-dd HH:mm"));
}

} // namespace

double float32Step(double reading)
{
    const double a = std::abs(reading);
    if (a < 16'777'216.0)
        return 0.0;
    int exponent = 0;
    std::frexp(a, &exponent);              // a = m × 2^exponent, 0.5 ≤ m < 1
    return std::ldexp(1.0, exponent - 24); // 24 significant bits
}

CounterVolume::CounterVolume(const std::vector<History::RollupRow>& hours, const CounterOptions& o,
                             const std::vector<qint64>& bounds)
{
    using History::RollupRow;
    const int n = static_cast<int>(bounds.size()) - 1;
    m_buckets.resize(std::max(0, n));
    if (n <= 0)
        return;

    // Comm gaps: more than GapMs between two good readings. The rollups spread the meter's
    // advance over them; the buckets they touch say so.
    struct Gap {
        qint64 from;
        qint64 to; ///< 0: still open (no reading after it)
    };
    std::vector<Gap> gaps;
    const RollupRow* before = nullptr;
    for (const RollupRow& row : hours) {
        if (row.count == 0)
            continue;
        if (before && row.firstMs - before->lastMs > o.gapMs)
            gaps.push_back({before->lastMs, row.firstMs});
        before = &row;
    }
    if (before && o.lastGoodMs - before->lastMs > o.gapMs)
        gaps.push_back({before->lastMs, o.lastGoodMs}); // the reading after is past the rows
    const qint64 lastReading = std::max(o.lastGoodMs, before ? before->lastMs : 0);
    qint64 firstReading = std::numeric_limits<qint64>::max();
    for (const RollupRow& row : hours) {
        if (row.count > 0) {
            firstReading = row.firstMs;
            break;
        }
    }

    size_t r = 0;
    const RollupRow* prev = nullptr; // the last hour with a good reading
    for (; r < hours.size() && hours[r].startMs < bounds.front(); ++r) {
        if (hours[r].count > 0)
            prev = &hours[r];
    }

    QSet<qint64> used;     // replacements applied to a drop
    QSet<qint64> rejected; // replacements near a drop that do not fit its readings
    for (int b = 0; b < n; ++b) {
        CounterBucket& out = m_buckets[b];
        const qint64 from = bounds[b];
        const qint64 to = bounds[b + 1];
        double sum = 0.0;
        QStringList notes;

        const auto decrease = [&](double high, double low, qint64 fromMs, qint64 toMs) {
            if (History::classifyDrop(high, low, o.rollover) == History::CounterDrop::None)
                return; // reverse flow or jitter, as the rollups count it
            const double counted = History::counterIncrement(high, low, o.rollover);
            std::vector<qint64> misfits;
            const MeterReplacement* fits =
                replacementFor(o.replacements, high, low, fromMs, toMs, &misfits);
            for (qint64 t : misfits)
                rejected.insert(t);
            if (fits) {
                const MeterReplacement& m = *fits;
                used.insert(m.timestampMs);
                // The rollups spread `counted` linearly over [fromMs, toMs]; spread the
                // difference to the true advance the same way, so each bucket gets its share.
                const double fix = (m.oldFinal - high) + (low - m.newInitial) - counted;
                for (int k = b; k >= 0; --k) {
                    const qint64 a = std::max(fromMs, bounds[k]);
                    const qint64 e = std::min(toMs, bounds[k + 1]);
                    const double share =
                        toMs > fromMs ? double(std::max<qint64>(0, e - a)) / double(toMs - fromMs)
                                      : (k == b ? 1.0 : 0.0);
                    if (share <= 0.0)
                        continue;
                    if (k == b) {
                        sum += fix * share;
                    } else {
                        m_buckets[k].value = m_buckets[k].value.value_or(0.0) + fix * share;
                        m_buckets[k].flags |= CellFlag::Replaced;
                    }
                }
                out.flags |= CellFlag::Replaced;
                notes << tr("meter replaced at %1: old meter's final reading %2, new meter's "
                            "first %3")
                             .arg(when(m.timestampMs, o.zone))
                             .arg(reading(m.oldFinal), reading(m.newInitial));
                return;
            }
            if (History::classifyDrop(high, low, o.rollover) == History::CounterDrop::Rollover) {
                out.flags |= CellFlag::Rollover;
                notes << tr("meter rolled over at %1 (%2 → %3)")
                             .arg(reading(o.rollover), reading(high), reading(low));
            } else {
                out.flags |= CellFlag::Reset;
                notes << tr("meter reset between %1 and %2 (%3 → %4); counted from 0")
                             .arg(when(fromMs, o.zone), when(toMs, o.zone))
                             .arg(reading(high), reading(low));
            }
        };

        bool any = false;
        for (; r < hours.size() && hours[r].startMs < to; ++r) {
            const RollupRow& row = hours[r];
            if (row.startMs < from)
                continue;
            sum += row.delta;
            any = true;
            if (row.count == 0)
                continue;
            if (prev && prev->last > row.first)
                decrease(prev->last, row.first, prev->lastMs, row.firstMs);
            if (row.max > row.last || row.min < row.first)
                decrease(row.max, row.min, row.firstMs, row.lastMs);
            m_highest = std::max(m_highest, row.max);
            prev = &row;
        }
        for (const Gap& g : gaps) {
            if (g.from >= to || g.to <= from)
                continue;
            any = true; // a gap with no advance still says: 0, estimated
            out.flags |= CellFlag::Estimated;
            notes << tr("no readings from %1 to %2: interpolated linearly")
                         .arg(when(g.from, o.zone), when(g.to, o.zone));
        }
        if (firstReading >= to && !any) {
            out.flags |= CellFlag::Missing; // before the meter's first reading
            continue;
        }
        if (firstReading > from) {
            out.flags |= CellFlag::Incomplete;
            notes << tr("data from %1 on").arg(when(firstReading, o.zone));
        }
        if (lastReading < to) {
            // Nothing read after lastReading: the rest of the bucket is unknown, not zero.
            if (to > o.nowMs && lastReading >= std::min(o.nowMs, to) - o.gapMs) {
                out.flags |= CellFlag::Incomplete;
                notes << tr("the period is not over");
            } else {
                out.flags |= any || lastReading > from ? CellFlag::Incomplete : CellFlag::Missing;
                // Since the last reading, the same in every bucket of a long silence (so it
                // is named once, not once a day), or since the bucket's start if never read.
                notes << tr("no data since %1")
                             .arg(when(lastReading > 0 ? lastReading : from, o.zone));
            }
        }
        if (any || lastReading > from)
            out.value = sum;
        out.comment = notes.join(tr("; "));
    }
    // An entered replacement that no drop took is named where it was entered, not dropped.
    for (const MeterReplacement& m : o.replacements) {
        if (used.contains(m.timestampMs) || m.timestampMs < bounds.front() ||
            m.timestampMs >= bounds.back())
            continue;
        const auto at = std::upper_bound(bounds.begin(), bounds.end(), m.timestampMs);
        CounterBucket& out = m_buckets[size_t(at - bounds.begin() - 1)];
        out.flags |= CellFlag::Suspect;
        const QString note =
            rejected.contains(m.timestampMs)
                ? tr("the meter replacement entered for %1 (old %2, new %3) does not fit the "
                     "readings and was not applied")
                : tr("the meter replacement entered for %1 (old %2, new %3) matches no drop in "
                     "the readings and was not applied");
        const QString text =
            note.arg(when(m.timestampMs, o.zone)).arg(reading(m.oldFinal), reading(m.newInitial));
        out.comment = out.comment.isEmpty() ? text : out.comment + tr("; ") + text;
    }
}

void CounterVolume::crossCheck(const std::vector<History::RollupRow>& flowHours,
                               const std::vector<qint64>& bounds)
{
    size_t r = 0;
    for (size_t b = 0; b < m_buckets.size(); ++b) {
        double integral = 0.0;
        qint64 covered = 0;
        for (; r < flowHours.size() && flowHours[r].startMs < bounds[b + 1]; ++r) {
            if (flowHours[r].startMs < bounds[b])
                continue;
            integral += flowHours[r].integral;
            covered += flowHours[r].coveredMs;
        }
        CounterBucket& out = m_buckets[b];
        if (!out.value || covered < (bounds[b + 1] - bounds[b]) * 9 / 10)
            continue;
        const double byFlow = integral / 3'600'000.0; // m³/h × ms → m³
        const double tolerance =
            std::max({0.05 * std::abs(byFlow), 2.0 * float32Step(m_highest), 1.0});
        if (std::abs(*out.value - byFlow) <= tolerance)
            continue;
        out.flags |= CellFlag::Suspect;
        const QString note =
            tr("the flow rate integrates to %1 m³, %2 % apart")
                .arg(byFlow, 0, 'f', 0)
                .arg(byFlow != 0.0 ? (*out.value - byFlow) / byFlow * 100.0 : 100.0, 0, 'f', 1);
        out.comment = out.comment.isEmpty() ? note : out.comment + tr("; ") + note;
    }
}

const MeterReplacement* CounterVolume::replacementFor(const std::vector<MeterReplacement>& entered,
                                                      double high, double low, qint64 fromMs,
                                                      qint64 toMs, std::vector<qint64>* misfits)
{
    // The newest entry that fits this drop: entered within two hours of it, the old meter's
    // final reading not below its last reading, the new meter's first not above its first (a
    // typo is not applied; a newer entry supersedes an older one).
    const double slack = std::max(1.0, 0.01 * std::abs(high));
    for (auto it = entered.rbegin(); it != entered.rend(); ++it) {
        if (it->timestampMs < fromMs - ReplacementToleranceMs ||
            it->timestampMs > toMs + ReplacementToleranceMs)
            continue;
        if (it->oldFinal < high - slack || it->newInitial > low + slack) {
            if (misfits)
                misfits->push_back(it->timestampMs);
            continue;
        }
        return &*it;
    }
    return nullptr;
}

} // namespace PumpWatch::Reports
