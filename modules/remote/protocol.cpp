#include "protocol.h"

#include <QCborArray>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QCryptographicHash>

#include <cmath>

namespace PumpWatch::Remote {

namespace {

class Codec {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Remote::Codec)

public:
    static QString notCbor(const QCborParserError& e)
    {
        return tr("not a CBOR message: %1").arg(e.errorString());
    }
    static QString missing(const char* field)
    {
        return tr("the field '%1' is missing or has the wrong type").arg(QLatin1String(field));
    }
};

QByteArray utf8(const QString& s)
{
    return s.toUtf8();
}

/// The payload as a CBOR map, or an empty map and `error`.
std::optional<QCborMap> parseMap(const QByteArray& payload, QString* error)
{
    QCborParserError e;
    const QCborValue v = QCborValue::fromCbor(payload, &e);
    if (e.error != QCborError::NoError) {
        *error = Codec::notCbor(e);
        return std::nullopt;
    }
    if (!v.isMap()) {
        *error = Codec::missing("{}");
        return std::nullopt;
    }
    return v.toMap();
}

bool readInt(const QCborMap& m, const char* key, qint64* out, QString* error)
{
    const QCborValue v = m.value(QLatin1String(key));
    if (!v.isInteger()) {
        *error = Codec::missing(key);
        return false;
    }
    *out = v.toInteger();
    return true;
}

QCborArray recordToCbor(const Alarms::AlarmRecord& r)
{
    return {qint64(r.key), int(r.type), int(r.severity), r.station, r.device,        qint64(r.tag),
            r.rule,        r.value,     r.startMs,       r.endMs,   int(r.endState), r.ackMs,
            r.ackUser,     r.ackLogin,  r.note,          r.detail,  r.shelved,       r.suppressed};
}

constexpr qsizetype RecordFields = 18;

std::optional<Alarms::AlarmRecord> recordFromCbor(const QCborValue& v)
{
    const QCborArray a = v.toArray();
    if (!v.isArray() || a.size() != RecordFields)
        return std::nullopt;
    for (int i : {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11})
        if (!a.at(i).isInteger())
            return std::nullopt;
    Alarms::AlarmRecord r;
    r.key = quint64(a.at(0).toInteger());
    const qint64 type = a.at(1).toInteger();
    if (type < 0 || type > qint64(Alarms::AlarmType::Broker))
        return std::nullopt;
    r.type = Alarms::AlarmType(type);
    r.severity = a.at(2).toInteger() == int(Alarms::Severity::Critical) ? Alarms::Severity::Critical
                                                                        : Alarms::Severity::Warning;
    r.station = int(a.at(3).toInteger());
    r.device = int(a.at(4).toInteger());
    r.tag = TagId(a.at(5).toInteger());
    r.rule = int(a.at(6).toInteger());
    r.value = a.at(7).toDouble(std::nan(""));
    r.startMs = a.at(8).toInteger();
    r.endMs = a.at(9).toInteger();
    const qint64 end = a.at(10).toInteger();
    if (end < 0 || end > qint64(Alarms::EndState::BecameNewAlarm))
        return std::nullopt;
    r.endState = Alarms::EndState(end);
    r.ackMs = a.at(11).toInteger();
    r.ackUser = a.at(12).toString();
    r.ackLogin = a.at(13).toString();
    r.note = a.at(14).toString();
    r.detail = a.at(15).toString();
    r.shelved = a.at(16).toBool();
    r.suppressed = a.at(17).toBool();
    return r;
}

QByteArray join(std::initializer_list<QByteArrayView> parts)
{
    QByteArray out = "pw";
    for (QByteArrayView p : parts) {
        out += '/';
        out += p;
    }
    return out;
}

} // namespace

