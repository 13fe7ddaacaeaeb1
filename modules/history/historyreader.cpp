#include "historyreader.h"

#include "bulkupsert.h"

#include <QPromise>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <sqlite3.h>

namespace PumpWatch::History {

namespace {
std::atomic<int> readerCounter{0};
constexpr int CancelCheckRows = 4096;
constexpr qint64 HourMs = 3'600'000;
constexpr size_t Chunk = 500; ///< series per IN list

QString placeholders(size_t n)
{
    QString in;
    in.reserve(qsizetype(2 * n));
    for (size_t i = 0; i < n; ++i)
        in += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
    return in;
}

/// Reads hourly rows through SQLite's own API, no QVariant per value — for a report that reads
/// hundreds of thousands of rows, most of the time Qt Sql would spend. `sql` takes the IN list
/// of series (%1), then from and to, and returns the series and then the hour's columns, by
/// series and time; `read` turns them into a RollupRow. One statement per 500 series, prepared
/// once; one read transaction, so that every series is read as of the same flush of the writer.
/// False, with `error` set, when SQLite fails.
template <typename Read>
bool readSqliteHours(sqlite3* db, const QString& sql, const std::vector<qint64>& ids,
                     const QHash<qint64, size_t>& indexOf, qint64 fromMs, qint64 toMs, Read read,
                     std::vector<std::vector<RollupRow>>& out, QString* error)
{
    const bool transaction = sqlite3_get_autocommit(db) != 0 &&
                             sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    const size_t hours = size_t((toMs - fromMs) / HourMs) + 1;
    sqlite3_stmt* st = nullptr;
    size_t prepared = 0;
    bool ok = true;
    for (size_t at = 0; ok && at < ids.size(); at += Chunk) {
        const size_t n = std::min(Chunk, ids.size() - at);
        if (n != prepared) {
            sqlite3_finalize(st);
            st = nullptr;
            if (sqlite3_prepare_v2(db, sql.arg(placeholders(n)).toUtf8().constData(), -1, &st,
                                   nullptr) != SQLITE_OK) {
                ok = false;
                break;
            }
            prepared = n;
        }
        for (size_t i = 0; i < n; ++i)
            sqlite3_bind_int64(st, int(i + 1), ids[at + i]);
        sqlite3_bind_int64(st, int(n + 1), fromMs);
        sqlite3_bind_int64(st, int(n + 2), toMs);
        qint64 series = -1;
        std::vector<RollupRow>* rows = nullptr;
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const qint64 s = sqlite3_column_int64(st, 0);
            if (s != series) {
                series = s;
                rows = &out[indexOf.value(s)];
                rows->reserve(rows->size() + hours);
            }
            rows->push_back(read(st));
        }
        ok = rc == SQLITE_DONE;
        sqlite3_reset(st);
    }
    if (!ok)
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (transaction)
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    return ok;
}

/// A rollup's value column: NULL (and not read) in a row without good samples.
double sqliteValue(sqlite3_stmt* st, int column, qint64 count)
{
    return count > 0 ? sqlite3_column_double(st, column) : std::nan("");
}

/// start_ts, n, v_min, v_max, v_first, first_ts, v_last, last_ts, delta from column `at` on.
RollupRow counterRowFromQuery(const QSqlQuery& q, int at)
{
    RollupRow r;
    r.startMs = q.value(at).toLongLong();
    r.count = q.value(at + 1).toLongLong();
    r.min = valueOrNaN(q.value(at + 2));
    r.max = valueOrNaN(q.value(at + 3));
    r.first = valueOrNaN(q.value(at + 4));
    r.firstMs = q.value(at + 5).toLongLong();
    r.last = valueOrNaN(q.value(at + 6));
    r.lastMs = q.value(at + 7).toLongLong();
    const QVariant delta = q.value(at + 8);
    r.delta = delta.isNull() ? 0.0 : delta.toDouble();
    return r;
}

} // namespace

HistoryReader::HistoryReader(const Project& project, const DatabaseUrl& url)
    : m_project(project)
    , m_url(url)
    , m_dialect(url.engine)
    , m_calendar(QTimeZone(project.timeZone.toUtf8()))
    , m_connectionName(QStringLiteral("pumpwatch-history-reader-%1").arg(++readerCounter))
{}

HistoryReader::~HistoryReader()
{
    m_db = QSqlDatabase();
    Dialect::close(m_connectionName);
}

bool HistoryReader::fail(const QString& error)
{
    m_error = error;
    return false;
}

