// The JSON that EMQ Neuron's MQTT plugin publishes and reads (/work/shared/PROTOCOLS.md §2): tag
// uploads of a south node's group, write requests and their responses. The host parses uploads
// and write responses; the simulator, playing a Neuron gateway, encodes them and parses requests.
// Pure functions without state: any thread may call them at the same time. Errors and problems
// are sentences in the user's language (tr()), for the log and the gateway's status.
//
//     Neuron::Upload u;
//     QString why;
//     if (!Neuron::parseUpload(payload, &u, &why))
//         qCWarning(lcMqtt) << topic << why;             // the whole message refused
//     for (const QString& p : u.problems)
//         qCInfo(lcMqtt) << topic << p;                  // tags skipped, the rest is good
//
// What an upload may say, and what we do with it:
// - Formats 0 (`values` and `errors` objects), 1 (`tags` array) and 2 (ECP: format 1 with a
//   `type` per tag, which we ignore — the JSON type says as much) are told apart by their keys;
//   `metas`, `uuid`, trace fields and anything else are ignored, so a custom format (3) that
//   keeps these keys reads too.
// - The message is refused (false, `error` says why) when it is over MaxPayloadBytes (never
//   parsed), not JSON, not an object, lacks a non-empty `node` or `group`, has a `timestamp` that
//   is missing or not a whole number of milliseconds in 0 … year 9999 (a fraction or seconds in
//   a string say the gateway is not what we think), has neither `values`/`errors` nor `tags`, or
//   both, or has them of the wrong JSON type. A number beyond double (1e400, 1e-400) makes Qt's
//   parser refuse the whole text, so such a message is refused as not JSON.
// - One bad tag does not cost the others: a tag is skipped, and named in Upload::problems, when
//   its value is null, an array (Neuron's array and bytes tags) or an object (custom tags), when
//   it has neither value nor error, when its error code is not a whole number 1 … INT_MAX, when
//   its name is empty, and in format 1 when a tag of its name was read before (the first stays:
//   Neuron puts a static tag of the same name after the collected one). A tag with both a value and
//   a non-zero error is taken as the error — a value Neuron itself doubts is not shown as good —
//   and named in problems too; in format 0 that is a name in both `values` and `errors`. An
//   `"error":0` beside a value is no error; alone, the tag has neither and is skipped.
//   Duplicate keys inside one JSON object cannot be seen: Qt's parser keeps the last, as
//   Neuron's own values format does when a static tag overrides a collected one.
// - Tag order: format 1 keeps the sender's; format 0 gives values then errors, each by name
//   (QJsonObject sorts its keys).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace PumpWatch::Mqtt::Neuron {

/// Larger messages are refused with an error, never parsed: a 2000-tag group in format 1 is
/// about 100 KB, so a megabyte is a broken or hostile sender.
inline constexpr qsizetype MaxPayloadBytes = 1 << 20;

/// The JSON type of a tag's value.
enum class ValueKind : quint8 { Number, Bool, String };

/// One tag of an upload: a value or, when `error` is non-zero, Neuron's error code instead.
struct TagValue {
    QString name;
    double value = 0; ///< Number; Bool as 1 or 0; 0 for String and errors
    QString text;     ///< String only
    ValueKind kind = ValueKind::Number;
    int error = 0; ///< non-zero: Neuron's error code (errcodes.h, e.g. 3015), no value
    bool operator==(const TagValue&) const = default;
};

/// Neuron's `format` setting of the MQTT plugin, as far as we read or write it.
enum class Format : quint8 {
    Values = 0, ///< {"values":{name:value},"errors":{name:code}}
    Tags = 1,   ///< {"tags":[{"name","value"} or {"name","error"}]}
    Ecp = 2,    ///< as Tags with "type" (1 bool, 2 int, 3 float, 4 string); errors are not sent
};

/// One published message: the tags of one group of one south node, read at one time.
struct Upload {
    qint64 timestampMs = 0; ///< when Neuron read the group, ms since 1970 UTC
    QString node;           ///< the south device's node name in Neuron
    QString group;
    std::vector<TagValue> tags;
    Format format = Format::Values; ///< as parseUpload found it; encodeUpload takes its own
    std::vector<QString> problems;  ///< parseUpload: tags skipped or doubted, one sentence each
};

/// Reads an upload of format 0, 1 or 2 into `out`. False with `error` (may be null) and `out`
/// cleared when the message is refused; true, possibly with `out->problems`, otherwise.
bool parseUpload(QByteArrayView json, Upload* out, QString* error);

/// The message Neuron would publish for `upload` (its problems and format are ignored), compact,
/// keys in Neuron's order. Values puts error tags in "errors" (and writes "metas":{}); Ecp leaves
/// them out, as Neuron does, and types a number 2 (integer) when it is whole, else 3 (float).
/// Whole numbers are written without ".0"; NaN and infinities, which JSON lacks, as null.
QByteArray encodeUpload(const Upload& upload, Format format);

/// One value to write. A Bool is written as true/false (Neuron refuses 1 for a bool tag).
struct WriteValue {
    QString tag;
    double value = 0; ///< Number, Bool (non-zero is true)
    QString text;     ///< String
    ValueKind kind = ValueKind::Number;
    bool operator==(const WriteValue&) const = default;
};

/// A write to tags of one group of one south node; Neuron answers with the same uuid.
struct WriteRequest {
    QString uuid;
    QString node;
    QString group;
    std::vector<WriteValue> tags;
    bool operator==(const WriteRequest&) const = default;
};

/// One tag: {"uuid","node","group","tag","value"} (every Neuron 2.x). Several: the 2.6 form
/// {"uuid","node","group","tags":[{"tag","value"}…]}. No tags gives "tags":[], which Neuron and
/// parseWriteRequest refuse.
QByteArray encodeWriteRequest(const WriteRequest& request);

/// Reads either form into `out` (cleared when refused). Refused: a missing or empty uuid, node,
/// group or tag name, no tags, a value that is not a number, bool or string.
bool parseWriteRequest(QByteArrayView json, WriteRequest* out, QString* error);

/// Neuron's answer to a write: {"uuid","error"}, error 0 when every tag was written.
struct WriteResponse {
    QString uuid;
    int error = 0;
    bool operator==(const WriteResponse&) const = default;
};

QByteArray encodeWriteResponse(const WriteResponse& response);
/// Refused: no uuid string, an error that is not a whole number 0 … INT_MAX.
bool parseWriteResponse(QByteArrayView json, WriteResponse* out, QString* error);

/// Neuron's error `code` named for people ("设备无响应" for 3015), without the code; codes we
/// do not name read "Neuron 错误 1234". 0 reads as success.
QString errorText(int code);

} // namespace PumpWatch::Mqtt::Neuron
