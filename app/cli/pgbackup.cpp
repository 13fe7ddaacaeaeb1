#include "pgbackup.h"

#include <history/schema.h>

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>

namespace PumpWatch::Cli {

namespace {

/// A short-lived connection of the CLI's own, for what pg_dump does not tell.
class Session {
public:
    explicit Session(const History::DatabaseUrl& url)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name());
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setDatabaseName(url.database);
        db.setUserName(url.user);
        db.setPassword(url.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
        m_ok = db.open();
        if (!m_ok)
            m_error = db.lastError().text().trimmed();
    }
    ~Session() { QSqlDatabase::removeDatabase(name()); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    /// The first column of the first row, or a null QVariant (the reason in error()).
    QVariant value(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(name(), false));
        if (!q.exec(sql) || !q.next()) {
            m_error = q.lastError().text().trimmed();
            return {};
        }
        return q.value(0);
    }
    std::pair<qint64, QString> others()
    {
        QSqlQuery q(QSqlDatabase::database(name(), false));
        if (!q.exec(QStringLiteral(
                "SELECT COUNT(*), string_agg(COALESCE(NULLIF(application_name, ''), usename) || "
                "'@' || COALESCE(host(client_addr), 'local'), ', ') FROM pg_stat_activity WHERE "
                "datname = current_database() AND pid <> pg_backend_pid() AND backend_type = "
                "'client backend'")) ||
            !q.next()) {
            m_error = q.lastError().text().trimmed();
            return {-1, {}};
        }
        return {q.value(0).toLongLong(), q.value(1).toString()};
    }

private:
    static QString name() { return QStringLiteral("pumpwatch-cli-pgbackup"); }
    bool m_ok = false;
    QString m_error;
};

int majorOf(const QByteArray& versionText)
{
    // "pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)"
    static const QRegularExpression number(QStringLiteral("\\)\\s+(\\d+)"));
    return number.match(QString::fromUtf8(versionText)).captured(1).toInt();
}

} // namespace

QString PgBackup::program(const QString& name, QString* error)
{
    const QString bin = qEnvironmentVariable("PUMPWATCH_PG_BIN");
    const QString found = bin.isEmpty() ? QStandardPaths::findExecutable(name)
                                        : QStandardPaths::findExecutable(name, {bin});
    if (found.isEmpty())
        *error = tr("%1 is not installed: install the Debian package postgresql-client").arg(name);
    return found;
}

QProcessEnvironment PgBackup::environment(const History::DatabaseUrl& url)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGHOST"), url.host);
    env.insert(QStringLiteral("PGPORT"), QString::number(url.port));
    env.insert(QStringLiteral("PGDATABASE"), url.database);
    if (!url.user.isEmpty())
        env.insert(QStringLiteral("PGUSER"), url.user);
    // In the environment, not on the command line; without one, ~/.pgpass answers.
    if (!url.password.isEmpty())
        env.insert(QStringLiteral("PGPASSWORD"), url.password);
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("10"));
    return env;
}

bool PgBackup::run(const QString& program, const QStringList& args, const History::DatabaseUrl& url,
                   QByteArray* output, QString* error)
{
    QProcess p;
    p.setProcessEnvironment(environment(url));
    p.start(program, args);
    if (!p.waitForStarted()) {
        *error = tr("%1 cannot be started: %2").arg(program, p.errorString());
        return false;
    }
    p.closeWriteChannel();
    p.waitForFinished(-1); // a dump of years of history takes as long as it takes
    if (output)
        *output = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = tr("%1 failed: %2")
                     .arg(QFileInfo(program).fileName(),
                          QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return false;
    }
    return true;
}

