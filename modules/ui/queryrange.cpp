#include "queryrange.h"

#include <QDateTime>

namespace PumpWatch::Ui {

namespace {

qint64 at(QDate date, int minuteOfDay, const QTimeZone& zone)
{
    return QDateTime(date, QTime(minuteOfDay / 60, minuteOfDay % 60), zone).toMSecsSinceEpoch();
}

} // namespace

QueryRange QueryRange::shiftAt(qint64 ms, const QTimeZone& zone)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, zone);
    const QDate day = local.date();
    const int minute = local.time().hour() * 60 + local.time().minute();
    if (minute >= DayShiftStartMinute && minute < NightShiftStartMinute)
        return {at(day, DayShiftStartMinute, zone), at(day, NightShiftStartMinute, zone)};
    // The night shift began yesterday evening when it is still morning.
    const QDate start = minute < DayShiftStartMinute ? day.addDays(-1) : day;
    return {at(start, NightShiftStartMinute, zone),
            at(start.addDays(1), DayShiftStartMinute, zone)};
}

QueryRange QueryRange::of(RangePreset preset, qint64 nowMs, const QTimeZone& zone)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    switch (preset) {
    case RangePreset::CurrentShift:
        return shiftAt(nowMs, zone);
    case RangePreset::Today:
        return {at(today, 0, zone), at(today.addDays(1), 0, zone)};
    case RangePreset::Yesterday:
        return {at(today.addDays(-1), 0, zone), at(today, 0, zone)};
    case RangePreset::Last24Hours:
        return {nowMs - 86'400'000, nowMs};
    case RangePreset::ThisWeek: {
        const QDate monday = today.addDays(1 - today.dayOfWeek());
        return {at(monday, 0, zone), at(monday.addDays(7), 0, zone)};
    }
    case RangePreset::ThisMonth: {
        const QDate first(today.year(), today.month(), 1);
        return {at(first, 0, zone), at(first.addMonths(1), 0, zone)};
    }
    case RangePreset::Custom:
        break;
    }
    return {};
}

QString QueryRange::presetName(RangePreset preset)
{
    switch (preset) {
    case RangePreset::CurrentShift:
        return tr("Current shift");
    case RangePreset::Today:
        return tr("Today");
    case RangePreset::Yesterday:
        return tr("Yesterday");
    case RangePreset::Last24Hours:
        return tr("Last 24 hours");
    case RangePreset::ThisWeek:
        return tr("This week");
    case RangePreset::ThisMonth:
        return tr("This month");
    case RangePreset::Custom:
        break;
    }
    return tr("Custom");
}

} // namespace PumpWatch::Ui
