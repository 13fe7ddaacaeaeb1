// ProjectWriter: writes a Project as the human-editable JSON that ProjectReader reads.
//
// Key order follows the documentation (id first), one line per tag like the address table it
// came from, and a station writes only what differs from its template: device settings that
// differ, and tags that override or extend it. read(write(p)) == p, and write is a fix point:
// write(read(write(p))) == write(p). Stateless; any thread.
#pragma once

#include "jsonwriter.h"
#include "project.h"

#include <QByteArray>
#include <QString>

namespace PumpWatch {

class ProjectWriter {
public:
    /// `baseDir`: the folder the text goes to; map files inside it are written relative to it.
    static QByteArray write(const Project& project, const QString& baseDir = {});
    /// Atomic: the old file stays whole if writing fails. `error` gets the reason. Map files
    /// inside the file's folder are written relative to it. The content replaced is kept first
    /// as a version (FileVersions); nothing is written when that fails.
    static bool writeFile(const Project& project, const QString& path, QString* error);
    /// The same, for text already written by write() (e.g. checked before it is saved).
    static bool writeFile(const QByteArray& text, const QString& path, QString* error);
    /// One template object, for tools that print or splice a template (address-table import).
    static void writeTemplate(JsonWriter& w, const StationTemplate& t);
    /// A tag's "alarm" object on one line, as the file spells it: the audit's old and new value.
    static QString alarmText(const AlarmLimits& alarm);
};

} // namespace PumpWatch
