// MQTT intake for a city of gateways (issue 24): 2000 pump houses at 1 Hz through a real
// mosquitto on loopback — half EMQ Neuron uploads (format 0, the 37 tags of the standard
// template), half Sparkplug B DDATA by alias (after an NBIRTH and a DBIRTH per edge node), QoS 0,
// spread evenly over each second. Two receivers take the same load one after the other:
//   baseline    a plain libmosquitto subscriber (the C API, mosquitto_loop_start) whose message
//               callback only decodes each message with our codecs (Neuron::parseUpload,
//               Sparkplug::decode) and counts it: the cost of getting and decoding a message
//   pumpwatch   AcquisitionService with MqttDriver for the same 2000 devices, down to samples
//               handed to a sink that counts them per station
// The load generator is this program in a child process (--generator), so this process's CPU
// time over a window is the receiver's alone; the broker is a process of its own too. Each
// side gets a warm-up, then the measured rounds; CPU per message is the process's CPU over the
// window divided by the messages delivered in it. The ratio printed is the baseline's CPU per
// message over ours ("our rate relative to the baseline's"; the aim is ≥ 50 %).
//
// Fails only when the work fails: a station with fewer or more messages (or samples) than were
// published, a message the host could not map (unknown source or tag, bad payload), a decoding
// failure in the baseline. Never on time.
#include "../common/mosquittobroker.h"
#include "benchmachine.h"

#include <acquisition/acquisitionservice.h>
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

