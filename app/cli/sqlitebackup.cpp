#include "sqlitebackup.h"

#include <history/schema.h>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <cstdio>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace PumpWatch::Cli {

namespace {

/// One sqlite3 connection, closed when it goes.
class Connection {
public:
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { close(); }

    bool open(const QString& path, int flags, QString* error)
    {
        close();
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr) ==
            SQLITE_OK)
            return true;
        *error = QStringLiteral("%1: %2").arg(path, message());
        close(); // SQLite hands out a handle even when the open fails
        return false;
    }
    void close()
    {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    sqlite3* handle() const { return m_db; }
    QString message() const
    {
        return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
    }
    /// Runs `sql`; the first column of every row in `rows`.
    bool exec(const char* sql, QString* error, QStringList* rows = nullptr)
    {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            *error = message();
            return false;
        }
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (rows)
                *rows << QString::fromUtf8(
                    reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) {
            *error = message();
            return false;
        }
        return true;
    }

private:
    sqlite3* m_db = nullptr;
};

/// Copies the whole of `from` into `to` in one step, waiting out another's lock for a while.
bool copyDatabase(Connection& from, Connection& to, QString* error)
{
    sqlite3_backup* b = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!b) {
        *error = to.message();
        return false;
    }
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 300; ++attempt) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        QThread::msleep(100);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        *error = rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? QString::fromUtf8(sqlite3_errstr(rc))
                                                          : to.message();
        return false;
    }
    return true;
}

bool syncFile(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

bool SqliteBackup::check(const QString& file, Summary* summary, QString* error)
{
    if (!QFileInfo(file).isFile()) {
        *error = tr("%1: no such file").arg(file);
        return false;
    }
    Connection db;
    if (!db.open(file, SQLITE_OPEN_READONLY, error))
        return false;
    QStringList result;
    QString why;
    if (!db.exec("PRAGMA integrity_check", &why, &result) ||
        result != QStringList{QStringLiteral("ok")}) {
        *error = tr("%1 is damaged, not a sound database: %2")
                     .arg(file, why.isEmpty() ? result.mid(0, 5).join(u"; ") : why);
        return false;
    }
    QStringList version;
    if (!db.exec("SELECT MAX(version) FROM schema_version", &why, &version) || version.isEmpty()) {
        *error =
            tr("%1 is not a PumpWatch history database (no schema_version: %2)").arg(file, why);
        return false;
    }
    summary->schemaVersion = version.first().toInt();
    if (summary->schemaVersion > History::Schema::latestVersion()) {
        *error = tr("%1 has schema version %2, written by a newer PumpWatch (this one knows up "
                    "to %3)")
                     .arg(file)
                     .arg(summary->schemaVersion)
                     .arg(History::Schema::latestVersion());
        return false;
    }
    summary->rows.clear();
    for (const char* table :
         {"series", "samples", "rollup_hour", "rollup_day", "alarm_journal", "audit_log"}) {
        QStringList n;
        const QByteArray sql = QByteArrayLiteral("SELECT COUNT(*) FROM ") + table;
        if (db.exec(sql.constData(), &why, &n) && !n.isEmpty())
            summary->rows.emplace_back(QString::fromLatin1(table), n.first().toLongLong());
    }
    summary->bytes = QFileInfo(file).size();
    return true;
}

bool SqliteBackup::backup(const QString& db, const QString& to, Summary* summary, QString* error)
{
    if (!QFileInfo(db).isFile()) {
        *error = tr("%1: no such database file").arg(db);
        return false;
    }
    const QString partial = to + QStringLiteral(".partial");
    QFile::remove(partial);
    {
        Connection source;
        // Read-write only so that WAL's shared index can be used; nothing is written.
        if (!source.open(db, SQLITE_OPEN_READWRITE, error) &&
            !source.open(db, SQLITE_OPEN_READONLY, error))
            return false;
        sqlite3_busy_timeout(source.handle(), 10'000);
        Connection copy;
        if (!copy.open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error))
            return false;
        QElapsedTimer timer;
        timer.start();
        QString why;
        if (!copyDatabase(source, copy, &why)) {
            copy.close();
            QFile::remove(partial);
            *error = tr("%1 cannot be copied: %2").arg(db, why);
            return false;
        }
        summary->copyMs = timer.elapsed();
        source.close();
        // One self-contained file: no -wal beside it to lose when it is moved.
        if (!copy.exec("PRAGMA journal_mode=DELETE", &why)) {
            *error = tr("%1: %2").arg(partial, why);
            return false;
        }
    }
    const qint64 copyMs = summary->copyMs;
    if (!check(partial, summary, error) || !syncFile(partial) ||
        std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(to).constData()) !=
            0) {
        if (error->isEmpty())
            *error = tr("%1 cannot be written").arg(to);
        QFile::remove(partial);
        return false;
    }
    summary->copyMs = copyMs;
    return true;
}

