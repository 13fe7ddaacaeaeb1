#include "auditcommands.h"

#include "cliio.h"
#include "periodquery.h"

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
    PeriodQuery query;
    query.addTo(parser);
    const QCommandLineOption actionOption(
        QStringLiteral("action"), tr("only actions like this (control.% for control commands)"),
        tr("PATTERN"));
    parser.addOption(actionOption);
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = query.read(parser))
        return code;
    const QTimeZone& zone = query.zone;
    QString error;
    History::AuditLog log(*query.url);
    const auto rows = log.open(&error) ? log.list({query.period.first, query.period.second,
                                                   query.station, parser.value(actionOption)},
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
