// VectorLayer: a base-map layer from a vector file through GDAL/OGR — GeoJSON, Shapefile,
// GeoPackage, anything OGR reads — with its features reprojected to WGS-84 longitude/latitude by
// PROJ (through OGR) from whatever CRS the file declares (a file without one is taken as WGS-84).
// Polygons become rings, lines polylines, points points; multi-geometries are flattened. Each
// feature keeps a label from the layer style's field (default "name"). Loading is done once,
// off the GUI thread if large; a loaded layer is a plain value.
//
//     auto layer = VectorLayer::load(project.map.layers[0], &error);
//     for (const Feature& f : layer->features) draw(f.parts);
#pragma once

#include "geo.h"

#include <core/project.h>

#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QRectF>

#include <optional>
#include <vector>

namespace PumpWatch::Gis {

struct Feature {
    enum class Kind : quint8 { Point, Line, Polygon };
    Kind kind = Kind::Line;
    std::vector<QList<QPointF>> parts; ///< lon/lat; a polygon's rings, a line's pieces, points
    QString label;
    QRectF bounds; ///< lon/lat
};

struct VectorLayer {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Gis::VectorLayer)

public:
    MapLayer style; ///< the project's layer: file, name, colours, label field and zoom
    QString name;   ///< the file's first layer name
    std::vector<Feature> features;
    QRectF bounds; ///< lon/lat

    /// Every layer of `style.file`, as one; nullopt with `error` naming the file and the reason.
    /// A compiled-in resource (":/…") is read through GDAL's in-memory files.
    static std::optional<VectorLayer> load(const MapLayer& style, QString* error);
};

} // namespace PumpWatch::Gis
