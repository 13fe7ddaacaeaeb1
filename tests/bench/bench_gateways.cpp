// MQTT intake for a city of gateways (issue 24): 2000 pump houses at 1 Hz through a real
// mosquitto on loopback — half EMQ Neuron uploads (format 0, the 37 tags of the standard
// template), half Sparkplug B DDATA by alias (after an NBIRTH and a DBIRTH per edge node), QoS 0,
// spread evenly over each second. Two receivers take the same load one after the other:
//   baseline    a plain libmosquitto subscriber (the C API, mosquitto_loop_start) whose message
//               callback only decodes each message with our codecs (Neuron::parseUpload,
//               Sparkplug::decode) and counts it: the cost of getting and decoding a message
//   pumpwatch   AcquisitionService with MqttDriver for the same 2000 devices, down to samples
//               handed to a sink that counts them per station
// The load generator (gatewayload.h) is this program in a child process (--generator), so this
// process's CPU time over a window is the receiver's alone; the broker is a process of its own too.
// Each side gets a warm-up, then the measured rounds; CPU per message is the process's CPU over the
// window divided by the messages delivered in it. The ratio printed is the baseline's CPU per
// message over ours ("our rate relative to the baseline's"; the aim is ≥ 50 %).
//
// Fails only when the work fails: a station with fewer or more messages (or samples) than were
// published, a message the host could not map (unknown source or tag, bad payload), a decoding
// failure in the baseline. Never on time.
#include "../common/mosquittobroker.h"
#include "benchmachine.h"
#include "gatewayload.h"

#include <acquisition/acquisitionservice.h>
#include <core/realtimestore.h>
#include <sim/standardtemplate.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QProcess>
#include <QThread>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mosquitto.h>
#include <mqtt/neuron.h>
#include <mqtt/sparkplug.h>
#include <mutex>
#include <string>

using namespace PumpWatch;
using namespace PumpWatch::Acquisition;
namespace Neuron = PumpWatch::Mqtt::Neuron;
namespace Spb = PumpWatch::Mqtt::Sparkplug;
using Steady = std::chrono::steady_clock;
using namespace PumpWatch::Bench::Gateways;

namespace {

/// Waits until `done()` or `timeoutMs`, polling every few ms.
template <typename F>
bool waitFor(F done, int timeoutMs)
{
    const auto t0 = Steady::now();
    while (!done()) {
        if (PumpWatch::Bench::msSince(t0) > timeoutMs)
            return false;
        QThread::msleep(5);
    }
    return true;
}

// --- the baseline: libmosquitto and our codecs, nothing else --------------------------------

class PlainSubscriber {
public:
    PlainSubscriber(int stations, std::size_t tags)
        : m_perStation(std::size_t(stations))
        , m_tags(tags)
    {
        m_mosq = mosquitto_new("bench-baseline", true, this);
        mosquitto_connect_callback_set(m_mosq, [](mosquitto* m, void*, int) {
            mosquitto_subscribe(m, nullptr, "/neuron/bench/#", 0);
            mosquitto_subscribe(m, nullptr, "spBv1.0/bench/#", 0);
        });
        mosquitto_subscribe_callback_set(m_mosq, [](mosquitto*, void* self, int, int, const int*) {
            ++static_cast<PlainSubscriber*>(self)->subscribed;
        });
        mosquitto_message_callback_set(m_mosq, &PlainSubscriber::onMessage);
    }
    ~PlainSubscriber()
    {
        mosquitto_disconnect(m_mosq);
        mosquitto_loop_stop(m_mosq, false);
        mosquitto_destroy(m_mosq);
    }

    bool open(int port)
    {
        return mosquitto_connect(m_mosq, "127.0.0.1", port, 60) == MOSQ_ERR_SUCCESS &&
               mosquitto_loop_start(m_mosq) == MOSQ_ERR_SUCCESS;
    }
    void reset()
    {
        for (auto& n : m_perStation)
            n = 0;
        messages = 0;
    }
    quint64 at(int station) const { return m_perStation[std::size_t(station)]; }

