// The simulator's IoT gateways against a real mosquitto, read by our own MQTT client and codecs
// (not through MqttDriver): Neuron uploads in both formats with the model's values, writes and
// their answers, the offline cache replayed with its collection times; Sparkplug births with
// aliases, DDATA by alias, seq continuity and its wrap, bdSeq per CONNECT and the NDEATH Will,
// rebirth, DCMD writes, store and forward; every gateway fault command.
//
// One city for every test function (they run in order): S0001 and S0002 are Neuron devices
// (formats 0 and 1), S0003 a Sparkplug edge node with one device, S0004 an edge node with two
// (low and high, published every 50 ms so seq wraps during the run), S0005 Neuron again.
#include "../../common/mosquittobroker.h"

#include <sim/citygenerator.h>
#include <sim/gateways.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <map>
#include <mqtt/mqttclient.h>
#include <mqtt/neuron.h>
#include <mqtt/sparkplug.h>

using namespace PumpWatch;
using namespace PumpWatch::Mqtt;
namespace Spb = PumpWatch::Mqtt::Sparkplug;

namespace {

constexpr int PollMs = 200;

struct Received {
    QByteArray topic, payload;
    qint64 atMs = 0;
};

QByteArray state(bool online, qint64 ts)
{
    return Spb::encodeState({online, ts});
}

} // namespace

class tst_Gateways : public QObject {
    Q_OBJECT

    Test::MosquittoBroker m_broker;
    Project m_project;
    std::unique_ptr<Sim::City> m_city;
    std::unique_ptr<Sim::CityServer> m_server;
    std::unique_ptr<Sim::GatewayPublisher> m_gateways;
    std::unique_ptr<Client> m_host;
    std::vector<Received> m_in;
    qint64 m_stateTs = 1000;

    /// Messages received on `topic` from index `from` on.
    std::vector<Received> on(const QByteArray& topic, std::size_t from = 0) const
    {
        std::vector<Received> out;
        for (std::size_t i = from; i < m_in.size(); ++i) {
            if (m_in[i].topic == topic)
                out.push_back(m_in[i]);
        }
        return out;
    }
    const Sim::GatewayDeviceStats& statsOf(const std::vector<Sim::GatewayDeviceStats>& all,
                                           const QString& name)
    {
        for (const Sim::GatewayDeviceStats& s : all) {
            if (s.name == name)
                return s;
        }
        static Sim::GatewayDeviceStats none;
        return none;
    }
    void hostState(bool online)
    {
        m_host->publish("spBv1.0/STATE/pumpwatch", state(online, ++m_stateTs), 1, true);
    }
    static Spb::Payload decoded(const Received& r)
    {
        Spb::Payload p;
        Spb::decode(r.payload, &p);
        return p;
    }
    Neuron::Upload upload(const Received& r)
    {
        Neuron::Upload u;
        QString error;
        Neuron::parseUpload(r.payload, &u, &error);
        return u;
    }
    double modelValue(const QString& path)
    {
        return m_server->command(QStringLiteral("get ") + path).mid(3).toDouble();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.isRunning(), qPrintable(m_broker.errorString()));
        Sim::CityOptions o;
        o.stations = 5;
        o.neuronStations = 1;
        o.sparkplugStations = 2;
        o.broker = QStringLiteral("127.0.0.1:%1").arg(m_broker.port());
        m_project = Sim::CityGenerator::generate(o);
        for (int s = 0; s < 2; ++s) { // S0001, S0002: Neuron too
            Device& d = m_project.stations[std::size_t(s)].devices.front();
            d.settings.protocol = Protocol::MqttNeuron;
            d.settings.broker = QStringLiteral("iot");
            d.settings.node = m_project.stations[std::size_t(s)].id + QStringLiteral("-low");
            d.settings.group = QStringLiteral("pumphouse");
        }
        for (Station& s : m_project.stations) {
            for (Device& d : s.devices)
                d.settings.pollMs = s.id == u"S0004" ? 50 : PollMs;
        }
        QCOMPARE(m_project.stations[3].devices.size(), std::size_t(2));

