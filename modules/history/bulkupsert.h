// SQL helpers of the history module. BulkUpsert: writes many rows into one table with multi-row
// INSERT … ON CONFLICT statements, prepared once per connection and reused (both engines accept the
// same text). The caller opens and commits the transaction; a row replaces the one with the same
// key, which is what makes store-and-forward replays and rollup updates idempotent. One thread, one
// connection.
//
//     BulkUpsert samples(db, dialect, u"samples"_s, {u"series"_s, u"ts"_s, u"value"_s, …}, 2);
//     samples.add({seriesId, ts, value, quality});
//     if (!samples.finish(&error)) …
#pragma once

#include "dialect.h"
#include "rollup.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <vector>

namespace PumpWatch::History {

class BulkUpsert {
public:
    /// The first `keyColumns` columns are the conflict key; the others are replaced.
    BulkUpsert(const QSqlDatabase& db, const Dialect& dialect, const QString& table,
               const QStringList& columns, int keyColumns);

    /// One row, its values in column order. Executes a full statement when enough rows wait.
    bool add(std::initializer_list<QVariant> row, QString* error);
    /// Executes what is left.
    bool finish(QString* error);
    int columns() const { return int(m_columns.size()); }

private:
    QString statement(int rows) const;
    bool execute(QSqlQuery& query, int rows, QString* error);

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    int m_keyColumns;
    int m_rowsPerStatement;
    std::optional<QSqlQuery> m_full; ///< prepared for m_rowsPerStatement rows
    std::vector<QVariant> m_values;
};

/// A NULL of type double for an absent value (NaN is not portable across the engines).
QVariant nullableDouble(std::optional<double> value);
/// A NULL reads back as NaN.
double valueOrNaN(const QVariant& v);
/// A rollup row from the columns start_ts, n, v_min, v_max, v_avg, covered_ms, v_first,
/// first_ts, v_last, last_ts, delta of `q`, starting at column `at`.
RollupRow rollupFromQuery(const QSqlQuery& q, int at);

} // namespace PumpWatch::History
