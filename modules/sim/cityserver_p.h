// Private parts of CityServer shared by its I/O (cityserver.cpp) and its control commands
// (cityservercontrol.cpp).
#pragma once

#include "cityserver.h"
#include "modbusframe.h"

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <modbus/modbus.h>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace PumpWatch::Sim {

/// One PLC: a device of the city with its register map and communication faults.
struct ServedDevice {
    int unit = 0; ///< index into City::units()
    int port = 0; ///< index into Impl::ports; -1 for a gateway's device (not served as a PLC)
    int unitId = 1;
    modbus_mapping_t* map = nullptr;
    bool silent = false;      ///< hung: reads requests, never answers
    qint64 deadAtWallMs = -1; ///< power outage: silent from then on (UPS exhausted)
    int latencyMs = 0;
    bool misanswer = false;     ///< a firmware bug: reads answered with another function code
    quint16 exceptionStart = 0; ///< answer `exceptionCode` to requests touching this range
    quint16 exceptionCount = 0;
    quint8 exceptionCode = 0;
};

/// A TCP listener or an RTU line, with the devices behind it.
struct Port {
    bool rtu = false;
    int fd = -1;      ///< listening socket, or the pty master
    int slaveFd = -1; ///< RTU: the pty slave, held open so the master never sees a hang-up
    QString endpoint; ///< "host:port" or the RTU line's path
    QString ptyName;
    std::vector<int> devices; ///< into Impl::devices
    QByteArray pending;       ///< RTU: bytes received, not yet a whole frame
};

struct Connection {
    int fd = -1;
    int port = 0;
    quint64 serial = 0;
    QByteArray pending;
};

struct DelayedReply {
    int fd = -1;
    quint64 serial = 0; ///< of the connection (fds are reused); 0 for RTU lines
    int device = 0;
    QByteArray frame;
};

struct CityServer::Impl {
    City& city;
    ServerOptions options;
    ServerHook* hook = nullptr;
    std::vector<ServedDevice> devices;
    std::vector<Port> ports;
    std::unordered_map<int, Connection> connections; ///< by fd
    std::unordered_map<int, int> portOfFd;           ///< listening / pty fds
    std::multimap<qint64, DelayedReply> delayed;     ///< by wall-clock due time
    modbus_t* tcp = nullptr; ///< reply builders; their socket is set per request
    modbus_t* rtu = nullptr;
    int epollFd = -1;
    int wakeFd = -1;  ///< eventfd: commands posted or stop requested
    int timerFd = -1; ///< the model tick
    quint64 nextSerial = 1;
    std::thread thread;
    std::atomic<bool> running{false};
    std::atomic<bool> stopping{false};

    // Simulated time: simMs = simBase + (wall − wallBase) · speed, unless paused.
    qint64 wallBase = 0;
    qint64 simBase = 0;
    bool paused = false;

    std::mutex queueMutex;
    std::deque<std::function<void()>> queue;

    std::atomic<quint64> requests{0};
    std::atomic<quint64> exceptions{0};
    std::atomic<quint64> accepted{0};

    Impl(City& c, const ServerOptions& o)
        : city(c)
        , options(o)
    {}
    ~Impl();

    bool open(QStringList* errors);
    bool openTcp(Port& port, QStringList* errors);
    bool openRtu(Port& port, QStringList* errors);
    void allocateMap(ServedDevice& device);
    void loop();
    void tick();
    void runHook(qint64 wall);
    void writeRegisters(ServedDevice& device);
    void afterWrite(ServedDevice& device, const ModbusFrame::Request& request);

    void accept(Port& port);
    void readConnection(Connection& connection);
    void readRtu(Port& port);
    void closeConnection(int fd);
    void dropConnections(int port);
    /// A whole request arrived; route it to a device and answer (now or later).
    void handle(Port& port, int fd, quint64 serial, const QByteArray& frame);
    void reply(ServedDevice& device, int fd, const QByteArray& frame);
    void flushDelayed(qint64 nowWall);
    bool deviceSilent(const ServedDevice& device, qint64 nowWall) const;

    qint64 simNow(qint64 wall) const;
    void rebase(qint64 wall);

    // Control commands (cityservercontrol.cpp).
    QString execute(const QString& line);
};

qint64 wallClockMs();

} // namespace PumpWatch::Sim
