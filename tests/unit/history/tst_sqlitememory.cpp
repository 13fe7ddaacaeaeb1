// SQLite's pages in memory of their own: after SqliteMemory::configure() a connection's page
// cache comes from the slots (none from the heap), SQLite works as before, and the slots go back
// when the connection closes. Runs in a process of its own: the allocator is process-wide.
#include <history/dialect.h>
#include <history/sqlitememory.h>

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::History;

class tst_SqliteMemory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pagesComeFromTheSlotsAndGoBack()
    {
        QVERIFY(SqliteMemory::configure());
        QVERIFY(SqliteMemory::configure()); // once per process; a second call changes nothing
        QTemporaryDir dir;
        const Dialect dialect(Engine::Sqlite);
        DatabaseUrl url;
        url.engine = Engine::Sqlite;
        url.path = dir.filePath(QStringLiteral("h.db"));
        QString error;
        const QString name = QStringLiteral("tst_sqlitememory");
        {
            QSqlDatabase db = dialect.open(url, name, &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)")));
            QVERIFY(db.transaction());
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?)")));
            for (int i = 0; i < 2000; ++i) { // about 2 MB: some 500 pages
                q.addBindValue(i);
                q.addBindValue(QByteArray(1000, char('a' + i % 26)));
                QVERIFY(q.exec());
            }
            QVERIFY(db.commit());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*), sum(length(v)) FROM t")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 2000);
            QCOMPARE(q.value(1).toLongLong(), 2'000'000);

            const SqliteMemory::Stats s = SqliteMemory::stats();
            QVERIFY(s.configured);
            QCOMPARE(s.overflow, 0);
            QVERIFY2(s.inUse >= 400, qPrintable(QString::number(s.inUse)));
            QVERIFY(s.highWater >= s.inUse);
            // The slots touched are resident, and nothing beyond them.
            QVERIFY(s.residentBytes >= s.inUse * s.slotBytes - 4096);
            QVERIFY(s.residentBytes <= s.highWater * s.slotBytes + 4096);
            // The writer's cache is what its cache_size says it is, and sits in the slots.
            QVERIFY(Dialect::cacheBytes(db) <= s.inUse * s.slotBytes);
        }
        Dialect::close(name);
        QCOMPARE(SqliteMemory::stats().inUse, 0);
    }
};

QTEST_GUILESS_MAIN(tst_SqliteMemory)
#include "tst_sqlitememory.moc"
