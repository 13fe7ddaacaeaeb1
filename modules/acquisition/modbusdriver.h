// ModbusDriver: polls every Modbus TCP and RTU device of a project on one event loop (the
// acquisition thread) and reports samples, comm status and control writes to a sink (a Driver;
// devices of other protocols are counted in its indexes but never polled: they stay Unknown).
//
// - One link per TCP endpoint (a PLC, or a TCP-to-RTU gateway with several unit ids) and one
//   per RS-485 line (several unit ids polled in turn); each link has exactly one request in
//   flight (many PLCs drop pipelined requests). Modbus is framed here, on raw sockets and serial
//   ports in one epoll set (modbuslinks.cpp): every answer is checked against its request
//   (modbusframe.h) before a value is taken from it; an invalid answer is counted, logged once
//   per kind with its first bytes, its device's tags go bad with the cause, and a TCP stream
//   that may be out of step is reset.
// - On a shared link a device that fails `demoteAfter` times in a row is demoted: tried once
//   per `demotionMs` (one request, no retry, when the line is free) until it answers, so one
//   dead pump house does not starve its neighbours on the line.
// - Each device is read every pollMs along its ReadPlan; an address exception splits the block
//   until the bad range is isolated (its tags get BadConfigError, retried now and then), so its
//   neighbours keep updating.
// - Timeouts are per request, retried `retries` times for reads and never for writes. A TCP
//   device of its own that stops answering is reconnected.
// - On loss every tag of the device is published Bad-CommFailure (its last value kept) and the
//   device and station go Offline; the first good answer brings Good values and Online.
// - Reconnects back off exponentially with jitter.
// - write(): encodes by type and word order (bits and bytes read-modify-write), goes ahead of
//   the poll queue, reads back, and reports the outcome to the caller and to the sink's audit.
//
// Not thread-safe: create it, start() it and call write() in the thread it lives in (see
// AcquisitionService for the threaded wrapper). The project, clock and sink must outlive it.
#pragma once
#include "backoff.h"
#include "commstatus.h"
#include "driver.h"
#include "readplan.h"

#include <core/clock.h>
#include <core/project.h>
#include <core/stationset.h>

#include <QCoreApplication>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace PumpWatch::Acquisition {

struct ModbusDriverOptions {
    ReadPlanOptions plan;
    BackoffOptions reconnect;
    int watchdogMarginMs = 1000;  ///< beyond the device timeout, before a link is reset
    int badBlockRetryMs = 60'000; ///< how often an isolated exception range is tried again
    int connectTimeoutMs = 5000;  ///< at least; the device timeout if longer
    StationSet stations;          ///< AcquisitionOptions::stations
    int phaseGridMs = 100;        ///< devices start their cycles in groups this far apart
};

struct ModbusDriverStats {
    quint64 requests = 0;
    quint64 replies = 0; ///< good answers
    quint64 exceptions = 0;
    quint64 timeouts = 0;
    quint64 cycles = 0;   ///< device poll cycles completed
    quint64 overruns = 0; ///< polls skipped because the previous cycle was still running
    quint64 connects = 0; ///< connection attempts
    quint64 linkFailures = 0;
    quint64 invalidAnswers = 0; ///< answers that were not answers to the request
    quint64 lateAnswers = 0;    ///< TCP answers to an earlier, timed-out request (dropped)
    quint64 demoted = 0;        ///< devices demoted now
};

/// What one device's requests came to, since start.
struct DeviceCounters {
    quint64 answers = 0;
    quint64 exceptions = 0;
    quint64 timeouts = 0;
    quint64 invalidAnswers = 0;
    quint64 demotions = 0;
};

class ModbusDriver : public Driver {
    Q_OBJECT

public:
    ModbusDriver(const Project& project, const Clock& clock, AcquisitionSink& sink,
                 const ModbusDriverOptions& options = {}, QObject* parent = nullptr);
    ~ModbusDriver() override;

    bool handles(Protocol protocol) const override
    {
        return protocol == Protocol::ModbusTcp || protocol == Protocol::ModbusRtu;
    }
    /// Connects every link and starts polling.
    void start() override;
    /// Disconnects; nothing is published after it returns.
    void stop() override;

    /// Writes `value` (engineering units) to a read-write tag on behalf of `user`. Returns the
    /// write's id; `done` and the sink's audit() get the record when it has ended.
    quint64 write(TagId tag, double value, const QString& user, WriteDone done = {}) override;
    CommStatus deviceStatus(int station, int device) const override
    {
        return deviceStatus(deviceIndex(station, device));
    }

    int deviceCount() const;
    /// Current status of device `index` (0 .. deviceCount()-1, station by station).
    CommStatus deviceStatus(int index) const;
    /// Index of a project device among deviceCount(), or -1.
    int deviceIndex(int station, int device) const;
    CommStatus stationStatus(int station) const;
    ModbusDriverStats stats() const;
    DeviceCounters deviceCounters(int index) const;
    /// The read plan of a device as it stands (after any exception splits).
    const std::vector<ReadBlock>& plan(int deviceIndex) const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace PumpWatch::Acquisition
