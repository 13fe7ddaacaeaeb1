// Report: one printed report as a grid of cells — the single model every renderer reads (the
// reports panel, print preview and paper, PDF, .xlsx, .odt, CSV), so that screen, paper and
// files always agree.
//
// A report is a title, lines under it (统计口径, 单位, the period), a grid whose first
// `headerRows` rows are the column headers (repeated on every page and frozen in Excel), merged
// ranges, notes (备注) and a signature block (制表人, 审核人, 批准人, 制表时间) on the last page.
// A cell holds a number or a text; a number carries its decimals and quality flags; a total
// carries its formula over other cells (Excel keeps it as a formula with the cached value).
// A cell with neither number nor text is blank: "no data" is never printed as 0.
//
//     Report r;
//     r.title = u"供排水公司日产量报表"_s;
//     r.columns = {{u"日期"_s, 12}, …};
//     r.headerRows = 2;
//     r.rows.push_back({Cell::label(u"日期"_s), …});
//     r.merges.push_back({0, 0, 2, 1});            // 日期 over two header rows
//     Cell::number(44456, 0)                        // a body value
//     Cell::total(Formula::Sum, {{2, 1, 15, 1}})    // with its cached value set by finish()
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QFlags>
#include <QString>

#include <optional>
#include <vector>

namespace PumpWatch::Reports {

/// What a reader must know about a number. Stored and rendered: a corrected cell is green, an
/// estimated one italic, a missing one blank; each flag is named in the cell's comment.
enum class CellFlag : quint16 {
    Missing = 0x1,     ///< no data for (part of) the period: blank when it is the whole period
    Estimated = 0x2,   ///< interpolated across a comm gap, or derived from another quantity
    Corrected = 0x4,   ///< an administrator's correction (report_corrections)
    Reset = 0x8,       ///< the meter restarted at 0 within the period
    Rollover = 0x10,   ///< the meter wrapped at its modulus within the period
    Incomplete = 0x20, ///< the period is not over, or data after a gap has not arrived yet
    Replaced = 0x40,   ///< a meter replacement (an entered event) within the period
    Suspect = 0x80,    ///< a spike above Q_max × Δt × 1.2, or volume vs flow integral apart
};
Q_DECLARE_FLAGS(CellFlags, CellFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(CellFlags)

/// How a cell is set: the renderers map roles to fonts, fills and borders.
enum class CellRole : quint8 {
    Body,   ///< a value or a row label
    Header, ///< a column header (bold, centred, shaded)
    Total,  ///< 小计 / 合计 / 平均 / 最大 / 最小 rows and columns (bold)
};

/// A rectangle of the grid, in grid coordinates (row 0 is the first header row).
struct CellRange {
    int row = 0;
    int column = 0;
    int rows = 1;
    int columns = 1;
    friend bool operator==(const CellRange&, const CellRange&) = default;
};

/// A total over other cells of the grid. Blank cells are left out (as Excel does).
struct Formula {
    enum Kind : quint8 { None = 0, Sum, Average, Max, Min };
    Kind kind = None;
    std::vector<CellRange> ranges;
    friend bool operator==(const Formula&, const Formula&) = default;
};

struct Cell {
    std::optional<double> value; ///< a number
    QString text;                ///< a text cell (labels, headers, "—" for an undefined ratio)
    int decimals = 0;            ///< digits after the point of a number
    CellRole role = CellRole::Body;
    CellFlags flags;
    Formula formula; ///< a total: finish() computes `value` from it
    QString comment; ///< what the flags mean here ("通讯中断 06:10–09:40，线性插值"), a correction
    QString key; ///< stable identity of a correctable cell ("S0001/2026-12-01"); empty: none
    /// A date and time (a query's time column, the time of a maximum): `text` holds how the
    /// screen and CSV print it, Excel gets a date in the project's local time.
    QDateTime time;

    static Cell label(const QString& text, CellRole role = CellRole::Body);
    static Cell header(const QString& text) { return label(text, CellRole::Header); }
    static Cell number(double value, int decimals, CellFlags flags = {});
    static Cell blank(CellFlags flags = {});
    static Cell total(Formula::Kind kind, std::vector<CellRange> ranges, int decimals);
    /// A date/time cell printed as `format` ("yyyy-MM-dd HH:mm") in the time's own zone.
    static Cell at(const QDateTime& time, const QString& format, CellRole role = CellRole::Body);

    bool isNumber() const { return value.has_value(); }
    /// What every renderer prints: the number with its decimals, the text, or nothing.
    QString displayText() const;
    friend bool operator==(const Cell&, const Cell&) = default;
};

struct Column {
    QString name;        ///< for CSV's and screen readers' sake when headers are merged
    double width = 10.0; ///< in characters of the body font (Excel's unit); paper scales to fit
    friend bool operator==(const Column&, const Column&) = default;
};

/// A line chart over columns of the grid, embedded by the .xlsx writer beside the table (the
/// screen and paper draw their own). Rows and columns in grid coordinates; the category column
/// holds the times or labels of the x axis.
struct ReportChart {
    QString title;
    int categoryColumn = 0;
    int firstRow = 0; ///< the first body row charted
    int lastRow = 0;  ///< the last body row charted, inclusive
    std::vector<int> valueColumns;
    QString valueAxisTitle; ///< the unit(s): "MPa"
    friend bool operator==(const ReportChart&, const ReportChart&) = default;
};

struct Signature {
    QString role; ///< 制表人, 审核人, 批准人
    QString name; ///< empty: a line to sign on
    friend bool operator==(const Signature&, const Signature&) = default;
};

struct PageSetup {
    bool landscape = true;
    bool fitToWidth = true; ///< one page wide, as many pages tall as needed
    double marginMm = 12.0;
    friend bool operator==(const PageSetup&, const PageSetup&) = default;
};

class Report {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::Report)

public:
    QString family; ///< "daily", "production", "energy"
    QString id;     ///< family and period, usable as a file name: "production-day-2026-12-01"
    QString title;
    QStringList subtitles; ///< lines under the title: 统计口径, 单位, 日期
    std::vector<Column> columns;
    int headerRows = 1;
    std::vector<std::vector<Cell>> rows; ///< every row has columns.size() cells
    std::vector<CellRange> merges;       ///< header merges and merged labels; never overlapping
    QStringList notes;                   ///< 备注, one paragraph each
    std::vector<Signature> signatures;
    QDateTime generatedAt; ///< 制表时间, in the project's zone
    QString sheetName;     ///< the worksheet's name in a workbook of several reports; empty: title
    std::vector<ReportChart> charts;
    PageSetup page;

    int rowCount() const { return static_cast<int>(rows.size()); }
    int columnCount() const { return static_cast<int>(columns.size()); }
    const Cell& cell(int row, int column) const { return rows[row][column]; }
    Cell& cell(int row, int column) { return rows[row][column]; }
    /// The merge that covers (row, column), if any.
    const CellRange* mergeAt(int row, int column) const;
    /// The cell's top-left merge anchor, or the cell itself: (row, column) unchanged.
    bool isCovered(int row, int column) const;

    /// Computes every total's value from its formula (in row order, so totals of totals work)
    /// and merges the flags of what it adds up (a total of an estimated cell is estimated).
    void finish();
    /// Problems with the model itself (ragged rows, overlapping merges, a formula pointing at
    /// text); empty when renderers can trust it.
    QStringList check() const;

    /// The comment's words for a cell's flags, in the reader's language ("估算；含计数器归零").
    static QString flagText(CellFlags flags);

    friend bool operator==(const Report&, const Report&) = default;
};

} // namespace PumpWatch::Reports
