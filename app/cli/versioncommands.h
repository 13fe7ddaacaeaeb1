// `pumpwatch-cli project versions|restore`: the earlier states of a project file (or of one of
// its drawing files) that every save keeps (core/fileversions.h), listed and brought back. A
// restore checks the version by reading it as the workstation would before it replaces the
// file, and keeps the content it replaces as a version too. Exit codes: 0 done, 1 failed,
// 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class VersionCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::VersionCommands)

public:
    /// True for the `project` commands handled here.
    static bool handles(const QString& command);
    /// `args` starts with the command name ("versions", "restore").
    static int run(const QStringList& args);
    static QString usage();

private:
    static int list(const QStringList& args);
    static int restore(const QStringList& args);
};

} // namespace PumpWatch::Cli
