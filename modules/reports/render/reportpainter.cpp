#include "reportpainter.h"

#include "pdfunicode.h"
#include "reportfonts.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QLoggingCategory>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace PumpWatch::Reports {

namespace {

Q_LOGGING_CATEGORY(lcPaper, "pumpwatch.reports.paper")

// Sizes in millimetres and points. The body font is fixed: a long report takes more pages.
constexpr double BodyPt = 9.0;
constexpr double TitlePt = 16.0;
constexpr double FooterPt = 8.0;
constexpr double RowMm = 6.0;        // a table row: 9 pt text with air above and below
constexpr double LineMm = 5.5;       // a line of 9 pt text outside the table
constexpr double TitleMm = 10.0;     // the title line
constexpr double GapMm = 2.0;        // between blocks
constexpr double FooterMm = 7.0;     // "第 X 页 共 Y 页" at the bottom of the paint rectangle
constexpr double PaddingMm = 1.2;    // text from a cell's border
constexpr double SignatureMm = 12.0; // the signature line, with room above it to sign
constexpr int CarriedRows = 3;       // rows carried over to keep the signatures with the table
constexpr double MeasureDpi = 1200.0;

const QColor HeaderFill(0xe6, 0xe6, 0xe6);
const QColor CorrectedFill(0xc6, 0xef, 0xce); // the seed's green for corrected data
const QColor GridColor(0x40, 0x40, 0x40);

} // namespace

/// A page being painted: the painter and its scale from millimetres to device pixels.
struct ReportPainter::Cursor {
    QPainter& painter;
    double pxPerMm;
    QRectF px(const QRectF& mm) const
    {
        return {mm.x() * pxPerMm, mm.y() * pxPerMm, mm.width() * pxPerMm, mm.height() * pxPerMm};
    }
    double mm(double px) const { return px / pxPerMm; }
    double textWidthMm(const QString& text) const
    {
        return mm(QFontMetricsF(painter.font(), painter.device()).horizontalAdvance(text));
    }
    void text(const QRectF& mm, int flags, const QString& s) const
    {
        painter.drawText(px(mm), flags, s);
    }
    void line(QPointF a, QPointF b, double widthMm) const
    {
        painter.setPen(QPen(GridColor, widthMm * pxPerMm));
        painter.drawLine(a * pxPerMm, b * pxPerMm);
    }
};

ReportPainter::ReportPainter(const Report& report, const QPageLayout& page)
    : m_report(report)
    , m_page(page)
    , m_sizeMm(page.paintRect(QPageLayout::Millimeter).size())
    , m_body(reportFont(BodyPt))
    , m_bold(reportFont(BodyPt, true))
    , m_title(reportFont(TitlePt, true))
    , m_footer(reportFont(FooterPt))
    , m_measure(1, 1, QImage::Format_RGB32)
{
    const int dpm = qRound(MeasureDpi / 0.0254);
    m_measure.setDotsPerMeterX(dpm);
    m_measure.setDotsPerMeterY(dpm);

    // Fit to width: Column::width is in characters of the body font; paper scales them to the
    // printable width (or keeps ~2 mm a character when that is narrower and not fitted).
    double chars = 0.0;
    for (const Column& c : report.columns)
        chars += std::max(c.width, 1.0);
    double mmPerChar = chars > 0.0 ? m_sizeMm.width() / chars : 0.0;
    if (!report.page.fitToWidth)
        mmPerChar = std::min(mmPerChar, 2.0);
    m_xMm.push_back(0.0);
    for (const Column& c : report.columns)
        m_xMm.push_back(m_xMm.back() + std::max(c.width, 1.0) * mmPerChar);
    measureHeader();
    paginate();
}

