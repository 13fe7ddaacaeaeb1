// Quantities (what a tag measures), their units and how they aggregate.
//
// The aggregation kind tells history and reports what a tag's hour or day means: the average
// of an instantaneous value (pressure), the difference of a counter (totalizer, energy), or the
// time spent in each state (pump running). Units are converted to the quantity's canonical unit
// (MPa, m³/h, m³, ...) with a factor. Pure tables, any thread.
//
//     const Unit* u = findUnit(Quantity::Pressure, u"kgf/cm²");   // u->toCanonical == 0.0980665
//     quantityInfo(Quantity::Energy).aggregation == Aggregation::Counter
#pragma once

#include <QString>

#include <span>

namespace PumpWatch {

enum class Aggregation : quint8 {
    Unknown = 0,
    Instantaneous, ///< hourly/daily min, max, time-weighted average
    Counter,       ///< monotonic meter: the period's value is the difference (with rollover/reset)
    State,         ///< discrete state: time and count per state
};

enum class Quantity : quint8 {
    Unknown = 0,
    Pressure,
    Flow,
    Totalizer,
    Level,
    Frequency,
    Power,
    Energy,
    PowerFactor,
    Current,
    Voltage,
    Turbidity,
    ResidualChlorine,
    PH,
    Temperature,
    Running,
    Fault,
    Door,
    PowerFail,
    ValveOpen,
    Command,
    Generic, ///< any other number (counters of heartbeats, codes); accepts any unit
};

struct QuantityInfo {
    Quantity quantity;
    const char* code;        ///< stable name in project files ("pressure")
    const char* displayName; ///< English source text, translated by quantityDisplayName()
    Aggregation aggregation;
    const char* canonicalUnit; ///< UTF-8 ("m³/h"); empty for dimensionless and states
};

struct Unit {
    Quantity quantity;
    const char* symbol;  ///< canonical spelling, UTF-8
    double toCanonical;  ///< value in this unit × toCanonical = value in the canonical unit
    const char* aliases; ///< other accepted spellings, '|'-separated, matched case-insensitively
};

std::span<const QuantityInfo> allQuantities();
const QuantityInfo& quantityInfo(Quantity quantity);
/// Quantity::Unknown when the code is not known.
Quantity quantityFromCode(QStringView code);
QString quantityCode(Quantity quantity);
/// Translated name for people ("压力" in zh_CN).
QString quantityDisplayName(Quantity quantity);

/// The unit of `quantity` spelled `text` (canonical symbol or an alias), or nullptr.
const Unit* findUnit(Quantity quantity, QStringView text);
/// The accepted symbols of a quantity, for error messages ("MPa, kPa, bar, kgf/cm², m").
QString unitSymbols(Quantity quantity);

} // namespace PumpWatch
