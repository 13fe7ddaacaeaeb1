// The parts of bench_control_room: what /proc says about a process and about the machine, a
// child that speaks JSON lines (the probes, and the baseline below), and the baseline
// subscriber itself — this benchmark started again as a child process (--baseline), so that its
// CPU is read from /proc exactly as the probes' is, over the same window, under the same load.
#pragma once

#include "benchmachine.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mosquitto.h>
#include <mutex>
#include <remote/protocol.h>
#include <string>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace PumpWatch::Bench::ControlRoom {

using Steady = std::chrono::steady_clock;

// --- /proc ------------------------------------------------------------------------------------

/// CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
inline double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which may hold spaces) start after its closing ')'.
    const QList<QByteArray> f = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double ticks = f.value(11).toDouble() + f.value(12).toDouble(); // utime, stime
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

inline qint64 rssMb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() / 1024;
    }
    return 0;
}

/// Bytes a process has read and written through system calls (/proc/PID/io rchar, wchar): for
/// mosquitto without persistence or a log file, its sockets.
struct IoBytes {
    double read = 0, written = 0;
};
inline IoBytes ioBytes(qint64 pid)
{
    IoBytes out;
    QFile io(QStringLiteral("/proc/%1/io").arg(pid));
    if (!io.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& line : io.readAll().split('\n')) {
        if (line.startsWith("rchar:"))
            out.read = line.mid(6).trimmed().toDouble();
        else if (line.startsWith("wchar:"))
            out.written = line.mid(6).trimmed().toDouble();
    }
    return out;
}

/// The process `program` (its path ends so) started with exactly `args` — the broker that
/// MosquittoBroker started, which does not tell its pid — or 0.
inline qint64 findProcess(const QByteArray& program, const QByteArrayList& args)
{
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& pid : pids) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (pid.toLongLong() <= 0 || !cmdline.open(QIODevice::ReadOnly))
            continue;
        QByteArrayList argv = cmdline.readAll().split('\0');
        if (!argv.isEmpty() && argv.last().isEmpty())
            argv.removeLast();
        if (argv.size() == args.size() + 1 && argv.first().endsWith(program) && argv.mid(1) == args)
            return pid.toLongLong();
    }
    return 0;
}

/// Jiffies of the whole machine from /proc/stat: busy (neither idle nor iowait) and all.
struct MachineTicks {
    double busy = 0, total = 0;
};
inline MachineTicks machineTicks()
{
    MachineTicks t;
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return t;
    const QList<QByteArray> f = stat.readLine().simplified().split(' '); // "cpu user nice …"
    for (int i = 1; i < f.size(); ++i) {
        const double v = f[i].toDouble();
        if (i <= 8) // user nice system idle iowait irq softirq steal (guest is inside user)
            t.total += v;
        if (i <= 8 && i != 4 && i != 5)
            t.busy += v;
    }
    return t;
}

inline QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readLine()).trimmed()
                                       : QStringLiteral("?");
}

// --- a child speaking JSON lines ----------------------------------------------------------------

/// A probe (`pumpwatch --probe`) or the baseline: commands on stdin, one JSON object a line on
/// stdout; events nobody asked for (link, server, complete) are skipped by ask().
class JsonChild {
public:
    ~JsonChild() { stop(); }

