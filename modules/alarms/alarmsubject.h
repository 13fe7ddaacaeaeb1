// What an alarm record is about, in the words of the project: the station, the tag (or rule, or
// PLC, or system part) and its unit. The journal stores these names with each row, and the alarm
// panel and banner show them.
#pragma once

#include "alarmtypes.h"

#include <core/project.h>

namespace PumpWatch::Alarms {

struct AlarmSubject {
    QString station;     ///< id, empty for a system alarm
    QString stationName; ///< "(C)长征一厂"
    QString tag;         ///< "low/outlet_pressure", "low/pipe_burst", "low", "database"
    QString tagName;     ///< "出水压力", "爆管预警", "低区 PLC", "history database"
    QString unit;
};

AlarmSubject alarmSubject(const Project& project, const AlarmRecord& record);
/// "(C)长征一厂 出水压力 高高限报警": the station, the subject and the type (a rule alarm is named
/// by its rule alone). Callers add the value in their own format.
QString alarmTitle(const AlarmSubject& subject, const AlarmRecord& record);

} // namespace PumpWatch::Alarms
