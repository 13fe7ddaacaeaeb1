#include "mapcanvas.h"

#include "theme.h"
#include "tilelayer.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <cmath>
#include <optional>

namespace PumpWatch::Ui {
namespace {

constexpr double MinZoom = 3;
constexpr double MaxZoom = 19;

QColor colour(const QString& text)
{
    return text.isEmpty() ? QColor(Qt::transparent) : QColor::fromString(text);
}

/// Liang–Barsky: the part of segment a→b inside `r`, as fractions of it; nullopt when none is.
std::optional<std::pair<double, double>> clipSegment(QPointF a, QPointF b, const QRectF& r)
{
    double t0 = 0, t1 = 1;
    const QPointF d = b - a;
    const double p[4] = {-d.x(), d.x(), -d.y(), d.y()};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return std::nullopt;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
    }
    if (t0 >= t1)
        return std::nullopt;
    return std::pair{t0, t1};
}

/// The point halfway along the visible length of a polyline, and the angle of the text there
/// (degrees, never upside down); nullopt when none of it is in `r`.
std::optional<std::pair<QPointF, double>> middleOnScreen(const QPolygonF& line, const QRectF& r)
{
    const auto length = [](QPointF v) { return std::hypot(v.x(), v.y()); };
    double visible = 0;
    for (qsizetype i = 0; i + 1 < line.size(); ++i) {
        if (const auto t = clipSegment(line[i], line[i + 1], r))
            visible += (t->second - t->first) * length(line[i + 1] - line[i]);
    }
    if (visible < 60) // too little of it to carry a name
        return std::nullopt;
    double left = visible / 2;
    for (qsizetype i = 0; i + 1 < line.size(); ++i) {
        const auto t = clipSegment(line[i], line[i + 1], r);
        if (!t)
            continue;
        const QPointF d = line[i + 1] - line[i];
        const double piece = (t->second - t->first) * length(d);
        if (piece < left) {
            left -= piece;
            continue;
        }
        const QPointF at = line[i] + d * (t->first + left / length(d));
        double angle = std::atan2(d.y(), d.x()) * 180 / M_PI;
        if (angle > 90)
            angle -= 180;
        else if (angle < -90)
            angle += 180;
        return std::pair{at, angle};
    }
    return std::nullopt;
}

} // namespace

