// A soak of pumpwatch-server on a simulated city of 60 stations with every kind of fault cycling
// (outages, bursts, drained and overflowing tanks, pump faults, broken sensors, hung PLCs, slow
// answers, Modbus exceptions, dropped connections): its memory and its open files stay flat.
// 5 minutes by default; an hour by hand: PUMPWATCH_SOAK_SECONDS=3600 build/test/bin/
// tst_integration_soak (figures in docs/performance.md; not in CI until the growth it finds is
// explained). Compared: the end against the first minute, when every device has been
// read, every alarm kind raised and every fault seen once.
#include "testpeers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using PumpWatch::Test::bin;
using PumpWatch::Test::ControlledProcess;

namespace {

struct Usage {
    qint64 rssKb = 0;
    qint64 files = 0;
};

Usage usage(qint64 pid)
{
    Usage u;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                u.rssKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    u.files = QDir(QStringLiteral("/proc/%1/fd").arg(pid))
                  .entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)
                  .size();
    return u;
}

} // namespace

class tst_Soak : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void memoryAndFilesStayFlatWithEveryFaultCycling()
    {
        const int seconds = qEnvironmentVariableIsSet("PUMPWATCH_SOAK_SECONDS")
                                ? qEnvironmentVariableIntValue("PUMPWATCH_SOAK_SECONDS")
                                : 300;
        QVERIFY(seconds >= 120);
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("city.json"));
        QVERIFY(Test::writeCity(project, 60, 70));
        ControlledProcess sim;
        QVERIFY2(sim.start(bin("pumpwatch-sim"), {QStringLiteral("--project"), project}),
                 qPrintable(sim.errors()));

        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        server.start(bin("pumpwatch-server"),
                     {QStringLiteral("--project"), project, QStringLiteral("--db"),
                      QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("history.db")),
                      QStringLiteral("--duration"), QString::number(seconds + 30)});
        QVERIFY(server.waitForStarted());
        const qint64 pid = server.processId();

        // Every 5 s one station gets one fault and the one that had it before is cleared.
        const QStringList faults{QStringLiteral("outage %1 on"),
                                 QStringLiteral("burst %1 on"),
                                 QStringLiteral("lowlow %1 on"),
                                 QStringLiteral("overflow %1 on"),
                                 QStringLiteral("pumpfault %1 1 on"),
                                 QStringLiteral("sensor %1 outlet_pressure range"),
                                 QStringLiteral("sensor %1 outlet_flow freeze"),
                                 QStringLiteral("silence %1 on"),
                                 QStringLiteral("latency %1 800"),
                                 QStringLiteral("exception %1 0 4"),
                                 QStringLiteral("drop %1")};
        QElapsedTimer clock;
        clock.start();
        Usage firstMinute;
        QString previous;
        int step = 0;
        while (clock.elapsed() < qint64(seconds) * 1000) {
            if (!previous.isEmpty())
                sim.command(QStringLiteral("clear ") + previous);
            previous = QStringLiteral("S%1").arg(1 + step % 60, 4, 10, QLatin1Char('0'));
            const QString fault = faults[step % faults.size()].arg(previous);
            QVERIFY2(sim.command(fault).startsWith(u"ok"), qPrintable(fault));
            ++step;
            QTest::qWait(
                5000); // the fault's cadence: this is the scenario, not a wait for a result
            QVERIFY2(server.state() == QProcess::Running, "the server stopped");
            if (firstMinute.rssKb == 0 && clock.elapsed() >= 60'000)
                firstMinute = usage(pid);
            if (step % 12 == 0) { // once a minute: the curve, for the by-hand figures
                const Usage now = usage(pid);
                qInfo("%3lld s: RSS %lld kB, %lld open files", clock.elapsed() / 1000, now.rssKb,
                      now.files);
            }
        }
        const Usage end = usage(pid);
        qInfo("%d s, %d faults: RSS %lld kB after the first minute, %lld kB at the end; open "
              "files %lld, %lld",
              seconds, step, firstMinute.rssKb, end.rssKb, firstMinute.files, end.files);
        QVERIFY(firstMinute.rssKb > 0);
        QVERIFY2(
            end.rssKb <= firstMinute.rssKb * 110 / 100,
            qPrintable(
                QStringLiteral("RSS grew from %1 to %2 kB").arg(firstMinute.rssKb).arg(end.rssKb)));
        QVERIFY2(end.files <= firstMinute.files * 110 / 100 + 1,
                 qPrintable(QStringLiteral("open files grew from %1 to %2")
                                .arg(firstMinute.files)
                                .arg(end.files)));
        server.terminate();
        QVERIFY(server.waitForFinished(10'000));
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Soak)
#include "tst_soak.moc"
