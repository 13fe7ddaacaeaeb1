// Edits of a project that keep its shape: a station changing one template tag gets an override
// of that tag (the template stays shared by the other stations), and an override that no longer
// differs from its template tag is dropped again, so the file stays as small as it was. Tag ids
// do not change (an override takes the place of the tag it overrides), so a running pipeline can
// take the edited settings by id. Pure functions on a Project value; any thread.
//
//     Project p = *ProjectReader::readFile(path).project;
//     setTagAlarm(p, p.findTag(u"S001/plc/outlet_pressure"), limits);
//     ProjectWriter::writeFile(p, path, &error);
#pragma once

#include "project.h"

#include <QCoreApplication>
#include <QStringList>

#include <span>

namespace PumpWatch {

struct TagAlarmEdit {
    QString path; ///< "S0001/low/outlet_pressure", as Project::tagPath() spells it
    AlarmLimits alarm;
};

class ProjectEdit {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::ProjectEdit)

public:
    /// Saves edited alarm settings: reads the project file `from` again (so what changed there
    /// since it was loaded is kept), applies the edits, checks each edited tag as the project
    /// reader would, and writes `to` atomically. Nothing is written unless every edit is good;
    /// `errors` then names the file, station and tag of each problem.
    static bool saveTagAlarms(const QString& from, const QString& to,
                              std::span<const TagAlarmEdit> edits, QStringList* errors);
};

/// Sets the alarm settings of `tag` (a valid id of `project`) and reindexes the project.
void setTagAlarm(Project& project, TagId tag, const AlarmLimits& alarm);

} // namespace PumpWatch
