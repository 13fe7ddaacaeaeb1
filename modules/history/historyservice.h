// HistoryService: the history writer's thread. Acquisition (and later MQTT and backfill) hand
// it samples from any thread with append(); it gathers them for batchMs, writes one batch per
// transaction, flushes rollups every rollupFlushMs, retries a lost database with backoff and
// applies retention once an hour. databaseConnectionChanged() is what the alarm system raises
// and clears its "database connection failure" alarm from.
//
//     HistoryService history(project, clock, options);
//     connect(&history, &HistoryService::databaseConnectionChanged, alarms, &Alarms::onDatabase);
//     history.start();
//     history.append(samples);          // any thread; copies
//     history.stop();                   // flushes, then joins the thread
//
// append() and journal() only take a short lock and never wait for the writer thread: the GUI
// calls journal(). sync(), stats() and spoolPending() run in the writer thread and wait for it,
// which may be busy with a slow database: not for the GUI thread.
#pragma once

#include "historyoptions.h"
#include "journal.h"

#include <core/clock.h>
#include <core/project.h>
#include <core/sample.h>
#include <core/servicethread.h>

#include <QMutex>
#include <QObject>

#include <span>
#include <vector>

namespace PumpWatch::History {

class HistoryWriter;

class HistoryService : public QObject {
    Q_OBJECT

public:
    HistoryService(const Project& project, const Clock& clock, const HistoryOptions& options,
                   QObject* parent = nullptr);
    ~HistoryService() override;

    void start();
    /// Writes what is queued, flushes rollups, closes the connection and joins the thread.
    void stop();
    void append(std::span<const Sample> samples);
    /// Alarm journal entries and audit records, written in order after the samples queued
    /// before them; kept in memory while the database is away. Any thread; copies.
    void journal(std::span<const JournalEntry> entries, std::span<const AuditEntry> audit = {});
    /// Writes everything appended so far and flushes rollups; blocks until done. For tests and
    /// for a clean shutdown.
    void sync();

    /// The writer's counters; after stop(), its last ones.
    HistoryStats stats() const;
    qint64 spoolPending() const;
    /// The writer thread, for code that must run in it (tests stall it with post()).
    const ServiceThread& thread() const { return m_thread; }

Q_SIGNALS:
    /// Emitted from the writer thread; false with the driver's error when the database is lost.
    void databaseConnectionChanged(bool connected, const QString& error);

private:
    void drain();

    const Project& m_project;
    const Clock& m_clock;
    HistoryOptions m_options;
    ServiceThread m_thread{QStringLiteral("history")};
    HistoryWriter* m_writer = nullptr; ///< lives in m_thread
    mutable QMutex m_mutex;
    std::vector<Sample> m_inbox;              ///< guarded by m_mutex
    std::vector<JournalEntry> m_journalInbox; ///< guarded by m_mutex
    std::vector<AuditEntry> m_auditInbox;     ///< guarded by m_mutex
    HistoryStats m_finalStats;                ///< the writer's counters when it stopped
};

} // namespace PumpWatch::History
