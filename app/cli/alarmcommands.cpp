#include "alarmcommands.h"

#include "cliio.h"
#include "periodquery.h"

#include <alarms/alarmrecordcells.h>
#include <alarms/alarmtypes.h>
#include <core/projectreader.h>
#include <history/journal.h>

#include <QDateTime>

namespace PumpWatch::Cli {
namespace {

using History::JournalRow;

const QCommandLineOption& dbOption()
{
    static const QCommandLineOption option = CliIo::databaseOption();
    return option;
}

std::optional<History::DatabaseUrl> databaseUrl(const QCommandLineParser& parser)
{
    if (!parser.isSet(dbOption())) {
        CliIo::err() << AlarmCommands::tr("--db is required") << Qt::endl;
        return std::nullopt;
    }
    return CliIo::databaseUrl(parser, dbOption());
}

bool openJournal(History::AlarmJournal& journal)
{
    QString error;
    if (journal.open(&error))
        return true;
    CliIo::err() << error << Qt::endl;
    return false;
}

QString typeName(const JournalRow& r)
{
    return Alarms::AlarmText::typeName(r.type, r.tagName);
}

} // namespace

QString AlarmCommands::usage()
{
    return tr("  alarms list --db URL --from T --to T [--station ID] [--active] [--project FILE]\n"
              "                                           the alarm records, newest first\n"
              "  alarms ack ID --db URL --user NAME --note TEXT\n"
              "                                           acknowledge an alarm record\n");
}

int AlarmCommands::run(const QStringList& args)
{
    const QString command = args.value(0);
    if (command == u"list")
        return list(args);
    if (command == u"ack")
        return acknowledge(args);
    CliIo::err() << tr("unknown command 'alarms %1'; commands:\n").arg(command) << usage();
    return 2;
}

int AlarmCommands::list(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the alarm records that started in a period, newest first, tab-separated: "
           "No., ID, priority, station, monitored value, value, type, start, end, acknowledged, "
           "ack time, ack user, end state, note, cause; times in the time zone of --project, else "
           "this computer's."));
    parser.addPositionalArgument(QStringLiteral("list"), tr("the command"));
    PeriodQuery query;
    query.addTo(parser);
    const QCommandLineOption activeOption(QStringLiteral("active"),
                                          tr("only records that have not ended"));
    parser.addOption(activeOption);
    if (!CliIo::parse(parser, args, 0))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (const int code = query.read(parser))
        return code;
    const std::optional<Project>& project = query.project;
    const QTimeZone& zone = query.zone;

    QString error;
    History::AlarmJournal journal(*query.url);
    if (!openJournal(journal))
        return 1;
    const auto rows = journal.list(
        {query.period.first, query.period.second, query.station, parser.isSet(activeOption)},
        &error);
    if (!rows) {
        CliIo::err() << error << Qt::endl;
        return 1;
    }
    QTextStream& out = CliIo::out();
    const QStringList header =
        QStringList{tr("No."), tr("ID")} + Alarms::AlarmRecordCells::headers();
    out << header.join(u'\t') << '\n';
    int n = 0;
    for (const JournalRow& r : *rows) {
        const QStringList cells =
            QStringList{QString::number(++n), QString::number(r.id)} +
            Alarms::AlarmRecordCells::cells(r, project ? &*project : nullptr, zone);
        QStringList clean;
        for (const QString& c : cells) // one line a record; "--" where the record has nothing
            clean << (c.isEmpty() ? QStringLiteral("--")
                                  : QString(c).replace(u'\t', u' ').replace(u'\n', u' '));
        out << clean.join(u'\t') << '\n';
    }
    out.flush();
    return 0;
}

int AlarmCommands::acknowledge(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Acknowledges one alarm record with who handled it and how; a record is "
           "acknowledged once."));
    parser.addPositionalArgument(QStringLiteral("ack"), tr("the command"));
    parser.addPositionalArgument(QStringLiteral("ID"), tr("the record's id (alarms list)"));
    const QCommandLineOption userOption(QStringLiteral("user"), tr("who acknowledges"), tr("NAME"));
    const QCommandLineOption noteOption(QStringLiteral("note"),
                                        tr("the handling content and result"), tr("TEXT"));
    parser.addOptions({dbOption(), userOption, noteOption});
    if (!CliIo::parse(parser, args, 1))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(1).toLongLong(&ok);
    if (!ok || id <= 0) {
        CliIo::err() << tr("'%1' is not a record id").arg(parser.positionalArguments().value(1))
                     << Qt::endl;
        return 2;
    }
    if (parser.value(userOption).trimmed().isEmpty() || !parser.isSet(noteOption)) {
        CliIo::err() << tr("--user and --note are required") << Qt::endl;
        return 2;
    }
    const auto url = databaseUrl(parser);
    if (!url)
        return 2;
    QString error;
    History::AlarmJournal journal(*url);
    if (!openJournal(journal))
        return 1;
    JournalRow row;
    const auto result = journal.acknowledge(id, parser.value(userOption).trimmed(),
                                            CliIo::systemLogin(), parser.value(noteOption),
                                            QDateTime::currentMSecsSinceEpoch(), &error, &row);
    const QString what =
        QStringLiteral("%1 %2 %3").arg(row.stationName, row.tagName, typeName(row));
    switch (result) {
    case History::AlarmJournal::AckResult::Acknowledged:
        CliIo::out() << tr("alarm %1 acknowledged by %2: %3").arg(id).arg(row.ackUser, what)
                     << Qt::endl;
        return 0;
    case History::AlarmJournal::AckResult::AlreadyAcknowledged:
        CliIo::err() << tr("alarm %1 was already acknowledged by %2 at %3: %4")
                            .arg(id)
                            .arg(row.ackUser,
                                 QDateTime::fromMSecsSinceEpoch(row.ackMs.value_or(0))
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                 what)
                     << Qt::endl;
        return 1;
    case History::AlarmJournal::AckResult::NotFound:
        CliIo::err() << tr("there is no alarm record %1").arg(id) << Qt::endl;
        return 1;
    case History::AlarmJournal::AckResult::Failed:
        break;
    }
    CliIo::err() << error << Qt::endl;
    return 1;
}

} // namespace PumpWatch::Cli
