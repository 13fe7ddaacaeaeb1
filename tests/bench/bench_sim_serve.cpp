// Requests per second pumpwatch-sim's server answers to two concurrent clients, against the
// plain libmodbus server loop (select + modbus_receive + modbus_reply, as in libmodbus's own
// examples) in the same run.
//
// The clients are the same in every phase: two threads, each with an epoll loop over its own
// connections, one request in flight per connection (as PLCs want it), reading the standard
// template's 53 holding registers. Phases:
//   baseline   the libmodbus select loop, one port, 2 × N connections (select caps fds at 1024)
//   pumpwatch  CityServer with the same 2 × N connections, one per device of N devices
//   city       CityServer, 2000 stations: every device polled by both clients (2 × 2286)
#include "benchmachine.h"

#include <sim/citygenerator.h>
#include <sim/cityserver.h>

#include <QCoreApplication>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <modbus/modbus.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace PumpWatch;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int Registers = 53;
constexpr int ResponseBytes = 7 + 2 + 2 * Registers;

struct ClientResult {
    quint64 answers = 0;
    quint64 errors = 0;
};

/// One client: connections to `ports`, each with one request in flight, for `seconds`.
ClientResult poll(const std::vector<int>& ports, double seconds)
{
    ClientResult result;
    const int ep = epoll_create1(0);
    struct Conn {
        int fd;
        quint16 tid = 0;
        int got = 0;
        unsigned char buffer[ResponseBytes];
    };
    std::vector<Conn> conns;
    conns.reserve(ports.size());
    auto send = [&](Conn& c) {
        ++c.tid;
        const unsigned char req[12] = {static_cast<unsigned char>(c.tid >> 8),
                                       static_cast<unsigned char>(c.tid),
                                       0,
                                       0,
                                       0,
                                       6,
                                       1,
                                       3,
                                       0,
                                       0,
                                       0,
                                       Registers};
        c.got = 0;
        return ::send(c.fd, req, sizeof req, MSG_NOSIGNAL) == sizeof req;
    };
    for (int port : ports) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<quint16>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            ++result.errors;
            close(fd);
            continue;
        }
        const int yes = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        Conn c{};
        c.fd = fd;
        conns.push_back(c);
    }
    for (std::size_t i = 0; i < conns.size(); ++i) {
        epoll_event ev{EPOLLIN, {.u64 = i}};
        epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
        send(conns[i]);
    }
    const auto end = Clock::now() + std::chrono::duration<double>(seconds);
    std::vector<epoll_event> events(512);
    while (Clock::now() < end) {
        const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
        for (int i = 0; i < n; ++i) {
            Conn& c = conns[events[static_cast<std::size_t>(i)].data.u64];
            const ssize_t r = recv(c.fd, c.buffer + c.got, ResponseBytes - c.got, 0);
            if (r <= 0) {
                ++result.errors;
                epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
                continue;
            }
            c.got += static_cast<int>(r);
            if (c.got < ResponseBytes)
                continue;
            const bool good =
                c.buffer[0] == (c.tid >> 8) && c.buffer[1] == (c.tid & 0xFF) && c.buffer[7] == 3;
            ++(good ? result.answers : result.errors);
            send(c);
        }
    }
    for (Conn& c : conns)
        close(c.fd);
    close(ep);
    return result;
}

/// Two clients at once; answers per second.
double twoClients(const std::vector<int>& ports, double seconds, quint64* errors)
{
    ClientResult a, b;
    const auto start = Clock::now();
    std::thread first([&] { a = poll(ports, seconds); });
    std::thread second([&] { b = poll(ports, seconds); });
    first.join();
    second.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    *errors = a.errors + b.errors;
    return static_cast<double>(a.answers + b.answers) / elapsed;
}

