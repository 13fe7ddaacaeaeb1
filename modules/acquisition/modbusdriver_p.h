// ModbusDriver's insides: devices, links (connections with their request queue), jobs and
// pending writes. Only modbusdriver.cpp and modbusjobs.cpp include it.
#pragma once
#include "modbusdriver.h"
#include "modbusframe.h"

#include <QElapsedTimer>
#include <QTimer>
#include <queue>

#include <array>
#include <deque>
#include <optional>
#include <sys/socket.h>
#include <unordered_map>

class QSocketNotifier;

namespace PumpWatch::Acquisition {

struct PolledDevice {
    int station = 0;
    int device = 0; ///< in its station
    int link = -1;  ///< -1: a device of another driver (never polled)
    QString name;   ///< "S0001/low" for logs and errors
    int unitId = 1;
    int pollMs = 1000;
    int timeoutMs = 1000;
    int retries = 1;
    TagId firstTag = 0;
    std::vector<ReadBlock> blocks;
    std::vector<qint64> badUntil; ///< per block: 0, or when an isolated exception range is retried
    /// An isolated exception range answered again: the device's blocks go back to the planned
    /// ones at the end of the cycle (restorePlan()).
    bool replan = false;
    std::vector<double> last; ///< per tag of the device: last engineering value, NaN if none
    std::vector<Sample> batch;
    qint64 dueMs = 0;        ///< monotonic
    int pending = 0;         ///< read jobs of the current cycle not yet ended
    qint64 cycleStartMs = 0; ///< monotonic
    CommState state = CommState::Unknown;
    qint64 sinceMs = 0;
    QString lastError;
    int failures = 0;    ///< in a row, without a good answer between
    int demoteAfter = 3; ///< failures in a row that demote it (shared links only)
    int demotionMs = 30'000;
    bool demoted = false; ///< tried once per demotionMs until it answers
    qint64 probeAtMs = 0; ///< monotonic; when a demoted device is tried next
    DeviceCounters counters;
    qint64 statusAtMs = 0;         ///< monotonic: when its status last went to the sink
    bool publishedDemoted = false; ///< as it went
    std::array<qint64, Modbus::FaultCount> logAtMs{}; ///< monotonic; when a fault is logged again
    std::array<int, Modbus::FaultCount> unlogged{};   ///< faults not logged since then
};

struct Job {
    enum class Kind : quint8 {
        Read,      ///< a block of the poll cycle
        WriteRead, ///< the read of a read-modify-write
        Write,
        ReadBack,
    };
    Kind kind = Kind::Read;
    int device = 0;
    int block = 0;     ///< Read
    quint64 write = 0; ///< the other kinds
    int attempt = 0;
    bool isRead() const { return kind != Kind::Write; }
};

/// A Modbus request on the wire and its answer as it arrives.
struct Transfer {
    Modbus::Request request;
    quint16 tid = 0;  ///< TCP: of the request last sent
    int sentHere = 0; ///< TCP: requests sent on this connection (their ids end at `tid`)
    /// TCP: an answer with `id` answers a request of this connection that has ended (timed
    /// out, or answered twice) — one of the last 256 sent, not the one in flight.
    bool isLate(quint16 id, bool inFlight) const
    {
        const int age = static_cast<quint16>(tid - id);
        return age < sentHere && age <= 256 && (age > 0 || !inFlight);
    }
    std::array<quint8, Modbus::MaxTcpFrame> tx{};
    int txLength = 0;
    int txSent = 0;
    std::array<quint8, 2 * Modbus::MaxTcpFrame> rx{};
    int rxLength = 0;
    qint64 sentMs = 0;     ///< monotonic
    qint64 deadlineMs = 0; ///< monotonic: no (whole) answer by then is a timeout
    qint64 lastRxMs = 0;   ///< monotonic: RTU frames end when the line goes quiet
};

struct PendingWrite {
    WriteRecord record;
    WriteDone done;
    ReadItem item;
    int device = 0;
    std::vector<quint16> regs; ///< what is written (registers, or one 0/1 per coil)
};

struct Link {
    enum class State : quint8 { Down, Connecting, Up };
    Protocol protocol = Protocol::ModbusTcp;
    QString endpoint;
    SerialSettings serial; ///< RTU: of the line (its first device's settings)
    int fd = -1;
    quint32 generation = 0; ///< bumped on close: epoll events of an earlier socket are ignored
    bool wantWrite = false; ///< EPOLLOUT is asked for (connecting, or a request not all sent)
    State state = State::Down;
    std::deque<Job> queue;
    std::deque<Job> probes; ///< demoted devices' single tries, when the queue has none
    std::optional<Job> current;
    Transfer io;
    int timeoutMs = 1000;
    int quietMs = 5; ///< RTU: silence that ends a frame
    /// Shared TCP link: the units that failed since its last good answer (all of them: the
    /// gateway itself is dead)
    std::vector<bool> failedUnits;
    int failedUnitCount = 0;
    bool lookingUp = false; ///< a host name is being looked up (not counted as connecting)
    qint64 wakeMs = 0;      ///< monotonic: when onWake() looks at this link, 0 for never
    sockaddr_storage address{};
    socklen_t addressLength = 0; ///< 0 until the host name is resolved
    sockaddr_storage lastGood{}; ///< a host name's last looked-up address (a fallback)
    socklen_t lastGoodLength = 0;
    qint64 connectStartMs = 0;
    qint64 reconnectAtMs = 0;
    bool everUp = false;
    Backoff backoff;
    std::vector<int> devices;
};

class ModbusDriver::Private {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Acquisition::ModbusDriver)

public:
    Private(ModbusDriver* q, const Project& project, const Clock& clock, AcquisitionSink& sink,
            const ModbusDriverOptions& options);

