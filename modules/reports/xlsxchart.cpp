#include "xlsxchart.h"

#include <QStringList>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <utility>

namespace PumpWatch::Reports::Xlsx {
namespace {

constexpr double ChartScaleX = 2.0; // of libxlsxwriter's 480 × 288 px: 960 × 432 px, 22 rows
constexpr double ChartScaleY = 1.5;
constexpr int ChartRows = 23; // a chart's rows and one between charts
constexpr int32_t ChartGapPx = 16;

/// The column's header as one line: the texts down its header rows ("北郊水厂 一号线"), a merged
/// header's from its anchor; the column's name when they are empty.
QString headerText(const Report& report, int column)
{
    QStringList parts;
    for (int i = 0; i < std::min(report.headerRows, report.rowCount()); ++i) {
        const CellRange* m = report.mergeAt(i, column);
        const QString text =
            m ? report.cell(m->row, m->column).displayText() : report.cell(i, column).displayText();
        if (!text.isEmpty() && (parts.isEmpty() || parts.last() != text))
            parts << text;
    }
    return parts.isEmpty() ? report.columns[column].name : parts.join(u' ');
}

bool inside(const Report& report, const ReportChart& c)
{
    const auto column = [&](int j) { return j >= 0 && j < report.columnCount(); };
    return c.firstRow >= 0 && c.firstRow <= c.lastRow && c.lastRow < report.rowCount() &&
           column(c.categoryColumn) && !c.valueColumns.empty() &&
           std::all_of(c.valueColumns.begin(), c.valueColumns.end(), column);
}

/// The values as the file caches them for readers that do not calculate (previews, viewers,
/// the chart pasted elsewhere): libxlsxwriter caches a blank cell as 0, but no data is a gap,
/// never 0. A series longer than libxlsxwriter 1.1's caches count (16 bits: its points would
/// be numbered over again, which Excel repairs) is written without caches: Excel reads the
/// cells.
bool cacheValues(lxw_chart_series* series, const Report& report, const ReportChart& c, int column)
{
    lxw_series_range* range = series->values;
    range->ignore_cache = LXW_TRUE; // filled here; libxlsxwriter frees it with the chart
    if (c.lastRow - c.firstRow >= std::numeric_limits<uint16_t>::max()) {
        series->categories->ignore_cache = LXW_TRUE;
        return true;
    }
    for (int i = c.firstRow; i <= c.lastRow; ++i) {
        auto* point =
            static_cast<lxw_series_data_point*>(std::calloc(1, sizeof(lxw_series_data_point)));
        if (!point)
            return false;
        if (const Cell& cell = report.cell(i, column); cell.value)
            point->number = *cell.value;
        else
            point->no_data = LXW_TRUE;
        STAILQ_INSERT_TAIL(range->data_cache, point, list_pointers);
        ++range->num_data_points;
    }
    return true;
}

double excelSerial(const QDateTime& time)
{
    lxw_datetime t = excelTime(time);
    return lxw_datetime_to_excel_datetime(&t);
}

} // namespace

bool isTime(const Cell& cell)
{
    return cell.time.isValid() && cell.formula.kind == Formula::None && !cell.value;
}

lxw_datetime excelTime(const QDateTime& time)
{
    const QDate d = time.date();
    const QTime t = time.time();
    return {d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second() + t.msec() / 1000.0};
}

QByteArray DateFormats::of(const Cell& cell)
{
    static constexpr std::pair<const char*, const char*> patterns[] = {
        {"yyyy-MM-dd HH:mm", "yyyy-mm-dd hh:mm"},
        {"yyyy-MM-dd HH:mm:ss", "yyyy-mm-dd hh:mm:ss"},
        {"yyyy-MM-dd", "yyyy-mm-dd"},
        {"MM-dd HH:mm", "mm-dd hh:mm"},
        {"HH:mm", "hh:mm"},
        {"HH:mm:ss", "hh:mm:ss"},
        {"yyyy-MM", "yyyy-mm"},
    };
    constexpr size_t count = std::size(patterns);
    for (size_t n = 0; n < count; ++n) {
        const size_t k = (m_hint + n) % count;
        if (cell.time.toString(QLatin1String(patterns[k].first)) == cell.text) {
            m_hint = k;
            return patterns[k].second;
        }
    }
    const qsizetype colons = cell.text.count(u':');
    return colons >= 2 ? "yyyy-mm-dd hh:mm:ss" : colons == 1 ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd";
}

// Times on the x axis make a scatter chart with straight lines: a line chart's date axis counts
// whole days (it would stack a day's hours on one tick) and a text axis would space the rows
// around a gap as evenly as the others.
lxw_error writeCharts(lxw_workbook* book, lxw_worksheet* sheet, const Report& report, int top,
                      DateFormats& formats)
{
    const QByteArray sheetName(sheet->name); // libxlsxwriter quotes it in the ranges
    const auto row = [&](int gridRow) { return static_cast<lxw_row_t>(top + gridRow); };
    const auto col = [](int column) { return static_cast<lxw_col_t>(column); };
    lxw_row_t at = row(0);
    lxw_error error = LXW_NO_ERROR;
    for (const ReportChart& c : report.charts) {
        if (!inside(report, c))
            continue;
        const Cell& firstTime = report.cell(c.firstRow, c.categoryColumn);
        const Cell& lastTime = report.cell(c.lastRow, c.categoryColumn);
        const bool times = isTime(firstTime) && isTime(lastTime);
        lxw_chart* chart =
            workbook_add_chart(book, times ? LXW_CHART_SCATTER_STRAIGHT : LXW_CHART_LINE);
        if (!chart)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        if (!c.title.isEmpty())
            chart_title_set_name(chart, c.title.toUtf8().constData());
        for (const int j : c.valueColumns) {
            lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
            if (!series)
                return LXW_ERROR_MEMORY_MALLOC_FAILED;
            chart_series_set_categories(series, sheetName.constData(), row(c.firstRow),
                                        col(c.categoryColumn), row(c.lastRow),
                                        col(c.categoryColumn));
            chart_series_set_values(series, sheetName.constData(), row(c.firstRow), col(j),
                                    row(c.lastRow), col(j));
            chart_series_set_name(series, headerText(report, j).toUtf8().constData());
            if (!cacheValues(series, report, c, j))
                return LXW_ERROR_MEMORY_MALLOC_FAILED;
        }
        if (times) {
            // From the first time to the last, labelled as the table prints them.
            chart_axis_set_min(chart->x_axis, excelSerial(firstTime.time));
            chart_axis_set_max(chart->x_axis, excelSerial(lastTime.time));
            chart_axis_set_num_format(chart->x_axis, formats.of(firstTime).constData());
        }
        if (!c.valueAxisTitle.isEmpty())
            chart_axis_set_name(chart->y_axis, c.valueAxisTitle.toUtf8().constData());
        chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        lxw_chart_options options{};
        options.x_offset = ChartGapPx;
        options.x_scale = ChartScaleX;
        options.y_scale = ChartScaleY;
        const lxw_error e =
            worksheet_insert_chart_opt(sheet, at, col(report.columnCount()), chart, &options);
        if (e != LXW_NO_ERROR && error == LXW_NO_ERROR)
            error = e;
        at += ChartRows;
    }
    return error;
}

} // namespace PumpWatch::Reports::Xlsx
