// CityMap: the offline base map of the simulated city, of its own making — the district outlines
// the generator assigns stations by, the ring and radial main roads and the river 湘江 — as
// GeoJSON layers with their styles, so a control room without a network still sees where its
// stations are. Deterministic: the same text every time. Pure functions, any thread.
//
//     for (const CityMapLayer& l : CityMap::layers()) write(dir + u'/' + l.layer.file, l.geoJson);
#pragma once

#include <core/project.h>

#include <QByteArray>

#include <vector>

namespace PumpWatch::Sim {

struct CityMapLayer {
    MapLayer layer;     ///< style, and `file` relative to the project ("map/zunyi-roads.geojson")
    QByteArray geoJson; ///< a FeatureCollection in WGS-84, one feature per line
};

class CityMap {
public:
    /// Bottom to top: districts, river, roads.
    static std::vector<CityMapLayer> layers();
    /// Writes every layer's file under `projectDir`; `error` names the file that failed.
    static bool write(const QString& projectDir, QString* error);
};

} // namespace PumpWatch::Sim
