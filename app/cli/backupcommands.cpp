#include "backupcommands.h"

#include "cliio.h"
#include "pgbackup.h"
#include "sqlitebackup.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace PumpWatch::Cli {

namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

void printRows(const SqliteBackup::Summary& s)
{
    QStringList parts;
    for (const auto& [table, rows] : s.rows)
        parts << QStringLiteral("%1 %2").arg(table).arg(rows);
    CliIo::out() << QStringLiteral("  ") << parts.join(QStringLiteral(", ")) << Qt::endl;
}

} // namespace

QString BackupCommands::usage()
{
    return tr("  db backup --db URL --to FILE             a consistent copy while the servers "
              "write\n"
              "  db restore --db URL --from FILE          replace the database by a backup "
              "(stop the servers first)\n");
}

int BackupCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    if (command == u"backup")
        return backup(args);
    if (command == u"restore")
        return restore(args);
    CliIo::err() << tr("unknown command 'db %1'; commands:\n").arg(command) << usage();
    return 2;
}

int BackupCommands::backup(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Copies the history database (history, alarm journal, audit trail) to FILE while the "
           "workstations and servers go on writing. SQLite: SQLite's online backup, then "
           "PRAGMA integrity_check on the copy. PostgreSQL: pg_dump -Fc."));
    parser.addPositionalArgument(QStringLiteral("backup"), tr("the command"));
    const QCommandLineOption dbOption = CliIo::databaseOption();
    const QCommandLineOption toOption(QStringLiteral("to"), tr("the backup file to write"),
                                      tr("FILE"));
    parser.addOptions({dbOption, toOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&dbOption, &toOption}))
        return code;
    const auto url = CliIo::databaseUrl(parser, dbOption);
    if (!url)
        return 2;
    const QString to = QFileInfo(parser.value(toOption)).absoluteFilePath();
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (url->engine == History::Engine::Sqlite) {
        if (QFileInfo(to) == QFileInfo(url->path)) {
            CliIo::err() << tr("--to must not be the database itself") << Qt::endl;
            return 2;
        }
        SqliteBackup::Summary s;
        if (!SqliteBackup::backup(url->path, to, &s, &error)) {
            CliIo::err() << error << Qt::endl;
            return 1;
        }
        CliIo::out() << tr("%1 → %2: %3 MB, schema version %4, integrity ok; copied in %5 s, "
                           "%6 s in all")
                            .arg(url->display(), to, megabytes(s.bytes))
                            .arg(s.schemaVersion)
                            .arg(double(s.copyMs) / 1000.0, 0, 'f', 1)
                            .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                     << Qt::endl;
        printRows(s);
        return 0;
    }
    PgBackup::Summary s;
    if (!PgBackup::backup(*url, to, &s, &error)) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("%1 → %2: %3 MB, %4 tables' data, schema version %5 (pg_dump %6, server "
                       "%7), %8 s")
                        .arg(url->display(), to, megabytes(s.bytes))
                        .arg(s.tables)
                        .arg(s.schemaVersion)
                        .arg(s.dumpMajor)
                        .arg(s.serverMajor)
                        .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                 << Qt::endl;
    return 0;
}

int BackupCommands::restore(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Replaces the history database by a backup made with `db backup`, after checking "
           "it. Stop pumpwatch-server and the workstations that use the database first: a "
           "database in use is refused. SQLite: the replaced file is kept as "
           "<name>.before-restore-<time>. PostgreSQL: pg_restore --clean --if-exists "
           "--single-transaction into the database of the URL."));
    parser.addPositionalArgument(QStringLiteral("restore"), tr("the command"));
    const QCommandLineOption dbOption = CliIo::databaseOption();
    const QCommandLineOption fromOption(QStringLiteral("from"), tr("the backup file"), tr("FILE"));
    parser.addOptions({dbOption, fromOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&dbOption, &fromOption}))
        return code;
    const auto url = CliIo::databaseUrl(parser, dbOption);
    if (!url)
        return 2;
    const QString from = parser.value(fromOption);
    QString error;
    if (url->engine == History::Engine::Sqlite) {
        QString kept;
        if (!SqliteBackup::restore(from, url->path, &kept, &error)) {
            CliIo::err() << error << Qt::endl;
            return 1;
        }
        CliIo::out() << tr("%1 restored from %2").arg(url->display(), from);
        if (!kept.isEmpty())
            CliIo::out() << tr("; the replaced database is kept as %1").arg(kept);
        CliIo::out() << Qt::endl;
        return 0;
    }
    PgBackup::Summary s;
    if (!PgBackup::restore(*url, from, &s, &error)) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("%1 restored from %2 (%3 tables' data, schema version %4)")
                        .arg(url->display(), from)
                        .arg(s.tables)
                        .arg(s.schemaVersion)
                 << Qt::endl;
    return 0;
}

} // namespace PumpWatch::Cli
