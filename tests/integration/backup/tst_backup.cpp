// Backup and restore as an administrator does them, with the real pumpwatch-cli:
//  - project versions: the versions a save keeps, `project restore` of an old one (the current
//    one kept as a version), a broken version refused;
//  - SQLite: `db backup` while a HistoryWriter in another thread goes on committing; the copy
//    passes integrity_check, holds every sample committed before the backup began, and restored
//    into a fresh file reads back the same values through HistoryReader; a restore refuses a
//    truncated backup and a database in use, leaving the target as it was;
//  - PostgreSQL (a throwaway cluster): history, alarm journal and audit rows backed up, the
//    database dropped and recreated, restored, the same rows read back.
#include "../../common/pgcluster.h"

#include <core/clock.h>
#include <core/fileversions.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <history/historyreader.h>
#include <history/historywriter.h>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <limits>
#include <thread>

using namespace PumpWatch;
using namespace PumpWatch::History;

namespace {

const char* const ProjectJson = R"({
  "format": "pumpwatch-project", "version": 1, "name": "backup test", "timeZone": "Asia/Shanghai",
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [
      {"key": "pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40001", "type": "float32"}
    ]}],
  "stations": [
    {"id": "S1", "name": "澳门路口", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]},
    {"id": "S2", "name": "长征一厂", "location": {"lat": 27.6, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1503"}]}
  ]})";

