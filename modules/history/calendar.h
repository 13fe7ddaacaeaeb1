// PeriodCalendar: hours, days and months in the project's local time, as UTC milliseconds.
//
// Rollups, reports and the CLI all cut time the same way: an hour or a day starts at a local
// wall-clock boundary (the project's time zone, Asia/Shanghai by default). The UTC offset is
// cached between the zone's transitions, so the writer can ask per sample. Not thread-safe
// (the cache); give every thread its own copy.
//
//     PeriodCalendar cal(QTimeZone("Asia/Shanghai"));
//     cal.start(Resolution::Day, ms)       // local midnight at or before ms
//     cal.next(Resolution::Day, start)     // the following local midnight
#pragma once

#include <QTimeZone>

namespace PumpWatch::History {

enum class Resolution : quint8 { Invalid = 0, Raw, Hour, Day, Month };
/// "raw", "hour", "day", "month"; parseResolution() returns Invalid for anything else.
QString resolutionName(Resolution r);
Resolution parseResolution(QStringView text);

class PeriodCalendar {
public:
    explicit PeriodCalendar(const QTimeZone& zone = QTimeZone::utc());

    const QTimeZone& zone() const { return m_zone; }
    /// The start of the period of resolution `r` that contains `ms` (Raw: ms itself).
    qint64 start(Resolution r, qint64 ms) const;
    /// The start of the period after the one starting at `periodStart`.
    qint64 next(Resolution r, qint64 periodStart) const;
    /// Local time minus UTC at `ms`, in milliseconds.
    qint64 offsetMs(qint64 ms) const;

private:
    QTimeZone m_zone;
    mutable qint64 m_cachedFrom = 1;
    mutable qint64 m_cachedTo = 0;
    mutable qint64 m_cachedOffsetMs = 0;
};

} // namespace PumpWatch::History