    std::atomic<int> subscribed{0};
    std::atomic<quint64> messages{0}; ///< data messages decoded whole (uploads, DDATA)
    std::atomic<quint64> births{0};
    std::atomic<quint64> failures{0}; ///< not decoded, or not every tag in it

private:
    static void onMessage(mosquitto*, void* self, const mosquitto_message* m)
    {
        auto* b = static_cast<PlainSubscriber*>(self);
        const QByteArrayView bytes(static_cast<const char*>(m->payload), m->payloadlen);
        bool whole = false;
        if (m->topic[0] == '/') {
            whole = Neuron::parseUpload(bytes, &b->m_upload, nullptr) &&
                    b->m_upload.tags.size() == b->m_tags;
        } else if (Spb::decode(bytes, &b->m_payload)) {
            if (std::strstr(m->topic, "BIRTH/")) {
                ++b->births;
                return;
            }
            whole = b->m_payload.metrics.size() == b->m_tags;
        }
        const int station = stationOfTopic(m->topic);
        if (!whole || station < 0 || station >= int(b->m_perStation.size())) {
            ++b->failures;
            return;
        }
        b->m_perStation[std::size_t(station)].fetch_add(1, std::memory_order_relaxed);
        b->messages.fetch_add(1, std::memory_order_release);
    }

    mosquitto* m_mosq = nullptr;
    std::vector<std::atomic<quint64>> m_perStation;
    std::size_t m_tags;
    Neuron::Upload m_upload; // reused, as a subscriber would
    Spb::Payload m_payload;
};

// --- ours: the sink of AcquisitionService ---------------------------------------------------

/// Counts good live samples per station; with a store, publishes each batch to it first, as the
/// server's pipeline does.
class CountingSink final : public AcquisitionSink {
public:
    CountingSink(const Project& project, RealtimeStore* store)
        : m_project(project)
        , m_store(store)
        , m_perStation(project.stations.size(), 0)
    {}

