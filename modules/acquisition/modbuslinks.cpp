// ModbusDriver: its links on the wire — TCP sockets and serial lines, non-blocking, in one epoll
// set that a single QSocketNotifier watches; frames out and in, and the end of a transfer (an
// answer, checked, or a timeout).
//
// Why not Qt SerialBus: QModbusTcpClient 6.4 takes an answer of another function code, protocol
// id or unit id, or with more registers than asked for, as the answer (issue 28), and a
// notifier per socket made every wake-up cost a poll over all of them (issue 19). Linux only,
// like the product (a Windows port needs another poller here).
#include "modbusdriver_p.h"

#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <termios.h>
#include <unistd.h>

namespace PumpWatch::Acquisition {

namespace {
Q_LOGGING_CATEGORY(lcLinks, "pumpwatch.acquisition.modbus", QtInfoMsg)

constexpr int MaxEvents = 256;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

quint64 eventKey(int link, quint32 generation)
{
    return static_cast<quint64>(generation) << 32 | static_cast<quint32>(link);
}

speed_t baudConstant(int baud)
{
    switch (baud) {
    case 1200:
        return B1200;
    case 2400:
        return B2400;
    case 4800:
        return B4800;
    case 9600:
        return B9600;
    case 19200:
        return B19200;
    case 38400:
        return B38400;
    case 57600:
        return B57600;
    case 115200:
        return B115200;
    default:
        return B0;
    }
}

/// Opens a serial line raw and non-blocking; returns the fd or -errno / -EINVAL.
int openSerial(const QString& path, const SerialSettings& s)
{
    const speed_t speed = baudConstant(s.baudRate);
    if (speed == B0)
        return -EINVAL;
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        return -(error == EWOULDBLOCK ? EBUSY : error);
    }
    termios t{};
    if (::tcgetattr(fd, &t) != 0) {
        const int error = errno;
        ::close(fd);
        return -error;
    }
    ::cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
    t.c_cflag |= s.dataBits == 7 ? CS7 : CS8;
    if (s.parity == 'E' || s.parity == 'O')
        t.c_cflag |= PARENB;
    if (s.parity == 'O')
        t.c_cflag |= PARODD;
    if (s.stopBits == 2)
        t.c_cflag |= CSTOPB;
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    ::cfsetispeed(&t, speed);
    ::cfsetospeed(&t, speed);
    if (::tcsetattr(fd, TCSANOW, &t) != 0) {
        const int error = errno;
        ::close(fd);
        return -error;
    }
    ::tcflush(fd, TCIOFLUSH);
    return fd;
}

/// `address`:`port` as a socket address; returns its length.
socklen_t socketAddress(const QHostAddress& address, int port, sockaddr_storage& out)
{
    out = {};
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&out);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(static_cast<quint16>(port));
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, bytes.c, 16);
        return sizeof(sockaddr_in6);
    }
    auto* in4 = reinterpret_cast<sockaddr_in*>(&out);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(static_cast<quint16>(port));
    in4->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof(sockaddr_in);
}

QString hexBytes(std::span<const quint8> bytes, int max = 32)
{
    QString out;
    const auto n = std::min<std::size_t>(bytes.size(), static_cast<std::size_t>(max));
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0)
            out += u' ';
        out += QStringLiteral("%1").arg(bytes[i], 2, 16, QLatin1Char('0'));
    }
    if (bytes.size() > n)
        out += QStringLiteral(" … (%1 bytes)").arg(bytes.size());
    return out.toUpper();
}

} // namespace

bool ModbusDriver::Private::openPoller()
{
    if (epollFd >= 0)
        return true;
    epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    if (epollFd < 0) {
        qCCritical(lcLinks).noquote() << tr("cannot poll devices: %1").arg(systemError(errno));
        return false;
    }
    epollNotifier = new QSocketNotifier(epollFd, QSocketNotifier::Read, q);
    QObject::connect(epollNotifier, &QSocketNotifier::activated, q, [this] { onPoller(); });
    return true;
}

void ModbusDriver::Private::closePoller()
{
    delete epollNotifier;
    epollNotifier = nullptr;
    if (epollFd >= 0)
        ::close(epollFd);
    epollFd = -1;
}

void ModbusDriver::Private::closeLink(Link& l)
{
    if (l.fd >= 0)
        ::close(l.fd); // leaves the epoll set with it
    l.fd = -1;
    ++l.generation;
    l.wantWrite = false;
    l.lookingUp = false;
    l.wakeMs = 0;
    l.io.rxLength = 0;
    l.io.txLength = l.io.txSent = 0;
    l.io.sentHere = 0;
}

