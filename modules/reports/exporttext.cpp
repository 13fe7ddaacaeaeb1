#include "exporttext.h"

#include <QDir>

namespace PumpWatch::Reports {

QString ExportText::note(const QString& text, bool first)
{
    return first ? tr("Notes: %1").arg(text) : text;
}

QStringList ExportText::signatureFields(const Report& report, const QString& blankName)
{
    QStringList fields;
    for (const Signature& s : report.signatures)
        fields << tr("%1: %2").arg(s.role, s.name.isEmpty() ? blankName : s.name);
    if (report.generatedAt.isValid())
        fields << tr("Prepared at: %1")
                      .arg(report.generatedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return fields;
}

QString ExportText::comment(const Cell& cell)
{
    return cell.comment.isEmpty() ? Report::flagText(cell.flags) : cell.comment;
}

QString ExportText::writeError(const QString& path, const QString& reason)
{
    return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

QString ExportText::correctionsTitle()
{
    return tr("Corrections");
}

QStringList ExportText::correctionsHeaders()
{
    return {tr("Column"), tr("Corrected value"), tr("Correction")};
}

QString ExportText::pageFooter()
{
    //: Excel's footer codes: &C centres, &P is the page number, &N the page count.
    return tr("&CPage &P of &N");
}

QString ExportText::sheetName()
{
    return tr("Report");
}

} // namespace PumpWatch::Reports