void ReportPainter::measureHeader()
{
    const double scale = MeasureDpi / 25.4;
    const QFontMetricsF fm(m_bold, &m_measure);
    const double lineMm = fm.lineSpacing() / scale;
    const int rows = std::min(m_report.headerRows, m_report.rowCount());
    m_headerMm.assign(rows, RowMm);
    for (int r = 0; r < rows; ++r) {
        for (int col = 0; col < m_report.columnCount(); ++col) {
            const CellRange* m = m_report.mergeAt(r, col);
            if (m && (m->row != r || m->column != col || m->rows > 1))
                continue; // covered, or spanning rows: it has their height
            const int span = m ? m->columns : 1;
            // Measured a little narrower than painted, like the paragraphs.
            const double width = (m_xMm[col + span] - m_xMm[col] - 2 * PaddingMm) * 0.95 * scale;
            const QRectF used =
                fm.boundingRect(QRectF(0, 0, std::max(1.0, width), 1e7), Qt::TextWordWrap,
                                m_report.cell(r, col).displayText());
            const int lines = std::max(1, qRound(used.height() / fm.lineSpacing()));
            m_headerMm[r] = std::max(m_headerMm[r], lines * lineMm + (RowMm - lineMm));
        }
    }
}

double ReportPainter::headerMm() const
{
    return std::accumulate(m_headerMm.begin(), m_headerMm.end(), 0.0);
}

bool ReportPainter::subtitlesOnOneLine() const
{
    const int n = static_cast<int>(m_report.subtitles.size());
    if (n > 3)
        return false;
    const double scale = MeasureDpi / 25.4;
    const QFontMetricsF fm(m_body, &m_measure);
    for (const QString& s : m_report.subtitles) {
        if (fm.horizontalAdvance(s) / scale > m_sizeMm.width() / n - 2.0)
            return false;
    }
    return true;
}

QPageLayout ReportPainter::pageLayout(const Report& report)
{
    const double m = report.page.marginMm;
    return QPageLayout(QPageSize(QPageSize::A4),
                       report.page.landscape ? QPageLayout::Landscape : QPageLayout::Portrait,
                       QMarginsF(m, m, m, m), QPageLayout::Millimeter);
}

std::pair<int, int> ReportPainter::bodyRows(int page) const
{
    if (page < 0 || page >= pageCount())
        return {0, 0};
    return {m_pages[page].first, m_pages[page].end};
}

double ReportPainter::topOf(int page) const
{
    if (page > 0)
        return LineMm; // "title (continued)"
    const int lines = m_report.subtitles.isEmpty() ? 0
                      : subtitlesOnOneLine()       ? 1
                                                   : static_cast<int>(m_report.subtitles.size());
    return TitleMm + lines * LineMm + GapMm;
}

double ReportPainter::paragraphHeight(const QString& text, const QFont& font) const
{
    // Measured a little narrower than painted, so a device whose metrics differ slightly
    // never needs a line more than was measured.
    const double scale = MeasureDpi / 25.4;
    const QRectF box(0, 0, m_sizeMm.width() * 0.97 * scale, 1e7);
    const QFontMetricsF fm(font, &m_measure);
    const QRectF used = fm.boundingRect(box, Qt::TextWordWrap, text);
    const int lines = std::max(1, qRound(used.height() / fm.lineSpacing()));
    return lines * LineMm;
}

QStringList ReportPainter::legend() const
{
    bool corrected = false;
    bool estimated = false;
    bool missing = false;
    for (const auto& row : m_report.rows) {
        for (const Cell& c : row) {
            corrected |= c.flags.testFlag(CellFlag::Corrected);
            estimated |= c.flags.testFlag(CellFlag::Estimated);
            missing |= c.flags.testFlag(CellFlag::Missing) && !c.isNumber();
        }
    }
    QStringList marks;
    if (corrected)
        marks << tr("green: corrected by an administrator");
    if (estimated)
        marks << tr("italic: estimated, or a total including estimated values");
    if (missing)
        marks << tr("blank: no data");
    return marks;
}

QStringList ReportPainter::cellComments() const
{
    QStringList lines;
    // A comment repeated down a column (a meter silent for weeks) is listed at its first row
    // only: once a row, it would push the signatures off the last page.
    std::vector<QString> above(static_cast<size_t>(m_report.columnCount()));
    for (int r = m_report.headerRows; r < m_report.rowCount(); ++r) {
        for (int c = 0; c < m_report.columnCount(); ++c) {
            const Cell& cell = m_report.cell(r, c);
            if (std::exchange(above[static_cast<size_t>(c)], cell.comment) == cell.comment ||
                cell.comment.isEmpty())
                continue;
            const QString row = m_report.cell(r, 0).displayText();
            lines << tr("%1 %2: %3").arg(row, m_report.columns[c].name, cell.comment);
        }
    }
    return lines;
}

