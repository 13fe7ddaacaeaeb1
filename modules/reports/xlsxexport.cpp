#include "xlsxexport.h"

#include "exporttext.h"
#include "xlsxchart.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <xlsxwriter.h>

namespace PumpWatch::Reports {
namespace {

constexpr uint8_t PaperA4 = 9;
constexpr lxw_color_t HeaderShade = 0xD9D9D9;
constexpr lxw_color_t CorrectedGreen = 0xC6EFCE; // Excel's own "good" green
constexpr double MmPerInch = 25.4;
constexpr double RowHeightPt = 15.0;
constexpr double TitleHeightPt = 27.0;
constexpr double TitleFontPt = 16.0;
constexpr uint16_t CommentWidthPx = 320;
constexpr uint16_t CommentHeightPx = 90;
constexpr int SheetNameMax = 31;

lxw_row_t sheetRow(int row)
{
    return static_cast<lxw_row_t>(row);
}

lxw_col_t sheetColumn(int column)
{
    return static_cast<lxw_col_t>(column);
}

/// "A" … "Z", "AA" … for a column counted from 0.
QString columnLetters(int column)
{
    QString letters;
    for (int n = column + 1; n > 0; n = (n - 1) / 26)
        letters.prepend(QChar(u'A' + (n - 1) % 26));
    return letters;
}

QString cellRef(int row, int column)
{
    return columnLetters(column) + QString::number(row + 1);
}

/// A total's ranges in A1 notation, the grid's rows moved down by the `top` title rows.
QString rangeRefs(const Formula& formula, int top)
{
    QStringList refs;
    for (const CellRange& r : formula.ranges) {
        QString ref = cellRef(top + r.row, r.column);
        if (r.rows > 1 || r.columns > 1)
            ref += u':' + cellRef(top + r.row + r.rows - 1, r.column + r.columns - 1);
        refs << ref;
    }
    return refs.join(u',');
}

QString functionName(Formula::Kind kind)
{
    switch (kind) {
    case Formula::Sum:
        return QStringLiteral("SUM");
    case Formula::Average:
        return QStringLiteral("AVERAGE");
    case Formula::Max:
        return QStringLiteral("MAX");
    case Formula::Min:
        return QStringLiteral("MIN");
    case Formula::None:
        break;
    }
    return {};
}

QByteArray numberFormat(int decimals)
{
    return decimals > 0 ? "0." + QByteArray(decimals, '0') : QByteArray("0");
}

/// A sheet name Excel accepts: no []:*?/\, at most 31 characters, no apostrophe at either end.
QString sheetName(const QString& title)
{
    QString name = title;
    for (const QChar c : QStringLiteral("[]:*?/\\"))
        name.replace(c, u' ');
    name = name.left(SheetNameMax).trimmed();
    while (name.startsWith(u'\'') || name.endsWith(u'\''))
        name = name.startsWith(u'\'') ? name.mid(1) : name.chopped(1);
    return name.isEmpty() ? ExportText::sheetName() : name;
}

/// The rows a wrapped text takes across `widthChars` (Excel does not grow merged rows itself);
/// CJK characters are two of Excel's width units.
int wrappedLines(const QString& text, double widthChars)
{
    double units = 0;
    for (const QChar c : text)
        units += c.unicode() >= 0x2E80 ? 2.0 : 1.0;
    return std::max(1, static_cast<int>(std::ceil(units / std::max(widthChars, 1.0))));
}

/// One workbook being filled: its formats, made once each, its sheets' names, and the first
/// error of any call. libxlsxwriter owns the formats, sheets and charts; workbook_close() frees
/// them.
class WorkbookWriter {
public:
    explicit WorkbookWriter(lxw_workbook* book)
        : m_book(book)
    {}

    /// Adds the report as the next sheet, and its 修正记录 after it when it has corrections.
    lxw_error write(const Report& report)
    {
        m_report = &report;
        m_top = 0;
        lxw_worksheet* sheet =
            addSheet(sheetName(report.sheetName.isEmpty() ? report.title : report.sheetName));
        if (!sheet)
            return m_error;
        writeTitle(sheet);
        writeGrid(sheet);
        check(Xlsx::writeCharts(m_book, sheet, report, m_top, m_dateFormats));
        writeNotesAndSignatures(sheet);
        setUpPage(sheet, m_top + m_report->headerRows);
        for (int j = 0; j < m_report->columnCount(); ++j)
            check(worksheet_set_column(sheet, sheetColumn(j), sheetColumn(j),
                                       m_report->columns[j].width, nullptr));
        worksheet_freeze_panes(sheet, sheetRow(m_top + m_report->headerRows),
                               m_report->columnCount() > 1 ? 1 : 0);
        writeCorrections();
        return m_error;
    }

private:
    void check(lxw_error e)
    {
        if (e != LXW_NO_ERROR && m_error == LXW_NO_ERROR)
            m_error = e;
    }

