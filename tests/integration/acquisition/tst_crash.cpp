// pumpwatch-server killed with SIGKILL while it ingests the simulated city, 20 times at random
// moments (a power cut, the OOM killer), into SQLite and into PostgreSQL (a throwaway cluster on
// loopback, pgcluster.h). After every kill:
//  - the database is consistent: SQLite's integrity_check says ok; on PostgreSQL the killed
//    session is gone and amcheck finds every B-tree index of the server's tables sound;
//  - nothing committed before the kill is lost: samples and rollups only grow, and every alarm
//    journal row seen before is still there;
//  - in two of the rounds the database is taken away first (PostgreSQL stopped, SQLite locked),
//    so the server dies with samples in its spool; the next start drains it, and every spooled
//    sample reaches the database.
// Every time the server was down is a gap in history: the last sample stored before a restart
// holds no value into the downtime, and the hourly rollups cover exactly what the stored
// samples say (so never the downtime, including a deliberate outage of several seconds before
// the last, clean run, which drains what is left and stops with exit code 0).
#include "../history/databaseoutage.h"
#include "testpeers.h"

#include <core/quantity.h>
#include <history/historyoptions.h>
#include <history/spool.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace PumpWatch;
using PumpWatch::Test::bin;
using PumpWatch::Test::ControlledProcess;

namespace {

struct Counts {
    qint64 samples = -1;
    qint64 hours = -1;
    QSet<qint64> journal; ///< alarm_journal ids
    QString integrity;    ///< "ok", or what is wrong
};

struct Row {
    qint64 ts;
    Quality quality;
};

/// A downtime of the server: from its death to the next start.
struct Outage {
    qint64 killedMs;
    qint64 restartedMs;
};

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// Waits for `condition`, asking it every 100 ms (each ask is a database connection).
template <typename Condition>
bool waitFor(Condition condition, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    qint64 next = 0;
    return QTest::qWaitFor(
        [&] {
            if (timer.elapsed() < next)
                return false;
            next = timer.elapsed() + 100;
            return condition();
        },
        timeoutMs);
}

} // namespace

class tst_Crash : public QObject {
    Q_OBJECT

    std::unique_ptr<PgCluster> m_pg;
    QString m_sqlitePath;
    std::unique_ptr<QSqlDatabase> m_locker; ///< holds SQLite's lock while the database is away

    bool postgres() const { return m_pg != nullptr; }

