// A report as CSV for Excel and other tools: UTF-8 with a byte order mark (so Excel reads the
// Chinese right), CRLF line ends, fields quoted per RFC 4180. The title and its lines first,
// then the grid as the screen shows it (a merged header's text in its top-left cell, the cells
// it covers empty; numbers exactly as Cell::displayText() prints them; blank cells empty), then
// the notes (备注) and the signature block. Every line has at least as many fields as the
// report has columns. CSV has no comments or colours: cells' comments and flags are left out.
//
// Reentrant: any thread, no shared state.
//
//     QString error;
//     if (!writeCsv(report, dir.filePath(report.id + u".csv"_s), &error))
//         log(error); // "Cannot write /srv/reports/production-day-2026-12-01.csv: …"
#pragma once

#include "report.h"

#include <QByteArray>
#include <QString>

namespace PumpWatch::Reports {

/// The whole file: byte order mark, lines, CRLF.
QByteArray csvBytes(const Report& report);
/// Writes the file whole or not at all (an existing file stays until the new one is complete).
/// On failure returns false and sets `*error` (if given) to a message naming the path.
bool writeCsv(const Report& report, const QString& path, QString* error);

} // namespace PumpWatch::Reports
