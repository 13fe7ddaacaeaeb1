// AlarmEngine: decides which alarms stand. It watches every sample against its tag's limits
// (LL/L/H/HH by period of the day, rate of change, deadband, on/off delays), the sensor checks
// (physical range, frozen value, fault bits), power and communication of each device, the
// composite rules and the system's own health, and keeps one record per alarm episode, as the
// journal stores it. Pure logic: time comes from the samples and the injected Clock; nothing
// is written here — takeChanges() hands each raise, end and acknowledgement to whoever journals
// and shows them.
//
// Severity follows the seed: L/H warning (orange), LL/HH/rate critical (red). A value moving
// from one limit to another ends its record "became new alarm" and opens the next; a return
// inside the limits (by the deadband) ends it "returned to normal". While a device is offline
// or without power its process alarms are frozen and suppressed — its comm or power alarm
// stands for them — and resume from fresh values when it is back. Historical samples are
// ignored. Not thread-safe: AlarmService serialises access.
//
//     AlarmEngine engine(project, clock);
//     engine.process(batch);                  // in the acquisition thread
//     engine.tick();                          // about once a second: delays, frozen values
//     for (const AlarmChange& c : engine.takeChanges()) journal(c);
//     engine.acknowledge(key, {u"zhangsan"_s, u"张三"_s}, note);
//     engine.setLimits(tag, newLimits, who);  // an engineer's edit, without a restart
#pragma once

#include "alarmtypes.h"
#include "ruleset.h"

#include <core/clock.h>
#include <core/diagnostic.h>
#include <core/project.h>

#include <QTimeZone>

#include <deque>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

namespace PumpWatch::Alarms {

struct AlarmEngineOptions {
    QString file;                 ///< the project file, named in diagnostics
    double powerFailVolts = 50.0; ///< without a power-fail bit, a supply below this is an outage
};

struct AlarmEngineStats {
    quint64 samples = 0;    ///< live samples evaluated
    quint64 historical = 0; ///< backfilled samples ignored
    quint64 raised = 0;
    quint64 ended = 0;
};

/// The system's own health, raised by the programs that see it.
enum class SystemCondition : quint8 { Database, AcquisitionService, Broker };

class AlarmEngine {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Alarms::AlarmEngine)

public:
    AlarmEngine(const Project& project, const Clock& clock, const AlarmEngineOptions& options = {});
    ~AlarmEngine();
    AlarmEngine(const AlarmEngine&) = delete;
    AlarmEngine& operator=(const AlarmEngine&) = delete;

    /// Problems with the project's alarm rules (bad expressions, missing tags).
    const Diagnostics& diagnostics() const { return m_rules.diagnostics(); }

    void process(std::span<const Sample> batch);
    /// A device answered again (`online`) or stopped answering, with the driver's reason.
    void deviceStatus(int station, int device, bool online, qint64 ms, const QString& error);
    void systemStatus(SystemCondition which, bool healthy, qint64 ms, const QString& detail);
    /// A control command on `commandTag` failed (`failed`, with the control service's words) or
    /// a later one on it succeeded, which ends the alarm.
    void commandStatus(TagId commandTag, bool failed, qint64 ms, const QString& detail);
    /// Time-driven work: expired delays, frozen values, period changes, rule windows, shelving.
    void tick();

    /// False when there is no such unacknowledged record.
    bool acknowledge(quint64 key, const Actor& who, const QString& note);
    /// Acknowledges every unacknowledged record of a station; returns how many.
    int acknowledgeStation(int station, const Actor& who, const QString& note);
    /// Hides a tag's alarms (still evaluated and journalled) until `durationMs` has passed.
    /// The caller checks the user's authority; the engine audits it.
    bool shelve(TagId tag, qint64 durationMs, const Actor& who, const QString& reason);
    /// A shelf an earlier run (or the replaced server) set, until `untilMs`, read back from the
    /// audit; nothing is audited again. false when it has run out.
    bool restoreShelf(TagId tag, qint64 untilMs, const QString& by);
    bool unshelve(TagId tag, const Actor& who);
    /// Audits that `who` silenced the horn while `sounding` critical alarms called for it (the
    /// horn itself is the workstation's).
    void silence(const Actor& who, int sounding);

    /// The alarm settings in force for `tag`: the project's, or what setLimits() gave it since.
    const AlarmLimits& limits(TagId tag) const { return *m_limitsOf[tag]; }
    /// New settings for a tag while running (an engineer's edit of the limit table), audited as
    /// the user's with the old and new settings. The tag's standing value is judged against them
    /// at once: alarms they no longer call for end, ones they call for are raised.
    void setLimits(TagId tag, const AlarmLimits& limits, const Actor& who);

    /// Takes over records still open from an earlier run (read back from the journal, their
    /// station, device, tag and rule resolved by the caller), so that they end when their
    /// condition clears instead of staying open forever and being raised twice; ended ones not
    /// yet acknowledged stay listed until acknowledged (a restart or a standby's takeover leaves
    /// the alarm list as it was). Returns the keys
    /// given to them, in order (0 for a record that matches nothing here).
    std::vector<quint64> restore(std::vector<AlarmRecord> records);

