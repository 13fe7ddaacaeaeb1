#include "sqlitememory.h"

#include "dialect.h"

#include <QDebug>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sqlite3.h>
#include <vector>
#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace PumpWatch::History {

namespace {

/// The history database's page size: SQLite's default (4096 on Debian); the schema sets none. A
/// database with other pages keeps working, its pages simply come from malloc.
constexpr qint64 PageBytes = 4096;

/// The slots: a bump pointer over the untouched rest of the mapping, and a LIFO list of freed
/// slots (threaded through their first bytes, which are resident already) used first.
struct Slots {
    char* begin = nullptr;
    char* end = nullptr;
    char* next = nullptr;
    std::size_t slotBytes = 0;
    void* freeList = nullptr;
    std::mutex mutex; // SQLite's connections allocate from several threads
    std::atomic<qint64> inUse{0};
    std::atomic<qint64> highWater{0};
    std::atomic<qint64> overflow{0};
    std::atomic<bool> configured{false};
};

Slots& slots()
{
    static Slots s;
    return s;
}

bool inSlots(const void* p)
{
    const Slots& s = slots();
    return p >= s.begin && p < s.end;
}

void* takeSlot()
{
    Slots& s = slots();
    const std::lock_guard lock(s.mutex);
    void* p = nullptr;
    if (s.freeList) {
        p = s.freeList;
        s.freeList = *static_cast<void**>(p);
    } else if (s.next + s.slotBytes <= s.end) {
        p = s.next;
        s.next += s.slotBytes;
        s.highWater.fetch_add(1, std::memory_order_relaxed);
    } else {
        return nullptr;
    }
    s.inUse.fetch_add(1, std::memory_order_relaxed);
    return p;
}

void giveSlot(void* p)
{
    Slots& s = slots();
    const std::lock_guard lock(s.mutex);
    *static_cast<void**>(p) = s.freeList;
    s.freeList = p;
    s.inUse.fetch_sub(1, std::memory_order_relaxed);
}

#if defined(__GLIBC__)
// Only allocations of one page plus at most SQLite's header go to the slots: the page caches'
// pages and the pagers' page-sized scratch buffers. Everything else is malloc's, as with
// SQLite's own allocator (whose block sizes also come from malloc_usable_size on glibc).
void* memMalloc(int n)
{
    if (n >= PageBytes && std::size_t(n) <= slots().slotBytes) {
        if (void* p = takeSlot())
            return p;
        slots().overflow.fetch_add(1, std::memory_order_relaxed);
    }
    return std::malloc(std::size_t(n));
}

void memFree(void* p)
{
    if (inSlots(p))
        giveSlot(p);
    else
        std::free(p);
}

void* memRealloc(void* p, int n)
{
    if (!inSlots(p))
        return std::realloc(p, std::size_t(n));
    if (std::size_t(n) <= slots().slotBytes)
        return p;
    void* q = std::malloc(std::size_t(n));
    if (!q)
        return nullptr; // SQLite keeps p, as with a failed realloc
    std::memcpy(q, p, slots().slotBytes);
    giveSlot(p);
    return q;
}

int memSize(void* p)
{
    if (!p)
        return 0;
    return inSlots(p) ? int(slots().slotBytes) : int(malloc_usable_size(p));
}

int memRoundup(int n)
{
    return (n + 7) & ~7;
}

int memInit(void*)
{
    return SQLITE_OK;
}

void memShutdown(void*) {}
#endif

} // namespace

bool SqliteMemory::configure()
{
#if defined(__GLIBC__)
    Slots& s = slots();
    if (s.configured.load())
        return true;
    int headerBytes = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &headerBytes) != SQLITE_OK) {
        qWarning().noquote() << tr("SQLite keeps its own memory: it is initialised already");
        return false;
    }
    s.slotBytes = std::size_t(memRoundup(int(PageBytes) + headerBytes));
    // Room for the writer's whole cache and a quarter more for the other connections' caches
    // (readers, the alarm journal) and the pagers' scratch pages. Reserved, not committed: only
    // the slots SQLite uses become resident.
    const qint64 count = qint64(Dialect::SqliteCacheKiB) * 1024 / PageBytes * 5 / 4;
    const std::size_t length = std::size_t(count) * s.slotBytes;
    void* mapping = mmap(nullptr, length, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) {
        qWarning().noquote() << tr("SQLite keeps its own memory: cannot reserve %1 kB (%2)")
                                    .arg(length / 1024)
                                    .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
#if defined(PR_SET_VMA) && defined(PR_SET_VMA_ANON_NAME)
    // Named in /proc/PID/smaps as [anon:sqlite pages] where the kernel supports it (5.17+).
    prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, reinterpret_cast<unsigned long>(mapping), length,
          reinterpret_cast<unsigned long>("sqlite pages"));
#endif
    s.begin = static_cast<char*>(mapping);
    s.end = s.begin + length;
    s.next = s.begin;
    static const sqlite3_mem_methods methods{memMalloc,  memFree, memRealloc,  memSize,
                                             memRoundup, memInit, memShutdown, nullptr};
    if (const int rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods); rc != SQLITE_OK) {
        munmap(mapping, length);
        s.begin = s.end = s.next = nullptr;
        qWarning().noquote()
            << tr("SQLite keeps its own memory: %1").arg(QString::fromUtf8(sqlite3_errstr(rc)));
        return false;
    }
    // Without a buffer of its own SQLite gives each connection a first bulk of 20 pages from
    // one malloc; none, and every page comes through the allocator above, one slot each.
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
    s.configured = true;
    qInfo().noquote() << tr("SQLite pages: %1 slots of %2 bytes in memory of their own at "
                            "0x%3-0x%4")
                             .arg(count)
                             .arg(s.slotBytes)
                             .arg(quintptr(s.begin), 0, 16)
                             .arg(quintptr(s.end), 0, 16);
    return true;
#else
    qWarning().noquote() << tr("SQLite keeps its own memory: not built with glibc");
    return false;
#endif
}

SqliteMemory::Stats SqliteMemory::stats()
{
    Stats st;
#if defined(__GLIBC__)
    const Slots& s = slots();
    if (!s.configured.load())
        return st;
    st.configured = true;
    st.slotBytes = qint64(s.slotBytes);
    st.slots = (s.end - s.begin) / qint64(s.slotBytes);
    st.inUse = s.inUse.load(std::memory_order_relaxed);
    st.highWater = s.highWater.load(std::memory_order_relaxed);
    st.overflow = s.overflow.load(std::memory_order_relaxed);
    // Only the pages below the bump pointer can be resident; mincore reads the kernel's view.
    const long page = sysconf(_SC_PAGESIZE);
    const std::size_t touched = std::size_t(st.highWater) * s.slotBytes;
    const std::size_t length = (touched + std::size_t(page) - 1) / std::size_t(page);
    if (length > 0) {
        std::vector<unsigned char> resident(length);
        if (mincore(s.begin, length * std::size_t(page), resident.data()) == 0)
            for (unsigned char r : resident)
                st.residentBytes += (r & 1) ? page : 0;
    }
#endif
    return st;
}

} // namespace PumpWatch::History
