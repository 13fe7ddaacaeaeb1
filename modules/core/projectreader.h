// ProjectReader: reads a project file (JSON, UTF-8) into a Project, checking it as a whole.
//
// Every problem is collected with the file and the JSON path of the value at fault
// (`stations[12].tags[3].address: 'VD10O0' is not an S7 V address`): syntax errors (with line
// and column), wrong types, missing fields, duplicate ids, unknown template/device/line
// references, bad addresses, data type vs address width, limit order. Unknown keys are warnings
// (usually typos). A file with any error yields no project; nothing in it crashes the reader.
// The format is described in docs/project-format.md. Stateless; any thread.
//
//     ProjectLoad load = ProjectReader::readFile(u"zunyi.json"_s);
//     for (const Diagnostic& d : load.diagnostics) qWarning().noquote() << d.toString();
//     if (load.project) start(*load.project);
#pragma once

#include "diagnostic.h"
#include "project.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace PumpWatch {

struct ProjectLoad {
    std::optional<Project> project; ///< set when there were no errors (warnings allowed)
    Diagnostics diagnostics;
};

class ProjectReader {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::ProjectReader)

public:
    static ProjectLoad readFile(const QString& path);
    /// `fileName` only names the source in diagnostics.
    static ProjectLoad read(const QByteArray& json, const QString& fileName);
};

} // namespace PumpWatch
