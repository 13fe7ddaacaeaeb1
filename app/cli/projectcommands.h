// `pumpwatch-cli project …`: validate a project file, import a PLC address table, generate a
// simulated city. Each command prints every problem and returns the process exit code:
// 0 done, 1 the input has errors, 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class ProjectCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::ProjectCommands)

public:
    /// `args` starts with the command name ("validate", "import-csv", "generate").
    static int run(const QStringList& args);
    static QString usage();

private:
    static int validate(const QStringList& args);
    static int importCsv(const QStringList& args);
    static int generate(const QStringList& args);
};

} // namespace PumpWatch::Cli
