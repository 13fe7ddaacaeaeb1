#include "queryscan.h"

#include <algorithm>
#include <cmath>

namespace PumpWatch::Reports {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

QueryScan::QueryScan(const ScanSettings& settings)
    : m_s(settings)
{
    m_s.endMs = std::clamp(m_s.endMs, m_s.fromMs, m_s.toMs);
    if (m_s.stepWidthMs > 0 && m_s.toMs > m_s.fromMs) {
        m_firstBucket = floorDiv(m_s.fromMs - m_s.stepOriginMs, m_s.stepWidthMs);
        const qint64 last = floorDiv(m_s.toMs - 1 - m_s.stepOriginMs, m_s.stepWidthMs);
        for (qint64 k = m_firstBucket; k <= last; ++k) {
            const qint64 start = m_s.stepOriginMs + k * m_s.stepWidthMs;
            QueryPoint row;
            row.startMs = std::max(start, m_s.fromMs);
            row.endMs = std::min(start + m_s.stepWidthMs, m_s.toMs);
            row.value =
                0.0; // the integral or the advance while scanning; finish() makes it a value
            m_rows.push_back(row);
        }
        m_advanced.assign(m_rows.size(), false);
    }
}

template <typename F>
void QueryScan::forBuckets(qint64 a, qint64 b, F f)
{
    a = std::max(a, m_s.fromMs);
    b = std::min(b, m_s.toMs);
    if (m_s.stepWidthMs <= 0 || b <= a)
        return;
    for (size_t i = size_t(floorDiv(a - m_s.stepOriginMs, m_s.stepWidthMs) - m_firstBucket);
         i < m_rows.size() && m_rows[i].startMs < b; ++i) {
        const qint64 x = std::max(a, m_rows[i].startMs);
        const qint64 y = std::min(b, m_rows[i].endMs);
        if (y > x)
            f(i, x, y);
    }
}

void QueryScan::hold(const History::Point& carry, qint64 until)
{
    if (!isGood(carry.quality) || !std::isfinite(carry.value))
        return;
    const qint64 a = std::max(carry.timestampMs, m_s.fromMs);
    const qint64 b = std::min({until, carry.timestampMs + m_s.holdLimitMs, m_s.endMs});
    if (b <= a)
        return;
    m_stats.coveredMs += b - a;
    m_integral += carry.value * double(b - a);
    forBuckets(a, b, [&](size_t i, qint64 x, qint64 y) {
        m_rows[i].coveredMs += y - x;
        if (m_s.aggregation != Aggregation::Counter)
            *m_rows[i].value += carry.value * double(y - x);
    });
}

CellFlags QueryScan::spreadCounter(const History::Point& from, const History::Point& to)
{
    double increment = History::counterIncrement(from.value, to.value, m_s.rollover);
    CellFlags drop;
    const History::CounterDrop kind = History::classifyDrop(from.value, to.value, m_s.rollover);
    if (kind == History::CounterDrop::None && to.value < from.value) {
        drop = CellFlag::Suspect; // a small decrease: reverse flow or a meter that went back
    } else if (kind != History::CounterDrop::None) {
        if (const MeterReplacement* m = CounterVolume::replacementFor(
                m_s.replacements, from.value, to.value, from.timestampMs, to.timestampMs)) {
            increment = (m->oldFinal - from.value) + (to.value - m->newInitial);
            drop = CellFlag::Replaced;
        } else {
            drop = kind == History::CounterDrop::Rollover ? CellFlag::Rollover : CellFlag::Reset;
        }
    }
    const double span = double(to.timestampMs - from.timestampMs);
    const qint64 a = std::max(from.timestampMs, m_s.fromMs);
    const qint64 b = std::min(to.timestampMs, m_s.toMs);
    if (b <= a || span <= 0)
        return drop;
    m_total += increment * double(b - a) / span;
    m_anyAdvance = true;
    const bool gap = to.timestampMs - from.timestampMs > m_s.gapMs;
    if (gap)
        m_stats.flags |= CellFlag::Estimated;
    forBuckets(a, b, [&](size_t i, qint64 x, qint64 y) {
        *m_rows[i].value += increment * double(y - x) / span;
        m_advanced[i] = true;
        if (gap)
            m_rows[i].flags |= CellFlag::Estimated;
    });
    return drop;
}

void QueryScan::add(const History::Point& p)
{
    if (m_finished || (m_carry && p.timestampMs <= m_carry->timestampMs))
        return;
    const bool good = isGood(p.quality) && std::isfinite(p.value);
    if (m_carry)
        hold(*m_carry, p.timestampMs);
    CellFlags drop;
    if (m_s.aggregation == Aggregation::Counter && good && m_lastGood)
        drop = spreadCounter(*m_lastGood, p);
    if (p.timestampMs >= m_s.fromMs && p.timestampMs < m_s.toMs) {
        sample(p, good);
        if (drop) {
            m_stats.flags |= drop;
            if (m_s.stepWidthMs > 0)
                forBuckets(p.timestampMs, p.timestampMs + 1,
                           [&](size_t i, qint64, qint64) { m_rows[i].flags |= drop; });
            else if (!m_rows.empty() && m_rows.back().startMs == p.timestampMs)
                m_rows.back().flags |= drop;
        }
    }
    m_carry = p;
    if (good)
        m_lastGood = p;
}

void QueryScan::sample(const History::Point& p, bool good)
{
    ++m_samples;
    if (m_s.envelopeWidthMs > 0) {
        const qint64 start =
            m_s.fromMs + (p.timestampMs - m_s.fromMs) / m_s.envelopeWidthMs * m_s.envelopeWidthMs;
        if (m_envelope.empty() || m_envelope.back().startMs != start)
            m_envelope.push_back({start, 0, 0.0, 0.0, false});
        History::Bucket& b = m_envelope.back();
        if (good) {
            b.min = b.count == 0 ? p.value : std::min(b.min, p.value);
            b.max = b.count == 0 ? p.value : std::max(b.max, p.value);
            ++b.count;
        }
        b.endsBad = !good;
    }
    if (good) {
        if (m_stats.count == 0 || p.value < *m_stats.min) {
            m_stats.min = p.value;
            m_stats.minMs = p.timestampMs;
        }
        if (m_stats.count == 0 || p.value > *m_stats.max) {
            m_stats.max = p.value;
            m_stats.maxMs = p.timestampMs;
        }
        ++m_stats.count;
    }
    if (m_s.stepWidthMs > 0) {
        forBuckets(p.timestampMs, p.timestampMs + 1, [&](size_t i, qint64, qint64) {
            QueryPoint& row = m_rows[i];
            if (!good)
                return;
            row.min = row.count == 0 ? p.value : std::min(row.min, p.value);
            row.max = row.count == 0 ? p.value : std::max(row.max, p.value);
            ++row.count;
        });
        return;
    }
    if (qint64(m_rows.size()) >= m_s.rowLimit) {
        m_truncated = true;
        return;
    }
    QueryPoint row;
    row.startMs = row.endMs = p.timestampMs;
    if (good) {
        row.value = p.value;
        row.min = row.max = p.value;
        row.count = 1;
    } else {
        row.flags = CellFlag::Missing;
    }
    m_rows.push_back(row);
}

void QueryScan::finish()
{
    if (m_finished)
        return;
    if (m_carry)
        hold(*m_carry, m_s.endMs);
    m_finished = true;
    m_stats.spanMs = m_s.endMs - m_s.fromMs;
    const bool counter = m_s.aggregation == Aggregation::Counter;
    if (counter) {
        if (m_anyAdvance)
            m_stats.total = m_total;
    } else if (m_stats.coveredMs > 0) {
        m_stats.average = m_integral / double(m_stats.coveredMs);
    }
    if (m_truncated)
        std::vector<QueryPoint>().swap(m_rows);
    if (m_s.stepWidthMs <= 0)
        return;
    // Buckets: the integral or advance becomes the value; what is not known is flagged.
    if (counter) {
        // A counter's statistics are its buckets' advances (the busiest quarter-hour …).
        m_stats.min.reset();
        m_stats.max.reset();
    }
    double sum = 0.0;
    int known = 0;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        QueryPoint& row = m_rows[i];
        const qint64 due = std::min(row.endMs, m_s.endMs) - row.startMs;
        if (row.endMs > m_s.endMs)
            row.flags |= CellFlag::Incomplete;
        if (counter) {
            if (!m_advanced[i])
                row.value.reset();
        } else if (row.coveredMs > 0) {
            row.value = *row.value / double(row.coveredMs);
        } else {
            row.value.reset();
        }
        if (due > 0 && (counter ? !m_advanced[i] : row.coveredMs < due))
            row.flags |= CellFlag::Missing;
        m_stats.flags |= row.flags;
        if (!counter || !row.value)
            continue;
        if (!m_stats.min || *row.value < *m_stats.min) {
            m_stats.min = row.value;
            m_stats.minMs = row.startMs;
        }
        if (!m_stats.max || *row.value > *m_stats.max) {
            m_stats.max = row.value;
            m_stats.maxMs = row.startMs;
        }
        sum += *row.value;
        ++known;
    }
    if (counter && known > 0)
        m_stats.average = sum / known;
}

} // namespace PumpWatch::Reports
