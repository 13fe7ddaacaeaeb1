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

} // namespace PumpWatch::Alarms
