// The tamper-evident audit trail on a real database (SQLite, and PostgreSQL with
// PUMPWATCH_TEST_DB=postgres): rows written by the real writers (the history writer's journal,
// ReportStore, AlarmJournal::acknowledge, pumpwatch-cli) verify intact; one row edited, deleted
// or added by raw SQL — in audit_log or in alarm_journal — is reported at that row; writers on
// different connections, threads and processes keep one valid chain.
#include "../../common/pgcluster.h"

#include <core/clock.h>
#include <core/projectreader.h>
#include <history/auditchain.h>
#include <history/auditlog.h>
#include <history/historywriter.h>
#include <history/journal.h>
#include <history/schema.h>
#include <reports/reportstore.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace PumpWatch;
using namespace PumpWatch::History;
using namespace Qt::StringLiterals;

namespace {

const char* const ProjectJson = R"({
  "format": "pumpwatch-project", "version": 1, "name": "audit test", "timeZone": "Asia/Shanghai",
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [{"key": "pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40001", "type": "float32"}]}],
  "stations": [
    {"id": "S1", "name": "澳门路口", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]}
  ]})";

const QTimeZone Shanghai("Asia/Shanghai");

qint64 at(double seconds)
{
    static const qint64 base =
        QDateTime(QDate(2026, 12, 7), QTime(9, 0), Shanghai).toMSecsSinceEpoch();
    return base + qint64(seconds * 1000);
}

JournalEntry alarm(JournalEntry::Kind kind, quint64 key, qint64 start)
{
    JournalEntry e;
    e.kind = kind;
    e.key = key;
    e.station = u"S1"_s;
    e.stationName = u"澳门路口"_s;
    e.tag = u"plc/pressure"_s;
    e.tagName = u"出水压力"_s;
    e.unit = u"MPa"_s;
    e.type = u"high"_s;
    e.severity = 2;
    e.value = 0.61;
    e.startMs = start;
    e.endState = u"active"_s;
    return e;
}

