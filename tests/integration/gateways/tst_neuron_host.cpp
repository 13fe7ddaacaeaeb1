// The Neuron host (MqttDriver) against a real mosquitto, with an EMQ Neuron gateway played by the
// test message by message: formats 0 and 1, error codes, the offline cache's replay recognised as
// history, silence, write requests with their response and the value read back.
#include "../../common/mosquittobroker.h"
#include "../acquisition/testpeers.h"
#include "scriptedgateway.h"

#include <acquisition/mqttdriver.h>
#include <core/projectreader.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Test;
using Acquisition::CommState;
namespace Neuron = Mqtt::Neuron;

namespace {

const QByteArray UploadTopic = QByteArrayLiteral("/neuron/pumpwatch-test/N1/grp");
const QByteArray WriteTopic = QByteArrayLiteral("neuron/test/write/req");
const QByteArray ResponseTopic = QByteArrayLiteral("neuron/test/write/resp");

QByteArray projectJson(int port)
{
    return QStringLiteral(R"({"format": "pumpwatch-project", "version": 1, "name": "neuron",
      "brokers": [{"id": "iot", "port": %1, "clientId": "pw-neuron-test", "liveWindowS": 5,
                   "writeTopic": "neuron/test/write/req", "writeResponseTopic": "neuron/test/write/resp",
                   "writeTimeoutMs": 2000}],
      "templates": [{"id": "t", "device": {"protocol": "mqtt-neuron", "group": "grp", "pollMs": 500},
        "tags": [
        {"key": "pressure", "name": "出水压力", "quantity": "pressure", "type": "float32",
         "alarm": {"H": 0.6}},
        {"key": "level", "name": "水箱液位", "quantity": "level", "type": "float32", "metric": "tank.level"},
        {"key": "pump1_command", "name": "1#泵启停", "quantity": "command", "type": "bool", "access": "rw"}]}],
      "stations": [{"id": "N1", "name": "测试泵房", "location": {"lat": 27.7, "lon": 106.9},
        "devices": [{"id": "low", "template": "t", "node": "N1"}]}]})")
        .arg(port)
        .toUtf8();
}

} // namespace

class TestNeuronHost : public QObject {
    Q_OBJECT

private:
    SystemClock m_clock;
    std::unique_ptr<MosquittoBroker> m_broker;
    std::optional<Project> m_project;
    std::unique_ptr<RecordingSink> m_sink;
    std::unique_ptr<Acquisition::MqttDriver> m_driver;
    std::unique_ptr<ScriptedGateway> m_neuron;
    TagId m_pressure = 0, m_level = 0, m_command = 0;

    CommState state() const { return m_driver->deviceStatus(0, 0).state; }

    void upload(qint64 ts, double pressure, double level, Neuron::Format format = {},
                int commandError = 0)
    {
        Neuron::Upload u;
        u.timestampMs = ts;
        u.node = QStringLiteral("N1");
        u.group = QStringLiteral("grp");
        Neuron::TagValue p;
        p.name = QStringLiteral("pressure");
        p.value = pressure;
        Neuron::TagValue l;
        l.name = QStringLiteral("tank.level");
        l.value = level;
        Neuron::TagValue c;
        c.name = QStringLiteral("pump1_command");
        c.kind = Neuron::ValueKind::Bool;
        c.error = commandError;
        u.tags = {p, l, c};
        m_neuron->publish(UploadTopic, Neuron::encodeUpload(u, format));
    }

private Q_SLOTS:
    void init()
    {
        m_broker = std::make_unique<MosquittoBroker>();
        QVERIFY2(m_broker->isRunning(), qPrintable(m_broker->errorString()));
        ProjectLoad load = ProjectReader::read(projectJson(m_broker->port()), {});
        QVERIFY2(
            load.project,
            qPrintable(load.diagnostics.empty() ? QString() : load.diagnostics.front().message));
        m_project = std::move(load.project);
        m_pressure = m_project->findTag(u"N1/low/pressure");
        m_level = m_project->findTag(u"N1/low/level");
        m_command = m_project->findTag(u"N1/low/pump1_command");
        m_sink = std::make_unique<RecordingSink>(m_project->tagCount());
        m_neuron = std::make_unique<ScriptedGateway>(m_broker->port(), QStringLiteral("neuron"));
        QVERIFY(m_neuron->open({WriteTopic}));
        Acquisition::MqttDriverOptions options;
        options.minSilenceMs = 1500;
        m_driver = std::make_unique<Acquisition::MqttDriver>(*m_project, m_clock, *m_sink, options);
        m_driver->start();
        QVERIFY(
            QTest::qWaitFor([this] { return m_driver->brokerStatuses().front().connected; }, 5000));
        QTest::qWait(100); // the subscriptions follow the CONNACK
    }

