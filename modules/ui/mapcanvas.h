// MapCanvas: stations on a Web Mercator map (seed 000 §4.2.1). Vector base layers (districts,
// roads, rivers, pipelines: Gis::VectorLayer) under the station markers, which grow with the
// zoom from dots to names to cards with pressure, flow, comm status and update time, cluster
// where they would overlap (count and worst state), and flash while an alarm waits for its
// acknowledgement. Wheel zoom around the cursor in quarter steps, drag to pan, a scale bar, a
// north arrow and the cursor's coordinates. Click a marker for the station, double-click for
// its detail, right-click for its trend. Painting works from the last layout; feeding states
// only re-lays out, so 2000 stations repaint in a few milliseconds.
#pragma once

#include "mapsprites.h"

#include <gis/geo.h>
#include <gis/markerlayout.h>
#include <gis/vectorlayer.h>

#include <QPointer>
#include <QWidget>

#include <functional>

namespace PumpWatch::Ui {

class TileLayer;

struct MapStation {
    int station = -1;
    Gis::LonLat position; ///< WGS-84
    QString name;
    StationState state = StationState::Unknown;
    bool offline = false; ///< hatched over its state's colour
    bool flash = false;   ///< an unacknowledged alarm: drawn bright, then dim
    QStringList card;     ///< lines under the name at card level
};

class MapCanvas : public QWidget {
    Q_OBJECT

public:
    explicit MapCanvas(QWidget* parent = nullptr);

    void setLayers(std::vector<Gis::VectorLayer> layers);
    /// Raster tiles under the layers (not owned; null: none). Stations and layers move onto the
    /// tiles' datum (GCJ-02 for AMap, BD-09 for Baidu) so they sit on the right street.
    void setTiles(TileLayer* tiles);
    void setStations(std::vector<MapStation> stations);
    const std::vector<MapStation>& stations() const { return m_stations; }
    /// Changes what each station shows (state, flashing, card), not where it is.
    void updateStations(const std::function<void(MapStation&)>& update);
    /// Flashing phase (shared with the other panels' blink).
    void setBlink(bool on);

    void setView(Gis::LonLat centre, double zoom);
    Gis::LonLat centre() const;
    double zoom() const { return m_zoom; }
    void zoomToAll();
    void flyTo(int station, double zoom = 15.5);

    /// WGS-84 to the widget and back, through the tiles' datum.
    QPointF toScreen(Gis::LonLat p) const;
    Gis::LonLat toLonLat(QPointF screen) const;
    const Gis::MarkerLayout& layout() const { return m_layout; }
    /// The station under a screen point (a cluster's anchor), or -1.
    int stationAt(QPointF pos) const;

Q_SIGNALS:
    void stationClicked(int station);
    void stationActivated(int station);
    void trendRequested(int station);
    void graphicRequested(int station);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void relayout();
    void zoomAround(QPointF screen, double zoom);
    QColor mapGround() const;
    void paintLayers(QPainter& p) const;
    void paintMarkers(QPainter& p) const;
    void paintDecorations(QPainter& p) const;

    std::vector<Gis::VectorLayer> m_layers;
    QPointer<TileLayer> m_tiles;
    Gis::Datum m_datum = Gis::Datum::Wgs84;
    std::vector<MapStation> m_stations;
    std::vector<Gis::MarkerInput> m_inputs; ///< by index into m_stations
    std::vector<int> m_index;               ///< station → index into m_stations
    Gis::MarkerLayout m_layout;
    mutable MarkerSprites m_sprites; ///< filled while painting
    QPointF m_centreWorld;           ///< at zoom 0
    double m_zoom = 11;
    bool m_blink = true;
    bool m_fitted = false;
    QPointF m_pressPos;
    QPointF m_pressCentre;
    bool m_dragging = false;
    QPointF m_mouse{-1, -1};
};

} // namespace PumpWatch::Ui