    /// A sheet named `name`, or "name (2)" … when the workbook has one (Excel ignores case).
    lxw_worksheet* addSheet(const QString& name)
    {
        QString unique = name;
        for (int n = 2; m_sheetNames.contains(unique.toCaseFolded()); ++n) {
            const QString suffix = QStringLiteral(" (%1)").arg(n);
            unique = name.left(SheetNameMax - suffix.size()) + suffix;
        }
        m_sheetNames.insert(unique.toCaseFolded());
        lxw_worksheet* sheet = workbook_add_worksheet(m_book, unique.toUtf8().constData());
        if (!sheet)
            sheet = workbook_add_worksheet(m_book, nullptr); // "Sheet2": still the data
        if (!sheet)
            check(LXW_ERROR_MEMORY_MALLOC_FAILED);
        return sheet;
    }

    lxw_format* newFormat()
    {
        lxw_format* f = workbook_add_format(m_book);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        return f;
    }

    /// The number format a cell is shown with: its decimals, a date's pattern, none for text.
    QByteArray numberFormatOf(const Cell& c)
    {
        if (c.isNumber() || c.formula.kind != Formula::None)
            return numberFormat(c.decimals);
        return Xlsx::isTime(c) ? m_dateFormats.of(c) : QByteArray();
    }

    lxw_format* cellFormat(const Cell& c)
    {
        const QByteArray number = numberFormatOf(c);
        const bool numeric = !number.isEmpty();
        const bool italic = c.flags.testFlag(CellFlag::Estimated);
        const bool green = c.flags.testFlag(CellFlag::Corrected);
        lxw_format*& f = m_formats[std::tuple(c.role, number, italic, green)];
        if (f)
            return f;
        f = newFormat();
        format_set_border(f, LXW_BORDER_THIN);
        if (numeric)
            format_set_num_format(f, number.constData());
        if (c.role == CellRole::Header) {
            format_set_bold(f);
            format_set_align(f, LXW_ALIGN_CENTER);
            format_set_text_wrap(f);
            format_set_bg_color(f, HeaderShade);
        } else if (c.role == CellRole::Total) {
            format_set_bold(f);
            if (!numeric)
                format_set_align(f, LXW_ALIGN_CENTER);
        }
        if (italic)
            format_set_italic(f);
        if (green)
            format_set_bg_color(f, CorrectedGreen);
        return f;
    }

    /// A line across all columns: merged when there are several.
    void writeSpan(lxw_worksheet* sheet, int row, const QString& text, lxw_format* f)
    {
        const QByteArray utf8 = text.toUtf8();
        const int last = std::max(m_report->columnCount() - 1, 0);
        if (last > 0)
            check(worksheet_merge_range(sheet, sheetRow(row), 0, sheetRow(row), sheetColumn(last),
                                        utf8.constData(), f));
        else
            check(worksheet_write_string(sheet, sheetRow(row), 0, utf8.constData(), f));
    }

    void writeTitle(lxw_worksheet* sheet)
    {
        if (!m_report->title.isEmpty()) {
            lxw_format* f = newFormat();
            format_set_bold(f);
            format_set_font_size(f, TitleFontPt);
            format_set_align(f, LXW_ALIGN_CENTER);
            check(worksheet_set_row(sheet, sheetRow(m_top), TitleHeightPt, nullptr));
            writeSpan(sheet, m_top++, m_report->title, f);
        }
        lxw_format* f = newFormat();
        format_set_align(f, LXW_ALIGN_CENTER);
        for (const QString& line : m_report->subtitles)
            writeSpan(sheet, m_top++, line, f);
    }

