#include "alarmservice.h"

#include <QMutexLocker>

#include <algorithm>

namespace PumpWatch::Alarms {

AlarmService::AlarmService(const Project& project, const Clock& clock,
                           const AlarmEngineOptions& options, QObject* parent)
    : QObject(parent)
    , m_engine(project, clock, options)
{}

AlarmService::~AlarmService()
{
    stop();
}

template <typename F>
auto AlarmService::locked(F f)
{
    bool changedAnything = false;
    auto result = [&] {
        QMutexLocker lock(&m_mutex);
        auto r = f();
        std::vector<AlarmChange> changes = m_engine.takeChanges();
        std::vector<AlarmAudit> audit = m_engine.takeAudit();
        changedAnything = !changes.empty() || !audit.empty();
        if (changedAnything && m_journal)
            m_journal(changes, audit);
        return r;
    }();
    if (changedAnything)
        Q_EMIT changed();
    return result;
}

template <typename F>
auto AlarmService::locked(F f) const
{
    QMutexLocker lock(&m_mutex);
    return f();
}

void AlarmService::start(int tickMs)
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    m_thread.every(tickMs, [this] { tick(); });
}

void AlarmService::stop()
{
    m_thread.stop();
}

void AlarmService::process(std::span<const Sample> batch)
{
    locked([&] {
        m_engine.process(batch);
        return 0;
    });
}

void AlarmService::deviceStatus(int station, int device, bool online, qint64 ms,
                                const QString& error)
{
    locked([&] {
        m_engine.deviceStatus(station, device, online, ms, error);
        return 0;
    });
}

void AlarmService::commandStatus(TagId commandTag, bool failed, qint64 ms, const QString& detail)
{
    locked([&] {
        m_engine.commandStatus(commandTag, failed, ms, detail);
        return 0;
    });
}

void AlarmService::systemStatus(SystemCondition which, bool healthy, qint64 ms,
                                const QString& detail)
{
    locked([&] {
        m_engine.systemStatus(which, healthy, ms, detail);
        return 0;
    });
}

void AlarmService::tick()
{
    locked([&] {
        m_engine.tick();
        return 0;
    });
}

std::vector<quint64> AlarmService::restore(std::vector<AlarmRecord> records)
{
    return locked([&] { return m_engine.restore(std::move(records)); });
}

bool AlarmService::acknowledge(quint64 key, const Actor& who, const QString& note)
{
    if (m_forward) {
        std::optional<AlarmRecord> r;
        {
            QMutexLocker lock(&m_mutex);
            if (const AlarmRecord* found = m_engine.record(key); found && !found->isAcknowledged())
                r = *found;
        }
        if (r && m_forward->acknowledge)
            m_forward->acknowledge(*r, who, note);
        return r.has_value();
    }
    return locked([&] { return m_engine.acknowledge(key, who, note); });
}

int AlarmService::acknowledgeStation(int station, const Actor& who, const QString& note)
{
    if (m_forward) {
        const std::vector<AlarmRecord> live = liveRecords();
        const int n = int(std::count_if(live.begin(), live.end(), [&](const AlarmRecord& r) {
            return r.station == station && !r.isAcknowledged();
        }));
        if (n > 0 && m_forward->acknowledgeStation)
            m_forward->acknowledgeStation(station, who, note);
        return n;
    }
    return locked([&] { return m_engine.acknowledgeStation(station, who, note); });
}

bool AlarmService::shelve(TagId tag, qint64 durationMs, const Actor& who, const QString& reason)
{
    if (m_forward) {
        if (m_forward->shelve)
            m_forward->shelve(tag, durationMs, who, reason);
        return bool(m_forward->shelve);
    }
    return locked([&] { return m_engine.shelve(tag, durationMs, who, reason); });
}

bool AlarmService::unshelve(TagId tag, const Actor& who)
{
    if (m_forward) {
        if (m_forward->unshelve)
            m_forward->unshelve(tag, who);
        return bool(m_forward->unshelve);
    }
    return locked([&] { return m_engine.unshelve(tag, who); });
}

bool AlarmService::restoreShelf(TagId tag, qint64 untilMs, const QString& by)
{
    return locked([&] { return m_engine.restoreShelf(tag, untilMs, by); });
}

void AlarmService::setForward(Forward forward)
{
    m_forward = std::move(forward);
}

void AlarmService::mirror(std::vector<AlarmRecord> records)
{
    locked([&] {
        m_engine.replaceLive(std::move(records));
        return 0;
    });
    Q_EMIT changed();
}

void AlarmService::silence(const Actor& who, int sounding)
{
    locked([&] {
        m_engine.silence(who, sounding);
        return 0;
    });
}

void AlarmService::setLimits(std::span<const std::pair<TagId, AlarmLimits>> limits,
                             const Actor& who)
{
    if (m_forward) {
        if (m_forward->setLimits)
            m_forward->setLimits(limits, who);
        return;
    }
    locked([&] {
        for (const auto& [tag, l] : limits)
            m_engine.setLimits(tag, l, who);
        return 0;
    });
}

AlarmLimits AlarmService::limits(TagId tag) const
{
    return locked([&] { return m_engine.limits(tag); });
}

std::vector<AlarmRecord> AlarmService::liveRecords() const
{
    return locked([&] { return m_engine.liveRecords(); });
}

bool AlarmService::soundRequired() const
{
    return locked([&] { return m_engine.soundRequired(); });
}

AlarmEngineStats AlarmService::stats() const
{
    return locked([&] { return m_engine.stats(); });
}

} // namespace PumpWatch::Alarms
