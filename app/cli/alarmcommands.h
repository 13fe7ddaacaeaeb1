// `pumpwatch-cli alarms …`: the alarm record query (seed 000 §4.2.5) and acknowledgement from
// a script or a terminal. Exit codes as everywhere in the CLI: 0 done, 1 the input or the
// database has a problem (or the alarm was already acknowledged), 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class AlarmCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::AlarmCommands)

public:
    /// `args` starts with the command name ("list", "ack").
    static int run(const QStringList& args);
    static QString usage();

private:
    static int list(const QStringList& args);
    static int acknowledge(const QStringList& args);
};

} // namespace PumpWatch::Cli
