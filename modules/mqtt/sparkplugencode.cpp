// Encoding a Sparkplug B payload (sparkplug.h): what the simulator's edge nodes publish and the
// host's NCMD/DCMD. Field order is the schema's, as protobuf serialisers write it.
#include "sparkplug.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace PumpWatch::Mqtt::Sparkplug {

namespace {

enum WireType : quint32 { Varint = 0, Fixed64 = 1, Len = 2, Fixed32 = 5 };

void putVarint(QByteArray& out, quint64 v)
{
    char buf[10];
    int n = 0;
    do {
        buf[n++] = char((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
        v >>= 7;
    } while (v);
    out.append(buf, n);
}

void putTag(QByteArray& out, quint32 field, WireType wire)
{
    putVarint(out, quint64(field) << 3 | wire);
}

void putVarintField(QByteArray& out, quint32 field, quint64 v)
{
    putTag(out, field, Varint);
    putVarint(out, v);
}

void putFixed(QByteArray& out, quint32 field, quint64 v, int n)
{
    putTag(out, field, n == 4 ? Fixed32 : Fixed64);
    char buf[8];
    for (int i = 0; i < n; ++i)
        buf[i] = char(v >> (8 * i));
    out.append(buf, n);
}

void putBytes(QByteArray& out, quint32 field, QByteArrayView bytes)
{
    putTag(out, field, Len);
    putVarint(out, quint64(bytes.size()));
    out.append(bytes);
}

// A number as the integer its datatype carries: rounded, clamped to the type's range (NaN → 0),
// signed types in two's complement (≤32-bit ones in 32 bits, as int_value holds them).
quint64 toInteger(DataType type, double v)
{
    if (std::isnan(v))
        v = 0;
    v = std::round(v);
    const auto clamp = [v](double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; };
    switch (type) {
    case DataType::Int8:
        return quint32(qint32(clamp(-128, 127)));
    case DataType::Int16:
        return quint32(qint32(clamp(-32768, 32767)));
    case DataType::Int32:
        return quint32(qint32(clamp(-2147483648.0, 2147483647.0)));
    case DataType::UInt8:
        return quint64(clamp(0, 255));
    case DataType::UInt16:
        return quint64(clamp(0, 65535));
    case DataType::UInt32:
        return quint64(clamp(0, 4294967295.0));
    case DataType::Int64:
        // 2^63 is the first double past qint64's range; -2^63 is in it.
        if (v >= 9223372036854775808.0)
            return quint64(std::numeric_limits<qint64>::max());
        return quint64(qint64(clamp(-9223372036854775808.0, 0x1p63)));
    default: // UInt64, DateTime
        if (v >= 18446744073709551616.0)
            return std::numeric_limits<quint64>::max();
        return quint64(clamp(0, 0x1p64));
    }
}

void putFloat(QByteArray& out, double v)
{
    const float f = float(v);
    quint32 bits;
    std::memcpy(&bits, &f, 4);
    putFixed(out, 12, bits, 4);
}

void putDouble(QByteArray& out, double v)
{
    quint64 bits;
    std::memcpy(&bits, &v, 8);
    putFixed(out, 13, bits, 8);
}

void putValue(QByteArray& out, const Metric& m)
{
    switch (m.type) {
    case DataType::Int8:
    case DataType::Int16:
    case DataType::Int32:
    case DataType::UInt8:
    case DataType::UInt16:
    case DataType::UInt32:
        return putVarintField(out, 10, toInteger(m.type, m.value));
    case DataType::Int64:
    case DataType::UInt64:
    case DataType::DateTime:
        return putVarintField(out, 11, toInteger(m.type, m.value));
    case DataType::Float:
        return putFloat(out, m.value);
    case DataType::Double:
        return putDouble(out, m.value);
    case DataType::Boolean:
        return putVarintField(out, 14, m.value != 0);
    case DataType::String:
    case DataType::Text:
    case DataType::UUID:
        return putBytes(out, 15, m.text.toUtf8());
    default: // no type, or one we don't encode: what the decoder read
        switch (m.field) {
        case ValueField::Int:
            return putVarintField(out, 10, quint32(m.raw));
        case ValueField::Long:
            return putVarintField(out, 11, m.raw);
        case ValueField::Float:
            return putFloat(out, m.value);
        case ValueField::Double:
            return putDouble(out, m.value);
        case ValueField::Boolean:
            return putVarintField(out, 14, m.raw != 0);
        case ValueField::String:
            return putBytes(out, 15, m.text.toUtf8());
        default:
            return;
        }
    }
}

void putMetric(QByteArray& out, const Metric& m, Datatypes datatypes)
{
    if (!m.name.isEmpty())
        putBytes(out, 1, m.name.toUtf8());
    if (m.alias)
        putVarintField(out, 2, *m.alias);
    if (m.timestampMs)
        putVarintField(out, 3, *m.timestampMs);
    if (datatypes == Datatypes::Write && m.type != DataType::Unknown)
        putVarintField(out, 4, quint32(m.type));
    if (m.historical)
        putVarintField(out, 5, 1);
    if (m.transient)
        putVarintField(out, 6, 1);
    if (m.isNull)
        putVarintField(out, 7, 1);
    if (m.quality) {
        QByteArray value; // PropertyValue {type = Int32, int_value}
        putVarintField(value, 1, quint32(DataType::Int32));
        putVarintField(value, 3, quint32(*m.quality)); // two's complement, like Int32 metrics
        QByteArray set; // PropertySet {keys = ["Quality"], values = [value]}
        putBytes(set, 1, "Quality");
        putBytes(set, 2, value);
        putBytes(out, 9, set);
    }
    if (!m.isNull)
        putValue(out, m);
}

} // namespace

QByteArray encode(const Payload& payload, Datatypes datatypes)
{
    QByteArray out;
    out.reserve(16 + qsizetype(payload.metrics.size()) * 32);
    if (payload.timestampMs)
        putVarintField(out, 1, *payload.timestampMs);
    QByteArray metric;
    for (const Metric& m : payload.metrics) {
        metric.clear();
        putMetric(metric, m, datatypes);
        putBytes(out, 2, metric);
    }
    if (payload.seq)
        putVarintField(out, 3, *payload.seq);
    if (!payload.uuid.isEmpty())
        putBytes(out, 4, payload.uuid.toUtf8());
    if (!payload.body.isEmpty())
        putBytes(out, 5, payload.body);
    return out;
}

} // namespace PumpWatch::Mqtt::Sparkplug
