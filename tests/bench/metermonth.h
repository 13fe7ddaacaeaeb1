// A month of meters for the benchmarks that read counters (bench_reports, bench_queries): each
// station's outlet totalizer read every 5 minutes, turned into hourly rollups by
// History::SeriesRollup and inserted straight into rollup_hour (writing the 18 M readings of
// 2000 stations through HistoryWriter would add minutes to every run), with each series' last
// good reading in series_state. One station in twenty has something a report must flag.
#pragma once

#include <core/project.h>
#include <history/calendar.h>
#include <history/databaseurl.h>
#include <history/dialect.h>
#include <history/rollup.h>

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace PumpWatch::Bench {

/// The meter of station i: a reading every 5 minutes from `from` to `to`, the flow following
/// the day (m³/h, 100–460 by station). One station in twenty has something to flag:
/// i % 100 == 3 a comm gap (day 10, 13:20–15:40), 13 a rollover at 10⁶ (mid-month), 23 a reset
/// (day 20, 10:30), 33 reverse flow (day 5, 03:00–03:20), 43 stops on day 28 at 06:00.
inline std::vector<History::Point> meterReadings(int i, qint64 from, qint64 to, qint64 monthStart,
                                                 double rollover)
{
    std::vector<History::Point> points;
    const double q = 100.0 + (i % 37) * 10.0;
    double reading = i % 100 == 13 ? rollover - q * 24 * 15 : 1000.0 * (i % 997);
    constexpr qint64 MinuteMs = 60'000;
    constexpr qint64 HourMs = 60 * MinuteMs;
    constexpr qint64 DayMs = 24 * HourMs;
    const qint64 step = 5 * MinuteMs;
    for (qint64 t = from; t < to; t += step) {
        const double dayHours = double((t - monthStart) % DayMs) / HourMs;
        const double flow = q * (1.0 + 0.3 * std::sin(2 * std::numbers::pi * (dayHours - 6) / 24));
        const qint64 day = (t - monthStart) / DayMs + 1; // 1-based day of the month (local)
        const double minutes = double((t - monthStart) % DayMs) / MinuteMs;
        if (i % 100 == 33 && day == 5 && minutes >= 180 && minutes < 200)
            reading -= 0.5;
        else
            reading += flow * 5 / 60;
        if (i % 100 == 23 && day == 20 && minutes >= 630 && minutes < 635)
            reading = 0.0;
        if (i % 100 == 3 && day == 10 && minutes > 800 && minutes < 940)
            continue;
        if (i % 100 == 43 && (day > 28 || (day == 28 && minutes > 360)))
            continue;
        points.push_back(
            {t, i % 100 == 13 ? std::fmod(reading, rollover) : reading, Quality::Good});
    }
    return points;
}

/// The hourly rollups of `meters` (the i-th is meterReadings(i, …)) from `monthStart` (a local
/// midnight) to `meterTo` into the history at `url`, whose series exist (HistoryWriter::open
/// made them); the rows inserted, or -1 with `*error`.
inline qint64 writeMeterMonth(const Project& p, const History::DatabaseUrl& url,
                              const std::vector<TagId>& meters, qint64 monthStart, qint64 meterTo,
                              qint64 holdMs, const QTimeZone& zone, double rollover, QString* error)
{
    using namespace History;
    qint64 rows = 0;
    const QString name = QStringLiteral("bench-meter-month");
    {
        QSqlDatabase db = Dialect(url.engine).open(url, name, error);
        if (!db.isValid())
            return -1;
        QSqlQuery q(db);
        QHash<QString, qint64> idOf;
        q.exec(QStringLiteral("SELECT id, path FROM series"));
        while (q.next())
            idOf.insert(q.value(1).toString(), q.value(0).toLongLong());
        db.transaction();
        constexpr int PerInsert = 200;
        QString insert = QStringLiteral("INSERT INTO rollup_hour (series, start_ts, n, v_min, "
                                        "v_max, v_avg, covered_ms, v_first, first_ts, v_last, "
                                        "last_ts, delta) VALUES ");
        for (int k = 0; k < PerInsert; ++k)
            insert += (k ? QStringLiteral(",") : QString()) +
                      QStringLiteral("(?, ?, ?, ?, ?, NULL, 0, ?, ?, ?, ?, ?)");
        QSqlQuery ins(db);
        ins.prepare(insert);
        std::vector<QVariantList> pending;
        const auto flush = [&](bool all) {
            while (pending.size() >= PerInsert || (all && !pending.empty())) {
                const size_t n = std::min<size_t>(PerInsert, pending.size());
                QSqlQuery& qq = n == PerInsert ? ins : q;
                if (n != PerInsert) {
                    QString sql = insert.left(insert.indexOf(u"VALUES") + 7);
                    for (size_t k = 0; k < n; ++k)
                        sql += (k ? QStringLiteral(",") : QString()) +
                               QStringLiteral("(?, ?, ?, ?, ?, NULL, 0, ?, ?, ?, ?, ?)");
                    q.prepare(sql);
                }
                int at = 0;
                for (size_t k = 0; k < n; ++k)
                    for (const QVariant& v : pending[k])
                        qq.bindValue(at++, v);
                if (!qq.exec()) {
                    *error = qq.lastError().text();
                    return false;
                }
                pending.erase(pending.begin(), pending.begin() + qsizetype(n));
            }
            return true;
        };
        const QVariant nullDouble(QMetaType::fromType<double>());
        const QVariant nullInt(QMetaType::fromType<qint64>());
        const PeriodCalendar calendar(zone);
        QSqlQuery state(db);
        state.prepare(
            QStringLiteral("UPDATE series_state SET good_ts = ?, good_value = ? WHERE series = ?"));
        for (size_t i = 0; i < meters.size(); ++i) {
            const qint64 id = idOf.value(p.tagPath(meters[i]), -1);
            if (id < 0) {
                *error = QStringLiteral("no series for %1").arg(p.tagPath(meters[i]));
                return -1;
            }
            const double modulus = p.tag(meters[i]).rollover;
            SeriesRollup rollup({Aggregation::Counter, holdMs, modulus}, calendar);
            std::vector<RollupRow> hours;
            std::vector<RollupRow> days;
            const auto points = meterReadings(int(i), monthStart, meterTo, monthStart, rollover);
            for (const Point& pt : points)
                rollup.add(pt, hours, days);
            if (rollup.open(Resolution::Hour))
                hours.push_back(*rollup.open(Resolution::Hour));
            for (const RollupRow& r : hours) {
                const bool any = r.count > 0;
                pending.push_back(
                    {id, r.startMs, r.count, any ? QVariant(r.min) : nullDouble,
                     any ? QVariant(r.max) : nullDouble, any ? QVariant(r.first) : nullDouble,
                     any ? QVariant(r.firstMs) : nullInt, any ? QVariant(r.last) : nullDouble,
                     any ? QVariant(r.lastMs) : nullInt, r.delta});
                ++rows;
            }
            if (!flush(false))
                return -1;
            state.addBindValue(points.back().timestampMs);
            state.addBindValue(points.back().value);
            state.addBindValue(id);
            if (!state.exec()) {
                *error = state.lastError().text();
                return -1;
            }
        }
        if (!flush(true) || !db.commit())
            return -1;
    }
    Dialect::close(name);
    return rows;
}

} // namespace PumpWatch::Bench
