// Polling a city: 2000 simulated stations × the 37-tag standard template, every device every
// second, by the Modbus driver (one event loop, one request in flight per connection) against a
// plain libmodbus synchronous loop (modbus_read_registers device after device) in the same run.
//
// pumpwatch-sim serves the city in its own process, so this process holds only clients and its
// CPU time is acquisition's. Phases:
//   baseline       the libmodbus loop over the first devices (select() caps it at 1024 fds);
//                  its cycle for the whole city is devices ÷ its requests per second
//   pumpwatch      AcquisitionService on its thread for --seconds after a warm-up
//   latency        the same with every answer delayed 100 ms by the simulator
// Reported: achieved cycle (mean and worst gap between a device's batches), devices fresh within
// their period (gap ≤ 1.1 s) and within 2 s, requests/s, CPU of the acquisition thread and of the
// process. Fails only when the work fails (devices never online, no cycles).
#include "benchmachine.h"

#include <acquisition/acquisitionservice.h>
#include <core/projectreader.h>
#include <sim/citygenerator.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <modbus/modbus.h>
#include <mutex>

using namespace PumpWatch;
using namespace PumpWatch::Acquisition;
using Steady = std::chrono::steady_clock;

namespace {

double cpuSeconds(clockid_t id)
{
    timespec ts{};
    clock_gettime(id, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now().time_since_epoch())
        .count();
}

/// Counts each device's cycles (one batch per cycle) and the gaps between them.
class GapSink final : public AcquisitionSink {
public:
    explicit GapSink(const Project& p)
    {
        for (const Station& s : p.stations) {
            for (const Device& d : s.devices) {
                for (quint32 i = 0; i < d.tagCount; ++i)
                    m_deviceOfTag.push_back(static_cast<int>(m_last.size()));
                m_last.push_back(0);
            }
        }
        m_maxGap.assign(m_last.size(), 0);
        m_cycles.assign(m_last.size(), 0);
    }

    void samples(std::span<const Sample> batch) override
    {
        if (batch.size() < 2 || batch[0].quality != Quality::Good)
            return; // a read-back or a bad-quality batch, not a poll cycle
        const auto d = static_cast<std::size_t>(m_deviceOfTag[batch[0].tag]);
        const qint64 now = steadyMs();
        std::lock_guard lock(m_mutex);
        if (m_last[d] != 0 && m_measuring)
            m_maxGap[d] = std::max(m_maxGap[d], now - m_last[d]);
        if (m_measuring)
            ++m_cycles[d];
        m_last[d] = now;
    }

    void startMeasuring()
    {
        std::lock_guard lock(m_mutex);
        std::fill(m_maxGap.begin(), m_maxGap.end(), 0);
        std::fill(m_cycles.begin(), m_cycles.end(), 0);
        m_measuring = true;
    }

    struct Result {
        int devices = 0;
        int freshInPeriod = 0; ///< worst gap ≤ 1.1 s
        int freshIn2s = 0;
        qint64 worstGapMs = 0;
        double meanCycleMs = 0;
        quint64 cycles = 0;
    };

