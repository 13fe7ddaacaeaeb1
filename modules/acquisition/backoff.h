// Backoff: how long to wait before the next reconnect attempt — exponential with jitter, so a
// thousand PLCs behind one failed router do not all knock again in the same millisecond.
//
// The n-th consecutive failure waits min(initial · 2^(n−1), maximum), then ± jitter (a fraction,
// 0.2 = ±20 %) drawn from a seeded generator; success resets it. Plain value type, one thread.
//
//     Backoff b({500, 30'000, 0.2}, deviceIndex);
//     const int waitMs = b.failed();   // ~500, ~1000, ~2000, … ≤ 36 000
//     b.reset();
#pragma once
#include <QtGlobal>

namespace PumpWatch::Acquisition {

struct BackoffOptions {
    int initialMs = 500;
    int maximumMs = 30'000;
    double jitter = 0.2;
};

class Backoff {
public:
    explicit Backoff(const BackoffOptions& options = {}, quint64 seed = 0);

    /// Records a failure; returns the delay before the next attempt.
    int failed();
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    BackoffOptions m_options;
    quint64 m_state;
    int m_failures = 0;
};

} // namespace PumpWatch::Acquisition
