// PipelineSink: where the pipeline (pumpwatch-server, the single-PC workstation) sends what
// acquisition produces — the realtime store, the alarms (samples and device comm status), history
// (when a database is given; control writes to its audit_log), the log (comm status changes,
// control writes) and, with a dump
// stream, CSV:
//
//     time,station,device,tag,value,quality
//     2026-11-21T08:00:00.250,S0001,low,outlet_pressure,0.412,good
//
// Times are the project's local time (ISO 8601 with milliseconds), as everywhere in the CLI.
// Called in the acquisition thread; the dump is flushed per batch so a reader sees whole lines.
#pragma once
#include <acquisition/sink.h>
#include <alarms/alarmservice.h>
#include <core/project.h>
#include <core/realtimestore.h>
#include <history/historyservice.h>

#include <QCoreApplication>
#include <QTimeZone>

#include <cstdio>
#include <map>

namespace PumpWatch::Runtime {

class PipelineSink final : public Acquisition::AcquisitionSink {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Runtime::PipelineSink)

public:
    /// `history` and `dump` may be null.
    PipelineSink(const Project& project, RealtimeStore& store, Alarms::AlarmService& alarms,
                 History::HistoryService* history, std::FILE* dump);

    void samples(std::span<const Sample> batch) override;
    void commStatusChanged(const Acquisition::CommStatus& status) override;
    void audit(const Acquisition::WriteRecord& record) override;
    /// One system alarm stands while any gateways' broker is unreachable, naming the first.
    void brokerStatusChanged(const Acquisition::BrokerStatus& status) override;

private:
    const Project& m_project;
    RealtimeStore& m_store;
    Alarms::AlarmService& m_alarms;
    History::HistoryService* m_history;
    std::FILE* m_dump;
    QTimeZone m_zone;
    QByteArray m_line;
    std::map<QString, Acquisition::BrokerStatus> m_brokersDown; ///< by broker id and protocol
};

} // namespace PumpWatch::Runtime
