#include "citymap.h"

#include "cityplan.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <functional>

namespace PumpWatch::Sim {
namespace {

/// Kilometres east and north of the centre.
struct Km {
    double x;
    double y;
};
using Ring = std::vector<Km>;

/// The city's edge: a wobbling circle that keeps every station (≤ cityRadiusKm) inside.
double edgeKm(double angle)
{
    return cityRadiusKm + 1.6 + 0.55 * std::sin(3 * angle + 0.7) +
           0.35 * std::sin(5 * angle + 2.1) + 0.2 * std::sin(11 * angle + 0.3);
}

Ring loop(const std::function<double(double)>& radius, int points)
{
    Ring ring;
    for (int i = 0; i <= points; ++i) {
        const double a = 2 * M_PI * (i % points) / points;
        ring.push_back({radius(a) * std::cos(a), radius(a) * std::sin(a)});
    }
    return ring;
}

/// Sutherland–Hodgman against one axis-parallel half-plane: keeps the side where
/// (x or y) · sign ≥ limit · sign.
Ring clip(const Ring& ring, bool onX, double limit, double sign)
{
    const auto inside = [&](const Km& p) { return ((onX ? p.x : p.y) - limit) * sign >= 0; };
    const auto cross = [&](const Km& a, const Km& b) {
        const double t = onX ? (limit - a.x) / (b.x - a.x) : (limit - a.y) / (b.y - a.y);
        return Km{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
    };
    Ring out;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const Km& a = ring[i];
        const Km& b = ring[i + 1];
        if (inside(a))
            out.push_back(a);
        if (inside(a) != inside(b))
            out.push_back(cross(a, b));
    }
    if (!out.empty())
        out.push_back(out.front());
    return out;
}

QJsonArray coordinates(const Ring& line)
{
    QJsonArray out;
    for (const Km& p : line) {
        const double lon = std::round((centreLon + kmToLon(p.x)) * 1e5) / 1e5;
        const double lat = std::round((centreLat + kmToLat(p.y)) * 1e5) / 1e5;
        out.append(QJsonArray{lon, lat});
    }
    return out;
}

QByteArray feature(const QString& type, const QJsonArray& coords, const QJsonObject& properties)
{
    const QJsonObject f{
        {QStringLiteral("type"), QStringLiteral("Feature")},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("geometry"),
         QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("coordinates"), coords}}}};
    return QJsonDocument(f).toJson(QJsonDocument::Compact);
}

QByteArray collection(const QString& name, const std::vector<QByteArray>& features)
{
    QByteArray out =
        "{\"type\": \"FeatureCollection\", \"name\": \"" + name.toUtf8() + "\", \"features\": [\n";
    for (std::size_t i = 0; i < features.size(); ++i)
        out += features[i] + (i + 1 < features.size() ? ",\n" : "\n");
    return out + "]}\n";
}

QJsonObject named(const QString& name, const QString& kind)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("kind"), kind}};
}

QByteArray districts()
{
    const Ring edge = loop(edgeKm, 120);
    // The generator's rules in kilometres: a line of longitude and two of latitude.
    const double east = xinpuEast / kmToLon(1.0);
    const double north = huichuanNorth / kmToLat(1.0);
    const double south = bozhouSouth / kmToLat(1.0);
    const Ring west = clip(edge, true, east, -1);
    const std::pair<QString, Ring> parts[] = {
        {QStringLiteral("新蒲新区"), clip(edge, true, east, +1)},
        {QStringLiteral("汇川区"), clip(west, false, north, +1)},
        {QStringLiteral("播州区"), clip(west, false, south, -1)},
        {QStringLiteral("红花岗区"), clip(clip(west, false, north, -1), false, south, +1)},
    };
    std::vector<QByteArray> features;
    for (const auto& [name, ring] : parts)
        features.push_back(feature(QStringLiteral("Polygon"), QJsonArray{coordinates(ring)},
                                   named(name, QStringLiteral("district"))));
    return collection(QStringLiteral("districts"), features);
}

