// pumpwatch-server killed with SIGKILL while it ingests the simulated city into SQLite, 20 times
// at random moments (a power cut, the OOM killer): the database passes its integrity check after
// every kill, nothing committed before a kill is lost (samples, rollups, the alarm journal only
// grow), and the next clean run drains any spool left behind and stops with exit code 0.
#include "testpeers.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using PumpWatch::Test::bin;
using PumpWatch::Test::ControlledProcess;

namespace {

struct Counts {
    qint64 samples = -1;
    qint64 hours = -1;
    qint64 journal = -1;
    QString integrity;
};

/// What the database holds, read by a connection of our own (as a report would).
Counts counts(const QString& path)
{
    Counts c;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            const auto one = [&](const char* sql) -> QVariant {
                return q.exec(QString::fromLatin1(sql)) && q.next() ? q.value(0) : QVariant();
            };
            c.integrity = one("PRAGMA integrity_check").toString();
            c.samples = one("SELECT count(*) FROM samples").toLongLong();
            c.hours = one("SELECT count(*) FROM rollup_hour").toLongLong();
            c.journal = one("SELECT count(*) FROM alarm_journal").toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crash"));
    return c;
}

} // namespace

class tst_Crash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killNineDuringIngestLosesNothingCommitted()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("city.json"));
        QVERIFY(Test::writeCity(project, 3, 4));
        ControlledProcess sim;
        QVERIFY2(sim.start(bin("pumpwatch-sim"), {QStringLiteral("--project"), project}),
                 qPrintable(sim.errors()));
        // Alarms too, so the journal is written while the server dies.
        QVERIFY(sim.command(QStringLiteral("burst S0002 on")).startsWith(u"ok"));

        const QString dbPath = dir.filePath(QStringLiteral("history.db"));
        const QStringList args{QStringLiteral("--project"), project,
                               QStringLiteral("--db"),      QStringLiteral("sqlite:") + dbPath,
                               QStringLiteral("--spool"),   dir.filePath(QStringLiteral("spool"))};
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("kill moments from seed %u", seed);
        QRandomGenerator random(seed);
        Counts before;
        for (int round = 0; round < 20; ++round) {
            QProcess server;
            server.start(bin("pumpwatch-server"), args);
            QVERIFY(server.waitForStarted());
            // Ingest under way (a new sample committed), then a random moment later: SIGKILL.
            QVERIFY2(
                QTest::qWaitFor([&] { return counts(dbPath).samples > before.samples; }, 20'000),
                qPrintable(QStringLiteral("round %1: nothing stored").arg(round)));
            QTest::qWait(int(random.bounded(1500)));
            server.kill();
            QVERIFY(server.waitForFinished(5000));
            QCOMPARE(server.exitStatus(), QProcess::CrashExit);

            const Counts after = counts(dbPath);
            const QString where = QStringLiteral("round %1 (seed %2)").arg(round).arg(seed);
            QVERIFY2(after.integrity == u"ok",
                     qPrintable(where + QStringLiteral(": ") + after.integrity));
            QVERIFY2(after.samples >= before.samples, qPrintable(where));
            QVERIFY2(after.hours >= before.hours, qPrintable(where));
            QVERIFY2(after.journal >= before.journal, qPrintable(where));
            before = after;
        }
        QVERIFY(before.journal > 0); // the burst's alarms reached the journal

        // The next run starts on what the kills left, drains any spool and stops cleanly.
        QProcess last;
        last.start(bin("pumpwatch-server"),
                   args + QStringList{QStringLiteral("--duration"), QStringLiteral("4")});
        QVERIFY(last.waitForFinished(30'000));
        QCOMPARE(last.exitStatus(), QProcess::NormalExit);
        QCOMPARE(last.exitCode(), 0);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("spool/history-spool.bin"))));
        const Counts final = counts(dbPath);
        QCOMPARE(final.integrity, QStringLiteral("ok"));
        QVERIFY(final.samples > before.samples);
    }
};

QTEST_GUILESS_MAIN(tst_Crash)
#include "tst_crash.moc"
