#include "csvexport.h"

#include "exporttext.h"

#include <core/csv.h>

#include <QSaveFile>

#include <algorithm>

namespace PumpWatch::Reports {

QByteArray csvBytes(const Report& report)
{
    const qsizetype width = std::max(report.columnCount(), 1);
    QString text;
    const auto line = [&](QStringList fields) {
        while (fields.size() < width)
            fields << QString();
        for (QString& f : fields)
            f = csvField(f);
        text += fields.join(u',') + QStringLiteral("\r\n");
    };

    if (!report.title.isEmpty())
        line({report.title});
    for (const QString& s : report.subtitles)
        line({s});
    for (int i = 0; i < report.rowCount(); ++i) {
        QStringList fields;
        for (int j = 0; j < report.columnCount(); ++j)
            fields << (report.isCovered(i, j) ? QString() : report.cell(i, j).displayText());
        line(fields);
    }
    const QStringList signatures = ExportText::signatureFields(report, QString());
    if (!report.notes.isEmpty() || !signatures.isEmpty())
        line({});
    for (qsizetype n = 0; n < report.notes.size(); ++n)
        line({ExportText::note(report.notes[n], n == 0)});
    if (!signatures.isEmpty())
        line(signatures);
    return QByteArrayLiteral("\xEF\xBB\xBF") + text.toUtf8();
}

bool writeCsv(const Report& report, const QString& path, QString* error)
{
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = ExportText::writeError(path, reason);
        return false;
    };
    if (const QStringList problems = report.check(); !problems.isEmpty())
        return fail(problems.first());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    const QByteArray bytes = csvBytes(report);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace PumpWatch::Reports