void ModbusDriver::Private::connectLink(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    closeLink(l);
    l.state = Link::State::Connecting;
    l.connectStartMs = mono();
    ++stats.connects;
    if (l.protocol == Protocol::ModbusRtu) {
        const int fd = openSerial(l.endpoint, l.serial);
        if (fd < 0) {
            linkFailed(index, fd == -EINVAL
                                  ? tr("cannot open %1: %2 baud is not supported")
                                        .arg(l.endpoint)
                                        .arg(l.serial.baudRate)
                                  : tr("cannot open %1: %2").arg(l.endpoint, systemError(-fd)));
            return;
        }
        l.fd = fd;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = eventKey(index, l.generation);
        ::epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &ev);
        connected(index);
        return;
    }
    if (l.addressLength == 0) {
        const qsizetype colon = l.endpoint.lastIndexOf(u':');
        QString host = colon < 0 ? l.endpoint : l.endpoint.left(colon);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2); // [::1]:502
        bool ok = true;
        const int port = colon < 0 ? 502 : l.endpoint.mid(colon + 1).toInt(&ok);
        if (!ok || port <= 0 || port > 65535) {
            linkFailed(index, tr("'%1' is not host:port").arg(l.endpoint));
            return;
        }
        QHostAddress literal(host);
        if (literal.isNull()) {
            // A name: looked up off this thread each time the link connects (addresses move);
            // the connect follows in resolved(). The lookup does not count against the connect
            // timeout (a dead first name server costs 5 s), and if it fails the address that
            // worked last time is used.
            const quint32 generation = l.generation;
            l.lookingUp = true;
            QHostInfo::lookupHost(host, q, [this, index, generation, port](const QHostInfo& info) {
                Link& link = links[static_cast<std::size_t>(index)];
                if (link.generation != generation || link.state != Link::State::Connecting)
                    return;
                link.lookingUp = false;
                link.connectStartMs = mono();
                const QList<QHostAddress> all = info.addresses();
                if (!all.isEmpty()) {
                    QHostAddress a = all.front();
                    for (const QHostAddress& candidate : all) {
                        if (candidate.protocol() == QAbstractSocket::IPv4Protocol)
                            a = candidate;
                    }
                    link.lastGoodLength = socketAddress(a, port, link.lastGood);
                }
                if (link.lastGoodLength == 0) {
                    resolved(index, info.errorString());
                } else {
                    link.address = link.lastGood;
                    link.addressLength = link.lastGoodLength;
                    resolved(index, {});
                    link.addressLength = 0; // looked up again on the next connect
                }
                armTimer();
            });
            return;
        }
        l.addressLength = socketAddress(literal, port, l.address);
    }
    resolved(index, {});
}

void ModbusDriver::Private::resolved(int index, const QString& error)
{
    Link& l = links[static_cast<std::size_t>(index)];
    if (!error.isEmpty()) {
        linkFailed(index, tr("cannot find %1: %2").arg(l.endpoint, error));
        return;
    }
    const int fd = ::socket(l.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        linkFailed(index, tr("no socket: %1").arg(systemError(errno)));
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    l.fd = fd;
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&l.address), l.addressLength);
    if (rc != 0 && errno != EINPROGRESS) {
        const int e = errno;
        linkFailed(index,
                   e == ECONNREFUSED
                       ? tr("connection refused by %1 (nothing listens there)").arg(l.endpoint)
                       : tr("cannot connect to %1: %2").arg(l.endpoint, systemError(e)));
        return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = eventKey(index, l.generation);
    l.wantWrite = true;
    ::epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &ev);
    if (rc == 0)
        connected(index);
}

void ModbusDriver::Private::connected(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    l.state = Link::State::Up;
    l.io.rxLength = 0;
    if (l.everUp)
        qCInfo(lcLinks).noquote() << tr("%1: connected again").arg(linkName(l));
    l.everUp = true;
    for (const int dev : l.devices)
        startCycle(dev); // read at once: recovery should not wait for the next period
}

void ModbusDriver::Private::onPoller()
{
    epoll_event events[MaxEvents];
    for (;;) {
        const int n = ::epoll_wait(epollFd, events, MaxEvents, 0);
        for (int i = 0; i < n; ++i) {
            const quint64 key = events[i].data.u64;
            const auto index = static_cast<int>(key & 0xFFFFFFFFu);
            if (index < 0 || index >= static_cast<int>(links.size()) ||
                links[static_cast<std::size_t>(index)].generation != key >> 32)
                continue; // closed while this batch was read
            onEvents(index, events[i].events);
        }
        if (n < MaxEvents)
            break;
    }
    armTimer();
}