MapCanvas::MapCanvas(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(320, 240);
    setFocusPolicy(Qt::WheelFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_centreWorld = Gis::WebMercator::toWorld({106.93, 27.70}, 0);
}

void MapCanvas::setLayers(std::vector<Gis::VectorLayer> layers)
{
    m_layers = std::move(layers);
    update();
}

void MapCanvas::setTiles(TileLayer* tiles)
{
    if (m_tiles)
        disconnect(m_tiles, nullptr, this, nullptr);
    m_tiles = tiles;
    if (tiles)
        connect(tiles, &TileLayer::tileArrived, this, qOverload<>(&QWidget::update));
    const Gis::Datum datum = tiles ? tiles->datum() : Gis::Datum::Wgs84;
    if (datum != m_datum) {
        const Gis::LonLat centre = this->centre();
        m_datum = datum;
        setStations(std::move(m_stations)); // their world positions move onto the datum
        m_centreWorld = Gis::WebMercator::toWorld(Gis::fromWgs84(centre, m_datum), 0);
    }
    relayout();
}

void MapCanvas::setStations(std::vector<MapStation> stations)
{
    m_stations = std::move(stations);
    m_sprites.reset(m_stations.size());
    m_inputs.resize(m_stations.size());
    m_index.clear();
    for (std::size_t i = 0; i < m_stations.size(); ++i) {
        const MapStation& s = m_stations[i];
        m_inputs[i] = {static_cast<int>(i),
                       Gis::WebMercator::toWorld(Gis::fromWgs84(s.position, m_datum), 0), s.state,
                       s.offline};
        if (s.station >= static_cast<int>(m_index.size()))
            m_index.resize(static_cast<std::size_t>(s.station) + 1, -1);
        if (s.station >= 0)
            m_index[static_cast<std::size_t>(s.station)] = static_cast<int>(i);
    }
    relayout();
}

void MapCanvas::setBlink(bool on)
{
    if (on == m_blink)
        return;
    m_blink = on;
    if (std::any_of(m_stations.begin(), m_stations.end(), [](const auto& s) { return s.flash; }))
        update();
}

void MapCanvas::setView(Gis::LonLat centre, double zoom)
{
    m_centreWorld = Gis::WebMercator::toWorld(Gis::fromWgs84(centre, m_datum), 0);
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    relayout();
}

Gis::LonLat MapCanvas::centre() const
{
    return Gis::toWgs84(Gis::WebMercator::fromWorld(m_centreWorld, 0), m_datum);
}

void MapCanvas::zoomToAll()
{
    if (m_stations.empty())
        return;
    QRectF box(m_inputs.front().world, QSizeF(0, 0));
    for (const Gis::MarkerInput& m : m_inputs)
        box = box.united(QRectF(m.world, QSizeF(1e-9, 1e-9)));
    m_centreWorld = box.center();
    const double fit = std::min(width() * 0.85 / std::max(box.width(), 1e-9),
                                height() * 0.85 / std::max(box.height(), 1e-9));
    m_zoom = std::clamp(std::floor(std::log2(fit) * 4) / 4, MinZoom, MaxZoom);
    relayout();
}

void MapCanvas::flyTo(int station, double zoom)
{
    if (station < 0 || station >= static_cast<int>(m_index.size()) ||
        m_index[static_cast<std::size_t>(station)] < 0)
        return;
    m_centreWorld =
        m_inputs[static_cast<std::size_t>(m_index[static_cast<std::size_t>(station)])].world;
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    relayout();
}

QPointF MapCanvas::toScreen(Gis::LonLat p) const
{
    const double scale = std::exp2(m_zoom);
    return (Gis::WebMercator::toWorld(Gis::fromWgs84(p, m_datum), 0) - m_centreWorld) * scale +
           QPointF(width() / 2.0, height() / 2.0);
}

Gis::LonLat MapCanvas::toLonLat(QPointF screen) const
{
    const double scale = std::exp2(m_zoom);
    return Gis::toWgs84(
        Gis::WebMercator::fromWorld(
            m_centreWorld + (screen - QPointF(width() / 2.0, height() / 2.0)) / scale, 0),
        m_datum);
}

int MapCanvas::stationAt(QPointF pos) const
{
    const int hit = m_layout.hit(pos);
    if (hit < 0)
        return -1;
    const int index = m_layout.placed()[static_cast<std::size_t>(hit)].station;
    return m_stations[static_cast<std::size_t>(index)].station;
}

void MapCanvas::updateStations(const std::function<void(MapStation&)>& update)
{
    for (std::size_t i = 0; i < m_stations.size(); ++i) {
        MapStation& s = m_stations[i];
        const QStringList card = s.card;
        const QString name = s.name;
        update(s);
        m_inputs[i].state = s.state;
        m_inputs[i].offline = s.offline;
        if (s.card != card || s.name != name)
            m_sprites.invalidate(i);
    }
    relayout();
}

void MapCanvas::relayout()
{
    const double scale = std::exp2(m_zoom);
    const QPointF origin = m_centreWorld * scale - QPointF(width() / 2.0, height() / 2.0);
    m_layout.place(m_inputs, origin, m_zoom, QRectF(rect()));
    update();
}

void MapCanvas::zoomAround(QPointF screen, double zoom)
{
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    const Gis::LonLat under = toLonLat(screen);
    m_zoom = zoom;
    // Keep the point under the cursor where it is.
    const QPointF drift = toScreen(under) - screen;
    m_centreWorld += drift / std::exp2(m_zoom);
    relayout();
}

void MapCanvas::resizeEvent(QResizeEvent*)
{
    if (!m_fitted && !m_stations.empty() && width() > 100) {
        m_fitted = true; // the first time it has a size: every station in view
        zoomToAll();
        return;
    }
    relayout();
}

void MapCanvas::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAround(event->position(), m_zoom + steps * 0.25);
    event->accept();
}

void MapCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressPos = event->position();
    m_pressCentre = m_centreWorld;
    m_dragging = false;
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event)
{
    m_mouse = event->position();
    if (event->buttons() & Qt::LeftButton) {
        const QPointF delta = event->position() - m_pressPos;
        m_dragging = m_dragging || delta.manhattanLength() > 4;
        if (m_dragging) {
            m_centreWorld = m_pressCentre - delta / std::exp2(m_zoom);
            relayout();
            return;
        }
    }
    update(QRect(0, height() - 26, 360, 26)); // the coordinate readout
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && !m_dragging) {
        const int station = stationAt(event->position());
        const int hit = m_layout.hit(event->position());
        if (hit >= 0 && m_layout.placed()[static_cast<std::size_t>(hit)].isCluster())
            zoomAround(event->position(), m_zoom + 1.5); // open the cluster
        else if (station >= 0)
            Q_EMIT stationClicked(station);
    }
    m_dragging = false;
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int station = stationAt(event->position());
    if (station >= 0)
        Q_EMIT stationActivated(station);
    else
        zoomAround(event->position(), m_zoom + 1);
}