bool HistoryReader::open(QString* error)
{
    m_db = m_dialect.open(m_url, m_connectionName, error);
    if (!m_db.isValid())
        return fail(*error);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, path FROM series"))) {
        *error = q.lastError().text();
        if (!m_db.tables().contains(QStringLiteral("series")))
            *error = tr("%1 holds no PumpWatch history").arg(m_url.display());
        return fail(*error);
    }
    while (q.next())
        m_seriesOfPath.insert(q.value(1).toString(), q.value(0).toLongLong());
    return true;
}

qint64 HistoryReader::series(TagId tag)
{
    if (tag >= m_project.tagCount())
        return -1;
    return m_seriesOfPath.value(m_project.tagPath(tag), -1);
}

std::optional<std::vector<Point>> HistoryReader::raw(TagId tag, qint64 fromMs, qint64 toMs,
                                                     const Canceled& canceled)
{
    std::vector<Point> points;
    const bool read = scan(tag, fromMs, toMs, [&](const Point& p) {
        points.push_back(p);
        return !canceled || points.size() % CancelCheckRows != 0 || !canceled();
    });
    if (!read)
        return std::nullopt;
    return points;
}

std::optional<std::vector<Bucket>> HistoryReader::decimated(TagId tag, qint64 fromMs, qint64 toMs,
                                                            int buckets)
{
    std::vector<Bucket> out;
    const qint64 id = series(tag);
    if (id < 0 || toMs <= fromMs || buckets <= 0)
        return out;
    const qint64 width = std::max<qint64>(1, (toMs - fromMs + buckets - 1) / buckets);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Bad samples are kept apart: an outage's bucket stays (count 0) and a bucket whose last
    // sample is bad says so, so that a chart does not draw a line across the outage.
    q.prepare(QStringLiteral(
        "SELECT (ts - ?) / ? AS b, SUM(CASE WHEN quality IN (1, 2) THEN 1 ELSE 0 END), "
        "MIN(CASE WHEN quality IN (1, 2) THEN value END), "
        "MAX(CASE WHEN quality IN (1, 2) THEN value END), "
        "MAX(CASE WHEN quality IN (1, 2) THEN ts END), "
        "MAX(CASE WHEN quality IN (1, 2) THEN NULL ELSE ts END) FROM samples "
        "WHERE series = ? AND ts >= ? AND ts < ? GROUP BY b ORDER BY b"));
    q.addBindValue(fromMs);
    q.addBindValue(width);
    q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        const bool endsBad =
            !q.isNull(5) && (q.isNull(4) || q.value(5).toLongLong() > q.value(4).toLongLong());
        out.push_back({fromMs + q.value(0).toLongLong() * width, q.value(1).toLongLong(),
                       q.value(2).toDouble(), q.value(3).toDouble(), endsBad});
    }
    return out;
}

std::optional<std::vector<RollupRow>> HistoryReader::aggregated(TagId tag, qint64 fromMs,
                                                                qint64 toMs, Resolution resolution)
{
    if (resolution != Resolution::Month) {
        auto rows = aggregated(std::vector<TagId>{tag}, fromMs, toMs, resolution);
        if (!rows)
            return std::nullopt;
        return std::move(rows->front());
    }
    // Months are the days combined.
    const auto days =
        aggregated(std::vector<TagId>{tag}, m_calendar.start(Resolution::Month, fromMs), toMs,
                   Resolution::Day);
    if (!days)
        return std::nullopt;
    std::vector<RollupRow> months;
    for (const RollupRow& day : days->front()) {
        const qint64 start = m_calendar.start(Resolution::Month, day.startMs);
        if (months.empty() || months.back().startMs != start) {
            months.emplace_back();
            months.back().startMs = start;
        }
        months.back().combine(day);
    }
    return months;
}

