// The load of bench_gateways: a city of pump houses behind IoT gateways (half EMQ Neuron, half
// Sparkplug B edge nodes, one standard-template device each), the project that maps them, and
// the generator that publishes their messages — the benchmark itself started again as a child
// process (--generator), so that the benchmark's own CPU time is the receiver's alone.
#pragma once

#include "benchmachine.h"

#include <core/project.h>
#include <sim/standardtemplate.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QProcess>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mosquitto.h>
#include <mqtt/neuron.h>
#include <mqtt/sparkplug.h>
#include <string>
#include <thread>

namespace PumpWatch::Bench::Gateways {

namespace Neuron = PumpWatch::Mqtt::Neuron;
namespace Spb = PumpWatch::Mqtt::Sparkplug;
using Steady = std::chrono::steady_clock;

inline const QString SparkplugGroup = QStringLiteral("bench");
inline const QString NeuronGroup = QStringLiteral("grp");

/// Station i: "S0001" …; even ones behind Neuron, odd ones Sparkplug edge nodes.
inline QString stationId(int i)
{
    return QStringLiteral("S%1").arg(i + 1, 4, 10, QLatin1Char('0'));
}
inline bool isNeuron(int i)
{
    return i % 2 == 0;
}
inline QByteArray neuronTopic(int i)
{
    return "/neuron/bench/" + stationId(i).toUtf8() + '/' + NeuronGroup.toUtf8();
}
/// The station of an upload or Sparkplug topic ("/neuron/bench/S0001/grp",
/// "spBv1.0/bench/DDATA/S0002/plc"), or -1.
inline int stationOfTopic(const char* topic)
{
    const char* s = std::strstr(topic, "/S");
    return s ? std::atoi(s + 2) - 1 : -1;
}

inline Spb::DataType sparkplugType(DataType type)
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
inline double valueOf(const TagDef& tag, int tagIndex, int i, quint64 r)
{
    if (tag.type == DataType::Bool)
        return double((r + quint64(i) + quint64(tagIndex)) % 2);
    if (tag.type == DataType::UInt16)
        return double((r * 7 + quint64(i)) % 65536);
    return std::round((10 + 5 * std::sin(0.1 * double(r) + 0.37 * i + tagIndex)) * 1000) / 1000;
}

/// A city of `stations` pump houses, one standard-template device each, all behind gateways.
inline Project cityProject(int stations, int port)
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
inline int generator(int port, int stations)
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

} // namespace PumpWatch::Bench::Gateways