void MapCanvas::contextMenuEvent(QContextMenuEvent* event)
{
    const int station = stationAt(event->pos());
    if (station < 0)
        return;
    QMenu menu(this);
    menu.addAction(tr("Station detail"), this,
                   [this, station] { Q_EMIT stationActivated(station); });
    menu.addAction(tr("Process graphic"), this,
                   [this, station] { Q_EMIT graphicRequested(station); });
    menu.addAction(tr("Trend"), this, [this, station] { Q_EMIT trendRequested(station); });
    menu.exec(event->globalPos());
}

void MapCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), mapGround());
    if (m_tiles)
        m_tiles->paint(p, m_centreWorld, m_zoom, size());
    p.setRenderHint(QPainter::Antialiasing);
    paintLayers(p);
    paintMarkers(p);
    paintDecorations(p);
}

QColor MapCanvas::mapGround() const
{
    return palette().color(QPalette::Base).darker(115);
}

void MapCanvas::paintLayers(QPainter& p) const
{
    const QRectF view = QRectF(rect()).adjusted(-50, -50, 50, 50);
    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.95);
    QFont areaFont = font(); // districts and other areas: larger, spaced out
    areaFont.setPointSizeF(areaFont.pointSizeF() * 1.35);
    areaFont.setBold(true);
    areaFont.setLetterSpacing(QFont::AbsoluteSpacing, 3);
    const QColor ground = mapGround();
    struct Label {
        QPointF at;
        double angle; ///< degrees, along a line
        QString text;
    };
    for (const Gis::VectorLayer& layer : m_layers) {
        QPen pen(colour(layer.style.stroke), layer.style.width);
        pen.setCosmetic(true);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        const QBrush fill(colour(layer.style.fill));
        const bool labelled = m_zoom >= layer.style.labelMinZoom;
        std::vector<Label> labels;
        for (const Gis::Feature& f : layer.features) {
            const QRectF box(toScreen(f.bounds.bottomLeft()), toScreen(f.bounds.topRight()));
            if (!box.normalized().intersects(view))
                continue;
            QPainterPath path;
            QPolygonF longest;
            for (const QList<QPointF>& part : f.parts) {
                QPolygonF screen;
                screen.reserve(part.size());
                for (const QPointF& ll : part)
                    screen << toScreen(ll);
                if (f.kind == Gis::Feature::Kind::Polygon)
                    path.addPolygon(screen), path.closeSubpath();
                else if (f.kind == Gis::Feature::Kind::Line)
                    path.addPolygon(screen);
                else
                    path.addEllipse(screen.front(), 3, 3);
                if (screen.size() > longest.size())
                    longest = std::move(screen);
            }
            p.setPen(pen);
            p.setBrush(f.kind == Gis::Feature::Kind::Line ? QBrush() : fill);
            p.drawPath(path);
            if (f.label.isEmpty() || !labelled)
                continue;
            if (f.kind != Gis::Feature::Kind::Line) {
                labels.push_back({box.normalized().center(), 0, f.label});
                continue;
            }
            // A line is named halfway along the part of it on screen, in its direction.
            if (const auto at = middleOnScreen(longest, QRectF(rect()).adjusted(40, 20, -40, -20)))
                labels.push_back({at->first, at->second, f.label});
        }
        // Labels with a halo of the map's ground, so they stay readable over roads and fills.
        const QFont& font =
            layer.features.empty() || layer.features.front().kind != Gis::Feature::Kind::Polygon
                ? labelFont
                : areaFont;
        const QFontMetricsF metrics(font);
        const QPen halo(ground, 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        const QBrush ink(colour(layer.style.labelColour));
        for (const Label& l : labels) {
            QPainterPath text;
            text.addText(-metrics.horizontalAdvance(l.text) / 2,
                         (metrics.ascent() - metrics.descent()) / 2, font, l.text);
            p.save();
            p.translate(l.at);
            p.rotate(l.angle);
            p.strokePath(text, halo);
            p.fillPath(text, ink);
            p.restore();
        }
    }
}

