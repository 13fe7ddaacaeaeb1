// Schema: the history database's tables and their versioned migrations.
//
// Every change to the schema is a new migration appended to the list in schema.cpp, never an
// edit of an old one; schema_version records what has been applied. migrate() brings a database
// of any earlier version (or an empty one) up to date, each migration in its own transaction,
// and refuses a database written by a newer PumpWatch. One thread, on its own connection.
//
// Tables (v1):
//   series          one row per stored tag: path "station/device/tag", station, quantity, unit
//   series_state    the writer's state per series at its last flush: last sample, last good
//                   sample, open hour and day (their rows are in the rollup tables) and how far
//                   those rows were provisionally extended to "now" (see HistoryWriter::flush)
//   samples         raw values: (series, ts) → value, quality; clustered by series then time
//   rollup_hour     per series and local hour: n, min, max, avg (time-weighted), covered_ms,
//   rollup_day        first/first_ts, last/last_ts, delta (counters); day = local calendar day
//   rollup_dirty    late samples whose rollups are still to be recomputed (survives a crash)
//   alarm_journal, audit_log, report_corrections   filled by the alarm, control and report issues
// v2: alarm_journal's station and tag names, unit and cause (detail).
// report_corrections is kept, unused until the reports issue: REPORTS.md's audited corrections
// need it (and will add method, approver and login to it in their own migration).
// v3: alarm_journal.ack_login and audit_log.login — the login name, unique, next to the display
//     name (ack_user, user_name) that two users may share; NULL in rows written before.
// v7: the audit chain (auditchain.h): audit_log.seq, prev_hash, hash — each row's hash covers
//     the row and the hash before it; audit_head (one row) holds the last seq and hash; and
//     audit_log.journal_id, the alarm_journal row an "alarm.*" audit row records a change of.
//     Rows written before v7 have seq NULL: not covered by the chain.
#pragma once

#include "dialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace PumpWatch::History {

class Schema {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::Schema)

public:
    static int latestVersion();
    /// The database's version (0 when it has no schema yet), or -1 on error.
    static int version(QSqlDatabase& db, QString* error);
    /// Applies every missing migration up to `upToVersion` (tests build old databases with it).
    /// False with `*error` naming the failed migration.
    static bool migrate(QSqlDatabase& db, const Dialect& dialect, qint64 nowMs, QString* error,
                        int upToVersion = latestVersion());
};

} // namespace PumpWatch::History
