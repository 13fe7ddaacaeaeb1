// TileLayer: one raster tile source under the map's vector layers — an XYZ service fetched with
// QNetworkAccessManager (asynchronous: the GUI thread never waits on the network) through the
// disk cache, or an offline MBTiles file. Reading files and decoding images happen on the
// layer's own thread; the GUI thread only draws pixmaps it already has. While a tile is on its
// way, the nearest coarser tile it has stands in, scaled up, so zooming never shows holes.
// Cached tiles older than 30 days are shown and fetched again; a service that cannot be reached
// is reported once (problem()) and retried every 30 s while the cache keeps the map.
//
//     TileLayer tiles(project.map.tiles[0], dataDir + u"/tiles"_s);
//     connect(&tiles, &TileLayer::tileArrived, canvas, qOverload<>(&QWidget::update));
//     tiles.paint(painter, centreWorld, zoom, canvas->size());   // in paintEvent
#pragma once

#include <core/project.h>
#include <gis/tiles.h>

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>

class QNetworkAccessManager;
class QNetworkReply;
class QPainter;
class QThread;

namespace PumpWatch::Ui {

class TileReader;

class TileLayer : public QObject {
    Q_OBJECT

public:
    TileLayer(const MapTiles& source, const QString& cacheDirectory, QObject* parent = nullptr);
    ~TileLayer() override;

    const MapTiles& source() const { return m_source; }
    Gis::Datum datum() const { return m_xyz.datum; }
    /// Draws the tiles covering a view of `size` pixels centred on `centreWorld` (world pixels
    /// at zoom 0) at `zoom`, and asks for the ones it does not have yet.
    void paint(QPainter& p, QPointF centreWorld, double zoom, QSizeF size);
    /// Tiles asked for and not yet here.
    int pending() const { return static_cast<int>(m_pending.size()); }
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void tileArrived();
    /// The source cannot be read or reached (empty again once it can).
    void problemChanged(const QString& problem);

private:
    static quint64 key(Gis::TileId id);
    const QPixmap* find(Gis::TileId id) const;
    void request(Gis::TileId id);
    void arrived(Gis::TileId id, const QImage& image, bool stale, bool fromNetwork);
    void fetch(Gis::TileId id);
    void fetched(QNetworkReply* reply, Gis::TileId id);
    void setProblem(const QString& problem);

    MapTiles m_source;
    Gis::TileSource m_xyz;
    QThread* m_thread;
    TileReader* m_reader;
    QNetworkAccessManager* m_network = nullptr;
    mutable QCache<quint64, QPixmap> m_memory;
    QSet<quint64> m_pending;
    QSet<quint64> m_refetched; ///< stale tiles fetched again this session
    qint64 m_retryAfterMs = 0; ///< the service failed; no fetches before this
    QString m_problem;
};

} // namespace PumpWatch::Ui
