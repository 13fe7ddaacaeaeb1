#include "realtimestore.h"

#include <algorithm>
#include <bit>

namespace PumpWatch {

RealtimeStore::RealtimeStore(quint32 tagCount)
    : m_values(tagCount)
{}

int RealtimeStore::publish(std::span<const Sample> batch)
{
    int applied = 0;
    std::lock_guard lock(m_mutex);
    for (const Sample& s : batch) {
        if (s.historical || s.tag >= m_values.size())
            continue;
        TagValue& v = m_values[s.tag];
        if (s.timestampMs < v.timestampMs)
            continue;
        v = {s.timestampMs, s.value, s.quality};
        ++applied;
        for (ReaderState* r : m_readers) {
            r->dirty[s.tag / 64] |= quint64(1) << (s.tag % 64);
            r->any = true;
        }
    }
    return applied;
}

TagValue RealtimeStore::value(TagId id) const
{
    std::lock_guard lock(m_mutex);
    return id < m_values.size() ? m_values[id] : TagValue{};
}

void RealtimeStore::attach(ReaderState* state)
{
    std::lock_guard lock(m_mutex);
    state->dirty.assign((m_values.size() + 63) / 64, 0);
    // A new reader first sees every tag that already has a value.
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        if (m_values[i].quality != Quality::Unknown) {
            state->dirty[i / 64] |= quint64(1) << (i % 64);
            state->any = true;
        }
    }
    m_readers.push_back(state);
}

void RealtimeStore::detach(ReaderState* state)
{
    std::lock_guard lock(m_mutex);
    m_readers.erase(std::remove(m_readers.begin(), m_readers.end(), state), m_readers.end());
}

RealtimeReader::RealtimeReader(RealtimeStore& store)
    : m_store(store)
    , m_snapshot(store.tagCount())
{
    m_store.attach(&m_state);
}

RealtimeReader::~RealtimeReader()
{
    m_store.detach(&m_state);
}

const std::vector<TagId>& RealtimeReader::refresh()
{
    m_changed.clear();
    std::lock_guard lock(m_store.m_mutex);
    if (!m_state.any)
        return m_changed;
    for (std::size_t w = 0; w < m_state.dirty.size(); ++w) {
        quint64 bits = m_state.dirty[w];
        m_state.dirty[w] = 0;
        while (bits) {
            const auto id =
                static_cast<TagId>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
            m_snapshot[id] = m_store.m_values[id];
            m_changed.push_back(id);
            bits &= bits - 1;
        }
    }
    m_state.any = false;
    return m_changed;
}

} // namespace PumpWatch
