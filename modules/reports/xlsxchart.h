// The .xlsx writer's dates and charts (used by xlsxexport.cpp only): a time cell as an Excel
// date whose number format prints it as the screen does, and a report's ReportCharts as Excel
// charts beside its grid, their series reading the grid's cells (so that Excel redraws them when
// a value is edited). Any thread; no shared state.
#pragma once

#include "report.h"

#include <QByteArray>

#include <xlsxwriter.h>

namespace PumpWatch::Reports::Xlsx {

/// A cell written as an Excel date: a valid time, and neither a number nor a total.
bool isTime(const Cell& cell);
/// The time's wall clock in its own zone (the project's): Excel has no zones.
lxw_datetime excelTime(const QDateTime& time);

/// Excel's number format for a time cell that shows it as its text does: "yyyy-mm-dd hh:mm",
/// "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd", "mm-dd hh:mm", "hh:mm" … The model keeps the text, not
/// the pattern it was printed with, so the patterns are tried on the time until one prints the
/// text (the one that matched last first: a column's times share one); when none does, the
/// text's colons decide.
class DateFormats {
public:
    QByteArray of(const Cell& cell);

private:
    size_t m_hint = 0;
};

/// Adds `report`'s charts to `sheet` beside its grid (grid row 0 at sheet row `top`), one under
/// the other, each at the first column after the grid. A chart reaching outside the grid is left
/// out (the table is still worth having). Returns the first error.
lxw_error writeCharts(lxw_workbook* book, lxw_worksheet* sheet, const Report& report, int top,
                      DateFormats& formats);

} // namespace PumpWatch::Reports::Xlsx
