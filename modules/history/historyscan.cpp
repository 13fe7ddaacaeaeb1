// HistoryReader's streaming reads: a range of samples stepped through without materialising
// them (queries decimate and compute statistics in the same pass) and the single samples around
// a range.
#include "historyreader.h"

#include <QSqlError>
#include <QSqlQuery>

#include <cmath>
#include <sqlite3.h>

namespace PumpWatch::History {

namespace {

constexpr const char* GoodQualities = "(1, 2)";

Point pointFromQuery(const QSqlQuery& q)
{
    const QVariant v = q.value(1);
    return {q.value(0).toLongLong(), v.isNull() ? std::nan("") : v.toDouble(),
            Quality(q.value(2).toInt())};
}

} // namespace

bool HistoryReader::scan(TagId tag, qint64 fromMs, qint64 toMs,
                         const std::function<bool(const Point&)>& visit)
{
    m_error.clear();
    const qint64 id = series(tag);
    if (id < 0 || toMs <= fromMs)
        return true;
    static constexpr char Sql[] = "SELECT ts, value, quality FROM samples WHERE series = ? AND "
                                  "ts >= ? AND ts < ? ORDER BY ts";
    if (sqlite3* db = Dialect::sqliteHandle(m_db)) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, Sql, -1, &st, nullptr) != SQLITE_OK)
            return fail(QString::fromUtf8(sqlite3_errmsg(db)));
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, fromMs);
        sqlite3_bind_int64(st, 3, toMs);
        int rc = SQLITE_ROW;
        bool go = true;
        while (go && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            const double v = sqlite3_column_type(st, 1) == SQLITE_NULL
                                 ? std::nan("")
                                 : sqlite3_column_double(st, 1);
            go = visit({sqlite3_column_int64(st, 0), v, Quality(sqlite3_column_int(st, 2))});
        }
        sqlite3_finalize(st);
        if (go && rc != SQLITE_DONE)
            return fail(QString::fromUtf8(sqlite3_errmsg(db)));
        return go;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QString::fromLatin1(Sql));
    q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return fail(q.lastError().text());
    while (q.next()) {
        if (!visit(pointFromQuery(q)))
            return false;
    }
    return true;
}

bool HistoryReader::sampleBefore(TagId tag, qint64 ms, std::optional<Point>* out, bool goodOnly)
{
    out->reset();
    const qint64 id = series(tag);
    if (id < 0)
        return true;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ts, value, quality FROM samples WHERE series = ? AND ts < ? "
                             "%1 ORDER BY ts DESC LIMIT 1")
                  .arg(goodOnly ? QStringLiteral("AND quality IN %1 AND value IS NOT NULL")
                                      .arg(QLatin1String(GoodQualities))
                                : QString()));
    q.addBindValue(id);
    q.addBindValue(ms);
    if (!q.exec())
        return fail(q.lastError().text());
    if (q.next())
        *out = pointFromQuery(q);
    return true;
}

bool HistoryReader::firstGood(TagId tag, qint64 fromMs, qint64 toMs, std::optional<Point>* out)
{
    out->reset();
    const qint64 id = series(tag);
    if (id < 0 || toMs <= fromMs)
        return true;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ts, value, quality FROM samples WHERE series = ? AND ts >= ? "
                             "AND ts < ? AND quality IN %1 AND value IS NOT NULL ORDER BY ts "
                             "LIMIT 1")
                  .arg(QLatin1String(GoodQualities)));
    q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return fail(q.lastError().text());
    if (q.next())
        *out = pointFromQuery(q);
    return true;
}

std::optional<qint64> HistoryReader::timeOfValue(TagId tag, qint64 fromMs, qint64 toMs,
                                                 double value)
{
    const qint64 id = series(tag);
    if (id < 0)
        return 0;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ts FROM samples WHERE series = ? AND ts >= ? AND ts < ? AND "
                             "quality IN %1 AND value = ? ORDER BY ts LIMIT 1")
                  .arg(QLatin1String(GoodQualities)));
    q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    q.addBindValue(value);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace PumpWatch::History
