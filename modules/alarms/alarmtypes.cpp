#include "alarmtypes.h"

#include <core/valueformat.h>

#include <QLocale>

#include <algorithm>

namespace PumpWatch::Alarms {
namespace {

constexpr const char* typeCodes[] = {
    "low_low",      "low",        "high",           "high_high",       "rate",
    "comm_failure", "power_fail", "sensor_fault",   "equipment_fault", "rule",
    "database",     "service",    "command_failed", "broker"};
constexpr const char* endCodes[] = {"active", "normal", "new_alarm"};

constexpr QLatin1StringView causeCodes[] = {AlarmCause::SensorRange, AlarmCause::SensorFrozen,
                                            AlarmCause::Rate,        AlarmCause::PowerOutage,
                                            AlarmCause::Rule,        AlarmCause::CommandFailed};

bool isName(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_';
    });
}

QString escaped(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c == u'%')
            out += QLatin1StringView("%25");
        else if (c == u';')
            out += QLatin1StringView("%3B");
        else if (c == u'=')
            out += QLatin1StringView("%3D");
        else
            out += c;
    }
    return out;
}

QString unescaped(QStringView value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QStringView rest = value.mid(i);
        if (rest.startsWith(u"%25")) {
            out += u'%';
            i += 2;
        } else if (rest.startsWith(u"%3B", Qt::CaseInsensitive)) {
            out += u';';
            i += 2;
        } else if (rest.startsWith(u"%3D", Qt::CaseInsensitive)) {
            out += u'=';
            i += 2;
        } else {
            out += value[i];
        }
    }
    return out;
}

QString storedNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

/// A number for people: fixed decimals, never an exponent. `exact`: a configured value keeps
/// the decimals it was written with (a range of 0 … 0.0005 MPa is not shown as 0 … 0.001).
QString shownNumber(double value, int decimals, bool exact)
{
    if (exact) {
        const QString shortest = QString::number(value, 'f', 6);
        qsizetype last = shortest.size() - 1;
        while (last > 0 && shortest[last] == u'0')
            --last;
        const qsizetype dot = shortest.indexOf(u'.');
        decimals = std::max(decimals, dot < 0 ? 0 : static_cast<int>(last - dot));
    }
    return QLocale().toString(value, 'f', decimals);
}

} // namespace

QString AlarmCause::parameter(QStringView name) const
{
    for (const auto& [key, value] : parameters) {
        if (key == name)
            return value;
    }
    return {};
}

std::optional<double> AlarmCause::number(QStringView name) const
{
    bool ok = false;
    const double v = parameter(name).toDouble(&ok);
    return ok && std::isfinite(v) ? std::optional(v) : std::nullopt;
}

QString AlarmCause::toString() const
{
    QString text = code;
    for (const auto& [key, value] : parameters)
        text += u';' + key + u'=' + escaped(value);
    return text;
}

std::optional<AlarmCause> AlarmCause::parse(QStringView stored)
{
    const QList<QStringView> parts = stored.split(u';');
    if (std::none_of(std::begin(causeCodes), std::end(causeCodes),
                     [&](QLatin1StringView code) { return parts[0] == code; }))
        return std::nullopt;
    AlarmCause cause;
    cause.code = parts[0].toString();
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const qsizetype eq = parts[i].indexOf(u'=');
        if (eq < 0 || !isName(parts[i].left(eq)))
            return std::nullopt;
        cause.parameters.emplace_back(parts[i].left(eq).toString(),
                                      unescaped(parts[i].mid(eq + 1)));
    }
    return cause;
}

QString AlarmCause::sensorRange(std::optional<double> min, std::optional<double> max,
                                const QString& unit)
{
    AlarmCause c{QString(SensorRange), {}};
    if (min)
        c.parameters.emplace_back(QStringLiteral("min"), storedNumber(*min));
    if (max)
        c.parameters.emplace_back(QStringLiteral("max"), storedNumber(*max));
    if (!unit.isEmpty())
        c.parameters.emplace_back(QStringLiteral("unit"), unit);
    return c.toString();
}

QString AlarmCause::frozen(double seconds)
{
    return AlarmCause{QString(SensorFrozen), {{QStringLiteral("seconds"), storedNumber(seconds)}}}
        .toString();
}

QString AlarmCause::rate(double change, const QString& unit)
{
    // A measured change: six significant digits say all it has to say.
    AlarmCause c{QString(Rate), {{QStringLiteral("change"), QString::number(change, 'g', 6)}}};
    if (!unit.isEmpty())
        c.parameters.emplace_back(QStringLiteral("unit"), unit);
    return c.toString();
}

QString AlarmCause::powerOutage()
{
    return QString(PowerOutage);
}

QString AlarmCause::rule(const QString& id, const QString& name)
{
    return AlarmCause{QString(Rule), {{QStringLiteral("id"), id}, {QStringLiteral("name"), name}}}
        .toString();
}

QString AlarmCause::commandFailed(const QString& object, const QString& cause, double seconds,
                                  const QString& error)
{
    AlarmCause c{QString(CommandFailed),
                 {{QStringLiteral("object"), object},
                  {QStringLiteral("cause"), cause},
                  {QStringLiteral("seconds"), QString::number(seconds, 'g', 6)}}};
    if (!error.isEmpty())
        c.parameters.emplace_back(QStringLiteral("error"), error);
    return c.toString();
}

QString AlarmText::cause(const QString& stored)
{
    const std::optional<AlarmCause> c = AlarmCause::parse(stored);
    if (!c)
        return stored;
    const QString unit = c->parameter(u"unit");
    const int decimals = ValueFormat::decimalsForUnit(unit);
    if (c->code == AlarmCause::SensorRange) {
        const auto bound = [&](QStringView name, QString open) {
            const std::optional<double> v = c->number(name);
            return v ? shownNumber(*v, decimals, true) : open;
        };
        return tr("Outside the sensor's range %1 … %2 %3")
            .arg(bound(u"min", QStringLiteral("-∞")), bound(u"max", QStringLiteral("∞")), unit)
            .trimmed();
    }
    if (c->code == AlarmCause::SensorFrozen)
        return tr("Value frozen for %1 s")
            .arg(shownNumber(c->number(u"seconds").value_or(0.0), 0, true));
    if (c->code == AlarmCause::Rate)
        return tr("Changed %1 %2 within a minute")
            .arg(shownNumber(c->number(u"change").value_or(0.0), decimals, false), unit)
            .simplified();
    if (c->code == AlarmCause::PowerOutage)
        return tr("Station power outage");
    if (c->code == AlarmCause::Rule) {
        const QString name = c->parameter(u"name");
        return name.isEmpty() ? c->parameter(u"id") : name;
    }
    if (c->code == AlarmCause::CommandFailed) {
        const QString object = c->parameter(u"object");
        if (c->parameter(u"cause") == u"no_feedback")
            return tr("%1: no feedback within %2 s")
                .arg(object, shownNumber(c->number(u"seconds").value_or(0.0), 0, true));
        const QString error = c->parameter(u"error");
        return error.isEmpty() ? tr("%1: the write failed").arg(object)
                               : tr("%1: the write failed (%2)").arg(object, error);
    }
    return stored;
}

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
    case AlarmType::CommandFailed:
    case AlarmType::Broker:
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
    case AlarmType::CommandFailed:
        return tr("control command failed");
    case AlarmType::Broker:
        return tr("IoT broker connection lost");
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
