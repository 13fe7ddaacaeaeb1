// Reconnect backoff (exponential, capped, jittered, reset on success) and how a station's
// comm state follows its devices.
#include <acquisition/backoff.h>
#include <acquisition/commstatus.h>

#include <QTest>

using namespace PumpWatch::Acquisition;

Q_DECLARE_METATYPE(PumpWatch::Acquisition::CommState)

class tst_Backoff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void doublesUpToTheCap()
    {
        Backoff b({500, 8000, 0.0}, 1);
        QList<int> waits;
        for (int i = 0; i < 7; ++i)
            waits << b.failed();
        QCOMPARE(waits, (QList<int>{500, 1000, 2000, 4000, 8000, 8000, 8000}));
        b.reset();
        QCOMPARE(b.failed(), 500);
    }

    void jitterStaysWithinItsBandAndSpreads()
    {
        // A thousand links failing together must not all knock again in the same instant.
        QSet<int> distinct;
        for (quint64 seed = 0; seed < 1000; ++seed) {
            Backoff b({1000, 30'000, 0.2}, seed);
            const int w = b.failed();
            QVERIFY2(w >= 800 && w <= 1200, qPrintable(QString::number(w)));
            distinct.insert(w / 10);
        }
        QVERIFY(distinct.size() > 30);
    }

    void sameSeedSameWaits()
    {
        Backoff a({500, 30'000, 0.2}, 7), b({500, 30'000, 0.2}, 7);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(a.failed(), b.failed());
    }

    void stationState_data()
    {
        QTest::addColumn<QList<CommState>>("devices");
        QTest::addColumn<CommState>("expected");
        using S = CommState;
        QTest::newRow("none") << QList<S>{} << S::Unknown;
        QTest::newRow("not yet known") << QList<S>{S::Unknown, S::Unknown} << S::Unknown;
        QTest::newRow("all online") << QList<S>{S::Online, S::Online} << S::Online;
        QTest::newRow("one known, online") << QList<S>{S::Online, S::Unknown} << S::Online;
        QTest::newRow("one of two offline") << QList<S>{S::Online, S::Offline} << S::Degraded;
        QTest::newRow("all offline") << QList<S>{S::Offline, S::Offline} << S::Offline;
        QTest::newRow("offline and unknown") << QList<S>{S::Offline, S::Unknown} << S::Offline;
    }

    void stationState()
    {
        QFETCH(QList<CommState>, devices);
        QFETCH(CommState, expected);
        QCOMPARE(PumpWatch::Acquisition::stationState({devices.begin(), devices.end()}), expected);
    }
};

QTEST_GUILESS_MAIN(tst_Backoff)
#include "tst_backoff.moc"
