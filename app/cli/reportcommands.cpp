#include "reportcommands.h"

#include "cliio.h"

#include <core/projectreader.h>
#include <history/historyreader.h>
#include <reports/csvexport.h>
#include <reports/render/odtexport.h>
#include <reports/render/reportpainter.h>
#include <reports/reportbuilder.h>
#include <reports/reportstore.h>
#include <reports/xlsxexport.h>

#include <QDateTime>
#include <QFileInfo>
#include <QTimeZone>

#include <cstring>

namespace PumpWatch::Cli {

namespace {

using Writer = bool (*)(const Reports::Report&, const QString&, QString*);

Writer writerOf(const QString& format)
{
    if (format == u"xlsx")
        return &Reports::writeXlsx;
    if (format == u"csv")
        return &Reports::writeCsv;
    if (format == u"pdf")
        return [](const Reports::Report& r, const QString& path, QString* error) {
            return Reports::writePdf(r, path, error);
        };
    if (format == u"odt")
        return [](const Reports::Report& r, const QString& path, QString* error) {
            return Reports::writeOdt(r, path, error);
        };
    return nullptr;
}

} // namespace

QString ReportCommands::usage()
{
    return tr("  report render --project FILE --db URL --report daily|production|energy --period P "
              "[--tag KEY] [--format xlsx|pdf|odt|csv] -o FILE [--user NAME]\n"
              "                                           a report from history into a file "
              "(P: 2026-12-01, 2026-12 or 2026)\n"
              "  report runs --db URL [--schedule NAME] [--project FILE]\n"
              "                                           the scheduled reports' run log, "
              "newest first\n"
              "  report replace-meter --project FILE --db URL --tag PATH --at TIME --old X "
              "--new Y --user NAME [--reason TEXT]\n"
              "                                           enter a meter replacement\n");
}

bool ReportCommands::needsGui(int argc, char* argv[])
{
    return argc > 2 && std::strcmp(argv[1], "report") == 0 && std::strcmp(argv[2], "render") == 0;
}

int ReportCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    if (command == u"render")
        return render(args);
    if (command == u"runs")
        return runs(args);
    if (command == u"replace-meter")
        return replaceMeter(args);
    CliIo::err() << tr("unknown command 'report %1'; commands:\n").arg(command) << usage();
    return 2;
}

