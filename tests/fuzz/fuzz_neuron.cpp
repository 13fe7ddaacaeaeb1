// libFuzzer target: the Neuron JSON codec (mqtt/neuron.h) on whatever a broker delivers. The same
// bytes go to the three parsers. Whatever they are, nothing crashes; a refusal says why and
// leaves nothing half-read; what is accepted keeps the header's promises (names present and
// unique, error codes positive, timestamps in range), and encoding it again gives a message the
// parser reads back to the same tags without a problem — what the simulator sends, the host reads.
#include <algorithm>
#include <cstdlib>
#include <mqtt/neuron.h>

using namespace PumpWatch::Mqtt::Neuron;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

std::vector<TagValue> byName(std::vector<TagValue> tags)
{
    std::sort(tags.begin(), tags.end(), [](auto& a, auto& b) { return a.name < b.name; });
    return tags;
}

void checkUpload(QByteArrayView json)
{
    Upload u;
    QString error;
    if (!parseUpload(json, &u, &error)) {
        require(!error.isEmpty() && u.tags.empty() && u.problems.empty() && u.node.isEmpty());
        return;
    }
    require(!u.node.isEmpty() && !u.group.isEmpty());
    require(u.timestampMs >= 0 && u.timestampMs <= 253402300799999);
    const std::vector<TagValue> sorted = byName(u.tags);
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const TagValue& t = sorted[i];
        require(!t.name.isEmpty() && t.error >= 0);
        require(i == 0 || sorted[i - 1].name != t.name);
        require(t.error == 0 || (t.kind == ValueKind::Number && t.value == 0 && t.text.isEmpty()));
        require(t.kind == ValueKind::String || t.text.isEmpty());
        require(t.kind != ValueKind::Bool || t.value == 0 || t.value == 1);
    }
    for (const QString& p : u.problems)
        require(!p.isEmpty());

    // ECP drops errors, so the tags format stands in for it.
    const Format again = u.format == Format::Values ? Format::Values : Format::Tags;
    Upload back;
    require(parseUpload(encodeUpload(u, again), &back, &error));
    require(back.timestampMs == u.timestampMs && back.node == u.node && back.group == u.group);
    require(byName(back.tags) == sorted && back.problems.empty());
}

void checkWriteRequest(QByteArrayView json)
{
    WriteRequest r;
    QString error;
    if (!parseWriteRequest(json, &r, &error)) {
        require(!error.isEmpty() && r.tags.empty() && r.uuid.isEmpty());
        return;
    }
    require(!r.uuid.isEmpty() && !r.node.isEmpty() && !r.group.isEmpty() && !r.tags.empty());
    WriteRequest back;
    require(parseWriteRequest(encodeWriteRequest(r), &back, &error));
    require(back == r);
}

void checkWriteResponse(QByteArrayView json)
{
    WriteResponse r;
    QString error;
    if (!parseWriteResponse(json, &r, &error)) {
        require(!error.isEmpty() && r.uuid.isEmpty() && r.error == 0);
        return;
    }
    require(!r.uuid.isEmpty() && r.error >= 0);
    WriteResponse back;
    require(parseWriteResponse(encodeWriteResponse(r), &back, &error));
    require(back == r);
    require(!errorText(r.error).isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    checkUpload(json);
    checkWriteRequest(json);
    checkWriteResponse(json);
    return 0;
}
