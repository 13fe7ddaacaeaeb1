// `pumpwatch-cli user …`: the workstation's accounts from a shell — above all the first
// administrator of a fresh install, before anyone can log in (docs/guide). The password is read
// from the first line of --password-file, or of stdin, never from the command line (it would
// show in `ps` and the shell's history). Every change is audited in the history database as the
// operating system's account on this computer. Exit codes: 0 done, 1 refused or a file or
// database problem, 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class UserCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::UserCommands)

public:
    /// `args` starts with the command name ("add").
    static int run(const QStringList& args);
    static QString usage();
};

} // namespace PumpWatch::Cli
