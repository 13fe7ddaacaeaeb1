#include "periodquery.h"

#include "cliio.h"

#include <core/projectreader.h>

namespace PumpWatch::Cli {

PeriodQuery::PeriodQuery()
    : m_db(QStringLiteral("db"),
           tr("the history database: sqlite:PATH or postgres://user@host:port/database"), tr("URL"))
    , m_from(QStringLiteral("from"), tr("start, local time (2026-11-21T08:00:00)"), tr("T"))
    , m_to(QStringLiteral("to"), tr("end (exclusive), local time"), tr("T"))
    , m_station(QStringLiteral("station"), tr("only this station (id, or name with --project)"),
                tr("ID"))
    , m_project(QStringLiteral("project"),
                tr("the project: its time zone (default: this computer's)"), tr("FILE"))
{}

void PeriodQuery::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({m_db, m_from, m_to, m_station, m_project});
}

int PeriodQuery::read(const QCommandLineParser& parser)
{
    if (!parser.isSet(m_db)) {
        CliIo::err() << tr("--db is required") << Qt::endl;
        return 2;
    }
    url = CliIo::databaseUrl(parser, m_db);
    if (!url)
        return 2;
    station = parser.value(m_station);
    if (parser.isSet(m_project)) {
        ProjectLoad load = ProjectReader::readFile(parser.value(m_project));
        CliIo::print(load.diagnostics);
        if (!load.project)
            return 1;
        project = std::move(load.project);
        zone = QTimeZone(project->timeZone.toUtf8());
        for (const Station& s : project->stations) {
            if (s.name == station || s.displayName() == station)
                station = s.id;
        }
    }
    const auto p = CliIo::parsePeriod(parser.value(m_from), parser.value(m_to), zone);
    if (!p)
        return 2;
    period = *p;
    return 0;
}

} // namespace PumpWatch::Cli
