// PumpHouse: the hydraulic and electrical model of one pump-house zone (one PLC).
//
// A break tank (or, at suction stations, a small stabiliser tank on the mains) feeds 2–3 pumps
// on VFDs that hold the outlet pressure at its setpoint against a demand that follows the
// city's diurnal curve. Quasi-steady physics with first-order lags, stable for any step:
//   pump head      H = H0·(f/50)² − k·q²                      (affinity laws, per pump)
//   delivered flow q = demand·√(p_out / setpoint)             (pressure-driven demand)
//   no pump running → p_out relaxes toward the inlet pressure (bypass)
//   power          P = ρgqΔH / η(q) + losses; energy = ∫P dt; totalizers = ∫q dt
// Values are in the quantity's canonical unit (MPa, m³/h, m³, kW, kWh, m, Hz, A, V, …); the
// PLC's raw units (kgf/cm², % power factor) are the project's scaling, applied by City.
// Deterministic: noise is a function of the key and the time (demand.h). Not thread-safe.
//
//     PumpHouse house(PumpHouseParams::derive(key, 0.40, false), startMs, localTime);
//     house.step(startMs + 1000, localTime);
//     house.value(Var::OutletPressure);      // ≈ 0.40
//     house.command(Var::Pump1Command, 0);   // remote stop: pump 1 ramps down, another takes over
//
// Commands act as on the PLC: a write to a pump's command bit is a remote start (1) or stop (0)
// of that pump, held until the next write or resetRemote(); the staging runs the pumps not so
// commanded, and their bits show its run command. A start shows `running` only after the drive's
// soft start (drives.h), a stop drops it after the ramp-down, and a pump that cannot run (fault, no
// power, dry-run trip) never shows it. The inlet valve travels; its open bit changes at the end of
// the stroke.
#pragma once

#include "demand.h"
#include "drives.h"

#include <QStringView>

#include <array>
#include <optional>

namespace PumpWatch::Sim {

/// The model's variables; each is served under the template tag key of the same name.
enum class Var : quint8 {
    InletFlow,
    InletTotal,
    OutletFlow,
    OutletTotal,
    InletPressure,
    OutletPressure,
    Power,
    Energy,
    PowerFactor,
    TankLevel,
    PressureSetpoint,
    Pump1Frequency,
    Pump2Frequency,
    Pump3Frequency,
    FrequencySetpoint,
    Pump1Current,
    Pump2Current,
    Pump3Current,
    Voltage,
    Turbidity,
    ResidualChlorine,
    PH,
    Pump1Running,
    Pump2Running,
    Pump3Running,
    Pump1Fault,
    Pump2Fault,
    Pump3Fault,
    DoorOpen,
    PowerFail,
    InletValveOpen,
    PressureSensorFault,
    Pump1Command,
    Pump2Command,
    Pump3Command,
    InletValveCommand,
    Heartbeat,
    Count
};
constexpr int VarCount = static_cast<int>(Var::Count);
constexpr int MaxPumps = 3;

/// The template key a variable is served as ("outlet_pressure"), and back.
const char* varKey(Var var);
std::optional<Var> varOfKey(QStringView key);
/// Whether a write from a client reaches the model (setpoints and commands).
bool isCommandVar(Var var);

struct PumpHouseParams {
    quint64 key = 0; ///< noise and sizing key
    int pumps = 3;
    bool breakTank = true;    ///< false: suction from the mains (叠压) with a stabiliser tank
    double peakDemand = 120;  ///< m³/h at the weekday peak
    double setpoint = 0.40;   ///< MPa, outlet pressure
    double inletBase = 0.20;  ///< MPa, mains pressure at low city demand
    double tankArea = 30;     ///< m²
    double inflowMax = 160;   ///< m³/h through the open inlet valve at 0.2 MPa
    double ratedFlow = 70;    ///< m³/h per pump at its best efficiency point, 50 Hz
    double shutoffHead = 50;  ///< m at 50 Hz and no flow
    double curveK = 0.004;    ///< m/(m³/h)²
    double ratedPower = 11;   ///< kW per pump
    double voltageBase = 385; ///< V

