// What an alarm is: its type and severity, how its record ended, and the record itself — one
// row of the alarm journal (seed 000 §4.2.5), with the ISA-18.2 state it is in and whether it
// is shown and sounds. Plain value types, any thread.
#pragma once

#include <core/sample.h>

#include <QCoreApplication>
#include <QString>

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace PumpWatch::Alarms {

enum class AlarmType : quint8 {
    LowLow,         ///< 低低限: critical
    Low,            ///< 低限: warning
    High,           ///< 高限: warning
    HighHigh,       ///< 高高限: critical
    Rate,           ///< 突变率: critical
    CommFailure,    ///< RTU/PLC does not answer
    PowerFail,      ///< mains power lost (power-fail bit, or no supply voltage)
    SensorFault,    ///< fault bit, frozen value or out of the sensor's physical range
    EquipmentFault, ///< a pump's or controller's fault bit
    Rule,           ///< a composite rule (pipe burst, tank …)
    Database,       ///< the history database cannot be reached
    Service,        ///< the acquisition service stopped
    CommandFailed,  ///< a control command got no feedback or was refused by the PLC
    Broker,         ///< an MQTT broker of IoT gateways cannot be reached
};

enum class Severity : quint8 { Warning = 1, Critical = 2 };

/// How a record ended (结束状态).
enum class EndState : quint8 {
    Active,           ///< 没结束: not ended yet
    ReturnedToNormal, ///< 转正常
    BecameNewAlarm,   ///< 转新报警: the value moved to another limit, a new record goes on
};

/// ISA-18.2 / IEC 62682 states (A–D).
enum class IsaState : quint8 { Normal, Unacknowledged, Acknowledged, ReturnedUnacknowledged };

/// Stable codes for the journal: "low_low", "comm_failure", …
const char* alarmTypeCode(AlarmType type);
std::optional<AlarmType> parseAlarmType(QStringView code);
const char* endStateCode(EndState state); ///< "active", "normal", "new_alarm"
std::optional<EndState> parseEndState(QStringView code);
Severity defaultSeverity(AlarmType type);

/// Why an alarm stands, as AlarmRecord::detail and the journal keep it: a stable code with
/// parameters, put into words only when shown (AlarmText::cause), in the language of whoever
/// reads it — a cause raised by a server running in English reads Chinese on a Chinese
/// workstation, and a rule alarm shows its rule's name (as the project named it when raised).
///
///     code;name=value;name=value          e.g. "sensor_range;min=0;max=5;unit=m"
///
/// Codes and parameter names are lower-case ASCII; numbers are written in the C locale
/// (configured ones exactly, measured ones to 6 significant digits); '%', ';' and '=' inside
/// values are written %25, %3B and %3D. The codes:
///
///     sensor_range;min=;max=;unit=   outside the sensor's range (an open side is left out)
///     sensor_frozen;seconds=         the value has not changed for that long
///     rate;change=;unit=             changed this much within a minute
///     power_outage                   a comm failure of a station that lost its power first
///     rule;id=;name=                 a composite rule: shown by its name
///     command_failed;object=;cause=;seconds=;error=   a control command without its effect
///
/// Anything else — a driver's error, a database's message, a row journalled before the codes —
/// is free text, shown as it is. Plain value type, any thread.
struct AlarmCause {
    static constexpr QLatin1StringView SensorRange{"sensor_range"};
    static constexpr QLatin1StringView SensorFrozen{"sensor_frozen"};
    static constexpr QLatin1StringView Rate{"rate"};
    static constexpr QLatin1StringView PowerOutage{"power_outage"};
    static constexpr QLatin1StringView Rule{"rule"};
    static constexpr QLatin1StringView CommandFailed{"command_failed"};

    QString code;
    std::vector<std::pair<QString, QString>> parameters;

    /// The parameter's value; empty when it is not there.
    QString parameter(QStringView name) const;
    std::optional<double> number(QStringView name) const;
    /// The stored form.
    QString toString() const;
    /// A known code with well-formed parameters; nullopt for free text.
    static std::optional<AlarmCause> parse(QStringView stored);

    static QString sensorRange(std::optional<double> min, std::optional<double> max,
                               const QString& unit);
    static QString frozen(double seconds);
    static QString rate(double change, const QString& unit);
    static QString powerOutage();
    static QString rule(const QString& id, const QString& name);
    /// A control command on `object` failed: `cause` is the control service's code
    /// ("no_feedback", "write_failed"), `seconds` the feedback time, `error` the PLC's answer.
    static QString commandFailed(const QString& object, const QString& cause, double seconds,
                                 const QString& error = {});
};

/// For people, in the seed's words: 高限报警, 通讯故障报警, 转正常 …
struct AlarmText {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Alarms::AlarmText)
public:
    static QString typeName(AlarmType type);
    static QString endStateName(EndState state);
    static QString severityName(Severity severity);
    /// The same from the codes a journal row stores; a rule alarm is named by its rule, and an
    /// unknown code is shown as it is.
    static QString typeName(QStringView code, const QString& ruleName);
    static QString endStateName(QStringView code);
    /// A stored cause (AlarmCause) in the reader's language, its numbers in the locale with
    /// the decimals of their unit; free text as it is.
    static QString cause(const QString& stored);
};

/// Who acted: the login name, unique, and the display name as it was then ("zhangsan", "张三");
/// two users may share a display name, so the audit keeps both.
struct Actor {
    QString login;
    QString name;
};

struct AlarmRecord {
    quint64 key = 0; ///< the engine's id of the record
    AlarmType type = AlarmType::High;
    Severity severity = Severity::Warning;
    int station = -1; ///< -1: a system alarm of no station (database, service)
    int device = -1;  ///< -1: the station as a whole, or none
    TagId tag = InvalidTagId;
    int rule = -1;               ///< index into Project::alarmRules for rule alarms
    double value = std::nan(""); ///< the value when it started
    qint64 startMs = 0;
    qint64 endMs = 0; ///< 0 while active
    EndState endState = EndState::Active;
    qint64 ackMs = 0;        ///< 0 until acknowledged
    QString ackUser;         ///< display name
    QString ackLogin;        ///< login name
    QString note;            ///< the handling content and result the operator entered
    QString detail;          ///< the cause: an AlarmCause code, or the driver's error as given
    bool shelved = false;    ///< by an operator, for a set time
    bool suppressed = false; ///< by design: its device is offline or without power

    bool isActive() const { return endState == EndState::Active; }
    bool isAcknowledged() const { return ackMs != 0; }
    IsaState state() const;
    /// Shown in the alarm list and banner: not shelved or suppressed, and active or unacked.
    bool isAnnunciated() const;
    /// Critical and unacknowledged: the sound goes on until someone acknowledges it.
    bool requiresSound() const;
    friend bool operator==(const AlarmRecord&, const AlarmRecord&) = default;
};

/// What happened to a record, for the journal and the screens.
struct AlarmChange {
    enum Kind : quint8 { Raised, Ended, Acknowledged };
    Kind kind = Raised;
    AlarmRecord record; ///< as it is after the change
};

/// An operator action the audit log keeps (shelving is audited, ISA-18.2).
struct AlarmAudit {
    qint64 ms = 0;
    Actor who;      ///< empty for the engine itself (shelving expired)
    QString action; ///< "shelve", "unshelve", "limits", "silence"
    TagId tag = InvalidTagId;
    QString detail;
    QString oldValue; ///< "limits": the settings before and after, as the project file spells them
    QString newValue;
    QString target = {}; ///< what it was about when it is no tag ("alarm-horn")
};

} // namespace PumpWatch::Alarms
