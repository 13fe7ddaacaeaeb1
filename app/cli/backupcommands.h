// `pumpwatch-cli db backup|restore`: a consistent copy of the history database (history, alarm
// journal, audit trail, report versions) while the servers keep writing, and its restore.
// SQLite: sqlitebackup.h; PostgreSQL: pgbackup.h. Exit codes: 0 done, 1 failed (nothing
// replaced), 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class BackupCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::BackupCommands)

public:
    /// `args` starts with the command name ("backup", "restore").
    static int run(const QStringList& args);
    static QString usage();

private:
    static int backup(const QStringList& args);
    static int restore(const QStringList& args);
};

} // namespace PumpWatch::Cli
