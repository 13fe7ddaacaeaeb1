// Quality of a sample: how far a value can be trusted.
//
// Follows the OPC convention of three classes (good, uncertain, bad) with a reason. A value the
// system has never received is Unknown. Plain value type, any thread.
//
// The numbers are stored: history's `samples.quality` and `series_state.last_quality` columns
// and the spool files hold them, and history's queries count 1 and 2 as good. Never renumber;
// add new qualities at the end.
#pragma once

#include <QtGlobal>

namespace PumpWatch {

enum class Quality : quint8 {
    Unknown = 0, ///< no value received yet
    Good,        ///< read from the device and in range
    /// Entered or corrected by a person. Reserved for report corrections (reports are not built
    /// yet): nothing produces it today, but its number is part of the stored format.
    Substituted,
    /// Last known value, not refreshed within its expected period: what the views show for a
    /// value older than its device's poll allows (`ValueFormat::effectiveQuality`).
    UncertainStale,
    BadCommFailure, ///< the device did not answer or the connection is down
    BadSensorFault, ///< the device answered but flags the sensor as faulty or out of range
    BadConfigError, ///< the tag cannot be read as configured (exception, bad address)
};

static_assert(int(Quality::Good) == 1 && int(Quality::Substituted) == 2 &&
                  int(Quality::UncertainStale) == 3 && int(Quality::BadConfigError) == 6,
              "quality numbers are stored in history databases and spool files");

constexpr bool isGood(Quality q)
{
    return q == Quality::Good || q == Quality::Substituted;
}
constexpr bool isUncertain(Quality q)
{
    return q == Quality::UncertainStale;
}
constexpr bool isBad(Quality q)
{
    return !isGood(q) && !isUncertain(q);
}

/// Stable lower-case name for files and logs ("good", "bad-comm-failure", ...).
constexpr const char* qualityName(Quality q)
{
    switch (q) {
    case Quality::Unknown:
        return "unknown";
    case Quality::Good:
        return "good";
    case Quality::Substituted:
        return "substituted";
    case Quality::UncertainStale:
        return "uncertain-stale";
    case Quality::BadCommFailure:
        return "bad-comm-failure";
    case Quality::BadSensorFault:
        return "bad-sensor-fault";
    case Quality::BadConfigError:
        return "bad-config-error";
    }
    return "unknown";
}

} // namespace PumpWatch
