// ReportPainter: a Report on paper. Lays the report out on pages in millimetres, then paints
// any page with QPainter — the same code for the printer, the PDF and the preview's images,
// so what the preview shows is what prints.
//
// Two passes: the constructor measures (which body rows go on which page, so the footer can say
// "第 X 页 共 Y 页"), paintPage() paints. Page 1 carries the title and the subtitles; every page
// repeats the header rows (Report::headerRows, with their merges); the last page carries the
// legend of the marks used, the notes (备注), what the cells' comments say, and the signature
// block (制表人 / 审核人 / 批准人, 制表时间), kept with the last rows of the table. Columns are
// scaled to the printable width; the body font is fixed (9 pt), so a long report takes more
// pages, never smaller text.
//
// The painter keeps a reference to the report, which must outlive it. Main thread (fonts need
// the QGuiApplication); const methods may be called in any order, any number of times.
//
//     ReportPainter paper(report, device.pageLayout());
//     QPainter p(&device);
//     for (int i = 0; i < paper.pageCount(); ++i) {
//         if (i > 0)
//             device.newPage();
//         paper.paintPage(p, i);
//     }
// or simply writePdf(report, path, &error), print(report, printer, &error),
// previewPages(report, 96).
#pragma once

#include <reports/report.h>

#include <QFont>
#include <QImage>
#include <QPageLayout>

#include <vector>

class QPagedPaintDevice;
class QPainter;

namespace PumpWatch::Reports {

class ReportPainter {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::ReportPainter)

public:
    /// Lays `report` out on pages of `page`'s paint rectangle (the paper less its margins).
    ReportPainter(const Report& report, const QPageLayout& page);
    explicit ReportPainter(const Report& report)
        : ReportPainter(report, pageLayout(report))
    {}

    /// The report's own page: A4, landscape or portrait and margins from Report::page.
    static QPageLayout pageLayout(const Report& report);

    const QPageLayout& layout() const { return m_page; }
    int pageCount() const { return static_cast<int>(m_pages.size()); }
    /// The body rows (indices into Report::rows, past the header rows) on `page`: [first, end).
    std::pair<int, int> bodyRows(int page) const;

    /// Paints `page` (0-based). The painter's origin is the top-left corner of the paint
    /// rectangle, in device pixels, as on a QPagedPaintDevice; its device's logical DPI gives
    /// the scale.
    void paintPage(QPainter& painter, int page) const;

private:
    struct Page {
        int first = 0; ///< first body row
        int end = 0;   ///< past the last body row
    };
    struct Cursor;

    double topOf(int page) const;
    /// The header rows' heights: a header that wraps makes its row taller (never less than a
    /// body row).
    void measureHeader();
    double headerMm() const;
    /// Whether the subtitles share one line (each fits its third of it) or take a line each.
    bool subtitlesOnOneLine() const;
    double endBlockHeight() const;
    void paginate();
    void paintTitle(Cursor& c, int page) const;
    void paintTable(Cursor& c, int page) const;
    void paintCell(Cursor& c, int row, int column, const QRectF& rectMm) const;
    void paintEndBlock(Cursor& c) const;
    void paintSignatures(Cursor& c, double top) const;
    void paintFooter(Cursor& c, int page) const;

    QStringList legend() const;
    QStringList cellComments() const;
    double paragraphHeight(const QString& text, const QFont& font) const;

    const Report& m_report;
    QPageLayout m_page;
    QSizeF m_sizeMm;                ///< the paint rectangle
    std::vector<double> m_xMm;      ///< left edge of each column, and the table's right edge
    std::vector<double> m_headerMm; ///< height of each header row
    QFont m_body;
    QFont m_bold;
    QFont m_title;
    QFont m_footer;
    QImage m_measure; ///< a 1200 dpi device to measure wrapped paragraphs on
    std::vector<Page> m_pages;
};

/// Writes the report as a PDF (A4 per the report's page setup, 600 dpi, title and creator set).
bool writePdf(const Report& report, const QString& path, QString* error = nullptr);
/// The pages as white images at `dpi`, for the print preview: the same painting as on paper.
std::vector<QImage> previewPages(const Report& report, int dpi);
/// Prints on any paged device (a QPrinter, a QPdfWriter): sets the report's page layout on it
/// (a printer may widen the margins to what it can print) and paints every page.
bool print(const Report& report, QPagedPaintDevice& device, QString* error = nullptr);

} // namespace PumpWatch::Reports
