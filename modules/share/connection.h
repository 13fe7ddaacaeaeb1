// Connection: one database connection of the sharing module, opened in the calling thread and
// closed with the object. Opening migrates the history schema (the views and the API read its
// tables, and a token may be made before the server ever ran) and creates the sharing tables:
//
//   api_tokens      name, SHA-256 of the token (hex), scopes, created, revoked — never the token
//   api_calls       every HTTP API call: time, token name, remote address, method, path with
//                   query, status, rows returned, duration (DB6501/T 053 §7.10.1)
//   share_stations  the project's stations as the views show them (names live in the project,
//   share_tags        not in history): written by syncMetadata() (metadata.h)
//
// The tables are the sharing module's own: CREATE TABLE IF NOT EXISTS, on SQLite as well as on
// PostgreSQL, so tokens and the API work on a single-machine install too; only the reader views
// need PostgreSQL (readerviews.h).
//
//     Share::Connection c(url, QStringLiteral("token-add"));
//     if (!c.open(&error)) …
//     QSqlQuery q(c.db());
#pragma once

#include <history/databaseurl.h>
#include <history/dialect.h>

#include <QCoreApplication>
#include <QSqlDatabase>

namespace PumpWatch::Share {

class Connection {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Share::Connection)

public:
    /// `purpose` names the connection in Qt Sql (made unique per object).
    Connection(const History::DatabaseUrl& url, const QString& purpose);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Connects, migrates the history schema and creates the sharing tables. False with `*error`.
    bool open(QString* error);
    bool isOpen() const { return m_db.isOpen(); }
    /// Drops the connection; the next open() connects again.
    void close();
    QSqlDatabase& db() { return m_db; }
    const History::Dialect& dialect() const { return m_dialect; }
    const History::DatabaseUrl& url() const { return m_url; }

    /// Creates the sharing tables when missing (idempotent).
    static bool ensureTables(QSqlDatabase& db, const History::Dialect& dialect, QString* error);

private:
    History::DatabaseUrl m_url;
    History::Dialect m_dialect;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace PumpWatch::Share
