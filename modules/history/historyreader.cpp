#include "historyreader.h"

#include "bulkupsert.h"

#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>

namespace PumpWatch::History {

namespace {
std::atomic<int> readerCounter{0};
constexpr int CancelCheckRows = 4096;

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
    const qint64 id = series(tag);
    if (id < 0)
        return points; // nothing stored yet
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ts, value, quality FROM samples WHERE series = ? AND ts >= ? "
                             "AND ts < ? ORDER BY ts"));
    q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        const QVariant v = q.value(1);
        points.push_back({q.value(0).toLongLong(), v.isNull() ? std::nan("") : v.toDouble(),
                          Quality(q.value(2).toInt())});
        if (canceled && points.size() % CancelCheckRows == 0 && canceled())
            return std::nullopt;
    }
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