int ReportCommands::render(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Renders a report from the history database into a file: the daily comprehensive "
           "report (综合日报) of one tag for a production day, the water production report "
           "(产水量报表) or the energy report (能耗报表) of a day, a month or a year, as the "
           "workstation shows it."));
    parser.addPositionalArgument(QStringLiteral("render"), tr("the command"));
    const QCommandLineOption projectOption = CliIo::projectOption();
    const QCommandLineOption dbOption = CliIo::databaseOption();
    const QCommandLineOption reportOption(QStringLiteral("report"),
                                          tr("daily, production or energy"), tr("REPORT"));
    const QCommandLineOption periodOption(
        QStringLiteral("period"),
        tr("a production day (2026-12-01), a month (2026-12) or a year (2026)"), tr("P"));
    const QCommandLineOption tagOption(QStringLiteral("tag"),
                                       tr("daily: the template tag key (default outlet_pressure)"),
                                       tr("KEY"), QStringLiteral("outlet_pressure"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"), tr("xlsx, pdf, odt or csv (default: the file's extension)"),
        tr("FORMAT"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          tr("the file to write"), tr("FILE"));
    const QCommandLineOption userOption(QStringLiteral("user"),
                                        tr("who prepares it (制表人); empty: a line to sign on"),
                                        tr("NAME"));
    parser.addOptions({projectOption, dbOption, reportOption, periodOption, tagOption, formatOption,
                       outputOption, userOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(
            parser, {&projectOption, &dbOption, &reportOption, &periodOption, &outputOption}))
        return code;
    const QString report = parser.value(reportOption);
    if (report != u"daily" && report != u"production" && report != u"energy") {
        CliIo::err() << tr("--report must be daily, production or energy, not '%1'").arg(report)
                     << Qt::endl;
        return 2;
    }
    QString error;
    const auto period = Reports::ReportPeriod::parse(parser.value(periodOption), &error);
    if (!period) {
        CliIo::err() << tr("--period: %1").arg(error) << Qt::endl;
        return 2;
    }
    const bool daily = report == u"daily";
    if (daily && period->kind() != Reports::ReportPeriod::Day) {
        CliIo::err() << tr("--period %1: the daily report is of one production day, like "
                           "2026-12-01")
                            .arg(period->code())
                     << Qt::endl;
        return 2;
    }
    if (!daily && parser.isSet(tagOption)) {
        CliIo::err() << tr("--tag is for the daily report only") << Qt::endl;
        return 2;
    }
    const QString output = parser.value(outputOption);
    const QString format = parser.isSet(formatOption) ? parser.value(formatOption)
                                                      : QFileInfo(output).suffix().toLower();
    const Writer write = writerOf(format);
    if (!write) {
        CliIo::err() << (parser.isSet(formatOption)
                             ? tr("--format must be xlsx, pdf, odt or csv, not '%1'").arg(format)
                             : tr("%1: give --format xlsx, pdf, odt or csv, or a file name "
                                  "ending in one of them")
                                   .arg(output))
                     << Qt::endl;
        return 2;
    }
    const auto url = CliIo::databaseUrl(parser, dbOption);
    if (!url)
        return 2;

    const QString projectPath = parser.value(projectOption);
    const ProjectLoad load = ProjectReader::readFile(projectPath);
    CliIo::print(load.diagnostics);
    if (!load.project)
        return 1;
    History::HistoryReader reader(*load.project, *url);
    if (!reader.open(&error)) {
        CliIo::err() << tr("%1: %2").arg(url->display(), error) << Qt::endl;
        return 1;
    }
    Reports::ReportBuilder builder(*load.project, reader);
    const Reports::ReportOptions options{QDateTime::currentMSecsSinceEpoch(),
                                         parser.value(userOption)};
    const auto built = daily
                           ? builder.daily(period->date(), parser.value(tagOption), options, &error)
                       : report == u"energy" ? builder.energy(*period, options, &error)
                                             : builder.production(*period, options, &error);
    if (!built) {
        CliIo::err()
            << tr("%1, %2 report of %3: %4").arg(projectPath, report, period->code(), error)
            << Qt::endl;
        return 1;
    }
    if (!write(*built, output, &error)) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("%1: %2, %3").arg(output, built->title, period->displayName()) << Qt::endl;
    return 0;
}

int ReportCommands::runs(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the runs of the scheduled reports, newest first, tab-separated: schedule, "
           "period, due, run, status (draft, final, failed), detail; times in the time zone "
           "of --project, else this computer's."));
    parser.addPositionalArgument(QStringLiteral("runs"), tr("the command"));
    const QCommandLineOption dbOption = CliIo::databaseOption();
    const QCommandLineOption scheduleOption(
        QStringLiteral("schedule"),
        tr("only this schedule: production-day, production-month, daily-TAG"), tr("NAME"));
    const QCommandLineOption limitOption(QStringLiteral("limit"), tr("at most N runs (200)"),
                                         tr("N"), QStringLiteral("200"));
    const QCommandLineOption projectOption(
        QStringLiteral("project"), tr("the project: its time zone (default: this computer's)"),
        tr("FILE"));
    parser.addOptions({dbOption, scheduleOption, limitOption, projectOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (!parser.isSet(dbOption)) {
        CliIo::err() << tr("--db is required") << Qt::endl;
        return 2;
    }
    bool ok = false;
    const int limit = parser.value(limitOption).toInt(&ok);
    if (!ok || limit <= 0) {
        CliIo::err() << tr("--limit must be a positive number") << Qt::endl;
        return 2;
    }
    QString error;
    const auto url = CliIo::databaseUrl(parser, dbOption);
    if (!url)
        return 2;
    Project project;
    if (parser.isSet(projectOption)) {
        ProjectLoad load = ProjectReader::readFile(parser.value(projectOption));
        CliIo::print(load.diagnostics);
        if (!load.project)
            return 1;
        project = std::move(*load.project);
    }
    const QTimeZone zone = parser.isSet(projectOption) ? QTimeZone(project.timeZone.toUtf8())
                                                       : QTimeZone::systemTimeZone();
    History::HistoryReader reader(project, *url);
    const auto rows = reader.open(&error)
                          ? Reports::ReportStore(reader.database())
                                .runs(parser.value(scheduleOption), 0, limit, &error)
                          : std::nullopt;
    if (!rows) {
        CliIo::err() << tr("%1: %2").arg(url->display(), error) << Qt::endl;
        return 1;
    }
    const auto time = [&zone](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(u"yyyy-MM-dd HH:mm:ss");
    };
    QTextStream& out = CliIo::out();
    out << QStringList{tr("Schedule"), tr("Period"), tr("Due"),
                       tr("Run"),      tr("Status"), tr("Detail")}
               .join(u'\t')
        << '\n';
    for (const Reports::ReportRun& r : *rows)
        out << QStringList{r.family, r.period, time(r.dueMs), time(r.runMs), r.status, r.detail}
                   .join(u'\t')
            << '\n';
    out.flush();
    return 0;
}

int ReportCommands::replaceMeter(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Enters a meter replacement: the old meter's final reading and the new one's first, at "
           "the time it was replaced. Reports then count the volume across it instead of taking "
           "the drop for a reset. Audited; the CLI's user is the operating system's account."));
    parser.addPositionalArgument(QStringLiteral("replace-meter"), tr("the command"));
    const QCommandLineOption projectOption = CliIo::projectOption();
    const QCommandLineOption dbOption = CliIo::databaseOption();
    const QCommandLineOption tagOption(
        QStringLiteral("tag"), tr("the meter: station/device/key or station/key"), tr("PATH"));
    const QCommandLineOption atOption(QStringLiteral("at"),
                                      tr("when it was replaced, local time (2026-12-01T14:00)"),
                                      tr("TIME"));
    const QCommandLineOption oldOption(QStringLiteral("old"), tr("the old meter's final reading"),
                                       tr("VALUE"));
    const QCommandLineOption newOption(QStringLiteral("new"), tr("the new meter's first reading"),
                                       tr("VALUE"));
    const QCommandLineOption userOption(QStringLiteral("user"), tr("who enters it"), tr("NAME"));
    const QCommandLineOption reasonOption(QStringLiteral("reason"), tr("why"), tr("TEXT"));
    parser.addOptions({projectOption, dbOption, tagOption, atOption, oldOption, newOption,
                       userOption, reasonOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&projectOption, &dbOption, &tagOption, &atOption,
                                                 &oldOption, &newOption, &userOption}))
        return code;
    bool okOld = false;
    bool okNew = false;
    const double oldFinal = parser.value(oldOption).toDouble(&okOld);
    const double newInitial = parser.value(newOption).toDouble(&okNew);
    if (!okOld || !okNew) {
        CliIo::err() << tr("--old and --new must be numbers") << Qt::endl;
        return 2;
    }
    const ProjectLoad load = ProjectReader::readFile(parser.value(projectOption));
    CliIo::print(load.diagnostics);
    if (!load.project)
        return 1;
    const Project& p = *load.project;
    const TagId tag = p.findTag(parser.value(tagOption));
    if (tag == InvalidTagId ||
        quantityInfo(p.tag(tag).quantity).aggregation != Aggregation::Counter) {
        CliIo::err() << tr("%1: no meter '%2' (a totalizer or an energy meter)")
                            .arg(parser.value(projectOption), parser.value(tagOption))
                     << Qt::endl;
        return 1;
    }
    const auto at = CliIo::parseTime(parser.value(atOption), QTimeZone(p.timeZone.toLatin1()));
    if (!at) {
        CliIo::err() << tr("--at must be a local time like 2026-12-01T14:00:00") << Qt::endl;
        return 2;
    }
    QString error;
    const auto url = CliIo::databaseUrl(parser, dbOption);
    if (!url)
        return 2;
    History::HistoryReader reader(p, *url);
    if (!reader.open(&error)) {
        CliIo::err() << tr("%1: %2").arg(url->display(), error) << Qt::endl;
        return 1;
    }
    User user;
    user.name = CliIo::systemLogin();
    user.displayName = parser.value(userOption).trimmed();
    user.role = Role::Engineer;
    Reports::ReportStore store(reader.database());
    if (!store.addReplacement(
            {0, p.tagPath(tag), *at, oldFinal, newInitial, {}, parser.value(reasonOption)}, user,
            {}, &error)) {
        CliIo::err() << tr("%1: %2").arg(url->display(), error) << Qt::endl;
        return 1;
    }
    CliIo::out() << tr("%1: meter replaced at %2 (old %3, new %4), entered by %5")
                        .arg(p.tagPath(tag), parser.value(atOption))
                        .arg(parser.value(oldOption), parser.value(newOption))
                        .arg(user.displayName)
                 << Qt::endl;
    return 0;
}

} // namespace PumpWatch::Cli
