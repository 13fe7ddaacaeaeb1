// `pumpwatch-cli audit list`: the audit table (control commands with their select, operate and
// feedback, logins, limit changes …) for an inspector or a script. Exit codes as everywhere in
// the CLI: 0 done, 1 the database has a problem, 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class AuditCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::AuditCommands)

public:
    /// `args` starts with the command name ("list").
    static int run(const QStringList& args);
    static QString usage();

private:
    static int list(const QStringList& args);
};

} // namespace PumpWatch::Cli
