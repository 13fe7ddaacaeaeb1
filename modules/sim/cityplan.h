// The plan of the simulated city, shared by the project generator and the base map: where the
// centre is, how far the city reaches and where one district ends and the next begins.
// Private to the sim module.
#pragma once

#include <QString>

#include <cmath>

namespace PumpWatch::Sim {

// City centre of Zunyi (丁字口), WGS-84.
inline constexpr double centreLat = 27.7256;
inline constexpr double centreLon = 106.9272;
/// Stations lie within this many kilometres of the centre.
inline constexpr double cityRadiusKm = 11.0;

/// District boundaries, in degrees from the centre: east of `xinpuEast` is 新蒲新区; west of it,
/// north of `huichuanNorth` is 汇川区 and south of `bozhouSouth` 播州区; the rest is 红花岗区.
inline constexpr double xinpuEast = 0.045;
inline constexpr double huichuanNorth = 0.012;
inline constexpr double bozhouSouth = -0.05;

inline QString districtOf(double lat, double lon)
{
    if (lon - centreLon > xinpuEast)
        return QStringLiteral("新蒲新区");
    if (lat - centreLat > huichuanNorth)
        return QStringLiteral("汇川区");
    if (lat - centreLat < bozhouSouth)
        return QStringLiteral("播州区");
    return QStringLiteral("红花岗区");
}

/// Kilometres to degrees at the city's latitude.
inline double kmToLat(double km)
{
    return km / 111.0;
}
inline double kmToLon(double km)
{
    return km / (111.0 * std::cos(centreLat * M_PI / 180.0));
}

} // namespace PumpWatch::Sim
