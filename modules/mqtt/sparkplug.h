// Sparkplug B 3.0: the protobuf payload, the topic namespace and the host's STATE message, as
// the host application (acquisition) reads them and the simulator's edge nodes write them.
//
// The protobuf wire format is written by hand (no libprotobuf, no generated code): a payload is
// a handful of fields, decoding it is a loop over bytes we can fuzz, and the host decodes ~2000
// DDATA/s, so decode() allocates only the metric names and string values (and reuses the
// capacity of the Payload it is given). The schema is PROTOCOLS.md §1 / Tahu's
// sparkplug_b.proto; tests/unit/mqtt/sparkplug_b.proto is our copy for the cross-check with
// python3-protobuf.
//
// What is read: every scalar value (numbers and booleans as a double, strings as text), the
// "Quality" property. What is skipped (forward compatible, never an error): unknown fields of any
// wire type, metadata, other properties, bytes/file/array, dataset and template values.
// Errors name the metric and the byte offset ("metric 3 \"Pump/Speed\": truncated varint at byte
// 57"); they are for logs (English).
//
//     Payload p;
//     QString error;
//     if (!Sparkplug::decode(message, &p, &error))
//         qCWarning(lcMqtt) << topic << error;   // and ask for a rebirth
//
// Pure functions, no I/O, any thread (the fuzz target fuzz_sparkplug drives them).
#pragma once
#include <core/datatype.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