    // modbusdriver.cpp: structure, scheduling, links and status
    void build();
    void start();
    void stop();
    qint64 mono() const { return m_mono.elapsed(); }
    void armTimer();
    void onTimer();
    void startCycle(int device);
    void watchdog();
    void linkFailed(int link, const QString& reason);
    void deviceFailed(int device, const QString& reason);
    void deviceAnswered(int device);
    void setState(int device, CommState state, const QString& error);
    void publishBad(int device, Quality quality, std::span<const ReadItem> items);
    void flushCycle(int device);
    /// Back to the planned blocks once no isolated exception range of the device is left bad.
    void restorePlan(int device);
    QString linkName(const Link& link) const;
    bool shared(const Link& link) const
    {
        return link.devices.size() > 1 || link.protocol == Protocol::ModbusRtu;
    }
    /// The device's status as it stands, its state before it `previous`.
    CommStatus statusOf(const PolledDevice& device, CommState previous) const;
    /// Sends it to the sink and remembers when.
    void publishStatus(int device, CommState previous);

    // modbuslinks.cpp: sockets and serial lines on one epoll set, frames in and out
    bool openPoller();
    void closePoller();
    void connectLink(int link);
    void resolved(int link, const QString& error);
    void closeLink(Link& link);
    void onPoller();
    void onEvents(int link, quint32 events);
    void connected(int link);
    void flushTx(int link);
    void readTcp(int link);
    void readRtu(int link, quint32 events);
    /// RTU: how long the line must stay quiet to end a frame whose header says `length`.
    static int quietFor(const Link& link, int length)
    {
        return length < 0 ? std::max(link.quietMs, 20) : link.quietMs;
    }
    void onWake(int link);
    void wakeAt(int link, qint64 ms);
    void endTransfer(int link, const Modbus::Answer& answer);
    void invalidAnswer(int link, const Job& job, const Modbus::Answer& answer);
    QString faultText(const Modbus::Answer& answer) const;

    // modbusjobs.cpp: requests, replies and writes
    void pump(int link);
    void send(int link, const Job& job);
    Modbus::Request request(const Job& job) const;
    void readDone(int link, const Job& job, std::span<const quint16> values);
    void exceptionDone(int link, const Job& job, int code);
    void failed(int link, const Job& job, const QString& reason, bool timeout);
    void blockEnded(int device);
    quint64 write(TagId tag, double value, const QString& user, WriteDone done);
    void writeStep(int link, const Job& job, std::span<const quint16> values);
    void finishWrite(quint64 id, bool ok, const QString& error);
    const ReadItem* findItem(const PolledDevice& device, TagId tag) const;
    static QString exceptionText(int code);

    ModbusDriver* q;
    const Project& project;
    const Clock& clock;
    AcquisitionSink& sink;
    ModbusDriverOptions options;
    QElapsedTimer m_mono;
    QTimer timer; ///< the next due device or link wake-up
    qint64 timerAtMs = -1;
    QTimer watchdogTimer;
    int epollFd = -1;
    QSocketNotifier* epollNotifier = nullptr;
    std::vector<quint16> values = std::vector<quint16>(Modbus::MaxReadBits); ///< of an answer
    std::vector<PolledDevice> devices;
    std::vector<Link> links;
    std::vector<int> firstDevice; ///< per station: index of its first device in `devices`
    std::vector<CommStatus> stations;
    using Due = std::pair<qint64, int>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> due;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> wakes; ///< (ms, link), lazily
                                                                      ///< cleaned
    std::unordered_map<quint64, PendingWrite> writes;
    quint64 nextWrite = 0;
    ModbusDriverStats stats;
    bool running = false;
};

} // namespace PumpWatch::Acquisition
