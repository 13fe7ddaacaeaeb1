#include "pumphouse.h"

#include <algorithm>
#include <cmath>

namespace PumpWatch::Sim {
namespace {

constexpr double MetresPerMPa = 101.97;
constexpr double MPaPerMetre = 1.0 / MetresPerMPa;
constexpr double FullSpeedHz = 50.0;
constexpr double MinSpeedHz = 20.0;
constexpr double DryRunTrip = 0.3;  ///< m: pumps stop below this level …
constexpr double DryRunReset = 0.8; ///< … and may restart above this one
constexpr double FillStart = 3.0;
constexpr double FillStop = 3.5;
constexpr double OverflowLevel = 3.95;
constexpr double TankHeight = 5.0; ///< level transmitter span
constexpr double AuxPowerKW = 0.6; ///< lighting, PLC, dosing pumps
constexpr double MotorDriveEfficiency = 0.92;
constexpr double Sqrt3 = 1.7320508075688772;

constexpr int idx(Var v)
{
    return static_cast<int>(v);
}

Var offset(Var first, int i)
{
    return static_cast<Var>(idx(first) + i);
}

} // namespace

PumpHouseParams PumpHouseParams::derive(quint64 key, double setpointMPa, bool highZone, int pumps,
                                        std::optional<bool> breakTank)
{
    auto u = [key](quint64 i) { return unitOf(mixKey(key, i)); };
    PumpHouseParams p;
    p.key = key;
    p.pumps = pumps > 0 ? std::min(pumps, MaxPumps) : u(1) < 0.6 ? 3 : 2;
    p.breakTank = breakTank.value_or(u(2) < 0.7);
    p.peakDemand = std::round((40 + 220 * std::pow(u(3), 1.5)) * (highZone ? 0.6 : 1.0));
    p.setpoint = setpointMPa;
    p.inletBase = 0.16 + 0.12 * u(4);
    p.tankArea = p.breakTank ? 1.1 * p.peakDemand / 4.0 : 3.0;
    p.inflowMax = 1.4 * p.peakDemand;
    // One pump stands by; a house with a single pump has none.
    p.ratedFlow = 1.15 * p.peakDemand / std::max(1, p.pumps - 1);
    const double designHead =
        (setpointMPa - (p.breakTank ? 0.01 : 0.6 * p.inletBase)) * MetresPerMPa + 5.0;
    p.shutoffHead = 1.35 * designHead;
    p.curveK = 0.35 * designHead / (p.ratedFlow * p.ratedFlow);
    p.ratedPower = p.ratedFlow / 3600.0 * designHead * 9.81 / 0.72;
    p.voltageBase = 380 + 12 * u(5);
    return p;
}

PumpHouse::PumpHouse(const PumpHouseParams& params, qint64 startMs, const LocalTime& local)
    : m_params(params)
    , m_timeMs(startMs)
{
    auto u = [this](quint64 i) { return unitOf(mixKey(m_params.key, 100 + i)); };
    m_level = m_params.breakTank ? 2.6 + 0.8 * u(1) : 1.8 + 0.4 * u(1);
    m_normalLevel = m_level;
    m_v[idx(Var::OutletTotal)] = std::round(200000 + 800000 * u(2));
    m_v[idx(Var::InletTotal)] = std::round(m_v[idx(Var::OutletTotal)] * (1.0 + 0.01 * u(3)));
    m_v[idx(Var::Energy)] = std::round(m_v[idx(Var::OutletTotal)] * (0.10 + 0.08 * u(4)));
    m_v[idx(Var::PressureSetpoint)] = m_params.setpoint;
    for (int i = 0; i < MaxPumps; ++i) // each pump's soft starter is set a little differently
        m_drives[static_cast<std::size_t>(i)] =
            PumpDrive(3.0 + 2.0 * u(10 + static_cast<quint64>(i)));
    resetRemote();
    m_v[idx(Var::InletValveCommand)] = 1;
    m_pout = m_params.setpoint;
    m_heartbeat = std::floor(65536 * u(5));
    // Converge the quasi-steady state: pressure-driven flow and staging feed each other.
    for (int i = 0; i < 8; ++i)
        advance(0, local, true);
}

void PumpHouse::step(qint64 nowMs, const LocalTime& local)
{
    if (nowMs <= m_timeMs)
        return;
    // Sub-steps of at most MaxStepMs keep the level control and the staging in step with the
    // process when the simulator runs accelerated or backfills. They end on the multiples of
    // MaxStepMs since the epoch, not on fractions of this call's span: a run stepped to those
    // instants (the backfill's minutes) and one that jumps there (the demo's live city, advanced
    // from its anchor to now in one call) take the same sub-steps and hold the same state — the
    // meters the live city serves continue the backfill's exactly.
    while (m_timeMs < nowMs) {
        const qint64 t = std::min(nowMs, (m_timeMs / MaxStepMs + 1) * MaxStepMs);
        const double dt = static_cast<double>(t - m_timeMs) / 1000.0;
        m_timeMs = t;
        advance(dt, localBefore(local, nowMs - t), false);
    }
}

LocalTime PumpHouse::localBefore(const LocalTime& local, qint64 earlierMs)
{
    // The local time `earlierMs` before `local`, across midnights: the day before keeps its own
    // weekday and date (Sunday evening is not Monday's), the time of day stays in [0, 86400).
    LocalTime at = local;
    at.secondsOfDay -= static_cast<double>(earlierMs) / 1000.0;
    while (at.secondsOfDay < 0) {
        at.secondsOfDay += 86'400.0;
        --at.dayNumber;
        at.dayOfWeek = at.dayOfWeek == 1 ? 7 : at.dayOfWeek - 1;
    }
    return at;
}

double PumpHouse::pumpFlow(double outletMPa, double suction) const
{
    const double speed = m_frequency / FullSpeedHz;
    const double head = (outletMPa - suction) * MetresPerMPa;
    return std::sqrt(std::max(0.0, m_params.shutoffHead * speed * speed - head) / m_params.curveK);
}

double PumpHouse::operatingPressure(int running, double demand, double orifice,
                                    double suction) const
{
    // Delivered by the pumps minus drawn by the city and the break: falls as p rises.
    const double setpoint = m_params.setpoint;
    const auto surplus = [&](double p) {
        return running * pumpFlow(p, suction) - demand * std::sqrt(std::max(p, 0.0) / setpoint) -
               orifice * std::sqrt(std::max(p, 0.0));
    };
    const double speed = m_frequency / FullSpeedHz;
    double lo = suction;
    double hi = suction + m_params.shutoffHead * speed * speed * MPaPerMetre;
    if (surplus(lo) <= 0)
        return lo;
    for (int i = 0; i < 40; ++i) {
        const double mid = (lo + hi) / 2;
        (surplus(mid) > 0 ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

double PumpHouse::burstOrifice(double demand, double mains, double suction) const
{
    // The break draws what every pump at full speed delivers a quarter of the way from the mains
    // pressure to the setpoint, beyond the demand: the pressure collapses and the flow surges,
    // while the running pumps are still seen to lift (outlet above inlet).
    const PumpHouseParams& P = m_params;
    const double setpoint = m_v[idx(Var::PressureSetpoint)];
    const double target = std::max(mains + (setpoint - mains) / 4.0, mains + 0.01);
    const double head = (target - suction) * MetresPerMPa;
    const double delivered = P.pumps * std::sqrt(std::max(0.0, P.shutoffHead - head) / P.curveK);
    const double drawn = demand * std::sqrt(target / P.setpoint);
    return std::max(0.0, delivered - drawn) / std::sqrt(target);
}

double PumpHouse::frequencyFor(int running, double flow, double suction) const
{
    const double setpoint = m_v[idx(Var::PressureSetpoint)];
    const double head = std::max(0.0, setpoint - suction) * MetresPerMPa;
    const double perPump = flow / running;
    return FullSpeedHz *
           std::sqrt((head + m_params.curveK * perPump * perPump) / m_params.shutoffHead);
}

int PumpHouse::runningCount() const
{
    return static_cast<int>(std::count_if(m_drives.begin(), m_drives.end(),
                                          [](const PumpDrive& d) { return d.delivering(); }));
}

int PumpHouse::engagedCount() const
{
    return static_cast<int>(std::count_if(m_drives.begin(), m_drives.end(),
                                          [](const PumpDrive& d) { return d.engaged(); }));
}

void PumpHouse::stage(int wanted, double dt, bool instant, const LocalTime& local)
{
    // A pump in its soft start counts: the staging waits for it rather than start another.
    const int running = engagedCount();
    if (wanted == running) {
        m_stageTimer = 0;
        return;
    }
    m_stageTimer += dt;
    const double delay = running == 0 ? 3.0 : wanted > running ? 10.0 : 60.0;
    if (!instant && m_stageTimer < delay)
        return;
    m_stageTimer = 0;
    // The lead pump rotates daily so the pumps wear evenly. Remotely commanded pumps are not the
    // staging's to start or stop.
    const int n = m_params.pumps;
    const int lead =
        static_cast<int>((local.dayNumber + static_cast<qint64>(m_params.key % 7)) % n);
    if (wanted > running) {
        for (int k = 0; k < n; ++k) {
            const int i = (lead + k) % n;
            PumpDrive& d = m_drives[static_cast<std::size_t>(i)];
            if (m_mode[static_cast<std::size_t>(i)] == PumpMode::Auto && !d.engaged() &&
                m_available[static_cast<std::size_t>(i)]) {
                d.start();
                return;
            }
        }
    } else {
        for (int k = n - 1; k >= 0; --k) {
            const int i = (lead + k) % n;
            PumpDrive& d = m_drives[static_cast<std::size_t>(i)];
            if (m_mode[static_cast<std::size_t>(i)] == PumpMode::Auto && d.engaged()) {
                d.stop();
                return;
            }
        }
    }
}

int PumpHouse::wantedPumps(double flow, double suction) const
{
    const int available =
        static_cast<int>(std::count(m_available.begin(), m_available.end(), true));
    if (available == 0)
        return 0;
    if (m_v[idx(Var::FrequencySetpoint)] > 0) // manual speed: keep what runs, at least one
        return std::clamp(engagedCount(), 1, available);
    int n = std::clamp(engagedCount(), 1, available);
    if (n < available && frequencyFor(n, flow, suction) > 49.0)
        return n + 1;
    if (n > 1 && frequencyFor(n - 1, flow, suction) < 44.0)
        return n - 1;
    return n;
}

void PumpHouse::advance(double dt, const LocalTime& local, bool instant)
{
    const PumpHouseParams& P = m_params;
    auto& v = m_v;
    const double t = static_cast<double>(m_timeMs) / 1000.0;
    auto lag = [&](double tau) { return instant ? 1.0 : 1.0 - std::exp(-dt / tau); };
    auto noise = [&](quint64 stream, double period) {
        return smoothNoise(P.key, stream, t, period);
    };
    const bool powered = !m_faults.powerFail;
    const double city = demandFactor(local);

    // The mains sag when the whole city draws.
    const double inlet = std::max(0.02, P.inletBase * (1.12 - 0.25 * city) + 0.004 * noise(1, 45));
    const double demand = P.peakDemand * city * (1.0 + 0.06 * noise(2, 600) + 0.03 * noise(3, 20));
    const double suction = P.breakTank ? m_level * 9.80665e-3 : inlet; // MPa at the pumps' inlet
    const double pressureRatio = std::clamp(m_pout / P.setpoint, 0.0, 1.44);
    double flow = demand * std::sqrt(pressureRatio);
    // A burst main downstream is an orifice: it passes orifice·√p_out on top of the demand.
    const double orifice = m_faults.burst ? burstOrifice(demand, inlet, suction) : 0.0;
    if (m_faults.burst)
        flow += orifice * std::sqrt(std::max(m_pout, 0.0));

    // Pumps: availability, staging, speed.
    if (m_level < DryRunTrip)
        m_dryRunTrip = true;
    else if (m_level > DryRunReset)
        m_dryRunTrip = false;
    runPumps(flow, suction, dt, instant, local);
    const int running = runningCount();
    double target = 0;
    if (running > 0) {
        const double manual = v[idx(Var::FrequencySetpoint)];
        target = manual > 0
                     ? std::min(manual, FullSpeedHz)
                     : std::clamp(frequencyFor(running, flow, suction), MinSpeedHz, FullSpeedHz);
        // The drive leaves its soft start at the minimum speed and the PID takes over from there.
        m_frequency = std::max(m_frequency, std::min(target, MinSpeedHz));
    }
    m_frequency += (target - m_frequency) * lag(running > 0 ? 4.0 : 1.5);

    // Outlet pressure: the pumps' head on the suction, never below the bypass from the mains.
    const double bypass = std::max(0.0, inlet - 0.02);
    double pumpPressure = bypass;
    if (running > 0 && m_faults.burst) {
        // The pumps cannot deliver what the break would draw at the setpoint: the pressure
        // settles where their curve meets the demand and the orifice.
        pumpPressure = std::max(bypass, operatingPressure(running, demand, orifice, suction));
    } else if (running > 0) {
        const double perPump = flow / running;
        const double speed = m_frequency / FullSpeedHz;
        const double head =
            std::max(0.0, P.shutoffHead * speed * speed - P.curveK * perPump * perPump);
        pumpPressure = std::max(bypass, suction + head * MPaPerMetre);
    }
    m_pout += (pumpPressure - m_pout) * lag(3.0);

    // Tank: break tank with level control, or the stabiliser tank of a suction station.
    // The inlet valve passes water in proportion to its opening.
    m_valve.advance(dt, instant);
    const double opening = m_valve.position();
    if (m_level < FillStart)
        m_filling = true;
    else if (m_level >= FillStop)
        m_filling = false;
    double inflow = 0;
    if (opening > 0 && !m_faults.lowLow) {
        if (P.breakTank)
            inflow = (m_filling || m_faults.overflow)
                         ? P.inflowMax * std::sqrt(std::max(inlet, 0.0) / 0.2)
                         : 0.0;
        else if (m_faults.overflow) // its float sticks open
            inflow = flow + 0.5 * P.peakDemand;
        else // the mains keep the stabiliser tank at its working level within minutes
            inflow = std::max(0.0, flow + (m_normalLevel - m_level) * P.tankArea * 20.0);
        inflow *= opening;
    }
    const double drain = m_faults.lowLow ? 3.0 * P.peakDemand : 0.0;
    if (!instant) {
        m_level += (inflow - flow - drain) / P.tankArea * dt / 3600.0;
        m_level = std::clamp(m_level, 0.0, OverflowLevel);
    }

    // Meters: totalizers and energy are integrals of what the instruments show.
    const double outletFlowShown = flow * (1.0 + 0.01 * noise(5, 5));
    v[idx(Var::InletTotal)] += (v[idx(Var::InletFlow)] + inflow) / 2.0 * dt / 3600.0;
    v[idx(Var::OutletTotal)] += (v[idx(Var::OutletFlow)] + outletFlowShown) / 2.0 * dt / 3600.0;
    v[idx(Var::InletFlow)] = inflow;
    v[idx(Var::OutletFlow)] = outletFlowShown;
    v[idx(Var::InletPressure)] = inlet;
    v[idx(Var::OutletPressure)] = m_pout + 0.0025 * noise(6, 7);
    v[idx(Var::TankLevel)] = m_level + 0.005 * noise(7, 11);
    v[idx(Var::InletValveOpen)] = m_valve.openIndication() ? 1 : 0;

    const double voltage = powered ? P.voltageBase + 3.0 * noise(8, 120) : 0.0;
    double power = powered ? AuxPowerKW : 0.0;
    double pumpsPower = 0;
    // Each running pump's electrical power: the water it lifts at its efficiency, plus losses.
    // In a burst a pump delivers what its curve gives at the outlet pressure, not more.
    const double pumped = running == 0     ? 0.0
                          : m_faults.burst ? std::min(flow / running, pumpFlow(m_pout, suction))
                                           : flow / running;
    std::array<double, MaxPumps> pumpKW{};
    for (int i = 0; i < MaxPumps; ++i) {
        if (!m_drives[static_cast<std::size_t>(i)].delivering())
            continue;
        const double speed = m_frequency / FullSpeedHz;
        const double hydraulicKW = pumped * std::max(0.0, m_pout - suction) * 1000.0 / 3600.0;
        const double r = pumped / (P.ratedFlow * std::max(speed, 0.05));
        const double eta = std::clamp(0.78 * (1.0 - (r - 1.0) * (r - 1.0) / 1.21), 0.2, 0.8);
        pumpKW[i] = hydraulicKW / (eta * MotorDriveEfficiency) +
                    0.12 * P.ratedPower * speed * speed * speed;
        pumpsPower += pumpKW[i];
    }
    const double powerFactor =
        !powered      ? 0.0
        : running > 0 ? 0.86 + 0.10 * std::min(1.0, pumpsPower / (P.ratedPower * running)) +
                            0.005 * noise(9, 60)
                      : 0.78;
    // The line currents are what the meter's power factor and voltage make of that power:
    // P = √3·U·I·cosφ per pump.
    for (int i = 0; i < MaxPumps; ++i) {
        const PumpDrive& drive = m_drives[static_cast<std::size_t>(i)];
        double frequency = 0, current = 0;
        if (drive.delivering()) {
            frequency = m_frequency + 0.05 * noise(20 + i, 3);
            current = pumpKW[i] * 1000.0 / (Sqrt3 * std::max(voltage, 1.0) * powerFactor);
        } else if (drive.phase() == PumpDrive::Phase::Starting) { // soft start to minimum speed
            frequency = drive.speedFraction() * MinSpeedHz;
        } else if (drive.phase() == PumpDrive::Phase::Stopping) { // ramp down from its speed
            frequency = drive.speedFraction() * m_frequency;
        }
        v[idx(offset(Var::Pump1Frequency, i))] = frequency;
        v[idx(offset(Var::Pump1Current, i))] = current;
        v[idx(offset(Var::Pump1Running, i))] = drive.runningBit() ? 1 : 0;
        v[idx(offset(Var::Pump1Fault, i))] = m_faults.pumpFault[i] ? 1 : 0;
    }
    power += pumpsPower;
    v[idx(Var::Energy)] += (v[idx(Var::Power)] + power) / 2.0 * dt / 3600.0;
    v[idx(Var::Power)] = power;
    v[idx(Var::PowerFactor)] = powerFactor;
    v[idx(Var::Voltage)] = voltage;

    v[idx(Var::Turbidity)] = 0.18 + 0.06 * noise(10, 1800) + (m_faults.burst ? 0.9 : 0.0);
    v[idx(Var::ResidualChlorine)] = 0.42 + 0.08 * noise(11, 2400);
    v[idx(Var::PH)] = 7.25 + 0.10 * noise(12, 3600);

    // The weekly inspection: the door stands open for 20 minutes.
    const int inspectionDay = static_cast<int>(P.key % 7) + 1;
    const double inspectionStart = 9 * 3600.0 + static_cast<double>(P.key % 180) * 60.0;
    const bool inspecting = local.dayOfWeek == inspectionDay &&
                            local.secondsOfDay >= inspectionStart &&
                            local.secondsOfDay < inspectionStart + 20 * 60.0;
    v[idx(Var::DoorOpen)] = inspecting ? 1 : 0;
    v[idx(Var::PowerFail)] = powered ? 0 : 1;
    v[idx(Var::PressureSensorFault)] =
        m_faults.sensor[idx(Var::OutletPressure)] == SensorMode::OutOfRange ? 1 : 0;
    m_heartbeat = std::fmod(m_heartbeat + dt, 65536.0);
    v[idx(Var::Heartbeat)] = std::floor(m_heartbeat);
}

double PumpHouse::value(Var var) const
{
    // The PLC sees the broken loop the moment it breaks and mends, not at the next step.
    if (var == Var::PressureSensorFault)
        return m_faults.sensor[idx(Var::OutletPressure)] == SensorMode::OutOfRange ? 1.0 : 0.0;
    switch (m_faults.sensor[idx(var)]) {
    case SensorMode::Frozen:
        return m_frozen[idx(var)];
    case SensorMode::OutOfRange:
        return -0.25 * span(var); // a broken 4–20 mA loop reads below 4 mA
    case SensorMode::Normal:
        break;
    }
    return m_v[idx(var)];
}

double PumpHouse::span(Var var) const
{
    switch (var) {
    case Var::InletPressure:
    case Var::OutletPressure:
        return 1.0;
    case Var::InletFlow:
    case Var::OutletFlow:
        return 2.0 * m_params.peakDemand;
    case Var::TankLevel:
        return TankHeight;
    default:
        return std::max(1.0, 2.0 * std::fabs(m_v[idx(var)]));
    }
}

void PumpHouse::setSensor(Var var, SensorMode mode)
{
    if (mode == SensorMode::Frozen)
        m_frozen[idx(var)] = value(var);
    m_faults.sensor[idx(var)] = mode;
}

void PumpHouse::command(Var var, double value)
{
    if (!isCommandVar(var) || std::isnan(value))
        return;
    double& slot = m_v[idx(var)];
    switch (var) {
    case Var::PressureSetpoint:
        slot = std::clamp(value, 0.05, 1.0);
        break;
    case Var::FrequencySetpoint:
        slot = std::clamp(value, 0.0, FullSpeedHz);
        break;
    case Var::InletValveCommand:
        slot = value != 0 ? 1 : 0;
        m_valve.command(slot != 0);
        break;
    default: // a pump: remote start or stop, held until the next command
        slot = value != 0 ? 1 : 0;
        m_mode[static_cast<std::size_t>(idx(var) - idx(Var::Pump1Command))] =
            slot != 0 ? PumpMode::Start : PumpMode::Stop;
        break;
    }
}

void PumpHouse::resetRemote()
{
    m_mode.fill(PumpMode::Auto);
    showRunCommands();
}

void PumpHouse::showRunCommands()
{
    // In automatic the PLC writes its own run command into the bit, as S7 programs mirror the
    // staging's output there: a client that starts a stopped pump changes the bit from 0 to 1.
    for (std::size_t i = 0; i < MaxPumps; ++i) {
        if (m_mode[i] == PumpMode::Auto)
            m_v[idx(offset(Var::Pump1Command, static_cast<int>(i)))] =
                m_drives[i].engaged() ? 1 : 0;
    }
}

void PumpHouse::runPumps(double flow, double suction, double dt, bool instant,
                         const LocalTime& local)
{
    for (std::size_t i = 0; i < MaxPumps; ++i) {
        // What the PLC's interlocks let run: the pump exists, has power and water, is healthy.
        const bool able = static_cast<int>(i) < m_params.pumps && !m_faults.powerFail &&
                          !m_dryRunTrip && !m_faults.pumpFault[i];
        PumpDrive& d = m_drives[i];
        if (!able)
            d.trip();
        else if (m_mode[i] == PumpMode::Start)
            d.start(); // held: it starts as soon as it may
        if (m_mode[i] == PumpMode::Stop)
            d.stop();
        m_available[i] = able && m_mode[i] != PumpMode::Stop;
    }
    stage(wantedPumps(flow, suction), dt, instant, local);
    for (PumpDrive& d : m_drives)
        d.advance(dt, instant);
    showRunCommands();
}

} // namespace PumpWatch::Sim
