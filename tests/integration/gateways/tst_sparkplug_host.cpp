// The Sparkplug B host (MqttDriver) against a real mosquitto, with the edge node played by the
// test message by message. Each test is named after the Sparkplug 3.0 TCK assertion it covers
// (tck-id-… with '-' as '_'); the TCK itself needs HiveMQ and Java (PROTOCOLS.md §1).
#include "../../common/mosquittobroker.h"
#include "../acquisition/testpeers.h"
#include "scriptedgateway.h"

#include <acquisition/mqttdriver.h>
#include <core/projectreader.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Test;
using Acquisition::CommState;

namespace {

constexpr int ReorderMs = 1000;
const QByteArray StateTopic = QByteArrayLiteral("spBv1.0/STATE/pw-test");
const QByteArray NodeTopic = QByteArrayLiteral("spBv1.0/g1/%1/P1");
const QByteArray DeviceTopic = QByteArrayLiteral("spBv1.0/g1/%1/P1/low");

QByteArray nodeTopic(const char* type)
{
    return QByteArray(NodeTopic).replace("%1", type);
}
QByteArray deviceTopic(const char* type)
{
    return QByteArray(DeviceTopic).replace("%1", type);
}

QByteArray projectJson(int port)
{
    return QStringLiteral(R"({"format": "pumpwatch-project", "version": 1, "name": "spb",
      "brokers": [{"id": "iot", "port": %1, "hostId": "pw-test", "reorderTimeoutMs": %2,
                   "writeTimeoutMs": 2000, "clientId": "pw-spb-test"}],
      "templates": [{"id": "t", "device": {"protocol": "mqtt-sparkplug", "group": "g1"}, "tags": [
        {"key": "pressure", "name": "出水压力", "quantity": "pressure", "type": "float32",
         "metric": "Outlet/Pressure"},
        {"key": "level", "name": "水箱液位", "quantity": "level", "type": "int16"},
        {"key": "pump1_command", "name": "1#泵启停", "quantity": "command", "type": "bool", "access": "rw"},
        {"key": "speed_setpoint", "name": "转速设定", "quantity": "generic", "type": "int16", "access": "rw"}]}],
      "stations": [{"id": "P1", "name": "测试泵房", "location": {"lat": 27.7, "lon": 106.9},
        "devices": [{"id": "low", "template": "t", "node": "P1", "deviceId": "low"}]}]})")
        .arg(port)
        .arg(ReorderMs)
        .toUtf8();
}

} // namespace

class TestSparkplugHost : public QObject {
    Q_OBJECT

private:
    SystemClock m_clock;
    std::unique_ptr<MosquittoBroker> m_broker;
    std::optional<Project> m_project;
    std::unique_ptr<RecordingSink> m_sink;
    std::unique_ptr<Acquisition::MqttDriver> m_driver;
    std::unique_ptr<ScriptedGateway> m_node;
    int m_seq = 0;
    TagId m_pressure = 0, m_level = 0, m_command = 0;