std::optional<std::vector<std::vector<RollupRow>>>
HistoryReader::aggregated(const std::vector<TagId>& tags, qint64 fromMs, qint64 toMs,
                          Resolution resolution)
{
    if (resolution != Resolution::Hour && resolution != Resolution::Day) {
        fail(tr("aggregates are by hour, day or month"));
        return std::nullopt;
    }
    std::vector<std::vector<RollupRow>> out(tags.size());
    QHash<qint64, size_t> indexOf;
    std::vector<qint64> ids;
    for (size_t i = 0; i < tags.size(); ++i) {
        const qint64 id = series(tags[i]);
        if (id >= 0) {
            indexOf.insert(id, i);
            ids.push_back(id);
        }
    }
    constexpr size_t Chunk = 500;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    for (size_t at = 0; at < ids.size(); at += Chunk) {
        const size_t n = std::min(Chunk, ids.size() - at);
        QString in;
        for (size_t i = 0; i < n; ++i)
            in += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
        q.prepare(QStringLiteral("SELECT series, start_ts, n, v_min, v_max, v_avg, covered_ms, "
                                 "v_first, first_ts, v_last, last_ts, delta FROM %1 WHERE series "
                                 "IN (%2) AND start_ts >= ? AND start_ts < ? ORDER BY series, "
                                 "start_ts")
                      .arg(resolution == Resolution::Hour ? QStringLiteral("rollup_hour")
                                                          : QStringLiteral("rollup_day"),
                           in));
        for (size_t i = 0; i < n; ++i)
            q.addBindValue(ids[at + i]);
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        while (q.next())
            out[indexOf.value(q.value(0).toLongLong())].push_back(rollupFromQuery(q, 1));
    }
    return out;
}

std::vector<qint64> HistoryReader::seriesIds(const std::vector<TagId>& tags,
                                             QHash<qint64, size_t>* indexOf)
{
    std::vector<qint64> ids;
    for (size_t i = 0; i < tags.size(); ++i) {
        const qint64 id = series(tags[i]);
        if (id >= 0) {
            if (!indexOf->contains(id))
                ids.push_back(id); // a tag given twice: its rows go to the last (as aggregated())
            indexOf->insert(id, i);
        }
    }
    return ids;
}

