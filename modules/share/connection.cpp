#include "connection.h"

#include <history/schema.h>

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace PumpWatch::Share {

namespace {

std::atomic<int> connectionCounter{0};

} // namespace

Connection::Connection(const History::DatabaseUrl& url, const QString& purpose)
    : m_url(url)
    , m_dialect(url.engine)
    , m_name(QStringLiteral("share-%1-%2").arg(purpose).arg(++connectionCounter))
{}

Connection::~Connection()
{
    close();
}

void Connection::close()
{
    if (!m_db.isValid())
        return;
    m_db = QSqlDatabase();
    History::Dialect::close(m_name);
}

bool Connection::open(QString* error)
{
    close();
    if (m_url.engine == History::Engine::Invalid) {
        *error = tr("no database given");
        return false;
    }
    m_db = m_dialect.open(m_url, m_name, error);
    if (!m_db.isOpen()) {
        close();
        return false;
    }
    if (!History::Schema::migrate(m_db, m_dialect, QDateTime::currentMSecsSinceEpoch(), error) ||
        !ensureTables(m_db, m_dialect, error)) {
        close();
        return false;
    }
    return true;
}

bool Connection::ensureTables(QSqlDatabase& db, const History::Dialect& dialect, QString* error)
{
    static const char* const statements[] = {
        "CREATE TABLE IF NOT EXISTS api_tokens (name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, "
        "scopes TEXT NOT NULL, created_ms BIGINT NOT NULL, created_by TEXT, revoked_ms BIGINT)",
        "CREATE TABLE IF NOT EXISTS api_calls (id {id}, ts BIGINT NOT NULL, token TEXT, "
        "remote TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL, "
        "row_count INTEGER NOT NULL, duration_ms DOUBLE PRECISION NOT NULL)",
        "CREATE INDEX IF NOT EXISTS api_calls_ts ON api_calls (ts)",
        "CREATE TABLE IF NOT EXISTS share_stations (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
        "code TEXT, district TEXT, zones TEXT, line TEXT, plant TEXT, lon DOUBLE PRECISION, "
        "lat DOUBLE PRECISION, sort_order INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS share_tags (path TEXT PRIMARY KEY, station TEXT NOT NULL, "
        "device TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL, "
        "quantity TEXT NOT NULL, sort_order INTEGER NOT NULL)",
    };
    QSqlQuery q(db);
    for (const char* s : statements) {
        if (!q.exec(dialect.sql(QString::fromLatin1(s)))) {
            *error = tr("creating the data sharing tables: %1").arg(q.lastError().text());
            return false;
        }
    }
    return true;
}

} // namespace PumpWatch::Share
