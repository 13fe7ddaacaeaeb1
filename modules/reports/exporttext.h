// The words the file renderers (CSV, .xlsx) add around a report's grid, in the reader's
// language: the 备注 label, the signature block, a cell's comment, and the error that names the
// file. One place, so that every file says them alike. Any thread; no state.
//
//     ExportText::signatureFields(report, QStringLiteral("________"))
//         // {"制表人：李四", "审核人：________", "批准人：________", "制表时间：2015-09-10 08:30"}
#pragma once

#include "report.h"

#include <QCoreApplication>
#include <QStringList>

namespace PumpWatch::Reports {

class ExportText {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::ExportText)

public:
    /// The note as printed under the grid: the first one after the 备注 label.
    static QString note(const QString& text, bool first);
    /// "制表人：李四", one field per signature (an empty name reads `unsigned`), then 制表时间.
    static QStringList signatureFields(const Report& report, const QString& blankName);
    /// A cell's comment: its own words, else the words for its flags; empty: none.
    static QString comment(const Cell& cell);
    /// "Cannot write /path/file.xlsx: reason".
    static QString writeError(const QString& path, const QString& reason);
    /// The 修正记录 sheet's name and its column headers after the row label.
    static QString correctionsTitle();
    static QStringList correctionsHeaders();
    /// Excel's page footer, centred: "&C第 &P 页 共 &N 页".
    static QString pageFooter();
    /// The sheet's name when the title cannot be one.
    static QString sheetName();
};

} // namespace PumpWatch::Reports