double ReportPainter::endBlockHeight() const
{
    double h = GapMm;
    const QStringList marks = legend();
    if (!marks.isEmpty())
        h += paragraphHeight(tr("Marks: %1").arg(marks.join(tr("; "))), m_body);
    for (const QString& note : m_report.notes)
        h += paragraphHeight(tr("Notes: %1").arg(note), m_body);
    for (const QString& line : cellComments())
        h += paragraphHeight(line, m_body);
    return h + SignatureMm;
}

void ReportPainter::paginate()
{
    const double headerMm = this->headerMm();
    const double bottom = m_sizeMm.height() - FooterMm;
    const auto capacity = [&](int page) {
        return static_cast<int>(std::floor((bottom - topOf(page) - headerMm) / RowMm + 1e-9));
    };
    const int end = m_report.rowCount();
    int row = std::min(m_report.headerRows, end);
    m_pages.push_back({row, row});
    while (row < end) {
        if (m_pages.back().end > m_pages.back().first)
            m_pages.push_back({row, row});
        const int n = std::clamp(capacity(pageCount() - 1), 1, end - row);
        m_pages.back().end = row + n;
        row += n;
    }

    // No widows: the last page of a longer table carries a few rows, not the total alone.
    if (pageCount() > 1) {
        Page& before = m_pages[m_pages.size() - 2];
        const int lacking = CarriedRows - (m_pages.back().end - m_pages.back().first);
        const int moved = std::max(0, std::min(lacking, before.end - before.first - 1));
        before.end -= moved;
        m_pages.back().first -= moved;
    }

    // The notes and signatures go under the end of the table; when they do not fit there,
    // the last rows go with them to a page of their own.
    const double endMm = endBlockHeight();
    Page& last = m_pages.back();
    const int lastIndex = pageCount() - 1;
    if (topOf(lastIndex) + headerMm + (last.end - last.first) * RowMm + endMm <= bottom)
        return;
    const int fit = static_cast<int>(
        std::floor((bottom - topOf(lastIndex + 1) - headerMm - endMm) / RowMm + 1e-9));
    const int carried = std::max(0, std::min({CarriedRows, fit, last.end - last.first - 1}));
    if (fit < 0)
        qCWarning(lcPaper) << "the notes and signatures of" << m_report.id
                           << "are taller than a page and will be cut";
    const Page next{last.end - carried, last.end};
    last.end -= carried;
    m_pages.push_back(next);
}

void ReportPainter::paintPage(QPainter& painter, int page) const
{
    if (page < 0 || page >= pageCount())
        return;
    Cursor c{painter, painter.device()->logicalDpiX() / 25.4};
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintTitle(c, page);
    paintTable(c, page);
    if (page == pageCount() - 1)
        paintEndBlock(c);
    paintFooter(c, page);
    painter.restore();
}

void ReportPainter::paintTitle(Cursor& c, int page) const
{
    c.painter.setPen(Qt::black);
    const double w = m_sizeMm.width();
    if (page > 0) {
        c.painter.setFont(m_bold);
        c.text({0, 0, w, LineMm}, Qt::AlignLeft | Qt::AlignTop,
               tr("%1 (continued)").arg(m_report.title));
        return;
    }
    c.painter.setFont(m_title);
    c.text({0, 0, w, TitleMm}, Qt::AlignHCenter | Qt::AlignTop, m_report.title);
    // The subtitles share one line: the first at the left, the last at the right (单位 and
    // the period usually), any others centred between; when they do not fit, a line each.
    c.painter.setFont(m_body);
    const int n = static_cast<int>(m_report.subtitles.size());
    if (!subtitlesOnOneLine()) {
        for (int i = 0; i < n; ++i)
            c.text({0, TitleMm + i * LineMm, w, LineMm}, Qt::AlignLeft | Qt::AlignVCenter,
                   m_report.subtitles[i]);
        return;
    }
    for (int i = 0; i < n; ++i) {
        const double slot = w / n;
        int align = Qt::AlignHCenter;
        if (i == 0)
            align = Qt::AlignLeft;
        else if (i == n - 1)
            align = Qt::AlignRight;
        c.text({i * slot, TitleMm, slot, LineMm}, align | Qt::AlignVCenter, m_report.subtitles[i]);
    }
}

