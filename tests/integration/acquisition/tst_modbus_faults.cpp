// Faults a real peer will not produce on demand, from a scripted TCP server: a response with a
// zero MBAP length (Qt 6.4's parser then waits forever, PROTOCOLS.md §6), and a device that
// accepts the connection but never answers (timeouts, retries, reconnect).
#include "testpeers.h"

#include <acquisition/modbusdriver.h>
#include <core/projectreader.h>

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Acquisition;

namespace {

/// Answers FC3 reads with registers holding 7, except as `behaviour` says.
class ScriptedServer : public QObject {
public:
    enum class Behaviour { ZeroLengthOnFirstConnection, Silent };

    ScriptedServer(Behaviour behaviour)
        : m_behaviour(behaviour)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                const int connection = ++connections;
                QObject::connect(s, &QTcpSocket::readyRead, this,
                                 [this, s, connection] { serve(s, connection); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }

    int connections = 0;
    int requests = 0;

private:
    void serve(QTcpSocket* s, int connection)
    {
        QByteArray& in = m_buffers[s];
        in += s->readAll();
        while (in.size() >= 12) {
            const QByteArray req = in.left(12);
            in.remove(0, 12);
            ++requests;
            if (m_behaviour == Behaviour::Silent)
                continue;
            if (connection == 1) {
                s->write(req.left(4) + QByteArray("\0\0", 2) + req.mid(6, 1)); // length 0
                continue;
            }
            const int count = (static_cast<quint8>(req[10]) << 8) | static_cast<quint8>(req[11]);
            QByteArray pdu;
            pdu += char(3);
            pdu += char(2 * count);
            for (int i = 0; i < count; ++i)
                pdu += QByteArray("\0\x07", 2);
            const auto length = static_cast<int>(pdu.size()) + 1;
            s->write(req.left(4) + char(length >> 8) + char(length & 0xFF) + req.mid(6, 1) + pdu);
        }
    }

    Behaviour m_behaviour;
    QTcpServer m_server;
    std::map<QTcpSocket*, QByteArray> m_buffers;
};

Project oneDevice(quint16 port, int retries)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QStringLiteral(R"({"format": "pumpwatch-project", "version": 1, "name": "faults",
        "stations": [{"id": "F1", "name": "故障", "location": {"lat": 27.7, "lon": 106.9},
          "devices": [{"id": "plc", "endpoint": "127.0.0.1:%1", "pollMs": 300, "timeoutMs": 300,
                       "retries": %2}],
          "tags": [{"key": "level", "name": "液位", "quantity": "level", "unit": "m",
                    "address": "HR0", "type": "uint16"}]}]})")
                .arg(port)
                .arg(retries)
                .toUtf8());
    f.close();
    ProjectLoad load = ProjectReader::readFile(path);
    return load.project ? std::move(*load.project) : Project{};
}

} // namespace

class tst_ModbusFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void zeroMbapLengthIsSurvived()
    {
        ScriptedServer server(ScriptedServer::Behaviour::ZeroLengthOnFirstConnection);
        QVERIFY(server.listen());
        const Project p = oneDevice(server.port(), 0);
        QCOMPARE(p.tagCount(), 1u);
        SystemClock clock;
        Test::RecordingSink sink(p.tagCount());
        ModbusDriverOptions options;
        options.reconnect = {100, 500, 0.0};
        options.watchdogMarginMs = 300;
        ModbusDriver driver(p, clock, sink, options);
        driver.start();
        // The broken answer leaves the link stuck; the timeout or the watchdog resets it, and
        // the second connection reads the value.
        QVERIFY(QTest::qWaitFor([&] { return sink.value(0).quality == Quality::Good; }, 5000));
        QCOMPARE(sink.value(0).value, 7.0);
        QVERIFY(server.connections >= 2);
        QCOMPARE(sink.counts[Quality::BadCommFailure], 1);
        bool wasOffline = false;
        for (const CommStatus& s : sink.statuses)
            wasOffline |= s.device == 0 && s.state == CommState::Offline;
        QVERIFY(wasOffline);
        QCOMPARE(driver.deviceStatus(0).state, CommState::Online);
    }

    /// A gateway whose port nobody listens on is offline because the connection was refused —
    /// what a technician checks first — not "closed by the device".
    void refusedConnectionSaysRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        } // closed again: nothing listens on `port`
        const Project p = oneDevice(port, 0);
        SystemClock clock;
        Test::RecordingSink sink(p.tagCount());
        ModbusDriverOptions options;
        options.reconnect = {100, 500, 0.0};
        ModbusDriver driver(p, clock, sink, options);
        driver.start();
        QVERIFY(QTest::qWaitFor([&] { return driver.deviceStatus(0).state == CommState::Offline; },
                                5000));
        const QString cause = driver.deviceStatus(0).lastError;
        QVERIFY2(cause.contains(u"refused"), qPrintable(cause));
        QVERIFY2(!cause.contains(u"closed by the device"), qPrintable(cause));
        QVERIFY2(cause.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(cause));
        QCOMPARE(sink.value(0).quality, Quality::BadCommFailure);
    }

    void silentDeviceIsRetriedThenReconnected()
    {
        ScriptedServer server(ScriptedServer::Behaviour::Silent);
        QVERIFY(server.listen());
        const Project p = oneDevice(server.port(), 2);
        SystemClock clock;
        Test::RecordingSink sink(p.tagCount());
        ModbusDriverOptions options;
        options.reconnect = {100, 500, 0.0};
        ModbusDriver driver(p, clock, sink, options);
        driver.start();
        QVERIFY(QTest::qWaitFor([&] { return driver.deviceStatus(0).state == CommState::Offline; },
                                5000));
        // Read once and retried twice on the first connection, then the link was dropped.
        QCOMPARE(server.requests, 3);
        QCOMPARE(server.connections, 1);
        QCOMPARE(driver.stats().timeouts, quint64{3});
        QVERIFY(driver.deviceStatus(0).lastError.contains(u"no answer within 300 ms"));
        QCOMPARE(sink.value(0).quality, Quality::BadCommFailure);
        QVERIFY(QTest::qWaitFor([&] { return server.connections >= 2; }, 3000));
    }
};

QTEST_GUILESS_MAIN(tst_ModbusFaults)
#include "tst_modbus_faults.moc"
