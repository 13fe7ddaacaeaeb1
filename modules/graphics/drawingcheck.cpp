#include "drawingcheck.h"

#include "drawinglibrary.h"

#include <algorithm>

namespace PumpWatch::Graphics {

namespace {

StationCheck checkStation(const std::vector<Drawing>& drawings, const Project& project,
                          int stationIndex)
{
    StationCheck check;
    check.station = stationIndex;
    check.drawing = drawingFor(drawings, project, stationIndex);
    if (check.drawing < 0)
        return check;
    const Drawing& drawing = drawings[std::size_t(check.drawing)];
    const Station& station = project.stations[std::size_t(stationIndex)];
    // A drawing of one device serving a station of several is opened per device.
    const int devices = int(station.devices.size());
    const int passes = drawing.deviceCount() == devices ? 1 : devices;
    for (int d = 0; d < passes; ++d) {
        const ResolvedDrawing resolved =
            resolve(drawing, project, stationIndex, passes == 1 ? -1 : d);
        check.problems.insert(check.problems.end(), resolved.problems.begin(),
                              resolved.problems.end());
    }
    return check;
}

void addStrayOverrides(const Drawing& d, const Project& project, CheckResult* result)
{
    for (const auto& [station, patch] : d.overrides) {
        if (project.stationIndex(station) < 0)
            result->strayOverrides.push_back({d.file, d.id, station});
    }
}

/// `drawings` with `edited` in place of the one with its id (or added); its index in *index.
std::vector<Drawing> withEdited(const std::vector<Drawing>& drawings, const Drawing& edited,
                                int* index)
{
    std::vector<Drawing> all = drawings;
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const Drawing& d) { return d.id == edited.id; });
    if (it != all.end()) {
        *it = edited;
        *index = int(it - all.begin());
    } else {
        all.push_back(edited);
        *index = int(all.size()) - 1;
    }
    return all;
}

} // namespace

int CheckResult::problemCount() const
{
    int n = int(strayOverrides.size());
    for (const StationCheck& s : stations)
        n += s.problemCount();
    return n;
}

int CheckResult::stationsWithProblems() const
{
    return int(std::count_if(stations.begin(), stations.end(),
                             [](const StationCheck& s) { return s.problemCount() > 0; }));
}

CheckResult checkDrawings(const std::vector<Drawing>& drawings, const Project& project)
{
    CheckResult result;
    for (int s = 0; s < int(project.stations.size()); ++s)
        result.stations.push_back(checkStation(drawings, project, s));
    for (const Drawing& d : drawings)
        addStrayOverrides(d, project, &result);
    return result;
}

std::vector<int> stationsServedBy(const std::vector<Drawing>& drawings, const Drawing& drawing,
                                  const Project& project)
{
    int index = -1;
    const std::vector<Drawing> all = withEdited(drawings, drawing, &index);
    std::vector<int> served;
    for (int s = 0; s < int(project.stations.size()); ++s) {
        if (drawingFor(all, project, s) == index)
            served.push_back(s);
    }
    return served;
}

CheckResult checkEdited(const std::vector<Drawing>& drawings, const Drawing& edited,
                        const Project& project)
{
    int index = -1;
    const std::vector<Drawing> all = withEdited(drawings, edited, &index);
    const auto saved = std::find_if(drawings.begin(), drawings.end(),
                                    [&](const Drawing& d) { return d.id == edited.id; });
    const int savedIndex = saved == drawings.end() ? -1 : int(saved - drawings.begin());
    CheckResult result;
    for (int s = 0; s < int(project.stations.size()); ++s) {
        const bool servedBefore = savedIndex >= 0 && drawingFor(drawings, project, s) == savedIndex;
        StationCheck check = checkStation(all, project, s);
        if (check.drawing == index || servedBefore)
            result.stations.push_back(std::move(check));
    }
    addStrayOverrides(edited, project, &result);
    return result;
}

} // namespace PumpWatch::Graphics
