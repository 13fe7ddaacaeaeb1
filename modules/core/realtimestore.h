// RealtimeStore: the latest live value of every tag, in flat arrays indexed by tag id.
//
// Threading contract:
//  - publish() may be called from any thread, concurrently with itself and with readers
//    (normally only the acquisition thread publishes).
//  - A RealtimeReader belongs to one thread (the GUI, the alarm engine, an MQTT publisher);
//    its refresh() may run concurrently with publish() and with other readers' refresh().
//    A reader's snapshot is private to it and changes only inside its own refresh().
//  - The store must outlive its readers.
// One mutex guards the live arrays; publish() holds it for one batch, refresh() while copying
// the changed values, so a reader sees each batch whole or not at all. Cost: publish O(batch ×
// readers), refresh O(tags / 64 + changed).
//
// Historical samples (backfill) never reach the store, and a sample older than the value it
// would replace is dropped: late data must not overwrite a newer live value.
//
//     RealtimeStore store(project.tagCount());
//     RealtimeReader ui(store);                       // in the GUI thread
//     store.publish(batch);                           // in the acquisition thread
//     for (TagId id : ui.refresh()) model.update(id, ui.value(id));
#pragma once

#include "sample.h"

#include <QtGlobal>

#include <mutex>
#include <span>
#include <vector>

namespace PumpWatch {

struct TagValue {
    qint64 timestampMs = 0;
    double value = 0.0;
    Quality quality = Quality::Unknown;
    friend bool operator==(const TagValue&, const TagValue&) = default;
};

class RealtimeReader;

class RealtimeStore {
public:
    explicit RealtimeStore(quint32 tagCount);
    RealtimeStore(const RealtimeStore&) = delete;
    RealtimeStore& operator=(const RealtimeStore&) = delete;

    quint32 tagCount() const { return static_cast<quint32>(m_values.size()); }

    /// Applies the live samples of a batch; returns how many changed the store. Samples with
    /// an unknown tag id, historical samples and samples older than the stored one are ignored.
    int publish(std::span<const Sample> batch);

    /// The current value of one tag (takes the lock; for occasional reads, not for scans).
    TagValue value(TagId id) const;

private:
    friend class RealtimeReader;
    struct ReaderState {
        std::vector<quint64> dirty; ///< one bit per tag changed since the reader's last refresh
        bool any = false;
    };
    void attach(ReaderState* state);
    void detach(ReaderState* state);

    mutable std::mutex m_mutex;
    std::vector<TagValue> m_values;
    std::vector<ReaderState*> m_readers;
};

class RealtimeReader {
public:
    explicit RealtimeReader(RealtimeStore& store);
    ~RealtimeReader();
    RealtimeReader(const RealtimeReader&) = delete;
    RealtimeReader& operator=(const RealtimeReader&) = delete;

    /// Brings the snapshot up to date; returns the tags changed since the previous refresh (all
    /// tags that have a value, on the first), in ascending order so that views can update
    /// contiguous ranges. The returned vector is valid until the next refresh().
    const std::vector<TagId>& refresh();

    const TagValue& value(TagId id) const { return m_snapshot[id]; }
    std::span<const TagValue> values() const { return m_snapshot; }

private:
    RealtimeStore& m_store;
    RealtimeStore::ReaderState m_state;
    std::vector<TagValue> m_snapshot;
    std::vector<TagId> m_changed;
};

} // namespace PumpWatch
