#include "auditcommands.h"

#include "cliio.h"
#include "periodquery.h"

#include <core/projectreader.h>
#include <history/auditchain.h>
#include <history/auditlog.h>

#include <QDateTime>

namespace PumpWatch::Cli {

QString AuditCommands::usage()
{
    return tr("  audit list --db URL --from T --to T [--station ID] [--action PATTERN] "
              "[--project FILE]\n"
              "                                           the audit rows, oldest first\n"
              "  audit verify --db URL [--project FILE]   checks the audit chain and the alarm "
              "journal\n"
              "                                           against it: exit 0 intact, 1 broken "
              "(the first\n"
              "                                           broken link shown), 2 cannot check\n");
}

int AuditCommands::run(const QStringList& args)
{
    if (args.value(0) == u"list")
        return list(args);
    if (args.value(0) == u"verify")
        return verify(args);
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

namespace PumpWatch::Cli {

int AuditCommands::verify(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Checks the tamper-evident audit trail: every audit row's hash against its content "
           "and the row before it, the chain's head against its last row, and every alarm "
           "journal row against its audit rows. Prints a one-line summary (exit 0) or the first "
           "broken link (exit 1); exit 2 when the database cannot be checked."));
    parser.addPositionalArgument(QStringLiteral("verify"), tr("the command"));
    const QCommandLineOption db = CliIo::databaseOption();
    const QCommandLineOption project = CliIo::projectOption();
    parser.addOptions({db, project});
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = CliIo::require(parser, {&db}))
        return code;
    const auto url = CliIo::databaseUrl(parser, db);
    if (!url)
        return 2;
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (parser.isSet(project)) {
        ProjectLoad load = ProjectReader::readFile(parser.value(project));
        CliIo::print(load.diagnostics);
        if (!load.project)
            return 2;
        zone = QTimeZone(load.project->timeZone.toUtf8());
    }
    const History::AuditVerification v = History::AuditChain::verify(*url, zone);
    switch (v.status) {
    case History::AuditVerification::Status::Intact:
        CliIo::out() << tr("audit chain intact: %1 rows checked up to seq %2 (head %3), %4 "
                           "written before the chain began; %5 alarm journal rows checked, %6 "
                           "older than the chain")
                            .arg(v.checked)
                            .arg(v.headSeq)
                            .arg(v.headHash.left(16))
                            .arg(v.uncovered)
                            .arg(v.journalChecked)
                            .arg(v.journalUncovered)
                     << Qt::endl;
        return 0;
    case History::AuditVerification::Status::Broken:
        CliIo::out() << tr("audit chain BROKEN: %1").arg(v.message) << Qt::endl
                     << tr("(%1 rows before it verified)").arg(v.checked) << Qt::endl;
        return 1;
    case History::AuditVerification::Status::Failed:
        break;
    }
    CliIo::err() << tr("cannot verify the audit chain of %1: %2").arg(url->display(), v.message)
                 << Qt::endl;
    return 2;
}

} // namespace PumpWatch::Cli
