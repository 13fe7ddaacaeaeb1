// AlarmService: the alarm engine shared by threads. Acquisition feeds it samples and device
// status, history reports its database connection, operators acknowledge and shelve from the
// GUI thread, and start() starts the service's own thread ("alarms"), where a timer ticks it
// once a second (delays, shelving expiry), so no timed work lands on the GUI thread. Every call
// may come from any thread and is serialised by one mutex, held only for the engine's work;
// what changed goes to the journal callback in the order it happened (called with the lock held,
// in the caller's thread, so it must only queue, as HistoryService::journal() does).
//
//     AlarmService alarms(project, clock);
//     alarms.setJournal([&](auto changes, auto audit) { history.journal(toEntries(changes)); });
//     alarms.start();
//     alarms.process(batch);                              // any thread
//     connect(&alarms, &AlarmService::changed, panel, &AlarmPanel::refresh);
#pragma once

#include "alarmengine.h"

#include <core/servicethread.h>

#include <QMutex>
#include <QObject>

#include <functional>
#include <optional>

namespace PumpWatch::Alarms {

class AlarmService : public QObject {
    Q_OBJECT

public:
    using Journal = std::function<void(std::span<const AlarmChange> changes,
                                       std::span<const AlarmAudit> audit)>;

    AlarmService(const Project& project, const Clock& clock, const AlarmEngineOptions& options = {},
                 QObject* parent = nullptr);
    ~AlarmService() override;

    const Diagnostics& diagnostics() const { return m_engine.diagnostics(); }
    /// Set before start().
    void setJournal(Journal journal) { m_journal = std::move(journal); }
    /// Starts the alarm thread and the tick in it.
    void start(int tickMs = 1000);
    /// Stops the tick and joins the alarm thread.
    void stop();
    /// The alarm thread, for other periodic checks that must not wait on the GUI or on
    /// acquisition (the pipeline's acquisition watchdog).
    const ServiceThread& thread() const { return m_thread; }

    void process(std::span<const Sample> batch);
    void deviceStatus(int station, int device, bool online, qint64 ms, const QString& error);
    void systemStatus(SystemCondition which, bool healthy, qint64 ms, const QString& detail);
    void commandStatus(TagId commandTag, bool failed, qint64 ms, const QString& detail);
    void tick();

    std::vector<quint64> restore(std::vector<AlarmRecord> records);
    bool acknowledge(quint64 key, const Actor& who, const QString& note);
    int acknowledgeStation(int station, const Actor& who, const QString& note);
    bool shelve(TagId tag, qint64 durationMs, const Actor& who, const QString& reason);
    bool unshelve(TagId tag, const Actor& who);
    bool restoreShelf(TagId tag, qint64 untilMs, const QString& by);
    /// Audits silencing the horn (AlarmEngine::silence).
    void silence(const Actor& who, int sounding);
    /// New alarm settings while running, audited as `user`'s (AlarmEngine::setLimits).
    void setLimits(std::span<const std::pair<TagId, AlarmLimits>> limits, const Actor& who);
    /// The settings in force for `tag` (a copy: the engine's may change).
    AlarmLimits limits(TagId tag) const;

    std::vector<AlarmRecord> liveRecords() const;
    bool soundRequired() const;
    AlarmEngineStats stats() const;

    /// A workstation of a control room evaluates nothing: the servers own the alarms. Its
    /// service mirrors their records (mirror()), and what an operator does to them goes to the
    /// owning server as a request (these calls, made outside the lock) instead of into the
    /// engine; the servers' next state shows whether it was done.
    struct Forward {
        std::function<void(const AlarmRecord&, const Actor&, const QString& note)> acknowledge;
        std::function<void(int station, const Actor&, const QString& note)> acknowledgeStation;
        std::function<void(TagId, qint64 durationMs, const Actor&, const QString& reason)> shelve;
        std::function<void(TagId, const Actor&)> unshelve;
        std::function<void(std::span<const std::pair<TagId, AlarmLimits>>, const Actor&)> setLimits;
    };
    /// Makes this service a mirror; set before use, never with start().
    void setForward(Forward forward);
    bool isMirror() const { return m_forward.has_value(); }
    /// Replaces every live record with the servers' (keys unique within `records`); emits
    /// changed().
    void mirror(std::vector<AlarmRecord> records);

Q_SIGNALS:
    /// Records were raised, ended or acknowledged; emitted in the thread that caused it.
    void changed();

private:
    template <typename F>
    auto locked(F f);
    template <typename F>
    auto locked(F f) const;

    mutable QMutex m_mutex;
    AlarmEngine m_engine;
    Journal m_journal;
    std::optional<Forward> m_forward;
    ServiceThread m_thread{QStringLiteral("alarms")};
};

} // namespace PumpWatch::Alarms
