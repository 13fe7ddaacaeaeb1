#include "odtexport.h"

#include "reportfonts.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentWriter>
#include <QTextTable>

namespace PumpWatch::Reports {

namespace {

class OdtExport {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::OdtExport)

public:
    explicit OdtExport(const Report& report)
        : m_report(report)
        , m_cursor(&m_document)
    {
        m_document.setDefaultFont(reportFont(10.0));
    }

    bool write(const QString& path, QString* error);

private:
    void paragraph(const QString& text, Qt::Alignment align, double pointSize, bool bold);
    void table();
    void cell(QTextTable& table, int row, int column);
    void signatures();

    const Report& m_report;
    QTextDocument m_document;
    QTextCursor m_cursor;
    bool m_first = true;
};

void OdtExport::paragraph(const QString& text, Qt::Alignment align, double pointSize, bool bold)
{
    QTextBlockFormat block;
    block.setAlignment(align);
    QTextCharFormat chars;
    chars.setFont(reportFont(pointSize, bold));
    if (m_first)
        m_cursor.setBlockFormat(block);
    else
        m_cursor.insertBlock(block);
    m_first = false;
    m_cursor.insertText(text, chars);
}

void OdtExport::cell(QTextTable& table, int row, int column)
{
    const Cell& c = m_report.cell(row, column);
    QTextTableCell out = table.cellAt(row, column);
    QTextTableCellFormat format = out.format().toTableCellFormat();
    format.setVerticalAlignment(QTextCharFormat::AlignMiddle);
    out.setFormat(format);

    // Qt's ODF writer (6.4) does not write a cell's background: the cell's paragraph carries it.
    QTextBlockFormat block;
    if (c.role == CellRole::Header)
        block.setBackground(QColor(0xe6, 0xe6, 0xe6));
    else if (c.flags.testFlag(CellFlag::Corrected))
        block.setBackground(QColor(0xc6, 0xef, 0xce)); // the seed's green for corrected data
    if (c.role == CellRole::Header)
        block.setAlignment(Qt::AlignCenter);
    else
        block.setAlignment(c.isNumber() ? Qt::AlignRight : Qt::AlignLeft);
    QTextCharFormat chars;
    chars.setFont(reportFont(9.0, c.role != CellRole::Body));
    chars.setFontItalic(c.flags.testFlag(CellFlag::Estimated));
    QTextCursor cursor = out.firstCursorPosition();
    cursor.setBlockFormat(block);
    cursor.insertText(c.displayText(), chars);
}

void OdtExport::table()
{
    const int rows = m_report.rowCount();
    const int columns = m_report.columnCount();
    if (rows == 0 || columns == 0)
        return;
    double chars = 0.0;
    for (const Column& c : m_report.columns)
        chars += std::max(c.width, 1.0);
    QList<QTextLength> widths;
    for (const Column& c : m_report.columns)
        widths << QTextLength(QTextLength::PercentageLength, std::max(c.width, 1.0) / chars * 100);
    QTextTableFormat format;
    format.setHeaderRowCount(m_report.headerRows);
    format.setColumnWidthConstraints(widths);
    format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    format.setBorder(0.5);
    format.setBorderBrush(Qt::black);
    format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    format.setBorderCollapse(true);
    format.setCellPadding(2);
    format.setCellSpacing(0);
    m_cursor.insertBlock();
    QTextTable* table = m_cursor.insertTable(rows, columns, format);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            if (!m_report.isCovered(r, c))
                cell(*table, r, c);
        }
    }
    for (const CellRange& m : m_report.merges)
        table->mergeCells(m.row, m.column, m.rows, m.columns);
    m_cursor.movePosition(QTextCursor::End);
}

void OdtExport::signatures()
{
    QStringList parts;
    for (const Signature& s : m_report.signatures)
        parts << tr("%1: %2").arg(s.role, s.name.isEmpty() ? QStringLiteral("__________") : s.name);
    if (m_report.generatedAt.isValid())
        parts << tr("Prepared at: %1")
                     .arg(m_report.generatedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    paragraph(parts.join(QStringLiteral("        ")), Qt::AlignLeft, 10.0, false);
}

bool OdtExport::write(const QString& path, QString* error)
{
    paragraph(m_report.title, Qt::AlignHCenter, 16.0, true);
    for (const QString& s : m_report.subtitles)
        paragraph(s, Qt::AlignLeft, 10.0, false);
    table();
    for (const QString& note : m_report.notes)
        paragraph(tr("Notes: %1").arg(note), Qt::AlignLeft, 10.0, false);
    paragraph(QString(), Qt::AlignLeft, 10.0, false);
    signatures();

    QTextDocumentWriter writer(path, QByteArrayLiteral("odf"));
    if (!writer.write(&m_document)) {
        if (error)
            *error = tr("cannot write %1: %2")
                         .arg(path, writer.device() ? writer.device()->errorString() : QString());
        return false;
    }
    return true;
}

} // namespace

bool writeOdt(const Report& report, const QString& path, QString* error)
{
    return OdtExport(report).write(path, error);
}

} // namespace PumpWatch::Reports
