// The parsers of neuron.h and Neuron's error codes in words. QJsonDocument does the JSON (about
// 10 µs for a 40-tag group); what it hands back is checked member by member, so that a bad tag
// costs itself and a bad message is refused with a sentence saying what is wrong.
#include "neuron.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <climits>
#include <numeric>

namespace PumpWatch::Mqtt::Neuron {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Mqtt::Neuron)
};

// 23:59:59.999 on 31 December 9999: later is not milliseconds (µs or ns from a broken clock).
constexpr qint64 MaxTimestampMs = 253402300799999;

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

// A tag name as problems quote it: names come from the wire, so a megabyte of name must not
// become a megabyte of log line.
QString quoted(const QString& name)
{
    constexpr qsizetype Max = 64;
    return name.size() <= Max ? name : name.left(Max) + QChar(0x2026);
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return Text::tr("null");
    case QJsonValue::Bool:
        return Text::tr("a bool");
    case QJsonValue::Double:
        return Text::tr("a number");
    case QJsonValue::String:
        return Text::tr("a string");
    case QJsonValue::Array:
        return Text::tr("an array");
    case QJsonValue::Object:
        return Text::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Text::tr("missing");
}

// The payload as a JSON object, or false with the reason. The view is not copied: fromRawData
// lends its bytes to the parser for the length of this call.
bool parseObject(QByteArrayView json, QJsonObject* root, QString* error)
{
    if (json.size() > MaxPayloadBytes)
        return fail(error, Text::tr("message of %1 bytes is larger than %2 bytes; not read")
                               .arg(json.size())
                               .arg(MaxPayloadBytes));
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error, Text::tr("not JSON at offset %1: %2")
                               .arg(parseError.offset)
                               .arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(error, Text::tr("not a JSON object"));
    *root = doc.object();
    return true;
}

// A member that must be a non-empty string (node, group, uuid, a tag's name).
bool readName(const QJsonObject& o, QLatin1StringView key, QString* out, QString* error)
{
    const QJsonValue v = o.value(key);
    if (!v.isString() || v.toString().isEmpty())
        return fail(error, v.isUndefined()
                               ? Text::tr("missing %1").arg(key)
                               : Text::tr("%1 is %2, not a name")
                                     .arg(key, v.isString() ? Text::tr("empty") : typeName(v)));
    *out = v.toString();
    return true;
}

// A whole number in 0 … max; QJsonValue::toInteger refuses fractions and what qint64 cannot
// hold, which -1 marks as it is below every range here.
qint64 wholeNumber(const QJsonValue& v, qint64 max)
{
    if (!v.isDouble())
        return -1;
    const qint64 n = v.toInteger(-1);
    return n <= max ? n : -1;
}

// A tag's value; empty on success, else the problem.
QString readValue(const QJsonValue& v, TagValue* t)
{
    switch (v.type()) {
    case QJsonValue::Double:
        t->kind = ValueKind::Number;
        t->value = v.toDouble();
        return {};
    case QJsonValue::Bool:
        t->kind = ValueKind::Bool;
        t->value = v.toBool() ? 1 : 0;
        return {};
    case QJsonValue::String:
        t->kind = ValueKind::String;
        t->text = v.toString();
        return {};
    default:
        return Text::tr("value is %1").arg(typeName(v));
    }
}

// A tag's error code: 0 … INT_MAX, or -1 with `problem` set.
int readError(const QJsonValue& v, QString* problem)
{
    const qint64 code = wholeNumber(v, INT_MAX);
    if (code < 0)
        *problem = v.isDouble() ? Text::tr("error %1 is not a Neuron error code")
                                      .arg(QString::number(v.toDouble(), 'g', 17))
                                : Text::tr("error is %1, not a number").arg(typeName(v));
    return static_cast<int>(code);
}

void skipped(Upload* out, const QString& name, const QString& problem)
{
    out->problems.push_back(Text::tr("tag '%1': %2; skipped").arg(quoted(name), problem));
}

void readValuesFormat(const QJsonObject& values, const QJsonObject& errors, Upload* out)
{
    out->tags.reserve(values.size() + errors.size());
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        TagValue t;
        t.name = it.key();
        if (t.name.isEmpty()) {
            out->problems.push_back(Text::tr("a value without a tag name; skipped"));
            continue;
        }
        if (const auto e = errors.constFind(t.name); e != errors.constEnd()) {
            QString ignored;
            if (readError(e.value(), &ignored) > 0) {
                out->problems.push_back(
                    Text::tr("tag '%1': both a value and an error; taken as the error")
                        .arg(quoted(t.name)));
                continue; // the errors pass adds it
            }
        }
        if (const QString problem = readValue(it.value(), &t); !problem.isEmpty()) {
            skipped(out, t.name, problem);
            continue;
        }
        out->tags.push_back(std::move(t));
    }
    for (auto it = errors.constBegin(); it != errors.constEnd(); ++it) {
        TagValue t;
        t.name = it.key();
        if (t.name.isEmpty()) {
            out->problems.push_back(Text::tr("an error without a tag name; skipped"));
            continue;
        }
        QString problem;
        t.error = readError(it.value(), &problem);
        if (t.error == 0 && problem.isEmpty())
            problem = Text::tr("error 0 without a value");
        if (t.error <= 0) {
            skipped(out, t.name, problem);
            continue;
        }
        out->tags.push_back(std::move(t));
    }
}

