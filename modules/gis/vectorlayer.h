// VectorLayer: a base-map layer from a vector file through GDAL/OGR — GeoJSON, Shapefile,
// GeoPackage, anything OGR reads — with its features reprojected to WGS-84 longitude/latitude by
// PROJ (through OGR) from whatever CRS the file declares (a file without one is taken as WGS-84).
// Polygons become rings, lines polylines, points points; multi-geometries are flattened. Each
// feature keeps a label from the layer style's field (default "name"). Loading is done once,
// off the GUI thread if large; a loaded layer is a plain value.
//
//     auto layer = VectorLayer::load(u"districts.geojson"_s, style, &error);
//     for (const Feature& f : layer->features) draw(f.parts);
#pragma once

#include "geo.h"

#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QRectF>

#include <optional>
#include <vector>

namespace PumpWatch::Gis {

/// How a layer is drawn; colours as "#rrggbb" or "#aarrggbb" (empty: none), as a project file
/// spells them.
struct LayerStyle {
    QString stroke = QStringLiteral("#78829a");
    QString fill;
    double width = 1.0; ///< screen pixels
    QString labelField; ///< attribute shown as the label; empty: "name" when there is one
    QString labelColour = QStringLiteral("#c8cdd7");
    double labelMinZoom = 12; ///< labels appear from this zoom on
};

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
    QString name; ///< the file's first layer name
    QString file;
    LayerStyle style;
    std::vector<Feature> features;
    QRectF bounds; ///< lon/lat

    /// Every layer of the file, as one; nullopt with `error` naming the file and the reason.
    static std::optional<VectorLayer> load(const QString& file, const LayerStyle& style,
                                           QString* error);
};

} // namespace PumpWatch::Gis
