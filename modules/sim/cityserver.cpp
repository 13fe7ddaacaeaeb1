#include "cityserver_p.h"

#include <core/modbuscrc.h>
#include <core/registercodec.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <termios.h>
#include <unistd.h>

namespace PumpWatch::Sim {
namespace {

constexpr int MaxPending = 4096; ///< bytes a client may send ahead without a whole request

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

/// Thousands of stations need thousands of descriptors: lift the soft limit to the hard one.
void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

std::span<const quint8> bytes(const QByteArray& a)
{
    return {reinterpret_cast<const quint8*>(a.constData()), static_cast<std::size_t>(a.size())};
}

template <typename T>
T* slot(T* table, int tableStart, int tableCount, int start, int count)
{
    if (table == nullptr || start < tableStart || start + count > tableStart + tableCount)
        return nullptr;
    return table + (start - tableStart);
}

/// The registers of a holding/input register location, if the map holds them.
quint16* registersAt(modbus_mapping_t* m, const ModbusLocation& loc)
{
    if (loc.area == AddressArea::HoldingRegister)
        return slot(m->tab_registers, m->start_registers, m->nb_registers, loc.start, loc.count);
    if (loc.area == AddressArea::InputRegister)
        return slot(m->tab_input_registers, m->start_input_registers, m->nb_input_registers,
                    loc.start, loc.count);
    return nullptr;
}

/// The bit of a coil/discrete input location, if the map holds it.
quint8* bitAt(modbus_mapping_t* m, const ModbusLocation& loc)
{
    if (loc.area == AddressArea::Coil)
        return slot(m->tab_bits, m->start_bits, m->nb_bits, loc.start, 1);
    if (loc.area == AddressArea::DiscreteInput)
        return slot(m->tab_input_bits, m->start_input_bits, m->nb_input_bits, loc.start, 1);
    return nullptr;
}

} // namespace

qint64 wallClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

CityServer::Impl::~Impl()
{
    for (const auto& [fd, c] : connections)
        ::close(fd);
    for (Port& p : ports) {
        if (p.fd >= 0)
            ::close(p.fd);
        if (p.slaveFd >= 0)
            ::close(p.slaveFd);
        if (p.rtu && QFileInfo(p.endpoint).isSymLink())
            QFile::remove(p.endpoint);
    }
    for (ServedDevice& d : devices)
        modbus_mapping_free(d.map);
    for (modbus_t* ctx : {tcp, rtu}) {
        if (ctx) {
            modbus_set_socket(ctx, -1);
            modbus_free(ctx);
        }
    }
    for (int fd : {epollFd, wakeFd, timerFd}) {
        if (fd >= 0)
            ::close(fd);
    }
}

void CityServer::Impl::allocateMap(ServedDevice& device)
{
    const CityUnit& unit = city.units()[static_cast<std::size_t>(device.unit)];
    const Device& dev = city.device(unit);
    // Every tag of the device occupies its registers, bound to the model or not (PLC memory).
    struct Range {
        int lo = 65536, hi = -1;
    } ranges[5];
    for (TagId id = dev.firstTag; id < dev.firstTag + dev.tagCount; ++id) {
        const TagDef& def = city.project().tag(id);
        const ModbusMapping where =
            toModbus(def.address, def.type, dev.settings.addressing, dev.settings.holdStart);
        if (!where.location)
            continue;
        Range& r = ranges[static_cast<int>(where.location->area)];
        r.lo = std::min(r.lo, int(where.location->start));
        r.hi = std::max(r.hi, where.location->start + where.location->count - 1);
    }
    auto span = [&](AddressArea a) {
        const Range& r = ranges[static_cast<int>(a)];
        return r.hi < 0 ? std::pair{0, 0} : std::pair{r.lo, r.hi - r.lo + 1};
    };
    const auto [coilStart, coils] = span(AddressArea::Coil);
    const auto [diStart, dis] = span(AddressArea::DiscreteInput);
    const auto [hrStart, hrs] = span(AddressArea::HoldingRegister);
    const auto [irStart, irs] = span(AddressArea::InputRegister);
    device.map = modbus_mapping_new_start_address(coilStart, coils, diStart, dis, hrStart, hrs,
                                                  irStart, irs);
}

bool CityServer::Impl::open(QStringList* errors)
{
    raiseFileLimit();
    // Group the devices by endpoint, in project order.
    std::map<QString, int> portOf;
    for (int u = 0; u < static_cast<int>(city.units().size()); ++u) {
        const CityUnit& unit = city.units()[static_cast<std::size_t>(u)];
        const DeviceSettings& s = city.device(unit).settings;
        if (isMqtt(s.protocol)) { // its gateway publishes it (ServerHook); the model still runs
            ServedDevice d;
            d.unit = u;
            d.port = -1;
            allocateMap(d);
            devices.push_back(d);
            continue;
        }
        auto [it, added] = portOf.try_emplace(s.endpoint, static_cast<int>(ports.size()));
        if (added) {
            Port p;
            p.rtu = s.protocol == Protocol::ModbusRtu;
            p.endpoint = s.endpoint;
            ports.push_back(p);
        }
        Port& port = ports[static_cast<std::size_t>(it->second)];
        for (int other : port.devices) {
            if (devices[static_cast<std::size_t>(other)].unitId == s.unitId) {
                errors->append(
                    CityServer::tr("%1: unit id %2 on %3 is taken by %4")
                        .arg(city.unitName(unit))
                        .arg(s.unitId)
                        .arg(s.endpoint, city.unitName(city.units()[static_cast<std::size_t>(
                                             devices[static_cast<std::size_t>(other)].unit)])));
            }
        }
        ServedDevice d;
        d.unit = u;
        d.port = it->second;
        d.unitId = s.unitId;
        allocateMap(d);
        port.devices.push_back(static_cast<int>(devices.size()));
        devices.push_back(d);
    }
    tcp = modbus_new_tcp("127.0.0.1", 502);
    rtu = modbus_new_rtu("/dev/null", 9600, 'N', 8, 1);
    epollFd = epoll_create1(EPOLL_CLOEXEC);
    wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    timerFd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    for (Port& port : ports) {
        if (port.rtu ? !openRtu(port, errors) : !openTcp(port, errors))
            continue;
        portOfFd[port.fd] = static_cast<int>(&port - ports.data());
        epoll_event ev{EPOLLIN, {.fd = port.fd}};
        epoll_ctl(epollFd, EPOLL_CTL_ADD, port.fd, &ev);
    }
    for (int fd : {wakeFd, timerFd}) {
        epoll_event ev{EPOLLIN, {.fd = fd}};
        epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &ev);
    }
    const qint64 wall = wallClockMs();
    wallBase = wall;
    simBase = options.startMs > 0 ? options.startMs : city.timeMs();
    city.advance(simBase);
    for (ServedDevice& d : devices)
        writeRegisters(d);
    runHook(wall);
    return errors->isEmpty();
}

