#include "backoff.h"

#include <algorithm>
#include <cmath>

namespace PumpWatch::Acquisition {

Backoff::Backoff(const BackoffOptions& options, quint64 seed)
    : m_options(options)
    , m_state(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull)
{}

int Backoff::failed()
{
    ++m_failures;
    const double base = std::min<double>(
        m_options.maximumMs, m_options.initialMs * std::ldexp(1.0, std::min(m_failures - 1, 30)));
    // splitmix64: a tiny, seedable generator; uniform in [-1, 1)
    quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    const double unit = static_cast<double>(z >> 11) / 9007199254740992.0 * 2.0 - 1.0;
    return std::max(1, static_cast<int>(std::lround(base * (1.0 + m_options.jitter * unit))));
}

} // namespace PumpWatch::Acquisition
