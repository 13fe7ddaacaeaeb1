#include "calendar.h"

#include <limits>

namespace PumpWatch::History {

namespace {
constexpr qint64 HourMs = 3'600'000;
constexpr qint64 DayMs = 24 * HourMs;

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step < 0 ? q - 1 : q) * step;
}
} // namespace

QString resolutionName(Resolution r)
{
    switch (r) {
    case Resolution::Raw:
        return QStringLiteral("raw");
    case Resolution::Hour:
        return QStringLiteral("hour");
    case Resolution::Day:
        return QStringLiteral("day");
    case Resolution::Month:
        return QStringLiteral("month");
    case Resolution::Invalid:
        break;
    }
    return {};
}

Resolution parseResolution(QStringView text)
{
    for (Resolution r : {Resolution::Raw, Resolution::Hour, Resolution::Day, Resolution::Month}) {
        if (text == resolutionName(r))
            return r;
    }
    return Resolution::Invalid;
}

PeriodCalendar::PeriodCalendar(const QTimeZone& zone)
    : m_zone(zone.isValid() ? zone : QTimeZone::utc())
{}

qint64 PeriodCalendar::offsetMs(qint64 ms) const
{
    if (ms >= m_cachedFrom && ms < m_cachedTo)
        return m_cachedOffsetMs;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    m_cachedOffsetMs = qint64(m_zone.offsetFromUtc(at)) * 1000;
    m_cachedFrom = std::numeric_limits<qint64>::min();
    m_cachedTo = std::numeric_limits<qint64>::max();
    if (m_zone.hasTransitions()) {
        const QTimeZone::OffsetData previous = m_zone.previousTransition(at.addMSecs(1));
        const QTimeZone::OffsetData next = m_zone.nextTransition(at);
        if (previous.atUtc.isValid())
            m_cachedFrom = previous.atUtc.toMSecsSinceEpoch();
        if (next.atUtc.isValid())
            m_cachedTo = next.atUtc.toMSecsSinceEpoch();
    }
    return m_cachedOffsetMs;
}

qint64 PeriodCalendar::start(Resolution r, qint64 ms) const
{
    switch (r) {
    case Resolution::Raw:
    case Resolution::Invalid:
        return ms;
    case Resolution::Hour: {
        const qint64 offset = offsetMs(ms);
        return floorTo(ms + offset, HourMs) - offset;
    }
    case Resolution::Day: {
        const qint64 offset = offsetMs(ms);
        const qint64 midnight = floorTo(ms + offset, DayMs) - offset;
        // Across a transition the midnight has the other offset.
        const qint64 corrected = midnight + offset - offsetMs(midnight);
        return corrected > ms ? midnight : corrected;
    }
    case Resolution::Month: {
        const QDate date = QDateTime::fromMSecsSinceEpoch(ms, m_zone).date();
        return QDateTime(QDate(date.year(), date.month(), 1), QTime(0, 0), m_zone)
            .toMSecsSinceEpoch();
    }
    }
    return ms;
}

qint64 PeriodCalendar::next(Resolution r, qint64 periodStart) const
{
    switch (r) {
    case Resolution::Raw:
    case Resolution::Invalid:
        return periodStart + 1;
    case Resolution::Hour:
        return periodStart + HourMs;
    case Resolution::Day:
        return start(Resolution::Day, periodStart + DayMs + 2 * HourMs);
    case Resolution::Month: {
        const QDate date = QDateTime::fromMSecsSinceEpoch(periodStart, m_zone).date();
        return QDateTime(QDate(date.year(), date.month(), 1).addMonths(1), QTime(0, 0), m_zone)
            .toMSecsSinceEpoch();
    }
    }
    return periodStart + 1;
}

} // namespace PumpWatch::History