// Format 1 can name a tag twice (Neuron appends a static tag of a collected tag's name). A QSet
// of the names seen cost more than the rest of the walk, and repeats are rare: sort positions by
// name and look at neighbours.
void dropRepeated(Upload* out, const std::vector<qsizetype>& positions)
{
    std::vector<TagValue>& tags = out->tags;
    std::vector<std::size_t> order(tags.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const int c = tags[a].name.compare(tags[b].name);
        return c != 0 ? c < 0 : a < b;
    });
    std::vector<std::size_t> repeated;
    for (std::size_t k = 1; k < order.size(); ++k) {
        if (tags[order[k]].name == tags[order[k - 1]].name)
            repeated.push_back(order[k]);
    }
    std::sort(repeated.begin(), repeated.end());
    for (const std::size_t r : repeated) {
        out->problems.push_back(Text::tr("tag '%1' again at tags[%2]; the first kept")
                                    .arg(quoted(tags[r].name))
                                    .arg(positions[r]));
    }
    for (auto r = repeated.rbegin(); r != repeated.rend(); ++r)
        tags.erase(tags.begin() + qsizetype(*r));
}

void readTagsFormat(const QJsonArray& tags, Upload* out)
{
    out->format = Format::Tags;
    out->tags.reserve(tags.size());
    std::vector<qsizetype> positions; // in `tags` of each tag read, for dropRepeated
    positions.reserve(tags.size());
    const QLatin1StringView nameKey("name"), valueKey("value"), errorKey("error");
    for (qsizetype i = 0; i < tags.size(); ++i) {
        const QJsonValue element = tags.at(i);
        if (!element.isObject()) {
            out->problems.push_back(
                Text::tr("tags[%1] is %2, not a tag; skipped").arg(i).arg(typeName(element)));
            continue;
        }
        const QJsonObject o = element.toObject();
        TagValue t;
        const QJsonValue name = o.value(nameKey);
        if (!name.isString() || name.toString().isEmpty()) {
            out->problems.push_back(Text::tr("tags[%1] has no name; skipped").arg(i));
            continue;
        }
        t.name = name.toString();
        if (o.contains(QLatin1StringView("type")))
            out->format = Format::Ecp;
        const QJsonValue value = o.value(valueKey);
        const QJsonValue error = o.value(errorKey);
        if (!error.isUndefined()) {
            QString problem;
            t.error = readError(error, &problem);
            if (t.error < 0) {
                skipped(out, t.name, problem);
                continue;
            }
        }
        if (t.error != 0) {
            if (!value.isUndefined())
                out->problems.push_back(
                    Text::tr("tag '%1': both a value and an error; taken as the error")
                        .arg(quoted(t.name)));
        } else if (value.isUndefined()) {
            skipped(out, t.name, Text::tr("neither value nor error"));
            continue;
        } else if (const QString problem = readValue(value, &t); !problem.isEmpty()) {
            skipped(out, t.name, problem);
            continue;
        }
        out->tags.push_back(std::move(t));
        positions.push_back(i);
    }
    dropRepeated(out, positions);
}

bool readWriteValue(const QJsonObject& o, WriteValue* w, QString* error)
{
    if (!readName(o, QLatin1StringView("tag"), &w->tag, error))
        return false;
    TagValue t;
    const QJsonValue v = o.value(QLatin1StringView("value"));
    if (v.isUndefined())
        return fail(error, Text::tr("tag '%1': no value").arg(quoted(w->tag)));
    if (const QString problem = readValue(v, &t); !problem.isEmpty())
        return fail(error, Text::tr("tag '%1': %2").arg(quoted(w->tag), problem));
    w->kind = t.kind;
    w->value = t.value;
    w->text = t.text;
    return true;
}

bool readUpload(QByteArrayView json, Upload* out, QString* error)
{
    QJsonObject root;
    if (!parseObject(json, &root, error))
        return false;
    const QJsonValue timestamp = root.value(QLatin1StringView("timestamp"));
    if (timestamp.isUndefined())
        return fail(error, Text::tr("missing timestamp"));
    out->timestampMs = wholeNumber(timestamp, MaxTimestampMs);
    if (out->timestampMs < 0)
        return fail(error,
                    timestamp.isDouble()
                        ? Text::tr("timestamp %1 is not milliseconds since 1970")
                              .arg(QString::number(timestamp.toDouble(), 'g', 17))
                        : Text::tr("timestamp is %1, not a number").arg(typeName(timestamp)));
    if (!readName(root, QLatin1StringView("node"), &out->node, error) ||
        !readName(root, QLatin1StringView("group"), &out->group, error))
        return false;

    const QJsonValue tags = root.value(QLatin1StringView("tags"));
    const QJsonValue values = root.value(QLatin1StringView("values"));
    const QJsonValue errors = root.value(QLatin1StringView("errors"));
    const bool isValues = !values.isUndefined() || !errors.isUndefined();
    if (!tags.isUndefined() && isValues)
        return fail(error, Text::tr("both tags and values: not a Neuron format"));
    if (!tags.isUndefined()) {
        if (!tags.isArray())
            return fail(error, Text::tr("tags is %1, not an array").arg(typeName(tags)));
        readTagsFormat(tags.toArray(), out);
        return true;
    }
    if (!isValues)
        return fail(error, Text::tr("neither values nor tags"));
    for (const auto& [key, v] : {std::pair{QLatin1StringView("values"), values},
                                 std::pair{QLatin1StringView("errors"), errors}}) {
        if (!v.isUndefined() && !v.isObject())
            return fail(error, Text::tr("%1 is %2, not an object").arg(key, typeName(v)));
    }
    readValuesFormat(values.toObject(), errors.toObject(), out);
    return true;
}

