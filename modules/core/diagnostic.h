// Diagnostic: one problem found in a file the user gave us, said so that they can find it.
//
//     zunyi.json: stations[12].tags[3].address: 'VD10O0' is not an S7 V address
//     zunyi.json:14:7: JSON syntax error: unterminated string
//     table.csv:5: type: 'FLAOT' is not a data type
//     zunyi.json: warning: stations[3].adress: unknown key, ignored
// Readers collect every diagnostic of a file instead of stopping at the first. Plain value type.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace PumpWatch {

struct Diagnostic {
    enum class Severity : quint8 { Error, Warning };

    Severity severity = Severity::Error;
    QString file;   ///< as the user named it
    int line = 0;   ///< 1-based; 0 when the location is a path
    int column = 0; ///< 1-based; 0 when unknown
    QString path;   ///< JSON path ("stations[12].tags[3].address") or column name
    QString message;

    bool isError() const { return severity == Severity::Error; }
    QString toString() const;
    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

using Diagnostics = std::vector<Diagnostic>;

bool hasErrors(const Diagnostics& diagnostics);
/// One line per diagnostic, as toString() writes it.
QStringList toStrings(const Diagnostics& diagnostics);
int errorCount(const Diagnostics& diagnostics);

} // namespace PumpWatch
