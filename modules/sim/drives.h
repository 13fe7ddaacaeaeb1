// The pump house's actuators as its PLC runs them: a pump's soft starter / VFD (start delay,
// ramp-down, instant trip) and the motorised inlet valve (travel between its limits).
//
// They hold no physics: PumpHouse decides when a pump starts, stops or trips and where the valve
// is sent, and reads back what the contactor, the limit switches and the drive show. Time
// advances by explicit steps, so the timings are deterministic whatever the tick rate.
// Not thread-safe.
//
//     PumpDrive drive(4.2);            // 4.2 s soft start
//     drive.start();
//     drive.advance(3.0, false);       // starting: running bit off, speed ramping
//     drive.advance(1.5, false);       // running
//     InletValve valve;
//     valve.command(false);            // closes within InletValve::StrokeS
#pragma once

#include <QtGlobal>

namespace PumpWatch::Sim {

/// Who decides whether a pump runs: the automatic staging, or a remote start or stop written to
/// its command bit (held until the next command or until the panel returns it to automatic).
enum class PumpMode : quint8 { Auto, Start, Stop };

class PumpDrive {
public:
    /// s from the stop order until the running contactor drops (the VFD's ramp-down).
    static constexpr double StopRampS = 1.5;
    enum class Phase : quint8 { Stopped, Starting, Running, Stopping };

    explicit PumpDrive(double startDelayS = 4.0)
        : m_startDelayS(startDelayS)
    {}

    /// Begins the soft start (or takes back a stop under way); no-op while starting or running.
    void start();
    /// Begins the ramp-down; no-op while stopped or stopping.
    void stop();
    /// A protection trip or lost supply: the contactor drops at once.
    void trip();
    /// Advances the start delay or the ramp; `instant` completes it (the model's initial state).
    void advance(double dt, bool instant);

    Phase phase() const { return m_phase; }
    /// The pump delivers water (its soft start is complete and it has not been told to stop).
    bool delivering() const { return m_phase == Phase::Running; }
    /// Started or starting: what the staging counts as in service.
    bool engaged() const { return m_phase == Phase::Starting || m_phase == Phase::Running; }
    /// The running feedback the PLC reports: on after the soft start, off after the ramp-down.
    bool runningBit() const { return m_phase == Phase::Running || m_phase == Phase::Stopping; }
    /// The drive's output as a fraction of the running speed: ramps 0→1 over the soft start and
    /// 1→0 over the ramp-down.
    double speedFraction() const;
    double startDelayS() const { return m_startDelayS; }

private:
    double m_startDelayS;
    Phase m_phase = Phase::Stopped;
    double m_timerS = 0; ///< s into the present start or stop
};

/// The motorised inlet valve: it travels at a constant rate between its limit switches; the PLC's
/// "valve open" bit is the last limit reached (on at the open limit, off at the closed one).
class InletValve {
public:
    /// s for a full stroke, closed to open or back.
    static constexpr double StrokeS = 20.0;

    /// Sends the valve toward open or closed; it reverses from wherever it is.
    void command(bool open) { m_opening = open; }
    void advance(double dt, bool instant);

    /// 0 closed … 1 open.
    double position() const { return m_travelS / StrokeS; }
    bool openIndication() const { return m_openLimitLast; }
    bool opening() const { return m_opening; }

private:
    double m_travelS = StrokeS; ///< s of travel from the closed limit
    bool m_opening = true;
    bool m_openLimitLast = true;
};

} // namespace PumpWatch::Sim
