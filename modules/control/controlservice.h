// ControlService: every control write goes select → operate → read-back (GRAPHICS.md).
//
//   Idle ─select(role, fresh data, nobody else, interlocks, range/step)→ Selected (selectMs)
//   Selected ─operate→ Executing: the command is written once, never retried
//   Executing ─feedback as expected within ControlDef::feedbackS→ Done
//   Executing ─write refused, or no feedback in time→ Failed (+ a "no feedback" alarm)
//   Selected ─cancel, or selectMs without operating→ Idle
//
// A selection carries its value (start/open 1, stop/close 0, a setpoint): interlocks, range and
// step are judged at select and again at operate, with the data of that moment. Every call and
// every transition leaves one ControlRecord (the recorder writes it to the audit table);
// refusals are recorded too. The service refuses on its own: a view's disabled button is a
// courtesy, not the check.
//
// Thread-safe: every call may come from any thread and is serialised by one mutex. The writer,
// recorder and alarm hook are called with it held and must only queue (AcquisitionService::
// write, HistoryService::journal and AlarmService do). changed() is emitted in the caller's
// thread after the lock is released. Time comes from the Clock; tick() (feedback deadlines,
// selection expiry) is called by the owner, 4 times a second in the pipeline.
//
//     ControlService control(project, clock, store, [&](TagId t, double v, const QString& u) {
//         return acquisition.write(t, v, u); });
//     connect(&acquisition, &AcquisitionService::writeFinished, &control,
//             &ControlService::writeFinished);
//     if (Outcome o = control.select(me, {station, 0, u"pump[2]"_s}, 1); !o.ok()) show(o);
//     control.operate(me, {station, 0, u"pump[2]"_s});
#pragma once

#include "controltypes.h"

#include <acquisition/sink.h>
#include <core/clock.h>
#include <core/project.h>
#include <core/realtimestore.h>

#include <QMutex>
#include <QObject>

#include <cmath>
#include <functional>
#include <map>
#include <tuple>

namespace PumpWatch::Control {

/// Data the views show as stale (ValueFormat::staleAfterMs of the device's poll) or not good is
/// not current: nobody may command what nobody can see.
struct ControlOptions {
    qint64 selectMs = 30'000; ///< a selection is held this long without an operate
};

/// One control object of one device of a station.
struct ControlAddress {
    int station = -1;
    int device = 0;
    QString object; ///< ControlDef::object: "pump[1]", "inlet_valve"
    friend bool operator==(const ControlAddress&, const ControlAddress&) = default;
    friend bool operator<(const ControlAddress& a, const ControlAddress& b)
    {
        return std::tie(a.station, a.device, a.object) < std::tie(b.station, b.device, b.object);
    }
};

/// Where an object stands, for its faceplate.
struct ControlState {
    Step step = Step::Idle;
    Operator holder;             ///< while Selected or Executing
    double value = std::nan(""); ///< selected or commanded
    qint64 untilMs = 0;          ///< the selection's expiry or the feedback's deadline
    Outcome last;                ///< how the last command ended (Done or Failed)
    qint64 lastMs = 0;
};

class ControlService : public QObject {
    Q_OBJECT

public:
    using Writer = std::function<quint64(TagId tag, double value, const QString& login)>;
    using Recorder = std::function<void(const ControlRecord& record)>;
    /// `failed` true: the object's command failed (raise), with why (`outcome`: its cause code
    /// and words); false: a later one succeeded (end).
    using AlarmHook = std::function<void(TagId commandTag, bool failed, qint64 ms,
                                         const ControlDef& def, const Outcome& outcome)>;

    ControlService(const Project& project, const Clock& clock, const RealtimeStore& store,
                   Writer writer, const ControlOptions& options = {}, QObject* parent = nullptr);

    /// Set before use.
    void setRecorder(Recorder recorder) { m_recorder = std::move(recorder); }
    void setAlarmHook(AlarmHook hook) { m_alarmHook = std::move(hook); }

    /// The control at `a`, or null (no template, no such object).
    const ControlDef* control(const ControlAddress& a) const;
    /// Whether `who` could select the object now, without selecting or recording anything:
    /// role, object, freshness and the holder (for a view's disabled buttons and their reason).
    /// With a value, its interlocks and range too.
    Outcome check(const Operator& who, const ControlAddress& a,
                  std::optional<double> value = std::nullopt) const;

    Outcome select(const Operator& who, const ControlAddress& a, double value,
                   bool stepConfirmed = false);
    Outcome operate(const Operator& who, const ControlAddress& a);
    Outcome cancel(const Operator& who, const ControlAddress& a);
    ControlState state(const ControlAddress& a) const;
    /// Every object of `station` that was ever selected, with its state (the server publishes
    /// them for the workstations).
    std::vector<std::pair<ControlAddress, ControlState>> states(int station) const;

    /// A workstation of a control room carries out nothing: the server that owns the station
    /// does. Select, operate and cancel go to it as requests (returning ok: sent), the states
    /// shown are the server's (mirror()), and check() judges locally what the faceplate offers.
    using Forward = std::function<void(const QString& kind, const Operator& who,
                                       const ControlAddress& a, double value, bool stepConfirmed)>;
    void setForward(Forward forward) { m_forward = std::move(forward); }
    /// Replaces the states of `station`'s objects with the server's; emits changed(station).
    void mirror(int station, const std::vector<std::pair<ControlAddress, ControlState>>& states);

    /// A write ended (AcquisitionService::writeFinished).
    void writeFinished(quint64 request, const PumpWatch::Acquisition::WriteRecord& record);
    /// Feedback deadlines and selection expiry.
    void tick();

Q_SIGNALS:
    /// An object of the station changed step.
    void changed(int station);

private:
    struct Resolved {
        const ControlDef* def = nullptr;
        TagId command = InvalidTagId;
        TagId feedback = InvalidTagId;
        const Device* device = nullptr;
    };
    struct Entry {
        ControlState state;
        quint64 request = 0; ///< the write's id while Executing
        qint64 writtenMs = 0;
        bool written = false; ///< the write was acknowledged by the PLC
    };

    Resolved resolve(const ControlAddress& a) const;
    /// The object's name for people: its control's, else the role asked for.
    static QString objectName(const ControlAddress& a, const Resolved& r);
    /// The object's entry while `who` holds its selection, else null.
    Entry* selectedBy(const Operator& who, const ControlAddress& a);
    Outcome checkLocked(const Operator& who, const ControlAddress& a, const Resolved& r,
                        std::optional<double> value, bool stepConfirmed) const;
    Outcome freshness(const Resolved& r) const;
    Outcome interlocks(const ControlAddress& a, const Resolved& r, double value) const;
    bool feedbackMatches(const Resolved& r, double value, qint64 sinceMs) const;
    static QString valueText(const Resolved& r, double value);
    QString currentText(const Resolved& r) const;
    void record(const Operator& who, const QString& action, const ControlAddress& a,
                const Resolved& r, double value, const Outcome& outcome);
    void finish(const ControlAddress& a, Entry& e, const Resolved& r, const Outcome& outcome);
    void announce();

    const Project& m_project;
    const Clock& m_clock;
    const RealtimeStore& m_store;
    Writer m_writer;
    ControlOptions m_options;
    Recorder m_recorder;
    AlarmHook m_alarmHook;
    Forward m_forward;
    mutable QMutex m_mutex;
    std::map<ControlAddress, Entry> m_entries; ///< objects that were ever selected
    std::vector<int> m_changed;                ///< stations to announce once the lock is released
};

} // namespace PumpWatch::Control
