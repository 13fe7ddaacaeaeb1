// DrawingLibrary: the drawings a project refers to (Project::graphics), loaded, and which one a
// station opens.
//
// The rule (docs/project-format.md § Graphics): a station opens the first drawing, in the
// order of the project's "graphics" list, whose template is the template of the station's
// devices and whose zone count equals the station's device count (a two-zone drawing for a
// station with a low and a high zone device). When none has that count, the first drawing of
// the template with no zones is opened, one device at a time. Built once after the project is
// read; immutable afterwards, any thread may read it.
//
//     const DrawingLibrary library = DrawingLibrary::load(project);
//     if (const Drawing* d = library.drawingFor(project, stationIndex))
//         show(resolve(*d, project, stationIndex));
#pragma once

#include "drawing.h"

#include <core/diagnostic.h>
#include <core/project.h>

namespace PumpWatch::Graphics {

class DrawingLibrary {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Graphics::DrawingLibrary)

public:
    /// Reads every drawing of `project.graphics`; what fails to read is left out and reported.
    static DrawingLibrary load(const Project& project);

    const std::vector<Drawing>& drawings() const { return m_drawings; }
    const Diagnostics& diagnostics() const { return m_diagnostics; }
    const Drawing* find(QStringView id) const;
    const Drawing* drawingFor(const Project& project, int stationIndex) const;

private:
    std::vector<Drawing> m_drawings;
    Diagnostics m_diagnostics;
};

/// The rule above over any list of drawings: the index into `drawings`, or -1.
int drawingFor(const std::vector<Drawing>& drawings, const Project& project, int stationIndex);

} // namespace PumpWatch::Graphics
