// `pumpwatch-cli report …`: a report rendered from history into a file (the same model and
// renderers as the workstation's reports panel and the server's scheduled reports), and the
// scheduled reports' run log. Exit codes as everywhere in the CLI: 0 done, 1 the project, the
// database or the file has a problem, 2 the command line is wrong.
//
//     pumpwatch-cli report render --project site.json --db sqlite:history.db
//         --report production --period 2026-12 -o 2026-12.xlsx       (one line)
//     pumpwatch-cli report runs --db sqlite:history.db --project site.json
//     pumpwatch-cli report replace-meter --project site.json --db sqlite:history.db
//         --tag S0001/low/outlet_total --at 2026-12-01T14:00 --old 52031 --new 0
//         --user 李四 --reason 换表                                      (one line)
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class ReportCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::ReportCommands)

public:
    /// `args` starts with the command name ("render", "runs").
    static int run(const QStringList& args);
    static QString usage();
    /// Whether the command may paint (PDF, .odt) and so needs a QGuiApplication; decided on
    /// the raw arguments, before the application object exists.
    static bool needsGui(int argc, char* argv[]);

private:
    static int render(const QStringList& args);
    static int runs(const QStringList& args);
    static int replaceMeter(const QStringList& args);
};

} // namespace PumpWatch::Cli
