// ReaderViews: the versioned read-only views other systems of the utility read (seed 000 §3.3),
// and the LOGIN role they read them as. PostgreSQL only: SQLite has neither schemas nor roles.
//
// The schema name is the contract: pumpwatch_v1 keeps its views' columns and meaning; a change
// a reader would notice (a column renamed, removed or meaning something else) makes
// pumpwatch_v2 beside it, and v1 stays until its readers have moved. Adding a view to v1 is
// allowed. The columns are documented in docs/data-sharing.md.
//
//   stations        id, name, code, district, zones, line, plant, lon, lat
//   tags            path, station, device, key, name, unit, quantity
//   latest_values   path, station, ts, ts_ms, value, quality, quality_code
//   hourly_values,  path, station, period_start, period_start_ms, samples, min, max, avg,
//   daily_values      first, last, last_ts, covered_ms, delta
//   alarm_journal   id, station, station_name, tag, tag_name, alarm_type, severity, value, unit,
//                   start_time, start_ms, end_time, end_ms, end_state, active, ack_time, ack_user,
//                   note, detail
//   reports         report, version, format, file, sha256, generated_by, generated_time,
//                   reviewed_by, reviewed_time
//   report_runs     family, period, due_time, run_time, status, detail
//
// The views run with their owner's rights (the account that ran setup), so the reader needs
// SELECT on the views only: it gets USAGE on pumpwatch_v1 and SELECT on its views, nothing on
// the base tables, no CREATE anywhere, no temporary tables (TEMPORARY is revoked from PUBLIC on
// the database), its sessions are read-only by default and its statements time out after 5 min.
#pragma once

#include <core/project.h>
#include <history/databaseurl.h>

#include <QCoreApplication>

namespace PumpWatch::Share {

class ReaderViews {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Share::ReaderViews)

public:
    /// The contract's schema: "pumpwatch_v1".
    static QString schemaName();
    /// Creates or updates the schema, the views, the metadata (syncMetadata) and the LOGIN role
    /// `reader` with `password`, and grants it what the views need and nothing else. Idempotent:
    /// run again to change the password or after an upgrade. `url` must be PostgreSQL and its
    /// user must be allowed to create roles. False with `*error`.
    static bool setup(const Project& project, const History::DatabaseUrl& url,
                      const QString& reader, const QString& password, QString* error);
    /// Whether `name` is accepted as a role name: lower-case letters, digits and _, starting
    /// with a letter or _, at most 63 characters.
    static bool isValidRoleName(const QString& name);
};

} // namespace PumpWatch::Share
