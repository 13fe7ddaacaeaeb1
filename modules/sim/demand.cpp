#include "demand.h"

#include <cmath>

namespace PumpWatch::Sim {
namespace {

constexpr double HoursPerDay = 24.0;

/// A peak at `centre` hours with `width` hours, on the circle of the day.
double peak(double hour, double centre, double width)
{
    double d = std::fabs(hour - centre);
    d = std::min(d, HoursPerDay - d);
    return std::exp(-(d / width) * (d / width));
}

} // namespace

quint64 mixKey(quint64 a, quint64 b)
{
    quint64 z = a + 0x9E3779B97F4A7C15ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

quint64 textKey(QStringView text)
{
    quint64 h = 0xCBF29CE484222325ull;
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 0x100000001B3ull;
    }
    return h;
}

double unitOf(quint64 key)
{
    return static_cast<double>(mixKey(key, 0) >> 11) * 0x1.0p-53;
}

double smoothNoise(quint64 key, quint64 stream, double seconds, double periodS)
{
    const double x = seconds / periodS;
    const double knot = std::floor(x);
    const double frac = x - knot;
    const quint64 base = mixKey(key, stream);
    const auto k = static_cast<qint64>(knot);
    const double a = 2.0 * unitOf(mixKey(base, static_cast<quint64>(k))) - 1.0;
    const double b = 2.0 * unitOf(mixKey(base, static_cast<quint64>(k + 1))) - 1.0;
    const double w = (1.0 - std::cos(frac * M_PI)) / 2.0;
    return a + (b - a) * w;
}

double demandFactor(const LocalTime& time)
{
    const double h = time.secondsOfDay / 3600.0;
    // A low base with its minimum at 03:30 and a broad afternoon plateau.
    const double base = 0.25 + 0.10 * (1.0 - std::cos(2.0 * M_PI * (h - 3.5) / HoursPerDay)) / 2.0;
    const bool weekend = time.dayOfWeek >= 6;
    if (weekend)
        return base + 0.45 * peak(h, 9.3, 2.0) + 0.45 * peak(h, 12.5, 1.8) +
               0.60 * peak(h, 19.8, 2.0);
    return base + 0.68 * peak(h, 7.5, 1.2) + 0.35 * peak(h, 12.0, 1.3) + 0.62 * peak(h, 19.5, 1.7);
}

} // namespace PumpWatch::Sim
