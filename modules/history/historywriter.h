// HistoryWriter: the write side of history. It takes Sample batches, keeps what deadband and
// heartbeat say to keep, writes each batch in one transaction, maintains the hourly and daily
// rollups as it goes, and spools to a local file while the database cannot be reached.
//
// Life of a sample:
//  - older than its series' newest sample (backfill, store-and-forward from a gateway): written
//    as it is, and its series' rollups are recomputed from the raw data at the next flush();
//  - otherwise deadband/heartbeat decide; a kept sample goes into the batch's raw rows and into
//    its series' SeriesRollup, whose closed hours and days wait for flush().
// flush() writes the closed periods, the open hour and day and each series' state in one
// transaction, then recomputes late series. The open rows it writes are extended to the
// clock's now as if the last value went on holding (within the hold limit), so the current
// hour of a steady value is not blank; the extension is recorded and taken off on restore. The
// state makes a restart continue exactly; raw rows committed after the last flush are replayed by
// open().
//
// The time the writer was not running (a stop, a crash, a kill -9) is a gap, not a held value:
// nothing was acquired, so a value stored before it must not hold across it (rollup.h). The
// first open() therefore stores, for every series whose last stored value would still hold, a
// sample of quality Unknown (no value) 1 ms after the last moment the earlier run is known to
// have been alive: its newest stored sample or the end of its last flush's extension to "now".
// Rollups stop holding there and a trend's line breaks there; the time up to this run's first
// sample is not covered. Counters get none: their advance is spread over a gap by design.
//
// When a statement fails the connection is dropped, the batch goes to the spool, and the
// connection listener hears (false, error); retryConnection() reconnects with backoff, drains
// the spool (nothing lost, nothing doubled: rows are keyed by series and time) and tells
// (true, {}). A HistoryWriter lives in one thread (HistoryService's); it opens its own
// connection there.
//
//     HistoryWriter writer(project, clock, options, [](bool ok, const QString& e) { … });
//     writer.open();
//     writer.write(samples);
//     writer.flush();
#pragma once

#include "calendar.h"
#include "dialect.h"
#include "historyoptions.h"
#include "journal.h"
#include "rollup.h"
#include "spool.h"

#include <core/clock.h>
#include <core/project.h>
#include <core/sample.h>

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>

#include <functional>
#include <map>
#include <span>
#include <vector>

namespace PumpWatch::History {

class HistoryWriter {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::HistoryWriter)

public:
    using ConnectionListener = std::function<void(bool connected, const QString& error)>;

    HistoryWriter(const Project& project, const Clock& clock, const HistoryOptions& options,
                  ConnectionListener listener = {});
    ~HistoryWriter();
    HistoryWriter(const HistoryWriter&) = delete;
    HistoryWriter& operator=(const HistoryWriter&) = delete;

    /// Connects, migrates, maps the project's tags to series, drains a spool left by an earlier
    /// run and replays raw rows newer than the saved state. False when the database cannot be
    /// reached; samples then spool until retryConnection() succeeds.
    bool open();
    void write(std::span<const Sample> samples);
    /// Queues alarm journal entries and audit records and writes them (kept while disconnected).
    void journal(std::span<const JournalEntry> entries, std::span<const AuditEntry> audit);
    /// Writes rollups and state, recomputes after late samples. False while disconnected.
    bool flush();
    /// Deletes what the retention says is too old; returns the rows deleted, -1 on failure.
    qint64 applyRetention();
    /// Reconnects when the backoff allows it; true when connected afterwards.
    bool retryConnection();

    bool isConnected() const { return m_stats.connected; }
    /// The counters, and the page cache as it is now.
    HistoryStats stats() const;
    qint64 spoolPending() const { return m_spool.pending(); }
    qsizetype journalPending() const { return m_journal.pending(); }
    /// The database id of a tag's series (-1 before open()).
    qint64 seriesId(TagId tag) const;

private:
    struct Series;
    struct RawRow {
        TagId tag;
        qint64 timestampMs;
        double value;
        Quality quality;
        bool late;
    };
    struct ClosedRow {
        TagId tag;
        Resolution resolution;
        RollupRow row;
    };

    bool connect();
    bool mapSeries(QString* error);
    bool restoreState(QString* error);
    bool replay(QString* error);
    /// Stores the "no value" samples that make the earlier run's downtime a gap (see above).
    void recordDowntime();
    /// write() without counting the samples as received.
    void store(std::span<const Sample> samples);
    bool drainSpool();
    bool flushJournal();
    bool insertRaw(const std::vector<RawRow>& rows, QString* error);
    bool writeRollups(QString* error);
    bool recompute(TagId tag, qint64 fromMs, QString* error);
    /// Adds an in-order sample to the series' rollups and queues the periods it closes.
    bool addToRollup(TagId tag, const Point& p);
    void markLate(TagId tag, qint64 timestampMs);
    void disconnected(const QString& error);
    void spool(const std::vector<RawRow>& rows);
    bool mustStore(const Series& s, const Sample& sample) const;

    const Project& m_project;
    const Clock& m_clock;
    HistoryOptions m_options;
    ConnectionListener m_listener;
    Dialect m_dialect;
    PeriodCalendar m_calendar;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_announcedDown = false; ///< the listener was told the database is lost
    qint64 m_nextRetryMs = 0;
    qint64 m_aliveUntilMs = -1; ///< when earlier runs were last known alive (restore, replay)
    int m_failures = 0;
    Spool m_spool;
    JournalWriter m_journal;
    std::vector<Series> m_series; ///< by TagId
    QHash<qint64, TagId> m_tagOfSeries;
    std::vector<ClosedRow> m_closed; ///< closed periods waiting for flush()
    std::vector<TagId> m_dirty;      ///< series whose state changed since the last flush
    std::map<TagId, qint64> m_late;  ///< series → earliest late sample, to recompute
    std::vector<RollupRow> m_scratchHours, m_scratchDays;
    HistoryStats m_stats;
};

} // namespace PumpWatch::History
