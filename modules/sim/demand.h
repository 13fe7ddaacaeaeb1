// Deterministic randomness and the diurnal demand curve of the simulated city.
//
// Noise is a pure function of a key and the time, not a sequence drawn step by step, so a
// station's values at a given instant are the same whatever the tick rate, the acceleration or
// the order stations are stepped in: the simulator, its backfill and the tests agree.
// Pure functions, any thread.
//
//     double f = demandFactor(3.5 * 3600, 2);              // ~0.25: Tuesday 03:30, night minimum
//     double n = smoothNoise(key, 17, nowS, 60);          // in [-1, 1], changes over ~a minute
#pragma once

#include <QString>
#include <QtGlobal>

namespace PumpWatch::Sim {

/// SplitMix64 finaliser of a combined with b: well spread 64-bit keys.
quint64 mixKey(quint64 a, quint64 b);
/// FNV-1a of the text (Qt's qHash is seeded per process, this is not).
quint64 textKey(QStringView text);
/// Uniform in [0, 1) from a key.
double unitOf(quint64 key);
/// Smooth value noise in [-1, 1] of (key, stream) at time `seconds`: cosine-interpolated between
/// random knots `periodS` apart.
double smoothNoise(quint64 key, quint64 stream, double seconds, double periodS);

/// Local wall-clock time of the city, as the demand curve sees it.
struct LocalTime {
    double secondsOfDay = 0; ///< 0 ≤ s < 86400
    int dayOfWeek = 1;       ///< 1 = Monday … 7 = Sunday
    qint64 dayNumber = 0;    ///< days since 1970-01-01 (local), for daily rotation
};

/// Water demand as a fraction of the weekday peak: night minimum around 03:30 (~0.25), morning
/// peak ~07:30, a lunch shoulder and the evening peak ~19:30 on weekdays; on Saturday and Sunday
/// the morning peak comes later and lower and the day is flatter.
double demandFactor(const LocalTime& time);

} // namespace PumpWatch::Sim
