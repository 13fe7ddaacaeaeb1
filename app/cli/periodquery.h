// What `alarms list` and `audit list` share: the history database (--db URL), a period
// (--from/--to, local time in the time zone of --project, else this computer's) and a station
// (--station: its id, or its name with --project). Parsed once, errors printed.
#pragma once

#include <core/project.h>
#include <history/databaseurl.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimeZone>

#include <optional>
#include <utility>

namespace PumpWatch::Cli {

class PeriodQuery {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::PeriodQuery)

public:
    PeriodQuery();
    void addTo(QCommandLineParser& parser) const;
    /// After the parser has parsed: 0 when everything was read, else the exit code (2 for the
    /// command line, 1 for a broken project), the reason printed.
    int read(const QCommandLineParser& parser);

    std::optional<History::DatabaseUrl> url;
    QTimeZone zone = QTimeZone::systemTimeZone();
    std::pair<qint64, qint64> period; ///< [from, to) UTC ms
    QString station;                  ///< an id, or empty
    std::optional<Project> project;   ///< with --project

private:
    QCommandLineOption m_db;
    QCommandLineOption m_from;
    QCommandLineOption m_to;
    QCommandLineOption m_station;
    QCommandLineOption m_project;
};

} // namespace PumpWatch::Cli
