// Clock: where the time comes from, so that timing logic (alarm delays, stale detection,
// backoff) can be tested deterministically.
//
// Services take a `const Clock&` in their constructor; the composition root owns the clock and
// keeps it alive longer than every service. SystemClock reads the real UTC time; ManualClock only
// moves when a test tells it to. Both are safe to read from any thread.
//
//     ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(8, 0), QTimeZone::utc()));
//     AlarmEngine engine(project, clock);
//     clock.advanceMs(15'000);
#pragma once

#include <QDateTime>
#include <QTimeZone>

#include <atomic>

namespace PumpWatch {

/// Local midnight, in `zone`, of the day `ms` (UTC) falls on: the start of "today".
inline qint64 startOfLocalDayMs(qint64 ms, const QTimeZone& zone)
{
    return QDateTime(QDateTime::fromMSecsSinceEpoch(ms, zone).date(), QTime(0, 0), zone)
        .toMSecsSinceEpoch();
}

class Clock {
public:
    virtual ~Clock() = default;
    /// UTC milliseconds since the epoch.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), QTimeZone::utc()); }
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override;
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 0)
        : m_nowMs(startMs)
    {}
    explicit ManualClock(const QDateTime& start)
        : m_nowMs(start.toMSecsSinceEpoch())
    {}

    qint64 nowMs() const override { return m_nowMs.load(std::memory_order_acquire); }
    void setNowMs(qint64 ms) { m_nowMs.store(ms, std::memory_order_release); }
    void advanceMs(qint64 deltaMs) { m_nowMs.fetch_add(deltaMs, std::memory_order_acq_rel); }

private:
    std::atomic<qint64> m_nowMs;
};

} // namespace PumpWatch
