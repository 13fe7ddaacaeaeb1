#include "bulkupsert.h"

#include <QSqlError>

#include <cmath>

namespace PumpWatch::History {

BulkUpsert::BulkUpsert(const QSqlDatabase& db, const Dialect& dialect, const QString& table,
                       const QStringList& columns, int keyColumns)
    : m_db(db)
    , m_table(table)
    , m_columns(columns)
    , m_keyColumns(keyColumns)
    , m_rowsPerStatement(dialect.rowsPerInsert(int(columns.size())))
{
    m_values.reserve(size_t(m_rowsPerStatement * columns.size()));
}

QString BulkUpsert::statement(int rows) const
{
    QString row = QStringLiteral("(?");
    for (int i = 1; i < m_columns.size(); ++i)
        row += QStringLiteral(",?");
    row += u')';
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(m_table, m_columns.join(u','));
    sql.reserve(sql.size() + rows * (row.size() + 1) + 200);
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += u',';
        sql += row;
    }
    sql += QStringLiteral(" ON CONFLICT (%1) DO ").arg(m_columns.mid(0, m_keyColumns).join(u','));
    if (m_keyColumns == m_columns.size())
        return sql + QStringLiteral("NOTHING");
    sql += QStringLiteral("UPDATE SET ");
    for (qsizetype i = m_keyColumns; i < m_columns.size(); ++i) {
        if (i > m_keyColumns)
            sql += u',';
        sql += QStringLiteral("%1 = excluded.%1").arg(m_columns[i]);
    }
    return sql;
}

bool BulkUpsert::execute(QSqlQuery& query, int rows, QString* error)
{
    const int n = rows * int(m_columns.size());
    for (int i = 0; i < n; ++i)
        query.bindValue(i, m_values[size_t(i)]);
    if (!query.exec()) {
        *error = query.lastError().text().trimmed();
        return false;
    }
    return true;
}

bool BulkUpsert::add(std::initializer_list<QVariant> row, QString* error)
{
    m_values.insert(m_values.end(), row.begin(), row.end());
    if (m_values.size() < size_t(m_rowsPerStatement * m_columns.size()))
        return true;
    if (!m_full) {
        m_full.emplace(m_db);
        if (!m_full->prepare(statement(m_rowsPerStatement))) {
            *error = m_full->lastError().text().trimmed();
            m_full.reset();
            m_values.clear();
            return false;
        }
    }
    const bool ok = execute(*m_full, m_rowsPerStatement, error);
    m_values.clear();
    return ok;
}

bool BulkUpsert::finish(QString* error)
{
    const int rows = int(m_values.size() / size_t(m_columns.size()));
    if (rows == 0)
        return true;
    QSqlQuery query(m_db);
    bool ok = query.prepare(statement(rows));
    if (!ok)
        *error = query.lastError().text().trimmed();
    else
        ok = execute(query, rows, error);
    m_values.clear();
    return ok;
}

QVariant nullableDouble(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return QVariant(QMetaType::fromType<double>());
    return *value;
}

double valueOrNaN(const QVariant& v)
{
    return v.isNull() ? std::nan("") : v.toDouble();
}

RollupRow rollupFromQuery(const QSqlQuery& q, int at)
{
    RollupRow r;
    r.startMs = q.value(at).toLongLong();
    r.count = q.value(at + 1).toLongLong();
    r.min = valueOrNaN(q.value(at + 2));
    r.max = valueOrNaN(q.value(at + 3));
    r.coveredMs = q.value(at + 5).toLongLong();
    r.integral = q.value(at + 4).isNull() ? 0.0 : q.value(at + 4).toDouble() * double(r.coveredMs);
    r.first = valueOrNaN(q.value(at + 6));
    r.firstMs = q.value(at + 7).toLongLong();
    r.last = valueOrNaN(q.value(at + 8));
    r.lastMs = q.value(at + 9).toLongLong();
    r.delta = q.value(at + 10).isNull() ? 0.0 : q.value(at + 10).toDouble();
    return r;
}

} // namespace PumpWatch::History
