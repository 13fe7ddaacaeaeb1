#include "schema.h"

#include <QSqlError>
#include <QSqlQuery>

namespace PumpWatch::History {

namespace {

struct Migration {
    int version;
    const char* description;
    std::initializer_list<const char*> statements;
};

// The columns every rollup table has; see schema.h.
#define PUMPWATCH_ROLLUP_COLUMNS                                                                   \
    "series BIGINT NOT NULL, start_ts BIGINT NOT NULL, n BIGINT NOT NULL, "                        \
    "v_min DOUBLE PRECISION, v_max DOUBLE PRECISION, v_avg DOUBLE PRECISION, "                     \
    "covered_ms BIGINT NOT NULL, v_first DOUBLE PRECISION, first_ts BIGINT, "                      \
    "v_last DOUBLE PRECISION, last_ts BIGINT, delta DOUBLE PRECISION, "                            \
    "PRIMARY KEY (series, start_ts)"

const Migration migrations[] = {
    {1,
     "series, samples, hourly and daily rollups, alarm journal, audit log, report corrections",
     {
         "CREATE TABLE series (id {id}, path TEXT NOT NULL UNIQUE, station TEXT NOT NULL, "
         "quantity TEXT NOT NULL, unit TEXT NOT NULL)",
         "CREATE TABLE series_state (series BIGINT NOT NULL PRIMARY KEY, last_ts BIGINT, "
         "last_value DOUBLE PRECISION, last_quality SMALLINT, good_ts BIGINT, "
         "good_value DOUBLE PRECISION, open_hour BIGINT, open_day BIGINT, "
         "hour_extension_ms BIGINT, day_extension_ms BIGINT)",
         "CREATE TABLE samples (series BIGINT NOT NULL, ts BIGINT NOT NULL, "
         "value DOUBLE PRECISION, quality SMALLINT NOT NULL, PRIMARY KEY (series, ts)){clustered}",
         "CREATE TABLE rollup_hour (" PUMPWATCH_ROLLUP_COLUMNS "){clustered}",
         "CREATE TABLE rollup_day (" PUMPWATCH_ROLLUP_COLUMNS "){clustered}",
         "CREATE TABLE rollup_dirty (series BIGINT NOT NULL, from_ts BIGINT NOT NULL, "
         "to_ts BIGINT NOT NULL)",
         "CREATE TABLE alarm_journal (id {id}, station TEXT NOT NULL, tag TEXT NOT NULL, "
         "alarm_type TEXT NOT NULL, severity SMALLINT NOT NULL, start_value DOUBLE PRECISION, "
         "start_ts BIGINT NOT NULL, end_ts BIGINT, end_state TEXT NOT NULL, ack_ts BIGINT, "
         "ack_user TEXT, note TEXT)",
         "CREATE INDEX alarm_journal_start ON alarm_journal (start_ts)",
         "CREATE INDEX alarm_journal_station ON alarm_journal (station, start_ts)",
         "CREATE TABLE audit_log (id {id}, ts BIGINT NOT NULL, user_name TEXT NOT NULL, "
         "action TEXT NOT NULL, target TEXT NOT NULL, old_value TEXT, new_value TEXT, "
         "result TEXT NOT NULL, detail TEXT)",
         "CREATE INDEX audit_log_ts ON audit_log (ts)",
         "CREATE TABLE report_corrections (id {id}, report TEXT NOT NULL, station TEXT NOT NULL, "
         "quantity TEXT NOT NULL, period_start BIGINT NOT NULL, original DOUBLE PRECISION, "
         "corrected DOUBLE PRECISION NOT NULL, user_name TEXT NOT NULL, ts BIGINT NOT NULL, "
         "reason TEXT NOT NULL)",
         "CREATE INDEX report_corrections_period ON report_corrections (report, period_start)",
     }},
    {2,
     "alarm journal: names as they were when the alarm was raised, unit, cause",
     {
         "ALTER TABLE alarm_journal ADD COLUMN station_name TEXT",
         "ALTER TABLE alarm_journal ADD COLUMN tag_name TEXT",
         "ALTER TABLE alarm_journal ADD COLUMN unit TEXT",
         "ALTER TABLE alarm_journal ADD COLUMN detail TEXT",
         "CREATE INDEX alarm_journal_open ON alarm_journal (end_ts)",
     }},
    {3,
     "login names next to display names (two users may share a display name)",
     {
         "ALTER TABLE alarm_journal ADD COLUMN ack_login TEXT",
         "ALTER TABLE audit_log ADD COLUMN login TEXT",
     }},
    {4,
     "audit rows of control commands: the user's role, the workstation and the station",
     {
         "ALTER TABLE audit_log ADD COLUMN role TEXT",
         "ALTER TABLE audit_log ADD COLUMN workstation TEXT",
         "ALTER TABLE audit_log ADD COLUMN station TEXT",
     }},
    {5,
     "reports: meter replacements, corrections by cell and method, issued versions, run log",
     {
         "CREATE TABLE meter_replacements (id {id}, tag TEXT NOT NULL, ts BIGINT NOT NULL, "
         "old_final DOUBLE PRECISION NOT NULL, new_initial DOUBLE PRECISION NOT NULL, "
         "user_name TEXT NOT NULL, login TEXT, entered_ts BIGINT NOT NULL, reason TEXT)",
         "CREATE INDEX meter_replacements_tag ON meter_replacements (tag, ts)",
         "ALTER TABLE report_corrections ADD COLUMN method TEXT",
         "ALTER TABLE report_corrections ADD COLUMN original_flags INTEGER",
         "ALTER TABLE report_corrections ADD COLUMN login TEXT",
         "CREATE TABLE report_versions (id {id}, report TEXT NOT NULL, version INTEGER NOT NULL, "
         "format TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL, generated_by TEXT NOT "
         "NULL, generated_ts BIGINT NOT NULL, reviewed_by TEXT, reviewed_ts BIGINT, "
         "UNIQUE (report, version, format))",
         "CREATE TABLE report_runs (id {id}, family TEXT NOT NULL, period TEXT NOT NULL, "
         "due_ts BIGINT NOT NULL, run_ts BIGINT NOT NULL, status TEXT NOT NULL, detail TEXT)",
         "CREATE INDEX report_runs_family ON report_runs (family, period)",
     }},
    {6,
     "issued report versions: the login names of who generated and who reviewed them (two "
     "users may share a display name)",
     {
         "ALTER TABLE report_versions ADD COLUMN generated_login TEXT",
         "ALTER TABLE report_versions ADD COLUMN reviewed_login TEXT",
     }},
    {7,
     "a tamper-evident audit: every audit row chained to the one before by a hash (see "
     "auditchain.h), the chain's head, and alarm journal changes audited by journal row",
     {
         "ALTER TABLE audit_log ADD COLUMN seq BIGINT",
         "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
         "ALTER TABLE audit_log ADD COLUMN hash TEXT",
         "ALTER TABLE audit_log ADD COLUMN journal_id BIGINT",
         "CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq)",
         "CREATE INDEX audit_log_journal ON audit_log (journal_id, seq) WHERE journal_id IS NOT "
         "NULL",
         "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT "
         "NULL)",
         // The genesis hash: hex SHA-256 of "pumpwatch-audit-v1" (AuditChain::genesisHash).
         "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, "
         "'440d69241d9b325c694eed421d06837c752f8cdf6134970c0954bc9c54596bb2')",
     }},
};

#undef PUMPWATCH_ROLLUP_COLUMNS

} // namespace

int Schema::latestVersion()
{
    return std::size(migrations) == 0 ? 0 : std::rbegin(migrations)->version;
}

int Schema::version(QSqlDatabase& db, QString* error)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next()) {
        *error = q.lastError().text();
        return -1;
    }
    return q.value(0).toInt();
}

