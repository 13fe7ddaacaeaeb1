// Geodesy for the map: Web Mercator (the tiles' projection) and the offsets Chinese map services
// apply by law — GCJ-02 ("Mars coordinates": AMap, Tencent, Google China) on top of WGS-84, and
// Baidu's BD-09 on top of GCJ-02. Stations are stored in WGS-84; a tile source says which datum
// its pictures are drawn in, and the canvas moves stations onto it so they line up with its
// streets. The GCJ-02 formula is the published one (as in eviltransform/coordtransform); its
// inverse is solved by iteration to well under a metre. Outside China there is no offset.
// Pure functions, any thread.
#pragma once

#include <core/project.h>

#include <QPointF>
#include <QString>

#include <optional>

namespace PumpWatch::Gis {

enum class Datum : quint8 { Wgs84, Gcj02, Bd09 };
QString datumCode(Datum datum); ///< "wgs84", "gcj02", "bd09"
std::optional<Datum> parseDatum(QStringView code);

/// Longitude x, latitude y, in degrees.
using LonLat = QPointF;

inline LonLat lonLat(const GeoPoint& p)
{
    return {p.longitude, p.latitude};
}

/// True where the Chinese offsets apply (the usual bounding box of the mainland).
bool inChina(LonLat p);

LonLat wgs84ToGcj02(LonLat p);
LonLat gcj02ToWgs84(LonLat p); ///< iterated to < 1e-7° (about 1 cm)
LonLat gcj02ToBd09(LonLat p);
LonLat bd09ToGcj02(LonLat p);
/// From WGS-84 to `datum`, and back.
LonLat fromWgs84(LonLat p, Datum datum);
LonLat toWgs84(LonLat p, Datum datum);

/// Web Mercator world coordinates: the whole world is 256 × 2^zoom pixels, x east, y south,
/// (0, 0) at 180°W 85.0511°N — the XYZ tile scheme's pixel space. Zoom may be fractional.
struct WebMercator {
    static constexpr double MaxLatitude = 85.05112878;
    static double worldSize(double zoom);
    static QPointF toWorld(LonLat p, double zoom);
    static LonLat fromWorld(QPointF world, double zoom);
    /// Ground metres per screen pixel at a latitude and zoom (for the scale bar).
    static double metresPerPixel(double latitude, double zoom);
};

/// Great-circle distance in metres (haversine, mean Earth radius).
double distanceMetres(LonLat a, LonLat b);

} // namespace PumpWatch::Gis
