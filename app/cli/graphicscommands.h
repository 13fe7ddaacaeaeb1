// `pumpwatch-cli graphics …`: check every station's process graphic against the project (each
// binding that does not hold, named by file, station, element and role, then the HP-HMI lint's
// warnings for the drawings and themes, which never change the exit code), and rewrite drawing
// files in their canonical form. Exit codes as every command: 0 clean, 1 problems, 2 usage.
#pragma once

#include <graphics/drawing.h>
#include <graphics/symbols/theme.h>

#include <QCoreApplication>
#include <QStringList>

#include <vector>

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
    static void printWarnings(const std::vector<Graphics::Drawing>& drawings,
                              const std::vector<Graphics::Theme>& themes);
};

} // namespace PumpWatch::Cli
