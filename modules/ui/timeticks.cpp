#include "timeticks.h"

#include <QDateTime>

#include <iterator>

namespace PumpWatch::Ui {

namespace {
constexpr qint64 SecondMs = 1000;
constexpr qint64 MinuteMs = 60 * SecondMs;
constexpr qint64 HourMs = 60 * MinuteMs;
constexpr qint64 DayMs = 24 * HourMs;
} // namespace

std::vector<TimeTick> timeTicks(qint64 fromMs, qint64 toMs, int maxTicks, const QTimeZone& zone)
{
    static const qint64 steps[] = {
        SecondMs,  2 * SecondMs, 5 * SecondMs, 10 * SecondMs, 15 * SecondMs, 30 * SecondMs,
        MinuteMs,  2 * MinuteMs, 5 * MinuteMs, 10 * MinuteMs, 15 * MinuteMs, 30 * MinuteMs,
        HourMs,    2 * HourMs,   3 * HourMs,   6 * HourMs,    12 * HourMs,   DayMs,
        2 * DayMs, 7 * DayMs,    14 * DayMs,   30 * DayMs,    91 * DayMs,    365 * DayMs};
    std::vector<TimeTick> ticks;
    const qint64 span = toMs - fromMs;
    if (span <= 0 || maxTicks < 1)
        return ticks;
    qint64 step = steps[std::size(steps) - 1];
    for (qint64 s : steps) {
        if (span / s <= maxTicks) {
            step = s;
            break;
        }
    }
    const QString format = step < MinuteMs      ? QStringLiteral("HH:mm:ss")
                           : span > 300 * DayMs ? QStringLiteral("yyyy-MM-dd")
                           : step >= DayMs      ? QStringLiteral("MM-dd")
                           : span > DayMs       ? QStringLiteral("MM-dd HH:mm")
                                                : QStringLiteral("HH:mm");
    const auto label = [&](qint64 ms) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, zone);
        // A day's first tick says which day it is.
        if (format == u"HH:mm" && t.time() == QTime(0, 0))
            return t.toString(QStringLiteral("MM-dd"));
        return t.toString(format);
    };
    if (step < DayMs) {
        const qint64 offset =
            qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(fromMs, zone))) * 1000;
        const qint64 local = fromMs + offset;
        qint64 t = (local / step + (local % step != 0 ? 1 : 0)) * step - offset;
        for (; t <= toMs; t += step)
            ticks.push_back({t, label(t)});
        return ticks;
    }
    // Whole days on local midnights.
    const qint64 days = step / DayMs;
    QDate d = QDateTime::fromMSecsSinceEpoch(fromMs, zone).date();
    for (;; d = d.addDays(days)) {
        const qint64 t = QDateTime(d, QTime(0, 0), zone).toMSecsSinceEpoch();
        if (t > toMs)
            break;
        if (t >= fromMs)
            ticks.push_back({t, label(t)});
    }
    return ticks;
}

} // namespace PumpWatch::Ui
