// Reading the alarm parts of a project file: a tag's "alarm" object (limits, periods, delays,
// sensor checks) and the top-level "alarmRules". Used by the project reader; the day and time
// spellings are shared with the writer.
#pragma once

#include "project.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace PumpWatch {

/// "mon-fri", "sat,sun", "mon,wed-fri"; "" or "daily" for every day. Bit 0 is Monday.
std::optional<quint8> parseAlarmDays(QStringView text);
/// The shortest spelling parseAlarmDays() reads back: "daily", "mon-fri", "sat,sun".
QString alarmDaysText(quint8 days);
/// "06:30" → 390; "24:00" is allowed as the end of a day (1440).
std::optional<int> parseMinuteOfDay(QStringView text);
QString minuteOfDayText(int minute);

namespace ProjectJson {

class Context;

/// Reads a tag's "alarm" object over `alarm`, which holds what the tag inherits.
void readAlarm(Context& ctx, const QJsonObject& object, const QString& path, AlarmLimits& alarm);
/// Reads one of "alarmRules"; its template and stations must be in `project` already.
AlarmRule readAlarmRule(Context& ctx, const QJsonObject& object, const QString& path,
                        const Project& project);

} // namespace ProjectJson
} // namespace PumpWatch