namespace Topic {

QByteArray server(const QString& shard)
{
    return join({"srv", utf8(shard)});
}
QByteArray serverMember(const QString& shard, const QString& serverId)
{
    return join({"srv", utf8(shard), utf8(serverId)});
}
QByteArray values(const QString& shard, const QString& station)
{
    return join({"v", utf8(shard), utf8(station)});
}
QByteArray snapshot(const QString& shard, const QString& station)
{
    return join({"s", utf8(shard), utf8(station)});
}
QByteArray alarms(const QString& shard, const QString& station)
{
    return join({"a", utf8(shard), station.isEmpty() ? QByteArray(SystemStation) : utf8(station)});
}
QByteArray controls(const QString& shard, const QString& station)
{
    return join({"c", utf8(shard), utf8(station)});
}
QByteArray request(const QString& client, const QString& shard)
{
    return join({"req", utf8(client), utf8(shard)});
}
QByteArray response(const QString& client)
{
    return join({"resp", utf8(client)});
}
QByteArray city(const QString& station)
{
    return join({"city", station.isEmpty() ? QByteArray("alarms") : utf8(station)});
}

Parsed parse(const QByteArray& topic)
{
    const QList<QByteArray> p = topic.split('/');
    Parsed out;
    if (p.size() < 2 || p[0] != "pw")
        return out;
    const auto text = [&](int i) { return QString::fromUtf8(p[i]); };
    if (p[1] == "srv" && p.size() == 3) {
        out = {Parsed::Server, text(2), {}};
    } else if (p[1] == "srv" && p.size() == 4) {
        out = {Parsed::ServerMember, text(2), text(3)};
    } else if (p.size() == 4 && (p[1] == "v" || p[1] == "s" || p[1] == "a" || p[1] == "c")) {
        const Parsed::Kind k = p[1] == "v"   ? Parsed::Values
                               : p[1] == "s" ? Parsed::Snapshot
                               : p[1] == "a" ? Parsed::Alarms
                                             : Parsed::Controls;
        out = {k, text(2), p[3] == SystemStation ? QString() : text(3)};
    } else if (p[1] == "req" && p.size() == 4) {
        out = {Parsed::Request, text(3), text(2)};
    } else if (p[1] == "resp" && p.size() == 3) {
        out = {Parsed::Response, {}, text(2)};
    }
    return out;
}

} // namespace Topic

QByteArray encode(const ValuesMessage& m, bool snapshot)
{
    // The hot path (2000 stations a second): written by a stream writer, no QCborValue tree.
    QByteArray out;
    out.reserve(int(48 + m.values.size() * 24));
    QCborStreamWriter w(&out);
    w.startMap(7);
    w.append(QLatin1String("e"));
    w.append(quint64(m.epoch));
    w.append(QLatin1String("q"));
    w.append(quint64(m.seq));
    w.append(QLatin1String("t"));
    w.append(m.ms);
    w.append(QLatin1String("s"));
    w.append(snapshot);
    w.append(QLatin1String("n"));
    w.append(quint64(m.tagCount));
    w.append(QLatin1String("st"));
    w.startArray(3);
    w.append(quint64(m.status.state));
    w.append(m.status.sinceMs);
    w.append(m.status.error);
    w.endArray();
    w.append(QLatin1String("v"));
    w.startArray(quint64(m.values.size() * 4));
    for (const auto& [offset, v] : m.values) {
        w.append(quint64(offset));
        w.append(v.timestampMs);
        w.append(v.value);
        w.append(quint64(v.quality));
    }
    w.endArray();
    w.endMap();
    return out;
}

std::optional<ValuesMessage> decodeValues(const QByteArray& payload, QString* error)
{
    const std::optional<QCborMap> map = parseMap(payload, error);
    if (!map)
        return std::nullopt;
    ValuesMessage m;
    qint64 epoch = 0, seq = 0, count = 0;
    if (!readInt(*map, "e", &epoch, error) || !readInt(*map, "q", &seq, error) ||
        !readInt(*map, "t", &m.ms, error) || !readInt(*map, "n", &count, error))
        return std::nullopt;
    m.epoch = quint64(epoch);
    m.seq = quint64(seq);
    m.tagCount = quint32(count);
    const QCborArray st = map->value(QLatin1String("st")).toArray();
    const QCborArray v = map->value(QLatin1String("v")).toArray();
    if (st.size() != 3 || !st.at(0).isInteger() || v.size() % 4 != 0) {
        *error = Codec::missing(st.size() != 3 ? "st" : "v");
        return std::nullopt;
    }
    m.status = {quint8(st.at(0).toInteger()), st.at(1).toInteger(), st.at(2).toString()};
    m.values.reserve(std::size_t(v.size() / 4));
    for (qsizetype i = 0; i < v.size(); i += 4) {
        if (!v.at(i).isInteger() || !v.at(i + 1).isInteger() || !v.at(i + 3).isInteger()) {
            *error = Codec::missing("v");
            return std::nullopt;
        }
        m.values.push_back({quint32(v.at(i).toInteger()),
                            {v.at(i + 1).toInteger(), v.at(i + 2).toDouble(std::nan("")),
                             Quality(v.at(i + 3).toInteger())}});
    }
    return m;
}

