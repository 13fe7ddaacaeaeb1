#include "reportperiod.h"

#include <QRegularExpression>
#include <QTime>

namespace PumpWatch::Reports {

ReportPeriod::ReportPeriod(Kind kind, QDate date)
    : m_kind(kind)
    , m_date(kind == Day     ? date
             : kind == Month ? QDate(date.year(), date.month(), 1)
                             : QDate(date.year(), 1, 1))
{}

std::optional<ReportPeriod> ReportPeriod::parse(QStringView text, QString* error)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?$"));
    const auto m = pattern.match(text);
    QDate date;
    Kind kind = Year;
    if (m.hasMatch()) {
        const int y = m.captured(1).toInt();
        const int mo = m.hasCaptured(2) ? m.captured(2).toInt() : 1;
        const int d = m.hasCaptured(3) ? m.captured(3).toInt() : 1;
        kind = m.hasCaptured(3) ? Day : m.hasCaptured(2) ? Month : Year;
        date = QDate(y, mo, d);
    }
    if (!date.isValid()) {
        if (error)
            *error = tr("'%1' is not a period: expected a day (2026-12-01), a month (2026-12) or "
                        "a year (2026)")
                         .arg(text);
        return std::nullopt;
    }
    return ReportPeriod(kind, date);
}

QString ReportPeriod::code() const
{
    switch (m_kind) {
    case Day:
        return m_date.toString(Qt::ISODate);
    case Month:
        return m_date.toString(QStringLiteral("yyyy-MM"));
    case Year:
        break;
    }
    return QString::number(m_date.year());
}

QString ReportPeriod::displayName() const
{
    switch (m_kind) {
    case Day:
        return tr("%1-%2-%3")
            .arg(m_date.year())
            .arg(m_date.month(), 2, 10, QLatin1Char('0'))
            .arg(m_date.day(), 2, 10, QLatin1Char('0'));
    case Month:
        return tr("%1-%2").arg(m_date.year()).arg(m_date.month(), 2, 10, QLatin1Char('0'));
    case Year:
        break;
    }
    return tr("year %1").arg(m_date.year());
}

ReportPeriod ReportPeriod::previous() const
{
    switch (m_kind) {
    case Day:
        return {Day, m_date.addDays(-1)};
    case Month:
        return {Month, m_date.addMonths(-1)};
    case Year:
        break;
    }
    return {Year, m_date.addYears(-1)};
}

ReportPeriod ReportPeriod::sameLastYear() const
{
    return {m_kind, m_date.addYears(-1)};
}

qint64 productionDayStart(QDate day, const QTimeZone& zone, int dayStartMinute)
{
    return QDateTime(day, QTime(dayStartMinute / 60, dayStartMinute % 60), zone)
        .toMSecsSinceEpoch();
}

PeriodCuts ReportPeriod::cuts(const QTimeZone& zone, int dayStartMinute) const
{
    PeriodCuts c;
    switch (m_kind) {
    case Day: {
        const qint64 from = productionDayStart(m_date, zone, dayStartMinute);
        const qint64 to = productionDayStart(m_date.addDays(1), zone, dayStartMinute);
        for (qint64 t = from; t < to; t += 3'600'000) {
            c.bounds.push_back(t);
            c.labels << QDateTime::fromMSecsSinceEpoch(t, zone).toString(QStringLiteral("HH:mm"));
        }
        c.bounds.push_back(to);
        break;
    }
    case Month:
        for (QDate d = m_date; d.month() == m_date.month(); d = d.addDays(1)) {
            c.bounds.push_back(productionDayStart(d, zone, dayStartMinute));
            c.labels << d.toString(Qt::ISODate);
        }
        c.bounds.push_back(productionDayStart(m_date.addMonths(1), zone, dayStartMinute));
        break;
    case Year:
        for (int m = 1; m <= 12; ++m) {
            const QDate first(m_date.year(), m, 1);
            c.bounds.push_back(productionDayStart(first, zone, dayStartMinute));
            c.labels << first.toString(QStringLiteral("yyyy-MM"));
        }
        c.bounds.push_back(
            productionDayStart(QDate(m_date.year() + 1, 1, 1), zone, dayStartMinute));
        break;
    }
    return c;
}

QString ReportPeriod::convention(int dayStartMinute)
{
    const QString at = QStringLiteral("%1:%2")
                           .arg(dayStartMinute / 60, 2, 10, QLatin1Char('0'))
                           .arg(dayStartMinute % 60, 2, 10, QLatin1Char('0'));
    if (dayStartMinute == 0)
        return tr("each day 00:00 to 24:00");
    return tr("each day %1 to %1 the next day").arg(at);
}

} // namespace PumpWatch::Reports
