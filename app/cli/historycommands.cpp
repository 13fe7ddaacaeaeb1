#include "historycommands.h"

#include "cliio.h"

#include <core/csv.h>
#include <core/projectreader.h>
#include <history/historyreader.h>

#include <QTimeZone>

#include <cmath>

namespace PumpWatch::Cli {

namespace {

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 12) : QString();
}

} // namespace

QString HistoryCommands::usage()
{
    return tr("  history export --project FILE --db URL --station ID --quantity Q --from T --to T "
              "--step raw|hour|day\n"
              "                                           history as CSV for Excel\n");
}

int HistoryCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    if (command == u"export")
        return exportCsv(args);
    CliIo::err() << tr("unknown command 'history %1'; commands:\n").arg(command) << usage();
    return 2;
}

int HistoryCommands::exportCsv(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Writes a station's stored values as CSV: station, tag, local time, value, unit. "
           "Hourly and daily rows hold the time-weighted average (or a counter's volume) with "
           "the period's minimum and maximum."));
    parser.addPositionalArgument(QStringLiteral("export"), tr("the command"));
    const QCommandLineOption projectOption = CliIo::projectOption();
    const QCommandLineOption dbOption = CliIo::databaseOption();
    const QCommandLineOption stationOption(QStringLiteral("station"), tr("station id or name"),
                                           tr("ID"));
    const QCommandLineOption quantityOption(
        QStringLiteral("quantity"),
        tr("a quantity (pressure, flow, totalizer, …) for all its tags, or one tag key"), tr("Q"));
    const QCommandLineOption fromOption(QStringLiteral("from"),
                                        tr("start, local time (2026-11-21T08:00:00)"), tr("T"));
    const QCommandLineOption toOption(QStringLiteral("to"), tr("end (exclusive), local time"),
                                      tr("T"));
    const QCommandLineOption stepOption(QStringLiteral("step"), tr("raw, hour or day"), tr("STEP"),
                                        QStringLiteral("raw"));
    const QCommandLineOption formatOption(QStringLiteral("format"), tr("csv"), tr("FORMAT"),
                                          QStringLiteral("csv"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          tr("write to FILE instead of stdout"), tr("FILE"));
    parser.addOptions({projectOption, dbOption, stationOption, quantityOption, fromOption, toOption,
                       stepOption, formatOption, outputOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&projectOption, &dbOption, &stationOption,
                                                 &quantityOption, &fromOption, &toOption}))
        return code;
    if (parser.value(formatOption) != u"csv") {
        CliIo::err() << tr("--format: only csv is supported") << Qt::endl;
        return 2;
    }
    const History::Resolution step = History::parseResolution(parser.value(stepOption));
    if (step != History::Resolution::Raw && step != History::Resolution::Hour &&
        step != History::Resolution::Day) {
        CliIo::err() << tr("--step must be raw, hour or day") << Qt::endl;
        return 2;
    }
    QString error;
    const auto url = CliIo::databaseUrl(parser, dbOption);
    if (!url)
        return 2;

    const QString projectPath = parser.value(projectOption);
    const ProjectLoad load = ProjectReader::readFile(projectPath);
    CliIo::print(load.diagnostics);
    if (!load.project)
        return 1;
    const Project& project = *load.project;
    const QTimeZone zone(project.timeZone.toUtf8());
    const auto period = CliIo::parsePeriod(parser.value(fromOption), parser.value(toOption), zone);
    if (!period)
        return 2;
    const qint64 fromMs = period->first;
    const qint64 toMs = period->second;

    const QString stationText = parser.value(stationOption);
    int stationIndex = project.stationIndex(stationText);
    for (int i = 0; stationIndex < 0 && i < int(project.stations.size()); ++i) {
        if (project.stations[size_t(i)].name == stationText)
            stationIndex = i;
    }
    if (stationIndex < 0) {
        CliIo::err() << tr("%1: no station '%2'").arg(projectPath, stationText) << Qt::endl;
        return 1;
    }
    const Station& station = project.stations[size_t(stationIndex)];
    const QString q = parser.value(quantityOption);
    const Quantity quantity = quantityFromCode(q);
    std::vector<TagId> tags;
    for (TagId t = station.firstTag; t < station.firstTag + station.tagCount; ++t) {
        const TagDef& def = project.tag(t);
        if ((quantity != Quantity::Unknown && def.quantity == quantity) || def.key == q)
            tags.push_back(t);
    }
    if (tags.empty()) {
        CliIo::err() << tr("%1: station %2 has no tag of quantity or key '%3'")
                            .arg(projectPath, station.id, q)
                     << Qt::endl;
        return 1;
    }

    History::HistoryReader reader(project, *url);
    if (!reader.open(&error)) {
        CliIo::err() << tr("%1: %2").arg(url->display(), error) << Qt::endl;
        return 1;
    }
    // UTF-8 with a byte order mark: Excel then shows the Chinese names right.
    QString csv = QStringLiteral("\uFEFF");
    const bool raw = step == History::Resolution::Raw;
    csv +=
        raw ? tr("Station,Tag,Time,Value,Unit,Quality") : tr("Station,Tag,Time,Value,Min,Max,Unit");
    csv += QStringLiteral("\r\n");
    const auto time = [&zone](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(u"yyyy-MM-dd HH:mm:ss");
    };
    for (const TagId t : tags) {
        const TagDef& def = project.tag(t);
        const QString prefix = csvField(station.name) + u',' + csvField(def.name) + u',';
        if (raw) {
            const auto points = reader.raw(t, fromMs, toMs);
            if (!points) {
                CliIo::err() << reader.lastError() << Qt::endl;
                return 1;
            }
            for (const History::Point& p : *points)
                csv += prefix + time(p.timestampMs) + u',' +
                       (isBad(p.quality) ? QString() : number(p.value)) + u',' +
                       csvField(def.unit) + u',' + QString::fromLatin1(qualityName(p.quality)) +
                       QStringLiteral("\r\n");
            continue;
        }
        const auto rows = reader.aggregated(t, fromMs, toMs, step);
        if (!rows) {
            CliIo::err() << reader.lastError() << Qt::endl;
            return 1;
        }
        const bool counter = quantityInfo(def.quantity).aggregation == Aggregation::Counter;
        for (const History::RollupRow& r : *rows) {
            const double value = counter ? r.delta : r.average().value_or(std::nan(""));
            csv += prefix + time(r.startMs) + u',' + number(value) + u',' +
                   (r.count > 0 ? number(r.min) : QString()) + u',' +
                   (r.count > 0 ? number(r.max) : QString()) + u',' + csvField(def.unit) +
                   QStringLiteral("\r\n");
        }
    }
    return CliIo::writeOutput(csv.toUtf8(), parser.value(outputOption)) ? 0 : 1;
}

} // namespace PumpWatch::Cli