void ReportPainter::paintTable(Cursor& c, int page) const
{
    std::vector<int> rows;
    for (int r = 0; r < std::min(m_report.headerRows, m_report.rowCount()); ++r)
        rows.push_back(r);
    for (int r = m_pages[page].first; r < m_pages[page].end; ++r)
        rows.push_back(r);
    const int count = static_cast<int>(rows.size());
    // The top of each row on this page, and the table's bottom.
    std::vector<double> y{topOf(page)};
    for (int r : rows)
        y.push_back(y.back() + (r < m_report.headerRows ? m_headerMm[r] : RowMm));
    for (int k = 0; k < count; ++k) {
        const int r = rows[k];
        for (int col = 0; col < m_report.columnCount(); ++col) {
            const CellRange* m = m_report.mergeAt(r, col);
            if (!m) {
                paintCell(c, r, col,
                          {m_xMm[col], y[k], m_xMm[col + 1] - m_xMm[col], y[k + 1] - y[k]});
                continue;
            }
            // A merge is painted once, over the rows of it that are on this page.
            const bool firstHere = col == m->column && (k == 0 || rows[k - 1] < m->row);
            if (!firstHere)
                continue;
            int last = k;
            while (last + 1 < count && rows[last + 1] < m->row + m->rows)
                ++last;
            const double x = m_xMm[m->column];
            paintCell(c, m->row, m->column,
                      {x, y[k], m_xMm[m->column + m->columns] - x, y[last + 1] - y[k]});
        }
    }
    // The table's outline and the line under the header, heavier than the grid.
    const QRectF outline(0, y.front(), m_xMm.back(), y.back() - y.front());
    c.painter.setBrush(Qt::NoBrush);
    c.painter.setPen(QPen(GridColor, 0.4 * c.pxPerMm));
    c.painter.drawRect(c.px(outline));
    const double headerBottom = y[std::min(m_report.headerRows, count)];
    c.line({0, headerBottom}, {m_xMm.back(), headerBottom}, 0.4);
}

void ReportPainter::paintCell(Cursor& c, int row, int column, const QRectF& rectMm) const
{
    const Cell& cell = m_report.cell(row, column);
    const QRectF box = c.px(rectMm);
    if (cell.role == CellRole::Header)
        c.painter.fillRect(box, HeaderFill);
    else if (cell.flags.testFlag(CellFlag::Corrected))
        c.painter.fillRect(box, CorrectedFill);
    c.painter.setPen(QPen(GridColor, 0.2 * c.pxPerMm));
    c.painter.setBrush(Qt::NoBrush);
    c.painter.drawRect(box);

    const QString text = cell.displayText();
    if (text.isEmpty())
        return;
    QFont font = cell.role == CellRole::Body ? m_body : m_bold;
    font.setItalic(cell.flags.testFlag(CellFlag::Estimated));
    c.painter.setFont(font);
    c.painter.setPen(Qt::black);
    const QRectF inner = rectMm.adjusted(PaddingMm, 0, -PaddingMm, 0);
    if (cell.role == CellRole::Header) {
        c.text(inner, Qt::AlignCenter | Qt::TextWordWrap, text);
        return;
    }
    if (!cell.isNumber()) {
        const QFontMetricsF fm(font, c.painter.device());
        c.text(inner, Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(text, Qt::ElideRight, inner.width() * c.pxPerMm));
        return;
    }
    // A number is never cut: a too-wide one is set smaller in its cell alone.
    while (c.textWidthMm(text) > inner.width() && font.pointSizeF() > 5.0) {
        font.setPointSizeF(font.pointSizeF() - 0.5);
        c.painter.setFont(font);
    }
    c.text(inner, Qt::AlignRight | Qt::AlignVCenter, text);
}

