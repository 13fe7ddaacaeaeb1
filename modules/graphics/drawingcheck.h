// DrawingCheck: every station's drawing resolved and its broken bindings collected — the one loop
// behind `pumpwatch-cli graphics check` and the editor's save dialog, so the two never disagree.
//
// A station is served by the drawing DrawingLibrary's rule picks (drawingFor); a drawing of one
// device serving a station of several is resolved once per device, as the runtime opens it.
// checkEdited() puts an edited drawing in place of the saved one with its id (or adds it) and
// checks only the stations it serves, or served before the edit. Pure functions, any thread.
//
//     const CheckResult all = checkDrawings(library.drawings(), project);
//     for (const StationCheck& s : all.stations) for (const Problem& p : s.problems) print(p);
#pragma once

#include "resolve.h"

namespace PumpWatch::Graphics {

/// One station's result.
struct StationCheck {
    int station = -1; ///< index into Project::stations
    int drawing = -1; ///< index into the drawings checked; -1: no drawing serves the station
    std::vector<Problem> problems;

    bool hasDrawing() const { return drawing >= 0; }
    /// Problems, counting a missing drawing as one.
    int problemCount() const { return hasDrawing() ? int(problems.size()) : 1; }
};

/// A station patch of a drawing for a station id the project does not have.
struct StrayOverride {
    QString file;
    QString drawing;
    QString station;
};

struct CheckResult {
    std::vector<StationCheck> stations; ///< in project order
    std::vector<StrayOverride> strayOverrides;

    int problemCount() const;
    int stationsWithProblems() const;
};

/// Checks every station of `project` against `drawings` (DrawingLibrary::drawings()).
CheckResult checkDrawings(const std::vector<Drawing>& drawings, const Project& project);

/// The stations (indexes) `drawing` serves once it takes the place of the drawing with its id in
/// `drawings` (or is added after them).
std::vector<int> stationsServedBy(const std::vector<Drawing>& drawings, const Drawing& drawing,
                                  const Project& project);

/// The stations an edit of `edited` affects — those it serves and those the saved version with its
/// id served — each checked with `edited` in place; the stray overrides are `edited`'s only.
CheckResult checkEdited(const std::vector<Drawing>& drawings, const Drawing& edited,
                        const Project& project);

} // namespace PumpWatch::Graphics