bool readWriteRequest(QByteArrayView json, WriteRequest* out, QString* error)
{
    QJsonObject root;
    if (!parseObject(json, &root, error) ||
        !readName(root, QLatin1StringView("uuid"), &out->uuid, error) ||
        !readName(root, QLatin1StringView("node"), &out->node, error) ||
        !readName(root, QLatin1StringView("group"), &out->group, error))
        return false;
    const QJsonValue tags = root.value(QLatin1StringView("tags"));
    if (tags.isUndefined()) { // the single form, as Neuron tells them apart
        WriteValue w;
        if (!readWriteValue(root, &w, error))
            return false;
        out->tags.push_back(std::move(w));
        return true;
    }
    if (!tags.isArray())
        return fail(error, Text::tr("tags is %1, not an array").arg(typeName(tags)));
    const QJsonArray array = tags.toArray();
    if (array.isEmpty())
        return fail(error, Text::tr("no tags to write"));
    out->tags.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        if (!element.isObject())
            return fail(error, Text::tr("tags[%1] is %2, not a tag").arg(i).arg(typeName(element)));
        WriteValue w;
        if (!readWriteValue(element.toObject(), &w, error))
            return false;
        out->tags.push_back(std::move(w));
    }
    return true;
}

bool readWriteResponse(QByteArrayView json, WriteResponse* out, QString* error)
{
    QJsonObject root;
    if (!parseObject(json, &root, error) ||
        !readName(root, QLatin1StringView("uuid"), &out->uuid, error))
        return false;
    const QJsonValue code = root.value(QLatin1StringView("error"));
    if (code.isUndefined())
        return fail(error, Text::tr("missing error"));
    QString problem;
    const int value = readError(code, &problem);
    if (value < 0)
        return fail(error, problem);
    out->error = value;
    return true;
}

// A refused message leaves nothing half-read behind.
template <typename T>
bool readAll(QByteArrayView json, T* out, QString* error,
             bool (*read)(QByteArrayView, T*, QString*))
{
    *out = {};
    if (read(json, out, error))
        return true;
    *out = {};
    return false;
}

} // namespace

bool parseUpload(QByteArrayView json, Upload* out, QString* error)
{
    return readAll(json, out, error, readUpload);
}

bool parseWriteRequest(QByteArrayView json, WriteRequest* out, QString* error)
{
    return readAll(json, out, error, readWriteRequest);
}

bool parseWriteResponse(QByteArrayView json, WriteResponse* out, QString* error)
{
    return readAll(json, out, error, readWriteResponse);
}

QString errorText(int code)
{
    // The codes a gateway reports for tags and writes (include/neuron/errcodes.h); the rest
    // concern Neuron's own configuration and read as a number.
    struct Name {
        int code;
        const char* text;
    };
    static constexpr Name Names[] = {
        {0, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "success")},
        {1001, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "Neuron internal error")},
        {1002, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "request body is wrong")},
        {1003, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "request parameter is wrong")},
        {1010, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "Neuron is busy")},
        {2003, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "node does not exist")},
        {2006, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "node not ready")},
        {2008, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "node not running")},
        {2009, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "node stopped")},
        {2106, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "group does not exist")},
        {2201, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "tag does not exist")},
        {3000, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "read failure")},
        {3001, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "write failure")},
        {3002, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "plugin disconnected")},
        {3003, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "tag not readable")},
        {3004, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "tag not writable")},
        {3007, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "tag type mismatch")},
        {3008, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "tag value expired")},
        {3009, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "protocol decode failure")},
        {3010, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "plugin not running")},
        {3011, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "tag not ready")},
        {3012, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "packet out of order")},
        {3015, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "device no response")},
        {3017, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "writing several tags not supported")},
        {3019, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "type not supported")},
        {3020, QT_TRANSLATE_NOOP("PumpWatch::Mqtt::Neuron", "value out of range")},
    };
    for (const Name& n : Names) {
        if (n.code == code)
            return Text::tr(n.text);
    }
    return Text::tr("Neuron error %1").arg(code);
}

} // namespace PumpWatch::Mqtt::Neuron
