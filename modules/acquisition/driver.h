// Driver: one way of reaching devices — Modbus polling (ModbusDriver) or gateways publishing
// over MQTT (MqttDriver). The acquisition service runs one driver per kind on its thread and
// routes each device to the driver of its protocol; the pipeline, comm status, alarms and
// history see the same Sample batches, CommStatus changes and WriteRecords from every driver.
//
// Contract of a driver, whatever its protocol:
// - it serves the project devices whose protocol it handles() and leaves the others Unknown;
// - it reports device statuses (CommStatus with device ≥ 0); station statuses are derived by
//   the service from all its devices, whichever drivers serve them;
// - a device that goes offline has all its tags published bad (or stale) with its last value;
// - samples a device sends about the past (a gateway's replay) are marked historical;
// - write() ends exactly once, with the record in both `done` and the sink's audit().
// Not thread-safe: created, started and called in the acquisition thread.
#pragma once
#include "commstatus.h"
#include "sink.h"

#include <core/datatype.h>
#include <core/sample.h>

#include <QObject>

#include <functional>

namespace PumpWatch::Acquisition {

using WriteDone = std::function<void(const WriteRecord&)>;

class Driver : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    /// True for the protocols this driver serves.
    virtual bool handles(Protocol protocol) const = 0;
    /// Connects and starts acquiring.
    virtual void start() = 0;
    /// Disconnects; nothing is published after it returns. Pending writes end as failed.
    virtual void stop() = 0;
    /// Writes `value` (engineering units) to a read-write tag of a device it serves, on behalf
    /// of `user`. Returns the write's id; `done` and the sink's audit() get the record.
    virtual quint64 write(TagId tag, double value, const QString& user, WriteDone done) = 0;
    /// The status of a project device it serves, as reported last (Unknown before start).
    virtual CommStatus deviceStatus(int station, int device) const = 0;
};

} // namespace PumpWatch::Acquisition
