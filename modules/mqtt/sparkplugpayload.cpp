// The Sparkplug B payload on the protobuf wire format (sparkplug.h). Decoding walks the bytes
// once with a cursor that never reads past the end; errors are built only on the error path.
#include "sparkplug.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace PumpWatch::Mqtt::Sparkplug {

namespace {

enum WireType : quint32 {
    Varint = 0,
    Fixed64 = 1,
    Len = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5
};

// A cursor over [begin, end); offsets in errors count from the start of the whole payload.
struct Reader {
    const uchar* start;
    const uchar* p;
    const uchar* end;
    QString* error;
    int metricIndex = -1;           // inside metric N: errors say so (built only on failure)
    const Metric* metric = nullptr; // and its name, once read

    qsizetype offset() const { return p - start; }
    bool atEnd() const { return p >= end; }

    bool fail(const QString& what, qsizetype at)
    {
        if (!error)
            return false;
        *error = QString();
        if (metricIndex >= 0 && metric && !metric->name.isEmpty())
            *error = QStringLiteral("metric %1 \"%2\": ").arg(metricIndex).arg(metric->name);
        else if (metricIndex >= 0)
            *error = QStringLiteral("metric %1: ").arg(metricIndex);
        *error += what + QStringLiteral(" at byte %1").arg(at);
        return false;
    }
    bool fail(const char* what, qsizetype at) { return fail(QString::fromLatin1(what), at); }
    bool varint(quint64* v)
    {
        const qsizetype at = offset();
        quint64 result = 0;
        for (int shift = 0; shift < 70; shift += 7) { // 10 bytes; bits past 64 are dropped
            if (p >= end)
                return fail("truncated varint", at);
            const uchar b = *p++;
            result |= quint64(b & 0x7F) << shift;
            if (!(b & 0x80)) {
                *v = result;
                return true;
            }
        }
        return fail("varint longer than 10 bytes", at);
    }
    bool fixed(int n, quint64* v)
    {
        if (end - p < n)
            return fail(n == 4 ? "truncated fixed32" : "truncated fixed64", offset());
        quint64 r = 0;
        for (int i = n - 1; i >= 0; --i)
            r = r << 8 | p[i];
        p += n;
        *v = r;
        return true;
    }
    // A length-delimited field's bytes, as a sub-reader sharing start/error.
    bool bytes(Reader* sub)
    {
        const qsizetype at = offset();
        quint64 n = 0;
        if (!varint(&n))
            return false;
        if (n > quint64(end - p))
            return fail("length beyond the end of the data", at);
        *sub = Reader{start, p, p + n, error, metricIndex, metric};
        p += n;
        return true;
    }
    bool tag(quint32* field, quint32* wire)
    {
        const qsizetype at = offset();
        quint64 t = 0;
        if (!varint(&t))
            return false;
        if (t >> 3 == 0 || t >> 3 > 0x1FFFFFFF)
            return fail("invalid field number", at);
        *field = quint32(t >> 3);
        *wire = quint32(t & 7);
        return true;
    }
    // Skips a field of any wire type, groups included (iteratively: no recursion to exhaust).
    bool skip(quint32 field, quint32 wire)
    {
        quint64 v = 0;
        int depth = 0;
        for (;;) {
            switch (wire) {
            case Varint:
                if (!varint(&v))
                    return false;
                break;
            case Fixed64:
            case Fixed32:
                if (!fixed(wire == Fixed64 ? 8 : 4, &v))
                    return false;
                break;
            case Len: {
                Reader sub{};
                if (!bytes(&sub))
                    return false;
                break;
            }
            case StartGroup:
                ++depth;
                break;
            case EndGroup:
                if (depth == 0)
                    return fail("unexpected end-group", offset());
                --depth;
                break;
            default:
                return fail("invalid wire type", offset());
            }
            if (depth == 0)
                return true;
            if (!tag(&field, &wire))
                return false;
        }
    }
    bool expect(quint32 wire, quint32 wanted, qsizetype at)
    {
        return wire == wanted || fail("wrong wire type for a known field", at);
    }
    QString string(const Reader& sub) const
    {
        return QString::fromUtf8(reinterpret_cast<const char*>(sub.p), sub.end - sub.p);
    }
};

bool isIntegerType(DataType t)
{
    return (t >= DataType::Int8 && t <= DataType::UInt64) || t == DataType::DateTime;
}

// The value field(s) a datatype may use; Other covers bytes, dataset, template and extension.
bool fits(DataType t, ValueField f)
{
    if (f == ValueField::None)
        return true;
    if (isIntegerType(t))
        return f == ValueField::Int || f == ValueField::Long;
    switch (t) {
    case DataType::Float:
        return f == ValueField::Float;
    case DataType::Double:
        return f == ValueField::Double;
    case DataType::Boolean:
        return f == ValueField::Boolean;
    case DataType::String:
    case DataType::Text:
    case DataType::UUID:
        return f == ValueField::String;
    case DataType::DataSet:
    case DataType::Bytes:
    case DataType::File:
    case DataType::Template:
        return f == ValueField::Other;
    default:
        if (t >= DataType::Int8Array && t <= DataType::DateTimeArray)
            return f == ValueField::Other;
        return true; // Unknown, property types, future numbers: nothing to check against
    }
}

bool isScalar(DataType t)
{
    return isIntegerType(t) || (t >= DataType::Float && t <= DataType::String) ||
           t == DataType::Text || t == DataType::UUID;
}

// value from raw for the integer and boolean fields, per datatype.
void interpret(Metric* m)
{
    if (m->field != ValueField::Int && m->field != ValueField::Long &&
        m->field != ValueField::Boolean)
        return;
    const quint64 r = m->raw;
    switch (m->type) {
    case DataType::Int8:
        m->value = qint8(r);
        break;
    case DataType::Int16:
        m->value = qint16(r);
        break;
    case DataType::Int32:
        m->value = qint32(r);
        break;
    case DataType::Int64:
        m->value = double(qint64(r));
        break;
    case DataType::UInt8:
        m->value = quint8(r);
        break;
    case DataType::UInt16:
        m->value = quint16(r);
        break;
    case DataType::UInt32:
        m->value = quint32(r);
        break;
    default:
        m->value = double(r);
        break;
    }
}

// Quality from a PropertySet: keys=1 (string), values=2 (PropertyValue); parallel lists.
bool decodeProperties(Reader r, Metric* m)
{
    const Reader whole = r;
    int qualityIndex = -1;
    for (int keyIndex = 0; !r.atEnd();) {
        quint32 field = 0, wire = 0;
        const qsizetype at = r.offset();
        if (!r.tag(&field, &wire))
            return false;
        if (field == 1 || field == 2) {
            Reader sub{};
            if (!r.expect(wire, Len, at) || !r.bytes(&sub))
                return false;
            if (field == 1 && qualityIndex < 0 &&
                QByteArrayView(sub.p, sub.end - sub.p) == QByteArrayView("Quality"))
                qualityIndex = keyIndex;
            keyIndex += field == 1;
        } else if (!r.skip(field, wire)) {
            return false;
        }
    }
    m->quality.reset();
    if (qualityIndex < 0)
        return true;
    r = whole;
    for (int valueIndex = 0; !r.atEnd();) {
        quint32 field = 0, wire = 0;
        if (!r.tag(&field, &wire))
            return false;
        Reader sub{};
        if (field != 2) {
            if (!r.skip(field, wire))
                return false;
            continue;
        }
        if (!r.bytes(&sub))
            return false;
        if (valueIndex++ != qualityIndex)
            continue;
        bool isNull = false, isInteger = false;
        quint64 v = 0;
        while (!sub.atEnd()) {
            const qsizetype at = sub.offset();
            if (!sub.tag(&field, &wire))
                return false;
            if (field == 2 || field == 3 || field == 4) {
                quint64 x = 0;
                if (!sub.expect(wire, Varint, at) || !sub.varint(&x))
                    return false;
                if (field == 2)
                    isNull = x != 0;
                else
                    v = x, isInteger = true;
            } else if (field == 1 && wire != Varint) {
                return sub.fail("wrong wire type for a known field", at);
            } else {
                if (field >= 5 && field <= 11)
                    isInteger = false; // a later oneof member replaces the integer
                if (!sub.skip(field, wire))
                    return false;
            }
        }
        if (isNull)
            return true;
        if (!isInteger)
            return sub.fail("property Quality without an integer value", sub.offset());
        m->quality = qint32(quint32(v));
        return true;
    }
    return r.fail("property Quality without a value", r.offset());
}

bool decodeMetric(Reader r, Metric* m)
{
    qsizetype valueAt = r.offset();
    while (!r.atEnd()) {
        quint32 field = 0, wire = 0;
        const qsizetype at = r.offset();
        if (!r.tag(&field, &wire))
            return false;
        quint64 v = 0;
        Reader sub{};
        switch (field) {
        case 2:
        case 3:
        case 4:
        case 5:
        case 6:
        case 7:
        case 10:
        case 11:
        case 14:
            if (!r.expect(wire, Varint, at) || !r.varint(&v))
                return false;
            break;
        case 1:
        case 8:
        case 9:
        case 15:
        case 16:
        case 17:
        case 18:
        case 19:
            if (!r.expect(wire, Len, at) || !r.bytes(&sub))
                return false;
            break;
        case 12:
            if (!r.expect(wire, Fixed32, at) || !r.fixed(4, &v))
                return false;
            break;
        case 13:
            if (!r.expect(wire, Fixed64, at) || !r.fixed(8, &v))
                return false;
            break;
        default:
            if (!r.skip(field, wire))
                return false;
            continue;
        }
        if (field >= 10) {
            valueAt = at;
            // oneof: the last member wins, and nothing of an earlier one stays
            m->value = 0;
            m->raw = 0;
            if (field != 15)
                m->text.clear();
        }
        switch (field) {
        case 1:
            m->name = r.string(sub);
            break;
        case 2:
            m->alias = v;
            break;
        case 3:
            m->timestampMs = v;
            break;
        case 4:
            m->type = DataType(quint32(v));
            break;
        case 5:
            m->historical = v != 0;
            break;
        case 6:
            m->transient = v != 0;
            break;
        case 7:
            m->isNull = v != 0;
            break;
        case 8:
            break; // metadata: for bytes and files, which we skip
        case 9:
            if (!decodeProperties(sub, m))
                return false;
            break;
        case 10:
            m->field = ValueField::Int, m->raw = quint32(v);
            break;
        case 11:
            m->field = ValueField::Long, m->raw = v;
            break;
        case 12: {
            float f;
            const quint32 bits = quint32(v);
            std::memcpy(&f, &bits, 4);
            m->field = ValueField::Float, m->value = f;
            break;
        }
        case 13:
            m->field = ValueField::Double, std::memcpy(&m->value, &v, 8);
            break;
        case 14:
            m->field = ValueField::Boolean, m->raw = v != 0;
            break;
        case 15:
            m->field = ValueField::String, m->text = r.string(sub);
            break;
        default:
            m->field = ValueField::Other;
            break; // 16..19: bytes, dataset, template, ext
        }
    }
    if (!fits(m->type, m->field)) {
        return r.fail(
            QStringLiteral("datatype %1 with a value of another kind").arg(dataTypeName(m->type)),
            valueAt);
    }
    if (!m->isNull && m->field == ValueField::None && isScalar(m->type))
        return r.fail("no value and not is_null", r.offset());
    interpret(m);
    return true;
}

} // namespace