    void writeGrid(lxw_worksheet* sheet)
    {
        for (int i = 0; i < m_report->rowCount(); ++i) {
            for (int j = 0; j < m_report->columnCount(); ++j) {
                if (m_report->isCovered(i, j))
                    continue; // the merge wrote it blank, with its anchor's borders
                const Cell& c = m_report->cell(i, j);
                lxw_format* f = cellFormat(c);
                const CellRange* m = m_report->mergeAt(i, j);
                if (m && (m->rows > 1 || m->columns > 1))
                    check(worksheet_merge_range(sheet, sheetRow(m_top + i), sheetColumn(j),
                                                sheetRow(m_top + i + m->rows - 1),
                                                sheetColumn(j + m->columns - 1), "", f));
                writeCell(sheet, m_top + i, j, c, f);
            }
        }
    }

    void writeCell(lxw_worksheet* sheet, int row, int column, const Cell& c, lxw_format* f)
    {
        const lxw_row_t r = sheetRow(row);
        const lxw_col_t col = sheetColumn(column);
        if (c.formula.kind != Formula::None) {
            const QString refs = rangeRefs(c.formula, m_top);
            const QString total = functionName(c.formula.kind) + u'(' + refs + u')';
            if (c.value) {
                check(worksheet_write_formula_num(
                    sheet, r, col, (u'=' + total).toUtf8().constData(), f, *c.value));
            } else {
                // Nothing to add up: blank, as on screen, also after Excel recalculates.
                const QString guarded = QStringLiteral("=IF(COUNT(%1),%2,\"\")").arg(refs, total);
                check(worksheet_write_formula_str(sheet, r, col, guarded.toUtf8().constData(), f,
                                                  ""));
            }
        } else if (c.value) {
            check(worksheet_write_number(sheet, r, col, *c.value, f));
        } else if (Xlsx::isTime(c)) {
            lxw_datetime t = Xlsx::excelTime(c.time);
            check(worksheet_write_datetime(sheet, r, col, &t, f));
        } else if (!c.text.isEmpty()) {
            check(worksheet_write_string(sheet, r, col, c.text.toUtf8().constData(), f));
        } else {
            check(worksheet_write_blank(sheet, r, col, f));
        }
        const QString comment = ExportText::comment(c);
        if (!comment.isEmpty()) {
            lxw_comment_options options{};
            options.width = CommentWidthPx;
            options.height = CommentHeightPx;
            check(
                worksheet_write_comment_opt(sheet, r, col, comment.toUtf8().constData(), &options));
        }
    }

    /// 备注 and the signature block, a line apart from the grid.
    void writeNotesAndSignatures(lxw_worksheet* sheet)
    {
        double widthChars = 0;
        for (const Column& c : m_report->columns)
            widthChars += c.width;
        lxw_format* f = newFormat();
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_LEFT);
        int row = m_top + m_report->rowCount() + 1;
        const auto line = [&](const QString& text) {
            const int lines = wrappedLines(text, widthChars);
            if (lines > 1)
                check(worksheet_set_row(sheet, sheetRow(row), RowHeightPt * lines, nullptr));
            writeSpan(sheet, row++, text, f);
        };
        for (qsizetype n = 0; n < m_report->notes.size(); ++n)
            line(ExportText::note(m_report->notes[n], n == 0));
        const QStringList signatures =
            ExportText::signatureFields(*m_report, QStringLiteral("__________"));
        if (!signatures.isEmpty()) {
            ++row;
            line(signatures.join(QStringLiteral("\u3000\u3000")));
        }
    }

    void setUpPage(lxw_worksheet* sheet, int repeatedRows)
    {
        const PageSetup& page = m_report->page;
        if (page.landscape)
            worksheet_set_landscape(sheet);
        else
            worksheet_set_portrait(sheet);
        worksheet_set_paper(sheet, PaperA4);
        const double marginInch = page.marginMm / MmPerInch;
        worksheet_set_margins(sheet, marginInch, marginInch, marginInch, marginInch);
        if (page.fitToWidth)
            worksheet_fit_to_pages(sheet, 1, 0);
        if (repeatedRows > 0)
            check(worksheet_repeat_rows(sheet, 0, sheetRow(repeatedRows - 1)));
        check(worksheet_set_footer(sheet, ExportText::pageFooter().toUtf8().constData()));
    }

