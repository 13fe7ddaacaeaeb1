// PgBackup: a PostgreSQL history database dumped with pg_dump and restored with pg_restore, for
// `pumpwatch-cli db backup|restore` with a postgres: URL.
//
// The dump is pg_dump's custom format (-Fc: compressed, restorable table by table), a consistent
// snapshot taken while the server goes on writing. The password goes to pg_dump and pg_restore
// in their environment (PGPASSWORD), never on a command line that `ps` shows. pg_dump refuses a
// server newer than itself; that is checked first, with the package to install.
// A restore goes into the URL's database as it is: pg_restore --clean --if-exists
// --single-transaction drops and recreates every object the dump holds in one transaction, so a
// failure leaves the database as it was. It refuses while other sessions are connected to that
// database (the servers and workstations must be stopped) and a dump of a newer schema.
#pragma once

#include <history/databaseurl.h>

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

namespace PumpWatch::Cli {

class PgBackup {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::PgBackup)

public:
    struct Summary {
        qint64 bytes = 0;
        int tables = 0;        ///< tables whose data the dump holds
        int schemaVersion = 0; ///< the history schema's version in the dump
        int serverMajor = 0;
        int dumpMajor = 0; ///< pg_dump's
    };

    static bool backup(const History::DatabaseUrl& url, const QString& to, Summary* summary,
                       QString* error);
    static bool restore(const History::DatabaseUrl& url, const QString& from, Summary* summary,
                        QString* error);

private:
    /// Where pg_dump / pg_restore are (PUMPWATCH_PG_BIN, else PATH); empty with `*error` set.
    static QString program(const QString& name, QString* error);
    static QProcessEnvironment environment(const History::DatabaseUrl& url);
    /// Runs `program` to the end; false with its error output in `*error`.
    static bool run(const QString& program, const QStringList& args,
                    const History::DatabaseUrl& url, QByteArray* output, QString* error);
    /// Data tables and the schema version a custom-format dump holds; false when it is none.
    static bool inspect(const History::DatabaseUrl& url, const QString& file, Summary* summary,
                        QString* error);
};

} // namespace PumpWatch::Cli