/// The plain libmodbus server of libmodbus's examples: select over the listening socket and
/// its clients, modbus_receive + modbus_reply.
class PlainServer {
public:
    explicit PlainServer(int port)
    {
        m_ctx = modbus_new_tcp("127.0.0.1", port);
        m_map = modbus_mapping_new(0, 0, Registers, 0);
        m_listen = modbus_tcp_listen(m_ctx, 1024);
        m_thread = std::thread([this] { run(); });
    }
    ~PlainServer()
    {
        m_stop = true;
        m_thread.join();
        close(m_listen);
        modbus_mapping_free(m_map);
        modbus_free(m_ctx);
    }
    bool listening() const { return m_listen >= 0; }

private:
    void run()
    {
        fd_set all;
        FD_ZERO(&all);
        FD_SET(m_listen, &all);
        int top = m_listen;
        unsigned char query[MODBUS_TCP_MAX_ADU_LENGTH];
        while (!m_stop) {
            fd_set ready = all;
            timeval tv{0, 100'000};
            if (select(top + 1, &ready, nullptr, nullptr, &tv) <= 0)
                continue;
            for (int fd = 0; fd <= top; ++fd) {
                if (!FD_ISSET(fd, &ready))
                    continue;
                if (fd == m_listen) {
                    const int c = accept(m_listen, nullptr, nullptr);
                    if (c >= 0 && c < FD_SETSIZE) {
                        FD_SET(c, &all);
                        top = std::max(top, c);
                    } else if (c >= 0) {
                        close(c);
                    }
                    continue;
                }
                modbus_set_socket(m_ctx, fd);
                const int rc = modbus_receive(m_ctx, query);
                if (rc > 0) {
                    modbus_reply(m_ctx, query, rc, m_map);
                } else if (rc == -1) {
                    close(fd);
                    FD_CLR(fd, &all);
                }
            }
        }
        for (int fd = 0; fd <= top; ++fd) {
            if (fd != m_listen && FD_ISSET(fd, &all))
                close(fd);
        }
        modbus_set_socket(m_ctx, -1);
    }

    modbus_t* m_ctx = nullptr;
    modbus_mapping_t* m_map = nullptr;
    int m_listen = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

int argument(int argc, char** argv, const char* name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    }
    return fallback;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    const int stations = argument(argc, argv, "--stations", 2000);
    const double seconds = argument(argc, argv, "--seconds", 5);
    const int small = argument(argc, argv, "--connections", 200); // per client, under select's cap
    const int basePort = argument(argc, argv, "--base-port", 20000); // below the ephemeral ports
    PumpWatch::Bench::raiseFileLimit();

    quint64 errors = 0;
    double baseline = 0;
    {
        PlainServer plain(basePort);
        if (!plain.listening()) {
            std::fprintf(stderr, "cannot listen on %d\n", basePort);
            return 1;
        }
        baseline = twoClients(std::vector<int>(std::size_t(small), basePort), seconds, &errors);
        std::printf("baseline  libmodbus select loop, 2 x %d connections: %9.0f requests/s "
                    "(%llu errors)\n",
                    small, baseline, static_cast<unsigned long long>(errors));
    }

    const Project project =
        Sim::CityGenerator::generate({.stations = stations, .basePort = basePort + 1});
    Sim::City city(project, 1, 1'763'600'000'000);
    Sim::CityServer server(city, {});
    QStringList problems;
    if (!server.open(&problems)) {
        std::fprintf(stderr, "%s (and %lld more)\n", qPrintable(problems.first()),
                     static_cast<long long>(problems.size() - 1));
        return 1;
    }
    server.start();
    std::vector<int> ports;
    for (int i = 0; i < static_cast<int>(city.units().size()); ++i)
        ports.push_back(basePort + 2 + i);
    const std::vector<int> few(ports.begin(),
                               ports.begin() + std::min(small, static_cast<int>(ports.size())));
    quint64 fewErrors = 0, allErrors = 0;
    const double same = twoClients(few, seconds, &fewErrors);
    std::printf("pumpwatch CityServer, 2 x %zu connections:          %9.0f requests/s (%llu "
                "errors)  ratio %.2f\n",
                few.size(), same, static_cast<unsigned long long>(fewErrors), same / baseline);
    const double full = twoClients(ports, seconds, &allErrors);
    std::printf("city      CityServer, %d stations, 2 x %zu connections: %9.0f requests/s "
                "(%llu errors)  ratio %.2f; each device answered %.1f times/s\n",
                stations, ports.size(), full, static_cast<unsigned long long>(allErrors),
                full / baseline, full / 2 / static_cast<double>(ports.size()));
    server.stop();
    const bool worked = errors == 0 && fewErrors == 0 && allErrors == 0 && full > 0;
    return worked ? 0 : 1;
}
