// The whole server on a city: pumpwatch-server (acquisition, alarms, history into SQLite) polling
// every device of a generated city once a second, against pumpwatch-sim serving exactly those
// requests in the same run — the other side of every transaction, an epoll loop with its own
// Modbus framing and a pump-house model. Both are separate processes; their CPU comes from
// /proc over a window after a warm-up, so the figure is the programs as operators run them.
// Fails only when the work fails (the server never polls the whole city).
#include "benchmachine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

/// CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
double cpuSeconds(qint64 pid)
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

qint64 rssKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

/// Waits until `process` printed a line containing `text` on the channel it reads.
bool waitFor(QProcess& process, const char* text, int timeoutMs)
{
    QByteArray seen;
    QElapsedTimer t;
    t.start();
    process.waitForStarted(timeoutMs);
    while (t.elapsed() < timeoutMs && process.state() == QProcess::Running) {
        process.waitForReadyRead(200);
        seen += process.readAll();
        if (seen.contains(text))
            return true;
        seen = seen.right(4096);
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{"stations", "simulated stations", "N", "2000"},
                       {"seconds", "length of the measured window", "S", "40"},
                       {"warmup", "seconds before the window", "S", "20"},
                       {"base-port", "the simulator's first port − 1", "P", "21000"}});
    parser.process(app);
    const int stations = parser.value("stations").toInt();
    const double seconds = parser.value("seconds").toDouble();
    const double warmup = parser.value("warmup").toDouble();

    PumpWatch::Bench::raiseFileLimit();

    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("city.json"));
    const QString bin = QStringLiteral(PUMPWATCH_BIN_DIR "/");
    QProcess gen;
    gen.start(bin + QStringLiteral("pumpwatch-sim"),
              {QStringLiteral("--stations"), QString::number(stations),
               QStringLiteral("--base-port"), parser.value("base-port"),
               QStringLiteral("--write-project"), project, QStringLiteral("--list")});
    if (!gen.waitForFinished(120'000) || gen.exitCode() != 0) {
        std::fprintf(stderr, "generating the city failed\n");
        return 1;
    }
    QProcess sim;
    sim.start(bin + QStringLiteral("pumpwatch-sim"), {QStringLiteral("--project"), project});
    if (!waitFor(sim, "ready\n", 120'000)) {
        std::fprintf(stderr, "pumpwatch-sim did not start: %s\n",
                     sim.readAllStandardError().constData());
        return 1;
    }
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(bin + QStringLiteral("pumpwatch-server"),
                 {QStringLiteral("--project"), project, QStringLiteral("--db"),
                  QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("history.db")),
                  QStringLiteral("--stats"), QString::number(static_cast<int>(warmup))});
    // Its first statistics line after the warm-up says whether it polls the whole city.
    if (!waitFor(server, "info running", 60'000)) {
        std::fprintf(stderr, "pumpwatch-server did not start\n");
        return 1;
    }
    QByteArray log;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < static_cast<qint64>(warmup * 1000) + 5000 &&
           !log.contains("acquisition: ")) {
        server.waitForReadyRead(500);
        log += server.readAll();
    }
    const qsizetype at = log.indexOf("acquisition: ");
    const QByteArray stats = at < 0 ? QByteArray() : log.mid(at, log.indexOf('\n', at) - at);
    std::printf("city: %d stations; the server's %s\n", stations, stats.constData());
    // "acquisition: X of Y devices online; …": the work is done when X is Y.
    const QList<QByteArray> words = stats.split(' ');
    const bool everyDevice = words.size() > 3 && words[1] == words[3] && words[1].toInt() > 0;

    const qint64 simPid = sim.processId();
    const qint64 serverPid = server.processId();
    const double sim0 = cpuSeconds(simPid);
    const double server0 = cpuSeconds(serverPid);
    QElapsedTimer window;
    window.start();
    while (window.elapsed() < static_cast<qint64>(seconds * 1000)) {
        server.waitForReadyRead(500);
        server.readAll(); // its log must not fill the pipe
    }
    const double elapsed = static_cast<double>(window.elapsed()) / 1000.0;
    const double simCore = (cpuSeconds(simPid) - sim0) / elapsed;
    const double serverCore = (cpuSeconds(serverPid) - server0) / elapsed;
    const qint64 serverRss = rssKb(serverPid);
    const qint64 simRss = rssKb(simPid);
    std::printf("baseline   pumpwatch-sim serving every request: %.3f core, RSS %lld MB\n", simCore,
                static_cast<long long>(simRss / 1024));
    std::printf(
        "server     pumpwatch-server (acquisition, alarms, history into SQLite): %.3f core, "
        "RSS %lld MB, over %.0f s after %.0f s\n",
        serverCore, static_cast<long long>(serverRss / 1024), elapsed, warmup);
    std::printf("ratio      server / simulator CPU: %.1f×\n",
                simCore > 0 ? serverCore / simCore : 0.0);

    ::kill(static_cast<pid_t>(serverPid), SIGTERM);
    server.waitForFinished(30'000);
    sim.kill();
    sim.waitForFinished(10'000);
    if (!everyDevice)
        std::fprintf(stderr, "the server did not poll every device\n");
    return everyDevice ? 0 : 1;
}
