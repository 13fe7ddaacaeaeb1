// What every pumpwatch-cli command shares: the output streams, printing diagnostics, parsing a
// command line (help and usage errors handled) and writing a result to a file or stdout.
#pragma once

#include <core/diagnostic.h>
#include <history/databaseurl.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimeZone>

#include <optional>
#include <utility>

namespace PumpWatch::Cli {

class CliIo {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::CliIo)

public:
    static QTextStream& out();
    static QTextStream& err();
    static void print(const Diagnostics& diagnostics);
    /// Parses `args` (command name first) expecting `positionals` arguments after it; on a
    /// usage error or --help prints what is needed and returns false.
    static bool parse(QCommandLineParser& parser, const QStringList& args, int positionals);
    /// [from, to) from "2026-11-21T08:00:00" or "2026-11-21" in `zone` (unless the text gives
    /// an offset); on a missing, malformed or empty period prints why and returns nullopt.
    /// --db URL and --project FILE, worded the same in every command.
    static QCommandLineOption databaseOption();
    static QCommandLineOption projectOption();
    /// The database `option` names, or nullopt with the reason printed.
    static std::optional<History::DatabaseUrl> databaseUrl(const QCommandLineParser& parser,
                                                           const QCommandLineOption& option);
    /// The CLI has no login of its own: who acts is the operating system's account.
    static QString systemLogin();
    /// 0 when every option of `required` is set; else says which is missing and returns 2.
    static int require(const QCommandLineParser& parser,
                       std::initializer_list<const QCommandLineOption*> required);
    /// "2026-11-21T08:00:00" (the zone's local time unless an offset is given) or a date.
    static std::optional<qint64> parseTime(const QString& text, const QTimeZone& zone);
    static std::optional<std::pair<qint64, qint64>>
    parsePeriod(const QString& from, const QString& to, const QTimeZone& zone);
    /// Writes `data` to `path`, or to stdout when `path` is empty or "-".
    static bool writeOutput(const QByteArray& data, const QString& path);
};

} // namespace PumpWatch::Cli
