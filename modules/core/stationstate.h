// StationState: what a station shows as its state in every view — the realtime list and its
// 报警中 filter, the overview tiles, the map's markers and clusters — with one severity order.
// An active alarm outranks being offline: a station cut off by a power outage carries a critical
// alarm and is shown red, with the offline hatching on top, never a quiet grey. Offline outranks
// stale, stale outranks normal. Plain values, any thread.
#pragma once

#include <QtGlobal>

namespace PumpWatch {

/// Severity order, worst last: a cluster or a sort by state takes the highest.
enum class StationState : quint8 { Unknown = 0, Normal, Stale, Offline, Warning, Critical };

/// `alarmSeverity`: 0 for no active annunciated alarm, 1 warning, 2 critical (Alarms::Severity).
/// `known`: some device of the station has answered or failed at least once.
constexpr StationState deriveStationState(int alarmSeverity, bool offline, bool stale, bool known)
{
    if (alarmSeverity >= 2)
        return StationState::Critical;
    if (alarmSeverity == 1)
        return StationState::Warning;
    if (offline)
        return StationState::Offline;
    if (!known)
        return StationState::Unknown;
    return stale ? StationState::Stale : StationState::Normal;
}

constexpr bool isAlarmState(StationState s)
{
    return s == StationState::Warning || s == StationState::Critical;
}

} // namespace PumpWatch