    void cleanup()
    {
        m_driver.reset();
        m_neuron.reset();
        m_sink.reset();
        m_broker.reset();
    }

    void format0_and_format1_uploads()
    {
        upload(ScriptedGateway::now(), 0.31, 2.5, Neuron::Format::Values);
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Online; }, 3000));
        QCOMPARE(float(m_sink->value(m_pressure).value), 0.31f);
        QCOMPARE(float(m_sink->value(m_level).value), 2.5f); // by its metric name
        QCOMPARE(m_sink->value(m_command).value, 0.0);
        upload(ScriptedGateway::now() + 1, 0.33, 2.4, Neuron::Format::Tags);
        QVERIFY(QTest::qWaitFor([this] { return float(m_sink->value(m_pressure).value) == 0.33f; },
                                3000));
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::Good);
        // Format 1 keeps the sender's order, not format 0's: each value still finds its tag.
        QCOMPARE(float(m_sink->value(m_level).value), 2.4f);
        upload(ScriptedGateway::now() + 2, 0.35, 2.3, Neuron::Format::Values);
        QVERIFY(QTest::qWaitFor([this] { return float(m_sink->value(m_pressure).value) == 0.35f; },
                                3000));
        QCOMPARE(float(m_sink->value(m_level).value), 2.3f);
        QCOMPARE(m_sink->value(m_command).value, 0.0);
        QCOMPARE(m_driver->stats().historical, 0u);
    }

    // A tag with an error code is bad with the cause; every tag in error takes the device
    // offline, the code named.
    void error_codes_as_bad_quality()
    {
        upload(ScriptedGateway::now(), 0.31, 2.5, Neuron::Format::Values, 3000);
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Online; }, 3000));
        QCOMPARE(m_sink->value(m_command).quality, Quality::BadCommFailure);
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::Good);

        Neuron::Upload u;
        u.timestampMs = ScriptedGateway::now() + 10;
        u.node = QStringLiteral("N1");
        u.group = QStringLiteral("grp");
        // One tag the project does not have: still every tag of ours in error.
        for (const char* name : {"pressure", "tank.level", "pump1_command", "not_ours"}) {
            Neuron::TagValue t;
            t.name = QLatin1StringView(name);
            t.error = 3015;
            u.tags.push_back(t);
        }
        m_neuron->publish(UploadTopic, Neuron::encodeUpload(u, Neuron::Format::Values));
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Offline; }, 3000));
        const QString why = m_driver->deviceStatus(0, 0).lastError;
        QVERIFY2(why.contains(u"3015"), qPrintable(why));
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::BadCommFailure);
        QCOMPARE(float(m_sink->value(m_pressure).value), 0.31f); // kept
    }

    // The offline cache replays with its collection timestamps and no flag: not newer than the
    // last live message, or older than liveWindowS, is history only — no live value, no alarm.
    void replay_is_history_only()
    {
        // Older than the live window, though nothing live came before: the cache's first replay.
        const qint64 now = ScriptedGateway::now();
        upload(now - 60'000, 0.80, 1.0);
        QVERIFY(QTest::qWaitFor([this] { return m_driver->stats().historical == 3; }, 3000));
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::Unknown); // no live value
        QCOMPARE(state(), CommState::Unknown); // history says nothing of the link now
        upload(now, 0.31, 2.5);
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Online; }, 3000));
        // Not newer than the last live message, though within the window.
        upload(now - 500, 0.70, 2.0);
        QVERIFY(QTest::qWaitFor([this] { return m_driver->stats().historical == 6; }, 3000));
        QCOMPARE(float(m_sink->value(m_pressure).value), 0.31f);
        QCOMPARE(m_driver->stats().samples, 9u);
    }

    void silence_takes_the_device_offline()
    {
        upload(ScriptedGateway::now(), 0.31, 2.5);
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Online; }, 3000));
        QElapsedTimer t;
        t.start();
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Offline; }, 5000));
        QVERIFY(t.elapsed() >= 1400);
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::UncertainStale);
        upload(ScriptedGateway::now(), 0.31, 2.5);
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Online; }, 3000));
    }

    void bad_payloads_counted_not_fatal()
    {
        m_neuron->publish(UploadTopic, QByteArrayLiteral("{\"timestamp\": 1, \"node\": "));
        m_neuron->publish(UploadTopic, QByteArray(2 << 20, 'x')); // over the 1 MiB limit
        upload(ScriptedGateway::now(), 0.31, 2.5);
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Online; }, 3000));
        QCOMPARE(m_driver->stats().badPayloads, 2u); // malformed, and too large to be read
        // A node/group the project does not have: counted, ignored.
        Neuron::Upload u;
        u.timestampMs = ScriptedGateway::now();
        u.node = QStringLiteral("N9");
        u.group = QStringLiteral("grp");
        m_neuron->publish(UploadTopic, Neuron::encodeUpload(u, Neuron::Format::Values));
        QVERIFY(QTest::qWaitFor([this] { return m_driver->stats().unknownSources == 1; }, 3000));
    }

    // A write request (QoS 0, with an expiry), Neuron's response checked, then the value read
    // back from the next upload.
    void write_request_response_and_read_back()
    {
        upload(ScriptedGateway::now(), 0.31, 2.5);
        QVERIFY(QTest::qWaitFor([this] { return state() == CommState::Online; }, 3000));
        std::optional<Acquisition::WriteRecord> result;
        m_driver->write(m_command, 1, QStringLiteral("tester"),
                        [&](const Acquisition::WriteRecord& r) { result = r; });
        QVERIFY(QTest::qWaitFor([this] { return !m_neuron->on(WriteTopic).empty(); }, 3000));
        const Mqtt::Message req = m_neuron->on(WriteTopic).front();
        QCOMPARE(req.qos, 0); // never resent late after a reconnect
        const QJsonObject json = QJsonDocument::fromJson(req.payload).object();
        QCOMPARE(json.value(u"node").toString(), QStringLiteral("N1"));
        QCOMPARE(json.value(u"group").toString(), QStringLiteral("grp"));
        QCOMPARE(json.value(u"tag").toString(), QStringLiteral("pump1_command"));
        QCOMPARE(json.value(u"value"), QJsonValue(true)); // a bool tag gets a JSON bool
        const QString uuid = json.value(u"uuid").toString();
        QVERIFY(!uuid.isEmpty());
        m_neuron->publish(ResponseTopic, Neuron::encodeWriteResponse({uuid, 0}));
        QTest::qWait(200);
        QVERIFY(!result); // accepted, not yet shown
        Neuron::Upload u;
        u.timestampMs = ScriptedGateway::now();
        u.node = QStringLiteral("N1");
        u.group = QStringLiteral("grp");
        Neuron::TagValue c;
        c.name = QStringLiteral("pump1_command");
        c.kind = Neuron::ValueKind::Bool;
        c.value = 1;
        u.tags = {c};
        m_neuron->publish(UploadTopic, Neuron::encodeUpload(u, Neuron::Format::Values));
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 3000));
        QVERIFY2(result->ok, qPrintable(result->error));
        QCOMPARE(result->readBack, 1.0);

        // Refused by Neuron: failed at once, the code in words.
        result.reset();
        m_neuron->received.clear();
        m_driver->write(m_command, 0, QStringLiteral("tester"),
                        [&](const Acquisition::WriteRecord& r) { result = r; });
        QVERIFY(QTest::qWaitFor([this] { return !m_neuron->on(WriteTopic).empty(); }, 3000));
        const QString second = QJsonDocument::fromJson(m_neuron->on(WriteTopic).front().payload)
                                   .object()
                                   .value(u"uuid")
                                   .toString();
        m_neuron->publish(ResponseTopic, Neuron::encodeWriteResponse({second, 3004}));
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 3000));
        QVERIFY(!result->ok);
        QVERIFY2(result->error.contains(u"3004"), qPrintable(result->error));

        // Never answered: failed after writeTimeoutMs.
        result.reset();
        m_driver->write(m_command, 1, QStringLiteral("tester"),
                        [&](const Acquisition::WriteRecord& r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
        QVERIFY(!result->ok);
        QCOMPARE(m_sink->audits.size(), 3u);
    }
};

QTEST_GUILESS_MAIN(TestNeuronHost)
#include "tst_neuron_host.moc"
