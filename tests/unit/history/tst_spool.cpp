// The store-and-forward spool across a crash: a power cut mid-write leaves a torn last record;
// the next process appends to the same file while the database is still away, and the drain
// must give back every whole record exactly — the torn bytes must not shift what follows.
#include <history/spool.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::History;

namespace {

std::vector<SpoolRecord> records(int first, int count)
{
    std::vector<SpoolRecord> out;
    for (int i = first; i < first + count; ++i)
        out.push_back({seriesKey(QStringLiteral("S%1/low/outlet_pressure").arg(i)),
                       1'795'000'000'000 + i * 1000, 0.3 + i / 1000.0, Quality::Good, i % 2 == 0});
    return out;
}

std::vector<SpoolRecord> drained(Spool& spool, QString* error)
{
    std::vector<SpoolRecord> out;
    spool.drain(
        4,
        [&](std::span<const SpoolRecord> chunk) {
            out.insert(out.end(), chunk.begin(), chunk.end());
            return true;
        },
        error);
    return out;
}

bool same(const SpoolRecord& a, const SpoolRecord& b)
{
    return a.seriesKey == b.seriesKey && a.timestampMs == b.timestampMs && a.value == b.value &&
           a.quality == b.quality && a.late == b.late;
}

} // namespace

class tst_Spool : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tornTail_data()
    {
        QTest::addColumn<int>("tornBytes");
        QTest::newRow("no-tear") << 0;
        QTest::newRow("one-byte") << 1;
        QTest::newRow("most-of-a-record") << 25;
    }
    void tornTail()
    {
        QFETCH(int, tornBytes);
        QTemporaryDir dir;
        QString error;
        {
            Spool before(dir.path());
            QVERIFY2(before.append(records(0, 3), &error), qPrintable(error));
        }
        // The power cut: part of a fourth record reached the disk.
        QFile file(Spool(dir.path()).filePath());
        QVERIFY(file.open(QIODevice::Append));
        file.write(QByteArray(tornBytes, '\x7f'));
        file.close();

        // The next process, database still away, spools on.
        Spool after(dir.path());
        QCOMPARE(after.pending(), qint64(3));
        QVERIFY2(after.append(records(3, 2), &error), qPrintable(error));
        QCOMPARE(after.pending(), qint64(5));
        const std::vector<SpoolRecord> got = drained(after, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const std::vector<SpoolRecord> expected = records(0, 5);
        QCOMPARE(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            QVERIFY2(same(got[i], expected[i]), qPrintable(QString::number(i)));
        QVERIFY(!QFile::exists(after.filePath())); // removed once every record was consumed
    }
};

QTEST_GUILESS_MAIN(tst_Spool)
#include "tst_spool.moc"