void MapCanvas::paintMarkers(QPainter& p) const
{
    const Gis::Detail detail = m_layout.currentDetail();
    m_sprites.setStyle(palette(), font(), devicePixelRatioF());
    const auto corner = [](QPointF centre, const QPixmap& pixmap) {
        return centre - QPointF(pixmap.width(), pixmap.height()) / pixmap.devicePixelRatio() / 2;
    };
    const auto circle = [](QPointF centre, const QPixmap& pixmap) {
        const double r = pixmap.width() / pixmap.devicePixelRatio() / 2 - 1;
        QPainterPath path;
        path.addEllipse(centre, r, r);
        return path;
    };
    for (const Gis::PlacedMarker& m : m_layout.placed()) {
        const std::size_t index = static_cast<std::size_t>(m.station);
        const MapStation& s = m_stations[index];
        const bool dim =
            !m_blink && (s.flash || std::any_of(m.members.begin(), m.members.end(), [&](int i) {
                             return m_stations[std::size_t(i)].flash;
                         }));
        QColor c = stateColour(m.state);
        if (dim)
            c = c.darker(170);
        if (m.isCluster()) {
            const QPointF centre = detail == Gis::Detail::Dot ? m.box.center() : m.anchor;
            const QPixmap& sprite = m_sprites.cluster(c, static_cast<int>(m.members.size()),
                                                      m.state == StationState::Warning);
            p.drawPixmap(corner(centre, sprite), sprite);
            if (m.offline)
                paintOfflineHatch(p, circle(centre, sprite));
            continue;
        }
        if (detail == Gis::Detail::Dot) {
            const QPixmap& sprite = m_sprites.dot(c);
            p.drawPixmap(corner(m.box.center(), sprite), sprite);
            if (m.offline)
                paintOfflineHatch(p, circle(m.box.center(), sprite));
            continue;
        }
        // Name or card: a pin at the station, the box above it.
        const QPixmap& pin = m_sprites.pin(c);
        p.drawPixmap(corner(m.anchor, pin), pin);
        p.drawPixmap(m.box.topLeft() - QPointF(1, 1),
                     m_sprites.box(index, detail, m.box.size(), c, dim, s.name, s.card));
        if (m.offline) {
            QPainterPath box;
            box.addRect(m.box);
            paintOfflineHatch(p, box);
        }
    }
}

void MapCanvas::paintDecorations(QPainter& p) const
{
    const QColor text = palette().color(QPalette::WindowText);
    QColor panel = palette().color(QPalette::Window);
    panel.setAlpha(210);
    p.setFont(font());

    // Scale bar: a round length near 120 px.
    const double mpp = Gis::WebMercator::metresPerPixel(centre().y(), m_zoom);
    const double target = mpp * 120;
    const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
    double length = magnitude;
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude <= target)
            length = f * magnitude;
    }
    const double px = length / mpp;
    const QPointF origin(width() - px - 24, height() - 20);
    p.fillRect(QRectF(origin - QPointF(8, 20), QSizeF(px + 16, 28)), panel);
    p.setPen(QPen(text, 2));
    p.drawLine(origin, origin + QPointF(px, 0));
    p.drawLine(origin, origin - QPointF(0, 5));
    p.drawLine(origin + QPointF(px, 0), origin + QPointF(px, -5));
    const QString label = length >= 1000 ? tr("%1 km").arg(length / 1000) : tr("%1 m").arg(length);
    p.drawText(QRectF(origin - QPointF(0, 20), QSizeF(px, 16)), Qt::AlignCenter, label);

    // North arrow, top right.
    const QPointF n(width() - 28, 34);
    QPainterPath arrow;
    arrow.moveTo(n + QPointF(0, -16));
    arrow.lineTo(n + QPointF(8, 10));
    arrow.lineTo(n + QPointF(0, 5));
    arrow.lineTo(n + QPointF(-8, 10));
    arrow.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(panel);
    p.drawEllipse(n, 22, 22);
    p.setBrush(text);
    p.drawPath(arrow);
    p.setPen(text);
    p.drawText(QRectF(n + QPointF(-10, 9), QSizeF(20, 14)), Qt::AlignCenter, tr("N"));

    // Cursor readout and zoom, bottom left.
    QString readout = tr("Zoom %1").arg(m_zoom, 0, 'f', 2);
    if (rect().contains(m_mouse.toPoint())) {
        const Gis::LonLat ll = toLonLat(m_mouse);
        readout = tr("%1°E %2°N · zoom %3")
                      .arg(ll.x(), 0, 'f', 5)
                      .arg(ll.y(), 0, 'f', 5)
                      .arg(m_zoom, 0, 'f', 2);
    }
    const QRectF box(0, height() - 26, p.fontMetrics().horizontalAdvance(readout) + 16, 26);
    p.fillRect(box, panel);
    p.drawText(box, Qt::AlignCenter, readout);
}

} // namespace PumpWatch::Ui
