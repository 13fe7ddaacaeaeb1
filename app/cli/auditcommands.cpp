#include "auditcommands.h"

#include "cliio.h"

#include <core/projectreader.h>
#include <history/auditlog.h>

#include <QDateTime>

namespace PumpWatch::Cli {

QString AuditCommands::usage()
{
    return tr("  audit list --db URL --from T --to T [--station ID] [--action PATTERN] "
              "[--project FILE]\n"
              "                                           the audit rows, oldest first\n");
}

int AuditCommands::run(const QStringList& args)
{
    if (args.value(0) == u"list")
        return list(args);
    CliIo::err() << tr("unknown command 'audit %1'; commands:\n").arg(args.value(0)) << usage();
    return 2;
}

int AuditCommands::list(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the audit rows of a period, oldest first, tab-separated: time, user, login, "
           "role, workstation, station, action, object, old value, new value, result, detail; "
           "times in the time zone of --project, else this computer's."));
    parser.addPositionalArgument(QStringLiteral("list"), tr("the command"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        tr("the history database: sqlite:PATH or postgres://user@host:port/database"), tr("URL"));
    const QCommandLineOption fromOption(QStringLiteral("from"),
                                        tr("start, local time (2026-11-21T08:00:00)"), tr("T"));
    const QCommandLineOption toOption(QStringLiteral("to"), tr("end (exclusive), local time"),
                                      tr("T"));
    const QCommandLineOption stationOption(QStringLiteral("station"), tr("only this station id"),
                                           tr("ID"));
    const QCommandLineOption actionOption(
        QStringLiteral("action"), tr("only actions like this (control.% for control commands)"),
        tr("PATTERN"));
    const QCommandLineOption projectOption(
        QStringLiteral("project"), tr("the project: its time zone (default: this computer's)"),
        tr("FILE"));
    parser.addOptions({dbOption, fromOption, toOption, stationOption, actionOption, projectOption});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (!parser.isSet(dbOption)) {
        CliIo::err() << tr("--db is required") << Qt::endl;
        return 2;
    }
    QString error;
    const auto url = History::DatabaseUrl::parse(parser.value(dbOption), &error);
    if (!url) {
        CliIo::err() << error << Qt::endl;
        return 2;
    }
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (parser.isSet(projectOption)) {
        const ProjectLoad load = ProjectReader::readFile(parser.value(projectOption));
        CliIo::print(load.diagnostics);
        if (!load.project)
            return 1;
        zone = QTimeZone(load.project->timeZone.toUtf8());
    }
    const auto period = CliIo::parsePeriod(parser.value(fromOption), parser.value(toOption), zone);
    if (!period)
        return 2;
    History::AuditLog log(*url);
    const auto rows = log.open(&error)
                          ? log.list({period->first, period->second, parser.value(stationOption),
                                      parser.value(actionOption)},
                                     &error)
                          : std::nullopt;
    if (!rows) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    QTextStream& out = CliIo::out();
    for (const History::AuditRow& r : *rows) {
        const QString time = QDateTime::fromMSecsSinceEpoch(r.ms, zone)
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        out << QStringList{time,     r.user,   r.login,    r.role,     r.workstation, r.station,
                           r.action, r.target, r.oldValue, r.newValue, r.result,      r.detail}
                   .join(u'\t')
            << '\n';
    }
    out.flush();
    return 0;
}

} // namespace PumpWatch::Cli
