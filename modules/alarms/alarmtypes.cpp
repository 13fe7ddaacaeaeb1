#include "alarmtypes.h"

namespace PumpWatch::Alarms {
namespace {

constexpr const char* typeCodes[] = {"low_low",    "low",          "high",
                                     "high_high",  "rate",         "comm_failure",
                                     "power_fail", "sensor_fault", "equipment_fault",
                                     "rule",       "database",     "service"};
constexpr const char* endCodes[] = {"active", "normal", "new_alarm"};

} // namespace

const char* alarmTypeCode(AlarmType type)
{
    return typeCodes[static_cast<int>(type)];
}

std::optional<AlarmType> parseAlarmType(QStringView code)
{
    for (std::size_t i = 0; i < std::size(typeCodes); ++i) {
        if (code == QLatin1StringView(typeCodes[i]))
            return static_cast<AlarmType>(i);
    }
    return std::nullopt;
}

const char* endStateCode(EndState state)
{
    return endCodes[static_cast<int>(state)];
}

std::optional<EndState> parseEndState(QStringView code)
{
    for (std::size_t i = 0; i < std::size(endCodes); ++i) {
        if (code == QLatin1StringView(endCodes[i]))
            return static_cast<EndState>(i);
    }
    return std::nullopt;
}

Severity defaultSeverity(AlarmType type)
{
    switch (type) {
    case AlarmType::Low:
    case AlarmType::High:
    case AlarmType::SensorFault:
    case AlarmType::EquipmentFault:
        return Severity::Warning;
    case AlarmType::LowLow:
    case AlarmType::HighHigh:
    case AlarmType::Rate:
    case AlarmType::CommFailure:
    case AlarmType::PowerFail:
    case AlarmType::Rule:
    case AlarmType::Database:
    case AlarmType::Service:
        break;
    }
    return Severity::Critical;
}

QString AlarmText::typeName(AlarmType type)
{
    switch (type) {
    case AlarmType::LowLow:
        return tr("low-low alarm");
    case AlarmType::Low:
        return tr("low alarm");
    case AlarmType::High:
        return tr("high alarm");
    case AlarmType::HighHigh:
        return tr("high-high alarm");
    case AlarmType::Rate:
        return tr("rate-of-change alarm");
    case AlarmType::CommFailure:
        return tr("RTU communication failure");
    case AlarmType::PowerFail:
        return tr("power outage");
    case AlarmType::SensorFault:
        return tr("sensor fault");
    case AlarmType::EquipmentFault:
        return tr("equipment fault");
    case AlarmType::Rule:
        return tr("rule alarm");
    case AlarmType::Database:
        return tr("database connection failure");
    case AlarmType::Service:
        return tr("background service stopped");
    }
    return {};
}

QString AlarmText::typeName(QStringView code, const QString& ruleName)
{
    const auto type = parseAlarmType(code);
    if (!type)
        return code.toString();
    return *type == AlarmType::Rule ? ruleName : typeName(*type);
}

QString AlarmText::endStateName(QStringView code)
{
    const auto state = parseEndState(code);
    return state ? endStateName(*state) : code.toString();
}

QString AlarmText::endStateName(EndState state)
{
    switch (state) {
    case EndState::Active:
        return tr("not ended");
    case EndState::ReturnedToNormal:
        return tr("returned to normal");
    case EndState::BecameNewAlarm:
        return tr("became new alarm");
    }
    return {};
}

QString AlarmText::severityName(Severity severity)
{
    return severity == Severity::Critical ? tr("critical") : tr("warning");
}

IsaState AlarmRecord::state() const
{
    if (isActive())
        return isAcknowledged() ? IsaState::Acknowledged : IsaState::Unacknowledged;
    return isAcknowledged() ? IsaState::Normal : IsaState::ReturnedUnacknowledged;
}

bool AlarmRecord::isAnnunciated() const
{
    return !shelved && !suppressed && state() != IsaState::Normal;
}

bool AlarmRecord::requiresSound() const
{
    return severity == Severity::Critical && !isAcknowledged() && !shelved && !suppressed;
}

} // namespace PumpWatch::Alarms
