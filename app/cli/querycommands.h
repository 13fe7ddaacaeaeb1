// `pumpwatch-cli query history|compare|yoy …`: the workstation's queries (综合查询, 对比查询,
// 同比/环比) from a script, written as CSV or .xlsx — the same engine (Reports::QueryEngine) and
// the same layout (Reports::QueryReport) as the panels' exports. Exit codes as everywhere in the
// CLI: 0 done, 1 the input or the database has a problem, 2 the command line is wrong.
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Cli {

class QueryCommands {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::QueryCommands)

public:
    /// `args` starts with the command name ("history", "compare", "yoy").
    static int run(const QStringList& args);
    static QString usage();
};

} // namespace PumpWatch::Cli
