// Pipeline: acquisition → realtime store → alarms → history, the same in pumpwatch-server and
// in the workstation's single-PC mode. It owns the services and wires them: samples go to the
// store, the alarm engine and history; alarm changes and shelving audit go to the journal; a lost
// database and a stalled acquisition thread raise system alarms; records an earlier run left open
// are taken over at start so they end when their condition clears. Control commands go through
// the control service (its writes to acquisition, its records to the audit table, a command
// without feedback to the alarms), ticked in the alarm thread.
//
//     Pipeline pipeline(project, clock, {.history = options, .projectPath = path});
//     if (hasErrors(pipeline.diagnostics())) …;         // the alarm rules did not compile
//     pipeline.setAlarmObserver([](auto changes) { log(changes); });
//     pipeline.start();
//     RealtimeReader ui(pipeline.store());              // in the GUI thread
//     pipeline.stop();                                  // writes what is queued
#pragma once

#include "alarmjournal.h"

#include <acquisition/acquisitionservice.h>
#include <alarms/alarmservice.h>
#include <core/clock.h>
#include <core/realtimestore.h>
#include <core/stationset.h>
#include <history/historyoptions.h>
#include <history/historyservice.h>

#include <QCoreApplication>

#include <control/controlservice.h>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

namespace PumpWatch::Runtime {

class PipelineSink;

struct PipelineOptions {
    std::optional<History::HistoryOptions> history; ///< none: nothing is stored
    std::FILE* dump = nullptr;                      ///< every sample batch as CSV
    QString projectPath;                            ///< names the file in rule diagnostics
    /// The stations this pipeline owns (a server's shard), by index; empty: all of them. Only
    /// they are polled, and only their open alarms (and, owning all, the system's) are taken
    /// over from the journal at start.
    StationSet stations;
    /// AcquisitionOptions::writeGate: may a control write go out now?
    std::function<QString()> writeGate = {};
};

class Pipeline {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Runtime::Pipeline)

public:
    using AlarmObserver = std::function<void(std::span<const Alarms::AlarmChange> changes)>;

    Pipeline(const Project& project, const Clock& clock, PipelineOptions options);
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    /// The alarm rules' diagnostics; with errors the pipeline must not be started.
    const Diagnostics& diagnostics() const { return m_alarms.diagnostics(); }
    /// Sees every alarm change in order, with the alarm lock held (so it must only queue or log).
    /// Set before start().
    void setAlarmObserver(AlarmObserver observer) { m_observer = std::move(observer); }

    /// Starts history, takes over the open records of the last run, then acquisition, and the
    /// alarm thread with its tick and the acquisition watchdog. Each service has its own thread;
    /// nothing periodic runs in the caller's (the GUI thread in the workstation).
    void start();
    /// Stops polling and alarms, then writes what is queued and the open rollups.
    void stop();

    RealtimeStore& store() { return m_store; }
    Alarms::AlarmService& alarms() { return m_alarms; }
    const Alarms::AlarmService& alarms() const { return m_alarms; }
    Acquisition::AcquisitionService& acquisition() { return *m_acquisition; }
    const Acquisition::AcquisitionService& acquisition() const { return *m_acquisition; }
    /// Select → operate → read-back of every control write, audited in history.
    Control::ControlService& control() { return *m_control; }
    /// Null when nothing is stored.
    History::HistoryService* history() { return m_history.get(); }
    const History::HistoryService* history() const { return m_history.get(); }
    const AlarmJournalEntries& entries() const { return m_entries; }

    /// A control record as a row of the audit table.
    static History::AuditEntry auditEntry(const Control::ControlRecord& r);

private:
    void restoreOpenAlarms();
    bool owns(int station) const;
    void restoreShelves(qint64 nowMs);
    void checkAcquisition();

    const Project& m_project;
    const Clock& m_clock;
    PipelineOptions m_options;
    RealtimeStore m_store;
    std::unique_ptr<History::HistoryService> m_history;
    Alarms::AlarmService m_alarms;
    AlarmJournalEntries m_entries;
    AlarmObserver m_observer;
    std::unique_ptr<PipelineSink> m_sink;
    std::unique_ptr<Acquisition::AcquisitionService> m_acquisition;
    std::unique_ptr<Control::ControlService> m_control;
    bool m_running = false;
};

} // namespace PumpWatch::Runtime
