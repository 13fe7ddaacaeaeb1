// What the graphics tests share: a project on the standard template whose stations differ in
// equipment and zones, and the demo drawings.
#pragma once

#include <graphics/drawingjson.h>
#include <sim/standardtemplate.h>

#include <QTest>

namespace PumpWatch::Graphics::TestData {

struct StationSpec {
    const char* id;
    std::vector<Equipment> devices; ///< one per zone: low, then high
};

inline Project project(const std::vector<StationSpec>& specs)
{
    Project p;
    p.name = QStringLiteral("t");
    p.templates.push_back(Sim::standardTemplate(QStringLiteral("std-pump-house")));
    for (const StationSpec& spec : specs) {
        Station s;
        s.id = QString::fromLatin1(spec.id);
        s.name = QStringLiteral("站") + s.id;
        for (std::size_t i = 0; i < spec.devices.size(); ++i) {
            Device d;
            d.zone = i == 0 ? Zone::Low : Zone::High;
            d.id = zoneCode(d.zone);
            d.templateIndex = 0;
            d.equipment = spec.devices[i];
            d.settings = p.templates[0].device;
            s.devices.push_back(d);
        }
        p.stations.push_back(s);
    }
    p.reindex();
    return p;
}

inline Drawing demo(const QString& id)
{
    const QString path = QStringLiteral(":/demo/graphics/%1.json").arg(id);
    DrawingLoad load = DrawingJson::readFile(path);
    if (!load.drawing)
        qFatal("cannot read %s", qPrintable(path));
    return std::move(*load.drawing);
}

inline Equipment pumps(int n, std::optional<bool> tank = std::nullopt)
{
    return Equipment{n, tank};
}

} // namespace PumpWatch::Graphics::TestData
