// HistoryOptions: how history is stored — where, how often a steady value is kept, how long
// each resolution is retained, where samples wait while the database is away. Plain value type.
#pragma once

#include "databaseurl.h"

namespace PumpWatch::History {

struct Retention {
    int rawDays = 90;       ///< raw samples; 0 keeps them for ever
    int hourDays = 3 * 366; ///< hourly rollups
    int dayDays = 0;        ///< daily rollups (production reports go back years)
};

struct HistoryOptions {
    DatabaseUrl database;
    QString spoolDirectory;        ///< the store-and-forward file lives here
    qint64 heartbeatMs = 600'000;  ///< a steady value is stored at least this often
    qint64 holdLimitMs = 0;        ///< how long a value holds in rollups; 0: 2 × heartbeat
    qint64 rollupFlushMs = 60'000; ///< how often the service writes the open hour and day
    qint64 batchMs = 500;          ///< how long the service gathers samples into one batch
    Retention retention;
    int busyTimeoutMs = 5'000; ///< SQLite: how long to wait for another process's lock
    int reconnectInitialMs = 1'000;
    int reconnectMaximumMs = 30'000;

    qint64 effectiveHoldLimitMs() const { return holdLimitMs > 0 ? holdLimitMs : 2 * heartbeatMs; }
};

struct HistoryStats {
    qint64 received = 0; ///< samples handed to the writer
    qint64 stored = 0;   ///< rows committed to the database (live, late and drained)
    qint64 filtered = 0; ///< dropped by deadband (within band, before the heartbeat)
    qint64 late = 0;     ///< older than their series' newest sample (backfill)
    qint64 spooled = 0;  ///< rows written to the spool file
    qint64 drained = 0;  ///< rows moved from the spool into the database
    qint64 batches = 0;
    qint64 failedBatches = 0;
    qint64 recomputedSeries = 0; ///< rollup recomputations after late samples
    bool connected = false;
    QString lastError;
    /// SQLite: the bytes the writer's page cache holds, up to Dialect::SqliteCacheKiB; -1 on
    /// PostgreSQL or while disconnected.
    qint64 cacheBytes = -1;
};

} // namespace PumpWatch::History
