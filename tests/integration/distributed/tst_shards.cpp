// A city split over two servers (shards "north" and "south", each with its own stations) on one
// broker: a workstation sees the union, each station published by its own shard's server only,
// and a request about a station goes to the server that owns it.
#include "../../common/mosquittobroker.h"
#include "controlroom.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>

using namespace PumpWatch;
using namespace PumpWatch::Test;

class TestShards : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aWorkstationSeesTheUnionAndAsksTheOwner()
    {
        QTemporaryDir dir;
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        const QString project = dir.filePath(QStringLiteral("city.json"));
        QVERIFY(writeCity(project, 8, 10));
        ControlledProcess sim;
        QVERIFY2(sim.start(bin("pumpwatch-sim"), {QStringLiteral("--project"), project}),
                 qPrintable(sim.errors()));
        const auto serverArgs = [&](const QString& shard, const QString& stations) {
            return QStringList{
                QStringLiteral("--project"), project, QStringLiteral("--broker"),
                QStringLiteral("mqtt://%1@127.0.0.1:%2").arg(shard).arg(broker.port()),
                QStringLiteral("--server-id"), shard, QStringLiteral("--shard"), shard,
                QStringLiteral("--stations"), stations,
                // Each its own history: the default one in the home folder outlives the test
                // (its alarms, restored by the next run, made this test depend on the last).
                QStringLiteral("--db"),
                QStringLiteral("sqlite:") + dir.filePath(shard + QStringLiteral(".sqlite"))};
        };
        const auto ownerOf = [](const QString& station) {
            return station <= QStringLiteral("S0004") ? QStringLiteral("north")
                                                      : QStringLiteral("south");
        };
        ServerProcess north, south;
        QVERIFY(north.start(serverArgs(QStringLiteral("north"), QStringLiteral("S0001-S0004")),
                            dir.filePath(QStringLiteral("north.log"))));
        QVERIFY(south.start(serverArgs(QStringLiteral("south"), QStringLiteral("S0005-S0008")),
                            dir.filePath(QStringLiteral("south.log"))));
        QVERIFY(sim.command(QStringLiteral("pumpfault S0002 1 on")).startsWith(u"ok"));
        QVERIFY(sim.command(QStringLiteral("pumpfault S0007 1 on")).startsWith(u"ok"));

        ProbeProcess probe;
        QVERIFY(probe.start(project, broker.port(), QStringLiteral("ws1"),
                            QStringLiteral("zhangsan:张三:operator")));
        const auto complete = probe.waitForEvent(QStringLiteral("complete"), 20'000);
        QVERIFY2(complete, qPrintable(probe.errors() + north.logText() + south.logText()));
        QCOMPARE(complete->value(u"stations").toInt(), 8);

        // Each station carries the epoch of its own shard's server, none the other's.
        std::map<QString, qint64> epochs;
        for (const QJsonObject& e : probe.events())
            if (e.value(u"ev").toString() == u"server" && e.value(u"online").toBool())
                epochs[e.value(u"shard").toString()] = qint64(e.value(u"epoch").toDouble());
        QCOMPARE(epochs.size(), std::size_t(2));
        const auto digest = probe.ask(QStringLiteral("digest"), QStringLiteral("digest"));
        QVERIFY(digest);
        const QJsonObject stations = digest->value(u"stations").toObject();
        QCOMPARE(stations.size(), 8);
        for (auto it = stations.begin(); it != stations.end(); ++it) {
            QCOMPARE(qint64(it.value().toArray()[0].toDouble()), epochs[ownerOf(it.key())]);
        }

        // An alarm of each shard, acknowledged from the one workstation: each request reaches
        // the server that owns the station (the other would answer "no such station").
        for (const QString& prefix :
             {QStringLiteral("equipment_fault/1/"), QStringLiteral("equipment_fault/6/")}) {
            QString id;
            for (QElapsedTimer t; id.isEmpty() && (!t.isValid() || t.elapsed() < 20'000);
                 QTest::qWait(200)) {
                if (!t.isValid())
                    t.start();
                const auto list = probe.ask(QStringLiteral("alarms"), QStringLiteral("alarms"));
                for (const QJsonValue& v : list ? list->value(u"list").toArray() : QJsonArray())
                    if (v[u"alarm"].toString().startsWith(prefix))
                        id = v[u"alarm"].toString();
            }
            QVERIFY2(!id.isEmpty(), qPrintable(prefix));
            const auto r = probe.request(QStringLiteral("ack %1 已处理").arg(id));
            QVERIFY(r);
            QVERIFY2(r->value(u"ok").toBool(), qPrintable(r->value(u"message").toString()));
            QCOMPARE(r->value(u"server").toString(),
                     prefix.contains(u"/1/") ? QStringLiteral("north") : QStringLiteral("south"));
            QVERIFY(probe.waitFor(
                [&](const QJsonObject& o) {
                    return o.value(u"ev").toString() == u"acked" &&
                           o.value(u"alarm").toString() == id;
                },
                5000));
        }

        // What the broker keeps for a late workstation, after all this: each station under its
        // own shard only (a server once published empty snapshots of the other shard's
        // stations, and requests about them went to the wrong server).
        QProcess retained;
        retained.start(QStringLiteral("mosquitto_sub"),
                       {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                        QString::number(broker.port()), QStringLiteral("-t"),
                        QStringLiteral("pw/s/#"), QStringLiteral("-t"), QStringLiteral("pw/a/#"),
                        QStringLiteral("-t"), QStringLiteral("pw/c/#"),
                        QStringLiteral("--retained-only"), QStringLiteral("-W"),
                        QStringLiteral("2"), QStringLiteral("-F"), QStringLiteral("%t")});
        QVERIFY(retained.waitForFinished(10'000));
        int snapshots = 0;
        for (const QString& topic :
             QString::fromUtf8(retained.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
            const QStringList part = topic.split(u'/');
            QCOMPARE(part.size(), 4);
            if (part[3] == u"_system")
                continue; // the server's own alarms
            QVERIFY2(part[2] == ownerOf(part[3]), qPrintable(topic));
            snapshots += part[1] == u"s";
        }
        QCOMPARE(snapshots, 8);
    }
};

QTEST_GUILESS_MAIN(TestShards)
#include "tst_shards.moc"
