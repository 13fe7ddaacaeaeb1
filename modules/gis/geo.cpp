#include "geo.h"

#include <cmath>
#include <numbers>

namespace PumpWatch::Gis {
namespace {

constexpr double Pi = std::numbers::pi;
// Krasovsky 1940, the ellipsoid of the GCJ-02 formula.
constexpr double A = 6378245.0;
constexpr double Ee = 0.00669342162296594323;
constexpr double XPi = Pi * 3000.0 / 180.0;
constexpr double EarthRadius = 6371008.8;
constexpr double WebMercatorRadius = 6378137.0;

double transformLat(double x, double y)
{
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * Pi) + 20.0 * std::sin(2.0 * x * Pi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * Pi) + 40.0 * std::sin(y / 3.0 * Pi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * Pi) + 320.0 * std::sin(y * Pi / 30.0)) * 2.0 / 3.0;
    return r;
}

double transformLon(double x, double y)
{
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * Pi) + 20.0 * std::sin(2.0 * x * Pi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * Pi) + 40.0 * std::sin(x / 3.0 * Pi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * Pi) + 300.0 * std::sin(x / 30.0 * Pi)) * 2.0 / 3.0;
    return r;
}

/// The GCJ-02 offset at a WGS-84 point (degrees).
QPointF gcjDelta(LonLat p)
{
    const double lon = p.x();
    const double lat = p.y();
    double dLat = transformLat(lon - 105.0, lat - 35.0);
    double dLon = transformLon(lon - 105.0, lat - 35.0);
    const double radLat = lat / 180.0 * Pi;
    double magic = std::sin(radLat);
    magic = 1 - Ee * magic * magic;
    const double sqrtMagic = std::sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - Ee)) / (magic * sqrtMagic) * Pi);
    dLon = (dLon * 180.0) / (A / sqrtMagic * std::cos(radLat) * Pi);
    return {dLon, dLat};
}

} // namespace

QString datumCode(Datum datum)
{
    switch (datum) {
    case Datum::Wgs84:
        return QStringLiteral("wgs84");
    case Datum::Gcj02:
        return QStringLiteral("gcj02");
    case Datum::Bd09:
        return QStringLiteral("bd09");
    }
    return {};
}

std::optional<Datum> parseDatum(QStringView code)
{
    for (Datum d : {Datum::Wgs84, Datum::Gcj02, Datum::Bd09}) {
        if (code.compare(datumCode(d), Qt::CaseInsensitive) == 0)
            return d;
    }
    return std::nullopt;
}

bool inChina(LonLat p)
{
    return p.x() >= 72.004 && p.x() <= 137.8347 && p.y() >= 0.8293 && p.y() <= 55.8271;
}

LonLat wgs84ToGcj02(LonLat p)
{
    return inChina(p) ? p + gcjDelta(p) : p;
}

LonLat gcj02ToWgs84(LonLat p)
{
    if (!inChina(p))
        return p;
    // Solve wgs84ToGcj02(w) = p: the offset changes slowly, so a few fixed-point steps converge.
    LonLat w = p - gcjDelta(p);
    for (int i = 0; i < 10; ++i) {
        const QPointF error = wgs84ToGcj02(w) - p;
        w -= error;
        if (std::abs(error.x()) < 1e-9 && std::abs(error.y()) < 1e-9)
            break;
    }
    return w;
}

LonLat gcj02ToBd09(LonLat p)
{
    const double x = p.x();
    const double y = p.y();
    const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * XPi);
    const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * XPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09ToGcj02(LonLat p)
{
    const double x = p.x() - 0.0065;
    const double y = p.y() - 0.006;
    const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * XPi);
    const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * XPi);
    return {z * std::cos(theta), z * std::sin(theta)};
}

LonLat fromWgs84(LonLat p, Datum datum)
{
    switch (datum) {
    case Datum::Wgs84:
        return p;
    case Datum::Gcj02:
        return wgs84ToGcj02(p);
    case Datum::Bd09:
        return gcj02ToBd09(wgs84ToGcj02(p));
    }
    return p;
}

LonLat toWgs84(LonLat p, Datum datum)
{
    switch (datum) {
    case Datum::Wgs84:
        return p;
    case Datum::Gcj02:
        return gcj02ToWgs84(p);
    case Datum::Bd09:
        return gcj02ToWgs84(bd09ToGcj02(p));
    }
    return p;
}

double WebMercator::worldSize(double zoom)
{
    return 256.0 * std::exp2(zoom);
}

QPointF WebMercator::toWorld(LonLat p, double zoom)
{
    const double size = worldSize(zoom);
    const double lat = std::clamp(p.y(), -MaxLatitude, MaxLatitude) * Pi / 180.0;
    const double x = (p.x() + 180.0) / 360.0 * size;
    const double y = (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / Pi) / 2.0 * size;
    return {x, y};
}

LonLat WebMercator::fromWorld(QPointF world, double zoom)
{
    const double size = worldSize(zoom);
    const double lon = world.x() / size * 360.0 - 180.0;
    const double n = Pi * (1.0 - 2.0 * world.y() / size);
    const double lat = std::atan(std::sinh(n)) * 180.0 / Pi;
    return {lon, lat};
}

double WebMercator::metresPerPixel(double latitude, double zoom)
{
    return 2.0 * Pi * WebMercatorRadius * std::cos(latitude * Pi / 180.0) / worldSize(zoom);
}

double distanceMetres(LonLat a, LonLat b)
{
    const double lat1 = a.y() * Pi / 180.0;
    const double lat2 = b.y() * Pi / 180.0;
    const double dLat = lat2 - lat1;
    const double dLon = (b.x() - a.x()) * Pi / 180.0;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1) * std::cos(lat2) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * EarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace PumpWatch::Gis
