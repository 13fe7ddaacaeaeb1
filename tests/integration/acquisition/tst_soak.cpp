// A soak of pumpwatch-server on a simulated city of 60 stations with every kind of fault cycling
// (outages, bursts, drained and overflowing tanks, pump faults, broken sensors, hung PLCs, slow
// answers, Modbus exceptions, dropped connections): its memory and its open files stay flat.
// 5 minutes in CI; an hour by hand: PUMPWATCH_SOAK_SECONDS=3600 build/test/bin/
// tst_integration_soak (figures in docs/performance.md § Soak).
//
// The server logs its statistics once a minute, among them SQLite's page cache of the history
// writer and what the memory of SQLite's pages holds resident; the test reads the server's RSS
// and open files the moment that line arrives. The page cache is a bounded cache that grows with
// the database (up to Dialect::SqliteCacheKiB, 64 MiB, which this city reaches only after
// hours). Its pages live in a mapping of their own (History::SqliteMemory), apart from the heap,
// and the server measures that mapping's resident pages exactly (mincore), so those are taken
// out of the anonymous RSS; so are the file-backed pages (program code, the WAL index), which
// the kernel pages in and out under other load. The rest of the RSS, the anonymous memory
// without SQLite's pages, must stay within 1 MB of the second line (at 90 s: the server logs
// half a minute away from the history writer's minute flush). That is after the warm-up: every
// device read, every fault seen once, every alarm kind raised, and the writer's first rollup
// flush (at 60 s). A steady leak of 0.5 MB a minute adds 1.5 MB from 90 s to 270 s and fails. The
// server hands freed heap pages back to the system once a minute and logs glibc's heap in use,
// which no longer holds the page cache; it must stay within 1 MB as well: it is what a leak would
// grow. No page may have gone to the heap for want of a slot (that would put the cache back into
// the heap figure).
#include "testpeers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace PumpWatch;
using PumpWatch::Test::bin;
using PumpWatch::Test::ControlledProcess;

namespace {

struct Usage : Test::ProcessUsage {
    qint64 cacheKb = 0;  ///< SQLite's page cache, as the server logged it
    qint64 pagesKb = 0;  ///< the resident memory of SQLite's pages (the cache and scratch pages)
    qint64 overflow = 0; ///< SQLite pages that went to the heap for want of a slot
    qint64 heapKb = -1;  ///< glibc's heap in use, as the server logged it (no page cache in it)
    qint64 seconds = 0;  ///< since the faults started
    qint64 restKb() const { return anonKb - pagesKb; }
};

Usage usage(qint64 pid)
{
    Usage u;
    static_cast<Test::ProcessUsage&>(u) = Test::processUsage(pid);
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
        QVERIFY(seconds >= 180);
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("city.json"));
        QVERIFY(Test::writeCity(project, 60, 70));
        ControlledProcess sim;
        QVERIFY2(sim.start(bin("pumpwatch-sim"), {QStringLiteral("--project"), project}),
                 qPrintable(sim.errors()));

