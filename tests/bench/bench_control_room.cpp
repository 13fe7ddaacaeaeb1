// A control room on one machine (issue 25): one pumpwatch-server polling a generated city of
// 2000 stations once a second (pumpwatch-sim serving it) and publishing through a real mosquitto
// on loopback to five workstations (`pumpwatch --probe`, headless: the remote source and its
// store, no windows). Every part is a process of its own; their CPU comes from /proc over a window:
//   join       the probes start together; the time until each holds every station (stats →
//              complete), and what the server did meanwhile (its resync answers)
//   window     after a settling time, `seconds` of steady state: CPU (utime + stime) of the
//              simulator, server, broker, each probe and the baseline; the broker's socket bytes;
//              per probe the messages received, sequence gaps, resync requests and the
//              end-to-end latency (ms from a value's acquisition on the server to the probe's
//              store: p50, p99, max over every delta applied in the window)
//   baseline   a plain libmosquitto subscriber to the same pw/v/# and pw/s/# traffic that only
//              decodes each message (Remote::decodeValues) — this program again as a child
//              (--baseline), measured like the probes in the same window: the cost of getting
//              and decoding a message, and the latency of server and broker alone
// The ratio printed is the baseline's CPU per message over a probe's ("the probe's rate relative
// to the baseline's"). Everything shares the machine's cores, with whatever else runs on it: the
// last line says how busy the machine was, and whether the latencies include waiting for a CPU.
//
// Fails only when the work fails: a probe that never holds every station, receives no deltas in
// the window or gets a malformed message; the baseline unable to decode one. Never on time.
#include "../common/mosquittobroker.h"
#include "benchmachine.h"
#include "controlroomparts.h"

#include <core/projectreader.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <map>

using namespace PumpWatch;
using namespace PumpWatch::Bench::ControlRoom;
using PumpWatch::Bench::msSince;

namespace {

struct Member {
    QString name; ///< "sim", "server", "broker", "baseline", "probe 1" …
    qint64 pid = 0;
    double cpu0 = 0, cpu1 = 0;
    double core(double seconds) const { return (cpu1 - cpu0) / seconds; }
};

/// Waits until the file has `text` (a child's log), at most `timeoutMs`.
bool waitForText(const QString& path, const QByteArray& text, int timeoutMs)
{
    const auto t0 = Steady::now();
    while (msSince(t0) < timeoutMs) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(text))
            return true;
        QThread::msleep(100);
    }
    return false;
}

/// The server's last "link: …" statistics line, from "link:" on.
QByteArray lastLinkLine(const QString& log)
{
    QFile f(log);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = f.readAll();
    const qsizetype at = text.lastIndexOf("link: epoch");
    return at < 0 ? QByteArray() : text.mid(at, text.indexOf('\n', at) - at);
}

qint64 count(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toInteger();
}

} // namespace

