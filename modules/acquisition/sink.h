// What acquisition produces, and where it goes: sample batches, comm status changes, and the
// record of every control write (the audit trail).
//
// Drivers call the sink in the acquisition thread; a sink that hands data to another thread
// (the realtime store is thread-safe, the history writer queues) does so itself. Drivers know
// nothing of history or alarms (ARCHITECTURE.md).
#pragma once
#include "commstatus.h"

#include <core/sample.h>

#include <QMetaType>
#include <QString>

#include <span>

namespace PumpWatch::Acquisition {

/// One control write from request to result: who, what, old → new, and how it ended.
struct WriteRecord {
    quint64 id = 0;
    TagId tag = InvalidTagId;
    QString user;          ///< the login name (User::name) the write was made for
    double oldValue = 0.0; ///< last value read before the write (NaN if none yet)
    double newValue = 0.0; ///< requested, engineering units
    double readBack = 0.0; ///< read after the write (NaN if not read)
    qint64 requestedMs = 0;
    qint64 finishedMs = 0;
    bool ok = false;
    QString error; ///< why it failed, for people; empty when ok
};

/// A broker connection of the gateways, as the dispatcher sees it (a system alarm while down).
struct BrokerStatus {
    QString broker;   ///< BrokerSettings::id
    QString protocol; ///< "mqtt-neuron" or "mqtt-sparkplug": one connection each
    QString name;     ///< "物联网平台 (127.0.0.1:1883)"
    bool connected = false;
    QString error; ///< why it is down
    qint64 sinceMs = 0;
};

class AcquisitionSink {
public:
    virtual ~AcquisitionSink() = default;
    virtual void samples(std::span<const Sample> batch) = 0;
    virtual void commStatusChanged(const CommStatus& status) { Q_UNUSED(status); }
    /// Every write attempt, successful or not, once it has ended.
    virtual void audit(const WriteRecord& record) { Q_UNUSED(record); }
    /// A gateways' broker connection went up or down.
    virtual void brokerStatusChanged(const BrokerStatus& status) { Q_UNUSED(status); }
};

} // namespace PumpWatch::Acquisition

Q_DECLARE_METATYPE(PumpWatch::Acquisition::WriteRecord)
Q_DECLARE_METATYPE(PumpWatch::Acquisition::CommStatus)