namespace PumpWatch::Mqtt::Sparkplug {

/// Larger payloads are refused before a byte is read (a pump station's NBIRTH is a few KiB).
constexpr qsizetype MaxPayloadBytes = 1024 * 1024;
/// More metrics in one payload are refused (a node has hundreds; a DDATA carries a few).
constexpr int MaxMetrics = 65536;

/// Sparkplug's datatype numbers (§6.4.16). Values we do not know keep their number.
enum class DataType : quint32 {
    Unknown = 0, ///< also: DATA/CMD metrics that leave it out (their birth says it)
    Int8 = 1,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float,
    Double,
    Boolean,
    String,
    DateTime, ///< ms since the epoch, UTC
    Text,
    UUID,
    DataSet,
    Bytes,
    File,
    Template,
    PropertySet,
    PropertySetList,
    Int8Array, ///< 22..34: the arrays, in bytes_value (skipped)
    DateTimeArray = 34,
};

/// "Int32", "Float", … or the number (for logs).
QString dataTypeName(DataType type);

/// The Sparkplug datatype a tag of `type` is published and commanded as (a float64 or an
/// unknown type as Double).
DataType dataTypeOf(PumpWatch::DataType type);

enum class MessageType : quint8 {
    Invalid,
    NBirth,
    NDeath,
    DBirth,
    DDeath,
    NData,
    DData,
    NCmd,
    DCmd,
    State
};

/// "NBIRTH", "DDATA", …, "STATE" as in topics.
QByteArrayView messageTypeName(MessageType type);

/// A topic of the Sparkplug namespace: spBv1.0/<group>/<type>/<node>[/<device>], or a host's
/// STATE: spBv1.0/STATE/<host> (3.0) or STATE/<host> (2.2, `legacyState`).
struct Topic {
    MessageType type = MessageType::Invalid;
    QString group;
    QString node;
    QString device;           ///< D* messages only
    QString hostId;           ///< STATE only
    bool legacyState = false; ///< STATE/<host> rather than spBv1.0/STATE/<host>
    bool operator==(const Topic&) const = default;
};

/// nullopt (and why, in *error) unless the topic is one of the forms above: the namespace
/// spBv1.0, a known message type, a device id on D* messages and none on N*, every id non-empty
/// and free of + and # (a '/' splits it anyway).
std::optional<Topic> parseTopic(QByteArrayView topic, QString* error = nullptr);
/// The topic's name; parseTopic(topicName(t)) == t for every valid t.
QByteArray topicName(const Topic& topic);

/// Which member of the metric's value oneof the payload carried.
enum class ValueField : quint8 { None, Int, Long, Float, Double, Boolean, String, Other };

struct Metric {
    QString name;                 ///< empty in DATA/CMD that use aliases
    std::optional<quint64> alias; ///< unique per edge node, set in its births
    std::optional<quint64> timestampMs;
    DataType type = DataType::Unknown; ///< Unknown: left out (DATA/CMD), see applyType()
    bool historical = false;           ///< store-and-forward data: history only, not live values
    bool transient = false;
    bool isNull = false; ///< no value: ignore value and text; encode() writes none
    /// Every numeric, boolean and DateTime value: signed types read as two's complement in
    /// the width of their datatype, as the reference implementation does (an Int8 -1 is
    /// accepted as 0xFF and 0xFFFFFFFF). Int64/UInt64 beyond ±2^53 lose precision here.
    /// Without a datatype (Unknown) an integer field reads as unsigned until applyType().
    double value = 0;
    QString text;                  ///< String/Text/UUID values
    std::optional<qint32> quality; ///< property "Quality": 0 BAD, 192 GOOD, 500 STALE
    /// What was on the wire: the value field, and the integer or boolean in it (int_value
    /// already cut to 32 bits). applyType() reads them; encode() writes them for Unknown types.
    ValueField field = ValueField::None;
    quint64 raw = 0;
};

struct Payload {
    std::optional<quint64> timestampMs;
    std::optional<quint64> seq; ///< 0..255 (the decoder does not range-check it; the host does)
    QString uuid;
    std::vector<Metric> metrics;
    QByteArray body;
};

/// Decodes a payload into *out (its metrics' capacity is reused). False, with *error naming
/// the fault and its byte offset, when the bytes are not a Sparkplug B payload: longer than
/// MaxPayloadBytes, truncated, a known field with the wrong wire type, a scalar datatype whose
/// value is in a field of another kind (Float in string_value), a scalar metric with neither a
/// value nor is_null, more than MaxMetrics metrics. *out is then partly filled; don't use it.
bool decode(QByteArrayView bytes, Payload* out, QString* error = nullptr);

/// For DATA/CMD metrics without a datatype: reads value from field/raw as `type` (the datatype
/// of the metric's birth) and sets metric->type. False when the field does not fit the type.
bool applyType(Metric* metric, DataType type, QString* error = nullptr);

enum class Datatypes : quint8 {
    Write, ///< every metric's datatype (births; the reference implementation always writes it)
    Omit,  ///< none (DATA/CMD may leave it out; the value is still in its type's field)
};

/// Encodes a payload. Each value goes in the field its datatype needs: int_value for ≤32-bit
/// integers (two's complement), long_value for 64-bit ones and DateTime, float_value,
/// double_value, boolean_value, string_value. Integer types round value to the nearest integer
/// and clamp it to their range (NaN → 0); an Int8 -1 is written 0xFFFFFFFF, as the reference
/// implementation does. Unknown/other types write `field` with raw/value/text.
/// quality becomes a PropertySet {"Quality": Int32}. Nothing is written for a null value.
QByteArray encode(const Payload& payload, Datatypes datatypes = Datatypes::Write);

/// A primary host's STATE (§5.3): 3.0 JSON {"online":true,"timestamp":1650006388943}, or 2.2's
/// plain ONLINE/OFFLINE (timestamp 0).
struct HostState {
    bool online = false;
    qint64 timestampMs = 0;
    bool operator==(const HostState&) const = default;
};

/// {"online":true,"timestamp":1650006388943}, exactly so (no spaces).
QByteArray encodeState(const HostState& state);
/// 3.0 JSON (online must be a boolean; timestamp, if there, a non-negative integer), or 2.2's
/// "ONLINE"/"OFFLINE". nullopt otherwise.
std::optional<HostState> parseState(QByteArrayView payload);

} // namespace PumpWatch::Mqtt::Sparkplug
