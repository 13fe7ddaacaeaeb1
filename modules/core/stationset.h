// A set of stations by index, as a server's shard owns them (`--stations`): one flag per
// station of the project; empty means every station. Acquisition, the pipeline and the
// publisher all ask it the same question.
#pragma once

#include <cstddef>
#include <vector>

namespace PumpWatch {

using StationSet = std::vector<bool>;

/// Whether `station` is in `set`; -1 (nothing's station: system alarms) only in the empty set.
inline bool inStationSet(const StationSet& set, int station)
{
    return set.empty() ||
           (station >= 0 && std::size_t(station) < set.size() && set[std::size_t(station)]);
}

} // namespace PumpWatch
