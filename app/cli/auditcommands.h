// `pumpwatch-cli audit list`: the audit table (control commands with their select, operate and
// feedback, logins, limit changes …) for an inspector or a script. Exit codes as everywhere in
// the CLI: 0 done, 1 the database has a problem, 2 the command line is wrong.
// `pumpwatch-cli audit verify`: the tamper-evident chain (history/auditchain.h) checked; for a
// script's sake its codes say what it found: 0 intact, 1 broken (the first broken link
// printed), 2 not checked (a wrong command line, or the database cannot be opened).
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
    static int verify(const QStringList& args);
};

} // namespace PumpWatch::Cli