namespace {

const QString SparkplugGroup = QStringLiteral("bench");
const QString NeuronGroup = QStringLiteral("grp");

/// Station i: "S0001" …; even ones behind Neuron, odd ones Sparkplug edge nodes.
QString stationId(int i)
{
    return QStringLiteral("S%1").arg(i + 1, 4, 10, QLatin1Char('0'));
}
bool isNeuron(int i)
{
    return i % 2 == 0;
}
QByteArray neuronTopic(int i)
{
    return "/neuron/bench/" + stationId(i).toUtf8() + '/' + NeuronGroup.toUtf8();
}
/// The station of an upload or Sparkplug topic ("/neuron/bench/S0001/grp",
/// "spBv1.0/bench/DDATA/S0002/plc"), or -1.
int stationOfTopic(const char* topic)
{
    const char* s = std::strstr(topic, "/S");
    return s ? std::atoi(s + 2) - 1 : -1;
}

Spb::DataType sparkplugType(DataType type)
{
    switch (type) {
    case DataType::Bool:
        return Spb::DataType::Boolean;
    case DataType::UInt16:
        return Spb::DataType::UInt16;
    case DataType::Float32:
        return Spb::DataType::Float;
    default:
        return Spb::DataType::Double;
    }
}

/// The tag's value in round `r` at station `i`: every value changes every round.
double valueOf(const TagDef& tag, int tagIndex, int i, quint64 r)
{
    if (tag.type == DataType::Bool)
        return double((r + quint64(i) + quint64(tagIndex)) % 2);
    if (tag.type == DataType::UInt16)
        return double((r * 7 + quint64(i)) % 65536);
    return std::round((10 + 5 * std::sin(0.1 * double(r) + 0.37 * i + tagIndex)) * 1000) / 1000;
}

/// A city of `stations` pump houses, one standard-template device each, all behind gateways.
Project cityProject(int stations, int port)
{
    Project p;
    p.name = QStringLiteral("bench-gateways");
    BrokerSettings broker;
    broker.id = QStringLiteral("iot");
    broker.port = port;
    broker.clientId = QStringLiteral("pw-bench");
    broker.neuronTopics = {QStringLiteral("/neuron/bench/#")};
    p.brokers.push_back(broker);
    p.templates.push_back(Sim::standardTemplate(QStringLiteral("std")));
    for (int i = 0; i < stations; ++i) {
        Station s;
        s.id = stationId(i);
        s.name = s.id;
        PumpWatch::Device d;
        d.id = QStringLiteral("plc");
        d.templateIndex = 0;
        d.settings = p.templates[0].device;
        d.settings.broker = broker.id;
        d.settings.node = s.id;
        if (isNeuron(i)) {
            d.settings.protocol = Protocol::MqttNeuron;
            d.settings.group = NeuronGroup;
        } else {
            d.settings.protocol = Protocol::MqttSparkplug;
            d.settings.group = SparkplugGroup;
            d.settings.deviceId = d.id;
        }
        s.devices.push_back(d);
        p.stations.push_back(std::move(s));
    }
    p.reindex();
    return p;
}

// --- the load generator (child process) -----------------------------------------------------

/// Reads commands on stdin, answers on stdout: "births" (NBIRTH + DBIRTH of every edge node),
/// "run K" (K rounds of every station once a second), "quit".
int generator(int port, int stations)
{
    mosquitto_lib_init();
    mosquitto* mosq = mosquitto_new("bench-generator", true, nullptr);
    if (mosquitto_connect(mosq, "127.0.0.1", port, 60) != MOSQ_ERR_SUCCESS ||
        mosquitto_loop_start(mosq) != MOSQ_ERR_SUCCESS) {
        std::fprintf(stderr, "generator: cannot connect to port %d\n", port);
        return 1;
    }
    const std::vector<TagDef> tags = Sim::standardTemplate(QStringLiteral("std")).tags;
    std::vector<int> seq(std::size_t(stations), 0);
    quint64 round = 0;
    quint64 failed = 0;
    const auto publish = [&](const QByteArray& topic, const QByteArray& payload) {
        if (mosquitto_publish(mosq, nullptr, topic.constData(), int(payload.size()),
                              payload.constData(), 0, false) != MOSQ_ERR_SUCCESS)
            ++failed;
    };
    const auto now = [] { return quint64(QDateTime::currentMSecsSinceEpoch()); };
    const auto topic = [](Spb::MessageType type, int i) {
        return Spb::topicName({type,
                               SparkplugGroup,
                               stationId(i),
                               type == Spb::MessageType::NBirth ? QString() : QStringLiteral("plc"),
                               {}});
    };
    std::printf("ready\n");
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line == "births") {
            int sent = 0;
            for (int i = 0; i < stations; ++i) {
                if (isNeuron(i))
                    continue;
                Spb::Payload nbirth;
                nbirth.timestampMs = now();
                nbirth.seq = 0;
                Spb::Metric bd;
                bd.name = QStringLiteral("bdSeq");
                bd.type = Spb::DataType::Int64;
                bd.timestampMs = nbirth.timestampMs;
                Spb::Metric rebirth = bd;
                rebirth.name = QStringLiteral("Node Control/Rebirth");
                rebirth.type = Spb::DataType::Boolean;
                nbirth.metrics = {bd, rebirth};
                publish(topic(Spb::MessageType::NBirth, i), Spb::encode(nbirth));
                Spb::Payload dbirth;
                dbirth.timestampMs = now();
                dbirth.seq = 1;
                for (std::size_t t = 0; t < tags.size(); ++t) {
                    Spb::Metric m;
                    m.name = tags[t].metricName();
                    m.alias = t + 1;
                    m.type = sparkplugType(tags[t].type);
                    m.value = valueOf(tags[t], int(t), i, round);
                    m.timestampMs = dbirth.timestampMs;
                    dbirth.metrics.push_back(m);
                }
                publish(topic(Spb::MessageType::DBirth, i), Spb::encode(dbirth));
                seq[std::size_t(i)] = 2;
                sent += 2;
            }
            std::printf("births %d\n", sent);
        } else if (line.rfind("run ", 0) == 0) {
            const int rounds = std::stoi(line.substr(4));
            quint64 published = 0;
            const auto t0 = Steady::now() + std::chrono::milliseconds(20);
            Neuron::Upload upload;
            upload.group = NeuronGroup;
            upload.tags.resize(tags.size());
            for (std::size_t t = 0; t < tags.size(); ++t) {
                upload.tags[t].name = tags[t].metricName();
                upload.tags[t].kind = tags[t].type == DataType::Bool ? Neuron::ValueKind::Bool
                                                                     : Neuron::ValueKind::Number;
            }
            Spb::Payload ddata;
            ddata.metrics.resize(tags.size());
            for (int r = 0; r < rounds; ++r, ++round) {
                for (int i = 0; i < stations; ++i) {
                    // Spread over the second: a station every 1/stations s.
                    std::this_thread::sleep_until(
                        t0 + std::chrono::microseconds(qint64(r) * 1'000'000 +
                                                       qint64(i) * 1'000'000 / stations));
                    if (isNeuron(i)) {
                        upload.timestampMs = qint64(now());
                        upload.node = stationId(i);
                        for (std::size_t t = 0; t < tags.size(); ++t)
                            upload.tags[t].value = valueOf(tags[t], int(t), i, round);
                        publish(neuronTopic(i),
                                Neuron::encodeUpload(upload, Neuron::Format::Values));
                    } else {
                        // Datatypes left out, as the spec asks of DATA (the birth gave them).
                        ddata.timestampMs = now();
                        ddata.seq = quint64(seq[std::size_t(i)]);
                        seq[std::size_t(i)] = (seq[std::size_t(i)] + 1) % 256;
                        for (std::size_t t = 0; t < tags.size(); ++t) {
                            Spb::Metric& m = ddata.metrics[t];
                            m.alias = t + 1;
                            m.type = sparkplugType(tags[t].type);
                            m.value = valueOf(tags[t], int(t), i, round);
                            m.timestampMs = ddata.timestampMs;
                        }
                        publish(topic(Spb::MessageType::DData, i),
                                Spb::encode(ddata, Spb::Datatypes::Omit));
                    }
                    ++published;
                }
            }
            std::printf("done %llu %llu\n", static_cast<unsigned long long>(published),
                        static_cast<unsigned long long>(failed));
        } else if (line == "quit") {
            break;
        }
        std::fflush(stdout);
    }
    mosquitto_disconnect(mosq);
    mosquitto_loop_stop(mosq, false);
    mosquitto_destroy(mosq);
    mosquitto_lib_cleanup();
    return 0;
}

