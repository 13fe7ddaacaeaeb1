// The model's variables by the template key they are served as, and which of them a client
// may write.
#include "pumphouse.h"

namespace PumpWatch::Sim {
namespace {

constexpr const char* keys[VarCount] = {
    "inlet_flow",
    "inlet_total",
    "outlet_flow",
    "outlet_total",
    "inlet_pressure",
    "outlet_pressure",
    "power",
    "energy",
    "power_factor",
    "tank_level",
    "outlet_pressure_setpoint",
    "pump1_frequency",
    "pump2_frequency",
    "pump3_frequency",
    "frequency_setpoint",
    "pump1_current",
    "pump2_current",
    "pump3_current",
    "voltage",
    "turbidity",
    "residual_chlorine",
    "ph",
    "pump1_running",
    "pump2_running",
    "pump3_running",
    "pump1_fault",
    "pump2_fault",
    "pump3_fault",
    "door_open",
    "power_fail",
    "inlet_valve_open",
    "pressure_sensor_fault",
    "pump1_command",
    "pump2_command",
    "pump3_command",
    "inlet_valve_command",
    "heartbeat",
};

} // namespace

const char* varKey(Var var)
{
    return keys[static_cast<int>(var)];
}

std::optional<Var> varOfKey(QStringView key)
{
    for (int i = 0; i < VarCount; ++i) {
        if (key == QLatin1String(keys[i]))
            return static_cast<Var>(i);
    }
    return std::nullopt;
}

bool isCommandVar(Var var)
{
    switch (var) {
    case Var::PressureSetpoint:
    case Var::FrequencySetpoint:
    case Var::Pump1Command:
    case Var::Pump2Command:
    case Var::Pump3Command:
    case Var::InletValveCommand:
        return true;
    default:
        return false;
    }
}

} // namespace PumpWatch::Sim
