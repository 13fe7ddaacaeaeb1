// syncMetadata: the project's stations and tags into the share_stations and share_tags tables
// (connection.h), which the reader views join with history. Names, districts, zones and
// positions live in the project file, not in the history database, so a third party reading
// the views would otherwise see ids only. pumpwatch-server calls it at start; it replaces the
// tables' rows in one transaction (readers never see them half written), so it is idempotent
// and a station removed from the project disappears from the views. Any thread (it opens its
// own connection); SQLite and PostgreSQL.
#pragma once

#include <core/project.h>
#include <history/databaseurl.h>

namespace PumpWatch::Share {

/// Writes the project's stations and tags to the sharing metadata tables, replacing what was
/// there. False with `*error` when the database cannot be reached or written.
bool syncMetadata(const Project& project, const History::DatabaseUrl& url, QString* error);

} // namespace PumpWatch::Share