bool SqliteBackup::restore(const QString& from, const QString& db, QString* keptAs, QString* error)
{
    keptAs->clear();
    Summary summary;
    if (!check(from, &summary, error))
        return false;
    const QFileInfo target(db);
    if (!QDir().mkpath(target.absolutePath())) {
        *error = tr("cannot create the folder %1").arg(target.absolutePath());
        return false;
    }
    // The new file is made beside the target, so that the rename below stays on one file system.
    const QString incoming =
        target.absoluteDir().filePath(QStringLiteral(".%1.restoring").arg(target.fileName()));
    QFile::remove(incoming);
    {
        Connection source;
        Connection copy;
        QString why;
        if (!source.open(from, SQLITE_OPEN_READONLY, error) ||
            !copy.open(incoming, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error))
            return false;
        // Back in WAL mode, the history database's own: then any program that merely has it
        // open holds a lock, which is how a later restore tells it is in use.
        if (!copyDatabase(source, copy, &why) || !copy.exec("PRAGMA journal_mode=WAL", &why)) {
            copy.close();
            QFile::remove(incoming);
            *error = tr("%1 cannot be copied to %2: %3").arg(from, incoming, why);
            return false;
        }
    }
    if (!syncFile(incoming)) {
        QFile::remove(incoming);
        *error = tr("%1 cannot be written").arg(incoming);
        return false;
    }

    Connection current;
    if (target.exists()) {
        // Exclusive locking mode before the first access: in WAL mode that needs every other
        // connection closed, not only idle — a workstation that merely has the file open holds
        // WAL's shared index and makes this fail at once.
        QString why;
        if (!current.open(db, SQLITE_OPEN_READWRITE, error) ||
            !current.exec("PRAGMA locking_mode=EXCLUSIVE", &why) ||
            !current.exec("BEGIN EXCLUSIVE", &why) || !current.exec("COMMIT", &why)) {
            QFile::remove(incoming);
            if (error->isEmpty())
                *error = tr("%1 is in use (%2): stop the workstation and pumpwatch-server that "
                            "write it first. Nothing was changed.")
                             .arg(db, why);
            return false;
        }
        // Whatever the WAL still holds goes into the file that is kept.
        if (!current.exec("PRAGMA wal_checkpoint(TRUNCATE)", &why)) {
            QFile::remove(incoming);
            *error = tr("%1: %2. Nothing was changed.").arg(db, why);
            return false;
        }
        *keptAs = db + QStringLiteral(".before-restore-") +
                  QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmss'Z'");
        // A second name for the old file, then the new one renamed over the first: the target
        // name never goes missing. A file system without hard links gets two renames instead.
        const QByteArray oldName = QFile::encodeName(db);
        const QByteArray keptName = QFile::encodeName(*keptAs);
        if (::link(oldName.constData(), keptName.constData()) != 0 &&
            std::rename(oldName.constData(), keptName.constData()) != 0) {
            QFile::remove(incoming);
            *error = tr("%1 cannot be kept as %2. Nothing was changed.").arg(db, *keptAs);
            keptAs->clear();
            return false;
        }
    }
    if (std::rename(QFile::encodeName(incoming).constData(), QFile::encodeName(db).constData()) !=
        0) {
        QFile::remove(incoming);
        *error = tr("%1 cannot be renamed to %2").arg(incoming, db);
        return false;
    }
    current.close();
    // The old file's WAL and shared index (emptied above) must not be taken for the new one's.
    for (const char* suffix : {"-wal", "-shm"})
        QFile::remove(db + QLatin1String(suffix));
    return true;
}

} // namespace PumpWatch::Cli