        // Usage sampled the moment the server's once-a-minute page cache line arrives (declared
        // before the server, whose destructor may still deliver output).
        const QRegularExpression cacheLine(
            QStringLiteral("history: SQLite page cache (\\d+) kB of its (\\d+) kB; SQLite pages "
                           "(\\d+) kB resident apart from the heap, \\d+ of \\d+ slots in use, "
                           "(\\d+) taken from the heap"));
        const QRegularExpression heapLine(QStringLiteral("memory: heap (\\d+) kB in use"));
        qint64 heapKb = -1;
        std::vector<Usage> samples;
        qint64 cacheLimitKb = 0;
        QByteArray pending;
        QElapsedTimer clock;
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8")); // the log is parsed
        env.insert(QStringLiteral("LANGUAGE"), QString());
        server.setProcessEnvironment(env);
        const QMetaObject::Connection sampler =
            QObject::connect(&server, &QProcess::readyReadStandardOutput, &server, [&] {
                pending += server.readAllStandardOutput();
                qsizetype newline = 0;
                while ((newline = pending.indexOf('\n')) >= 0) {
                    const QString line = QString::fromUtf8(pending.left(newline));
                    pending.remove(0, newline + 1);
                    if (const QRegularExpressionMatch h = heapLine.match(line); h.hasMatch())
                        heapKb = h.captured(1).toLongLong();
                    const QRegularExpressionMatch m = cacheLine.match(line);
                    if (!m.hasMatch())
                        continue;
                    Usage u = usage(server.processId());
                    u.heapKb = heapKb;
                    u.cacheKb = m.captured(1).toLongLong();
                    u.pagesKb = m.captured(3).toLongLong();
                    u.overflow = m.captured(4).toLongLong();
                    u.seconds = clock.elapsed() / 1000;
                    cacheLimitKb = m.captured(2).toLongLong();
                    samples.push_back(u);
                    qInfo("%3lld s: RSS %lld kB, of which anonymous %lld kB = SQLite pages "
                          "%lld kB (page cache %lld kB) + %lld kB; heap in use %lld kB; %lld open "
                          "files",
                          u.seconds, u.rssKb, u.anonKb, u.pagesKb, u.cacheKb, u.restKb(), u.heapKb,
                          u.files);
                }
            });
        server.start(bin("pumpwatch-server"),
                     {QStringLiteral("--project"), project, QStringLiteral("--db"),
                      QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("history.db")),
                      QStringLiteral("--duration"), QString::number(seconds + 30),
                      QStringLiteral("--stats"), QStringLiteral("60")});
        QVERIFY(server.waitForStarted());

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
        clock.start();
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
        }
        // The last minute's line (the server's minutes run a little behind the faults' clock).
        QTRY_VERIFY_WITH_TIMEOUT(qint64(samples.size()) >= seconds / 60, 20'000);
        QObject::disconnect(sampler); // the server logs its statistics once more as it stops
        QVERIFY2(samples.size() >= 3, "fewer than three page cache lines from the server");
        const Usage& first = samples[1]; // after the warm-up
        const Usage& end = samples.back();
        qInfo("%d s, %d faults: RSS %lld kB after the warm-up, %lld kB at the end; anonymous "
              "without SQLite's pages (%lld kB, then %lld kB; page cache %lld kB, then %lld kB of "
              "its %lld kB) %lld kB, then %lld kB; heap in use %lld kB, then %lld kB; open files "
              "%lld, %lld",
              seconds, step, first.rssKb, end.rssKb, first.pagesKb, end.pagesKb, first.cacheKb,
              end.cacheKb, cacheLimitKb, first.restKb(), end.restKb(), first.heapKb, end.heapKb,
              first.files, end.files);
        QVERIFY(first.rssKb > 0 && end.rssKb > 0);
        QVERIFY2(end.cacheKb <= cacheLimitKb,
                 qPrintable(QStringLiteral("the page cache (%1 kB) is beyond its limit (%2 kB)")
                                .arg(end.cacheKb)
                                .arg(cacheLimitKb)));
        QVERIFY2(end.overflow == 0,
                 qPrintable(QStringLiteral("%1 SQLite pages went to the heap").arg(end.overflow)));
        constexpr qint64 AllowedKb = 1024;
        QVERIFY2(end.restKb() <= first.restKb() + AllowedKb,
                 qPrintable(QStringLiteral("anonymous RSS without SQLite's pages grew from %1 "
                                           "to %2 kB")
                                .arg(first.restKb())
                                .arg(end.restKb())));
        if (first.heapKb >= 0) // glibc: what is allocated and not freed, so a leak shows here
            QVERIFY2(end.heapKb <= first.heapKb + AllowedKb,
                     qPrintable(QStringLiteral("the heap in use grew from %1 to %2 kB")
                                    .arg(first.heapKb)
                                    .arg(end.heapKb)));
        QVERIFY2(
            end.files <= first.files * 110 / 100 + 1,
            qPrintable(
                QStringLiteral("open files grew from %1 to %2").arg(first.files).arg(end.files)));
        server.terminate();
        QVERIFY(server.waitForFinished(10'000));
        QCOMPARE(server.exitCode(), 0);
    }
};

int main(int argc, char* argv[])
{
    // Qt Test's watchdog ends a test function after 5 minutes unless told otherwise; a soak
    // run by hand for longer gets its length plus 5 minutes.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT")) {
        const qint64 seconds =
            std::max(300, qEnvironmentVariableIntValue("PUMPWATCH_SOAK_SECONDS"));
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number((seconds + 300) * 1000));
    }
    QCoreApplication app(argc, argv);
    tst_Soak test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_soak.moc"
