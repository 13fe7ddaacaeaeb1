// The shipped broker configuration (installer/mosquitto/pumpwatch.conf) with logins made by the
// shipped script (installer/mosquitto/pumpwatch-broker-user) in a temporary folder, against a
// real mosquitto on loopback, with our own Mqtt::Client as every party of a control room: two
// servers, two workstations, a gateway and the city platform. What the ACL must prove:
// nobody anonymous, a workstation's requests come from that workstation and no other, only
// servers write what workstations show, each workstation reads only its own responses, the city
// platform reads only its mirror. And that a late-joining workstation gets all 2000 station
// snapshots, which mosquitto's defaults do not give it.
//
// "Never arrives" is proven with a marker: the forbidden message is published first, then a
// permitted one on the same connection; once the marker arrived, the forbidden one would have
// arrived before it (one connection's messages are processed and queued in order).
#include "../../common/mosquittobroker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <mqtt/mqttclient.h>
#include <set>

using namespace PumpWatch::Mqtt;
using PumpWatch::Test::MosquittoBroker;

namespace {

const QString SourceDir = QStringLiteral(PUMPWATCH_SOURCE_DIR);
constexpr int Stations = 2000;

/// One party of the control room: a client and what it received.
struct Peer {
    std::unique_ptr<Client> client;
    std::vector<Message> in;

    int count(const QByteArray& topic) const
    {
        return int(std::count_if(in.begin(), in.end(),
                                 [&](const Message& m) { return m.topic == topic; }));
    }
    bool got(const QByteArray& topic, const QByteArray& payload) const
    {
        return std::any_of(in.begin(), in.end(), [&](const Message& m) {
            return m.topic == topic && m.payload == payload;
        });
    }
};

} // namespace