QByteArray encode(const AlarmsMessage& m)
{
    QCborArray records;
    for (const Alarms::AlarmRecord& r : m.records)
        records.append(recordToCbor(r));
    QCborArray changes;
    for (const Alarms::AlarmChange& c : m.changes)
        changes.append(QCborArray{int(c.kind), recordToCbor(c.record)});
    return QCborMap{{QStringLiteral("e"), qint64(m.epoch)},
                    {QStringLiteral("q"), qint64(m.seq)},
                    {QStringLiteral("t"), m.ms},
                    {QStringLiteral("r"), records},
                    {QStringLiteral("c"), changes}}
        .toCborValue()
        .toCbor();
}

std::optional<AlarmsMessage> decodeAlarms(const QByteArray& payload, QString* error)
{
    const std::optional<QCborMap> map = parseMap(payload, error);
    if (!map)
        return std::nullopt;
    AlarmsMessage m;
    qint64 epoch = 0, seq = 0;
    if (!readInt(*map, "e", &epoch, error) || !readInt(*map, "q", &seq, error) ||
        !readInt(*map, "t", &m.ms, error))
        return std::nullopt;
    m.epoch = quint64(epoch);
    m.seq = quint64(seq);
    for (const QCborValue& v : map->value(QLatin1String("r")).toArray()) {
        std::optional<Alarms::AlarmRecord> r = recordFromCbor(v);
        if (!r) {
            *error = Codec::missing("r");
            return std::nullopt;
        }
        m.records.push_back(std::move(*r));
    }
    for (const QCborValue& v : map->value(QLatin1String("c")).toArray()) {
        const QCborArray a = v.toArray();
        std::optional<Alarms::AlarmRecord> r =
            a.size() == 2 ? recordFromCbor(a.at(1)) : std::nullopt;
        const qint64 kind = a.at(0).toInteger(-1);
        if (!r || kind < 0 || kind > Alarms::AlarmChange::Acknowledged) {
            *error = Codec::missing("c");
            return std::nullopt;
        }
        m.changes.push_back({Alarms::AlarmChange::Kind(kind), std::move(*r)});
    }
    return m;
}

QByteArray encode(const ControlsMessage& m)
{
    QCborArray states;
    for (const auto& [a, st] : m.states)
        states.append(QCborArray{a.device, a.object, int(st.step), st.holder.login, st.holder.name,
                                 int(st.holder.role), st.holder.workstation, st.value, st.untilMs,
                                 int(st.last.cause), st.last.message, st.lastMs});
    return QCborMap{{QStringLiteral("e"), qint64(m.epoch)},
                    {QStringLiteral("t"), m.ms},
                    {QStringLiteral("c"), states}}
        .toCborValue()
        .toCbor();
}

std::optional<ControlsMessage> decodeControls(const QByteArray& payload, QString* error)
{
    const std::optional<QCborMap> map = parseMap(payload, error);
    if (!map)
        return std::nullopt;
    ControlsMessage m;
    qint64 epoch = 0;
    if (!readInt(*map, "e", &epoch, error) || !readInt(*map, "t", &m.ms, error))
        return std::nullopt;
    m.epoch = quint64(epoch);
    for (const QCborValue& v : map->value(QLatin1String("c")).toArray()) {
        const QCborArray a = v.toArray();
        if (a.size() != 12 || !a.at(0).isInteger() || a.at(2).toInteger(-1) < 0 ||
            a.at(2).toInteger() > int(Control::Step::Failed) || a.at(9).toInteger(-1) < 0 ||
            a.at(9).toInteger() > int(Control::Cause::Cancelled) || a.at(5).toInteger(-1) < 0 ||
            a.at(5).toInteger() > int(Role::Administrator)) {
            *error = Codec::missing("c");
            return std::nullopt;
        }
        Control::ControlAddress address{-1, int(a.at(0).toInteger()), a.at(1).toString()};
        Control::ControlState st;
        st.step = Control::Step(a.at(2).toInteger());
        st.holder = {a.at(3).toString(), a.at(4).toString(), Role(a.at(5).toInteger()),
                     a.at(6).toString()};
        st.value = a.at(7).toDouble(std::nan(""));
        st.untilMs = a.at(8).toInteger();
        st.last = {Control::Cause(a.at(9).toInteger()), a.at(10).toString()};
        st.lastMs = a.at(11).toInteger();
        m.states.emplace_back(std::move(address), std::move(st));
    }
    return m;
}

QByteArray encode(const ServerState& s)
{
    return QCborMap{{QStringLiteral("id"), s.serverId},
                    {QStringLiteral("e"), qint64(s.epoch)},
                    {QStringLiteral("on"), s.online},
                    {QStringLiteral("act"), s.active},
                    {QStringLiteral("db"), s.database},
                    {QStringLiteral("t"), s.ms},
                    {QStringLiteral("st"), QCborArray::fromStringList(s.stations)}}
        .toCborValue()
        .toCbor();
}

