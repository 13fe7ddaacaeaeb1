// `pumpwatch-cli history …`: export stored history as CSV a user pastes into Excel (station
// name, local time, value, unit). Exit codes as everywhere in the CLI: 0 done, 1 the input or
// the database has a problem, 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class HistoryCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::HistoryCommands)

public:
    /// `args` starts with the command name ("export").
    static int run(const QStringList& args);
    static QString usage();

private:
    static int exportCsv(const QStringList& args);
};

} // namespace PumpWatch::Cli
