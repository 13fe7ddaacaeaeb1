// The report as an OpenDocument text (.odt) that Word and LibreOffice open: the title, the
// subtitles, the grid as a table (merges; bold, shaded headers; bold totals; corrected cells
// green, estimated ones italic, missing ones blank), the notes and the signature block as
// paragraphs. Built with QTextDocument and written by Qt's ODF writer, which (Qt 6.4) writes
// neither the header row count the table carries nor cell backgrounds: the header is not
// repeated on a word processor's pages, and a cell's fill is its paragraph's. Main thread.
//
//     QString error;
//     if (!writeOdt(report, dir.filePath(report.id + u".odt"_s), &error))
//         qWarning() << error;
#pragma once

#include <reports/report.h>

namespace PumpWatch::Reports {

bool writeOdt(const Report& report, const QString& path, QString* error = nullptr);

} // namespace PumpWatch::Reports
