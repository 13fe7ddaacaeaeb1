// SqliteMemory: SQLite's page-sized allocations (the pages of every connection's page cache)
// in a mapping of their own, apart from the C library's heap.
//
// A history writer's page cache grows with its database up to Dialect::SqliteCacheKiB. Taken
// from the heap, its pages interleave with the writer's transient buffers, and the holes those
// leave behind cannot be handed back to the system: the RSS creeps although nothing leaks
// (docs/performance.md § Soak). Here the pages come from one reserved anonymous mapping that is
// touched only as slots are first used, so its resident size is the cache's high-water mark
// and the heap holds only the rest.
//
// SQLITE_CONFIG_PAGECACHE would be the documented way, but SQLite threads its free list through
// every slot of such a buffer when it initialises: the whole buffer (64 MiB) is resident from
// the start. The allocator given to SQLite instead (SQLITE_CONFIG_MALLOC) serves allocations of
// one page plus SQLite's page header from the mapping, lazily, and everything else from malloc.
//
//     int main() { …; History::SqliteMemory::configure(); /* before any connection opens */ }
#pragma once

#include <QCoreApplication>
#include <QtGlobal>

namespace PumpWatch::History {

class SqliteMemory {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::SqliteMemory)

public:
    /// Installs the allocator, once per process, before SQLite is initialised (before the first
    /// connection opens). Logs where the pages live, or why SQLite keeps its own allocator
    /// (then false: already initialised, not glibc, no address space).
    static bool configure();

    struct Stats {
        bool configured = false;
        qint64 slotBytes = 0;     ///< one page and SQLite's header for it
        qint64 slots = 0;         ///< what the mapping holds
        qint64 inUse = 0;         ///< slots SQLite holds now
        qint64 highWater = 0;     ///< slots ever touched
        qint64 residentBytes = 0; ///< of the mapping, in memory now (mincore)
        qint64 overflow = 0; ///< page allocations that found the mapping full and went to malloc
    };
    /// Safe from any thread.
    static Stats stats();
};

} // namespace PumpWatch::History
