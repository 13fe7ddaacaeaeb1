#include "drawinglibrary.h"

#include "drawingjson.h"

#include <algorithm>

namespace PumpWatch::Graphics {

DrawingLibrary DrawingLibrary::load(const Project& project)
{
    DrawingLibrary library;
    for (const GraphicRef& ref : project.graphics) {
        DrawingLoad load = DrawingJson::readFile(ref.file);
        library.m_diagnostics.insert(library.m_diagnostics.end(), load.diagnostics.begin(),
                                     load.diagnostics.end());
        if (!load.drawing)
            continue;
        if (load.drawing->id != ref.id) {
            Diagnostic d;
            d.file = ref.file;
            d.path = QStringLiteral("id");
            d.message = tr("the project lists it as '%1', the file says '%2'")
                            .arg(ref.id, load.drawing->id);
            library.m_diagnostics.push_back(d);
            continue;
        }
        library.m_drawings.push_back(std::move(*load.drawing));
    }
    return library;
}

const Drawing* DrawingLibrary::find(QStringView id) const
{
    const auto it = std::find_if(m_drawings.begin(), m_drawings.end(),
                                 [&](const Drawing& d) { return d.id == id; });
    return it == m_drawings.end() ? nullptr : &*it;
}

const Drawing* DrawingLibrary::drawingFor(const Project& project, int stationIndex) const
{
    const int i = Graphics::drawingFor(m_drawings, project, stationIndex);
    return i < 0 ? nullptr : &m_drawings[static_cast<std::size_t>(i)];
}

int drawingFor(const std::vector<Drawing>& drawings, const Project& project, int stationIndex)
{
    const Station& s = project.stations[static_cast<std::size_t>(stationIndex)];
    if (s.devices.empty())
        return -1;
    const int t = s.devices.front().templateIndex;
    const bool oneTemplate =
        t >= 0 && std::all_of(s.devices.begin(), s.devices.end(),
                              [t](const Device& d) { return d.templateIndex == t; });
    if (!oneTemplate)
        return -1;
    const QString& templateId = project.templates[static_cast<std::size_t>(t)].id;
    const int devices = static_cast<int>(s.devices.size());
    int single = -1;
    for (std::size_t i = 0; i < drawings.size(); ++i) {
        const Drawing& d = drawings[i];
        if (d.templateId != templateId)
            continue;
        if (d.deviceCount() == devices)
            return static_cast<int>(i);
        if (single < 0 && d.zones.isEmpty())
            single = static_cast<int>(i);
    }
    return single;
}

} // namespace PumpWatch::Graphics
