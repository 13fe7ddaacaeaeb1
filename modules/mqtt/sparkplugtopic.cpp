// Sparkplug topics and the host STATE message (sparkplug.h), and the names of types for logs.
#include "sparkplug.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <cmath>

namespace PumpWatch::Mqtt::Sparkplug {

namespace {

constexpr std::array<const char*, 10> TypeNames = {"",      "NBIRTH", "NDEATH", "DBIRTH", "DDEATH",
                                                   "NDATA", "DDATA",  "NCMD",   "DCMD",   "STATE"};

bool isDeviceType(MessageType t)
{
    return t == MessageType::DBirth || t == MessageType::DDeath || t == MessageType::DData ||
           t == MessageType::DCmd;
}

bool fail(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return false;
}

// A group, node, device or host id: non-empty, no MQTT wildcard.
bool validId(QByteArrayView id, const char* what, QString* error)
{
    if (id.isEmpty())
        return fail(error, QStringLiteral("empty %1 id").arg(QLatin1String(what)));
    if (id.contains('+') || id.contains('#'))
        return fail(error, QStringLiteral("%1 id with + or #").arg(QLatin1String(what)));
    return true;
}

} // namespace

DataType dataTypeOf(PumpWatch::DataType type)
{
    using T = PumpWatch::DataType;
    switch (type) {
    case T::Bool:
        return DataType::Boolean;
    case T::Int8:
        return DataType::Int8;
    case T::UInt8:
        return DataType::UInt8;
    case T::Int16:
        return DataType::Int16;
    case T::UInt16:
        return DataType::UInt16;
    case T::Int32:
        return DataType::Int32;
    case T::UInt32:
        return DataType::UInt32;
    case T::Float32:
        return DataType::Float;
    case T::Float64:
    case T::Invalid:
        break;
    }
    return DataType::Double;
}

QString dataTypeName(DataType type)
{
    static constexpr std::array<const char*, 22> names = {
        "Unknown", "Int8",     "Int16",       "Int32",          "Int64",   "UInt8",
        "UInt16",  "UInt32",   "UInt64",      "Float",          "Double",  "Boolean",
        "String",  "DateTime", "Text",        "UUID",           "DataSet", "Bytes",
        "File",    "Template", "PropertySet", "PropertySetList"};
    const auto n = quint32(type);
    if (n < names.size())
        return QString::fromLatin1(names[n]);
    if (type >= DataType::Int8Array && type <= DataType::DateTimeArray)
        return QStringLiteral("Array%1").arg(n);
    return QString::number(n);
}

QByteArrayView messageTypeName(MessageType type)
{
    const auto n = size_t(type);
    return n < TypeNames.size() ? QByteArrayView(TypeNames[n]) : QByteArrayView();
}

std::optional<Topic> parseTopic(QByteArrayView topic, QString* error)
{
    std::array<QByteArrayView, 6> parts;
    qsizetype count = 0;
    for (qsizetype from = 0;;) {
        const qsizetype slash = topic.indexOf('/', from);
        const QByteArrayView part = topic.sliced(from, (slash < 0 ? topic.size() : slash) - from);
        if (count == qsizetype(parts.size())) {
            fail(error, QStringLiteral("too many topic levels"));
            return std::nullopt;
        }
        parts[size_t(count++)] = part;
        if (slash < 0)
            break;
        from = slash + 1;
    }
    Topic t;
    if (count == 2 && parts[0] == "STATE") { // Sparkplug 2.2: STATE/<host>
        if (!validId(parts[1], "host", error))
            return std::nullopt;
        t.type = MessageType::State;
        t.hostId = QString::fromUtf8(parts[1]);
        t.legacyState = true;
        return t;
    }
    if (parts[0] != "spBv1.0") {
        fail(error, QStringLiteral("not in the spBv1.0 namespace"));
        return std::nullopt;
    }
    if (count >= 2 && parts[1] == "STATE") {
        if (count != 3) {
            fail(error, QStringLiteral("STATE topic is not spBv1.0/STATE/<host_id>"));
            return std::nullopt;
        }
        if (!validId(parts[2], "host", error))
            return std::nullopt;
        t.type = MessageType::State;
        t.hostId = QString::fromUtf8(parts[2]);
        return t;
    }
    if (count < 4) {
        fail(error, QStringLiteral("too few topic levels"));
        return std::nullopt;
    }
    for (size_t i = 1; i < TypeNames.size() - 1; ++i) {
        if (parts[2] == QByteArrayView(TypeNames[i]))
            t.type = MessageType(i);
    }
    if (t.type == MessageType::Invalid) {
        fail(error, QStringLiteral("unknown message type %1").arg(QString::fromUtf8(parts[2])));
        return std::nullopt;
    }
    const bool device = isDeviceType(t.type);
    if (count != (device ? 5 : 4)) {
        fail(error, device ? QStringLiteral("%1 without a device id")
                                 .arg(QString::fromLatin1(TypeNames[size_t(t.type)]))
                           : QStringLiteral("%1 with a device id")
                                 .arg(QString::fromLatin1(TypeNames[size_t(t.type)])));
        return std::nullopt;
    }
    if (!validId(parts[1], "group", error) || !validId(parts[3], "edge node", error) ||
        (device && !validId(parts[4], "device", error)))
        return std::nullopt;
    t.group = QString::fromUtf8(parts[1]);
    t.node = QString::fromUtf8(parts[3]);
    if (device)
        t.device = QString::fromUtf8(parts[4]);
    return t;
}

QByteArray topicName(const Topic& topic)
{
    if (topic.type == MessageType::State)
        return (topic.legacyState ? QByteArray("STATE/") : QByteArray("spBv1.0/STATE/")) +
               topic.hostId.toUtf8();
    QByteArray name = "spBv1.0/" + topic.group.toUtf8() + '/' +
                      messageTypeName(topic.type).toByteArray() + '/' + topic.node.toUtf8();
    if (isDeviceType(topic.type))
        name += '/' + topic.device.toUtf8();
    return name;
}

QByteArray encodeState(const HostState& state)
{
    return QByteArray("{\"online\":") + (state.online ? "true" : "false") +
           ",\"timestamp\":" + QByteArray::number(state.timestampMs) + '}';
}

std::optional<HostState> parseState(QByteArrayView payload)
{
    const QByteArrayView text = payload.trimmed();
    if (text == "ONLINE" || text == "OFFLINE") // Sparkplug 2.2
        return HostState{text == "ONLINE", 0};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray());
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QJsonValue online = o.value(QLatin1String("online"));
    const QJsonValue timestamp = o.value(QLatin1String("timestamp"));
    if (!online.isBool())
        return std::nullopt;
    HostState state{online.toBool(), 0};
    if (!timestamp.isUndefined()) {
        const double ms = timestamp.toDouble(-1);
        // An integer below 2^53 (beyond it a double does not hold every millisecond).
        if (!timestamp.isDouble() || ms < 0 || ms != std::floor(ms) || ms > 9007199254740992.0)
            return std::nullopt;
        state.timestampMs = qint64(ms);
    }
    return state;
}

} // namespace PumpWatch::Mqtt::Sparkplug