/// The generator, driven from the benchmark.
class Generator {
public:
    Generator(int port, int stations)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--generator"), QStringLiteral("--port"),
                         QString::number(port), QStringLiteral("--stations"),
                         QString::number(stations)});
        m_ready = m_process.waitForStarted(10'000) && reply(10'000).startsWith("ready");
    }
    ~Generator()
    {
        m_process.write("quit\n");
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }
    bool isReady() const { return m_ready; }

    /// Sends `command` and waits for its one-line answer.
    QByteArray command(const QByteArray& command, int timeoutMs)
    {
        m_process.write(command + '\n');
        m_process.waitForBytesWritten(1000);
        return reply(timeoutMs);
    }

    /// "run K": K rounds; the messages published (0 if any publish failed).
    quint64 run(int rounds)
    {
        const QList<QByteArray> done =
            command("run " + QByteArray::number(rounds), rounds * 1000 + 30'000).split(' ');
        return done.size() == 3 && done[2] == "0" ? done[1].toULongLong() : 0;
    }

private:
    QByteArray reply(int timeoutMs)
    {
        const auto t0 = Steady::now();
        while (!m_process.canReadLine() && PumpWatch::Bench::msSince(t0) < timeoutMs &&
               m_process.state() == QProcess::Running)
            m_process.waitForReadyRead(100);
        return m_process.readLine().trimmed();
    }

    QProcess m_process;
    bool m_ready = false;
};

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

/// Counts good live samples per station.
class CountingSink final : public AcquisitionSink {
public:
    explicit CountingSink(const Project& project)
        : m_project(project)
        , m_perStation(project.stations.size(), 0)
    {}

    void samples(std::span<const Sample> batch) override
    {
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
                       {"warmup", "warm-up rounds per side", "S", "2"}});
    parser.process(app);
    const int stations = std::max(2, parser.value("stations").toInt());
    const int seconds = std::max(1, parser.value("seconds").toInt());
    const int warmup = std::max(1, parser.value("warmup").toInt());
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
        CountingSink sink(project);
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
        std::printf("pumpwatch  MqttDriver (AcquisitionService): %llu/%llu messages → %llu samples "
                    "(%d stations short), %llu unmapped, %llu historical, %llu seq gaps, %llu "
                    "rebirths; %.0f msg/s; process %.3f core (acquisition thread %.3f, network "
                    "and the rest %.3f); %.1f ms CPU per 1000 messages\n",
                    static_cast<unsigned long long>(messages),
                    static_cast<unsigned long long>(expected),
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
