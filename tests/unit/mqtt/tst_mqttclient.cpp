// The MQTT client against a real mosquitto on loopback: order and completeness of delivery,
// retained messages, the Will, broker crashes and restarts, MQTT 5 message expiry, persistent
// sessions, oversize messages, a refused login, and (printed) the delivery rate.
#include "../../common/mosquittobroker.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <mqtt/mqttclient.h>

using namespace PumpWatch::Mqtt;
using PumpWatch::Test::MosquittoBroker;

namespace {

/// Collects what a client's handler is given.
struct Inbox {
    std::vector<Message> messages;
    int batches = 0;
    void attach(Client& client)
    {
        client.setMessageHandler([this](std::span<const Message> batch) {
            ++batches;
            messages.insert(messages.end(), batch.begin(), batch.end());
        });
    }
    QList<QByteArray> topics() const
    {
        QList<QByteArray> out;
        for (const Message& m : messages)
            out << m.topic;
        return out;
    }
};

ClientOptions optionsFor(const MosquittoBroker& broker, const QString& id = {})
{
    ClientOptions o;
    o.port = broker.port();
    o.clientId = id;
    o.keepAliveS = 5;
    o.reconnectMinMs = 100;
    o.reconnectMaxMs = 1000;
    return o;
}

bool openAndWait(Client& client)
{
    QSignalSpy up(&client, &Client::connected);
    return client.open() && (client.isConnected() || up.wait(5000));
}

} // namespace