    /// 修正记录: every corrected cell, by its row's label and its column's name.
    void writeCorrections()
    {
        std::vector<std::pair<int, int>> corrected;
        for (int i = 0; i < m_report->rowCount(); ++i) {
            for (int j = 0; j < m_report->columnCount(); ++j) {
                if (m_report->cell(i, j).flags.testFlag(CellFlag::Corrected))
                    corrected.emplace_back(i, j);
            }
        }
        if (corrected.empty())
            return;
        lxw_worksheet* sheet = addSheet(ExportText::correctionsTitle());
        if (!sheet)
            return;
        const QStringList headers =
            QStringList{m_report->columns[0].name} + ExportText::correctionsHeaders();
        const double widths[] = {12, 20, 12, 60};
        lxw_format* header = cellFormat(Cell::header({}));
        for (int j = 0; j < headers.size(); ++j) {
            check(worksheet_write_string(sheet, 0, sheetColumn(j), headers[j].toUtf8().constData(),
                                         header));
            check(worksheet_set_column(sheet, sheetColumn(j), sheetColumn(j), widths[j], nullptr));
        }
        lxw_format* text = newFormat();
        format_set_border(text, LXW_BORDER_THIN);
        format_set_text_wrap(text);
        int row = 1;
        for (const auto& [i, j] : corrected) {
            const Cell& c = m_report->cell(i, j);
            const lxw_row_t r = sheetRow(row++);
            check(worksheet_write_string(
                sheet, r, 0, m_report->cell(i, 0).displayText().toUtf8().constData(), text));
            check(worksheet_write_string(sheet, r, 1,
                                         m_report->columns[j].name.toUtf8().constData(), text));
            if (c.value)
                check(worksheet_write_number(sheet, r, 2, *c.value,
                                             cellFormat(Cell::number(*c.value, c.decimals))));
            else
                check(worksheet_write_blank(sheet, r, 2, text));
            check(worksheet_write_string(sheet, r, 3, c.comment.toUtf8().constData(), text));
        }
        worksheet_freeze_panes(sheet, 1, 0);
        setUpPage(sheet, 1);
    }

    lxw_workbook* m_book;
    const Report* m_report = nullptr; ///< the one being written
    lxw_error m_error = LXW_NO_ERROR;
    int m_top = 0; ///< the title's rows above the grid
    std::map<std::tuple<CellRole, QByteArray, bool, bool>, lxw_format*> m_formats;
    std::set<QString> m_sheetNames; ///< case-folded, as Excel compares them
    Xlsx::DateFormats m_dateFormats;
};

} // namespace

namespace {

/// Both overloads: the reports by pointer, so that a single one is not copied.
bool writeWorkbook(const std::vector<const Report*>& reports, const QString& path, QString* error)
{
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = ExportText::writeError(path, reason);
        return false;
    };
    for (const Report* report : reports) {
        if (const QStringList problems = report->check(); !problems.isEmpty())
            return fail(problems.first());
    }
    // libxlsxwriter writes the zip at close; a file beside the target, renamed over it when
    // complete, keeps a failed write from leaving half a report under the report's name.
    const QString partPath = path + QStringLiteral(".part");
    const QByteArray part = QFile::encodeName(partPath);
    lxw_workbook* book = workbook_new(part.constData()); // never constant_memory: it breaks merges
    if (!book)
        return fail(QString::fromUtf8(lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED)));
    WorkbookWriter writer(book);
    lxw_error e = LXW_NO_ERROR;
    for (auto r = reports.begin(); r != reports.end() && e == LXW_NO_ERROR; ++r)
        e = writer.write(**r);
    const lxw_error closed = workbook_close(book);
    if (e == LXW_NO_ERROR)
        e = closed;
    if (e != LXW_NO_ERROR) {
        QFile::remove(partPath);
        return fail(QString::fromUtf8(lxw_strerror(e)));
    }
    if (std::rename(part.constData(), QFile::encodeName(path).constData()) != 0) {
        const QString reason = qt_error_string(errno);
        QFile::remove(partPath);
        return fail(reason);
    }
    return true;
}

} // namespace

bool writeXlsx(const Report& report, const QString& path, QString* error)
{
    return writeWorkbook({&report}, path, error);
}

bool writeXlsx(const std::vector<Report>& reports, const QString& path, QString* error)
{
    std::vector<const Report*> pointers;
    pointers.reserve(reports.size());
    for (const Report& r : reports)
        pointers.push_back(&r);
    return writeWorkbook(pointers, path, error);
}

} // namespace PumpWatch::Reports
