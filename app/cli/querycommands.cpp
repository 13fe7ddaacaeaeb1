#include "querycommands.h"

#include "cliio.h"

#include <core/projectreader.h>
#include <reports/csvexport.h>
#include <reports/query.h>
#include <reports/queryreport.h>
#include <reports/xlsxexport.h>

#include <QDateTime>
#include <QFileInfo>

namespace PumpWatch::Cli {

namespace {

/// What every query command reads: the project, the database, the output, and the period.
struct Common {
    QCommandLineOption project = CliIo::projectOption();
    QCommandLineOption db = CliIo::databaseOption();
    QCommandLineOption output{{QStringLiteral("o"), QStringLiteral("output")},
                              QueryCommands::tr("the file to write: .xlsx or .csv (default: CSV "
                                                "to stdout)"),
                              QueryCommands::tr("FILE")};
    QCommandLineOption format{QStringLiteral("format"),
                              QueryCommands::tr("xlsx or csv (default: the file's extension)"),
                              QueryCommands::tr("FORMAT")};
    QCommandLineOption stations{QStringLiteral("stations"),
                                QueryCommands::tr("station ids, comma-separated (default: all)"),
                                QueryCommands::tr("IDS")};

    std::optional<Project> loaded;
    std::optional<History::DatabaseUrl> url;
    QTimeZone zone;

    void addTo(QCommandLineParser& parser) const
    {
        parser.addOptions({project, db, output, format});
    }

    /// 0 when the project and database are read; else the exit code, the reason printed.
    int read(const QCommandLineParser& parser)
    {
        if (const int code = CliIo::require(parser, {&project, &db}))
            return code;
        url = CliIo::databaseUrl(parser, db);
        if (!url)
            return 2;
        const ProjectLoad load = ProjectReader::readFile(parser.value(project));
        CliIo::print(load.diagnostics);
        if (!load.project)
            return 1;
        loaded = *load.project;
        zone = QTimeZone(loaded->timeZone.toUtf8());
        return 0;
    }

    QStringList stationIds(const QCommandLineParser& parser) const
    {
        return parser.value(stations).split(u',', Qt::SkipEmptyParts);
    }

    /// Writes the reports (one sheet each in .xlsx; CSV only has room for the first and the
    /// others after it).
    int write(const QCommandLineParser& parser, const std::vector<Reports::Report>& reports) const
    {
        const QString path = parser.value(output);
        const QString kind = parser.isSet(format)             ? parser.value(format)
                             : path.isEmpty() || path == u"-" ? QStringLiteral("csv")
                                                              : QFileInfo(path).suffix();
        QString error;
        if (kind.compare(u"xlsx", Qt::CaseInsensitive) == 0) {
            if (path.isEmpty() || path == u"-") {
                CliIo::err() << QueryCommands::tr("an .xlsx needs a file: give -o FILE")
                             << Qt::endl;
                return 2;
            }
            if (!Reports::writeXlsx(reports, path, &error)) {
                CliIo::err() << error << Qt::endl;
                return 1;
            }
            return 0;
        }
        if (kind.compare(u"csv", Qt::CaseInsensitive) != 0) {
            CliIo::err() << QueryCommands::tr("--format must be xlsx or csv, not '%1'").arg(kind)
                         << Qt::endl;
            return 2;
        }
        QByteArray bytes;
        for (const Reports::Report& r : reports)
            bytes += bytes.isEmpty() ? Reports::csvBytes(r) : Reports::csvBytes(r).mid(3);
        return CliIo::writeOutput(bytes, path) ? 0 : 1;
    }
};

struct PeriodOptions {
    QCommandLineOption from{QStringLiteral("from"),
                            QueryCommands::tr("start, local time (2026-11-21T08:00:00)"),
                            QueryCommands::tr("T")};
    QCommandLineOption to{QStringLiteral("to"), QueryCommands::tr("end (exclusive), local time"),
                          QueryCommands::tr("T")};
    QCommandLineOption step{QStringLiteral("step"),
                            QueryCommands::tr("auto, raw, 15min, hour or day (default auto)"),
                            QueryCommands::tr("STEP"), QStringLiteral("auto")};

    qint64 fromMs = 0;
    qint64 toMs = 0;
    Reports::QueryStep resolved{};

