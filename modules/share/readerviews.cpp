#include "readerviews.h"

#include "connection.h"
#include "metadata.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace PumpWatch::Share {

namespace {

// History keeps times as ms since the epoch; the views offer timestamptz for SQL users and the
// ms for programs that want the exact stored number.
const char* const viewStatements[] = {
    "CREATE SCHEMA IF NOT EXISTS pumpwatch_v1",
    "CREATE OR REPLACE VIEW pumpwatch_v1.stations AS SELECT id, name, code, district, zones, "
    "line, plant, lon, lat FROM public.share_stations",
    "CREATE OR REPLACE VIEW pumpwatch_v1.tags AS SELECT path, station, device, key, name, unit, "
    "quantity FROM public.share_tags",
    "CREATE OR REPLACE VIEW pumpwatch_v1.latest_values AS SELECT s.path, s.station, "
    "to_timestamp(x.ts / 1000.0) AS ts, x.ts AS ts_ms, x.value, CASE x.quality "
    "WHEN 0 THEN 'unknown' WHEN 1 THEN 'good' WHEN 2 THEN 'substituted' WHEN 3 THEN 'stale' "
    "WHEN 4 THEN 'comm_failure' WHEN 5 THEN 'sensor_fault' WHEN 6 THEN 'config_error' "
    "ELSE 'unknown' END AS quality, x.quality AS quality_code FROM public.series s "
    "JOIN LATERAL (SELECT ts, value, quality FROM public.samples WHERE series = s.id "
    "ORDER BY ts DESC LIMIT 1) x ON true",
    "CREATE OR REPLACE VIEW pumpwatch_v1.hourly_values AS SELECT s.path, s.station, "
    "to_timestamp(r.start_ts / 1000.0) AS period_start, r.start_ts AS period_start_ms, "
    "r.n AS samples, r.v_min AS min, r.v_max AS max, r.v_avg AS avg, r.v_first AS first, "
    "r.v_last AS last, to_timestamp(r.last_ts / 1000.0) AS last_ts, r.covered_ms, r.delta "
    "FROM public.rollup_hour r JOIN public.series s ON s.id = r.series",
    "CREATE OR REPLACE VIEW pumpwatch_v1.daily_values AS SELECT s.path, s.station, "
    "to_timestamp(r.start_ts / 1000.0) AS period_start, r.start_ts AS period_start_ms, "
    "r.n AS samples, r.v_min AS min, r.v_max AS max, r.v_avg AS avg, r.v_first AS first, "
    "r.v_last AS last, to_timestamp(r.last_ts / 1000.0) AS last_ts, r.covered_ms, r.delta "
    "FROM public.rollup_day r JOIN public.series s ON s.id = r.series",
    "CREATE OR REPLACE VIEW pumpwatch_v1.alarm_journal AS SELECT id, station, station_name, tag, "
    "tag_name, alarm_type, severity, start_value AS value, unit, "
    "to_timestamp(start_ts / 1000.0) AS start_time, start_ts AS start_ms, "
    "to_timestamp(end_ts / 1000.0) AS end_time, end_ts AS end_ms, end_state, "
    "end_ts IS NULL AS active, to_timestamp(ack_ts / 1000.0) AS ack_time, ack_user, note, detail "
    "FROM public.alarm_journal",
    "CREATE OR REPLACE VIEW pumpwatch_v1.reports AS SELECT report, version, format, file, sha256, "
    "generated_by, to_timestamp(generated_ts / 1000.0) AS generated_time, reviewed_by, "
    "to_timestamp(reviewed_ts / 1000.0) AS reviewed_time FROM public.report_versions",
    "CREATE OR REPLACE VIEW pumpwatch_v1.report_runs AS SELECT family, period, "
    "to_timestamp(due_ts / 1000.0) AS due_time, to_timestamp(run_ts / 1000.0) AS run_time, "
    "status, detail FROM public.report_runs",
    "REVOKE ALL ON SCHEMA pumpwatch_v1 FROM PUBLIC",
    "REVOKE ALL ON ALL TABLES IN SCHEMA pumpwatch_v1 FROM PUBLIC",
    // What every role gets by default and a reader must not: creating in public (PostgreSQL
    // before 15 granted it, and a database restored from such a dump keeps it), temporary
    // tables, anything on a base table granted to PUBLIC by hand.
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC",
};

} // namespace