    bool online() const { return m_driver->deviceStatus(0, 0).state == CommState::Online; }
    /// NBIRTH (bdSeq) and DBIRTH with aliases 1..3, values p, l, cmd; seq from 0.
    void birth(quint64 bdSeq, double p = 0.42, double l = 250, int firstSeq = 0)
    {
        m_seq = firstSeq;
        m_node->publish(
            nodeTopic("NBIRTH"),
            ScriptedGateway::payload(
                m_seq++, {ScriptedGateway::metric(QStringLiteral("bdSeq"), {}, Spb::DataType::Int64,
                                                  double(bdSeq)),
                          ScriptedGateway::metric(QStringLiteral("Node Control/Rebirth"), {},
                                                  Spb::DataType::Boolean, 0)}));
        m_seq %= 256;
        m_node->publish(deviceTopic("DBIRTH"),
                        ScriptedGateway::payload(
                            m_seq++, {ScriptedGateway::metric(QStringLiteral("Outlet/Pressure"), 1,
                                                              Spb::DataType::Float, p),
                                      ScriptedGateway::metric(QStringLiteral("level"), 2,
                                                              Spb::DataType::Int16, l),
                                      ScriptedGateway::metric(QStringLiteral("pump1_command"), 3,
                                                              Spb::DataType::Boolean, 0)}));
    }
    /// DDATA by alias, datatypes left out as 3.0 allows.
    void data(int seq, std::vector<Spb::Metric> metrics)
    {
        m_node->publish(deviceTopic("DDATA"),
                        ScriptedGateway::payload(seq, std::move(metrics), Spb::Datatypes::Omit));
    }
    /// A DATA metric by alias, in the field of its birth's type (which the wire leaves out).
    static Spb::Metric byAlias(quint64 alias, Spb::DataType type, double value,
                               qint64 ts = ScriptedGateway::now())
    {
        if (type == Spb::DataType::Unknown)
            type = alias == 1   ? Spb::DataType::Float
                   : alias == 2 ? Spb::DataType::Int16
                                : Spb::DataType::Boolean;
        return ScriptedGateway::metric({}, alias, type, value, ts);
    }
    int rebirths() const { return int(m_node->on(nodeTopic("NCMD")).size()); }

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
        m_pressure = m_project->findTag(u"P1/low/pressure");
        m_level = m_project->findTag(u"P1/low/level");
        m_command = m_project->findTag(u"P1/low/pump1_command");
        m_sink = std::make_unique<RecordingSink>(m_project->tagCount());
        m_node = std::make_unique<ScriptedGateway>(m_broker->port(), QStringLiteral("edge-P1"));
        QVERIFY(m_node->open({StateTopic, nodeTopic("NCMD"), deviceTopic("DCMD")}));
        m_driver = std::make_unique<Acquisition::MqttDriver>(*m_project, m_clock, *m_sink);
        m_driver->start();
        // The host's birth: its STATE online (retained), after it subscribed.
        QVERIFY(QTest::qWaitFor(
            [this] {
                for (const auto& m : m_node->on(StateTopic)) {
                    if (const auto s = Spb::parseState(m.payload); s && s->online)
                        return true;
                }
                return false;
            },
            5000));
    }

    void cleanup()
    {
        m_driver.reset();
        m_node.reset();
        m_sink.reset();
        m_broker.reset();
    }

    // tck-id-host-topic-phid-birth-qos/-retain/-payload, message-flow-phid-sparkplug-state-publish
    void host_topic_phid_birth_qos_retain_payload()
    {
        // A late subscriber gets the birth as a retained message: online, stamped about now.
        ScriptedGateway late(m_broker->port(), QStringLiteral("late"));
        QVERIFY(late.open({StateTopic}));
        QVERIFY(QTest::qWaitFor([&] { return !late.on(StateTopic).empty(); }, 3000));
        const Mqtt::Message m = late.on(StateTopic).front();
        QVERIFY(m.retain);
        QCOMPARE(m.qos, 1);
        const auto state = Spb::parseState(m.payload);
        QVERIFY(state && state->online);
        QVERIFY(std::abs(state->timestampMs - ScriptedGateway::now()) < 10'000);
        const QJsonObject json = QJsonDocument::fromJson(m.payload).object();
        QCOMPARE(json.keys(), QStringList({QStringLiteral("online"), QStringLiteral("timestamp")}));
    }

    // tck-id-message-flow-hid-sparkplug-state-message-delivered
    void message_flow_hid_sparkplug_state_message_delivered()
    {
        m_node->received.clear();
        m_node->publish(StateTopic, Spb::encodeState({false, ScriptedGateway::now()}), 1, true);
        QVERIFY(QTest::qWaitFor(
            [this] {
                const auto all = m_node->on(StateTopic);
                return !all.empty() &&
                       Spb::parseState(all.back().payload).value_or(Spb::HostState{}).online;
            },
            3000));
    }

    // tck-id-operational-behavior-host-application-disconnect-intentional: STATE offline first
    void host_application_disconnect_intentional()
    {
        m_node->received.clear();
        m_driver->stop();
        QVERIFY(QTest::qWaitFor(
            [this] {
                const auto all = m_node->on(StateTopic);
                return !all.empty() && !Spb::parseState(all.back().payload)->online;
            },
            3000));
    }

    // Sparkplug 2.2 edge nodes (stateFormat "2.2"): STATE/<host id> is ONLINE / OFFLINE.
    void legacy_state_strings()
    {
        QByteArray json = projectJson(m_broker->port());
        json.replace("\"hostId\": \"pw-test\"", "\"hostId\": \"pw-old\", \"stateFormat\": \"2.2\"");
        json.replace("\"clientId\": \"pw-spb-test\"", "\"clientId\": \"pw-spb-old\"");
        ProjectLoad load = ProjectReader::read(json, {});
        QVERIFY(load.project);
        QVERIFY(load.project->brokers.front().legacyState);
        ScriptedGateway old(m_broker->port(), QStringLiteral("edge-2.2"));
        QVERIFY(old.open({QByteArrayLiteral("STATE/pw-old")}));
        auto driver = std::make_unique<Acquisition::MqttDriver>(*load.project, m_clock, *m_sink);
        driver->start();
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto all = old.on(QByteArrayLiteral("STATE/pw-old"));
                return !all.empty() && all.back().payload == "ONLINE";
            },
            5000));
        driver->stop();
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto all = old.on(QByteArrayLiteral("STATE/pw-old"));
                return !all.empty() && all.back().payload == "OFFLINE";
            },
            3000));
    }

    // tck-id-topics-nbirth-*, topics-dbirth-*, payloads-alias-*: births with aliases, then DATA
    // by alias without datatypes, read as the birth's types.
    void births_and_data_by_alias()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        QCOMPARE(float(m_sink->value(m_pressure).value), 0.42f);
        QCOMPARE(m_sink->value(m_level).value, 250.0);
        data(m_seq++,
             {byAlias(1, Spb::DataType::Unknown, 0.51), byAlias(2, Spb::DataType::Unknown, -3)});
        QVERIFY(QTest::qWaitFor([this] { return m_sink->value(m_level).value == -3.0; }, 3000));
        QCOMPARE(float(m_sink->value(m_pressure).value), 0.51f);
        QCOMPARE(m_sink->value(m_level).quality, Quality::Good);
        QCOMPARE(m_driver->stats().births, 2u);
        QCOMPARE(rebirths(), 0);
    }

    // tck-id-operational-behavior-host-reordering-start / -success: a late message within the
    // reorder timeout is taken in order, no rebirth.
    void operational_behavior_host_reordering_success()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        // Written in order, delivered out of order: seq 3 first, seq 2 late.
        const qint64 t = ScriptedGateway::now();
        const QByteArray second = ScriptedGateway::payload(
            2, {byAlias(2, Spb::DataType::Unknown, 20, t)}, Spb::Datatypes::Omit);
        const QByteArray third = ScriptedGateway::payload(
            3, {byAlias(2, Spb::DataType::Unknown, 30, t + 1)}, Spb::Datatypes::Omit);
        m_node->publish(deviceTopic("DDATA"), third);
        QTest::qWait(200);
        QCOMPARE(m_sink->value(m_level).value, 250.0); // held, not applied out of order
        m_node->publish(deviceTopic("DDATA"), second);
        QVERIFY(QTest::qWaitFor([this] { return m_sink->value(m_level).value == 30.0; }, 3000));
        QTest::qWait(ReorderMs + 500);
        QCOMPARE(rebirths(), 0);
        QCOMPARE(m_driver->stats().seqGaps, 1u);
    }

    // The same across the wrap 255 → 0: held messages are taken in the order they were sent.
    void operational_behavior_host_reordering_across_the_wrap()
    {
        birth(0, 0.42, 250, 252); // NBIRTH 252, DBIRTH 253
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        const qint64 t = ScriptedGateway::now();
        // 254 lost; 255, 0, 1 arrive.
        data(255, {byAlias(2, Spb::DataType::Unknown, 10, t)});
        data(0, {byAlias(2, Spb::DataType::Unknown, 11, t + 1)});
        data(1, {byAlias(2, Spb::DataType::Unknown, 12, t + 2)});
        QVERIFY(QTest::qWaitFor([this] { return rebirths() == 1; }, 5000));
        QCOMPARE(m_sink->value(m_level).value, 12.0); // 255, 0, 1 in that order
        data(2, {byAlias(2, Spb::DataType::Unknown, 13, t + 3)});
        QVERIFY(QTest::qWaitFor([this] { return m_sink->value(m_level).value == 13.0; }, 500));
        QCOMPARE(m_driver->stats().seqGaps, 1u); // seq 2 followed on: no second gap
    }

    // tck-id-operational-behavior-host-reordering-rebirth: a gap unfilled for the reorder
    // timeout ends in an NCMD Node Control/Rebirth = true, not sooner.
    void operational_behavior_host_reordering_rebirth()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        QElapsedTimer since;
        since.start();
        data(5, {byAlias(2, Spb::DataType::Unknown, 55)}); // seq 2..4 lost
        QVERIFY(QTest::qWaitFor([this] { return rebirths() == 1; }, 5000));
        QVERIFY2(since.elapsed() >= ReorderMs - 100, qPrintable(QString::number(since.elapsed())));
        // What was held is taken when the timeout ends (it is valid data, only late).
        QCOMPARE(m_sink->value(m_level).value, 55.0);
        const Mqtt::Message ncmd = m_node->on(nodeTopic("NCMD")).front();
        QCOMPARE(ncmd.qos, 0); // tck-id-topics-ncmd-mqtt
        QVERIFY(!ncmd.retain);
        Spb::Payload p;
        QVERIFY(Spb::decode(ncmd.payload, &p));
        QVERIFY(p.timestampMs); // tck-id-topics-ncmd-timestamp
        QCOMPARE(p.metrics.size(), 1u);
        QCOMPARE(p.metrics[0].name, QStringLiteral("Node Control/Rebirth"));
        QCOMPARE(p.metrics[0].type, Spb::DataType::Boolean);
        QCOMPARE(p.metrics[0].value, 1.0);
    }

    // tck-id-payloads-ndeath-bdseq (host side, §5.5): an NDEATH whose bdSeq is not the current
    // birth's is a late Will of an earlier session and is ignored; the right one takes the node
    // and its devices offline (…-ndeath-node-offline, …-ndeath-devices-offline) and their
    // metrics stale (…-ndeath-devices-tags-stale).
    void payloads_ndeath_bdseq()
    {
        birth(7);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        m_node->publish(
            nodeTopic("NDEATH"),
            ScriptedGateway::payload({}, {ScriptedGateway::metric(QStringLiteral("bdSeq"), {},
                                                                  Spb::DataType::Int64, 6)}),
            1);
        QVERIFY(QTest::qWaitFor([this] { return m_driver->stats().staleDeaths == 1; }, 3000));
        QVERIFY(online());
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::Good);
        m_node->publish(
            nodeTopic("NDEATH"),
            ScriptedGateway::payload({}, {ScriptedGateway::metric(QStringLiteral("bdSeq"), {},
                                                                  Spb::DataType::Int64, 7)}),
            1);
        QVERIFY(QTest::qWaitFor([this] { return !online(); }, 3000));
        QCOMPARE(m_driver->deviceStatus(0, 0).state, CommState::Offline);
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::UncertainStale);
        QCOMPARE(float(m_sink->value(m_pressure).value), 0.42f); // the last value, kept
    }

    // tck-id-operational-behavior-edge-node-termination-host-action-ddeath-devices-offline
    void ddeath_devices_offline_tags_stale()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        m_node->publish(deviceTopic("DDEATH"), ScriptedGateway::payload(m_seq++, {}));
        QVERIFY(QTest::qWaitFor([this] { return !online(); }, 3000));
        QCOMPARE(m_sink->value(m_level).quality, Quality::UncertainStale);
    }

    // is_historical (§6.4.6, store and forward): history only — a sample flagged historical,
    // the live value untouched.
    void historical_metrics_to_history_only()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        const qint64 earlier = ScriptedGateway::now() - 60'000;
        Spb::Metric old = byAlias(2, Spb::DataType::Unknown, 999, earlier);
        old.historical = true;
        data(m_seq++, {old});
        data(m_seq++, {byAlias(1, Spb::DataType::Unknown, 0.45)});
        QVERIFY(QTest::qWaitFor([this] { return float(m_sink->value(m_pressure).value) == 0.45f; },
                                3000));
        QCOMPARE(m_sink->value(m_level).value, 250.0);
        QCOMPARE(m_driver->stats().historical, 1u);
    }

    // §5.15 / tck-id-operational-behavior-host-*-rebirth: data before a birth, an unknown alias
    // and a malformed payload each ask for a rebirth (at most one per reorder timeout).
    void rebirth_on_unknown_alias_data_before_birth_and_malformed()
    {
        data(0, {byAlias(1, Spb::DataType::Unknown, 1)}); // no birth yet
        QVERIFY(QTest::qWaitFor([this] { return rebirths() == 1; }, 3000));
        QTest::qWait(ReorderMs + 100);
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        data(m_seq++, {byAlias(42, Spb::DataType::Unknown, 1)});
        QVERIFY(QTest::qWaitFor([this] { return rebirths() == 2; }, 3000));
        QTest::qWait(ReorderMs + 100);
        m_node->publish(deviceTopic("DDATA"), QByteArrayLiteral("\x08\x96")); // truncated varint
        QVERIFY(QTest::qWaitFor([this] { return rebirths() == 3; }, 3000));
        QCOMPARE(m_driver->stats().badPayloads, 1u);
        QVERIFY(online()); // a bad message is not a dead node
    }

    // tck-id-topics-dcmd-mqtt / -timestamp / -payload, and the write's read-back
    void dcmd_write_with_read_back()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        std::optional<Acquisition::WriteRecord> result;
        m_driver->write(m_command, 1, QStringLiteral("tester"),
                        [&](const Acquisition::WriteRecord& r) { result = r; });
        QVERIFY(QTest::qWaitFor([this] { return !m_node->on(deviceTopic("DCMD")).empty(); }, 3000));
        const Mqtt::Message dcmd = m_node->on(deviceTopic("DCMD")).front();
        QCOMPARE(dcmd.qos, 0);
        QVERIFY(!dcmd.retain);
        Spb::Payload p;
        QVERIFY(Spb::decode(dcmd.payload, &p));
        QVERIFY(p.timestampMs);
        QCOMPARE(p.metrics.size(), 1u);
        QCOMPARE(p.metrics[0].alias, std::optional<quint64>(3)); // the birth's alias
        QCOMPARE(p.metrics[0].type, Spb::DataType::Boolean);
        QCOMPARE(p.metrics[0].value, 1.0);
        QVERIFY(!result); // not done before the gateway shows it
        data(m_seq++, {byAlias(3, Spb::DataType::Unknown, 1)});
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 3000));
        QVERIFY2(result->ok, qPrintable(result->error));
        QCOMPARE(result->readBack, 1.0);
        QCOMPARE(m_sink->audits.size(), 1u);

        // No read-back within writeTimeoutMs: failed, and said so.
        result.reset();
        m_driver->write(m_command, 0, QStringLiteral("tester"),
                        [&](const Acquisition::WriteRecord& r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
        QVERIFY(!result->ok);
        QVERIFY2(result->error.contains(u"1"), qPrintable(result->error)); // still reports 1
    }

    // A value the tag's type cannot hold is refused before anything is sent: a gateway would
    // round or clip it, change the PLC and then fail the read-back.
    void writes_the_type_cannot_hold_are_refused()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        const TagId speed = m_project->findTag(u"P1/low/speed_setpoint");
        for (const double value : {40000.0, 2.5, -40000.0}) {
            std::optional<Acquisition::WriteRecord> result;
            m_driver->write(speed, value, QStringLiteral("tester"),
                            [&](const Acquisition::WriteRecord& r) { result = r; });
            QVERIFY(result && !result->ok); // at once
            QVERIFY2(result->error.contains(u"int16") || result->error.contains(u"whole"),
                     qPrintable(result->error));
        }
        QTest::qWait(300);
        QVERIFY(m_node->on(deviceTopic("DCMD")).empty());
    }

    // A broker not there at start is as lost as one that went away: devices offline, the
    // broker named, its status down.
    void broker_unreachable_at_start()
    {
        QByteArray json = projectJson(MosquittoBroker::freeLoopbackPort());
        json.replace("\"clientId\": \"pw-spb-test\"", "\"clientId\": \"pw-nowhere\"");
        ProjectLoad load = ProjectReader::read(json, {});
        QVERIFY(load.project);
        RecordingSink sink(load.project->tagCount());
        Acquisition::MqttDriver driver(*load.project, m_clock, sink);
        driver.start();
        QVERIFY(QTest::qWaitFor(
            [&] { return driver.deviceStatus(0, 0).state == CommState::Offline; }, 5000));
        QVERIFY2(driver.deviceStatus(0, 0).lastError.contains(u"127.0.0.1"),
                 qPrintable(driver.deviceStatus(0, 0).lastError));
        QVERIFY(!driver.brokerStatuses().front().connected);
        QVERIFY(!driver.brokerStatuses().front().error.isEmpty());
        driver.stop();
    }

    // tck-id-…-g (§5.3): the broker lost, every metric of its edge nodes is stale and the
    // devices offline, naming the broker; back, the host is born again and asks nothing of
    // nodes until they speak.
    void broker_lost_marks_metrics_stale()
    {
        birth(0);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 3000));
        m_broker->kill();
        QVERIFY(QTest::qWaitFor([this] { return !online(); }, 10'000));
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::UncertainStale);
        QVERIFY2(m_driver->deviceStatus(0, 0).lastError.contains(u"127.0.0.1"),
                 qPrintable(m_driver->deviceStatus(0, 0).lastError));
        QVERIFY(!m_driver->brokerStatuses().front().connected);
        QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
        QVERIFY(QTest::qWaitFor([this] { return m_driver->brokerStatuses().front().connected; },
                                10'000));
        QVERIFY(QTest::qWaitFor([this] { return m_node->client().isConnected(); }, 10'000));
        birth(1);
        QVERIFY(QTest::qWaitFor([this] { return online(); }, 5000));
        QCOMPARE(m_sink->value(m_pressure).quality, Quality::Good);
    }
};

QTEST_GUILESS_MAIN(TestSparkplugHost)
#include "tst_sparkplug_host.moc"
