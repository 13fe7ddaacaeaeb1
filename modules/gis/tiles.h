// Raster tiles: the XYZ scheme (z/x/y, y down from the north, as OSM, AMap, Tianditu serve them),
// URL templates, which tiles cover a view, a disk cache, and MBTiles files for offline rooms.
//
//     TileSource s{"amap", "https://wprd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}&style=7",
//                  Datum::Gcj02, 3, 18, {"1", "2", "3", "4"}};
//     QUrl url = s.url({12, 3237, 1713});
//     TileCache cache(dir, 30 days);  cache.store("amap", id, bytes);  cache.load("amap", id, now)
//
// Template fields: {z} {x} {y}, {-y} (TMS rows, from the south), {q} (a Bing quadkey), {s} (a
// subdomain picked from the list by tile, so a tile always comes from the same host). Pure
// functions and plain files; TileCache and MbTiles are not thread-safe, one per thread.
#pragma once

#include "geo.h"

#include <core/project.h>

#include <QByteArray>
#include <QDir>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <vector>

namespace PumpWatch::Gis {

struct TileId {
    int z = 0;
    int x = 0;
    int y = 0;
    friend bool operator==(const TileId&, const TileId&) = default;
    friend auto operator<=>(const TileId&, const TileId&) = default;
};

/// "120" for (3, 4, 2): the tile's Bing quadkey.
QString quadKey(TileId id);

struct TileSource {
    QString id;          ///< names the cache folder: "amap", "osm"
    QString urlTemplate; ///< see above; file:// and an .mbtiles path are allowed too
    Datum datum = Datum::Wgs84;
    int minZoom = 0;
    int maxZoom = 18;
    QStringList subdomains;

    QUrl url(TileId tile) const;
    /// The project's XYZ source ("subdomains": "1234" → one host letter each).
    static TileSource from(const MapTiles& tiles);
};

/// The tiles at integer `zoom` covering `worldRect` (world pixels at that zoom), row by row from
/// the view's centre outwards so the middle loads first. x wraps around the antimeridian.
std::vector<TileId> coveringTiles(const QRectF& worldRect, int zoom);

class TileCache {
public:
    /// Tiles older than `maxAgeS` are still returned (offline is better than blank) but
    /// flagged stale so the canvas fetches them again when it can.
    TileCache(const QString& directory, qint64 maxAgeS);

    QString path(const QString& source, TileId id) const;
    std::optional<QByteArray> load(const QString& source, TileId id, qint64 nowMs,
                                   bool* stale = nullptr) const;
    /// Atomic; false with `error` when the folder cannot be written.
    bool store(const QString& source, TileId id, const QByteArray& data, QString* error) const;

private:
    QDir m_dir;
    qint64 m_maxAgeS;
};

/// An MBTiles file (SQLite: metadata and tiles in TMS rows). Read-only.
class MbTiles {
public:
    MbTiles();
    ~MbTiles();
    MbTiles(const MbTiles&) = delete;
    MbTiles& operator=(const MbTiles&) = delete;

    bool open(const QString& path, QString* error);
    QString name() const { return m_name; }
    QString format() const { return m_format; } ///< "png", "jpg", "webp", "pbf"
    int minZoom() const { return m_minZoom; }
    int maxZoom() const { return m_maxZoom; }
    /// West, south, east, north in degrees; empty when the file does not say.
    QRectF bounds() const { return m_bounds; }
    std::optional<QByteArray> tile(TileId id) const;

private:
    QString m_connection;
    QString m_name;
    QString m_format;
    int m_minZoom = 0;
    int m_maxZoom = 0;
    QRectF m_bounds;
};

} // namespace PumpWatch::Gis
