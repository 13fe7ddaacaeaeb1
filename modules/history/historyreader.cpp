#include "historyreader.h"

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
    q.prepare(QStringLiteral("SELECT (ts - ?) / ? AS b, COUNT(*), MIN(value), MAX(value) FROM "
                             "samples WHERE series = ? AND ts >= ? AND ts < ? AND quality IN "
                             "(1, 2) GROUP BY b ORDER BY b"));
    q.addBindValue(fromMs);
    q.addBindValue(width);
    q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    while (q.next())
        out.push_back({fromMs + q.value(0).toLongLong() * width, q.value(1).toLongLong(),
                       q.value(2).toDouble(), q.value(3).toDouble()});
    return out;
}

std::optional<std::vector<RollupRow>> HistoryReader::aggregated(TagId tag, qint64 fromMs,
                                                                qint64 toMs, Resolution resolution)
{
    std::vector<RollupRow> rows;
    const qint64 id = series(tag);
    if (id < 0)
        return rows;
    const bool month = resolution == Resolution::Month;
    if (month) {
        fromMs = m_calendar.start(Resolution::Month, fromMs);
    } else if (resolution != Resolution::Hour && resolution != Resolution::Day) {
        fail(tr("aggregates are by hour, day or month"));
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT start_ts, n, v_min, v_max, v_avg, covered_ms, v_first, "
                             "first_ts, v_last, last_ts, delta FROM %1 WHERE series = ? AND "
                             "start_ts >= ? AND start_ts < ? ORDER BY start_ts")
                  .arg(resolution == Resolution::Hour ? QStringLiteral("rollup_hour")
                                                      : QStringLiteral("rollup_day")));
    q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        RollupRow r;
        r.startMs = q.value(0).toLongLong();
        r.count = q.value(1).toLongLong();
        r.min = q.value(2).toDouble();
        r.max = q.value(3).toDouble();
        r.coveredMs = q.value(5).toLongLong();
        r.integral = q.value(4).toDouble() * double(r.coveredMs);
        r.first = q.value(6).toDouble();
        r.firstMs = q.value(7).toLongLong();
        r.last = q.value(8).toDouble();
        r.lastMs = q.value(9).toLongLong();
        r.delta = q.value(10).toDouble();
        if (month) {
            const qint64 start = m_calendar.start(Resolution::Month, r.startMs);
            if (rows.empty() || rows.back().startMs != start) {
                RollupRow m;
                m.startMs = start;
                rows.push_back(m);
            }
            rows.back().combine(r);
        } else {
            rows.push_back(r);
        }
    }
    return rows;
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