class tst_BrokerAcl : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pwDir; ///< what /etc/mosquitto/pumpwatch is on a broker machine
    std::unique_ptr<MosquittoBroker> m_broker;
    std::unique_ptr<Peer> m_server, m_spy, m_ws1, m_ws2, m_gateway, m_city;
    int m_marker = 0;

    QString passwordFile(const QString& name) const
    {
        return m_dir.filePath(name + QStringLiteral(".pass"));
    }

    /// Runs the shipped script with bash on the test's folder; its exit code, output in *out.
    int script(const QStringList& args, QString* out = nullptr)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(
            QStringLiteral("bash"),
            QStringList{SourceDir + QStringLiteral("/installer/mosquitto/pumpwatch-broker-user"),
                        QStringLiteral("--dir"), m_pwDir} +
                args);
        p.closeWriteChannel();
        if (!p.waitForFinished(20000))
            return -1;
        if (out)
            *out = QString::fromUtf8(p.readAll());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    int addUser(const QString& name, const QString& role, QString* out = nullptr)
    {
        QFile file(passwordFile(name));
        if (!file.open(QIODevice::WriteOnly))
            return -1;
        // A trailing newline and blanks, as an editor leaves them: both sides trim.
        file.write(QStringLiteral(" pw-%1-%2 \n").arg(name).arg(qHash(name)).toUtf8());
        file.close();
        return script({QStringLiteral("add"), name, QStringLiteral("--role"), role,
                       QStringLiteral("--password-file"), passwordFile(name)},
                      out);
    }

    ClientOptions options(const QString& user, const QString& clientId) const
    {
        ClientOptions o;
        o.port = m_broker->port();
        o.clientId = clientId;
        o.user = user;
        if (!user.isEmpty())
            o.password = Client::readPasswordFile(passwordFile(user)).value_or(QString());
        o.keepAliveS = 5;
        o.reconnectMinMs = 100;
        o.reconnectMaxMs = 500;
        return o;
    }

    /// A connected client logged in as `user`, subscribed to `filters` (QoS 1), or null.
    std::unique_ptr<Peer> connect(const QString& user, const QString& clientId,
                                  const QList<QByteArray>& filters)
    {
        auto peer = std::make_unique<Peer>();
        peer->client = std::make_unique<Client>(options(user, clientId));
        Peer* raw = peer.get();
        peer->client->setMessageHandler([raw](std::span<const Message> batch) {
            raw->in.insert(raw->in.end(), batch.begin(), batch.end());
        });
        for (const QByteArray& filter : filters)
            peer->client->subscribe(filter, 1);
        QSignalSpy up(peer->client.get(), &Client::connected);
        if (!peer->client->open() || !up.wait(5000))
            return nullptr;
        // connected() follows the SUBSCRIBEs being sent, not their SUBACKs (the client does not
        // report them); on loopback they are in place long before this.
        QTest::qWait(200);
        return peer;
    }

    /// `from` publishes `topic` (QoS 1), then a marker on `markerTopic` that `to` may receive;
    /// false if the marker never reached `to` within 5 s. Then `to` holds everything of `topic`
    /// that the broker let through.
    bool publishThenMarker(Peer& from, const QByteArray& topic, const QByteArray& markerTopic,
                           Peer& to)
    {
        const QByteArray marker = "marker-" + QByteArray::number(++m_marker);
        from.client->publish(topic, "forbidden " + topic, 1);
        from.client->publish(markerTopic, marker, 1);
        QElapsedTimer timer;
        timer.start();
        while (!to.got(markerTopic, marker) && timer.elapsed() < 5000)
            QTest::qWait(10);
        return to.got(markerTopic, marker);
    }

    /// mosquitto_pub (an independent MQTT client) publishing one QoS 1 message as `user`; its
    /// debug output, which shows the PUBACK's reason code.
    QString mosquittoPub(const QString& user, const QByteArray& topic, bool mqtt5)
    {
        const QString password = Client::readPasswordFile(passwordFile(user)).value_or(QString());
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("mosquitto_pub"),
                {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                 QString::number(m_broker->port()), QStringLiteral("-u"), user,
                 QStringLiteral("-P"), password, QStringLiteral("-V"),
                 mqtt5 ? QStringLiteral("5") : QStringLiteral("311"), QStringLiteral("-q"),
                 QStringLiteral("1"), QStringLiteral("-d"), QStringLiteral("-t"),
                 QString::fromUtf8(topic), QStringLiteral("-m"), QStringLiteral("x")});
        p.waitForFinished(10000);
        return QString::fromUtf8(p.readAll());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pwDir = m_dir.filePath(QStringLiteral("pumpwatch"));
        QString out;
        QCOMPARE(addUser(QStringLiteral("server-a"), QStringLiteral("server"), &out), 0);
        QVERIFY2(out.contains(QStringLiteral("systemctl reload mosquitto")), qPrintable(out));
        for (const auto& [name, role] :
             {std::pair{QStringLiteral("server-b"), QStringLiteral("server")},
              {QStringLiteral("ws1"), QStringLiteral("workstation")},
              {QStringLiteral("ws2"), QStringLiteral("workstation")},
              {QStringLiteral("gw1"), QStringLiteral("gateway")},
              {QStringLiteral("city"), QStringLiteral("city")}})
            QCOMPARE(addUser(name, role), 0);
        // Adding again changes the password and keeps one entry.
        QCOMPARE(addUser(QStringLiteral("ws2"), QStringLiteral("workstation")), 0);
        QCOMPARE(script({QStringLiteral("list")}, &out), 0);
        QCOMPARE(out.count(QStringLiteral("ws2")), 1);
        QVERIFY2(out.contains(QStringLiteral("gw1")) && out.contains(QStringLiteral("gateway")),
                 qPrintable(out));
        QCOMPARE(QFile::permissions(m_pwDir + QStringLiteral("/passwd")) & 0x0777,
                 QFile::ReadUser | QFile::WriteUser | QFile::ReadGroup); // 0640
        // Names that would break a topic level or the files are refused.
        QVERIFY(addUser(QStringLiteral("ws/3"), QStringLiteral("workstation")) != 0);
        QVERIFY(addUser(QStringLiteral("ws+"), QStringLiteral("workstation")) != 0);
        QVERIFY(addUser(QStringLiteral("ws4"), QStringLiteral("admin")) != 0);

        m_broker = std::make_unique<MosquittoBroker>(MosquittoBroker::Config::fromFile(
            SourceDir + QStringLiteral("/installer/mosquitto/pumpwatch.conf"),
            {{QStringLiteral("/etc/mosquitto/pumpwatch"), m_pwDir}}));
        QVERIFY2(m_broker->isRunning(), qPrintable(m_broker->errorString()));

        m_server = connect(QStringLiteral("server-a"), QStringLiteral("server-a"),
                           {"pw/req/+/+", "spBv1.0/#"});
        m_spy = connect(QStringLiteral("server-b"), QStringLiteral("server-b"), {"#"});
        m_ws1 = connect(QStringLiteral("ws1"), QStringLiteral("ws1"),
                        {"pw/srv/#", "pw/v/#", "pw/s/#", "pw/a/#", "pw/resp/+"});
        m_ws2 = connect(QStringLiteral("ws2"), QStringLiteral("ws2"), {"pw/resp/ws2"});
        m_gateway = connect(QStringLiteral("gw1"), QStringLiteral("gw1"), {"spBv1.0/#"});
        m_city = connect(QStringLiteral("city"), QStringLiteral("city"), {"#"});
        QVERIFY(m_server && m_spy && m_ws1 && m_ws2 && m_gateway && m_city);
    }

    void anonymousAndWrongPasswordAreRefused_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("anonymous") << QString() << QString();
        QTest::newRow("wrong password") << QStringLiteral("ws1") << QStringLiteral("guess");
        QTest::newRow("unknown login") << QStringLiteral("intruder") << QStringLiteral("x");
    }
    void anonymousAndWrongPasswordAreRefused()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        ClientOptions o = options({}, QStringLiteral("refused"));
        o.user = user;
        o.password = password;
        Client client(o);
        QSignalSpy failed(&client, &Client::connectFailed);
        QVERIFY(client.open());
        QVERIFY(failed.wait(5000));
        // MQTT 5 CONNACK reason 0x87, in libmosquitto's words.
        QCOMPARE(failed.first().first().toString(),
                 QStringLiteral("connection refused: Not authorized"));
        QVERIFY(!client.isConnected());
    }

    void workstationRequestReachesTheServer()
    {
        m_ws1->client->publish("pw/req/ws1/main", "ack S0001", 1);
        QTRY_VERIFY(m_server->got("pw/req/ws1/main", "ack S0001"));
    }

    void workstationCannotImpersonateAnother()
    {
        QVERIFY(publishThenMarker(*m_ws1, "pw/req/ws2/main", "pw/req/ws1/main", *m_server));
        QCOMPARE(m_server->count("pw/req/ws2/main"), 0);
        QCOMPARE(m_spy->count("pw/req/ws2/main"), 0);
    }

    void refusedPublishIsNotAuthorisedInTheMqtt5Puback()
    {
        // mosquitto 2.0.11 answers a QoS 1 PUBLISH the ACL refuses with PUBACK reason 0x87
        // "Not authorized" to an MQTT 5 client; to an MQTT 3.1.1 client (no reason codes) with a
        // plain PUBACK, indistinguishable from a delivered message.
        const QString v5 = mosquittoPub(QStringLiteral("ws1"), "pw/req/ws2/main", true);
        QVERIFY2(v5.contains(QStringLiteral("received PUBACK (Mid: 1, RC:135)")), qPrintable(v5));
        const QString allowed = mosquittoPub(QStringLiteral("ws1"), "pw/req/ws1/main", true);
        QVERIFY2(allowed.contains(QStringLiteral("received PUBACK (Mid: 1, RC:0)")),
                 qPrintable(allowed));
        const QString v311 = mosquittoPub(QStringLiteral("ws1"), "pw/req/ws2/main", false);
        QVERIFY2(v311.contains(QStringLiteral("received PUBACK (Mid: 1, RC:0)")), qPrintable(v311));
    }

    void workstationCannotWriteWhatServersWrite_data()
    {
        QTest::addColumn<QByteArray>("topic");
        QTest::newRow("delta") << QByteArray("pw/v/main/S0001");
        QTest::newRow("snapshot") << QByteArray("pw/s/main/S0001");
        QTest::newRow("alarm state") << QByteArray("pw/a/main/S0001");
        QTest::newRow("server state") << QByteArray("pw/srv/main");
        QTest::newRow("response to another") << QByteArray("pw/resp/ws2");
        QTest::newRow("city mirror") << QByteArray("pw/city/S0001");
        QTest::newRow("Sparkplug command") << QByteArray("spBv1.0/zunyi/NCMD/S0001");
    }
    void workstationCannotWriteWhatServersWrite()
    {
        QFETCH(QByteArray, topic);
        QVERIFY(publishThenMarker(*m_ws1, topic, "pw/req/ws1/main", *m_spy));
        QCOMPARE(m_spy->count(topic), 0);
        QCOMPARE(m_ws1->count(topic), 0);
        QCOMPARE(m_ws2->count(topic), 0);
    }

    void workstationReadsOnlyItsOwnResponses()
    {
        // ws1 subscribed to pw/resp/+; mosquitto 2.0.11 grants the subscription and filters
        // each message by the reader's ACL.
        QVERIFY(publishThenMarker(*m_server, "pw/resp/ws2", "pw/resp/ws1", *m_ws1));
        QCOMPARE(m_ws1->count("pw/resp/ws2"), 0);
        QTRY_COMPARE(m_ws2->count("pw/resp/ws2"), 1);
    }

    void serverWritesWhatWorkstationsRead()
    {
        for (const QByteArray topic : {"pw/srv/main", "pw/v/main/S0002", "pw/s/main/S0002",
                                       "pw/a/main/S0002", "pw/resp/ws1"}) {
            m_server->client->publish(topic, "from server-a", 1);
            QTRY_VERIFY2(m_ws1->got(topic, "from server-a"), topic.constData());
        }
        m_server->client->publish("spBv1.0/STATE/pumpwatch", "online", 1, true);
        QTRY_VERIFY(m_gateway->got("spBv1.0/STATE/pumpwatch", "online"));
        m_server->client->publish("pw/city/S0002", "{}", 1);
        QTRY_VERIFY(m_city->got("pw/city/S0002", "{}"));
        m_server->client->publish("neuron/pumpwatch/write/req", "{}", 1);
        QTRY_VERIFY(m_spy->got("neuron/pumpwatch/write/req", "{}"));
    }

    void onlyServersReadTheBrokersFigures()
    {
        // For health checks (docs/deploy-control-room.md): $SYS/broker/version is retained.
        std::unique_ptr<Peer> server =
            connect(QStringLiteral("server-b"), QStringLiteral("server-b-sys"), {"$SYS/broker/#"});
        std::unique_ptr<Peer> ws =
            connect(QStringLiteral("ws1"), QStringLiteral("ws1-sys"), {"$SYS/broker/#"});
        QVERIFY(server && ws);
        QTRY_VERIFY(server->count("$SYS/broker/version") == 1);
        QCOMPARE(ws->count("$SYS/broker/version"), 0);
        QVERIFY(ws->in.empty());
    }

    void cityReadsOnlyTheMirror()
    {
        // The city platform subscribed to '#'.
        QVERIFY(publishThenMarker(*m_server, "pw/v/main/S0003", "pw/city/S0003", *m_city));
        QCOMPARE(m_city->count("pw/v/main/S0003"), 0);
        QVERIFY(m_city->count("pw/city/S0003") >= 1);
        for (const Message& m : m_city->in)
            QVERIFY2(m.topic.startsWith("pw/city/"), m.topic.constData());
    }

    void onlyWorkstationsWriteRequests()
    {
        // The reason for one ACL section per login instead of `pattern write pw/req/%u/#`: the
        // pattern would let the city platform and a gateway write requests under their names.
        QVERIFY(publishThenMarker(*m_gateway, "pw/req/gw1/main", "spBv1.0/zunyi/NDATA/S0004",
                                  *m_server));
        m_city->client->publish("pw/req/city/main", "forbidden", 1);
        m_city->client->publish("pw/city/S0004", "forbidden", 1);
        // The city has no topic it may write, so no marker: mosquitto_pub's PUBACK says it.
        const QString city = mosquittoPub(QStringLiteral("city"), "pw/req/city/main", true);
        QVERIFY2(city.contains(QStringLiteral("RC:135")), qPrintable(city));
        QTest::qWait(300);
        QCOMPARE(m_server->count("pw/req/gw1/main"), 0);
        QCOMPARE(m_spy->count("pw/req/city/main"), 0);
        QCOMPARE(m_spy->count("pw/city/S0004"), 0);
    }

    void gatewayPublishesSparkplugOnly()
    {
        m_gateway->client->publish("spBv1.0/zunyi/NBIRTH/S0005", "birth", 1);
        QTRY_VERIFY(m_server->got("spBv1.0/zunyi/NBIRTH/S0005", "birth"));
        m_gateway->client->publish("/neuron/pumpwatch/grp/S0005-low", "{}", 1);
        QTRY_VERIFY(m_spy->got("/neuron/pumpwatch/grp/S0005-low", "{}"));
        QVERIFY(
            publishThenMarker(*m_gateway, "pw/v/main/S0005", "spBv1.0/zunyi/NDATA/S0005", *m_spy));
        QCOMPARE(m_spy->count("pw/v/main/S0005"), 0);
    }

    void lateWorkstationGetsEveryRetainedSnapshot()
    {
        const int before = m_spy->count("pw/s/main/S2000");
        QByteArray payload(1500, 'x'); // about a station snapshot of 40 tags
        for (int i = 1; i <= Stations; ++i)
            m_server->client->publish("pw/s/main/S" + QByteArray::number(i).rightJustified(4, '0'),
                                      payload, 1, true);
        // The spy sees its own server's messages pass: then the broker holds them all.
        QTRY_VERIFY_WITH_TIMEOUT(m_spy->count("pw/s/main/S2000") > before, 20000);

        const qint64 startMs = QDateTime::currentMSecsSinceEpoch();
        std::unique_ptr<Peer> late =
            connect(QStringLiteral("ws2"), QStringLiteral("ws2-late"), {"pw/s/#"});
        QVERIFY(late);
        auto snapshots = [&] {
            std::set<QByteArray> topics;
            for (const Message& m : late->in) {
                if (m.retain && m.topic.startsWith("pw/s/main/S"))
                    topics.insert(m.topic);
            }
            return int(topics.size());
        };
        QTRY_COMPARE_WITH_TIMEOUT(snapshots(), Stations, 3000); // issue 25: complete within 3 s
        qint64 lastMs = 0;
        for (const Message& m : late->in)
            lastMs = std::max(lastMs, m.receivedMs);
        qInfo("late workstation: %d retained snapshots, the last %lld ms after it began to connect",
              snapshots(), lastMs - startMs);
    }

    void withMosquittosDefaultQueueALateWorkstationMissesSnapshots()
    {
        // Why pumpwatch.conf says max_queued_messages 20000 (mosquitto #2196): with the default
        // of 1000, a QoS 1 subscriber gets max_queued_messages + what may be in flight retained
        // messages and the rest are dropped without a word: 1020 of 2000 (measured with mosquitto
        // 2.0.11: libmosquitto's MQTT 5 Receive Maximum of 20 caps what is in flight, whatever
        // max_inflight_messages says).
        QFile shipped(SourceDir + QStringLiteral("/installer/mosquitto/pumpwatch.conf"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        MosquittoBroker::Config config{QString::fromUtf8(shipped.readAll()),
                                       {{QStringLiteral("/etc/mosquitto/pumpwatch"), m_pwDir},
                                        {QStringLiteral("max_queued_messages 20000"),
                                         QStringLiteral("#max_queued_messages 20000")}},
                                       {}};
        auto saved = std::move(m_broker);
        m_broker = std::make_unique<MosquittoBroker>(config);
        QVERIFY2(m_broker->isRunning(), qPrintable(m_broker->errorString()));
        std::unique_ptr<Peer> server =
            connect(QStringLiteral("server-a"), QStringLiteral("server-a2"), {"pw/s/main/S2000"});
        QVERIFY(server);
        for (int i = 1; i <= Stations; ++i)
            server->client->publish("pw/s/main/S" + QByteArray::number(i).rightJustified(4, '0'),
                                    "snapshot", 1, true);
        QTRY_VERIFY_WITH_TIMEOUT(server->count("pw/s/main/S2000") == 1, 20000);
        std::unique_ptr<Peer> late =
            connect(QStringLiteral("ws2"), QStringLiteral("ws2-late2"), {"pw/s/#"});
        QVERIFY(late);
        QTest::qWait(1500);
        const int received = int(late->in.size());
        qInfo("default max_queued_messages: %d of %d retained snapshots", received, Stations);
        late.reset();
        server.reset();
        m_broker = std::move(saved);
        QVERIFY2(received < Stations, "mosquitto now delivers every retained message with its "
                                      "default queue: max_queued_messages may be left alone");
        QVERIFY(received >= 1000);
    }

    void removedLoginIsDisconnectedOnReload()
    {
        // A stolen or retired workstation: remove its login, reload the broker, and its open
        // connection is closed and not let in again.
        QSignalSpy lost(m_ws2->client.get(), &Client::disconnected);
        QString out;
        QCOMPARE(script({QStringLiteral("remove"), QStringLiteral("ws2")}, &out), 0);
        QCOMPARE(script({QStringLiteral("list")}, &out), 0);
        QVERIFY2(!out.contains(QStringLiteral("ws2")), qPrintable(out));
        m_broker->reload();
        QVERIFY(lost.wait(5000));
        QTRY_VERIFY(m_ws2->client->lastError().contains(QStringLiteral("Not authorized")));
        QTest::qWait(500); // a few reconnect attempts
        QVERIFY(!m_ws2->client->isConnected());
        QVERIFY(m_ws1->client->isConnected());
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_spy.reset();
        m_ws1.reset();
        m_ws2.reset();
        m_gateway.reset();
        m_city.reset();
    }
};

QTEST_GUILESS_MAIN(tst_BrokerAcl)
#include "tst_broker_acl.moc"
