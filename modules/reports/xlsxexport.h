// A report as an Excel workbook (.xlsx, through libxlsxwriter), laid out as the clerk prints it:
// the title merged across the columns and its lines below it; the header rows bold, centred,
// shaded, with their real merged ranges; numbers as numbers in the cell's decimals ("0.00"),
// blank cells blank (never 0); totals as formulas (=SUM(B7:C7)) with their computed values
// cached, so readers that do not calculate show them too; corrected cells green and estimated
// ones italic, each flagged cell with its comment; panes frozen below the header and after the
// first column; A4 landscape one page wide, the title and header rows on every page, "第 X 页
// 共 Y 页" in the footer; notes and the signature block under the grid; and, when any cell was
// corrected, a second sheet 修正记录 listing them.
//
// The file is written whole or not at all: an existing file is replaced only by a complete one.
// Reentrant: any thread, no shared state.
//
//     QString error;
//     if (!writeXlsx(report, dir.filePath(report.id + u".xlsx"_s), &error))
//         log(error); // "Cannot write /srv/reports/production-day-2026-12-01.xlsx: …"
#pragma once

#include "report.h"

#include <QString>

namespace PumpWatch::Reports {

/// On failure returns false and sets `*error` (if given) to a message naming the path.
bool writeXlsx(const Report& report, const QString& path, QString* error);
/// Several reports as the sheets of one workbook, in order (a query's ranking and its data).
bool writeXlsx(const std::vector<Report>& reports, const QString& path, QString* error);

} // namespace PumpWatch::Reports