    std::vector<AlarmChange> takeChanges();
    std::vector<AlarmAudit> takeAudit();
    /// Records that are active or not yet acknowledged, newest first.
    std::vector<AlarmRecord> liveRecords() const;
    /// A mirror's records (AlarmService::mirror): replaces every live record, nothing else.
    void replaceLive(std::vector<AlarmRecord> records);
    const AlarmRecord* record(quint64 key) const;
    bool soundRequired() const;
    const AlarmEngineStats& stats() const { return m_stats; }

private:
    enum class Role : quint8 { None, Process, PowerBit, Voltage, FaultBit };
    struct Condition {
        quint64 record = 0;
        qint8 level = 0;   ///< limits: −2 LL, −1 L, 1 H, 2 HH; others: 1 active
        qint8 pending = 0; ///< the level waiting for its delay
        qint64 pendingSinceMs = 0;
    };
    struct TagState {
        Role role = Role::None;
        bool hasValue = false;
        bool watchesRate = false;
        int period = -2; ///< the limit period last applied (−1 base)
        int device = -1; ///< flat device index
        double value = 0.0;
        qint64 valueMs = 0;
        qint64 changedMs = 0; ///< when the value last changed (frozen-value check)
        Condition level;      ///< limit alarms; the bit itself for power and fault bits
        Condition rate;
        Condition sensor; ///< out of range or frozen
        /// Outside the range by more than its tolerance: settles the range delay and deadband
        /// (`level` 1 once it counts), opens no record of its own.
        Condition range;
        std::deque<std::pair<qint64, double>> recent; ///< the last minute, for the rate
    };
    struct DeviceState {
        int station = -1;
        int device = -1;
        bool offline = false;
        int powerFailures = 0; ///< power conditions standing
        Condition comm;
        Condition power; ///< the device's power outage record, shared by its power tags
        bool suppressed() const { return offline || powerFailures > 0; }
    };
    struct Local {
        qint64 minuteStartMs = -1;
        int minuteOfDay = 0;
        int dayOfWeek = 1;
    };

    /// Derives how a tag is watched (process role, rate, timed checks) from its limits.
    void watch(TagId tag);
    void evaluateState(TagId tag, TagState& t, double value, qint64 ms);
    void evaluateProcess(TagId tag, TagState& t, qint64 ms);
    void evaluateLimits(TagId tag, TagState& t, qint64 ms);
    /// `newValue`: t.value arrived at `ms`; else the window only ages.
    void evaluateRate(TagId tag, TagState& t, qint64 ms, bool newValue);
    bool evaluateSensor(TagId tag, TagState& t, qint64 ms);
    void evaluateRule(int instance, qint64 ms);
    void setPowerFail(DeviceState& d, bool failed, qint64 ms, TagId tag, double value);
    void setSuppressed(int device, bool wasSuppressed, qint64 ms);

    /// Moves a condition to `level` at `atMs`: ends its record, opens the next from `proto`
    /// (type and severity as the caller set them).
    void move(Condition& c, qint8 level, qint64 atMs, AlarmRecord proto);
    /// Applies the on/off delay; true with `atMs` when `c` moves to `target` now.
    static bool settle(Condition& c, qint8 target, qint64 ms, qint64 onMs, qint64 offMs,
                       qint64& atMs);
    AlarmRecord tagRecord(TagId tag, AlarmType type, double value) const;
    const LimitValues& limitsAt(const AlarmLimits& a, qint64 ms, int* period);
    const Local& localTime(qint64 ms);
    bool tagShelved(TagId tag, qint64 ms) const;

    const Project& m_project;
    const Clock& m_clock;
    AlarmEngineOptions m_options;
    QTimeZone m_zone;
    RuleSet m_rules;
    std::vector<TagState> m_tags;               ///< by TagId
    std::vector<const AlarmLimits*> m_limitsOf; ///< by TagId: into the project or m_edited
    std::map<TagId, AlarmLimits> m_edited;      ///< settings changed while running
    std::vector<DeviceState> m_devices;         ///< flat, station by station
    std::vector<int> m_firstDevice;             ///< by station
    std::vector<Condition> m_ruleConditions;    ///< by rule instance
    Condition m_system[3];                      ///< by SystemCondition
    std::map<TagId, Condition> m_commands;      ///< per command tag: its failure alarm
    std::vector<TagId> m_timed; ///< tags with delays, frozen checks, periods or rates
    std::map<TagId, std::pair<qint64, QString>> m_shelved; ///< tag → until, by whom
    std::unordered_map<quint64, AlarmRecord> m_live;
    quint64 m_nextKey = 1;
    std::vector<AlarmChange> m_changes;
    std::vector<AlarmAudit> m_audit;
    AlarmEngineStats m_stats;
    Local m_local;
};

} // namespace PumpWatch::Alarms
