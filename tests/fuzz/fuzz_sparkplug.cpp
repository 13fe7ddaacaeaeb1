// libFuzzer target: the Sparkplug B codec (mqtt/sparkplug.h). The input is tried as a payload, a
// topic and a STATE message. Whatever the bytes, nothing reads out of bounds or hits undefined
// behaviour, and what the decoder accepts survives encode → decode unchanged: every field the
// Metric holds (values per their datatype, NaN as NaN), with the datatypes written or left out
// and given back by applyType(); a topic or STATE that parses is written back to itself.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mqtt/sparkplug.h>

using namespace PumpWatch::Mqtt::Sparkplug;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

bool sameNumber(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0 || a == b;
}

bool isScalarField(ValueField f)
{
    return f != ValueField::None && f != ValueField::Other;
}

// b is a after encode → decode (with datatypes: false when they were left out and re-applied).
void requireSame(const Metric& a, const Metric& b)
{
    require(a.name == b.name && a.alias == b.alias && a.timestampMs == b.timestampMs);
    require(a.type == b.type && a.historical == b.historical && a.transient == b.transient);
    require(a.isNull == b.isNull && a.quality == b.quality);
    if (a.isNull)
        return;
    // encode() writes a value only for the scalar fields the decoder reads.
    if (b.field == ValueField::None && !isScalarField(a.field))
        return;
    require(sameNumber(a.value, b.value));
    require(a.text == b.text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView bytes(data, qsizetype(size));
    Payload p;
    QString error;
    if (decode(bytes, &p, &error)) {
        require(error.isEmpty());
        const QByteArray again = encode(p);
        Payload q;
        require(decode(again, &q, &error));
        require(p.timestampMs == q.timestampMs && p.seq == q.seq && p.uuid == q.uuid);
        require(p.body == q.body && p.metrics.size() == q.metrics.size());
        for (size_t i = 0; i < p.metrics.size(); ++i)
            requireSame(p.metrics[i], q.metrics[i]);

        // DATA without datatypes: the host gives each metric its birth's type back.
        require(decode(encode(p, Datatypes::Omit), &q, &error));
        require(p.metrics.size() == q.metrics.size());
        for (size_t i = 0; i < p.metrics.size(); ++i) {
            Metric& m = q.metrics[i];
            require(m.type == DataType::Unknown);
            require(applyType(&m, p.metrics[i].type, &error));
            requireSame(p.metrics[i], m);
        }
    } else {
        require(!error.isEmpty());
    }

    if (const auto topic = parseTopic(bytes)) {
        require(topic->type != MessageType::Invalid);
        require(parseTopic(topicName(*topic)) == topic);
    }
    if (const auto state = parseState(bytes))
        require(parseState(encodeState(*state)) == state);
    return 0;
}