std::optional<ServerState> decodeServerState(const QByteArray& payload, QString* error)
{
    const std::optional<QCborMap> map = parseMap(payload, error);
    if (!map)
        return std::nullopt;
    ServerState s;
    qint64 epoch = 0;
    if (!readInt(*map, "e", &epoch, error) || !readInt(*map, "t", &s.ms, error))
        return std::nullopt;
    s.epoch = quint64(epoch);
    s.serverId = map->value(QLatin1String("id")).toString();
    s.online = map->value(QLatin1String("on")).toBool();
    s.active = map->value(QLatin1String("act")).toBool();
    s.database = map->value(QLatin1String("db")).toBool();
    for (const QCborValue& v : map->value(QLatin1String("st")).toArray())
        s.stations.append(v.toString());
    return s;
}

QByteArray encode(const Request& r)
{
    return QCborMap{{QStringLiteral("id"), r.id},          {QStringLiteral("k"), r.kind},
                    {QStringLiteral("login"), r.login},    {QStringLiteral("name"), r.name},
                    {QStringLiteral("role"), int(r.role)}, {QStringLiteral("t"), r.sentMs},
                    {QStringLiteral("x"), r.expiresMs},    {QStringLiteral("a"), r.args}}
        .toCborValue()
        .toCbor();
}

std::optional<Request> decodeRequest(const QByteArray& payload, QString* error)
{
    const std::optional<QCborMap> map = parseMap(payload, error);
    if (!map)
        return std::nullopt;
    Request r;
    qint64 role = 0;
    if (!readInt(*map, "t", &r.sentMs, error) || !readInt(*map, "x", &r.expiresMs, error) ||
        !readInt(*map, "role", &role, error))
        return std::nullopt;
    r.id = map->value(QLatin1String("id")).toString();
    r.kind = map->value(QLatin1String("k")).toString();
    if (r.id.isEmpty() || r.kind.isEmpty()) {
        *error = Codec::missing(r.id.isEmpty() ? "id" : "k");
        return std::nullopt;
    }
    r.role = quint8(role);
    r.login = map->value(QLatin1String("login")).toString();
    r.name = map->value(QLatin1String("name")).toString();
    r.args = map->value(QLatin1String("a")).toMap();
    return r;
}

QByteArray encode(const Response& r)
{
    return QCborMap{{QStringLiteral("id"), r.id},        {QStringLiteral("ok"), r.ok},
                    {QStringLiteral("c"), r.code},       {QStringLiteral("m"), r.message},
                    {QStringLiteral("srv"), r.serverId}, {QStringLiteral("e"), qint64(r.epoch)},
                    {QStringLiteral("t"), r.ms}}
        .toCborValue()
        .toCbor();
}

std::optional<Response> decodeResponse(const QByteArray& payload, QString* error)
{
    const std::optional<QCborMap> map = parseMap(payload, error);
    if (!map)
        return std::nullopt;
    Response r;
    qint64 epoch = 0;
    if (!readInt(*map, "e", &epoch, error) || !readInt(*map, "t", &r.ms, error))
        return std::nullopt;
    r.epoch = quint64(epoch);
    r.id = map->value(QLatin1String("id")).toString();
    r.ok = map->value(QLatin1String("ok")).toBool();
    r.code = map->value(QLatin1String("c")).toString();
    r.message = map->value(QLatin1String("m")).toString();
    r.serverId = map->value(QLatin1String("srv")).toString();
    return r;
}

QString valuesDigest(std::span<const TagValue> values)
{
    QCryptographicHash h(QCryptographicHash::Sha1);
    for (const TagValue& v : values)
        h.addData(QByteArray::number(v.timestampMs) + ' ' + QByteArray::number(v.value, 'g', 17) +
                  ' ' + QByteArray::number(int(v.quality)) + ';');
    return QString::fromLatin1(h.result().toHex().left(16));
}

QString alarmId(const Alarms::AlarmRecord& r)
{
    return QStringLiteral("%1/%2/%3/%4/%5/%6")
        .arg(QLatin1String(Alarms::alarmTypeCode(r.type)))
        .arg(r.station)
        .arg(r.device)
        // A rule's record is the rule's, whatever tag it was raised on (the journal keeps none).
        .arg(qint64(r.tag == InvalidTagId || r.rule >= 0 ? -1 : qint64(r.tag)))
        .arg(r.rule)
        .arg(r.startMs);
}

} // namespace PumpWatch::Remote