    bool start(const QString& program, const QStringList& args)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(program, args);
        return m_process.waitForStarted(10'000);
    }
    /// Closes stdin (both kinds of child leave then), kills after 5 s.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    /// Sends `command`; the first event `ev` after it, or an empty object after `timeoutMs`.
    QJsonObject ask(const QByteArray& command, const QString& ev, int timeoutMs = 10'000)
    {
        while (m_process.canReadLine()) // what came before the question
            m_process.readLine();
        m_process.write(command + '\n');
        m_process.waitForBytesWritten(2000);
        const auto t0 = Steady::now();
        while (msSince(t0) < timeoutMs && isRunning()) {
            while (m_process.canReadLine()) {
                const QJsonObject o = QJsonDocument::fromJson(m_process.readLine()).object();
                if (o.value(QLatin1String("ev")).toString() == ev)
                    return o;
            }
            m_process.waitForReadyRead(50);
        }
        return {};
    }

private:
    QProcess m_process;
};

// --- the baseline: libmosquitto and decodeValues, nothing else ---------------------------------

/// The child: `bench_control_room --baseline PORT`. Subscribes to pw/v/# and pw/s/# at QoS 1 (as
/// a workstation does), decodes every message with Remote::decodeValues and counts it (and the
/// values the deltas carry); per
/// station it checks that each delta's seq follows the previous one (QoS 0 deltas lost on the
/// way show as gaps) and, for each delta, how old its newest value is (the latency of server and
/// broker alone), and how old it was when the server published it (the server's part). Commands on
/// stdin: "stats", "latency" (since the last call), "quit".
inline int baseline(int port)
{
    struct State {
        std::mutex mutex;
        quint64 deltas = 0, snapshots = 0, values = 0, gaps = 0, failures = 0, bytes = 0;
        std::unordered_map<std::string, quint64> seq; ///< topic's station → last delta seq
        std::vector<double> latencies;                ///< acquisition → here
        std::vector<double> server;                   ///< acquisition → published by the server
    } state;
    mosquitto_lib_init();
    mosquitto* mosq = mosquitto_new("bench-baseline", true, &state);
    mosquitto_connect_callback_set(mosq, [](mosquitto* m, void*, int) {
        mosquitto_subscribe(m, nullptr, "pw/v/#", 1);
        mosquitto_subscribe(m, nullptr, "pw/s/#", 1);
    });
    mosquitto_message_callback_set(mosq, [](mosquitto*, void* self, const mosquitto_message* m) {
        auto* s = static_cast<State*>(self);
        const QByteArray payload =
            QByteArray::fromRawData(static_cast<const char*>(m->payload), m->payloadlen);
        QString error;
        const std::optional<Remote::ValuesMessage> v = Remote::decodeValues(payload, &error);
        const bool delta = std::strncmp(m->topic, "pw/v/", 5) == 0;
        const qint64 now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
        std::lock_guard lock(s->mutex);
        s->bytes += quint64(m->payloadlen);
        if (!v) {
            ++s->failures;
            return;
        }
        // Station by the topic's last level: "pw/v/main/S0001" and "pw/s/main/S0001" alike.
        const char* name = std::strrchr(m->topic, '/');
        quint64& last = s->seq[name ? name : m->topic];
        if (!delta) {
            ++s->snapshots;
            last = std::max(last, v->seq);
            return;
        }
        ++s->deltas;
        s->values += v->values.size();
        if (last != 0 && v->seq > last + 1)
            ++s->gaps;
        last = std::max(last, v->seq);
        qint64 newest = 0;
        for (const auto& [offset, value] : v->values)
            newest = std::max(newest, value.timestampMs);
        if (newest > 0) {
            s->latencies.push_back(double(now - newest));
            s->server.push_back(double(v->ms - newest));
        }
    });
    if (mosquitto_connect(mosq, "127.0.0.1", port, 60) != MOSQ_ERR_SUCCESS ||
        mosquitto_loop_start(mosq) != MOSQ_ERR_SUCCESS) {
        std::fprintf(stderr, "baseline: cannot connect to port %d\n", port);
        return 1;
    }
    const auto u = [](quint64 n) { return static_cast<unsigned long long>(n); };
    std::string line;
    while (std::getline(std::cin, line) && line != "quit") {
        std::lock_guard lock(state.mutex);
        if (line == "stats") {
            std::printf("{\"ev\":\"stats\",\"deltas\":%llu,\"snapshots\":%llu,\"values\":%llu,"
                        "\"gaps\":%llu,\"failures\":%llu,\"bytes\":%llu}\n",
                        u(state.deltas), u(state.snapshots), u(state.values), u(state.gaps),
                        u(state.failures), u(state.bytes));
        } else if (line == "latency") {
            const auto percentiles = [](std::vector<double>& l) {
                std::sort(l.begin(), l.end());
                const auto at = [&](double p) {
                    return l.empty() ? 0.0
                                     : l[std::min(l.size() - 1, std::size_t(p * double(l.size())))];
                };
                return std::array<double, 3>{at(0.5), at(0.99), l.empty() ? 0.0 : l.back()};
            };
            const std::array<double, 3> all = percentiles(state.latencies);
            const std::array<double, 3> server = percentiles(state.server);
            std::printf("{\"ev\":\"latency\",\"count\":%zu,\"p50\":%.0f,\"p99\":%.0f,\"max\":%.0f,"
                        "\"serverP50\":%.0f,\"serverP99\":%.0f,\"serverMax\":%.0f}\n",
                        state.latencies.size(), all[0], all[1], all[2], server[0], server[1],
                        server[2]);
            state.latencies.clear();
            state.server.clear();
        }
        std::fflush(stdout);
    }
    mosquitto_disconnect(mosq);
    mosquitto_loop_stop(mosq, false);
    mosquitto_destroy(mosq);
    mosquitto_lib_cleanup();
    return 0;
}

} // namespace PumpWatch::Bench::ControlRoom