bool PgBackup::inspect(const History::DatabaseUrl& url, const QString& file, Summary* summary,
                       QString* error)
{
    const QString pgRestore = program(QStringLiteral("pg_restore"), error);
    if (pgRestore.isEmpty())
        return false;
    QByteArray list;
    QString why;
    if (!QFileInfo(file).isFile() ||
        !run(pgRestore, {QStringLiteral("--list"), file}, url, &list, &why)) {
        *error = tr("%1 is not a readable pg_dump archive (-Fc): %2")
                     .arg(file, why.isEmpty() ? tr("no such file") : why);
        return false;
    }
    summary->tables = int(list.count(" TABLE DATA "));
    // The schema_version rows as pg_restore would load them: "COPY … FROM stdin;", one row per
    // line, "\.".
    QByteArray data;
    if (!run(pgRestore,
             {QStringLiteral("--data-only"), QStringLiteral("--table=schema_version"),
              QStringLiteral("--file=-"), file},
             url, &data, &why)) {
        *error = tr("%1: %2").arg(file, why);
        return false;
    }
    bool inCopy = false;
    summary->schemaVersion = 0;
    for (const QByteArray& line : data.split('\n')) {
        if (line.startsWith("COPY ") && line.contains("schema_version"))
            inCopy = true;
        else if (line == "\\.")
            inCopy = false;
        else if (inCopy)
            summary->schemaVersion = std::max(summary->schemaVersion, line.split('\t')[0].toInt());
    }
    if (summary->schemaVersion == 0) {
        *error = tr("%1 holds no PumpWatch history (no schema_version rows)").arg(file);
        return false;
    }
    summary->bytes = QFileInfo(file).size();
    return true;
}

bool PgBackup::backup(const History::DatabaseUrl& url, const QString& to, Summary* summary,
                      QString* error)
{
    const QString dump = program(QStringLiteral("pg_dump"), error);
    if (dump.isEmpty())
        return false;
    QByteArray version;
    if (!run(dump, {QStringLiteral("--version")}, url, &version, error))
        return false;
    summary->dumpMajor = majorOf(version);
    {
        Session session(url);
        if (!session.ok()) {
            *error = tr("%1: %2").arg(url.display(), session.error());
            return false;
        }
        summary->serverMajor =
            session.value(QStringLiteral("SHOW server_version_num")).toInt() / 10000;
    }
    if (summary->dumpMajor < summary->serverMajor) {
        *error = tr("%1 is version %2, older than the server's PostgreSQL %3, and cannot dump it: "
                    "install postgresql-client-%3 (apt.postgresql.org) or set PUMPWATCH_PG_BIN "
                    "to its bin folder")
                     .arg(dump)
                     .arg(summary->dumpMajor)
                     .arg(summary->serverMajor);
        return false;
    }
    const QString partial = to + QStringLiteral(".partial");
    QFile::remove(partial);
    QString why;
    if (!run(dump, {QStringLiteral("--format=custom"), QStringLiteral("--file=") + partial}, url,
             nullptr, &why)) {
        QFile::remove(partial);
        *error = tr("%1: %2").arg(url.display(), why);
        return false;
    }
    if (!inspect(url, partial, summary, error) ||
        std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(to).constData()) !=
            0) {
        if (error->isEmpty())
            *error = tr("%1 cannot be written").arg(to);
        QFile::remove(partial);
        return false;
    }
    summary->bytes = QFileInfo(to).size();
    return true;
}

bool PgBackup::restore(const History::DatabaseUrl& url, const QString& from, Summary* summary,
                       QString* error)
{
    if (!inspect(url, from, summary, error))
        return false;
    if (summary->schemaVersion > History::Schema::latestVersion()) {
        *error = tr("%1 has schema version %2, written by a newer PumpWatch (this one knows up "
                    "to %3)")
                     .arg(from)
                     .arg(summary->schemaVersion)
                     .arg(History::Schema::latestVersion());
        return false;
    }
    const QString pgRestore = program(QStringLiteral("pg_restore"), error);
    if (pgRestore.isEmpty())
        return false;
    {
        Session session(url);
        if (!session.ok()) {
            *error = tr("%1: %2").arg(url.display(), session.error());
            return false;
        }
        const auto [count, who] = session.others();
        if (count != 0) {
            *error = count < 0 ? tr("%1: %2").arg(url.display(), session.error())
                               : tr("%1 is in use by %n other session(s) (%2): stop the "
                                    "pumpwatch-server and workstations that use it first. "
                                    "Nothing was changed.",
                                    nullptr, int(count))
                                     .arg(url.display(), who);
            return false;
        }
    }
    QString why;
    if (!run(pgRestore,
             {QStringLiteral("--clean"), QStringLiteral("--if-exists"),
              QStringLiteral("--single-transaction"), QStringLiteral("--no-owner"),
              QStringLiteral("--dbname=") + url.database, from},
             url, nullptr, &why)) {
        *error = tr("%1 not restored from %2 (the database is as it was): %3")
                     .arg(url.display(), from, why);
        return false;
    }
    return true;
}

} // namespace PumpWatch::Cli