    /// Plausible sizing for a pump house with key `key` and the given outlet setpoint. The pump
    /// count and the tank are the stated ones where given (`pumps` > 0, capped at MaxPumps;
    /// `breakTank`), else derived from the key; the pumps, tank and power are sized for them.
    static PumpHouseParams derive(quint64 key, double setpointMPa, bool highZone, int pumps = 0,
                                  std::optional<bool> breakTank = std::nullopt);
};

enum class SensorMode : quint8 { Normal, Frozen, OutOfRange };

/// Process faults the simulator injects (the communication faults live in the server).
struct ProcessFaults {
    bool powerFail = false; ///< mains lost: pumps stop, meters read 0, PLC on its UPS
    bool burst = false;     ///< a main bursts downstream: flow surges, pressure collapses
    bool overflow = false;  ///< the float valve sticks open: the tank fills to overflowing
    bool lowLow = false;    ///< supply lost and the tank drains: level falls, pumps trip dry
    std::array<bool, MaxPumps> pumpFault{};
    std::array<SensorMode, VarCount> sensor{};
};

class PumpHouse {
public:
    /// The longest sub-step of the model, ms; sub-steps end on its multiples since the epoch.
    static constexpr qint64 MaxStepMs = 5000;

    PumpHouse(const PumpHouseParams& params, qint64 startMs, const LocalTime& local);

    /// Advances the model to `nowMs` (earlier times are ignored), `local` being the local time at
    /// `nowMs`, in sub-steps that end on every multiple of 5 s since the epoch: the state at
    /// such an instant does not depend on how a run was divided into calls up to it.
    void step(qint64 nowMs, const LocalTime& local);
    /// The value a sensor or the PLC reports now (sensor faults applied).
    double value(Var var) const;
    /// A client wrote a setpoint or command; other variables are ignored. Setpoints are clamped
    /// to the PLC's range and read back as held; a pump command is a remote start or stop; the
    /// valve command sends the valve on its stroke.
    void command(Var var, double value);
    /// The panel's selector back to automatic: every pump follows the staging again and its
    /// command bit shows the staging's run command (1 while the pump is started or starting).
    void resetRemote();
    /// Who decides whether pump `i` (0-based) runs.
    PumpMode pumpMode(int i) const { return m_mode[static_cast<std::size_t>(i)]; }
    const PumpDrive& drive(int i) const { return m_drives[static_cast<std::size_t>(i)]; }
    const InletValve& inletValve() const { return m_valve; }

    ProcessFaults& faults() { return m_faults; }
    const ProcessFaults& faults() const { return m_faults; }
    /// Sets a sensor fault; a frozen sensor keeps the value it shows now.
    void setSensor(Var var, SensorMode mode);
    const PumpHouseParams& params() const { return m_params; }
    qint64 timeMs() const { return m_timeMs; }

private:
    /// `local` moved back by `earlierMs`, into the day before where it crosses midnight.
    static LocalTime localBefore(const LocalTime& local, qint64 earlierMs);
    void advance(double dt, const LocalTime& local, bool instant);
    double frequencyFor(int running, double flow, double suction) const;
    /// m³/h one running pump delivers against `outletMPa` at the present speed.
    double pumpFlow(double outletMPa, double suction) const;
    /// The outlet pressure where the running pumps' curve meets demand and a burst's orifice.
    double operatingPressure(int running, double demand, double orifice, double suction) const;
    /// A burst's orifice now: m³/h per √MPa of outlet pressure.
    double burstOrifice(double demand, double mains, double suction) const;
    int wantedPumps(double flow, double suction) const;
    void stage(int wanted, double dt, bool instant, const LocalTime& local);
    /// Trips what cannot run, applies the remote commands, stages and steps the drives.
    void runPumps(double flow, double suction, double dt, bool instant, const LocalTime& local);
    /// Pumps delivering water (their soft start complete).
    int runningCount() const;
    /// Pumps started or starting.
    int engagedCount() const;
    /// The command bits of the pumps in automatic: the staging's run command.
    void showRunCommands();
    double span(Var var) const;

    PumpHouseParams m_params;
    ProcessFaults m_faults;
    qint64 m_timeMs = 0;
    std::array<double, VarCount> m_v{};
    std::array<double, VarCount> m_frozen{};
    std::array<PumpDrive, MaxPumps> m_drives;
    std::array<PumpMode, MaxPumps> m_mode{};
    std::array<bool, MaxPumps> m_available{}; ///< may run and is the staging's to run
    InletValve m_valve;
    double m_pout = 0;        ///< true outlet pressure, MPa
    double m_level = 0;       ///< true tank level, m
    double m_normalLevel = 0; ///< stabiliser tank of a suction station: its working level
    double m_frequency = 0;   ///< common VFD output
    double m_stageTimer = 0;  ///< s the wanted pump count has differed from the running one
    bool m_filling = false;   ///< break tank inlet open by the level control
    bool m_dryRunTrip = false;
    double m_heartbeat = 0;
};

} // namespace PumpWatch::Sim