/// 2026-11-20 00:00 UTC plus seconds.
qint64 at(qint64 seconds)
{
    return QDateTime(QDate(2026, 11, 20), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() +
           seconds * 1000;
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(PUMPWATCH_BIN_DIR "/pumpwatch-cli"), args);
    if (!p.waitForFinished(120'000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QByteArray contentOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray hashOf(const QString& path)
{
    return QCryptographicHash::hash(contentOf(path), QCryptographicHash::Sha256);
}

} // namespace

class tst_Backup : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    Project m_project;

    std::vector<Point> readRaw(const DatabaseUrl& url, TagId tag)
    {
        HistoryReader reader(m_project, url);
        QString error;
        if (!reader.open(&error))
            qWarning() << error;
        return reader.raw(tag, 0, std::numeric_limits<qint64>::max())
            .value_or(std::vector<Point>{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const ProjectLoad load = ProjectReader::read(ProjectJson, QStringLiteral("backup.json"));
        QVERIFY(load.project);
        m_project = *load.project;
    }

    void projectVersionsAndRestore()
    {
        const QString path = m_tmp.filePath(QStringLiteral("zunyi.json"));
        Project p = m_project;
        std::vector<QByteArray> saved;
        for (int i = 1; i <= 25; ++i) {
            p.name = QStringLiteral("save %1").arg(i);
            QString error;
            QVERIFY2(ProjectWriter::writeFile(p, path, &error), qPrintable(error));
            saved.push_back(contentOf(path));
        }
        const std::vector<FileVersion> versions = FileVersions::list(path);
        QCOMPARE(versions.size(), std::size_t(20));

        Run r = cli({QStringLiteral("project"), QStringLiteral("versions"),
                     QStringLiteral("--project"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral(": 20 version")), qPrintable(r.out));
        for (const FileVersion& v : versions)
            QVERIFY2(r.out.contains(v.id), qPrintable(v.id));

        // The oldest kept (the content of save 5) back; what it replaces becomes the newest.
        const QString oldest = versions.front().id;
        r = cli({QStringLiteral("project"), QStringLiteral("restore"), QStringLiteral("--project"),
                 path, QStringLiteral("--version"), oldest});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(contentOf(path), saved[4]);
        QCOMPARE(ProjectReader::readFile(path).project->name, QStringLiteral("save 5"));
        const std::vector<FileVersion> after = FileVersions::list(path);
        QCOMPARE(after.size(), std::size_t(20));
        QCOMPARE(contentOf(after.back().path), saved[24]);
        QVERIFY2(r.out.contains(after.back().id), qPrintable(r.out));

        // A broken version (cut short) is refused, named, and the file stays.
        QFile broken(after[5].path);
        const QByteArray whole = contentOf(after[5].path);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(whole.left(whole.size() / 2));
        broken.close();
        r = cli({QStringLiteral("project"), QStringLiteral("restore"), QStringLiteral("--project"),
                 path, QStringLiteral("--version"), after[5].id});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(after[5].id) && r.err.contains(after[5].path), qPrintable(r.err));
        QCOMPARE(contentOf(path), saved[4]);
        QCOMPARE(FileVersions::list(path).back().id, after.back().id);

        r = cli({QStringLiteral("project"), QStringLiteral("restore"), QStringLiteral("--project"),
                 path, QStringLiteral("--version"), QStringLiteral("20200101T000000000Z")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("20200101T000000000Z")), qPrintable(r.err));
    }

    void drawingVersionsAndRestore()
    {
        // A hand-edited drawing rewritten by `graphics format`: the hand edit is kept.
        const QString file = m_tmp.filePath(QStringLiteral("graphics/pump-house.json"));
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        QByteArray hand = contentOf(QStringLiteral(PUMPWATCH_SOURCE_DIR "/resources/demo/graphics/"
                                                                        "std-pump-house.json"));
        QVERIFY(!hand.isEmpty());
        hand.prepend("\n\n");
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(hand);
        out.close();
        Run r = cli({QStringLiteral("graphics"), QStringLiteral("format"), file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray formatted = contentOf(file);
        QVERIFY(formatted != hand);
        const std::vector<FileVersion> versions = FileVersions::list(file);
        QCOMPARE(versions.size(), std::size_t(1));
        QCOMPARE(contentOf(versions.front().path), hand);

        r = cli({QStringLiteral("project"), QStringLiteral("versions"), QStringLiteral("--drawing"),
                 file});
        QVERIFY2(r.exitCode == 0 && r.out.contains(versions.front().id), qPrintable(r.out));
        r = cli({QStringLiteral("project"), QStringLiteral("restore"), QStringLiteral("--drawing"),
                 file, QStringLiteral("--version"), versions.front().id});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(contentOf(file), hand);
        QCOMPARE(contentOf(FileVersions::list(file).back().path), formatted);
    }

    void sqliteBackupWhileWriting()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("data/history.sqlite"));
        const QString dbUrl = QStringLiteral("sqlite:") + dbPath;
        QString error;
        const DatabaseUrl url = *DatabaseUrl::parse(dbUrl, &error);
        const TagId live = m_project.findTag(u"S1/plc/pressure");
        const TagId bulk = m_project.findTag(u"S2/plc/pressure");
        QVERIFY(live != InvalidTagId && bulk != InvalidTagId);

        // Some bulk first, so that the copy takes a while; then a writer that keeps committing
        // one sample per write, as the service does every half second, only faster.
        std::atomic<bool> stop{false};
        std::atomic<bool> failed{false};
        std::atomic<int> committed{0};
        std::atomic<qint64> slowestWriteUs{0};
        std::atomic<bool> measuring{false};
        std::thread writer([&] {
            ManualClock clock(at(0));
            HistoryOptions options;
            options.database = url;
            HistoryWriter w(m_project, clock, options);
            if (!w.open()) {
                failed = true;
                return;
            }
            std::vector<Sample> batch;
            for (int i = 0; i < 200'000; ++i) {
                batch.push_back({at(i), double(i % 1000) / 4.0, bulk, Quality::Good, false});
                if (batch.size() == 5000) {
                    clock.setNowMs(batch.back().timestampMs);
                    w.write(batch);
                    batch.clear();
                }
            }
            for (int i = 0; !stop; ++i) {
                const Sample s{at(200'000 + i), double(i) / 2.0, live, Quality::Good, false};
                clock.setNowMs(s.timestampMs);
                QElapsedTimer t;
                t.start();
                w.write(std::span(&s, 1));
                const qint64 us = t.nsecsElapsed() / 1000;
                if (measuring && us > slowestWriteUs)
                    slowestWriteUs = us;
                if (!w.isConnected()) {
                    failed = true;
                    return;
                }
                committed = i + 1;
                if (i % 100 == 99)
                    w.flush();
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
        QElapsedTimer wait;
        wait.start();
        while (committed < 200 && !failed && wait.elapsed() < 120'000)
            QTest::qWait(20);
        QVERIFY(!failed && committed >= 200);

        const QString backup = m_tmp.filePath(QStringLiteral("backups/history-1.sqlite"));
        QVERIFY(QDir().mkpath(QFileInfo(backup).absolutePath()));
        const int before = committed;
        measuring = true;
        QElapsedTimer took;
        took.start();
        const Run r = cli({QStringLiteral("db"), QStringLiteral("backup"), QStringLiteral("--db"),
                           dbUrl, QStringLiteral("--to"), backup});
        const qint64 backupMs = took.elapsed();
        measuring = false;
        const int afterBackup = committed;
        QTest::qWait(100); // the writer goes on after the backup too
        stop = true;
        writer.join();
        QVERIFY(!failed);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("integrity ok")), qPrintable(r.out));
        qInfo("backup of %.1f MB took %lld ms while %d samples were committed; the slowest "
              "write meanwhile took %lld µs",
              double(QFileInfo(dbPath).size()) / 1048576.0, backupMs, afterBackup - before,
              qint64(slowestWriteUs));
        QVERIFY(!QFile::exists(backup + QStringLiteral(".partial")));

        // Restored into a fresh file: every sample committed before the backup began, each
        // with its value, and nothing torn (the samples are one unbroken run from the first).
        const QString fresh = m_tmp.filePath(QStringLiteral("fresh/history.sqlite"));
        const Run restored =
            cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"),
                 QStringLiteral("sqlite:") + fresh, QStringLiteral("--from"), backup});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        const DatabaseUrl freshUrl = *DatabaseUrl::parse(QStringLiteral("sqlite:") + fresh, &error);
        const std::vector<Point> points = readRaw(freshUrl, live);
        QVERIFY2(int(points.size()) >= before, qPrintable(QString::number(points.size())));
        QVERIFY(int(points.size()) <= afterBackup);
        for (int i = 0; i < int(points.size()); ++i) {
            QCOMPARE(points[size_t(i)].timestampMs, at(200'000 + i));
            QCOMPARE(points[size_t(i)].value, double(i) / 2.0);
        }
        QCOMPARE(readRaw(freshUrl, bulk).size(), std::size_t(200'000));

        // A truncated backup is refused by name; the target stays as it was.
        const QString cut = m_tmp.filePath(QStringLiteral("backups/cut.sqlite"));
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const QByteArray whole = contentOf(backup);
        out.write(whole.left(whole.size() / 2));
        out.close();
        const QByteArray freshHash = hashOf(fresh);
        Run refused = cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"),
                           QStringLiteral("sqlite:") + fresh, QStringLiteral("--from"), cut});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(cut), qPrintable(refused.err));
        QCOMPARE(hashOf(fresh), freshHash);

        // A database some program has open is refused; once it is closed the restore goes
        // through and keeps the file it replaced.
        {
            HistoryReader holder(m_project, freshUrl);
            QVERIFY(holder.open(&error));
            QVERIFY(holder.raw(live, 0, at(200'001)).has_value());
            refused = cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"),
                           QStringLiteral("sqlite:") + fresh, QStringLiteral("--from"), backup});
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains(QStringLiteral("in use")), qPrintable(refused.err));
            // Not replaced, nothing left behind. (No hash here: reading the file in this process
            // would drop the holder's POSIX locks, which belong to the process, not the fd.)
            const QDir folder = QFileInfo(fresh).absoluteDir();
            QVERIFY(folder.entryList({QStringLiteral("*before-restore*")}).isEmpty());
            QVERIFY(folder.entryList({QStringLiteral("*.restoring")}, QDir::Hidden | QDir::Files)
                        .isEmpty());
        }
        const Run again =
            cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"),
                 QStringLiteral("sqlite:") + fresh, QStringLiteral("--from"), backup});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const QStringList kept =
            QDir(QFileInfo(fresh).absolutePath())
                .entryList({QStringLiteral("history.sqlite.before-restore-*")});
        QCOMPARE(kept.size(), 1);
        QCOMPARE(readRaw(freshUrl, live).size(), points.size());
    }

    void postgresBackupAndRestore()
    {
        PgCluster pg;
        QString error;
        if (!QFile::exists(PgCluster::binDir() + QStringLiteral("/initdb")))
            QSKIP("PostgreSQL 15 server programs are not installed");
        QVERIFY2(pg.start(&error), qPrintable(error));
        const DatabaseUrl url = *DatabaseUrl::parse(pg.url(), &error);
        const TagId tag = m_project.findTag(u"S1/plc/pressure");
        {
            ManualClock clock(at(0));
            HistoryOptions options;
            options.database = url;
            HistoryWriter w(m_project, clock, options);
            QVERIFY(w.open());
            std::vector<Sample> samples;
            for (int i = 0; i < 500; ++i)
                samples.push_back({at(i * 10), 0.3 + i / 1000.0, tag, Quality::Good, false});
            clock.setNowMs(at(5000));
            w.write(samples);
            JournalEntry alarm;
            alarm.key = 7;
            alarm.station = QStringLiteral("S1");
            alarm.stationName = QStringLiteral("澳门路口");
            alarm.tag = QStringLiteral("plc/pressure");
            alarm.tagName = QStringLiteral("出水压力");
            alarm.unit = QStringLiteral("MPa");
            alarm.type = QStringLiteral("high");
            alarm.severity = 2;
            alarm.value = 0.61;
            alarm.startMs = at(100);
            alarm.endState = QStringLiteral("active");
            AuditEntry audit;
            audit.ms = at(200);
            audit.user = QStringLiteral("张三");
            audit.login = QStringLiteral("zhangsan");
            audit.action = QStringLiteral("acknowledge");
            audit.target = QStringLiteral("S1/plc/pressure");
            audit.result = QStringLiteral("ok");
            w.journal(std::vector{alarm}, std::vector{audit});
            QVERIFY(w.flush());
            QCOMPARE(w.journalPending(), 0);
        }
        const auto rows = [&](const QString& sql) {
            QStringList out;
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("t"));
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setUserName(url.user);
            db.setDatabaseName(url.database);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql)) {
                    while (q.next()) {
                        QStringList fields;
                        for (int i = 0; i < q.record().count(); ++i)
                            fields << q.value(i).toString();
                        out << fields.join(u'|');
                    }
                }
            }
            db = {};
            QSqlDatabase::removeDatabase(QStringLiteral("t"));
            return out;
        };
        const QString journalSql = QStringLiteral(
            "SELECT station, station_name, tag, alarm_type, severity, start_value, start_ts FROM "
            "alarm_journal "
            "ORDER BY id");
        const QString auditSql = QStringLiteral(
            "SELECT ts, user_name, login, action, target, result FROM audit_log ORDER BY id");
        const QStringList journal = rows(journalSql);
        const QStringList audit = rows(auditSql);
        QCOMPARE(journal.size(), 1);
        QVERIFY(!audit.isEmpty());
        const std::vector<Point> points = readRaw(url, tag);
        QCOMPARE(points.size(), std::size_t(500));

        const QString dump = m_tmp.filePath(QStringLiteral("backups/pumpwatch.dump"));
        QVERIFY(QDir().mkpath(QFileInfo(dump).absolutePath()));
        Run r = cli({QStringLiteral("db"), QStringLiteral("backup"), QStringLiteral("--db"),
                     pg.url(), QStringLiteral("--to"), dump});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo(dump).size() > 0);

        // The database lost: dropped and made again, empty.
        {
            QSqlDatabase admin =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
            admin.setHostName(url.host);
            admin.setPort(url.port);
            admin.setUserName(url.user);
            admin.setDatabaseName(QStringLiteral("postgres"));
            QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
            QSqlQuery q(admin);
            QVERIFY2(q.exec(QStringLiteral("DROP DATABASE pumpwatch WITH (FORCE)")),
                     qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("CREATE DATABASE pumpwatch")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
        QVERIFY(rows(journalSql).isEmpty());

        // Refused while another session is connected, then restored.
        {
            QSqlDatabase holder =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("holder"));
            holder.setHostName(url.host);
            holder.setPort(url.port);
            holder.setUserName(url.user);
            holder.setDatabaseName(url.database);
            QVERIFY2(holder.open(), qPrintable(holder.lastError().text()));
            r = cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"),
                     pg.url(), QStringLiteral("--from"), dump});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QStringLiteral("in use")), qPrintable(r.err));
            holder.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        r = cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"), pg.url(),
                 QStringLiteral("--from"), dump});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(rows(journalSql), journal);
        QCOMPARE(rows(auditSql), audit);
        QCOMPARE(readRaw(url, tag), points);

        // Restoring over the live database again (--clean) gives the same, not doubled rows.
        r = cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"), pg.url(),
                 QStringLiteral("--from"), dump});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(rows(auditSql), audit);
        QCOMPARE(readRaw(url, tag), points);

        // A file that is no dump is refused by name.
        r = cli({QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--db"), pg.url(),
                 QStringLiteral("--from"), m_tmp.filePath(QStringLiteral("zunyi.json"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(m_tmp.filePath(QStringLiteral("zunyi.json"))), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_Backup)
#include "tst_backup.moc"