QString ReaderViews::schemaName()
{
    return QStringLiteral("pumpwatch_v1");
}

bool ReaderViews::isValidRoleName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    return pattern.match(name).hasMatch();
}

bool ReaderViews::setup(const Project& project, const History::DatabaseUrl& url,
                        const QString& reader, const QString& password, QString* error)
{
    if (url.engine != History::Engine::Postgres) {
        *error = tr("the read-only views and the reader role are PostgreSQL only (%1 is not a "
                    "PostgreSQL database)")
                     .arg(url.display());
        return false;
    }
    if (!isValidRoleName(reader)) {
        *error = tr("'%1' is not a valid reader name: lower-case letters, digits and _, starting "
                    "with a letter")
                     .arg(reader);
        return false;
    }
    if (password.isEmpty()) {
        *error = tr("the reader's password is empty");
        return false;
    }
    if (!syncMetadata(project, url, error))
        return false;
    Connection c(url, QStringLiteral("reader-setup"));
    if (!c.open(error))
        return false;
    QSqlDatabase& db = c.db();
    QSqlQuery q(db);
    const auto fail = [&](const QString& what) {
        *error = tr("%1: %2").arg(what, q.lastError().text());
        db.rollback();
        return false;
    };
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    for (const char* s : viewStatements)
        if (!q.exec(QString::fromLatin1(s)))
            return fail(QString::fromLatin1(s).section(QLatin1Char(' '), 0, 4));

    // The role: refuse to turn an existing superuser (or the account running this) into the
    // reader, which would give the "reader" everything.
    q.prepare(QStringLiteral("SELECT rolsuper, rolname = current_user FROM pg_roles WHERE "
                             "rolname = ?"));
    q.addBindValue(reader);
    if (!q.exec())
        return fail(tr("looking up the role"));
    const bool exists = q.next();
    if (exists && (q.value(0).toBool() || q.value(1).toBool())) {
        *error = tr("'%1' is a superuser or the account running the setup: choose another reader "
                    "name")
                     .arg(reader);
        db.rollback();
        return false;
    }
    q.finish();
    // Role names and passwords cannot be bound parameters in CREATE ROLE: format() quotes them
    // on the server (%I an identifier, %L a literal).
    const QString database = url.database;
    const QStringList templates = {
        exists ? QStringLiteral("ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                                "NOREPLICATION NOBYPASSRLS PASSWORD %L")
               : QStringLiteral("CREATE ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                                "NOREPLICATION NOBYPASSRLS PASSWORD %L"),
        QStringLiteral("REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC"),
        QStringLiteral("GRANT TEMPORARY ON DATABASE %I TO CURRENT_USER"),
        QStringLiteral("GRANT CONNECT ON DATABASE %I TO %I"),
        QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I"),
        QStringLiteral("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I"),
        QStringLiteral("REVOKE CREATE ON SCHEMA public FROM %I"),
        QStringLiteral("GRANT USAGE ON SCHEMA pumpwatch_v1 TO %I"),
        QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA pumpwatch_v1 TO %I"),
        QStringLiteral("ALTER ROLE %I SET search_path = pumpwatch_v1"),
        QStringLiteral("ALTER ROLE %I SET default_transaction_read_only = on"),
        // A reader's runaway query must not load the server that acquisition writes to.
        QStringLiteral("ALTER ROLE %I SET statement_timeout = '300s'"),
    };
    const QList<QStringList> arguments = {
        {reader, password}, {database}, {database}, {database, reader}, {reader}, {reader},
        {reader},           {reader},   {reader},   {reader},           {reader}, {reader},
    };
    for (qsizetype i = 0; i < templates.size(); ++i) {
        QString sql;
        {
            QStringList marks;
            for (qsizetype k = 0; k < arguments[i].size(); ++k)
                marks << QStringLiteral("?::text");
            q.prepare(
                QStringLiteral("SELECT format(?::text, %1)").arg(marks.join(QLatin1Char(','))));
            q.addBindValue(templates[i]);
            for (const QString& a : arguments[i])
                q.addBindValue(a);
            if (!q.exec() || !q.next())
                return fail(tr("preparing the grants"));
            sql = q.value(0).toString();
            q.finish();
        }
        if (!q.exec(sql))
            return fail(i == 0 ? tr("creating the role %1").arg(reader)
                               : templates[i].section(QLatin1Char(' '), 0, 3));
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

} // namespace PumpWatch::Share
