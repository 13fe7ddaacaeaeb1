// How the pipeline journals alarms: the engine's records become rows of history's alarm
// journal (with the station's and tag's names as they are now, so the record query reads
// without the project), shelving becomes audit rows, and each raise and end is logged.
#pragma once

#include <alarms/alarmtypes.h>
#include <core/project.h>
#include <history/journal.h>

namespace PumpWatch::Runtime {

class AlarmJournalEntries {
public:
    explicit AlarmJournalEntries(const Project& project)
        : m_project(project)
    {}

    History::JournalEntry entry(const Alarms::AlarmChange& change) const;
    History::AuditEntry audit(const Alarms::AlarmAudit& audit) const;
    /// A row left open by an earlier run as the engine's record; nullopt when its station, tag
    /// or rule is no longer in the project.
    std::optional<Alarms::AlarmRecord> record(const History::JournalRow& row) const;
    /// One line for the server log: "(C)长征一厂 出水压力 高高限报警 0.62 MPa".
    QString describe(const Alarms::AlarmRecord& record) const;

private:
    const Project& m_project;
};

} // namespace PumpWatch::Runtime
