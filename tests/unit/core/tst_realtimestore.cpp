#include <core/realtimestore.h>

#include <QTest>

#include <atomic>
#include <thread>

using namespace PumpWatch;

namespace {

Sample live(TagId tag, qint64 ts, double value, Quality q = Quality::Good)
{
    return Sample{ts, value, tag, q, false};
}

} // namespace

class tst_RealtimeStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void publishRules_data()
    {
        QTest::addColumn<QList<Sample>>("batch");
        QTest::addColumn<int>("applied");
        QTest::addColumn<double>("valueOfTag1");
        QTest::addColumn<qint64>("timestampOfTag1");

        // The store starts with tag 1 = 5.0 at t=1000.
        QTest::newRow("newer replaces")
            << QList<Sample>{live(1, 2000, 6.0)} << 1 << 6.0 << qint64(2000);
        QTest::newRow("same time replaces")
            << QList<Sample>{live(1, 1000, 7.0)} << 1 << 7.0 << qint64(1000);
        QTest::newRow("older is dropped")
            << QList<Sample>{live(1, 999, 8.0)} << 0 << 5.0 << qint64(1000);
        Sample backfill = live(1, 5000, 9.0);
        backfill.historical = true;
        QTest::newRow("historical never reaches live")
            << QList<Sample>{backfill} << 0 << 5.0 << qint64(1000);
        QTest::newRow("unknown tag ignored")
            << QList<Sample>{live(99, 5000, 1.0)} << 0 << 5.0 << qint64(1000);
        QTest::newRow("last of a batch wins")
            << QList<Sample>{live(1, 2000, 1.0), live(1, 3000, 2.0)} << 2 << 2.0 << qint64(3000);
        QTest::newRow("bad quality still recorded")
            << QList<Sample>{live(1, 2000, 5.0, Quality::BadCommFailure)} << 1 << 5.0
            << qint64(2000);
    }

    void publishRules()
    {
        QFETCH(QList<Sample>, batch);
        QFETCH(int, applied);
        QFETCH(double, valueOfTag1);
        QFETCH(qint64, timestampOfTag1);
        RealtimeStore store(4);
        const Sample first = live(1, 1000, 5.0);
        QCOMPARE(store.publish(std::span(&first, 1)), 1);
        QCOMPARE(store.publish(batch), applied);
        QCOMPARE(store.value(1).value, valueOfTag1);
        QCOMPARE(store.value(1).timestampMs, timestampOfTag1);
    }

    void readerSeesChangesInOrder()
    {
        RealtimeStore store(200);
        const QList<Sample> before{live(150, 1, 1.5), live(3, 1, 0.3)};
        store.publish(before);

        RealtimeReader reader(store);
        QCOMPARE(reader.refresh(), (std::vector<TagId>{3, 150})); // a new reader gets what exists
        QVERIFY(reader.refresh().empty());

        const QList<Sample> batch{live(130, 2, 13.0), live(64, 2, 6.4), live(63, 2, 6.3),
                                  live(3, 2, 0.4)};
        store.publish(batch);
        QCOMPARE(reader.refresh(), (std::vector<TagId>{3, 63, 64, 130}));
        QCOMPARE(reader.value(64).value, 6.4);
        QCOMPARE(reader.value(3).value, 0.4);
        QCOMPARE(reader.value(150).value, 1.5);
        QCOMPARE(reader.value(7).quality, Quality::Unknown);
    }

    void readersAreIndependent()
    {
        RealtimeStore store(10);
        RealtimeReader gui(store);
        RealtimeReader alarms(store);
        const QList<Sample> a{live(1, 1, 1.0)};
        store.publish(a);
        QCOMPARE(gui.refresh(), std::vector<TagId>{1});
        const QList<Sample> b{live(2, 1, 2.0)};
        store.publish(b);
        QCOMPARE(alarms.refresh(), (std::vector<TagId>{1, 2}));
        QCOMPARE(gui.refresh(), std::vector<TagId>{2});
    }

    /// One thread publishes batches that set every tag to the batch number; two readers refresh
    /// as fast as they can. A snapshot must never mix two batches (each batch is applied whole),
    /// values never go back in time, and the last refresh sees the last batch.
    void hammerFromTwoThreads()
    {
        constexpr quint32 tags = 5000;
        constexpr int batches = 2000;
        RealtimeStore store(tags);
        std::atomic<bool> done{false};
        std::atomic<int> torn{0};
        std::atomic<int> backwards{0};
        std::atomic<int> refreshes{0};

        const auto readLoop = [&] {
            RealtimeReader reader(store);
            double last = -1;
            const auto check = [&] {
                reader.refresh();
                const auto values = reader.values();
                const double first = values[0].value;
                for (const TagValue& v : values) {
                    if (v.value != first)
                        ++torn;
                }
                if (first < last)
                    ++backwards;
                last = first;
                ++refreshes;
            };
            while (!done.load())
                check();
            check();
            return last;
        };

        double lastSeenA = 0, lastSeenB = 0;
        std::thread readerA([&] { lastSeenA = readLoop(); });
        std::thread readerB([&] { lastSeenB = readLoop(); });
        std::vector<Sample> batch(tags);
        for (int b = 1; b <= batches; ++b) {
            for (quint32 t = 0; t < tags; ++t)
                batch[t] = live(t, b, double(b));
            store.publish(batch);
        }
        done = true;
        readerA.join();
        readerB.join();

        QCOMPARE(torn.load(), 0);
        QCOMPARE(backwards.load(), 0);
        QCOMPARE(lastSeenA, double(batches));
        QCOMPARE(lastSeenB, double(batches));
        QVERIFY(refreshes.load() > 2);
    }
};

QTEST_APPLESS_MAIN(tst_RealtimeStore)
#include "tst_realtimestore.moc"