bool CityServer::Impl::openTcp(Port& port, QStringList* errors)
{
    const ServedDevice& first = devices[static_cast<std::size_t>(port.devices.front())];
    const QString who = city.unitName(city.units()[static_cast<std::size_t>(first.unit)]);
    const qsizetype colon = port.endpoint.lastIndexOf(u':');
    bool ok = false;
    const int number = colon > 0 ? port.endpoint.mid(colon + 1).toInt(&ok) : 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<quint16>(number));
    if (!ok || number < 1 || number > 65535 ||
        inet_pton(AF_INET, port.endpoint.left(colon).toLatin1().constData(), &addr.sin_addr) != 1) {
        errors->append(
            CityServer::tr("%1: endpoint '%2' is not an IPv4 host:port").arg(who, port.endpoint));
        return false;
    }
    port.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int yes = 1;
    setsockopt(port.fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (bind(port.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        listen(port.fd, 64) != 0) {
        errors->append(
            CityServer::tr("%1: cannot listen on %2: %3").arg(who, port.endpoint, errnoText()));
        ::close(port.fd);
        port.fd = -1;
        return false;
    }
    return true;
}

bool CityServer::Impl::openRtu(Port& port, QStringList* errors)
{
    const ServedDevice& first = devices[static_cast<std::size_t>(port.devices.front())];
    const QString who = city.unitName(city.units()[static_cast<std::size_t>(first.unit)]);
    const QFileInfo link(port.endpoint);
    if (link.exists() && !link.isSymLink()) {
        errors->append(CityServer::tr("%1: %2 exists and is not a link the simulator made")
                           .arg(who, port.endpoint));
        return false;
    }
    port.fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (port.fd < 0 || grantpt(port.fd) != 0 || unlockpt(port.fd) != 0) {
        errors->append(CityServer::tr("%1: cannot create a pty: %2").arg(who, errnoText()));
        return false;
    }
    port.ptyName = QString::fromLocal8Bit(ptsname(port.fd));
    port.slaveFd = ::open(ptsname(port.fd), O_RDWR | O_NOCTTY | O_CLOEXEC);
    termios raw{};
    tcgetattr(port.slaveFd, &raw);
    cfmakeraw(&raw);
    tcsetattr(port.slaveFd, TCSANOW, &raw);
    QDir().mkpath(link.absolutePath());
    QFile::remove(port.endpoint);
    if (!QFile::link(port.ptyName, port.endpoint)) {
        errors->append(
            CityServer::tr("%1: cannot link %2 to %3").arg(who, port.endpoint, port.ptyName));
        return false;
    }
    return true;
}

qint64 CityServer::Impl::simNow(qint64 wall) const
{
    if (paused)
        return simBase;
    return simBase + static_cast<qint64>(static_cast<double>(wall - wallBase) * options.speed);
}

void CityServer::Impl::rebase(qint64 wall)
{
    simBase = simNow(wall);
    wallBase = wall;
}

void CityServer::Impl::writeRegisters(ServedDevice& device)
{
    CityUnit& unit = city.units()[static_cast<std::size_t>(device.unit)];
    const WordOrder order = city.device(unit).settings.wordOrder;
    for (const Binding& b : unit.bindings) {
        const double raw = b.scale.toRaw(unit.house.value(b.var));
        if (quint16* regs = registersAt(device.map, b.location))
            RegisterCodec::write(b.location, b.type, order, raw, {regs, b.location.count});
        else if (quint8* bit = bitAt(device.map, b.location))
            *bit = raw != 0 ? 1 : 0;
    }
}

void CityServer::Impl::afterWrite(ServedDevice& device, const ModbusFrame::Request& request)
{
    CityUnit& unit = city.units()[static_cast<std::size_t>(device.unit)];
    const WordOrder order = city.device(unit).settings.wordOrder;
    for (const Binding& b : unit.bindings) {
        const ModbusLocation& loc = b.location;
        if (!b.writable || loc.area != request.area || loc.start + loc.count <= request.start ||
            loc.start >= request.start + request.count)
            continue;
        if (const quint8* bit = bitAt(device.map, loc))
            city.applyWrite(unit, b, *bit);
        else if (const quint16* regs = registersAt(device.map, loc))
            city.applyWrite(unit, b, RegisterCodec::read(loc, b.type, order, {regs, loc.count}));
    }
}

void CityServer::Impl::tick()
{
    const qint64 wall = wallClockMs();
    city.advance(simNow(wall));
    for (ServedDevice& d : devices)
        writeRegisters(d);
    runHook(wall);
}

void CityServer::Impl::runHook(qint64 wall)
{
    if (hook)
        hook->afterTick(city, city.timeMs(), wall, paused ? 0.0 : options.speed);
}

bool CityServer::Impl::deviceSilent(const ServedDevice& device, qint64 nowWall) const
{
    return device.silent || (device.deadAtWallMs >= 0 && nowWall >= device.deadAtWallMs);
}

void CityServer::Impl::accept(Port& port)
{
    for (;;) {
        const int fd = accept4(port.fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        const int yes = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        Connection c;
        c.fd = fd;
        c.port = static_cast<int>(&port - ports.data());
        c.serial = nextSerial++;
        connections[fd] = c;
        epoll_event ev{EPOLLIN | EPOLLRDHUP, {.fd = fd}};
        epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &ev);
        ++accepted;
    }
}

void CityServer::Impl::closeConnection(int fd)
{
    epoll_ctl(epollFd, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    connections.erase(fd);
}

void CityServer::Impl::dropConnections(int port)
{
    std::vector<int> fds;
    for (const auto& [fd, c] : connections) {
        if (c.port == port)
            fds.push_back(fd);
    }
    for (int fd : fds)
        closeConnection(fd);
}

void CityServer::Impl::readConnection(Connection& c)
{
    char buffer[1024];
    for (;;) {
        const ssize_t n = ::read(c.fd, buffer, sizeof buffer);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            closeConnection(c.fd);
            return;
        }
        if (n < 0)
            break;
        c.pending.append(buffer, n);
    }
    const int fd = c.fd;
    const quint64 serial = c.serial;
    Port& port = ports[static_cast<std::size_t>(c.port)];
    for (;;) {
        auto it = connections.find(fd);
        if (it == connections.end() || it->second.serial != serial)
            return; // closed while answering
        QByteArray& pending = it->second.pending;
        const int length = ModbusFrame::tcpFrameLength(bytes(pending));
        if (length == ModbusFrame::Invalid || pending.size() > MaxPending) {
            closeConnection(fd); // not Modbus TCP: a real PLC drops such a peer
            return;
        }
        if (length == ModbusFrame::Incomplete)
            return;
        const QByteArray frame = pending.left(length);
        pending.remove(0, length);
        handle(port, fd, serial, frame);
    }
}

void CityServer::Impl::readRtu(Port& port)
{
    char buffer[512];
    for (;;) {
        const ssize_t n = ::read(port.fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        port.pending.append(buffer, n);
    }
    while (!port.pending.isEmpty()) {
        const int length = ModbusFrame::rtuFrameLength(bytes(port.pending));
        if (length == ModbusFrame::Incomplete)
            return;
        if (length == ModbusFrame::Invalid ||
            !ModbusCrc::valid(bytes(port.pending).first(std::size_t(length)))) {
            port.pending.remove(0, 1); // noise on the line: resynchronise on the next byte
            continue;
        }
        const QByteArray frame = port.pending.left(length);
        port.pending.remove(0, length);
        handle(port, port.fd, 0, frame);
    }
}

void CityServer::Impl::handle(Port& port, int fd, quint64 serial, const QByteArray& frame)
{
    const quint8 unitId = static_cast<quint8>(frame[port.rtu ? 0 : 6]);
    int device = -1;
    if (!port.rtu && port.devices.size() == 1) {
        device = port.devices.front();
    } else {
        for (int d : port.devices) {
            if (devices[static_cast<std::size_t>(d)].unitId == unitId)
                device = d;
        }
    }
    if (device < 0) {
        if (!port.rtu) { // a gateway answers for targets it does not know
            modbus_set_socket(tcp, fd);
            modbus_reply_exception(tcp, reinterpret_cast<const quint8*>(frame.constData()),
                                   MODBUS_EXCEPTION_GATEWAY_TARGET);
            ++exceptions;
            ++requests;
        }
        return; // on a serial line, another slave's request
    }
    ServedDevice& d = devices[static_cast<std::size_t>(device)];
    const qint64 wall = wallClockMs();
    if (deviceSilent(d, wall))
        return;
    if (d.latencyMs > 0) {
        delayed.emplace(wall + d.latencyMs, DelayedReply{fd, serial, device, frame});
        return;
    }
    reply(d, fd, frame);
}

void CityServer::Impl::reply(ServedDevice& d, int fd, const QByteArray& frame)
{
    const bool isRtu = ports[static_cast<std::size_t>(d.port)].rtu;
    modbus_t* ctx = isRtu ? rtu : tcp;
    modbus_set_socket(ctx, fd);
    const auto* req = reinterpret_cast<const quint8*>(frame.constData());
    const int pduOffset = isRtu ? 1 : ModbusFrame::TcpHeader;
    const std::span<const quint8> adu = bytes(frame);
    const ModbusFrame::Request r = ModbusFrame::parseRequest(adu.subspan(
        std::size_t(pduOffset), adu.size() - std::size_t(pduOffset) - (isRtu ? 2u : 0u)));
    ++requests;
    quint8 exception = r.exception;
    if (!exception && d.exceptionCount > 0 &&
        (r.area == AddressArea::HoldingRegister || r.area == AddressArea::InputRegister) &&
        r.start < d.exceptionStart + d.exceptionCount && r.start + r.count > d.exceptionStart)
        exception = d.exceptionCode;
    int rc = 0;
    if (exception) {
        ++exceptions;
        rc = modbus_reply_exception(ctx, req, exception);
    } else if (d.misanswer && !r.write && r.function >= 1 && r.function <= 4) {
        // Answered as if asked with the neighbouring function code (03 ↔ 04, 01 ↔ 02): a reply
        // that is not the answer to the request.
        QByteArray wrong = frame;
        wrong[pduOffset] = static_cast<char>(r.function ^ (r.function >= 3 ? 7 : 3));
        rc = modbus_reply(ctx, reinterpret_cast<const quint8*>(wrong.constData()),
                          static_cast<int>(wrong.size()), d.map);
    } else {
        rc = modbus_reply(ctx, req, static_cast<int>(frame.size()), d.map);
        if (rc > 0 && r.write)
            afterWrite(d, r);
    }
    if (rc < 0 && !isRtu && connections.contains(fd))
        closeConnection(fd); // the client does not read its answers
}

void CityServer::Impl::flushDelayed(qint64 nowWall)
{
    while (!delayed.empty() && delayed.begin()->first <= nowWall) {
        const DelayedReply r = delayed.begin()->second;
        delayed.erase(delayed.begin());
        ServedDevice& d = devices[static_cast<std::size_t>(r.device)];
        const bool isRtu = ports[static_cast<std::size_t>(d.port)].rtu;
        if (!isRtu) {
            auto it = connections.find(r.fd);
            if (it == connections.end() || it->second.serial != r.serial)
                continue; // the client gave up and closed
        }
        if (!deviceSilent(d, nowWall))
            reply(d, r.fd, r.frame);
    }
}

void CityServer::Impl::loop()
{
    itimerspec period{};
    period.it_interval.tv_sec = options.tickMs / 1000;
    period.it_interval.tv_nsec = (options.tickMs % 1000) * 1'000'000L;
    period.it_value = period.it_interval;
    timerfd_settime(timerFd, 0, &period, nullptr);
    std::vector<epoll_event> events(256);
    while (!stopping) {
        int timeout = -1;
        if (!delayed.empty())
            timeout = static_cast<int>(
                std::clamp<qint64>(delayed.begin()->first - wallClockMs(), 0, 1000));
        const int n = epoll_wait(epollFd, events.data(), static_cast<int>(events.size()), timeout);
        for (int i = 0; i < n; ++i) {
            const int fd = events[static_cast<std::size_t>(i)].data.fd;
            quint64 count = 0;
            if (fd == timerFd) {
                if (::read(timerFd, &count, sizeof count) > 0)
                    tick();
            } else if (fd == wakeFd) {
                if (::read(wakeFd, &count, sizeof count) < 0)
                    continue;
                std::deque<std::function<void()>> work;
                {
                    std::lock_guard lock(queueMutex);
                    work.swap(queue);
                }
                for (auto& job : work)
                    job();
            } else if (auto p = portOfFd.find(fd); p != portOfFd.end()) {
                Port& port = ports[static_cast<std::size_t>(p->second)];
                if (port.rtu)
                    readRtu(port);
                else
                    accept(port);
            } else if (auto c = connections.find(fd); c != connections.end()) {
                readConnection(c->second);
            }
        }
        flushDelayed(wallClockMs());
    }
}

CityServer::CityServer(City& city, const ServerOptions& options)
    : d(std::make_unique<Impl>(city, options))
{}

CityServer::~CityServer()
{
    stop();
}

bool CityServer::open(QStringList* errors)
{
    return d->open(errors);
}

QStringList CityServer::endpoints() const
{
    QStringList lines;
    for (const Port& p : d->ports) {
        if (p.rtu) {
            QStringList units;
            for (int i : p.devices)
                units << QString::number(d->devices[static_cast<std::size_t>(i)].unitId);
            lines << tr("%1 -> %2 (units %3)").arg(p.endpoint, p.ptyName, units.join(u','));
            continue;
        }
        for (int i : p.devices) {
            const ServedDevice& dev = d->devices[static_cast<std::size_t>(i)];
            lines << d->city.unitName(d->city.units()[static_cast<std::size_t>(dev.unit)]) + u' ' +
                         p.endpoint;
        }
    }
    return lines;
}

void CityServer::setHook(ServerHook* hook)
{
    d->hook = hook;
}

void CityServer::start()
{
    if (d->running.exchange(true))
        return;
    d->stopping = false;
    d->thread = std::thread([this] { d->loop(); });
}

void CityServer::stop()
{
    if (!d->running.exchange(false))
        return;
    d->stopping = true;
    const quint64 one = 1;
    if (::write(d->wakeFd, &one, sizeof one) < 0) {
        // the loop also wakes on its tick
    }
    d->thread.join();
}

QString CityServer::command(const QString& line)
{
    if (!d->running)
        return d->execute(line);
    auto task =
        std::make_shared<std::packaged_task<QString()>>([this, line] { return d->execute(line); });
    std::future<QString> answer = task->get_future();
    {
        std::lock_guard lock(d->queueMutex);
        d->queue.emplace_back([task] { (*task)(); });
    }
    const quint64 one = 1;
    if (::write(d->wakeFd, &one, sizeof one) < 0)
        return QStringLiteral("error: ") + tr("cannot reach the server thread");
    return answer.get();
}

ServerStats CityServer::stats() const
{
    return {d->requests.load(), d->exceptions.load(), d->accepted.load()};
}

} // namespace PumpWatch::Sim