        ClientOptions host;
        host.port = m_broker.port();
        m_host = std::make_unique<Client>(host);
        m_host->setMessageHandler([this](std::span<const Message> batch) {
            for (const Message& m : batch)
                m_in.push_back({m.topic, m.payload, m.receivedMs});
        });
        m_host->subscribe("/neuron/#", 0);
        m_host->subscribe("spBv1.0/#", 0);
        m_host->subscribe("neuron/pumpwatch/write/resp", 0);
        QSignalSpy up(m_host.get(), &Client::connected);
        QVERIFY(m_host->open());
        QVERIFY(up.wait(5000));
        hostState(true); // the primary host is there before the edge nodes

        m_city = std::make_unique<Sim::City>(m_project, 1, QDateTime::currentMSecsSinceEpoch());
        Sim::ServerOptions options;
        options.tickMs = 100;
        m_server = std::make_unique<Sim::CityServer>(*m_city, options);
        // The test is the host and stays up: a reconnected node need not wait long for it.
        Sim::GatewayOptions gatewayOptions;
        gatewayOptions.staleStateGraceMs = 1000;
        m_gateways = std::make_unique<Sim::GatewayPublisher>(*m_city, gatewayOptions);
        m_server->setHook(m_gateways.get());
        QStringList errors;
        QVERIFY2(m_server->open(&errors), qPrintable(errors.join(u'\n')));
        QCOMPARE(m_gateways->deviceCount(), 6);
        m_gateways->start();
        m_server->start();
    }

    void cleanupTestCase()
    {
        if (m_gateways)
            m_gateways->stop();
        if (m_server)
            m_server->stop();
    }

    void neuronUploads()
    {
        const std::size_t from = m_in.size();
        QTest::qWait(2100);
        const QByteArray t1 = "/neuron/pumpwatch-sim/S0001-low/pumphouse";
        const QByteArray t2 = "/neuron/pumpwatch-sim/S0002-low/pumphouse";
        const std::vector<Received> a = on(t1, from), b = on(t2, from);
        QVERIFY2(a.size() >= 9 && a.size() <= 12, qPrintable(QString::number(a.size())));
        QVERIFY(b.size() >= 9);
        // Formats 0 and 1, every bound tag of the device, numbers in engineering units.
        QVERIFY(QJsonDocument::fromJson(a.back().payload).object().contains(u"values"));
        QVERIFY(QJsonDocument::fromJson(b.back().payload).object().contains(u"tags"));
        const std::size_t tags = m_city->units()[0].bindings.size();
        QVERIFY(tags >= 30);
        for (const Received& r : {a.back(), b.back()}) {
            const Neuron::Upload u = upload(r);
            QCOMPARE(u.tags.size(), tags);
            QCOMPARE(u.group, QStringLiteral("pumphouse"));
        }
        Neuron::Upload u = upload(a.back());
        for (const Neuron::TagValue& t : u.tags) {
            if (t.name == u"outlet_pressure_setpoint")
                QCOMPARE(float(t.value),
                         float(modelValue(QStringLiteral("S0001/low/outlet_pressure_setpoint"))));
            if (t.name == u"outlet_pressure") // MPa, not the register's kgf/cm²
                QVERIFY(t.value > 0.05 && t.value < 1.0);
        }
        // Collection times every pollMs, close to now (speed 1).
        const qint64 first = upload(a.front()).timestampMs, last = upload(a.back()).timestampMs;
        const double interval = double(last - first) / double(a.size() - 1);
        QVERIFY2(interval > PollMs * 0.8 && interval < PollMs * 1.2,
                 qPrintable(QString::number(interval)));
        QVERIFY(qAbs(last - a.back().atMs) < 1000);
    }

    void neuronWrite()
    {
        std::size_t from = m_in.size();
        Neuron::WriteRequest w{QStringLiteral("u-1"),
                               QStringLiteral("S0002-low"),
                               QStringLiteral("pumphouse"),
                               {{QStringLiteral("outlet_pressure_setpoint"), 0.47, {}, {}}}};
        m_host->publish("neuron/pumpwatch/write/req", Neuron::encodeWriteRequest(w));
        QTRY_VERIFY(!on("neuron/pumpwatch/write/resp", from).empty());
        Neuron::WriteResponse r;
        QVERIFY(Neuron::parseWriteResponse(on("neuron/pumpwatch/write/resp", from).front().payload,
                                           &r, nullptr));
        QCOMPARE(r.uuid, QStringLiteral("u-1"));
        QCOMPARE(r.error, 0);
        from = m_in.size();
        QTRY_VERIFY(on("/neuron/pumpwatch-sim/S0002-low/pumphouse", from).size() >= 2);
        const Neuron::Upload u =
            upload(on("/neuron/pumpwatch-sim/S0002-low/pumphouse", from).back());
        for (const Neuron::TagValue& t : u.tags) {
            if (t.name == u"outlet_pressure_setpoint")
                QCOMPARE(float(t.value), 0.47f);
        }
        QCOMPARE(float(modelValue(QStringLiteral("S0002/low/outlet_pressure_setpoint"))), 0.47f);
        // Neuron's codes for what it does not have.
        for (const auto& [node, group, tag, code] :
             {std::tuple{"nobody", "pumphouse", "outlet_pressure_setpoint", 2003},
              std::tuple{"S0002-low", "nogroup", "outlet_pressure_setpoint", 2106},
              std::tuple{"S0002-low", "pumphouse", "no_such_tag", 2201},
              std::tuple{"S0002-low", "pumphouse", "outlet_pressure", 3004}}) {
            from = m_in.size();
            w = {QStringLiteral("u-2"),
                 QString::fromLatin1(node),
                 QString::fromLatin1(group),
                 {{QString::fromLatin1(tag), 1, {}, {}}}};
            m_host->publish("neuron/pumpwatch/write/req", Neuron::encodeWriteRequest(w));
            QTRY_VERIFY(!on("neuron/pumpwatch/write/resp", from).empty());
            QVERIFY(Neuron::parseWriteResponse(
                on("neuron/pumpwatch/write/resp", from).front().payload, &r, nullptr));
            QCOMPARE(r.error, code);
        }
        QCOMPARE(statsOf(m_gateways->stats(), QStringLiteral("S0002/low")).writes, quint64(1));
    }

    void sparkplugBirthsAndData()
    {
        // Births were published at the connect, the host being online.
        const std::vector<Received> nb = on("spBv1.0/zunyi/NBIRTH/S0004");
        QVERIFY(!nb.empty());
        const Spb::Payload n = decoded(nb.front());
        QCOMPARE(n.seq.value_or(99), quint64(0));
        QCOMPARE(n.metrics.at(0).name, QStringLiteral("bdSeq"));
        QCOMPARE(n.metrics.at(0).type, Spb::DataType::Int64);
        QCOMPARE(n.metrics.at(1).name, QStringLiteral("Node Control/Rebirth"));
        QVERIFY(!n.metrics.at(1).alias);
        QSet<quint64> aliases;
        std::map<quint64, QString> nameOf;
        for (const char* dev : {"low", "high"}) {
            const auto births = on("spBv1.0/zunyi/DBIRTH/S0004/" + QByteArray(dev));
            QVERIFY(!births.empty());
            const Spb::Payload p = decoded(births.front());
            QCOMPARE(p.metrics.size(), m_city->units()[3].bindings.size()); // every bound tag
            for (const Spb::Metric& m : p.metrics) {
                QVERIFY(m.alias && !m.name.isEmpty() && m.timestampMs);
                QVERIFY(m.type != Spb::DataType::Unknown);
                QVERIFY2(!aliases.contains(*m.alias), "aliases unique per edge node");
                aliases.insert(*m.alias);
                nameOf[*m.alias] = m.name;
            }
        }
        // DDATA: aliases only, datatypes omitted, values of the birth's metrics.
        const auto data = on("spBv1.0/zunyi/DDATA/S0004/high");
        QVERIFY(data.size() > 20);
        const Spb::Payload d = decoded(data.back());
        for (const Spb::Metric& m : d.metrics) {
            QVERIFY(m.name.isEmpty() && m.alias && aliases.contains(*m.alias));
            QCOMPARE(m.type, Spb::DataType::Unknown);
            QVERIFY(!m.historical);
        }
    }

    void sparkplugRebirthAndWrite()
    {
        std::size_t from = m_in.size();
        Spb::Payload cmd;
        cmd.timestampMs = quint64(QDateTime::currentMSecsSinceEpoch());
        Spb::Metric rebirth;
        rebirth.name = QStringLiteral("Node Control/Rebirth");
        rebirth.type = Spb::DataType::Boolean;
        rebirth.value = 1;
        cmd.metrics.push_back(rebirth);
        m_host->publish("spBv1.0/zunyi/NCMD/S0003", Spb::encode(cmd));
        QTRY_VERIFY(!on("spBv1.0/zunyi/NBIRTH/S0003", from).empty());
        QTRY_VERIFY(!on("spBv1.0/zunyi/DBIRTH/S0003/low", from).empty());
        QCOMPARE(decoded(on("spBv1.0/zunyi/NBIRTH/S0003", from).front()).metrics.at(0).value,
                 decoded(on("spBv1.0/zunyi/NBIRTH/S0003").front()).metrics.at(0).value);
        QCOMPARE(statsOf(m_gateways->stats(), QStringLiteral("S0003/low")).rebirths, quint64(1));
        // A DCMD by alias reaches the model; the next DDATA shows it.
        const Spb::Payload birth = decoded(on("spBv1.0/zunyi/DBIRTH/S0003/low", from).front());
        quint64 alias = 0;
        for (const Spb::Metric& m : birth.metrics) {
            if (m.name == u"outlet_pressure_setpoint")
                alias = *m.alias;
        }
        QVERIFY(alias > 0);
        Spb::Payload write;
        Spb::Metric m;
        m.alias = alias;
        m.type = Spb::DataType::Float;
        m.value = 0.52;
        write.metrics.push_back(m);
        m_host->publish("spBv1.0/zunyi/DCMD/S0003/low", Spb::encode(write));
        QTRY_COMPARE(float(modelValue(QStringLiteral("S0003/low/outlet_pressure_setpoint"))),
                     0.52f);
        from = m_in.size();
        QTRY_VERIFY(on("spBv1.0/zunyi/DDATA/S0003/low", from).size() >= 2);
        Spb::Payload last = decoded(on("spBv1.0/zunyi/DDATA/S0003/low", from).back());
        bool seen = false;
        for (Spb::Metric& x : last.metrics) {
            if (x.alias == alias) {
                QVERIFY(Spb::applyType(&x, Spb::DataType::Float));
                QCOMPARE(float(x.value), 0.52f);
                seen = true;
            }
        }
        QVERIFY(seen);
    }

    void sparkplugDeathAndNewBdSeq()
    {
        const std::size_t from = m_in.size();
        const auto bdSeq =
            quint64(decoded(on("spBv1.0/zunyi/NBIRTH/S0003").back()).metrics.at(0).value);
        QCOMPARE(m_server->command(QStringLiteral("gateway S0003 off")), QStringLiteral("ok"));
        QTRY_VERIFY(!on("spBv1.0/zunyi/NDEATH/S0003", from).empty());
        QCOMPARE(
            quint64(decoded(on("spBv1.0/zunyi/NDEATH/S0003", from).front()).metrics.at(0).value),
            bdSeq);
        QTest::qWait(300);
        const std::size_t quiet = m_in.size();
        QTest::qWait(400);
        QVERIFY(on("spBv1.0/zunyi/DDATA/S0003/low", quiet).empty());
        QCOMPARE(m_server->command(QStringLiteral("gateway S0003 on")), QStringLiteral("ok"));
        QTRY_VERIFY(!on("spBv1.0/zunyi/NBIRTH/S0003", from).empty());
        QCOMPARE(
            quint64(decoded(on("spBv1.0/zunyi/NBIRTH/S0003", from).front()).metrics.at(0).value),
            (bdSeq + 1) % 256);
        // What was kept while it was away follows its births, historical.
        QTRY_VERIFY(!on("spBv1.0/zunyi/DDATA/S0003/low", from).empty());
        QVERIFY(
            decoded(on("spBv1.0/zunyi/DDATA/S0003/low", from).front()).metrics.at(0).historical);
    }

    void storeAndForward()
    {
        QTest::qWait(500);
        const auto before = statsOf(m_gateways->stats(), QStringLiteral("S0003/low"));
        std::size_t from = m_in.size();
        hostState(false);
        QTest::qWait(2000);
        // Nothing live while the host is away (one message may have been on its way).
        QVERIFY(on("spBv1.0/zunyi/DDATA/S0003/low", from).size() <= 1);
        from = m_in.size();
        const auto during = statsOf(m_gateways->stats(), QStringLiteral("S0003/low"));
        const quint64 kept = during.cached - before.cached;
        QVERIFY2(kept >= 8 && kept <= 12, qPrintable(QString::number(kept)));
        // A STATE older than the last one is ignored.
        m_host->publish("spBv1.0/STATE/pumpwatch", state(true, 5), 1, true);
        QTest::qWait(300);
        QVERIFY(on("spBv1.0/zunyi/DDATA/S0003/low", from).empty());
        hostState(true);
        QTRY_VERIFY(on("spBv1.0/zunyi/DDATA/S0003/low", from).size() > kept + 2);
        const auto after = statsOf(m_gateways->stats(), QStringLiteral("S0003/low"));
        const quint64 keptAll = after.cached - before.cached;
        QCOMPARE(after.replayed - before.replayed, keptAll);
        // Births again (the host was away), then exactly the kept periods as history, in order,
        // then live data.
        QVERIFY(!on("spBv1.0/zunyi/NBIRTH/S0003", from).empty());
        const auto data = on("spBv1.0/zunyi/DDATA/S0003/low", from);
        quint64 historical = 0;
        qint64 lastTs = 0;
        for (std::size_t i = 0; i < data.size(); ++i) {
            const Spb::Payload p = decoded(data[i]);
            const bool h = p.metrics.at(0).historical;
            if (i < keptAll)
                QVERIFY(h);
            else
                QVERIFY(!h);
            historical += h ? 1 : 0;
            QVERIFY(qint64(*p.timestampMs) > lastTs);
            lastTs = qint64(*p.timestampMs);
        }
        QCOMPARE(historical, keptAll);
    }

    void neuronOfflineCache()
    {
        const QByteArray topic = "/neuron/pumpwatch-sim/S0005-low/pumphouse";
        const std::size_t from = m_in.size();
        QTest::qWait(500);
        QCOMPARE(m_server->command(QStringLiteral("gateway-link off")), QStringLiteral("ok"));
        QTest::qWait(3000);
        const std::size_t duringOff = on(topic, from).size();
        QCOMPARE(m_server->command(QStringLiteral("gateway-link on")), QStringLiteral("ok"));
        const auto s = [&] { return statsOf(m_gateways->stats(), QStringLiteral("S0005/low")); };
        QTRY_VERIFY_WITH_TIMEOUT(s().cached > 0 && s().replayed == s().cached, 10000);
        QTest::qWait(500);
        const auto got = on(topic, from);
        QVERIFY(got.size() > duringOff + s().cached);
        // Every collection time from before the outage to after it, none missing: old times
        // arrive mixed with live ones.
        std::vector<qint64> ts;
        bool mixed = false;
        qint64 latest = 0;
        for (const Received& r : got) {
            const qint64 t = upload(r).timestampMs;
            mixed = mixed || t < latest;
            latest = std::max(latest, t);
            ts.push_back(t);
        }
        QVERIFY(mixed);
        std::sort(ts.begin(), ts.end());
        QCOMPARE(std::unique(ts.begin(), ts.end()), ts.end());
        for (std::size_t i = 1; i < ts.size(); ++i)
            QVERIFY2(ts[i] - ts[i - 1] < PollMs * 2,
                     qPrintable(QString::number(ts[i] - ts[i - 1])));
    }

    void faults()
    {
        // Neuron: a broken message, then error codes until ok.
        const QByteArray t = "/neuron/pumpwatch-sim/S0001-low/pumphouse";
        std::size_t from = m_in.size();
        QCOMPARE(m_server->command(QStringLiteral("gateway S0001 malformed")),
                 QStringLiteral("ok"));
        QTRY_VERIFY(on(t, from).size() >= 2);
        Neuron::Upload u;
        QVERIFY(!Neuron::parseUpload(on(t, from).front().payload, &u, nullptr));
        QVERIFY(Neuron::parseUpload(on(t, from).back().payload, &u, nullptr));
        QCOMPARE(m_server->command(QStringLiteral("gateway S0001/low error 3015")),
                 QStringLiteral("ok"));
        QTest::qWait(PollMs + 50);
        from = m_in.size();
        QTRY_VERIFY(!on(t, from).empty());
        u = upload(on(t, from).front());
        QVERIFY(!u.tags.empty());
        for (const Neuron::TagValue& v : u.tags)
            QCOMPARE(v.error, 3015);
        QCOMPARE(m_server->command(QStringLiteral("gateway S0001 ok")), QStringLiteral("ok"));
        QTest::qWait(PollMs + 50);
        from = m_in.size();
        QTRY_VERIFY(!on(t, from).empty());
        QCOMPARE(upload(on(t, from).front()).tags.front().error, 0);
        // Neuron silent on off.
        QCOMPARE(m_server->command(QStringLiteral("gateway S0001 off")), QStringLiteral("ok"));
        QTest::qWait(PollMs + 50);
        from = m_in.size();
        QTest::qWait(3 * PollMs);
        QVERIFY(on(t, from).empty());
        QCOMPARE(m_server->command(QStringLiteral("gateway S0001 on")), QStringLiteral("ok"));
        QTRY_VERIFY(!on(t, from).empty());

        // Sparkplug: a truncated payload, and a skipped seq.
        const QByteArray d = "spBv1.0/zunyi/DDATA/S0003/low";
        from = m_in.size();
        QCOMPARE(m_server->command(QStringLiteral("gateway S0003 malformed")),
                 QStringLiteral("ok"));
        QTRY_VERIFY(on(d, from).size() >= 2);
        Spb::Payload p;
        QVERIFY(!Spb::decode(on(d, from).front().payload, &p));
        from = m_in.size();
        QTRY_VERIFY(!on(d, from).empty()); // the gap is between this one and the next
        QCOMPARE(m_server->command(QStringLiteral("gateway S0003 skip-seq")), QStringLiteral("ok"));
        QTRY_VERIFY(on(d, from).size() >= 4);
        std::vector<quint64> seqs;
        for (const Received& r : on(d, from))
            seqs.push_back(*decoded(r).seq);
        int gaps = 0;
        for (std::size_t i = 1; i < seqs.size(); ++i)
            gaps += seqs[i] == (seqs[i - 1] + 1) % 256 ? 0 : 1;
        QCOMPARE(gaps, 1);
        // Refusals.
        QVERIFY(m_server->command(QStringLiteral("gateway S0001 skip-seq")).startsWith(u"error: "));
        QVERIFY(
            m_server->command(QStringLiteral("gateway S0003 error 3015")).startsWith(u"error: "));
        QVERIFY(m_server->command(QStringLiteral("gateway S9999 off")).startsWith(u"error: "));
        QVERIFY(m_server->command(QStringLiteral("gateway-link maybe")).startsWith(u"error: "));
        QVERIFY(m_server->command(QStringLiteral("gateway-stats")).contains(u"S0004/high"));
    }

    void seqContinuityAndWrap()
    {
        // S0004's node publishes 40 messages a second: its seq has wrapped by now. Every message
        // of the node, births included, is the previous seq + 1 (mod 256) except after an
        // NBIRTH (seq 0) and across the link outage (store and forward keeps the count).
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int wraps = 0;
                int prev = -1;
                for (const Received& r : m_in) {
                    if (!r.topic.startsWith("spBv1.0/zunyi/") || !r.topic.contains("/S0004") ||
                        r.topic.contains("NDEATH") || r.topic.contains("CMD"))
                        continue;
                    const int seq = int(*decoded(r).seq);
                    wraps += prev == 255 && seq == 0 ? 1 : 0;
                    prev = seq;
                }
                return wraps > 0;
            }(),
            10000);
        int prev = -1;
        int breaks = 0;
        for (const Received& r : m_in) {
            if (!r.topic.startsWith("spBv1.0/zunyi/") || !r.topic.contains("/S0004") ||
                r.topic.contains("NDEATH") || r.topic.contains("CMD"))
                continue;
            const int seq = int(*decoded(r).seq);
            if (r.topic.contains("NBIRTH"))
                QCOMPARE(seq, 0);
            else if (prev >= 0 && seq != (prev + 1) % 256)
                ++breaks;
            prev = seq;
        }
        QCOMPARE(breaks, 0);
    }
};

QTEST_GUILESS_MAIN(tst_Gateways)
#include "tst_gateways.moc"