class tst_MqttClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliversEverythingInOrder_data()
    {
        QTest::addColumn<int>("qos");
        QTest::addColumn<bool>("mqtt5");
        QTest::newRow("QoS 0, MQTT 5") << 0 << true;
        QTest::newRow("QoS 1, MQTT 5") << 1 << true;
        QTest::newRow("QoS 1, MQTT 3.1.1") << 1 << false;
    }
    void deliversEverythingInOrder()
    {
        QFETCH(int, qos);
        QFETCH(bool, mqtt5);
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        ClientOptions o = optionsFor(broker);
        o.mqtt5 = mqtt5;
        Client subscriber(o), publisher(o);
        Inbox inbox;
        inbox.attach(subscriber);
        subscriber.subscribe("t/#", qos);
        QVERIFY(openAndWait(subscriber));
        QVERIFY(openAndWait(publisher));
        constexpr int count = 1000;
        for (int i = 0; i < count; ++i)
            QVERIFY(
                publisher.publish("t/" + QByteArray::number(i % 7), QByteArray::number(i), qos));
        QTRY_COMPARE_WITH_TIMEOUT(int(inbox.messages.size()), count, 10'000);
        for (int i = 0; i < count; ++i) {
            QCOMPARE(inbox.messages[i].payload, QByteArray::number(i));
            QCOMPARE(inbox.messages[i].topic, "t/" + QByteArray::number(i % 7));
            QCOMPARE(inbox.messages[i].qos, qos);
        }
        QVERIFY(inbox.messages.front().receivedMs > 0);
        QCOMPARE(subscriber.stats().received, quint64(count));
        QCOMPARE(publisher.stats().published, quint64(count));
        qInfo("%d messages in %d handler calls", count, inbox.batches);
    }

    void retainedMessageOnSubscribe()
    {
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        {
            Client publisher(optionsFor(broker));
            QVERIFY(openAndWait(publisher));
            publisher.close("r/station7", "snapshot", 1, true); // waits for the PUBACK
        }
        Client subscriber(optionsFor(broker));
        Inbox inbox;
        inbox.attach(subscriber);
        subscriber.subscribe("r/#", 1);
        QVERIFY(openAndWait(subscriber));
        QTRY_COMPARE(int(inbox.messages.size()), 1);
        QCOMPARE(inbox.messages[0].payload, "snapshot");
        QVERIFY(inbox.messages[0].retain);
    }

    void willOnAbnormalEndButNotAfterClose()
    {
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        Client observer(optionsFor(broker));
        Inbox inbox;
        inbox.attach(observer);
        observer.subscribe("w/#", 1);
        QVERIFY(openAndWait(observer));

        ClientOptions o = optionsFor(broker);
        o.will = Will{"w/gateway", "dead", 1, false};
        Client gateway(o);
        QVERIFY(openAndWait(gateway));
        QSignalSpy down(&gateway, &Client::disconnected);
        gateway.abort();
        QCOMPARE(down.count(), 1);
        QVERIFY(!gateway.isConnected());
        QTRY_COMPARE(inbox.topics(), QList<QByteArray>{"w/gateway"});
        QCOMPARE(inbox.messages[0].payload, "dead");

        QVERIFY(openAndWait(gateway)); // the same client reconnects, with its Will again
        gateway.close();
        QCOMPARE(down.count(), 2);
        {
            Client another(o);
            QVERIFY(openAndWait(another));
        } // its destructor disconnects cleanly too
        // A round trip through the broker after both closes: any Will would be here first.
        observer.publish("w/marker", "m", 1);
        QTRY_COMPARE(int(inbox.messages.size()), 2);
        QCOMPARE(inbox.topics(), (QList<QByteArray>{"w/gateway", "w/marker"}));
    }

    void willMadeForEachConnect()
    {
        // Sparkplug: the NDEATH Will carries a bdSeq that grows with every CONNECT, and the
        // NBIRTH after connected() must carry the same one.
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        Client observer(optionsFor(broker));
        Inbox inbox;
        inbox.attach(observer);
        observer.subscribe("spBv1.0/#", 1);
        QVERIFY(openAndWait(observer));

        std::atomic<int> bdSeq{0};
        ClientOptions o = optionsFor(broker);
        o.makeWill = [&bdSeq] {
            return Will{"spBv1.0/g/NDEATH/n", QByteArray::number(bdSeq++), 1, false};
        };
        Client node(o);
        for (int session = 0; session < 2; ++session) {
            QVERIFY(openAndWait(node));
            QVERIFY(node.sessionWill());
            QCOMPARE(node.sessionWill()->payload, QByteArray::number(session));
            node.abort();
            QTRY_COMPARE(int(inbox.messages.size()), session + 1);
            QCOMPARE(inbox.messages.back().payload, QByteArray::number(session));
        }
    }

    void brokerCrashAndRestart()
    {
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        Client client(optionsFor(broker));
        Inbox inbox;
        inbox.attach(client);
        client.subscribe("s/#", 1);
        QSignalSpy up(&client, &Client::connected);
        QSignalSpy down(&client, &Client::disconnected);
        QVERIFY(openAndWait(client));

        broker.kill();
        QTRY_COMPARE_WITH_TIMEOUT(down.count(), 1, 5000);
        QVERIFY(!client.isConnected());
        const QString reason = down.at(0).at(0).toString();
        QVERIFY2(reason.startsWith(QStringLiteral("lost: ")), qPrintable(reason));
        QTest::qWait(1500); // some failed attempts while it is down
        QCOMPARE(up.count(), 1);
        QCOMPARE(down.count(), 1); // failed attempts are not sessions lost
        QVERIFY2(client.lastError().startsWith(QStringLiteral("cannot connect: ")),
                 qPrintable(client.lastError()));

        QVERIFY2(broker.start(), qPrintable(broker.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(up.count(), 2, 5000);
        QVERIFY(client.isConnected());
        // The subscription came back without the test subscribing again.
        Client publisher(optionsFor(broker));
        QVERIFY(openAndWait(publisher));
        publisher.publish("s/after", "1", 1);
        QTRY_COMPARE(inbox.topics(), QList<QByteArray>{"s/after"});
        QCOMPARE(client.stats().connects, quint64(2));
        QCOMPARE(client.stats().disconnects, quint64(1));
    }

    void persistentSessionGetsWhatWasPublishedWhileAway_data()
    {
        QTest::addColumn<bool>("mqtt5");
        QTest::newRow("MQTT 5") << true;
        QTest::newRow("MQTT 3.1.1") << false;
    }
    void persistentSessionGetsWhatWasPublishedWhileAway()
    {
        QFETCH(bool, mqtt5);
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        ClientOptions o = optionsFor(broker, QStringLiteral("pw-host-persistent"));
        o.cleanSession = false;
        o.mqtt5 = mqtt5;
        {
            Client host(o);
            host.subscribe("n/#", 1);
            QVERIFY(openAndWait(host));
        } // a clean DISCONNECT; the session stays on the broker
        Client gateway(optionsFor(broker));
        QVERIFY(openAndWait(gateway));
        for (int i = 0; i < 100; ++i)
            gateway.publish("n/data", QByteArray::number(i), 1);
        gateway.close("n/last", "end", 1);

        Client host(o); // no subscribe: the session has it
        Inbox inbox;
        inbox.attach(host);
        QVERIFY(openAndWait(host));
        QTRY_COMPARE(int(inbox.messages.size()), 101);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(inbox.messages[i].payload, QByteArray::number(i));
        QCOMPARE(inbox.messages[100].topic, "n/last");
    }

    void expiredMessageIsNotDelivered()
    {
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        ClientOptions o = optionsFor(broker, QStringLiteral("pw-expiry"));
        o.cleanSession = false;
        {
            Client host(o);
            host.subscribe("cmd/#", 1);
            QVERIFY(openAndWait(host));
        }
        Client sender(optionsFor(broker));
        QVERIFY(openAndWait(sender));
        QVERIFY(sender.publish("cmd/late", "start pump", 1, false, 1));
        sender.close("cmd/kept", "no expiry", 1);
        QTest::qWait(3000);

        Client host(o);
        Inbox inbox;
        inbox.attach(host);
        QVERIFY(openAndWait(host));
        QTRY_COMPARE(inbox.topics(),
                     QList<QByteArray>{"cmd/kept"}); // in order: late would be first
    }

    void oversizeMessageIsDroppedAndCounted()
    {
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        ClientOptions o = optionsFor(broker);
        o.maxMessageBytes = 1000;
        Client client(o);
        Inbox inbox;
        inbox.attach(client);
        client.subscribe("big/#", 1);
        QVERIFY(openAndWait(client));
        Client publisher(optionsFor(broker));
        QVERIFY(openAndWait(publisher));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("big/huge")));
        publisher.publish("big/huge", QByteArray(1001, 'x'), 1);
        publisher.publish("big/small", QByteArray(1000, 'x'), 1);
        QTRY_COMPARE(inbox.topics(), QList<QByteArray>{"big/small"});
        QCOMPARE(client.stats().dropped, quint64(1));
        QCOMPARE(client.stats().received, quint64(1));
    }

    void refusedLoginIsReportedAndRetried()
    {
        // libmosquitto's own loop thread would stop for good here: an MQTT 5 CONNACK refusal
        // comes back as MOSQ_ERR_PROTOCOL, which mosquitto_loop_forever treats as fatal.
        QTemporaryDir dir;
        const QString passwords = dir.filePath(QStringLiteral("passwd"));
        QFile(passwords).open(QIODevice::WriteOnly); // empty: nobody may log in
        MosquittoBroker broker(
            QStringLiteral("allow_anonymous false\npassword_file %1\n").arg(passwords));
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        ClientOptions o = optionsFor(broker);
        o.user = QStringLiteral("gateway");
        o.password = QStringLiteral("s3cret");
        Client client(o);
        QSignalSpy up(&client, &Client::connected);
        QVERIFY(client.open());
        QTRY_VERIFY(!client.lastError().isEmpty());
        QVERIFY2(client.lastError().startsWith(QStringLiteral("connection refused: ")),
                 qPrintable(client.lastError()));
        QVERIFY(!client.isConnected());

        QCOMPARE(QProcess::execute(QStringLiteral("mosquitto_passwd"),
                                   {QStringLiteral("-b"), passwords, QStringLiteral("gateway"),
                                    QStringLiteral("s3cret")}),
                 0);
        broker.reload();
        QVERIFY(up.wait(5000));
        QVERIFY(client.isConnected());
    }

    void configurationErrors()
    {
        ClientOptions o;
        o.tls.enabled = true;
        o.tls.caFile = QStringLiteral("/nonexistent/ca.pem");
        Client tls(o);
        QVERIFY(!tls.open());
        QVERIFY2(tls.lastError().contains(o.tls.caFile), qPrintable(tls.lastError()));

        ClientOptions persistentWithoutId;
        persistentWithoutId.cleanSession = false;
        Client noId(persistentWithoutId);
        QVERIFY(!noId.open());
        QVERIFY(!noId.lastError().isEmpty());
    }

    void passwordFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mqtt.pass"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("  s3cret \nsecond line\n");
        file.close();
        QCOMPARE(Client::readPasswordFile(path), QStringLiteral("s3cret"));
        QString error;
        const QString missing = dir.filePath(QStringLiteral("missing.pass"));
        QVERIFY(!Client::readPasswordFile(missing, &error));
        QVERIFY2(error.contains(missing), qPrintable(error));
    }

    void deliveryRate()
    {
        // Information, not a limit: how many messages/s reach the handler on this machine.
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        Client subscriber(optionsFor(broker)), publisher(optionsFor(broker));
        Inbox inbox;
        inbox.attach(subscriber);
        subscriber.subscribe("rate/#", 0);
        QVERIFY(openAndWait(subscriber));
        QVERIFY(openAndWait(publisher));
        constexpr int count = 50'000;
        const QByteArray payload(200, 'v'); // about one station's values as JSON
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i)
            publisher.publish("rate/station/" + QByteArray::number(i % 2000), payload, 0);
        QTRY_COMPARE_WITH_TIMEOUT(int(inbox.messages.size()), count, 60'000);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        qInfo("delivered %d messages of %d bytes in %.2f s: %.0f messages/s, %d handler calls",
              count, int(payload.size()), seconds, count / seconds, inbox.batches);

        // Paced as 2000 stations reporting once a second: how many wake-ups that costs.
        inbox.messages.clear();
        inbox.batches = 0;
        QTimer pacer;
        int sent = 0;
        QObject::connect(&pacer, &QTimer::timeout, [&] {
            for (int i = 0; i < 2 && sent < 4000; ++i, ++sent)
                publisher.publish("rate/station/" + QByteArray::number(sent % 2000), payload, 0);
        });
        pacer.start(1);
        // A real event loop: QTest::qWait sleeps between its turns and would starve the pacer.
        QEventLoop loop;
        QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
        subscriber.setMessageHandler([&](std::span<const Message> batch) {
            ++inbox.batches;
            inbox.messages.insert(inbox.messages.end(), batch.begin(), batch.end());
            if (inbox.messages.size() == 4000)
                loop.quit();
        });
        loop.exec();
        QCOMPARE(int(inbox.messages.size()), 4000);
        qInfo("paced 2000 messages/s for 2 s: %d handler calls for 4000 messages", inbox.batches);
    }
};

QTEST_GUILESS_MAIN(tst_MqttClient)
#include "tst_mqttclient.moc"