bool Schema::migrate(QSqlDatabase& db, const Dialect& dialect, qint64 nowMs, QString* error,
                     int upToVersion)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER "
                               "PRIMARY KEY, applied_ms BIGINT NOT NULL, description TEXT "
                               "NOT NULL)"))) {
        *error = q.lastError().text();
        return false;
    }
    const int current = version(db, error);
    if (current < 0)
        return false;
    if (current > latestVersion()) {
        *error = tr("the database has schema version %1, written by a newer PumpWatch (this one "
                    "knows up to %2)")
                     .arg(current)
                     .arg(latestVersion());
        return false;
    }
    for (const Migration& m : migrations) {
        if (m.version <= current || m.version > upToVersion)
            continue;
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        for (const char* statement : m.statements) {
            if (!q.exec(dialect.sql(QString::fromLatin1(statement)))) {
                *error = tr("migration %1 (%2): %3")
                             .arg(m.version)
                             .arg(QString::fromLatin1(m.description), q.lastError().text());
                db.rollback();
                return false;
            }
        }
        q.prepare(QStringLiteral(
            "INSERT INTO schema_version (version, applied_ms, description) VALUES (?, ?, ?)"));
        q.addBindValue(m.version);
        q.addBindValue(nowMs);
        q.addBindValue(QString::fromLatin1(m.description));
        if (!q.exec() || !db.commit()) {
            *error = q.lastError().text();
            db.rollback();
            return false;
        }
    }
    return true;
}

} // namespace PumpWatch::History