    int read(const QCommandLineParser& parser, const Common& common)
    {
        if (const int code = CliIo::require(parser, {&from, &to}))
            return code;
        const auto period = CliIo::parsePeriod(parser.value(from), parser.value(to), common.zone);
        if (!period)
            return 2;
        fromMs = period->first;
        toMs = period->second;
        const auto s = Reports::parseStep(parser.value(step));
        if (!s) {
            CliIo::err() << QueryCommands::tr("--step must be auto, raw, 15min, hour or day")
                         << Qt::endl;
            return 2;
        }
        resolved = *s;
        return 0;
    }
};

bool failed(const std::optional<History::DatabaseUrl>& url, History::HistoryReader& reader)
{
    QString error;
    if (reader.open(&error))
        return false;
    CliIo::err() << QueryCommands::tr("%1: %2").arg(url->display(), error) << Qt::endl;
    return true;
}

int history(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QueryCommands::tr(
        "综合查询: tags over a period at a resolution, with each series' minimum and maximum "
        "and their times, time-weighted average, a counter's total, sample count and coverage."));
    parser.addPositionalArgument(QStringLiteral("history"), QueryCommands::tr("the command"));
    Common common;
    PeriodOptions period;
    const QCommandLineOption tagsOption(
        QStringLiteral("tags"),
        QueryCommands::tr("tag paths, comma-separated (S0001/low/outlet_pressure)"),
        QueryCommands::tr("PATHS"));
    common.addTo(parser);
    parser.addOptions({tagsOption, period.from, period.to, period.step});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&tagsOption}))
        return code;
    if (const int code = common.read(parser))
        return code;
    if (const int code = period.read(parser, common))
        return code;
    std::vector<TagId> tags;
    for (const QString& path : parser.value(tagsOption).split(u',', Qt::SkipEmptyParts)) {
        const TagId t = common.loaded->findTag(path);
        if (t == InvalidTagId) {
            CliIo::err()
                << QueryCommands::tr("%1: no tag '%2'").arg(parser.value(common.project), path)
                << Qt::endl;
            return 1;
        }
        tags.push_back(t);
    }
    History::HistoryReader reader(*common.loaded, *common.url);
    if (failed(common.url, reader))
        return 1;
    Reports::QueryEngine engine(*common.loaded, reader);
    Reports::HistoryRequest request;
    request.tags = tags;
    request.fromMs = period.fromMs;
    request.toMs = period.toMs;
    request.step = period.resolved;
    request.nowMs = QDateTime::currentMSecsSinceEpoch();
    QString error;
    const auto result = engine.history(request, {}, &error);
    if (!result) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    return common.write(parser, {Reports::QueryReport::history(*result, common.zone)});
}

int compare(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QueryCommands::tr(
        "对比查询: one template tag at several stations over a period, with the statistics of "
        "each and a ranking (an .xlsx has the ranking and the data as two sheets)."));
    parser.addPositionalArgument(QStringLiteral("compare"), QueryCommands::tr("the command"));
    Common common;
    PeriodOptions period;
    const QCommandLineOption keyOption(QStringLiteral("key"),
                                       QueryCommands::tr("the template tag key (outlet_pressure)"),
                                       QueryCommands::tr("KEY"));
    const QCommandLineOption rankOption(
        QStringLiteral("rank"), QueryCommands::tr("avg, max, min, total or coverage (default avg)"),
        QueryCommands::tr("BY"), QStringLiteral("avg"));
    const QCommandLineOption ascendingOption(QStringLiteral("ascending"),
                                             QueryCommands::tr("the smallest first"));
    common.addTo(parser);
    parser.addOptions({common.stations, keyOption, period.from, period.to, period.step, rankOption,
                       ascendingOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&keyOption}))
        return code;
    const auto rank = Reports::parseRank(parser.value(rankOption));
    if (!rank) {
        CliIo::err() << QueryCommands::tr("--rank must be avg, max, min, total or coverage")
                     << Qt::endl;
        return 2;
    }
    if (const int code = common.read(parser))
        return code;
    if (const int code = period.read(parser, common))
        return code;
    History::HistoryReader reader(*common.loaded, *common.url);
    if (failed(common.url, reader))
        return 1;
    Reports::QueryEngine engine(*common.loaded, reader);
    Reports::CompareRequest request;
    request.key = parser.value(keyOption);
    request.stations = common.stationIds(parser);
    request.fromMs = period.fromMs;
    request.toMs = period.toMs;
    request.step = period.resolved;
    request.rankBy = *rank;
    request.descending = !parser.isSet(ascendingOption);
    request.nowMs = QDateTime::currentMSecsSinceEpoch();
    QString error;
    const auto result = engine.compare(request, {}, &error);
    if (!result) {
        CliIo::err() << parser.value(common.project) << QStringLiteral(": ") << error << Qt::endl;
        return 1;
    }
    return common.write(parser, Reports::QueryReport::compare(*result, common.zone));
}