    Result stop(double seconds)
    {
        std::lock_guard lock(m_mutex);
        m_measuring = false;
        Result r;
        const qint64 now = steadyMs();
        r.devices = static_cast<int>(m_last.size());
        for (std::size_t d = 0; d < m_last.size(); ++d) {
            // A device that stopped delivering counts with the age of its last batch.
            const qint64 gap = std::max(m_maxGap[d], m_last[d] ? now - m_last[d] : 1'000'000);
            r.worstGapMs = std::max(r.worstGapMs, gap);
            r.freshInPeriod += gap <= 1100 && m_cycles[d] > 0;
            r.freshIn2s += gap <= 2000 && m_cycles[d] > 0;
            r.cycles += m_cycles[d];
        }
        r.meanCycleMs = r.cycles ? seconds * 1000.0 * r.devices / static_cast<double>(r.cycles) : 0;
        return r;
    }

private:
    std::mutex m_mutex;
    std::vector<int> m_deviceOfTag;
    std::vector<qint64> m_last, m_maxGap;
    std::vector<quint64> m_cycles;
    bool m_measuring = false;
};

struct SyncResult {
    double requestsPerSecond = 0;
    double cpuPerRequestUs = 0;
    quint64 errors = 0;
};

/// The plain libmodbus loop: one context per device, modbus_read_registers in turn.
SyncResult syncLoop(const Project& p, int maxDevices, double seconds, int maxRequests = 1 << 30)
{
    std::vector<modbus_t*> contexts;
    for (const Station& s : p.stations) {
        for (const Device& d : s.devices) {
            if (static_cast<int>(contexts.size()) >= maxDevices)
                break;
            const QString& ep = d.settings.endpoint;
            const qsizetype colon = ep.lastIndexOf(u':');
            modbus_t* ctx =
                modbus_new_tcp(ep.left(colon).toLatin1().constData(), ep.mid(colon + 1).toInt());
            modbus_set_slave(ctx, d.settings.unitId);
            modbus_set_response_timeout(ctx, 1, 0);
            if (modbus_connect(ctx) != 0) {
                modbus_free(ctx);
                continue;
            }
            contexts.push_back(ctx);
        }
    }
    SyncResult r;
    if (contexts.empty())
        return r;
    std::vector<quint16> regs(120);
    const double cpu0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    const auto t0 = Steady::now();
    quint64 requests = 0;
    double elapsed = 0;
    while (elapsed < seconds && requests < static_cast<quint64>(maxRequests)) {
        for (modbus_t* ctx : contexts) {
            if (modbus_read_registers(ctx, 0, 53, regs.data()) != 53)
                ++r.errors;
            ++requests;
            if (requests >= static_cast<quint64>(maxRequests))
                break;
        }
        elapsed = std::chrono::duration<double>(Steady::now() - t0).count();
    }
    r.requestsPerSecond = static_cast<double>(requests) / elapsed;
    r.cpuPerRequestUs =
        (cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpu0) * 1e6 / static_cast<double>(requests);
    for (modbus_t* ctx : contexts) {
        modbus_close(ctx);
        modbus_free(ctx);
    }
    return r;
}

struct Window {
    GapSink::Result gaps;
    double requestsPerSecond = 0;
    double threadCore = 0;  ///< acquisition thread CPU ÷ wall time
    double processCore = 0; ///< whole process CPU ÷ wall time
    quint64 overruns = 0;
    quint64 timeouts = 0;
};

Window measure(AcquisitionService& service, GapSink& sink, double seconds)
{
    const ModbusDriverStats s0 = service.stats();
    const double thread0 = static_cast<double>(service.threadCpuNs()) * 1e-9;
    const double process0 = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    const auto t0 = Steady::now();
    sink.startMeasuring();
    QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    const double wall = std::chrono::duration<double>(Steady::now() - t0).count();
    Window w;
    w.gaps = sink.stop(wall);
    const ModbusDriverStats s1 = service.stats();
    w.requestsPerSecond = static_cast<double>(s1.requests - s0.requests) / wall;
    w.threadCore = (static_cast<double>(service.threadCpuNs()) * 1e-9 - thread0) / wall;
    w.processCore = (cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - process0) / wall;
    w.overruns = s1.overruns - s0.overruns;
    w.timeouts = s1.timeouts - s0.timeouts;
    return w;
}

void print(const char* name, const Window& w)
{
    std::printf(
        "%-10s cycle mean %6.0f ms, worst gap %5lld ms; fresh in 1.1 s %d/%d, in 2 s %d/%d; "
        "%6.0f req/s; acquisition thread %.3f core, process %.3f core; "
        "overruns %llu, timeouts %llu\n",
        name, w.gaps.meanCycleMs, static_cast<long long>(w.gaps.worstGapMs), w.gaps.freshInPeriod,
        w.gaps.devices, w.gaps.freshIn2s, w.gaps.devices, w.requestsPerSecond, w.threadCore,
        w.processCore, static_cast<unsigned long long>(w.overruns),
        static_cast<unsigned long long>(w.timeouts));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{"stations", "simulated stations", "N", "2000"},
                       {"seconds", "length of each measured phase", "S", "10"},
                       {"base-port", "the simulator's first port − 1", "P", "21000"},
                       {"latency", "answer delay of the latency phase, ms", "MS", "100"}});
    parser.process(app);
    const int stations = parser.value("stations").toInt();
    const double seconds = parser.value("seconds").toDouble();
    const int latency = parser.value("latency").toInt();

    PumpWatch::Bench::raiseFileLimit();

    QTemporaryDir dir;
    Sim::CityOptions options;
    options.stations = stations;
    options.basePort = parser.value("base-port").toInt();
    Project project = Sim::CityGenerator::generate(options);
    const int devices = Sim::CityGenerator::deviceCount(project);
    int tags = static_cast<int>(project.tagCount());
    const QString projectPath = dir.filePath(QStringLiteral("city.json"));
    {
        QProcess gen;
        gen.start(QStringLiteral(PUMPWATCH_BIN_DIR "/pumpwatch-sim"),
                  {QStringLiteral("--stations"), QString::number(stations),
                   QStringLiteral("--base-port"), parser.value("base-port"),
                   QStringLiteral("--write-project"), projectPath, QStringLiteral("--list")});
        gen.waitForFinished(120'000);
    }
    QProcess sim;
    sim.start(QStringLiteral(PUMPWATCH_BIN_DIR "/pumpwatch-sim"),
              {QStringLiteral("--project"), projectPath});
    while (sim.waitForReadyRead(60'000)) {
        if (sim.readAll().contains("ready\n"))
            break;
    }
    std::printf("city: %d stations, %d devices, %d tags (%d per device), polled every 1000 ms\n",
                stations, devices, tags, tags / devices);

    // Baseline: a synchronous libmodbus loop over as many devices as select() allows.
    const int syncDevices = std::min(devices, 900);
    const SyncResult sync = syncLoop(project, syncDevices, std::min(seconds, 3.0));
    const double syncCycleMs = devices / sync.requestsPerSecond * 1000.0;
    std::printf("baseline   libmodbus sync loop over %d devices: %.0f req/s, %.1f µs CPU per "
                "request, %llu errors → one cycle of all %d devices takes %.0f ms, "
                "%.3f core while it runs\n",
                syncDevices, sync.requestsPerSecond, sync.cpuPerRequestUs,
                static_cast<unsigned long long>(sync.errors), devices, syncCycleMs,
                sync.requestsPerSecond * sync.cpuPerRequestUs * 1e-6);

    SystemClock clock;
    GapSink sink(project);
    AcquisitionService service(project, clock, sink);
    service.start();
    const auto online = [&] {
        int n = 0;
        for (const CommStatus& s : service.deviceStatuses())
            n += s.state == CommState::Online;
        return n;
    };
    for (int i = 0; i < 100 && online() < devices; ++i)
        QThread::msleep(100);
    const int onlineCount = online();
    std::printf("online     %d/%d devices\n", onlineCount, devices);
    QThread::msleep(2000); // warm-up
    const Window plain = measure(service, sink, seconds);
    print("pumpwatch", plain);
    // The same work: every device read once a second. The sync loop's CPU for it is its CPU
    // per request times the requests; its cycle is how long one pass over the city takes.
    const double syncCore = plain.requestsPerSecond * sync.cpuPerRequestUs * 1e-6;
    std::printf("ratio      same work (%.0f req/s): pumpwatch %.3f core vs sync loop %.3f core "
                "(%.2f×); CPU per request %.1f µs vs %.1f µs\n",
                plain.requestsPerSecond, plain.threadCore, syncCore, plain.threadCore / syncCore,
                plain.threadCore * 1e6 / std::max(1.0, plain.requestsPerSecond),
                sync.cpuPerRequestUs);

    // Every answer delayed: concurrency keeps the period; the sync loop pays it per device.
    for (const Station& s : project.stations) {
        sim.write(QStringLiteral("latency %1 %2\n").arg(s.id).arg(latency).toUtf8());
    }
    sim.waitForBytesWritten(10'000);
    QThread::msleep(3000);
    const Window slow = measure(service, sink, seconds);
    print("latency", slow);
    service.stop();
    const SyncResult syncSlow = syncLoop(project, 20, 10.0, 20);
    std::printf("baseline   sync loop with %d ms latency: %.1f req/s → one cycle of all %d devices "
                "takes %.0f s\n",
                latency, syncSlow.requestsPerSecond, devices, devices / syncSlow.requestsPerSecond);

    sim.write("quit\n");
    sim.closeWriteChannel();
    if (!sim.waitForFinished(5000))
        sim.kill();
    sim.waitForFinished(5000);
    const bool worked = onlineCount == devices && plain.gaps.cycles > 0 && slow.gaps.cycles > 0;
    return worked ? 0 : 1;
}