AuditEntry operate(qint64 ms, const QString& user, const QString& login, int n)
{
    AuditEntry a;
    a.ms = ms;
    a.user = user;
    a.login = login;
    a.role = u"operator"_s;
    a.workstation = u"ws-1"_s;
    a.station = u"S1"_s;
    a.action = u"control.operate"_s;
    a.target = u"S1/plc/pump1"_s;
    a.oldValue = u"0"_s;
    a.newValue = QString::number(n);
    a.result = u"ok"_s;
    return a;
}

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(PUMPWATCH_BIN_DIR "/pumpwatch-cli"), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class tst_AuditChain : public QObject {
    Q_OBJECT

    Project m_project;
    std::unique_ptr<PgCluster> m_pg;
    QTemporaryDir m_tmp;
    DatabaseUrl m_url;
    HistoryOptions m_options;
    int m_database = 0;
    bool m_postgres = false;
    qint64 m_journalId = 0; ///< the acknowledged alarm of write()

    /// Runs SQL on a connection of its own (the "attacker" with write access).
    bool sql(const QString& statement, QString* error = nullptr)
    {
        const QString name = u"tamper"_s;
        bool ok = false;
        {
            QString e;
            QSqlDatabase db = Dialect(m_url.engine).open(m_url, name, &e);
            QSqlQuery q(db);
            ok = db.isValid() && q.exec(statement);
            if (!ok)
                qWarning() << statement << e << q.lastError().text();
            if (error)
                *error = q.lastError().text();
        }
        Dialect::close(name);
        return ok;
    }

    qint64 scalar(const QString& statement)
    {
        const QString name = u"scalar"_s;
        qint64 value = -1;
        {
            QString e;
            QSqlDatabase db = Dialect(m_url.engine).open(m_url, name, &e);
            QSqlQuery q(db);
            if (db.isValid() && q.exec(statement) && q.next())
                value = q.value(0).toLongLong();
        }
        Dialect::close(name);
        return value;
    }

    /// Through the real writers: the history writer's journal (two alarms opened, one ended,
    /// one acknowledged, three control commands), a report correction, an acknowledgement
    /// from AlarmJournal (as pumpwatch-cli does). 12 chained rows.
    void write()
    {
        ManualClock clock(at(0));
        HistoryWriter w(m_project, clock, m_options);
        QVERIFY(w.open());
        w.journal(
            std::vector{alarm(JournalEntry::Open, 1, at(10)), alarm(JournalEntry::Open, 2, at(11))},
            std::vector{operate(at(12), u"张三"_s, u"zhangsan"_s, 1)});
        JournalEntry end = alarm(JournalEntry::End, 1, at(10));
        end.endMs = at(20);
        end.endState = u"normal"_s;
        JournalEntry ack = alarm(JournalEntry::Acknowledge, 1, at(10));
        ack.ackMs = at(25);
        ack.ackUser = u"张三"_s;
        ack.ackLogin = u"zhangsan"_s;
        ack.note = u"已派人检修"_s;
        w.journal(std::vector{end, ack}, std::vector{operate(at(26), u"李四"_s, u"lisi"_s, 2),
                                                     operate(at(27), u"李四"_s, u"lisi"_s, 3)});
        QCOMPARE(w.journalPending(), 0);

        QString error;
        {
            QSqlDatabase db = Dialect(m_url.engine).open(m_url, u"reports"_s, &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            Reports::ReportStore store(db);
            Reports::Correction c;
            c.family = u"production"_s;
            c.cell = u"line:S1/day/2026-12-06"_s;
            c.periodStartMs = at(-86400);
            c.original = 10;
            c.corrected = 12.5;
            c.reason = u"水表更换"_s;
            User admin;
            admin.name = u"wangwu"_s;
            admin.displayName = u"王五"_s;
            admin.role = Role::Administrator;
            QVERIFY2(store.addCorrection(c, admin, u"ws-2"_s, &error), qPrintable(error));
        }
        Dialect::close(u"reports"_s);

        AlarmJournal journal(m_url);
        QVERIFY2(journal.open(&error), qPrintable(error));
        const auto rows = journal.list({at(0), at(3600), {}, false}, &error);
        QVERIFY2(rows && rows->size() == 2, qPrintable(error));
        m_journalId = rows->front().id; // newest first: alarm 2, still open
        QCOMPARE(
            journal.acknowledge(m_journalId, u"张三"_s, u"zhangsan"_s, u"已处理"_s, at(30), &error),
            AlarmJournal::AckResult::Acknowledged);
        // A second acknowledgement changes nothing and is not audited.
        QCOMPARE(journal.acknowledge(m_journalId, u"李四"_s, u"lisi"_s, {}, at(31), &error),
                 AlarmJournal::AckResult::AlreadyAcknowledged);
    }

    AuditVerification verify() const { return AuditChain::verify(m_url, Shanghai); }

private Q_SLOTS:
    void initTestCase()
    {
        ProjectLoad load = ProjectReader::read(QByteArray(ProjectJson), u"test.json"_s);
        QVERIFY2(load.project, qPrintable(toStrings(load.diagnostics).join(u'\n')));
        m_project = std::move(*load.project);
        m_postgres = qEnvironmentVariable("PUMPWATCH_TEST_DB") == u"postgres";
        if (m_postgres) {
            m_pg = std::make_unique<PgCluster>();
            QString error;
            QVERIFY2(m_pg->start(&error, {u"fsync=off"_s}), qPrintable(error));
        }
    }

    void cleanupTestCase() { m_pg.reset(); }

    void init()
    {
        ++m_database;
        QString error;
        if (m_postgres) {
            m_url = *DatabaseUrl::parse(m_pg->url(), &error);
            QVERIFY(sql(u"DROP SCHEMA public CASCADE"_s));
            QVERIFY(sql(u"CREATE SCHEMA public"_s));
        } else {
            m_url = *DatabaseUrl::parse(u"sqlite:"_s + m_tmp.filePath(u"a%1.db"_s.arg(m_database)),
                                        &error);
        }
        m_options = HistoryOptions{};
        m_options.database = m_url;
        m_options.spoolDirectory = m_tmp.filePath(u"spool%1"_s.arg(m_database));
    }

    void writersChainIntact()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        const AuditVerification v = verify();
        QVERIFY2(v.status == AuditVerification::Status::Intact, qPrintable(v.message));
        // 2 opens + 1 end + 1 ack + 3 commands, the correction, the CLI-style acknowledgement.
        QCOMPARE(v.checked, qint64(9));
        QCOMPARE(v.headSeq, qint64(9));
        QCOMPARE(v.uncovered, qint64(0));
        QCOMPARE(v.journalChecked, qint64(2));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM audit_log WHERE action = 'alarm.ack'"_s), 2);
        // The acknowledgement's row says who did it: one row, not a second "acknowledge".
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM audit_log WHERE action = 'alarm.ack' AND login = "
                        "'zhangsan'"_s),
                 2);
    }

    void editedRowIsFoundAtItsSeq()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        const qint64 id = scalar(u"SELECT id FROM audit_log WHERE seq = 6"_s);
        QVERIFY(sql(u"UPDATE audit_log SET new_value = '99' WHERE seq = 6"_s));
        const AuditVerification v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QCOMPARE(v.seq, qint64(6));
        QCOMPARE(v.id, id);
        QCOMPARE(v.checked, qint64(5));
        QVERIFY2(v.message.startsWith(u"audit row seq 6 (id %1, 2026-12-07 09:00:26, 李四, "
                                      "control.operate): changed"_s.arg(id)),
                 qPrintable(v.message));
    }

    void recomputedHashIsFoundAtTheChangedRow()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        // Someone who knows the encoding changes seq 3 and writes a matching hash for it.
        AuditEntry changed = operate(at(12), u"张三"_s, u"zhangsan"_s, 7);
        const QString name = u"recompute"_s;
        {
            QString error;
            QSqlDatabase db = Dialect(m_url.engine).open(m_url, name, &error);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT prev_hash, action FROM audit_log WHERE seq = 3"_s) && q.next());
            QCOMPARE(q.value(1).toString(), u"control.operate"_s);
            const QString hash = AuditChain::hash(q.value(0).toString(), 3, changed);
            QVERIFY(q.exec(
                u"UPDATE audit_log SET new_value = '7', hash = '%1' WHERE seq = 3"_s.arg(hash)));
        }
        Dialect::close(name);
        const AuditVerification v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QCOMPARE(v.seq, qint64(3));
        QVERIFY2(v.message.contains(u"recomputed"_s), qPrintable(v.message));
    }

    void deletedRowIsFoundAtItsPosition()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        const qint64 before = scalar(u"SELECT id FROM audit_log WHERE seq = 3"_s);
        const qint64 after = scalar(u"SELECT id FROM audit_log WHERE seq = 5"_s);
        QVERIFY(sql(u"DELETE FROM audit_log WHERE seq = 4"_s));
        const AuditVerification v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QCOMPARE(v.seq, qint64(4));
        QCOMPARE(v.message,
                 u"seq 4 missing: deleted (the rows around it are id %1 and %2)"_s.arg(before).arg(
                     after));
    }

    void deletedLastRowIsFoundByTheHead()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(sql(u"DELETE FROM audit_log WHERE seq = 9"_s));
        const AuditVerification v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QCOMPARE(v.seq, qint64(9));
        QVERIFY2(v.message.contains(u"the chain head says seq 9, the table ends at 8"_s),
                 qPrintable(v.message));
    }

    void journalEditIsFoundAtItsRow()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(
            sql(u"UPDATE alarm_journal SET ack_user = '李四' WHERE id = %1"_s.arg(m_journalId)));
        const AuditVerification v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QCOMPARE(v.journalId, m_journalId);
        const qint64 seq = scalar(u"SELECT seq FROM audit_log WHERE action = 'alarm.ack' AND "
                                  "journal_id = %1"_s.arg(m_journalId));
        QCOMPARE(v.message, u"alarm journal row %1: ack_user is 李四 in the table, 张三 in its "
                            "audit record seq %2"_s.arg(m_journalId)
                                .arg(seq));
        // A changed start value of the other row is found the same way.
        QVERIFY(
            sql(u"UPDATE alarm_journal SET ack_user = '张三' WHERE id = %1"_s.arg(m_journalId)));
        QVERIFY(
            sql(u"UPDATE alarm_journal SET start_value = 0.5 WHERE id <> %1"_s.arg(m_journalId)));
        const AuditVerification w = verify();
        QCOMPARE(w.status, AuditVerification::Status::Broken);
        QVERIFY2(w.message.contains(u"start_value is 0.5 in the table, 0.61"_s),
                 qPrintable(w.message));
    }

    void journalDeleteAndInsertAreFound()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(sql(u"DELETE FROM alarm_journal WHERE id = %1"_s.arg(m_journalId)));
        AuditVerification v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QCOMPARE(v.journalId, m_journalId);
        QVERIFY2(v.message.contains(u"deleted"_s), qPrintable(v.message));

        init();
        write();
        QVERIFY(sql(u"INSERT INTO alarm_journal (station, tag, alarm_type, severity, start_ts, "
                    "end_state) VALUES ('S1', 'plc/pressure', 'low', 1, 0, 'active')"_s));
        v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QCOMPARE(v.journalId, m_journalId + 1);
        QVERIFY2(v.message.contains(u"added outside the audit"_s), qPrintable(v.message));
    }

    /// A database from before the chain: its rows are counted as not covered, the chain starts
    /// after them, and a row later inserted without a seq is found.
    void rowsBeforeTheChainAreNotCovered()
    {
        QString error;
        const Dialect dialect(m_url.engine);
        {
            QSqlDatabase db = dialect.open(m_url, u"v6"_s, &error);
            QVERIFY2(Schema::migrate(db, dialect, at(0), &error, 6), qPrintable(error));
            QSqlQuery q(db);
            for (int i = 0; i < 3; ++i)
                QVERIFY(q.exec(u"INSERT INTO audit_log (ts, user_name, action, target, result) "
                               "VALUES (%1, '张三', 'login', '', 'ok')"_s.arg(at(i))));
            QVERIFY(q.exec(u"INSERT INTO alarm_journal (station, tag, alarm_type, severity, "
                           "start_ts, end_state) VALUES ('S1', 'plc/pressure', 'low', 1, 0, "
                           "'active')"_s));
        }
        Dialect::close(u"v6"_s);
        write(); // migrates to the latest version
        if (QTest::currentTestFailed())
            return;
        AuditVerification v = verify();
        QVERIFY2(v.status == AuditVerification::Status::Intact, qPrintable(v.message));
        QCOMPARE(v.uncovered, qint64(3));
        QCOMPARE(v.journalUncovered, qint64(1));
        QCOMPARE(v.checked, qint64(9));

        QVERIFY(sql(u"INSERT INTO audit_log (ts, user_name, action, target, result) VALUES (%1, "
                    "'李四', 'login', '', 'ok')"_s.arg(at(100))));
        v = verify();
        QCOMPARE(v.status, AuditVerification::Status::Broken);
        QVERIFY2(v.message.contains(u"added outside the chain"_s), qPrintable(v.message));
    }

    /// Writers on their own connections in four threads, and pumpwatch-cli acknowledging in
    /// processes of its own meanwhile: every row lands in one unbroken chain.
    void concurrentWritersKeepOneChain()
    {
        ManualClock clock(at(0));
        std::vector<JournalEntry> opens;
        for (quint64 k = 1; k <= 6; ++k)
            opens.push_back(alarm(JournalEntry::Open, k, at(double(k))));
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            w.journal(opens, {});
        }
        constexpr int Threads = 4;
        constexpr int Flushes = 25;
        constexpr int PerFlush = 8;
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&, t] {
                const QString name = u"writer-%1"_s.arg(t);
                {
                    QString error;
                    QSqlDatabase db = Dialect(m_url.engine).open(m_url, name, &error, 30'000);
                    JournalWriter writer;
                    for (int f = 0; f < Flushes && db.isValid(); ++f) {
                        std::vector<AuditEntry> batch;
                        for (int i = 0; i < PerFlush; ++i)
                            batch.push_back(operate(at(100 + f), u"张三"_s, u"zhangsan"_s,
                                                    t * 1000 + f * PerFlush + i));
                        writer.add(batch);
                        if (!writer.flush(db, &error)) {
                            qWarning() << "thread" << t << error;
                            ++failures;
                            break;
                        }
                    }
                    if (!db.isValid())
                        ++failures;
                }
                Dialect::close(name);
            });
        }
        QString error;
        AlarmJournal journal(m_url);
        QVERIFY2(journal.open(&error), qPrintable(error));
        const auto rows = journal.list({at(0), at(3600), {}, false}, &error);
        QVERIFY(rows && rows->size() == 6);
        for (size_t i = 0; i < 3; ++i) {
            const Run r = cli({u"alarms"_s, u"ack"_s, QString::number((*rows)[i].id), u"--db"_s,
                               url(), u"--user"_s, u"张三"_s, u"--note"_s, u"已处理"_s});
            QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        }
        for (size_t i = 3; i < 6; ++i)
            QCOMPARE(journal.acknowledge((*rows)[i].id, u"李四"_s, u"lisi"_s, u"现场确认"_s,
                                         at(200), &error),
                     AlarmJournal::AckResult::Acknowledged);
        for (std::thread& t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
        const AuditVerification v = verify();
        QVERIFY2(v.status == AuditVerification::Status::Intact, qPrintable(v.message));
        QCOMPARE(v.checked, qint64(6 + Threads * Flushes * PerFlush + 6));
        QCOMPARE(v.journalChecked, qint64(6));
    }

    void cliVerifyExitCodes()
    {
        write();
        if (QTest::currentTestFailed())
            return;
        Run r = cli({u"audit"_s, u"verify"_s, u"--db"_s, url()});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(r.out.count(u'\n'), 1);
        QVERIFY2(r.out.startsWith(u"audit chain intact: 9 rows checked up to seq 9"_s),
                 qPrintable(r.out));

        const qint64 id = scalar(u"SELECT id FROM audit_log WHERE seq = 2"_s);
        QVERIFY(sql(u"UPDATE audit_log SET user_name = '赵六' WHERE seq = 2"_s));
        r = cli({u"audit"_s, u"verify"_s, u"--db"_s, url()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"audit row seq 2 (id %1, "_s.arg(id)), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"赵六"_s), qPrintable(r.out));

        r = cli({u"audit"_s, u"verify"_s, u"--db"_s, u"postgres://nobody@127.0.0.1:1/none"_s});
        QCOMPARE(r.code, 2);
        QVERIFY(!r.err.isEmpty());
        r = cli({u"audit"_s, u"verify"_s});
        QCOMPARE(r.code, 2);
    }

    /// The cost of the chain: audit rows per second through JournalWriter (chained, flushes of
    /// 100) against the same rows inserted unchained in the same transactions; and the time
    /// verify() takes over them. Printed, with a loose floor so a slow CI box does not fail.
    void throughput()
    {
        ManualClock clock(at(0));
        {
            HistoryWriter w(m_project, clock, m_options); // the schema
            QVERIFY(w.open());
        }
        constexpr int Rows = 20'000;
        constexpr int Batch = 100;
        QString error;
        const QString name = u"bench"_s;
        double chained = 0;
        double plain = 0;
        {
            QSqlDatabase db = Dialect(m_url.engine).open(m_url, name, &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            JournalWriter writer;
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < Rows; i += Batch) {
                std::vector<AuditEntry> batch;
                for (int j = 0; j < Batch; ++j)
                    batch.push_back(operate(at(i + j), u"张三"_s, u"zhangsan"_s, i + j));
                writer.add(batch);
                QVERIFY2(writer.flush(db, &error), qPrintable(error));
            }
            chained = Rows * 1000.0 / double(std::max<qint64>(1, timer.elapsed()));
            timer.restart();
            QSqlQuery q(db);
            for (int i = 0; i < Rows; i += Batch) {
                QVERIFY(db.transaction());
                q.prepare(u"INSERT INTO audit_log (ts, user_name, login, action, target, "
                          "old_value, new_value, result, detail, role, workstation, station) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
                for (int j = 0; j < Batch; ++j) {
                    const AuditEntry a = operate(at(i + j), u"张三"_s, u"zhangsan"_s, i + j);
                    for (const QVariant& v :
                         {QVariant(a.ms), QVariant(a.user), QVariant(a.login), QVariant(a.action),
                          QVariant(a.target), QVariant(a.oldValue), QVariant(a.newValue),
                          QVariant(a.result), QVariant(a.detail), QVariant(a.role),
                          QVariant(a.workstation), QVariant(a.station)})
                        q.addBindValue(v);
                    QVERIFY(q.exec());
                }
                QVERIFY(db.commit());
            }
            plain = Rows * 1000.0 / double(std::max<qint64>(1, timer.elapsed()));
            // The unchained rows would be reported as added outside the chain: take them away.
            QVERIFY(q.exec(u"DELETE FROM audit_log WHERE seq IS NULL"_s));
        }
        Dialect::close(name);
        QElapsedTimer timer;
        timer.start();
        const AuditVerification v = verify();
        const qint64 verifyMs = timer.elapsed();
        QVERIFY2(v.status == AuditVerification::Status::Intact, qPrintable(v.message));
        QCOMPARE(v.checked, qint64(Rows));
        qInfo("%s: %d audit rows in flushes of %d: chained %.0f rows/s, unchained %.0f rows/s; "
              "verify %lld ms (%.0f rows/s)",
              m_postgres ? "PostgreSQL" : "SQLite", Rows, Batch, chained, plain, verifyMs,
              Rows * 1000.0 / double(std::max<qint64>(1, verifyMs)));
        QVERIFY(chained > 1000);
    }

private:
    QString url() const { return m_postgres ? m_pg->url() : u"sqlite:"_s + m_url.path; }
};

QTEST_GUILESS_MAIN(tst_AuditChain)
#include "tst_auditchain.moc"