void ReportPainter::paintEndBlock(Cursor& c) const
{
    const Page& last = m_pages.back();
    double y = topOf(pageCount() - 1) + headerMm() + (last.end - last.first) * RowMm + GapMm;
    const double w = m_sizeMm.width();
    c.painter.setPen(Qt::black);
    const auto paragraph = [&](const QString& text, const QFont& font) {
        const double h = paragraphHeight(text, font);
        c.painter.setFont(font);
        c.text({0, y, w, h}, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
        y += h;
    };
    const QStringList marks = legend();
    if (!marks.isEmpty())
        paragraph(tr("Marks: %1").arg(marks.join(tr("; "))), m_body);
    for (const QString& note : m_report.notes)
        paragraph(tr("Notes: %1").arg(note), m_body);
    for (const QString& line : cellComments())
        paragraph(line, m_body);
    paintSignatures(c, y);
}

void ReportPainter::paintSignatures(Cursor& c, double top) const
{
    // 制表人：李四   审核人：________   批准人：________   制表时间：2015-09-10 08:30
    struct Item {
        QString label;
        QString value;
    };
    std::vector<Item> items;
    for (const Signature& s : m_report.signatures)
        items.push_back({tr("%1: ").arg(s.role), s.name});
    items.push_back({tr("Prepared at: "),
                     m_report.generatedAt.isValid()
                         ? m_report.generatedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                         : QString()});
    const double slot = m_sizeMm.width() / static_cast<double>(items.size());
    const double baseline = top + SignatureMm - 2.0;
    c.painter.setFont(m_body);
    for (size_t i = 0; i < items.size(); ++i) {
        const double x = static_cast<double>(i) * slot;
        const QString text = items[i].label + items[i].value;
        c.painter.setPen(Qt::black);
        c.text({x, top, slot, baseline - top}, Qt::AlignLeft | Qt::AlignBottom, text);
        if (items[i].value.isEmpty()) {
            const double from = x + c.textWidthMm(items[i].label) + 1.0;
            c.line({from, baseline}, {x + slot - 8.0, baseline}, 0.25);
        }
    }
}

void ReportPainter::paintFooter(Cursor& c, int page) const
{
    c.painter.setFont(m_footer);
    c.painter.setPen(Qt::black);
    const double h = m_sizeMm.height();
    c.text({0, h - FooterMm, m_sizeMm.width(), FooterMm}, Qt::AlignHCenter | Qt::AlignBottom,
           tr("Page %1 of %2").arg(page + 1).arg(pageCount()));
}

bool print(const Report& report, QPagedPaintDevice& device, QString* error)
{
    const QPageLayout wanted = ReportPainter::pageLayout(report);
    if (!device.setPageLayout(wanted)) {
        // A printer that cannot print that close to the edge keeps its own margins.
        device.setPageSize(wanted.pageSize());
        device.setPageOrientation(wanted.orientation());
    }
    const ReportPainter paper(report, device.pageLayout());
    QPainter painter;
    if (!painter.begin(&device)) {
        if (error)
            *error = ReportPainter::tr("cannot paint on the printer or the file");
        return false;
    }
    for (int i = 0; i < paper.pageCount(); ++i) {
        if (i > 0 && !device.newPage()) {
            if (error)
                *error = ReportPainter::tr("cannot start page %1").arg(i + 1);
            return false;
        }
        paper.paintPage(painter, i);
    }
    if (!painter.end()) {
        if (error)
            *error = ReportPainter::tr("cannot finish the printout");
        return false;
    }
    return true;
}

bool writePdf(const Report& report, const QString& path, QString* error)
{
    QBuffer pdf;
    pdf.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&pdf);
        writer.setResolution(600);
        writer.setTitle(report.title);
        writer.setCreator(QStringLiteral("PumpWatch"));
        if (!print(report, writer, error))
            return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(withUnifiedIdeographs(pdf.data(), ideographsOfRadicals(reportFont(BodyPt)))) <
            0 ||
        !file.commit()) {
        if (error)
            *error = ReportPainter::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::vector<QImage> previewPages(const Report& report, int dpi)
{
    const ReportPainter paper(report);
    const double pxPerMm = dpi / 25.4;
    const QSizeF full = paper.layout().fullRect(QPageLayout::Millimeter).size() * pxPerMm;
    const QPointF origin = paper.layout().paintRect(QPageLayout::Millimeter).topLeft() * pxPerMm;
    std::vector<QImage> pages;
    for (int i = 0; i < paper.pageCount(); ++i) {
        QImage image(full.toSize(), QImage::Format_RGB32);
        image.setDotsPerMeterX(qRound(dpi / 0.0254));
        image.setDotsPerMeterY(qRound(dpi / 0.0254));
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.translate(origin);
        paper.paintPage(painter, i);
        painter.end();
        pages.push_back(std::move(image));
    }
    return pages;
}

} // namespace PumpWatch::Reports