int main(int argc, char* argv[])
{
    // The child: bench_control_room --baseline PORT.
    if (argc == 3 && std::strcmp(argv[1], "--baseline") == 0)
        return baseline(std::atoi(argv[2]));
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{"stations", "simulated stations", "N", "2000"},
         {"probes", "workstations (pumpwatch --probe)", "N", "5"},
         {"seconds", "length of the measured window", "S", "30"},
         {"warmup", "seconds the server runs alone before the probes join", "S", "10"},
         {"settle", "seconds after every probe is complete, before the window", "S", "5"},
         {"join-timeout", "seconds the probes may take to hold every station", "S", "180"},
         {"base-port", "the simulator's first port − 1", "P", "21000"},
         {"sqlite", "the server also writes history into SQLite (in a temporary folder)"}});
    parser.process(app);
    const int stations = std::max(1, parser.value("stations").toInt());
    const int probes = std::max(1, parser.value("probes").toInt());
    const double seconds = std::max(1.0, parser.value("seconds").toDouble());
    const double warmup = std::max(0.0, parser.value("warmup").toDouble());
    const double settle = std::max(0.0, parser.value("settle").toDouble());
    const double joinTimeout = parser.value("join-timeout").toDouble();
    const bool sqlite = parser.isSet("sqlite");
    PumpWatch::Bench::printMachine();
    std::printf("load average before the measurements: %s\n", qPrintable(loadAverage()));
    std::fflush(stdout);
    PumpWatch::Bench::raiseFileLimit();

    // The city, and what it holds (the standard template has 37 tags; some stations have two
    // devices, so the city's mean is above that).
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("city.json"));
    const QString bin = QStringLiteral(PUMPWATCH_BIN_DIR "/");
    QProcess gen;
    gen.start(bin + QStringLiteral("pumpwatch-sim"),
              {QStringLiteral("--stations"), QString::number(stations),
               QStringLiteral("--base-port"), parser.value("base-port"),
               QStringLiteral("--write-project"), project, QStringLiteral("--list")});
    const ProjectLoad load = gen.waitForFinished(120'000) && gen.exitCode() == 0
                                 ? ProjectReader::readFile(project)
                                 : ProjectLoad{};
    if (!load.project) {
        std::fprintf(stderr, "generating the city failed\n");
        return 1;
    }
    const Project& city = *load.project;
    std::map<quint32, int> byTags; // tags per station → stations
    for (const Station& s : city.stations)
        ++byTags[s.tagCount];
    QStringList mix;
    for (const auto& [tags, n] : byTags)
        mix << QStringLiteral("%1 × %2").arg(n).arg(tags);
    std::size_t devices = 0;
    for (const Station& s : city.stations)
        devices += s.devices.size();

    mosquitto_lib_init();
    PumpWatch::Test::MosquittoBroker broker;
    if (!broker.isRunning()) {
        std::fprintf(stderr, "%s\n", qPrintable(broker.errorString()));
        return 1;
    }
    const qint64 brokerPid =
        findProcess("mosquitto", {"-c", QDir(broker.dir()).filePath("mosquitto.conf").toUtf8()});

    QProcess sim;
    const QString simLog = dir.filePath(QStringLiteral("sim.log"));
    sim.setProcessChannelMode(QProcess::MergedChannels);
    sim.setStandardOutputFile(simLog);
    sim.start(bin + QStringLiteral("pumpwatch-sim"), {QStringLiteral("--project"), project});
    if (!waitForText(simLog, "ready\n", 120'000)) {
        std::fprintf(stderr, "pumpwatch-sim did not start\n");
        return 1;
    }
    QProcess server;
    const QString serverLog = dir.filePath(QStringLiteral("server.log"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C")); // its log is read below
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("C"));
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.setStandardOutputFile(serverLog);
    QStringList serverArgs{QStringLiteral("--project"),
                           project,
                           QStringLiteral("--broker"),
                           QStringLiteral("mqtt://bench-server@127.0.0.1:%1").arg(broker.port()),
                           QStringLiteral("--server-id"),
                           QStringLiteral("bench-server"),
                           QStringLiteral("--stats"),
                           QStringLiteral("10")};
    if (sqlite)
        serverArgs << QStringLiteral("--db")
                   << QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("history.db"));
    server.start(bin + QStringLiteral("pumpwatch-server"), serverArgs);
    if (!waitForText(serverLog, "info running", 120'000) ||
        !waitForText(serverLog, "connected", 30'000)) {
        std::fprintf(stderr, "pumpwatch-server did not start\n");
        return 1;
    }
    int major = 0, minor = 0, revision = 0;
    mosquitto_lib_version(&major, &minor, &revision);
    std::printf(
        "load: %d stations, %zu devices, %u tags (%.1f per station: %s) polled once a "
        "second from pumpwatch-sim by pumpwatch-server --broker (%s); mosquitto on "
        "loopback, libmosquitto %d.%d.%d; the server alone %.0f s, then %d probes join (the "
        "baseline subscribed already); once every probe is complete %.0f s, then %.0f s "
        "measured\n",
        stations, devices, city.tagCount(), double(city.tagCount()) / stations,
        qPrintable(mix.join(QStringLiteral(", "))),
        sqlite ? "history into SQLite" : "no history database", major, minor, revision, warmup,
        probes, settle, seconds);
    std::fflush(stdout);

    JsonChild base;
    if (!base.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--baseline"), QString::number(broker.port())}) ||
        base.ask("stats", QStringLiteral("stats")).isEmpty()) {
        std::fprintf(stderr, "the baseline did not start\n");
        return 1;
    }

    // Join: after the server ran alone for a while (its retained snapshots are up to 5 s old, as
    // in service), every probe starts at once and is timed until it holds every station.
    QThread::msleep(static_cast<unsigned long>(warmup * 1000));
    const QJsonObject baseBeforeJoin = base.ask("stats", QStringLiteral("stats"));
    base.ask("latency", QStringLiteral("latency")); // from now on: what a joining costs the others
    std::vector<std::unique_ptr<JsonChild>> ws;
    std::vector<double> joinedS(std::size_t(probes), -1);
    std::vector<QJsonObject> atJoin(static_cast<std::size_t>(probes));
    const auto t0 = Steady::now();
    for (int i = 0; i < probes; ++i) {
        ws.push_back(std::make_unique<JsonChild>());
        const QString name = QStringLiteral("ws%1").arg(i + 1);
        if (!ws.back()->start(
                bin + QStringLiteral("pumpwatch"),
                {QStringLiteral("--probe"), QStringLiteral("--project"), project,
                 QStringLiteral("--remote"),
                 QStringLiteral("mqtt://%1@127.0.0.1:%2").arg(name).arg(broker.port()),
                 QStringLiteral("--user"), QStringLiteral("%1:%1:operator").arg(name)})) {
            std::fprintf(stderr, "probe %d did not start\n", i + 1);
            return 1;
        }
    }
    int joined = 0;
    while (joined < probes && msSince(t0) < joinTimeout * 1000) {
        for (int i = 0; i < probes; ++i) {
            if (joinedS[std::size_t(i)] >= 0)
                continue;
            const QJsonObject s = ws[std::size_t(i)]->ask("stats", QStringLiteral("stats"));
            if (s.value(QLatin1String("complete")).toBool()) {
                joinedS[std::size_t(i)] = msSince(t0) / 1000.0;
                atJoin[std::size_t(i)] = s;
                ++joined;
            }
        }
        QThread::msleep(200);
    }
    const double joinS = msSince(t0) / 1000.0;
    const QJsonObject baseAfterJoin = base.ask("stats", QStringLiteral("stats"));
    const QJsonObject baseJoinLatency = base.ask("latency", QStringLiteral("latency"));
    qint64 gaps = 0, resyncs = 0;
    for (const QJsonObject& s : atJoin) {
        gaps += count(s, "gaps");
        resyncs += count(s, "resyncs");
    }
    const qint64 joinSnapshots =
        count(baseAfterJoin, "snapshots") - count(baseBeforeJoin, "snapshots");
    std::printf("join       %d of %d probes complete (every station in sync) after %.1f s (the "
                "first after %.1f s); on the way %lld sequence gaps and %lld resync requests in "
                "all; meanwhile the server published %lld snapshots (%.0f/s) and the baseline's "
                "latency was p50 %.0f, p99 %.0f, max %.0f ms (of which the server's, from "
                "acquisition to publication: p50 %.0f, p99 %.0f, max %.0f ms)\n",
                joined, probes, *std::max_element(joinedS.begin(), joinedS.end()),
                *std::min_element(joinedS.begin(), joinedS.end()), gaps, resyncs, joinSnapshots,
                double(joinSnapshots) / joinS, baseJoinLatency.value(u"p50").toDouble(),
                baseJoinLatency.value(u"p99").toDouble(), baseJoinLatency.value(u"max").toDouble(),
                baseJoinLatency.value(u"serverP50").toDouble(),
                baseJoinLatency.value(u"serverP99").toDouble(),
                baseJoinLatency.value(u"serverMax").toDouble());
    std::fflush(stdout);
    bool ok = joined == probes;

    // Settle, then the window.
    QThread::msleep(static_cast<unsigned long>(settle * 1000));
    std::vector<Member> members{{QStringLiteral("sim"), sim.processId()},
                                {QStringLiteral("server"), server.processId()},
                                {QStringLiteral("broker"), brokerPid},
                                {QStringLiteral("baseline"), base.pid()}};
    for (int i = 0; i < probes; ++i)
        members.push_back({QStringLiteral("probe %1").arg(i + 1), ws[std::size_t(i)]->pid()});
    const auto askAll = [&](const QByteArray& command, const QString& ev) {
        std::vector<QJsonObject> out{base.ask(command, ev)};
        for (auto& w : ws)
            out.push_back(w->ask(command, ev));
        return out; // [0] the baseline, then the probes
    };
    askAll("latency", QStringLiteral("latency")); // from now on
    const std::vector<QJsonObject> stats0 = askAll("stats", QStringLiteral("stats"));
    const IoBytes io0 = ioBytes(brokerPid);
    const MachineTicks ticks0 = machineTicks();
    for (Member& m : members)
        m.cpu0 = cpuSeconds(m.pid);
    const auto w0 = Steady::now();
    QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    for (Member& m : members)
        m.cpu1 = cpuSeconds(m.pid);
    const double elapsed = msSince(w0) / 1000.0;
    const MachineTicks ticks1 = machineTicks();
    const IoBytes io1 = ioBytes(brokerPid);
    const std::vector<QJsonObject> stats1 = askAll("stats", QStringLiteral("stats"));
    const std::vector<QJsonObject> latency = askAll("latency", QStringLiteral("latency"));
    const auto delta = [&](std::size_t i, const char* key) {
        return count(stats1[i], key) - count(stats0[i], key);
    };
    const auto perS = [&](double n) { return n / elapsed; };

    std::printf("sim        pumpwatch-sim: %.3f core, RSS %lld MB\n", members[0].core(elapsed),
                static_cast<long long>(rssMb(members[0].pid)));
    std::printf("server     pumpwatch-server: %.3f core, RSS %lld MB; its last statistics: %s\n",
                members[1].core(elapsed), static_cast<long long>(rssMb(members[1].pid)),
                lastLinkLine(serverLog).constData());
    std::printf("broker     mosquitto: %.3f core, RSS %lld MB; sockets read %.2f MB/s, written "
                "%.2f MB/s\n",
                members[2].core(elapsed), static_cast<long long>(rssMb(members[2].pid)),
                perS(io1.read - io0.read) / 1e6, perS(io1.written - io0.written) / 1e6);
    const qint64 baseMessages = delta(0, "deltas") + delta(0, "snapshots");
    const double baseUs = members[3].cpu1 > members[3].cpu0 && baseMessages > 0
                              ? (members[3].cpu1 - members[3].cpu0) * 1e6 / double(baseMessages)
                              : 0;
    std::printf("baseline   libmosquitto + decodeValues: %.3f core; %.0f deltas/s + %.0f "
                "snapshots/s carrying %.0f values/s (%.2f MB/s), %lld seq gaps, %lld not "
                "decoded; latency p50 %.0f, p99 %.0f, max %.0f ms (the server's part p50 %.0f, p99 "
                "%.0f, max %.0f ms); %.1f µs CPU per message\n",
                members[3].core(elapsed), perS(double(delta(0, "deltas"))),
                perS(double(delta(0, "snapshots"))), perS(double(delta(0, "values"))),
                perS(double(delta(0, "bytes"))) / 1e6, delta(0, "gaps"), delta(0, "failures"),
                latency[0].value(u"p50").toDouble(), latency[0].value(u"p99").toDouble(),
                latency[0].value(u"max").toDouble(), latency[0].value(u"serverP50").toDouble(),
                latency[0].value(u"serverP99").toDouble(),
                latency[0].value(u"serverMax").toDouble(), baseUs);
    ok = ok && delta(0, "failures") == 0 && delta(0, "deltas") > 0;
    double probeUsSum = 0, worstP99 = 0, worstMax = 0;
    for (int i = 0; i < probes; ++i) {
        const std::size_t k = std::size_t(i) + 1;
        const Member& m = members[k + 3];
        const qint64 messages = delta(k, "messages");
        const double us = messages > 0 ? (m.cpu1 - m.cpu0) * 1e6 / double(messages) : 0;
        probeUsSum += us;
        worstP99 = std::max(worstP99, latency[k].value(u"p99").toDouble());
        worstMax = std::max(worstMax, latency[k].value(u"max").toDouble());
        std::printf("probe %-4d pumpwatch --probe: %.3f core, RSS %lld MB; %.0f msg/s (%.0f "
                    "deltas/s, %.0f snapshots/s), %lld gaps, %lld resync requests, %lld invalid, "
                    "%s; latency p50 %.0f, p99 %.0f, max %.0f ms over %lld deltas; %.1f µs CPU "
                    "per message\n",
                    i + 1, m.core(elapsed), static_cast<long long>(rssMb(m.pid)),
                    perS(double(messages)), perS(double(delta(k, "deltas"))),
                    perS(double(delta(k, "snapshots"))), delta(k, "gaps"), delta(k, "resyncs"),
                    delta(k, "invalid"),
                    stats1[k].value(u"complete").toBool() ? "complete" : "INCOMPLETE",
                    latency[k].value(u"p50").toDouble(), latency[k].value(u"p99").toDouble(),
                    latency[k].value(u"max").toDouble(), count(latency[k], "count"), us);
        ok = ok && delta(k, "deltas") > 0 && delta(k, "invalid") == 0 &&
             ws[std::size_t(i)]->isRunning();
    }
    const double probeUs = probeUsSum / probes;
    if (baseUs > 0 && probeUs > 0)
        std::printf("ratio      a probe's rate relative to the baseline's (its CPU per message / "
                    "a probe's, mean of %d): %.0f %% (%.1f µs vs %.1f µs per message)\n",
                    probes, 100.0 * baseUs / probeUs, baseUs, probeUs);
    std::printf("latency    end to end, the worst probe: p99 %.0f ms, max %.0f ms (the baseline: "
                "p99 %.0f ms, of which the server's %.0f ms)\n",
                worstP99, worstMax, latency[0].value(u"p99").toDouble(),
                latency[0].value(u"serverP99").toDouble());
    double ours = 0;
    for (const Member& m : members)
        ours += m.core(elapsed);
    const double cores = std::thread::hardware_concurrency();
    const double busy = ticks1.total > ticks0.total
                            ? cores * (ticks1.busy - ticks0.busy) / (ticks1.total - ticks0.total)
                            : 0;
    std::printf("machine    busy %.2f of %.0f cores over the %.0f s window: these %zu processes "
                "%.2f, everything else %.2f; load average after: %s\n",
                busy, cores, elapsed, members.size(), ours, std::max(0.0, busy - ours),
                qPrintable(loadAverage()));
    // Past ~90 % the processes wait for a core, and the latencies show that queue.
    std::printf("%s\n", busy >= 0.9 * cores
                            ? "verdict    SATURATED: the latencies include waiting for a CPU, "
                              "not only the design"
                            : "verdict    not saturated: the latencies are the design's (the "
                              "server's 100 ms coalescing, the broker, the client's batching)");
    std::fflush(stdout);

    for (auto& w : ws)
        w->stop();
    base.stop();
    ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
    server.waitForFinished(30'000);
    sim.kill();
    sim.waitForFinished(10'000);
    mosquitto_lib_cleanup();
    if (!ok)
        std::fprintf(stderr, "the control room did not do its work (see above)\n");
    return ok ? 0 : 1;
}
