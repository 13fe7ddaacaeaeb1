#include "commstatus.h"

#include <algorithm>

namespace PumpWatch::Acquisition {

const char* commStateName(CommState state)
{
    switch (state) {
    case CommState::Unknown:
        return "unknown";
    case CommState::Online:
        return "online";
    case CommState::Degraded:
        return "degraded";
    case CommState::Offline:
        return "offline";
    }
    return "unknown";
}

CommState stationState(const std::vector<CommState>& devices)
{
    const auto count = [&](CommState s) { return std::count(devices.begin(), devices.end(), s); };
    const auto known = static_cast<qsizetype>(devices.size()) - count(CommState::Unknown);
    if (known == 0)
        return CommState::Unknown;
    if (count(CommState::Online) == known)
        return CommState::Online;
    if (count(CommState::Offline) == known)
        return CommState::Offline;
    return CommState::Degraded;
}

} // namespace PumpWatch::Acquisition
