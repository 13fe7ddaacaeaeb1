// `pumpwatch-cli graphics …`: check every station's process graphic against the project (each
// binding that does not hold, named by file, station, element and role), and rewrite drawing
// files in their canonical form. Exit codes as every command: 0 clean, 1 problems, 2 usage.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class GraphicsCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::GraphicsCommands)

public:
    /// `args` starts with the command name ("check", "format").
    static int run(const QStringList& args);
    static QString usage();

private:
    static int check(const QStringList& args);
    static int format(const QStringList& args);
};

} // namespace PumpWatch::Cli