std::optional<std::vector<std::vector<RollupRow>>>
HistoryReader::hourAverages(const std::vector<TagId>& tags, qint64 fromMs, qint64 toMs)
{
    std::vector<std::vector<RollupRow>> out(tags.size());
    QHash<qint64, size_t> indexOf;
    const std::vector<qint64> ids = seriesIds(tags, &indexOf);
    if (sqlite3* db = Dialect::sqliteHandle(m_db)) {
        // NULL reads as 0: v_avg is NULL where nothing is covered, v_min and v_max where n = 0.
        const auto read = [](sqlite3_stmt* st) {
            RollupRow r;
            r.startMs = sqlite3_column_int64(st, 1);
            r.count = sqlite3_column_int64(st, 2);
            r.min = sqliteValue(st, 3, r.count);
            r.max = sqliteValue(st, 4, r.count);
            r.coveredMs = sqlite3_column_int64(st, 6);
            r.integral = sqlite3_column_double(st, 5) * double(r.coveredMs);
            return r;
        };
        QString error;
        if (!readSqliteHours(db,
                             QStringLiteral("SELECT series, start_ts, n, v_min, v_max, v_avg, "
                                            "covered_ms FROM rollup_hour WHERE series IN (%1) AND "
                                            "start_ts >= ? AND start_ts < ? ORDER BY series, "
                                            "start_ts"),
                             ids, indexOf, fromMs, toMs, read, out, &error)) {
            fail(error);
            return std::nullopt;
        }
        return out;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    size_t prepared = 0; // the IN list's length of the prepared statement
    for (size_t at = 0; at < ids.size(); at += Chunk) {
        const size_t n = std::min(Chunk, ids.size() - at);
        if (n != prepared) {
            q.prepare(QStringLiteral("SELECT series, start_ts, n, v_min, v_max, v_avg, covered_ms "
                                     "FROM rollup_hour WHERE series IN (%1) AND start_ts >= ? AND "
                                     "start_ts < ? ORDER BY series, start_ts")
                          .arg(placeholders(n)));
            prepared = n;
        }
        for (size_t i = 0; i < n; ++i)
            q.bindValue(int(i), ids[at + i]);
        q.bindValue(int(n), fromMs);
        q.bindValue(int(n + 1), toMs);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        qint64 id = -1;
        std::vector<RollupRow>* rows = nullptr;
        while (q.next()) {
            const qint64 s = q.value(0).toLongLong();
            if (s != id) {
                id = s;
                rows = &out[indexOf.value(s)];
            }
            RollupRow r;
            r.startMs = q.value(1).toLongLong();
            r.count = q.value(2).toLongLong();
            r.min = valueOrNaN(q.value(3));
            r.max = valueOrNaN(q.value(4));
            r.coveredMs = q.value(6).toLongLong();
            const QVariant avg = q.value(5);
            r.integral = avg.isNull() ? 0.0 : avg.toDouble() * double(r.coveredMs);
            rows->push_back(r);
        }
    }
    return out;
}

std::optional<std::vector<std::vector<RollupRow>>>
HistoryReader::counterHours(const std::vector<TagId>& tags, qint64 fromMs, qint64 toMs,
                            const std::vector<qint64>& bounds, qint64 gapMs)
{
    std::vector<std::vector<RollupRow>> out(tags.size());
    QHash<qint64, size_t> indexOf;
    const std::vector<qint64> ids = seriesIds(tags, &indexOf);
    if (sqlite3* db = Dialect::sqliteHandle(m_db)) {
        // SQLite reads every hour faster than it groups them (window functions and GROUP BY
        // over an expression cost it more than the rows: docs/performance.md § Reports).
        // NULL reads as 0: first_ts, last_ts and the values are NULL where n = 0, delta where
        // the series is no counter.
        const auto read = [](sqlite3_stmt* st) {
            RollupRow r;
            r.startMs = sqlite3_column_int64(st, 1);
            r.count = sqlite3_column_int64(st, 2);
            r.min = sqliteValue(st, 3, r.count);
            r.max = sqliteValue(st, 4, r.count);
            r.first = sqliteValue(st, 5, r.count);
            r.firstMs = sqlite3_column_int64(st, 6);
            r.last = sqliteValue(st, 7, r.count);
            r.lastMs = sqlite3_column_int64(st, 8);
            r.delta = sqlite3_column_double(st, 9);
            return r;
        };
        QString error;
        if (!readSqliteHours(db,
                             QStringLiteral("SELECT series, start_ts, n, v_min, v_max, v_first, "
                                            "first_ts, v_last, last_ts, delta FROM rollup_hour "
                                            "WHERE series IN (%1) AND start_ts >= ? AND start_ts "
                                            "< ? ORDER BY series, start_ts"),
                             ids, indexOf, fromMs, toMs, read, out, &error)) {
            fail(error);
            return std::nullopt;
        }
        return out;
    }
    // Groups of hours that never straddle a bucket's bound: [origin + k·step, origin + (k+1)·step)
    // with step the greatest common divisor of the buckets' lengths (a day, or an hour around a
    // daylight-saving change) and origin a bound at or before fromMs.
    qint64 step = 0;
    for (size_t i = 1; i < bounds.size(); ++i)
        step = std::gcd(step, bounds[i] - bounds[i - 1]);
    if (step <= 0)
        step = HourMs;
    qint64 origin = bounds.empty() ? fromMs : bounds.front();
    if (origin > fromMs)
        origin -= (origin - fromMs + step - 1) / step * step;

    // The groups whose hours are needed one by one: [from, to) of a series, adjacent ones merged.
    struct Detail {
        size_t index;
        qint64 series;
        qint64 from;
        qint64 to;
    };
    std::vector<Detail> details;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    size_t prepared = 0;
    for (size_t at = 0; at < ids.size(); at += Chunk) {
        const size_t n = std::min(Chunk, ids.size() - at);
        if (n != prepared) {
            // odd: an hour CounterVolume must see as it is — the meter went down within it or
            // since the reading before, the reading before is more than gapMs earlier, or an
            // hour without readings lies between them. A group of one hour is that hour.
            q.prepare(
                QStringLiteral(
                    "SELECT series, g, MIN(start_ts), SUM(n), MIN(v_min), MAX(v_max), "
                    "MIN(v_first), MIN(first_ts), MAX(v_last), MAX(last_ts), SUM(delta), "
                    "MAX(odd), COUNT(*) FROM (SELECT series, (start_ts - ?) / ? AS g, "
                    "start_ts, n, v_min, v_max, v_first, first_ts, v_last, last_ts, delta, "
                    "CASE WHEN n > 0 AND "
                    "(v_max > v_last OR v_min < v_first OR LAG(n) OVER w = 0 OR LAG(v_last) OVER "
                    "w > v_first OR first_ts - LAG(last_ts) OVER w > ?) THEN 1 ELSE 0 END AS odd "
                    "FROM rollup_hour WHERE series IN (%1) AND start_ts >= ? AND start_ts < ? "
                    "WINDOW w AS (PARTITION BY series ORDER BY start_ts)) x GROUP BY series, g "
                    "ORDER BY series, g")
                    .arg(placeholders(n)));
            prepared = n;
        }
        q.bindValue(0, origin);
        q.bindValue(1, step);
        q.bindValue(2, gapMs);
        for (size_t i = 0; i < n; ++i)
            q.bindValue(int(3 + i), ids[at + i]);
        q.bindValue(int(3 + n), fromMs);
        q.bindValue(int(4 + n), toMs);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            const size_t index = indexOf.value(id);
            if (q.value(11).toInt() == 0 || q.value(12).toLongLong() == 1) {
                out[index].push_back(counterRowFromQuery(q, 2));
                continue;
            }
            const qint64 g = q.value(1).toLongLong();
            const qint64 from = std::max(fromMs, origin + g * step);
            const qint64 to = std::min(toMs, origin + (g + 1) * step);
            if (!details.empty() && details.back().series == id && details.back().to == from)
                details.back().to = to;
            else
                details.push_back({index, id, from, to});
        }
    }
    if (details.empty())
        return out;
    q.prepare(QStringLiteral("SELECT start_ts, n, v_min, v_max, v_first, first_ts, v_last, "
                             "last_ts, delta FROM rollup_hour WHERE series = ? AND start_ts >= ? "
                             "AND start_ts < ? ORDER BY start_ts"));
    std::vector<bool> mixed(tags.size(), false);
    for (const Detail& d : details) {
        q.bindValue(0, d.series);
        q.bindValue(1, d.from);
        q.bindValue(2, d.to);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        while (q.next())
            out[d.index].push_back(counterRowFromQuery(q, 0));
        mixed[d.index] = true;
    }
    for (size_t i = 0; i < out.size(); ++i) {
        if (mixed[i])
            std::sort(out[i].begin(), out[i].end(),
                      [](const RollupRow& a, const RollupRow& b) { return a.startMs < b.startMs; });
    }
    return out;
}