    /// Runs `use` on a connection of our own (as a report would), opened for the call.
    template <typename Use>
    bool withDatabase(Use use, QString* error = nullptr)
    {
        const QString name = QStringLiteral("crash-check");
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(
                postgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
            if (postgres()) {
                db.setHostName(QStringLiteral("127.0.0.1"));
                db.setPort(m_pg->port());
                db.setUserName(QStringLiteral("postgres"));
                db.setDatabaseName(QStringLiteral("pumpwatch"));
            } else {
                db.setDatabaseName(m_sqlitePath);
            }
            ok = db.open();
            if (ok)
                use(db);
            else if (error)
                *error = db.lastError().text();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    Counts counts()
    {
        Counts c;
        withDatabase(
            [&](QSqlDatabase& db) {
                QSqlQuery q(db);
                q.setForwardOnly(true);
                const auto one = [&](const QString& sql) -> QVariant {
                    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
                };
                c.integrity = integrity(db);
                c.samples = one(QStringLiteral("SELECT count(*) FROM samples")).toLongLong();
                c.hours = one(QStringLiteral("SELECT count(*) FROM rollup_hour")).toLongLong();
                if (q.exec(QStringLiteral("SELECT id FROM alarm_journal"))) {
                    while (q.next())
                        c.journal.insert(q.value(0).toLongLong());
                }
            },
            &c.integrity);
        return c;
    }

    /// SQLite: PRAGMA integrity_check. PostgreSQL: amcheck over the server's B-tree indexes
    /// (with heapallindexed: every table row is in its indexes).
    QString integrity(QSqlDatabase& db)
    {
        QSqlQuery q(db);
        if (!postgres())
            return q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next()
                       ? q.value(0).toString()
                       : q.lastError().text();
        if (!q.exec(QStringLiteral(
                "SELECT c.relname, bt_index_check(c.oid, true) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = "
                "c.relnamespace JOIN pg_am a ON a.oid = c.relam WHERE n.nspname = 'public' "
                "AND a.amname = 'btree'")))
            return q.lastError().text();
        int checked = 0;
        while (q.next())
            ++checked;
        // series, samples, the rollups, the journal and more: a schema without them is wrong.
        return checked >= 8 ? QStringLiteral("ok")
                            : QStringLiteral("only %1 indexes checked").arg(checked);
    }

    /// PostgreSQL: the killed server's session has ended (its open transaction rolled back).
    bool killedSessionGone()
    {
        if (!postgres())
            return true;
        qint64 others = -1;
        withDatabase([&](QSqlDatabase& db) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                      "'pumpwatch' AND pid <> pg_backend_pid()")) &&
                q.next())
                others = q.value(0).toLongLong();
        });
        return others == 0;
    }

    /// PostgreSQL is stopped, SQLite is locked by a transaction of ours.
    void takeDatabaseAway()
    {
        QString error;
        QVERIFY2(::takeDatabaseAway(m_pg.get(), m_sqlitePath, m_locker, &error), qPrintable(error));
    }

    void bringDatabaseBack()
    {
        QString error;
        QVERIFY2(::bringDatabaseBack(m_pg.get(), m_locker, &error), qPrintable(error));
    }

    /// Every stored sample by series path, in time order; and each series' quantity.
    bool readSamples(std::map<QString, std::vector<Row>>* rows, QHash<QString, QString>* quantity,
                     std::map<QString, qint64>* covered)
    {
        return withDatabase([&](QSqlDatabase& db) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (q.exec(QStringLiteral("SELECT path, quantity FROM series"))) {
                while (q.next())
                    quantity->insert(q.value(0).toString(), q.value(1).toString());
            }
            if (q.exec(QStringLiteral("SELECT se.path, s.ts, s.quality FROM samples s JOIN series "
                                      "se ON se.id = s.series ORDER BY se.path, s.ts"))) {
                while (q.next())
                    (*rows)[q.value(0).toString()].push_back(
                        {q.value(1).toLongLong(), Quality(q.value(2).toInt())});
            }
            if (q.exec(QStringLiteral("SELECT se.path, SUM(r.covered_ms) FROM rollup_hour r JOIN "
                                      "series se ON se.id = r.series GROUP BY se.path"))) {
                while (q.next())
                    (*covered)[q.value(0).toString()] = q.value(1).toLongLong();
            }
        });
    }

    /// The server was down during each of `outages`: no stored value holds across one (the
    /// last sample before a restart is not a good one), and each series' hourly coverage is
    /// what its stored samples give (rollup.h), so it never includes a downtime. Counters are
    /// left out: their advance is spread over gaps by design, and they have no coverage.
    void checkOutagesAreGaps(const std::vector<Outage>& outages, qint64 firstStartMs, qint64 endMs)
    {
        std::map<QString, std::vector<Row>> samples;
        QHash<QString, QString> quantity;
        std::map<QString, qint64> covered;
        QVERIFY(readSamples(&samples, &quantity, &covered));
        const qint64 hold = History::HistoryOptions{}.effectiveHoldLimitMs();
        qint64 downMs = 0;
        for (const Outage& o : outages)
            downMs += o.restartedMs - o.killedMs;
        int held = 0; // series whose values hold (instantaneous quantities)
        for (const auto& [path, rows] : samples) {
            if (quantityInfo(quantityFromCode(quantity.value(path))).aggregation ==
                Aggregation::Counter)
                continue; // a meter's advance is spread over gaps; it has no coverage
            for (const Outage& o : outages) {
                const auto after =
                    std::lower_bound(rows.begin(), rows.end(), o.restartedMs,
                                     [](const Row& r, qint64 ms) { return r.ts < ms; });
                if (after == rows.begin())
                    continue; // nothing stored before this restart
                const Row& last = *std::prev(after);
                QVERIFY2(!isGood(last.quality) && last.ts <= o.killedMs,
                         qPrintable(QStringLiteral("%1: the sample at %2 (%3) holds across the "
                                                   "downtime %4 to %5")
                                        .arg(path)
                                        .arg(last.ts)
                                        .arg(QLatin1StringView(qualityName(last.quality)))
                                        .arg(o.killedMs)
                                        .arg(o.restartedMs)));
            }
            qint64 lower = 0;
            for (size_t i = 0; i + 1 < rows.size(); ++i) {
                if (isGood(rows[i].quality))
                    lower += std::min(rows[i + 1].ts - rows[i].ts, hold);
            }
            // The last value holds until the final flush, at most to the end.
            const qint64 upper =
                lower + (isGood(rows.back().quality) ? std::min(endMs - rows.back().ts, hold) : 0);
            const qint64 actual = covered[path];
            QVERIFY2(lower <= actual && actual <= upper,
                     qPrintable(QStringLiteral("%1: hours cover %2 ms, the samples %3 to %4 ms")
                                    .arg(path)
                                    .arg(actual)
                                    .arg(lower)
                                    .arg(upper)));
            QVERIFY2(actual <= endMs - firstStartMs - downMs,
                     qPrintable(QStringLiteral("%1: hours cover %2 ms of %3 ms run, %4 ms down")
                                    .arg(path)
                                    .arg(actual)
                                    .arg(endMs - firstStartMs)
                                    .arg(downMs)));
            ++held;
        }
        QVERIFY(held > 0);
    }