bool decode(QByteArrayView bytes, Payload* out, QString* error)
{
    out->timestampMs.reset();
    out->seq.reset();
    out->uuid.clear();
    out->metrics.clear();
    out->body.clear();
    const auto* data = reinterpret_cast<const uchar*>(bytes.data());
    Reader r{data, data, data + bytes.size(), error};
    if (bytes.size() > MaxPayloadBytes)
        return r.fail("payload larger than 1 MiB", MaxPayloadBytes);
    while (!r.atEnd()) {
        quint32 field = 0, wire = 0;
        const qsizetype at = r.offset();
        if (!r.tag(&field, &wire))
            return false;
        quint64 v = 0;
        Reader sub{};
        switch (field) {
        case 1:
        case 3:
            if (!r.expect(wire, Varint, at) || !r.varint(&v))
                return false;
            (field == 1 ? out->timestampMs : out->seq) = v;
            break;
        case 2: {
            if (!r.expect(wire, Len, at) || !r.bytes(&sub))
                return false;
            const int index = int(out->metrics.size());
            if (index >= MaxMetrics)
                return r.fail("more than 65536 metrics", at);
            sub.metricIndex = index;
            sub.metric = &out->metrics.emplace_back();
            if (!decodeMetric(sub, &out->metrics.back()))
                return false;
            break;
        }
        case 4:
        case 5:
            if (!r.expect(wire, Len, at) || !r.bytes(&sub))
                return false;
            if (field == 4)
                out->uuid = r.string(sub);
            else
                out->body = QByteArray(reinterpret_cast<const char*>(sub.p), sub.end - sub.p);
            break;
        default:
            if (!r.skip(field, wire))
                return false;
        }
    }
    return true;
}

bool applyType(Metric* metric, DataType type, QString* error)
{
    const bool noValue = !metric->isNull && metric->field == ValueField::None && isScalar(type);
    if (!fits(type, metric->field) || noValue) {
        if (error)
            *error = (metric->name.isEmpty() && metric->alias
                          ? QStringLiteral("metric alias %1").arg(*metric->alias)
                          : QStringLiteral("metric \"%1\"").arg(metric->name)) +
                     (noValue ? QStringLiteral(": no value and not is_null")
                              : QStringLiteral(": datatype %1 with a value of another kind")
                                    .arg(dataTypeName(type)));
        return false;
    }
    metric->type = type;
    interpret(metric);
    return true;
}

} // namespace PumpWatch::Mqtt::Sparkplug