std::optional<std::vector<std::optional<RollupRow>>>
HistoryReader::lastMeasuredHour(const std::vector<TagId>& tags, qint64 beforeMs)
{
    std::vector<std::optional<RollupRow>> out(tags.size());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT start_ts, n, v_min, v_max, v_avg, covered_ms, v_first, "
                             "first_ts, v_last, last_ts, delta FROM rollup_hour WHERE series = ? "
                             "AND start_ts < ? AND n > 0 ORDER BY start_ts DESC LIMIT 1"));
    for (size_t i = 0; i < tags.size(); ++i) {
        const qint64 id = series(tags[i]);
        if (id < 0)
            continue;
        q.bindValue(0, id);
        q.bindValue(1, beforeMs);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        if (q.next())
            out[i] = rollupFromQuery(q, 0);
        q.finish();
    }
    return out;
}

std::optional<std::vector<qint64>> HistoryReader::lastGood(const std::vector<TagId>& tags)
{
    std::vector<qint64> out(tags.size(), 0);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT series, good_ts FROM series_state WHERE good_ts IS NOT "
                               "NULL"))) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QHash<qint64, qint64> good;
    while (q.next())
        good.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    for (size_t i = 0; i < tags.size(); ++i)
        out[i] = good.value(series(tags[i]), 0);
    return out;
}

QFuture<QueryResult> runQuery(const Project& project, const DatabaseUrl& url, Query query)
{
    return QtConcurrent::run([&project, url, query](QPromise<QueryResult>& promise) {
        QueryResult result;
        HistoryReader reader(project, url);
        if (!reader.open(&result.error)) {
            promise.addResult(std::move(result));
            return;
        }
        promise.setProgressRange(0, int(query.tags.size()));
        const auto canceled = [&promise] { return promise.isCanceled(); };
        for (size_t i = 0; i < query.tags.size(); ++i) {
            if (promise.isCanceled())
                return;
            QueryResult::Series s;
            s.tag = query.tags[i];
            bool ok = true;
            switch (query.kind) {
            case QueryKind::Raw:
                if (auto points = reader.raw(s.tag, query.fromMs, query.toMs, canceled))
                    s.points = std::move(*points);
                else
                    ok = false;
                break;
            case QueryKind::Decimated:
                if (auto b = reader.decimated(s.tag, query.fromMs, query.toMs, query.buckets))
                    s.buckets = std::move(*b);
                else
                    ok = false;
                break;
            case QueryKind::Aggregated:
                if (auto rows =
                        reader.aggregated(s.tag, query.fromMs, query.toMs, query.resolution))
                    s.rows = std::move(*rows);
                else
                    ok = false;
                break;
            case QueryKind::Invalid:
                break;
            }
            if (promise.isCanceled())
                return;
            if (!ok) {
                result.error = reader.lastError();
                break;
            }
            result.series.push_back(std::move(s));
            promise.setProgressValue(int(i + 1));
        }
        promise.addResult(std::move(result));
    });
}

} // namespace PumpWatch::History
