// The encoders of neuron.h: the JSON Neuron publishes, written by hand in Neuron's key order
// (QJsonDocument sorts keys, and a simulator's messages should read like a gateway's in a
// broker's log), compact, with numbers in their shortest exact form.
#include "neuron.h"

#include <QLocale>

#include <cmath>
#include <utility>

namespace PumpWatch::Mqtt::Neuron {

namespace {

constexpr char Hex[] = "0123456789abcdef";

void appendEscape(QByteArray& out, char16_t c)
{
    out += "\\u";
    for (const int shift : {12, 8, 4, 0})
        out += Hex[(c >> shift) & 15];
}

void appendUtf8(QByteArray& out, QStringView text)
{
    for (const char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            appendEscape(out, u);
        } else {
            out += c;
        }
    }
}

// UTF-8 cannot carry a lone surrogate (toUtf8 would make it '?'), but a JSON escape can, and
// Qt's parser reads one into a name: written as \udxxx it reads back as the same name.
void appendString(QByteArray& out, const QString& text)
{
    out += '"';
    const QStringView view(text);
    qsizetype run = 0;
    for (qsizetype i = 0; i < view.size(); ++i) {
        const char16_t c = view[i].unicode();
        if (!QChar::isSurrogate(c))
            continue;
        if (QChar::isHighSurrogate(c) && i + 1 < view.size() && view[i + 1].isLowSurrogate()) {
            ++i;
            continue;
        }
        appendUtf8(out, view.sliced(run, i - run));
        appendEscape(out, c);
        run = i + 1;
    }
    appendUtf8(out, view.sliced(run));
    out += '"';
}

void appendNumber(QByteArray& out, double v)
{
    if (!std::isfinite(v)) {
        out += "null";
    } else if (v == std::trunc(v) && std::abs(v) < 9007199254740992.0) { // 2^53: exact
        out += QByteArray::number(static_cast<qint64>(v));
    } else {
        out += QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
    }
}

void appendValue(QByteArray& out, ValueKind kind, double value, const QString& text)
{
    switch (kind) {
    case ValueKind::Number:
        appendNumber(out, value);
        break;
    case ValueKind::Bool:
        out += value != 0 ? "true" : "false";
        break;
    case ValueKind::String:
        appendString(out, text);
        break;
    }
}

// {"uuid":…,"node":…,"group":… — the head of every request, unclosed.
void appendRequestHead(QByteArray& out, const QString& uuid, const QString& node,
                       const QString& group)
{
    out += "{\"uuid\":";
    appendString(out, uuid);
    out += ",\"node\":";
    appendString(out, node);
    out += ",\"group\":";
    appendString(out, group);
}

int ecpType(const TagValue& t)
{
    switch (t.kind) {
    case ValueKind::Bool:
        return 1;
    case ValueKind::String:
        return 4;
    case ValueKind::Number:
        break;
    }
    return std::isfinite(t.value) && t.value == std::trunc(t.value) ? 2 : 3;
}

} // namespace

QByteArray encodeUpload(const Upload& upload, Format format)
{
    QByteArray out;
    out.reserve(64 + 40 * qsizetype(upload.tags.size()));
    out += "{\"timestamp\":";
    out += QByteArray::number(upload.timestampMs);
    out += ",\"node\":";
    appendString(out, upload.node);
    out += ",\"group\":";
    appendString(out, upload.group);

    if (format == Format::Values) {
        for (const bool errors : {false, true}) {
            out += errors ? ",\"errors\":{" : ",\"values\":{";
            bool first = true;
            for (const TagValue& t : upload.tags) {
                if ((t.error != 0) != errors)
                    continue;
                if (!std::exchange(first, false))
                    out += ',';
                appendString(out, t.name);
                out += ':';
                if (errors)
                    out += QByteArray::number(t.error);
                else
                    appendValue(out, t.kind, t.value, t.text);
            }
            out += '}';
        }
        out += ",\"metas\":{}}";
        return out;
    }
    out += ",\"tags\":[";
    bool first = true;
    for (const TagValue& t : upload.tags) {
        if (format == Format::Ecp && t.error != 0)
            continue;
        if (!std::exchange(first, false))
            out += ',';
        out += "{\"name\":";
        appendString(out, t.name);
        if (t.error != 0) {
            out += ",\"error\":";
            out += QByteArray::number(t.error);
        } else {
            out += ",\"value\":";
            appendValue(out, t.kind, t.value, t.text);
            if (format == Format::Ecp) {
                out += ",\"type\":";
                out += QByteArray::number(ecpType(t));
            }
        }
        out += '}';
    }
    out += "]}";
    return out;
}

QByteArray encodeWriteRequest(const WriteRequest& request)
{
    QByteArray out;
    appendRequestHead(out, request.uuid, request.node, request.group);
    if (request.tags.size() == 1) {
        const WriteValue& w = request.tags.front();
        out += ",\"tag\":";
        appendString(out, w.tag);
        out += ",\"value\":";
        appendValue(out, w.kind, w.value, w.text);
        out += '}';
        return out;
    }
    out += ",\"tags\":[";
    bool first = true;
    for (const WriteValue& w : request.tags) {
        if (!std::exchange(first, false))
            out += ',';
        out += "{\"tag\":";
        appendString(out, w.tag);
        out += ",\"value\":";
        appendValue(out, w.kind, w.value, w.text);
        out += '}';
    }
    out += "]}";
    return out;
}

QByteArray encodeWriteResponse(const WriteResponse& response)
{
    QByteArray out("{\"uuid\":");
    appendString(out, response.uuid);
    out += ",\"error\":";
    out += QByteArray::number(response.error);
    out += '}';
    return out;
}

} // namespace PumpWatch::Mqtt::Neuron
