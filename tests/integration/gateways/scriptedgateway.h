// A gateway played by a test: an MQTT client that publishes what a Neuron gateway or a Sparkplug
// edge node would, message by message, and records what the host sends it (rebirth requests,
// commands, write requests, STATE). Header-only; runs on the test's thread.
#pragma once
#include <QDateTime>
#include <QTest>

#include <mqtt/mqttclient.h>
#include <mqtt/neuron.h>
#include <mqtt/sparkplug.h>
#include <vector>

namespace PumpWatch::Test {

namespace Spb = Mqtt::Sparkplug;

class ScriptedGateway {
public:
    explicit ScriptedGateway(int port, const QString& clientId)
        : m_client(options(port, clientId))
    {
        m_client.setMessageHandler([this](std::span<const Mqtt::Message> batch) {
            received.insert(received.end(), batch.begin(), batch.end());
        });
    }

    /// Subscribes to `filters` and waits for the session.
    bool open(const QList<QByteArray>& filters)
    {
        for (const QByteArray& f : filters)
            m_client.subscribe(f, 1);
        return m_client.open() && QTest::qWaitFor([this] { return m_client.isConnected(); }, 5000);
    }

    void publish(const QByteArray& topic, const QByteArray& payload, int qos = 0,
                 bool retain = false)
    {
        QVERIFY(m_client.publish(topic, payload, qos, retain));
    }

    /// Messages received on `topic` so far.
    std::vector<Mqtt::Message> on(const QByteArray& topic) const
    {
        std::vector<Mqtt::Message> found;
        for (const Mqtt::Message& m : received) {
            if (m.topic == topic)
                found.push_back(m);
        }
        return found;
    }

    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

    static Spb::Metric metric(const QString& name, std::optional<quint64> alias, Spb::DataType type,
                              double value, qint64 ts = now())
    {
        Spb::Metric m;
        m.name = name;
        m.alias = alias;
        m.type = type;
        m.value = value;
        m.timestampMs = quint64(ts);
        return m;
    }

    static QByteArray payload(std::optional<quint64> seq, std::vector<Spb::Metric> metrics,
                              Spb::Datatypes datatypes = Spb::Datatypes::Write)
    {
        Spb::Payload p;
        p.timestampMs = quint64(now());
        p.seq = seq;
        p.metrics = std::move(metrics);
        return Spb::encode(p, datatypes);
    }

    Mqtt::Client& client() { return m_client; }
    std::vector<Mqtt::Message> received;

private:
    static Mqtt::ClientOptions options(int port, const QString& clientId)
    {
        Mqtt::ClientOptions o;
        o.port = port;
        o.clientId = clientId;
        o.reconnectMinMs = 100;
        o.reconnectMaxMs = 500;
        return o;
    }

    Mqtt::Client m_client;
};

} // namespace PumpWatch::Test
