// Dialect: everything that differs between SQLite and PostgreSQL, in one place. The rest of
// history writes one SQL text for both engines; the schema uses {id} and {clustered} where the
// engines disagree, and Dialect::sql() fills them in.
//
// open() makes a named Qt Sql connection for the calling thread (a QSqlDatabase may only be
// used by the thread that opened it) and sets the session up: WAL, synchronous=NORMAL, a busy
// timeout and a page cache of SqliteCacheKiB on SQLite; a connect timeout and quiet notices on
// PostgreSQL.
//
//     Dialect d(url.engine);
//     QSqlDatabase db = d.open(url, u"history-writer"_s, &error);
//     QSqlQuery q(db); q.exec(d.sql(u"CREATE TABLE t (id {id}, …)"));
#pragma once

#include "databaseurl.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;

namespace PumpWatch::History {

class Dialect {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::Dialect)

public:
    explicit Dialect(Engine engine)
        : m_engine(engine)
    {}

    Engine engine() const { return m_engine; }
    /// Fills in {id} (an auto-numbered primary key) and {clustered} (a table stored in the order
    /// of its primary key: WITHOUT ROWID on SQLite; PostgreSQL's heap + primary key index).
    QString sql(QString text) const;
    /// Rows per multi-row INSERT, within both engines' limit on bound parameters.
    int rowsPerInsert(int columns) const { return std::max(1, 2000 / columns); }

    /// Opens (or re-opens) the connection `name` for this thread. An invalid QSqlDatabase and
    /// `*error` when the driver is missing or the server cannot be reached.
    QSqlDatabase open(const DatabaseUrl& url, const QString& name, QString* error,
                      int busyTimeoutMs = 5000) const;
    /// Closes and forgets the connection `name` (call from the thread that opened it).
    static void close(const QString& name);

    /// SQLite's page cache per connection (PRAGMA cache_size). The cache keeps every page the
    /// connection reads or writes until it holds this much, so a writer's memory grows with
    /// its database up to this limit and then stays (docs/performance.md § Soak). Its pages
    /// come from SqliteMemory's mapping where the program configured it, not from the heap.
    static constexpr int SqliteCacheKiB = 65'536;
    /// The bytes a SQLite connection's page cache holds now; -1 for PostgreSQL or a closed
    /// connection. Call from the connection's thread.
    static qint64 cacheBytes(const QSqlDatabase& db);
    /// The sqlite3* behind a connection of Qt's SQLite driver (the system's libsqlite3, which
    /// this module links too), or null for another engine: for reads that step through
    /// hundreds of thousands of rows without a QVariant per value.
    static sqlite3* sqliteHandle(const QSqlDatabase& db);

private:
    Engine m_engine;
};

} // namespace PumpWatch::History
