#include "drives.h"

#include <algorithm>

namespace PumpWatch::Sim {

void PumpDrive::start()
{
    switch (m_phase) {
    case Phase::Stopped:
        m_phase = Phase::Starting;
        m_timerS = 0;
        break;
    case Phase::Stopping: // the motor still turns: the drive catches it and runs on
        m_phase = Phase::Running;
        m_timerS = 0;
        break;
    case Phase::Starting:
    case Phase::Running:
        break;
    }
}

void PumpDrive::stop()
{
    switch (m_phase) {
    case Phase::Starting: // not yet delivering: the starter just lets go
        m_phase = Phase::Stopped;
        m_timerS = 0;
        break;
    case Phase::Running:
        m_phase = Phase::Stopping;
        m_timerS = 0;
        break;
    case Phase::Stopped:
    case Phase::Stopping:
        break;
    }
}

void PumpDrive::trip()
{
    m_phase = Phase::Stopped;
    m_timerS = 0;
}

void PumpDrive::advance(double dt, bool instant)
{
    m_timerS += dt;
    // A small tolerance: sub-steps of a second add up to the delay without rounding past it.
    constexpr double Slack = 1e-9;
    if (m_phase == Phase::Starting && (instant || m_timerS + Slack >= m_startDelayS)) {
        m_phase = Phase::Running;
        m_timerS = 0;
    } else if (m_phase == Phase::Stopping && (instant || m_timerS + Slack >= StopRampS)) {
        m_phase = Phase::Stopped;
        m_timerS = 0;
    }
}

double PumpDrive::speedFraction() const
{
    switch (m_phase) {
    case Phase::Starting:
        return std::clamp(m_timerS / m_startDelayS, 0.0, 1.0);
    case Phase::Running:
        return 1.0;
    case Phase::Stopping:
        return std::clamp(1.0 - m_timerS / StopRampS, 0.0, 1.0);
    case Phase::Stopped:
        break;
    }
    return 0.0;
}

void InletValve::advance(double dt, bool instant)
{
    const double target = m_opening ? StrokeS : 0.0;
    if (instant)
        m_travelS = target;
    else if (m_opening)
        m_travelS = std::min(target, m_travelS + dt);
    else
        m_travelS = std::max(target, m_travelS - dt);
    constexpr double Slack = 1e-9;
    if (m_travelS >= StrokeS - Slack)
        m_openLimitLast = true;
    else if (m_travelS <= Slack)
        m_openLimitLast = false;
}

} // namespace PumpWatch::Sim