QByteArray river()
{
    Ring line;
    for (double y = 13.5; y >= -13.5; y -= 0.25)
        line.push_back({-0.9 + 1.3 * std::sin(y / 3.1) + 0.45 * std::sin(y / 1.2 + 1.0), y});
    return collection(QStringLiteral("rivers"),
                      {feature(QStringLiteral("LineString"), coordinates(line),
                               named(QStringLiteral("湘江"), QStringLiteral("river")))});
}

QByteArray roads()
{
    std::vector<QByteArray> features;
    const auto ring = [&](const QString& name, double r, double a2, double a5) {
        const auto radius = [=](double a) {
            return r + a2 * std::sin(2 * a + 1.0) + a5 * std::sin(5 * a + 0.4);
        };
        features.push_back(feature(QStringLiteral("LineString"), coordinates(loop(radius, 96)),
                                   named(name, QStringLiteral("ring"))));
    };
    ring(QStringLiteral("环城路"), 4.3, 0.35, 0.2);
    ring(QStringLiteral("外环路"), 8.6, 0.5, 0.3);
    // Arterials from the centre out to the city's edge, bending gently on the way.
    const std::pair<const char*, double> radials[] = {
        {"中华路", 92},  {"海尔大道", 48}, {"深圳大道", 2}, {"上海路", 320},
        {"南京路", 268}, {"香港路", 222},  {"北京路", 178}, {"珠海路", 135},
    };
    int k = 0;
    for (const auto& [name, bearing] : radials) {
        const double a = bearing * M_PI / 180.0;
        const double end = edgeKm(a) - 0.2;
        const int steps = static_cast<int>(std::ceil(end / 0.5));
        Ring line;
        for (int i = 0; i <= steps; ++i) {
            const double f = double(i) / steps; // 0 at the centre, 1 at the edge
            const double t = f * end;
            const double bend = 0.6 * std::sin(f * M_PI * 1.5 + k) * f;
            line.push_back(
                {t * std::cos(a) - bend * std::sin(a), t * std::sin(a) + bend * std::cos(a)});
        }
        features.push_back(feature(QStringLiteral("LineString"), coordinates(line),
                                   named(QString::fromUtf8(name), QStringLiteral("arterial"))));
        ++k;
    }
    return collection(QStringLiteral("roads"), features);
}

MapLayer style(const char* file, const QString& name)
{
    MapLayer l;
    l.file = QStringLiteral("map/") + QLatin1StringView(file);
    l.name = name;
    return l;
}

} // namespace

std::vector<CityMapLayer> CityMap::layers()
{
    MapLayer d = style("zunyi-districts.geojson", QStringLiteral("行政区"));
    d.stroke = QStringLiteral("#6c7f9e");
    d.fill = QStringLiteral("#26304560");
    d.width = 1.5;
    d.labelColour = QStringLiteral("#8d9fbd");
    d.labelMinZoom = 9;
    MapLayer r = style("zunyi-rivers.geojson", QStringLiteral("河流"));
    r.stroke = QStringLiteral("#2d6da3");
    r.width = 4;
    r.labelColour = QStringLiteral("#5c9ad0");
    r.labelMinZoom = 12;
    MapLayer m = style("zunyi-roads.geojson", QStringLiteral("主干道"));
    m.stroke = QStringLiteral("#4d5564");
    m.width = 2.5;
    m.labelColour = QStringLiteral("#a3abb9");
    m.labelMinZoom = 13;
    return {{d, districts()}, {r, river()}, {m, roads()}};
}

bool CityMap::write(const QString& projectDir, QString* error)
{
    for (const CityMapLayer& l : layers()) {
        const QString path = QDir(projectDir).filePath(l.layer.file);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(l.geoJson) < 0 || !file.commit()) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
            return false;
        }
    }
    return true;
}

} // namespace PumpWatch::Sim