void ModbusDriver::Private::onEvents(int index, quint32 events)
{
    Link& l = links[static_cast<std::size_t>(index)];
    if (l.state == Link::State::Connecting && l.protocol == Protocol::ModbusTcp) {
        int error = 0;
        socklen_t size = sizeof error;
        ::getsockopt(l.fd, SOL_SOCKET, SO_ERROR, &error, &size);
        if (error != 0) {
            linkFailed(index,
                       error == ECONNREFUSED
                           ? tr("connection refused by %1 (nothing listens there)").arg(l.endpoint)
                           : tr("cannot connect to %1: %2").arg(l.endpoint, systemError(error)));
            return;
        }
        if (!(events & EPOLLOUT))
            return;
        connected(index);
        if (l.state != Link::State::Up)
            return;
    }
    if ((events & EPOLLOUT) && l.state == Link::State::Up)
        flushTx(index);
    if (l.state == Link::State::Up && (events & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
        if (l.protocol == Protocol::ModbusRtu)
            readRtu(index, events);
        else
            readTcp(index);
    }
}

void ModbusDriver::Private::flushTx(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    Transfer& io = l.io;
    while (io.txSent < io.txLength) {
        const ssize_t n = l.protocol == Protocol::ModbusRtu
                              ? ::write(l.fd, io.tx.data() + io.txSent,
                                        static_cast<std::size_t>(io.txLength - io.txSent))
                              : ::send(l.fd, io.tx.data() + io.txSent,
                                       static_cast<std::size_t>(io.txLength - io.txSent),
                                       MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            io.txSent += static_cast<int>(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        linkFailed(index, tr("cannot send to %1: %2").arg(l.endpoint, systemError(errno)));
        return;
    }
    const bool want = io.txSent < io.txLength;
    if (want != l.wantWrite) {
        epoll_event ev{};
        ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
        ev.data.u64 = eventKey(index, l.generation);
        ::epoll_ctl(epollFd, EPOLL_CTL_MOD, l.fd, &ev);
        l.wantWrite = want;
    }
}

void ModbusDriver::Private::readTcp(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    Transfer& io = l.io;
    for (;;) {
        const auto room = static_cast<std::size_t>(static_cast<int>(io.rx.size()) - io.rxLength);
        const ssize_t n = ::recv(l.fd, io.rx.data() + io.rxLength, room, MSG_DONTWAIT);
        if (n == 0) {
            linkFailed(index, tr("connection closed by the device"));
            return;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            linkFailed(index, tr("connection to %1 lost: %2").arg(l.endpoint, systemError(errno)));
            return;
        }
        io.rxLength += static_cast<int>(n);
        // Whole frames out of the buffer, as many as there are.
        while (l.state == Link::State::Up) {
            const std::span<const quint8> buffer(io.rx.data(),
                                                 static_cast<std::size_t>(io.rxLength));
            const int length = Modbus::tcpFrameLength(buffer);
            if (length == 0 || (length > 0 && io.rxLength < length))
                break;
            const auto tid = static_cast<quint16>(io.rx[0] << 8 | io.rx[1]);
            if (length > 0 && io.isLate(tid, l.current.has_value())) {
                // An answer to a request that timed out: not ours any more.
                ++stats.lateAnswers;
                std::memmove(io.rx.data(), io.rx.data() + length,
                             static_cast<std::size_t>(io.rxLength - length));
                io.rxLength -= length;
                continue;
            }
            if (!l.current) {
                qCWarning(lcLinks).noquote()
                    << tr("%1: data nobody asked for: %2").arg(linkName(l), hexBytes(buffer));
                linkFailed(index, tr("data from the device that answers no request"));
                return;
            }
            const std::span<const quint8> frame =
                buffer.first(static_cast<std::size_t>(length > 0 ? length : io.rxLength));
            const Modbus::Answer answer =
                length < 0 ? Modbus::Answer{Modbus::Answer::Kind::Invalid, Modbus::Fault::Length, 0,
                                            Modbus::MaxPdu + 1, io.rx[4] << 8 | io.rx[5]}
                           : Modbus::checkTcp(io.request, io.tid, frame, values);
            // Keep the bytes for the log until the transfer has ended.
            endTransfer(index, answer);
            if (l.state != Link::State::Up)
                return;
            const int used = static_cast<int>(frame.size());
            std::memmove(io.rx.data(), io.rx.data() + used,
                         static_cast<std::size_t>(io.rxLength - used));
            io.rxLength -= used;
        }
        if (io.rxLength >= static_cast<int>(io.rx.size()))
            io.rxLength = 0; // cannot happen: a frame is at most half the buffer
    }
}

void ModbusDriver::Private::readRtu(int index, quint32 events)
{
    Link& l = links[static_cast<std::size_t>(index)];
    Transfer& io = l.io;
    const qint64 now = mono();
    bool gotAny = false;
    for (;;) {
        quint8 scratch[512];
        const bool keep = l.current.has_value();
        quint8* into = keep ? io.rx.data() + io.rxLength : scratch;
        const auto room =
            keep ? io.rx.size() - static_cast<std::size_t>(io.rxLength) : sizeof scratch;
        if (room == 0) {
            onWake(index); // far more than any answer: ends the transfer now
            return;
        }
        const ssize_t n = ::read(l.fd, into, room);
        if (n < 0 && errno == EINTR)
            continue;
        // Raw with VMIN = VTIME = 0, a tty reads 0 when it has nothing more.
        if (n == 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)))
            break;
        if (n < 0) {
            // A pty whose other side closed reads EIO.
            linkFailed(index, tr("%1: %2").arg(l.endpoint, systemError(errno)));
            return;
        }
        gotAny = true;
        if (!keep) {
            qCDebug(lcLinks).noquote()
                << tr("%1: %2 bytes on the line between requests: %3")
                       .arg(l.endpoint)
                       .arg(n)
                       .arg(hexBytes({scratch, static_cast<std::size_t>(n)}));
            continue;
        }
        io.rxLength += static_cast<int>(n);
        io.lastRxMs = now;
    }
    if (!gotAny && (events & (EPOLLHUP | EPOLLERR))) {
        // Hung up (a USB adapter unplugged): it would read 0 and poll ready for ever.
        linkFailed(index, tr("%1 hung up (adapter unplugged?)").arg(l.endpoint));
        return;
    }
    if (!l.current)
        return;
    // The frame ends when it is as long as its header says and the line then stays quiet (or, if
    // its header cannot tell, when the line goes quiet).
    const int length =
        Modbus::rtuFrameLength(io.request, {io.rx.data(), static_cast<std::size_t>(io.rxLength)});
    if (length < 0 || (length > 0 && io.rxLength >= length))
        wakeAt(index, now + quietFor(l, length));
}

void ModbusDriver::Private::wakeAt(int index, qint64 ms)
{
    Link& l = links[static_cast<std::size_t>(index)];
    l.wakeMs = ms;
    wakes.emplace(ms, index);
}

void ModbusDriver::Private::onWake(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    l.wakeMs = 0;
    if (l.state != Link::State::Up || !l.current)
        return;
    Transfer& io = l.io;
    const qint64 now = mono();
    if (l.protocol == Protocol::ModbusRtu && io.rxLength < static_cast<int>(io.rx.size())) {
        // What the line holds now, before calling it quiet (its readable event may be next in
        // this very pass of the loop).
        readRtu(index, 0);
        if (l.state != Link::State::Up || !l.current)
            return;
    }
    const std::span<const quint8> rx(io.rx.data(), static_cast<std::size_t>(io.rxLength));
    if (l.protocol == Protocol::ModbusRtu && io.rxLength > 0) {
        // Whole (by its header, or a header that cannot tell), then quiet: the frame has ended.
        // Not whole yet: more bytes or the deadline end it.
        const int length = Modbus::rtuFrameLength(io.request, rx);
        const bool whole = length < 0 || (length > 0 && io.rxLength >= length);
        const int quiet = quietFor(l, length);
        if ((whole && now - io.lastRxMs >= quiet) || now >= io.deadlineMs ||
            io.rxLength >= static_cast<int>(io.rx.size())) {
            endTransfer(index, Modbus::checkRtu(io.request, rx, values));
            return;
        }
        wakeAt(index, whole ? std::min(io.deadlineMs, io.lastRxMs + quiet) : io.deadlineMs);
        return;
    }
    if (now < io.deadlineMs) {
        wakeAt(index, io.deadlineMs);
        return;
    }
    const Job job = *l.current;
    l.current.reset();
    ++stats.timeouts;
    ++devices[static_cast<std::size_t>(job.device)].counters.timeouts;
    const bool partial = io.rxLength > 0;
    if (partial && l.protocol == Protocol::ModbusTcp) {
        // Half an answer: the stream is out of step.
        failed(index, job,
               tr("incomplete answer within %1 ms (%2 bytes)").arg(l.timeoutMs).arg(io.rxLength),
               false);
        if (l.state == Link::State::Up)
            linkFailed(index, tr("incomplete answer; connection reset"));
        return;
    }
    failed(index, job, tr("no answer within %1 ms").arg(l.timeoutMs), true);
    pump(index);
}

void ModbusDriver::Private::endTransfer(int index, const Modbus::Answer& answer)
{
    Link& l = links[static_cast<std::size_t>(index)];
    const Job job = *l.current;
    l.current.reset();
    l.wakeMs = 0;
    PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    switch (answer.kind) {
    case Modbus::Answer::Kind::Values:
        ++stats.replies;
        ++dev.counters.answers;
        if (job.kind == Job::Kind::Read)
            readDone(index, job, {values.data(), l.io.request.count});
        else
            writeStep(index, job, {values.data(), l.io.request.count});
        break;
    case Modbus::Answer::Kind::Exception:
        ++stats.exceptions;
        ++dev.counters.exceptions;
        exceptionDone(index, job, answer.exception);
        break;
    case Modbus::Answer::Kind::Invalid:
        invalidAnswer(index, job, answer);
        break;
    }
    if (l.protocol == Protocol::ModbusRtu)
        l.io.rxLength = 0;
    if (l.state == Link::State::Up)
        pump(index);
}

void ModbusDriver::Private::invalidAnswer(int index, const Job& job, const Modbus::Answer& answer)
{
    Link& l = links[static_cast<std::size_t>(index)];
    PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    ++stats.invalidAnswers;
    ++dev.counters.invalidAnswers;
    const QString why = faultText(answer);
    // Once per kind and device, then at most every 10 minutes with a count: a broken gateway
    // must not fill the disk.
    const auto kind = static_cast<std::size_t>(answer.fault);
    const qint64 now = mono();
    if (now >= dev.logAtMs[kind]) {
        const QString more = dev.unlogged[kind] > 0 ? tr(" (%n more since the last report)",
                                                         nullptr, dev.unlogged[kind])
                                                    : QString();
        qCWarning(lcLinks).noquote()
            << tr("%1 on %2 unit %3: %4%5; request %6, answer %7")
                   .arg(dev.name, l.endpoint)
                   .arg(dev.unitId)
                   .arg(why, more,
                        hexBytes({l.io.tx.data(), static_cast<std::size_t>(l.io.txLength)}),
                        hexBytes({l.io.rx.data(), static_cast<std::size_t>(l.io.rxLength)}));
        dev.logAtMs[kind] = now + 10 * 60'000;
        dev.unlogged[kind] = 0;
    } else {
        ++dev.unlogged[kind];
    }
    // Framing faults leave a TCP stream out of step: what follows cannot be trusted either.
    const bool outOfStep =
        l.protocol == Protocol::ModbusTcp &&
        (answer.fault == Modbus::Fault::TransactionId ||
         answer.fault == Modbus::Fault::ProtocolId || answer.fault == Modbus::Fault::Length);
    failed(index, job, why, false);
    if (outOfStep && l.state == Link::State::Up)
        linkFailed(index, tr("%1; connection reset").arg(why));
}

QString ModbusDriver::Private::faultText(const Modbus::Answer& a) const
{
    const auto hex = [](int v) {
        return QStringLiteral("%1").arg(v, 2, 16, QLatin1Char('0')).toUpper();
    };
    switch (a.fault) {
    case Modbus::Fault::TransactionId:
        return tr("invalid answer (transaction id %1, expected %2)").arg(a.got).arg(a.expected);
    case Modbus::Fault::ProtocolId:
        return tr("invalid answer (protocol id %1, not 0)").arg(a.got);
    case Modbus::Fault::Length:
        return tr("invalid answer (MBAP length %1)").arg(a.got);
    case Modbus::Fault::UnitId:
        return tr("invalid answer (unit id %1, expected %2)").arg(a.got).arg(a.expected);
    case Modbus::Fault::FunctionCode:
        return tr("invalid answer (function code %1, expected %2)")
            .arg(hex(a.got), hex(a.expected));
    case Modbus::Fault::ByteCount:
        return tr("invalid answer (byte count %1, expected %2)").arg(a.got).arg(a.expected);
    case Modbus::Fault::Echo:
        return tr("invalid answer (the write echo holds %1, expected %2)")
            .arg(a.got)
            .arg(a.expected);
    case Modbus::Fault::Crc:
        return tr("invalid answer (CRC error)");
    case Modbus::Fault::Short:
        return tr("invalid answer (cut short: %1 of %2 bytes)").arg(a.got).arg(a.expected);
    case Modbus::Fault::Trailing:
        return tr("invalid answer (%1 bytes where the answer has %2)").arg(a.got).arg(a.expected);
    case Modbus::Fault::None:
        break;
    }
    return tr("invalid answer");
}

} // namespace PumpWatch::Acquisition
