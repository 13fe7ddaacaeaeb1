// Data sharing from the command line (modules/share, docs/data-sharing.md):
//   share setup   the pumpwatch_v1 views, their metadata and the reader role (PostgreSQL)
//   token add|list|revoke   the HTTP API's bearer tokens (the token is printed once)
//   api log       the API's call log
// Exit codes as everywhere in the CLI: 0 done, 1 the database or a file has a problem, 2 the
// command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class ShareCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::ShareCommands)

public:
    /// `group` is "share", "token" or "api"; `args` starts with the command name.
    static int run(const QString& group, const QStringList& args);
    static QString usage();

private:
    static int setup(const QStringList& args);
    static int tokenAdd(const QStringList& args);
    static int tokenList(const QStringList& args);
    static int tokenRevoke(const QStringList& args);
    static int apiLog(const QStringList& args);
};

} // namespace PumpWatch::Cli