int yoy(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QueryCommands::tr(
        "同比/环比: a day, month or year against the one before and the same one last year, "
        "per station and in total over the stations with data in both (可比口径); a period "
        "still running is compared over the same elapsed time."));
    parser.addPositionalArgument(QStringLiteral("yoy"), QueryCommands::tr("the command"));
    Common common;
    const QCommandLineOption measureOption(
        QStringLiteral("measure"),
        QueryCommands::tr("volume, energy, kwh-per-m3 or tag (with --key); default volume"),
        QueryCommands::tr("M"), QStringLiteral("volume"));
    const QCommandLineOption keyOption(QStringLiteral("key"),
                                       QueryCommands::tr("--measure tag: the template tag key"),
                                       QueryCommands::tr("KEY"));
    const QCommandLineOption periodOption(
        QStringLiteral("period"),
        QueryCommands::tr("a production day (2026-12-01), a month (2026-12) or a year (2026)"),
        QueryCommands::tr("P"));
    const QCommandLineOption nowOption(QStringLiteral("now"),
                                       QueryCommands::tr("as of this local time (default: now)"),
                                       QueryCommands::tr("T"));
    common.addTo(parser);
    parser.addOptions({common.stations, measureOption, keyOption, periodOption, nowOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&periodOption}))
        return code;
    const auto measure = Reports::parseMeasure(parser.value(measureOption));
    if (!measure || (*measure == Reports::Measure::Tag && !parser.isSet(keyOption))) {
        CliIo::err() << QueryCommands::tr(
                            "--measure must be volume, energy, kwh-per-m3 or tag with --key")
                     << Qt::endl;
        return 2;
    }
    QString error;
    const auto period = Reports::ReportPeriod::parse(parser.value(periodOption), &error);
    if (!period) {
        CliIo::err() << QueryCommands::tr("--period: %1").arg(error) << Qt::endl;
        return 2;
    }
    if (const int code = common.read(parser))
        return code;
    qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(nowOption)) {
        const auto t = CliIo::parseTime(parser.value(nowOption), common.zone);
        if (!t)
            return 2;
        now = *t;
    }
    History::HistoryReader reader(*common.loaded, *common.url);
    if (failed(common.url, reader))
        return 1;
    Reports::QueryEngine engine(*common.loaded, reader);
    Reports::PeriodCompareRequest request;
    request.measure = *measure;
    request.key = parser.value(keyOption);
    request.period = *period;
    request.stations = common.stationIds(parser);
    request.nowMs = now;
    const auto result = engine.periodCompare(request, {}, &error);
    if (!result) {
        CliIo::err() << parser.value(common.project) << QStringLiteral(": ") << error << Qt::endl;
        return 1;
    }
    return common.write(parser, {Reports::QueryReport::periodCompare(*result, common.zone)});
}

} // namespace

QString QueryCommands::usage()
{
    return tr("  query history --project FILE --db URL --tags PATHS --from T --to T "
              "[--step auto|raw|15min|hour|day] [-o FILE.xlsx|.csv]\n"
              "                                           综合查询: curves' rows and statistics\n"
              "  query compare --project FILE --db URL --key KEY [--stations IDS] --from T --to T "
              "[--rank avg|max|min|total|coverage] [-o FILE]\n"
              "                                           对比查询: one quantity at N stations, "
              "ranked\n"
              "  query yoy --project FILE --db URL --period P [--measure volume|energy|"
              "kwh-per-m3|tag --key KEY] [--now T] [-o FILE]\n"
              "                                           同比/环比 with 可比口径\n");
}

int QueryCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    if (command == u"history")
        return history(args);
    if (command == u"compare")
        return compare(args);
    if (command == u"yoy")
        return yoy(args);
    CliIo::err() << tr("unknown command 'query %1'; commands:\n").arg(command) << usage();
    return 2;
}

} // namespace PumpWatch::Cli
