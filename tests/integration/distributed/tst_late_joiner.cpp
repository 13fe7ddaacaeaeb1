// A workstation that joins a running control room of 2000 stations: pumpwatch-sim serving the
// whole city, pumpwatch-server polling it and publishing through mosquitto, one workstation
// (`pumpwatch --probe`) already there. A second one started later must hold every station's
// current values within 3 s: the retained snapshots arrive at once (mosquitto's queue raised
// for them), the deltas it then misses are found by their sequence and those stations asked
// for again. Its values are those of the workstation that was there all along and those the
// server published (asked of the server), station by station at equal sequence.
#include "../../common/mosquittobroker.h"
#include "controlroom.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace PumpWatch;
using namespace PumpWatch::Test;

namespace {
constexpr int Stations = 2000;
} // namespace

class TestLateJoiner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aLateWorkstationIsCompleteWithin3Seconds()
    {
        QTemporaryDir dir;
        MosquittoBroker broker;
        QVERIFY2(broker.isRunning(), qPrintable(broker.errorString()));
        const QString project = dir.filePath(QStringLiteral("city.json"));
        QVERIFY(writeCity(project, Stations, 2400));
        ControlledProcess sim;
        QVERIFY2(sim.start(bin("pumpwatch-sim"), {QStringLiteral("--project"), project}, 60'000),
                 qPrintable(sim.errors()));
        ServerProcess server;
        QVERIFY(server.start({QStringLiteral("--project"), project, QStringLiteral("--broker"),
                              QStringLiteral("mqtt://server@127.0.0.1:%1").arg(broker.port()),
                              QStringLiteral("--server-id"), QStringLiteral("server")},
                             dir.filePath(QStringLiteral("server.log"))));
        ProbeProcess first;
        QVERIFY(first.start(project, broker.port(), QStringLiteral("ws1"),
                            QStringLiteral("a:甲:viewer")));
        QVERIFY2(first.waitForEvent(QStringLiteral("complete"), 60'000),
                 qPrintable(first.errors() + server.logText()));
        QTest::qWait(2000); // a running room: deltas flowing, snapshots ageing

        ProbeProcess late;
        QElapsedTimer t;
        t.start();
        QVERIFY(late.start(project, broker.port(), QStringLiteral("ws2"),
                           QStringLiteral("b:乙:viewer")));
        const auto complete = late.waitForEvent(QStringLiteral("complete"), 10'000);
        const qint64 ms = t.elapsed();
        QVERIFY2(complete, qPrintable(late.errors()));
        QCOMPARE(complete->value(u"stations").toInt(), Stations);
        const auto stats = late.ask(QStringLiteral("stats"), QStringLiteral("stats"));
        QVERIFY(stats);
        qInfo("late workstation complete with %d stations after %lld ms (process start "
              "included): %d snapshots, %d gaps, %d resync requests",
              Stations, ms, stats->value(u"snapshots").toInt(), stats->value(u"gaps").toInt(),
              stats->value(u"resyncs").toInt());
        QVERIFY2(ms <= 3000, qPrintable(QString::number(ms)));

        // Equal to the first workstation wherever both are at the same sequence (a station that
        // is being resynchronised after a lost delta is left out of a digest).
        int compared = 0, whole = 0;
        for (int attempt = 0; attempt < 10 && (compared < Stations / 2 || whole == 0); ++attempt) {
            QTest::qWait(300);
            const auto a = first.ask(QStringLiteral("digest"), QStringLiteral("digest"));
            const auto b = late.ask(QStringLiteral("digest"), QStringLiteral("digest"));
            QVERIFY(a && b);
            const QJsonObject sa = a->value(u"stations").toObject();
            const QJsonObject sb = b->value(u"stations").toObject();
            whole += sb.size() == Stations ? 1 : 0;
            compared = 0;
            for (auto it = sa.begin(); it != sa.end(); ++it) {
                const QJsonArray x = it.value().toArray(), y = sb.value(it.key()).toArray();
                if (y.size() == 3 && x[0] == y[0] && x[1] == y[1]) {
                    QVERIFY2(x[2] == y[2], qPrintable(it.key()));
                    ++compared;
                }
            }
        }
        QVERIFY2(compared >= Stations / 2, qPrintable(QString::number(compared)));
        QVERIFY(whole > 0); // every station in one digest at least

        // And equal to what the server published, asked of the server itself.
        int matched = 0;
        for (int attempt = 0; attempt < 5 && matched < Stations / 2; ++attempt) {
            const auto answer = late.request(QStringLiteral("server-digest"));
            const auto mine = late.ask(QStringLiteral("digest"), QStringLiteral("digest"));
            QVERIFY(answer && mine);
            QVERIFY2(answer->value(u"ok").toBool(), qPrintable(answer->value(u"code").toString()));
            const QJsonObject published =
                QJsonDocument::fromJson(answer->value(u"message").toString().toUtf8()).object();
            QCOMPARE(published.size(), Stations);
            const QJsonObject here = mine->value(u"stations").toObject();
            matched = 0;
            for (auto it = published.begin(); it != published.end(); ++it) {
                const QJsonArray x = it.value().toArray(), y = here.value(it.key()).toArray();
                if (y.size() == 3 && x[0] == y[0] && x[1] == y[1]) {
                    QVERIFY2(x[2] == y[2], qPrintable(it.key()));
                    ++matched;
                }
            }
        }
        qInfo("the late workstation equals the server at %d stations of equal sequence", matched);
        QVERIFY2(matched >= Stations / 2, qPrintable(QString::number(matched)));
        for (ProbeProcess* p : {&first, &late}) {
            const auto s = p->ask(QStringLiteral("stats"), QStringLiteral("stats"));
            QVERIFY(s);
            qInfo("%s: %d deltas, %d snapshots, %d gaps, %d resync requests",
                  p == &first ? "first" : "late", s->value(u"deltas").toInt(),
                  s->value(u"snapshots").toInt(), s->value(u"gaps").toInt(),
                  s->value(u"resyncs").toInt());
        }
    }
};

QTEST_GUILESS_MAIN(TestLateJoiner)
#include "tst_late_joiner.moc"