private Q_SLOTS:
    void cleanup()
    {
        if (m_locker) {
            m_locker->close();
            m_locker.reset();
            QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        }
        m_pg.reset();
    }

    void killNineDuringIngestLosesNothingCommitted_data()
    {
        QTest::addColumn<bool>("onPostgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgres") << true;
    }

    void killNineDuringIngestLosesNothingCommitted()
    {
        QFETCH(bool, onPostgres);
        QTemporaryDir dir;
        QString database;
        if (onPostgres) {
            m_pg = std::make_unique<PgCluster>();
            QString error;
            QVERIFY2(m_pg->start(&error, {QStringLiteral("fsync=off")}), qPrintable(error));
            QVERIFY(withDatabase([](QSqlDatabase& db) {
                QSqlQuery(db).exec(QStringLiteral("CREATE EXTENSION amcheck"));
            }));
            database = m_pg->url();
        } else {
            m_sqlitePath = dir.filePath(QStringLiteral("history.db"));
            database = QStringLiteral("sqlite:") + m_sqlitePath;
        }
        const QString project = dir.filePath(QStringLiteral("city.json"));
        QVERIFY(Test::writeCity(project, 3, 4));
        ControlledProcess sim;
        QVERIFY2(sim.start(bin("pumpwatch-sim"), {QStringLiteral("--project"), project}),
                 qPrintable(sim.errors()));
        // Alarms too, so the journal is written while the server dies.
        QVERIFY(sim.command(QStringLiteral("burst S0002 on")).startsWith(u"ok"));

        const QString spoolDir = dir.filePath(QStringLiteral("spool"));
        const History::Spool spool(spoolDir);
        const QString log = dir.filePath(QStringLiteral("server.log"));
        const QStringList args{QStringLiteral("--project"), project,
                               QStringLiteral("--db"),      database,
                               QStringLiteral("--spool"),   spoolDir};
        const auto start = [&](QProcess& server, const QStringList& extra = {}) {
            server.setStandardOutputFile(log, QIODevice::Append);
            server.setStandardErrorFile(log, QIODevice::Append);
            server.start(bin("pumpwatch-server"), args + extra);
        };
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("kill moments from seed %u", seed);
        QRandomGenerator random(seed);
        Counts before;
        qint64 spooled = 0; // records the last killed server left in its spool
        std::vector<Outage> outages;
        const auto showLog = qScopeGuard([&] {
            QFile f(log);
            if (QTest::currentTestFailed() && f.open(QIODevice::ReadOnly))
                qInfo().noquote() << "server log (last 4 kB):\n"
                                  << QString::fromUtf8(f.readAll().right(4096));
        });
        const qint64 firstStartMs = nowMs();
        for (int round = 0; round < 20; ++round) {
            const QString where = QStringLiteral("round %1 (seed %2)").arg(round).arg(seed);
            if (!outages.empty())
                outages.back().restartedMs = nowMs();
            QProcess server;
            start(server);
            QVERIFY(server.waitForStarted());
            if (spooled > 0) {
                // The start drains what the killed server spooled, and nothing of it is lost.
                QVERIFY2(waitFor([&] { return spool.pending() == 0; }, 30'000),
                         qPrintable(where + QStringLiteral(": spool not drained")));
                QVERIFY(!QFile::exists(spool.filePath()));
            }
            // Ingest under way (a new sample committed), then a random moment later: SIGKILL.
            QVERIFY2(waitFor([&] { return counts().samples > before.samples + spooled; }, 20'000),
                     qPrintable(where + QStringLiteral(": nothing stored")));
            const bool away = round == 5 || round == 12;
            if (away) {
                takeDatabaseAway();
                QVERIFY2(waitFor([&] { return spool.pending() > 0; }, 30'000),
                         qPrintable(where + QStringLiteral(": nothing spooled")));
            }
            QTest::qWait(int(random.bounded(1500)));
            server.kill();
            QVERIFY(server.waitForFinished(5000));
            QCOMPARE(server.exitStatus(), QProcess::CrashExit);
            outages.push_back({nowMs(), 0});
            if (away)
                bringDatabaseBack();
            spooled = spool.pending();
            QVERIFY2(!away || spooled > 0, qPrintable(where));

            QVERIFY2(waitFor([&] { return killedSessionGone(); }, 10'000), qPrintable(where));
            const Counts after = counts();
            QVERIFY2(after.integrity == u"ok",
                     qPrintable(where + QStringLiteral(": ") + after.integrity));
            QVERIFY2(after.samples >= before.samples, qPrintable(where));
            QVERIFY2(after.hours >= before.hours, qPrintable(where));
            QVERIFY2(after.journal.contains(before.journal),
                     qPrintable(where + QStringLiteral(": journal rows lost")));
            before = after;
        }
        QVERIFY(!before.journal.isEmpty()); // the burst's alarms reached the journal

        // A downtime of a few seconds, then the next run starts on what the kills left, drains
        // any spool and stops cleanly.
        QVERIFY(QTest::qWaitFor([&] { return nowMs() >= outages.back().killedMs + 4000; }));
        outages.back().restartedMs = nowMs();
        QProcess last;
        start(last, {QStringLiteral("--duration"), QStringLiteral("4")});
        QVERIFY(last.waitForFinished(30'000));
        const qint64 endMs = nowMs();
        QCOMPARE(last.exitStatus(), QProcess::NormalExit);
        QCOMPARE(last.exitCode(), 0);
        QVERIFY(!QFile::exists(spool.filePath()));
        const Counts final = counts();
        QCOMPARE(final.integrity, QStringLiteral("ok"));
        QVERIFY(final.samples > before.samples + spooled);
        QVERIFY(final.journal.contains(before.journal));
        checkOutagesAreGaps(outages, firstStartMs, endMs);
    }
};

QTEST_GUILESS_MAIN(tst_Crash)
#include "tst_crash.moc"
