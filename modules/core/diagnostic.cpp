#include "diagnostic.h"

#include <algorithm>

namespace PumpWatch {

QString Diagnostic::toString() const
{
    QString s = file;
    if (line > 0) {
        s += u':' + QString::number(line);
        if (column > 0)
            s += u':' + QString::number(column);
    }
    s += QStringLiteral(": ");
    if (severity == Severity::Warning)
        s += QStringLiteral("warning: ");
    if (!path.isEmpty())
        s += path + QStringLiteral(": ");
    return s + message;
}

bool hasErrors(const Diagnostics& diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.isError(); });
}

QStringList toStrings(const Diagnostics& diagnostics)
{
    QStringList lines;
    lines.reserve(static_cast<qsizetype>(diagnostics.size()));
    for (const Diagnostic& d : diagnostics)
        lines << d.toString();
    return lines;
}

int errorCount(const Diagnostics& diagnostics)
{
    return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                          [](const Diagnostic& d) { return d.isError(); }));
}

} // namespace PumpWatch
