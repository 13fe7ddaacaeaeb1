// Communication status of devices and stations, for alarms (comm failure) and the UI
// (offline stations grey with the cause and since when).
//
// A device is Unknown until it first answers or fails, Online after a good answer and Offline
// when its connection fails or it stops answering. A station counts the devices whose state is
// known: Online when all of them are, Offline when none is, Degraded in between. Plain value types,
// any thread.
#pragma once
#include <QString>

#include <vector>

namespace PumpWatch::Acquisition {

enum class CommState : quint8 { Unknown = 0, Online, Degraded, Offline };

/// "unknown", "online", "degraded", "offline"
const char* commStateName(CommState state);

struct CommStatus {
    int station = -1;
    int device = -1; ///< -1: the station as a whole
    CommState state = CommState::Unknown;
    CommState previous = CommState::Unknown;
    qint64 sinceMs = 0; ///< UTC ms of the last change of state
    QString lastError;  ///< why it went offline (kept after recovery)
    /// Devices on a shared line: failed too often in a row, tried only once in a while.
    bool demoted = false;
    qint64 nextTryMs = 0; ///< UTC ms of the next try of a demoted device
    friend bool operator==(const CommStatus&, const CommStatus&) = default;
};

/// The state of a station from the states of its devices.
CommState stationState(const std::vector<CommState>& devices);

} // namespace PumpWatch::Acquisition
