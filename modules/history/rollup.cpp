#include "rollup.h"

#include <algorithm>
#include <cmath>

namespace PumpWatch::History {

std::optional<double> RollupRow::average() const
{
    if (coveredMs <= 0)
        return std::nullopt;
    return integral / double(coveredMs);
}

void RollupRow::addSample(qint64 timestampMs, double value)
{
    if (count == 0) {
        min = max = first = value;
        firstMs = timestampMs;
    } else {
        min = std::min(min, value);
        max = std::max(max, value);
    }
    last = value;
    lastMs = timestampMs;
    ++count;
}

void RollupRow::combine(const RollupRow& later)
{
    if (later.count > 0) {
        if (count == 0) {
            min = later.min;
            max = later.max;
            first = later.first;
            firstMs = later.firstMs;
        } else {
            min = std::min(min, later.min);
            max = std::max(max, later.max);
        }
        last = later.last;
        lastMs = later.lastMs;
        count += later.count;
    }
    integral += later.integral;
    coveredMs += later.coveredMs;
    delta += later.delta;
}

CounterDrop classifyDrop(double previous, double current, double rollover)
{
    if (current >= previous || previous - current <= std::max(1.0, 0.01 * std::abs(previous)))
        return CounterDrop::None;
    if (rollover > 0.0 && previous >= 0.9 * rollover && current < 0.1 * rollover)
        return CounterDrop::Rollover;
    return CounterDrop::Reset;
}

double counterIncrement(double previous, double current, double rollover)
{
    switch (classifyDrop(previous, current, rollover)) {
    case CounterDrop::None:
        return current - previous; // an advance, or a real small decrease (reverse flow, jitter)
    case CounterDrop::Rollover:
        return (rollover - previous) + current;
    case CounterDrop::Reset:
        break;
    }
    return current; // the meter started again at 0
}

SeriesRollup::SeriesRollup(const RollupPolicy& policy, const PeriodCalendar& calendar)
    : m_policy(policy)
    , m_calendar(&calendar)
{}

void SeriesRollup::restore(std::optional<Point> carry, std::optional<Point> lastGood,
                           std::optional<RollupRow> openHour, std::optional<RollupRow> openDay)
{
    m_carry = carry;
    m_lastGood = lastGood;
    m_hour = openHour;
    m_day = openDay;
}

void SeriesRollup::moveTo(Resolution r, qint64 ms, std::vector<RollupRow>& closed)
{
    std::optional<RollupRow>& open = r == Resolution::Day ? m_day : m_hour;
    const qint64 start = m_calendar->start(r, ms);
    if (open && open->startMs >= start)
        return;
    if (open && !open->isEmpty())
        closed.push_back(*open);
    open = RollupRow{};
    open->startMs = start;
}

template <typename Piece>
void SeriesRollup::spread(qint64 from, qint64 to, Piece piece, std::vector<RollupRow>& closedHours,
                          std::vector<RollupRow>& closedDays)
{
    for (const Resolution r : {Resolution::Hour, Resolution::Day}) {
        std::vector<RollupRow>& closed = r == Resolution::Day ? closedDays : closedHours;
        std::optional<RollupRow>& open = r == Resolution::Day ? m_day : m_hour;
        for (qint64 t = from; t < to;) {
            moveTo(r, t, closed);
            const qint64 end = std::min(to, m_calendar->next(r, open->startMs));
            piece(*open, t, end);
            t = end;
        }
    }
}

bool SeriesRollup::add(const Point& p, std::vector<RollupRow>& closedHours,
                       std::vector<RollupRow>& closedDays)
{
    if (m_carry && p.timestampMs <= m_carry->timestampMs)
        return false;
    const bool good = isGood(p.quality) && std::isfinite(p.value);
    if (m_policy.aggregation == Aggregation::Counter) {
        if (!good) {
            m_carry = p; // a bad reading neither counts nor closes a period
            return true;
        }
        if (m_lastGood) {
            const Point g = *m_lastGood;
            const double increment = counterIncrement(g.value, p.value, m_policy.rollover);
            const double span = double(p.timestampMs - g.timestampMs);
            spread(
                g.timestampMs, p.timestampMs,
                [&](RollupRow& row, qint64 a, qint64 b) {
                    row.delta += increment * (double(b - a) / span);
                },
                closedHours, closedDays);
        }
    } else if (m_carry && isGood(m_carry->quality) && std::isfinite(m_carry->value)) {
        const Point c = *m_carry;
        const qint64 end = std::min(p.timestampMs, c.timestampMs + m_policy.holdLimitMs);
        spread(
            c.timestampMs, end,
            [&](RollupRow& row, qint64 a, qint64 b) {
                row.integral += c.value * double(b - a);
                row.coveredMs += b - a;
            },
            closedHours, closedDays);
    }
    moveTo(Resolution::Hour, p.timestampMs, closedHours);
    moveTo(Resolution::Day, p.timestampMs, closedDays);
    if (good) {
        m_hour->addSample(p.timestampMs, p.value);
        m_day->addSample(p.timestampMs, p.value);
        m_lastGood = p;
    }
    m_carry = p;
    return true;
}

} // namespace PumpWatch::History