    void samples(std::span<const Sample> batch) override
    {
        if (m_store)
            m_store->publish(batch);
        std::lock_guard lock(m_mutex);
        for (const Sample& s : batch) {
            if (s.quality == Quality::Good && !s.historical) {
                ++m_perStation[std::size_t(m_project.stationIndexOfTag(s.tag))];
                ++m_total;
            }
        }
    }
    void reset()
    {
        std::lock_guard lock(m_mutex);
        std::fill(m_perStation.begin(), m_perStation.end(), 0);
        m_total = 0;
    }
    quint64 total() const
    {
        std::lock_guard lock(m_mutex);
        return m_total;
    }
    quint64 at(int station) const
    {
        std::lock_guard lock(m_mutex);
        return m_perStation[std::size_t(station)];
    }

private:
    const Project& m_project;
    RealtimeStore* m_store;
    mutable std::mutex m_mutex;
    std::vector<quint64> m_perStation;
    quint64 m_total = 0;
};

struct Window {
    double wallS = 0;
    double cpuMs = 0;
    quint64 messages = 0;
};

/// Publishes `rounds` (`messages` in all) and waits until `received()` reaches `expected` (at
/// most 30 s after the generator is done). The process's CPU and the wall time over it;
/// messages 0 if the generator could not publish them all.
template <typename F>
Window measure(Generator& gen, int rounds, quint64 messages, quint64 expected, F received)
{
    Window w;
    const double cpu0 = PumpWatch::Bench::processCpuMs();
    const auto t0 = Steady::now();
    const quint64 published = gen.run(rounds);
    waitFor([&] { return received() >= expected; }, 30'000);
    w.wallS = PumpWatch::Bench::msSince(t0) / 1000.0;
    w.cpuMs = PumpWatch::Bench::processCpuMs() - cpu0;
    w.messages = published == messages ? received() : 0;
    return w;
}

} // namespace

int main(int argc, char* argv[])
{
    // The child: bench_gateways --generator --port P --stations N (Generator starts it).
    if (argc == 6 && std::strcmp(argv[1], "--generator") == 0)
        return generator(std::atoi(argv[3]), std::atoi(argv[5]));
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{"stations", "pump houses (half Neuron, half Sparkplug)", "N", "2000"},
                       {"seconds", "measured rounds (seconds) per side", "S", "10"},
                       {"warmup", "warm-up rounds per side", "S", "2"},
                       {"store", "our sink also publishes to a RealtimeStore, as the server's"}});
    parser.process(app);
    const int stations = std::max(2, parser.value("stations").toInt());
    const int seconds = std::max(1, parser.value("seconds").toInt());
    const int warmup = std::max(1, parser.value("warmup").toInt());
    const bool withStore = parser.isSet("store");
    PumpWatch::Bench::printMachine();

    mosquitto_lib_init();
    PumpWatch::Test::MosquittoBroker broker;
    if (!broker.isRunning()) {
        std::fprintf(stderr, "%s\n", qPrintable(broker.errorString()));
        return 1;
    }
    const Project project = cityProject(stations, broker.port());
    const auto tags = std::size_t(project.templates[0].tags.size());
    const int sparkplugNodes = stations / 2;
    const quint64 expected = quint64(stations) * quint64(seconds);
    int major = 0, minor = 0, revision = 0;
    mosquitto_lib_version(&major, &minor, &revision);
    std::printf("load: %d stations at 1 Hz, %d Neuron uploads (format 0) and %d Sparkplug DDATA "
                "by alias, %zu tags each, QoS 0, spread over the second, one publisher in a "
                "child process; mosquitto on loopback, libmosquitto %d.%d.%d; %d s warm-up, "
                "%d s measured per side\n",
                stations, stations - sparkplugNodes, sparkplugNodes, tags, major, minor, revision,
                warmup, seconds);
    std::fflush(stdout);
    Generator gen(broker.port(), stations);
    if (!gen.isReady()) {
        std::fprintf(stderr, "the generator did not start\n");
        return 1;
    }
    bool ok = true;
    const auto lost = [&](const char* who, auto countOf, quint64 each) {
        int wrong = 0;
        for (int i = 0; i < stations; ++i)
            wrong += countOf(i) != each;
        if (wrong > 0) {
            std::printf("%-10s FAILED: %d stations did not get exactly %llu\n", who, wrong,
                        static_cast<unsigned long long>(each));
            ok = false;
        }
        return wrong;
    };

    // Baseline.
    Window base;
    {
        PlainSubscriber plain(stations, tags);
        if (!plain.open(broker.port()) || !waitFor([&] { return plain.subscribed >= 2; }, 5000)) {
            std::fprintf(stderr, "the baseline subscriber did not connect\n");
            return 1;
        }
        gen.command("births", 10'000);
        waitFor([&] { return plain.births >= quint64(2 * sparkplugNodes); }, 10'000);
        gen.run(warmup);
        waitFor([&] { return plain.messages >= quint64(stations * warmup); }, 10'000);
        plain.reset();
        base = measure(gen, seconds, expected, expected, [&] { return plain.messages.load(); });
        const int wrong = lost(
            "baseline", [&](int i) { return plain.at(i); }, quint64(seconds));
        std::printf("baseline   libmosquitto subscriber + decode: %llu/%llu messages (%d stations "
                    "short), %llu not decoded; %.0f msg/s; process %.3f core; %.1f ms CPU per "
                    "1000 messages\n",
                    static_cast<unsigned long long>(base.messages),
                    static_cast<unsigned long long>(expected), wrong,
                    static_cast<unsigned long long>(plain.failures.load()),
                    double(base.messages) / base.wallS, base.cpuMs / 1000.0 / base.wallS,
                    base.cpuMs * 1000.0 / double(std::max<quint64>(1, base.messages)));
        ok = ok && plain.failures == 0 && base.messages == expected;
    }
    std::fflush(stdout);

    // Ours.
    Window ours;
    {
        SystemClock clock;
        RealtimeStore store(project.tagCount());
        CountingSink sink(project, withStore ? &store : nullptr);
        AcquisitionService service(project, clock, sink);
        service.start();
        // Both host connections up and subscribed: births taken, warm-up rounds all mapped.
        QThread::msleep(1000);
        for (int attempt = 0; attempt < 5; ++attempt) {
            const quint64 births0 = service.mqttStats().births;
            gen.command("births", 10'000);
            if (waitFor(
                    [&] {
                        return service.mqttStats().births - births0 >= quint64(2 * sparkplugNodes);
                    },
                    5000))
                break;
        }
        sink.reset(); // the births' values are samples too
        gen.run(warmup);
        waitFor([&] { return sink.total() >= quint64(stations) * warmup * tags; }, 10'000);
        sink.reset();
        const MqttDriverStats s0 = service.mqttStats();
        const qint64 thread0 = service.threadCpuNs();
        ours = measure(gen, seconds, expected, expected * tags, [&] { return sink.total(); });
        const double threadMs = double(service.threadCpuNs() - thread0) / 1e6;
        const MqttDriverStats s1 = service.mqttStats();
        // Stopping takes every device offline, one warning each: not news here.
        QLoggingCategory::setFilterRules(QStringLiteral("pumpwatch.*=false"));
        service.stop();
        const quint64 messages = s1.messages - s0.messages;
        const quint64 samples = ours.messages; // good live samples counted by the sink
        const quint64 unmapped = (s1.unknownSources - s0.unknownSources) +
                                 (s1.unknownTags - s0.unknownTags) +
                                 (s1.badPayloads - s0.badPayloads);
        const int wrong = lost(
            "pumpwatch", [&](int i) { return sink.at(i); }, quint64(seconds) * tags);
        ours.messages = samples == expected * tags ? messages : 0;
        std::printf(
            "pumpwatch  MqttDriver (AcquisitionService%s): %llu/%llu messages → %llu samples "
            "(%d stations short), %llu unmapped, %llu historical, %llu seq gaps, %llu "
            "rebirths; %.0f msg/s; process %.3f core (acquisition thread %.3f, network "
            "and the rest %.3f); %.1f ms CPU per 1000 messages\n",
            withStore ? ", sink publishing to a RealtimeStore" : "",
            static_cast<unsigned long long>(messages), static_cast<unsigned long long>(expected),
            static_cast<unsigned long long>(samples), wrong,
            static_cast<unsigned long long>(unmapped),
            static_cast<unsigned long long>(s1.historical - s0.historical),
            static_cast<unsigned long long>(s1.seqGaps - s0.seqGaps),
            static_cast<unsigned long long>(s1.rebirths - s0.rebirths),
            double(messages) / ours.wallS, ours.cpuMs / 1000.0 / ours.wallS,
            threadMs / 1000.0 / ours.wallS, (ours.cpuMs - threadMs) / 1000.0 / ours.wallS,
            ours.cpuMs * 1000.0 / double(std::max<quint64>(1, messages)));
        ok = ok && messages == expected && samples == expected * tags && unmapped == 0 &&
             s1.historical == s0.historical;
    }
    if (base.messages > 0 && ours.messages > 0) {
        const double basePer = base.cpuMs / double(base.messages);
        const double oursPer = ours.cpuMs / double(ours.messages);
        std::printf("ratio      our rate relative to the baseline's (its CPU per message / ours): "
                    "%.0f %% (%.1f µs vs %.1f µs per message; aim ≥ 50 %%)\n",
                    100.0 * basePer / oursPer, basePer * 1000.0, oursPer * 1000.0);
    }
    mosquitto_lib_cleanup();
    return ok ? 0 : 1;
}
