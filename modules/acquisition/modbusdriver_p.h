// ModbusDriver's insides: devices, links (connections with their request queue), jobs and
// pending writes. Only modbusdriver.cpp and modbusjobs.cpp include it.
#pragma once
#include "modbusdriver.h"

#include <QElapsedTimer>
#include <QModbusDataUnit>
#include <QTimer>
#include <queue>

#include <deque>
#include <optional>
#include <unordered_map>

class QModbusClient;
class QModbusReply;

namespace PumpWatch::Acquisition {

struct PolledDevice {
    int station = 0;
    int device = 0; ///< in its station
    int link = 0;
    QString name; ///< "S0001/low" for logs and errors
    int unitId = 1;
    int pollMs = 1000;
    int timeoutMs = 1000;
    int retries = 1;
    TagId firstTag = 0;
    std::vector<ReadBlock> blocks;
    std::vector<qint64> badUntil; ///< per block: 0, or when an isolated exception range is retried
    std::vector<double> last;     ///< per tag of the device: last engineering value, NaN if none
    std::vector<Sample> batch;
    qint64 dueMs = 0;        ///< monotonic
    int pending = 0;         ///< read jobs of the current cycle not yet ended
    qint64 cycleStartMs = 0; ///< monotonic
    CommState state = CommState::Unknown;
    qint64 sinceMs = 0;
    QString lastError;
    Backoff backoff;      ///< a silent unit on a shared line
    qint64 retryAtMs = 0; ///< monotonic; when a silent unit is polled again
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
    QModbusClient* client = nullptr;
    State state = State::Down;
    std::deque<Job> queue;
    std::optional<Job> current;
    QModbusReply* reply = nullptr;
    qint64 sentMs = 0; ///< monotonic
    int timeoutMs = 1000;
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
    void createClient(int link);
    void connectLink(int link);
    void onStateChanged(int link);
    void linkFailed(int link, const QString& reason);
    void deviceFailed(int device, const QString& reason);
    void deviceAnswered(int device);
    void setState(int device, CommState state, const QString& error);
    void publishBad(int device, Quality quality, std::span<const ReadItem> items);
    void flushCycle(int device);
    QString linkName(const Link& link) const;

    // modbusjobs.cpp: requests, replies and writes
    void pump(int link);
    void send(int link, const Job& job);
    void onReply(int link, QModbusReply* reply);
    void readDone(int link, const Job& job, const QModbusDataUnit& unit);
    void exceptionDone(int link, const Job& job, int code);
    void failed(int link, const Job& job, const QString& reason, bool timeout);
    void blockEnded(int device);
    quint64 write(TagId tag, double value, const QString& user, WriteDone done);
    void writeStep(int link, const Job& job, const QModbusDataUnit& unit);
    void finishWrite(quint64 id, bool ok, const QString& error);
    const ReadItem* findItem(const PolledDevice& device, TagId tag) const;
    static QString exceptionText(int code);

    ModbusDriver* q;
    const Project& project;
    const Clock& clock;
    AcquisitionSink& sink;
    ModbusDriverOptions options;
    QElapsedTimer m_mono;
    QTimer timer; ///< the next due device
    QTimer watchdogTimer;
    std::vector<PolledDevice> devices;
    std::vector<Link> links;
    std::vector<int> firstDevice; ///< per station: index of its first device in `devices`
    std::vector<CommStatus> stations;
    using Due = std::pair<qint64, int>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> due;
    std::unordered_map<quint64, PendingWrite> writes;
    quint64 nextWrite = 0;
    ModbusDriverStats stats;
    bool running = false;
};

} // namespace PumpWatch::Acquisition
