// History on a real database. The same suite runs twice from CTest: on SQLite, and on a
// throwaway PostgreSQL 15 cluster (PUMPWATCH_TEST_DB=postgres) started here on loopback.
// What a user relies on: the values read back, the hour and day numbers reports are built
// from (checked against a brute-force computation over the raw rows), the meter volumes across
// reset and rollover, and that an outage loses nothing.
#include "bruteforce.h"
#include "databaseoutage.h"

#include <core/projectreader.h>
#include <history/historyreader.h>
#include <history/historyservice.h>
#include <history/historywriter.h>
#include <history/journal.h>
#include <history/schema.h>

#include <QFutureWatcher>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <thread>
#include <tuple>

using namespace PumpWatch;
using namespace PumpWatch::History;
using namespace Qt::StringLiterals;

namespace {

const char* const ProjectJson = R"({
  "format": "pumpwatch-project", "version": 1, "name": "history test", "timeZone": "Asia/Shanghai",
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [
      {"key": "pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40001", "type": "float32"},
      {"key": "total", "name": "出水累积流量", "quantity": "totalizer", "unit": "m³", "address": "40003", "type": "float32", "rollover": 1000},
      {"key": "running", "name": "1#泵运行", "quantity": "running", "address": "00001", "type": "bool"},
      {"key": "level", "name": "水箱液位", "quantity": "level", "unit": "m", "address": "40005", "type": "float32", "deadband": 0.1}
    ]}],
  "stations": [
    {"id": "S1", "name": "澳门路口", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]},
    {"id": "S2", "name": "长征一厂", "location": {"lat": 27.6, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1503"}]}
  ]})";

constexpr qint64 HeartbeatMs = 60'000;
constexpr qint64 HoldMs = 120'000;

/// 2026-11-20 00:00 in Shanghai, plus seconds.
qint64 at(double seconds)
{
    static const qint64 base =
        QDateTime(QDate(2026, 11, 20), QTime(0, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();
    return base + qint64(seconds * 1000);
}

struct Step {
    qint64 timestampMs;
    double value;
    Quality quality = Quality::Good;
};

using Steps = std::vector<Step>;

Steps series(double fromS, double toS, double everyS, const std::function<double(double)>& f)
{
    Steps out;
    for (double t = fromS; t < toS; t += everyS)
        out.push_back({at(t), f(t)});
    return out;
}

Steps operator+(Steps a, const Steps& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

Q_DECLARE_METATYPE(Steps)

class tst_History : public QObject {
    Q_OBJECT

    Project m_project;
    std::unique_ptr<PgCluster> m_pg;
    QTemporaryDir m_tmp;
    DatabaseUrl m_url;
    std::unique_ptr<QSqlDatabase> m_locker; ///< holds SQLite's lock while "away"
    HistoryOptions m_options;
    int m_database = 0;
    bool m_postgres = false;

    TagId tag(const char* station, const char* key) const
    {
        return m_project.findTag(QString::fromLatin1(station), u"plc", QString::fromLatin1(key));
    }

    std::vector<Sample> samples(TagId t, const Steps& steps, bool historical = false) const
    {
        std::vector<Sample> out;
        for (const Step& s : steps)
            out.push_back({s.timestampMs, s.value, t, s.quality, historical});
        return out;
    }

    /// Writes in batches of `batch`, flushing every few batches so that open rows go to the
    /// database and are read back as the state of later batches. With a clock, it runs 5 s
    /// behind the data, so flushed open rows carry a provisional extension to "now".
    static void writeAll(HistoryWriter& w, const std::vector<Sample>& all, size_t batch = 37,
                         ManualClock* clock = nullptr)
    {
        for (size_t i = 0; i < all.size(); i += batch) {
            const auto part = std::span(all).subspan(i, std::min(batch, all.size() - i));
            if (clock)
                clock->setNowMs(std::max(clock->nowMs(), part.back().timestampMs + 5000));
            w.write(part);
            if ((i / batch) % 5 == 4)
                QVERIFY(w.flush());
        }
    }

    std::vector<Point> readRaw(TagId t)
    {
        HistoryReader reader(m_project, m_url);
        QString error;
        if (!reader.open(&error))
            qWarning() << error;
        return reader.raw(t, 0, std::numeric_limits<qint64>::max()).value_or(std::vector<Point>{});
    }

    /// `nowMs`: the writer's clock at its last flush (the open period extends to it).
    void compareRollups(TagId t, bool counter, double rollover, qint64 nowMs = 0)
    {
        const std::vector<Point> raw = readRaw(t);
        QVERIFY(!raw.empty());
        HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const QTimeZone zone("Asia/Shanghai");
        for (const bool days : {false, true}) {
            const auto expected =
                BruteForce::rollups(raw, days, zone, counter, HoldMs, rollover, nowMs);
            const auto rows = reader.aggregated(t, 0, std::numeric_limits<qint64>::max(),
                                                days ? Resolution::Day : Resolution::Hour);
            QVERIFY2(rows, qPrintable(reader.lastError()));
            std::map<qint64, RollupRow> actual;
            for (const RollupRow& r : *rows)
                actual[r.startMs] = r;
            for (const auto& [start, e] : expected) {
                const QString where =
                    QStringLiteral("%1 %2")
                        .arg(days ? QStringLiteral("day") : QStringLiteral("hour"))
                        .arg(QDateTime::fromMSecsSinceEpoch(start, zone).toString(Qt::ISODate));
                QVERIFY2(actual.count(start), qPrintable(where + QStringLiteral(" missing")));
                const RollupRow& a = actual[start];
                QCOMPARE(a.count, e.count);
                if (e.count > 0) {
                    QCOMPARE(a.min, e.min);
                    QCOMPARE(a.max, e.max);
                    QCOMPARE(a.first, e.first);
                    QCOMPARE(a.firstMs, e.firstMs);
                    QCOMPARE(a.last, e.last);
                    QCOMPARE(a.lastMs, e.lastMs);
                }
                QVERIFY2(a.coveredMs == e.coveredMs,
                         qPrintable(where + QStringLiteral(": covered %1 ms, expected %2")
                                                .arg(a.coveredMs)
                                                .arg(e.coveredMs)));
                if (e.coveredMs > 0)
                    QVERIFY2(qAbs(*a.average() - *e.average()) <= 1e-9 * (1 + qAbs(*e.average())),
                             qPrintable(where + QStringLiteral(": avg %1, expected %2")
                                                    .arg(*a.average(), 0, 'g', 17)
                                                    .arg(*e.average(), 0, 'g', 17)));
                if (counter)
                    QVERIFY2(qAbs(a.delta - e.delta) <= 1e-6 * (1 + qAbs(e.delta)),
                             qPrintable(where + QStringLiteral(": delta %1, expected %2")
                                                    .arg(a.delta, 0, 'g', 12)
                                                    .arg(e.delta, 0, 'g', 12)));
            }
            for (const auto& [start, a] : actual)
                QVERIFY2(expected.count(start) || a.isEmpty(),
                         qPrintable(QStringLiteral("unexpected row at %1").arg(start)));
        }
    }

    double totalDelta(TagId t)
    {
        HistoryReader reader(m_project, m_url);
        QString error;
        if (!reader.open(&error))
            return std::nan("");
        double total = 0;
        const auto days =
            reader.aggregated(t, 0, std::numeric_limits<qint64>::max(), Resolution::Day);
        for (const RollupRow& r : days.value_or(std::vector<RollupRow>{}))
            total += r.delta;
        return total;
    }

    /// The database goes away: PostgreSQL is stopped, SQLite is locked by another connection.
    void takeDatabaseAway()
    {
        QString error;
        QVERIFY2(
            ::takeDatabaseAway(m_postgres ? m_pg.get() : nullptr, m_url.path, m_locker, &error),
            qPrintable(error));
    }

    void bringDatabaseBack()
    {
        QString error;
        QVERIFY2(::bringDatabaseBack(m_postgres ? m_pg.get() : nullptr, m_locker, &error),
                 qPrintable(error));
    }

    /// Lets the writer's backoff run until it reconnects (or 100 tries pass).
    static void reconnect(HistoryWriter& w, ManualClock& clock)
    {
        for (int i = 0; i < 100 && !w.isConnected(); ++i) {
            clock.advanceMs(30'000);
            w.retryConnection();
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        ProjectLoad load =
            ProjectReader::read(QByteArray(ProjectJson), QStringLiteral("test.json"));
        QVERIFY2(load.project, qPrintable(toStrings(load.diagnostics).join(u'\n')));
        m_project = std::move(*load.project);
        m_postgres = qEnvironmentVariable("PUMPWATCH_TEST_DB") == u"postgres";
        if (m_postgres) {
            m_pg = std::make_unique<PgCluster>();
            QString error;
            QVERIFY2(m_pg->start(&error, {QStringLiteral("fsync=off")}), qPrintable(error));
        }
    }

    void cleanupTestCase() { m_pg.reset(); }

    /// A fresh, empty database and spool for every test.
    void init()
    {
        ++m_database;
        QString error;
        if (m_postgres) {
            const QString name = QStringLiteral("admin");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                db.setHostName(QStringLiteral("127.0.0.1"));
                db.setPort(m_pg->port());
                db.setUserName(QStringLiteral("postgres"));
                db.setDatabaseName(QStringLiteral("pumpwatch"));
                QVERIFY2(db.open(), qPrintable(db.lastError().text()));
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("SET client_min_messages = warning")));
                QVERIFY(q.exec(QStringLiteral("DROP SCHEMA public CASCADE")));
                QVERIFY(q.exec(QStringLiteral("CREATE SCHEMA public")));
            }
            QSqlDatabase::removeDatabase(name);
            m_url = *DatabaseUrl::parse(m_pg->url(), &error);
        } else {
            m_url =
                *DatabaseUrl::parse(QStringLiteral("sqlite:") +
                                        m_tmp.filePath(QStringLiteral("h%1.db").arg(m_database)),
                                    &error);
        }
        m_options = HistoryOptions{};
        m_options.database = m_url;
        m_options.spoolDirectory = m_tmp.filePath(QStringLiteral("spool%1").arg(m_database));
        m_options.heartbeatMs = HeartbeatMs;
        m_options.holdLimitMs = HoldMs;
    }

    void roundTrip()
    {
        ManualClock clock(at(0));
        const TagId p = tag("S1", "pressure");
        const TagId run = tag("S2", "running");
        Steps steps = series(0, 600, 1, [](double t) { return 0.3 + 0.001 * t; });
        steps.push_back({at(600), 0.9, Quality::BadCommFailure});
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            writeAll(w, samples(p, steps));
            writeAll(w, samples(run, {{at(0), 1}, {at(30), 0}, {at(90), 1}}));
            QVERIFY(w.flush());
            QCOMPARE(w.stats().stored, qint64(steps.size() + 3));
        }
        const std::vector<Point> raw = readRaw(p);
        QCOMPARE(raw.size(), steps.size());
        for (size_t i = 0; i < raw.size(); ++i) {
            QCOMPARE(raw[i].timestampMs, steps[i].timestampMs);
            QCOMPARE(raw[i].value, steps[i].value);
            QCOMPARE(raw[i].quality, steps[i].quality);
        }
        // The pump ran 30 s of the first 90 s, then from 90 s on until nothing more is known.
        HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const auto hours = reader.aggregated(run, at(0), at(3600), Resolution::Hour);
        QVERIFY(hours && hours->size() == 1);
        QCOMPARE(hours->front().coveredMs, qint64(90'000));
        QCOMPARE(*hours->front().average(), 30.0 / 90.0);
    }

    void rollupsEqualBruteForce_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<Steps>("live");
        QTest::addColumn<Steps>("late");    ///< backfilled after the live data was flushed
        QTest::addColumn<int>("restartAt"); ///< live sample index where the writer restarts
        QTest::addColumn<double>("volume"); ///< counters: the water that went through

        QRandomGenerator rng(42);
        const auto noisy = [&rng](double t) {
            return 0.3 + 0.05 * std::sin(t / 900) + 0.01 * rng.generateDouble();
        };
        QTest::newRow("pressure over 3 hours, every 10 s")
            << QStringLiteral("pressure") << series(7 * 3600 + 1800, 10 * 3600 + 1800, 10, noisy)
            << Steps{} << -1 << 0.0;
        QTest::newRow("pressure gap longer than the hold limit")
            << QStringLiteral("pressure")
            << series(8 * 3600, 8 * 3600 + 600, 7, noisy) +
                   series(9 * 3600 + 1800, 10 * 3600 + 100, 13, noisy)
            << Steps{} << -1 << 0.0;
        Steps bad = series(8 * 3600, 9 * 3600, 5, noisy);
        for (size_t i = 200; i < 260; ++i)
            bad[i].quality = Quality::BadCommFailure;
        QTest::newRow("pressure with bad quality in the middle")
            << QStringLiteral("pressure") << bad << Steps{} << -1 << 0.0;
        QTest::newRow("pressure across local midnight, writer restarted")
            << QStringLiteral("pressure") << series(23 * 3600 + 1200, 25 * 3600 + 600, 11, noisy)
            << Steps{} << 300 << 0.0;
        QTest::newRow("running state")
            << QStringLiteral("running")
            << series(8 * 3600, 11 * 3600, 97,
                      [](double t) { return std::fmod((t - 8 * 3600) / 97, 2.0); })
            << Steps{} << -1 << 0.0;

        // Counters: the meter reading; `volume` is what really went through.
        QTest::newRow("counter steady, 0.5 m³ per 10 s for 3 h")
            << QStringLiteral("total")
            << series(8 * 3600, 11 * 3600, 10, [](double t) { return 100 + 0.05 * (t - 8 * 3600); })
            << Steps{} << -1 << 0.05 * (3 * 3600 - 10);
        QTest::newRow("counter reset to 0 by a meter change")
            << QStringLiteral("total")
            << series(8 * 3600, 9 * 3600, 60, [](double t) { return 500 + (t - 8 * 3600) / 60; }) +
                   series(9 * 3600 + 60, 10 * 3600, 60,
                          [](double t) { return (t - 9 * 3600) / 60; })
            << Steps{} << -1 << 59.0 + 1 + 58; // 500→559, reset, 0→1, 1→59
        QTest::newRow("counter rolls over at 1000")
            << QStringLiteral("total")
            << series(8 * 3600, 9 * 3600 + 1800, 30,
                      [](double t) { return std::fmod(900 + (t - 8 * 3600) / 30, 1000.0); })
            << Steps{} << -1 << double(5400 / 30 - 1);
        QTest::newRow("counter gap of 2 h 20 min across hours")
            << QStringLiteral("total")
            << series(8 * 3600, 8 * 3600 + 3000, 60,
                      [](double t) { return 10 + (t - 8 * 3600) / 100; }) +
                   series(11 * 3600 + 600, 12 * 3600, 60,
                          [](double t) { return 10 + (t - 8 * 3600) / 100; })
            << Steps{} << -1 << (12 * 3600 - 60 - 8 * 3600) / 100.0;
        Steps badReadings =
            series(8 * 3600, 10 * 3600, 20, [](double t) { return 50 + (t - 8 * 3600) / 20; });
        for (size_t i = 170; i < 190; ++i)
            badReadings[i].quality = Quality::BadCommFailure;
        QTest::newRow("counter with bad readings across 09:00")
            << QStringLiteral("total") << badReadings << Steps{} << -1 << double(360 - 1);

        // Late data: live samples with a hole, the hole backfilled after the hour closed.
        const auto ramp = [](double t) { return 0.2 + (t - 8 * 3600) / 36000; };
        QTest::newRow("pressure backfilled into a closed hour")
            << QStringLiteral("pressure")
            << series(8 * 3600, 8 * 3600 + 1200, 60, ramp) +
                   series(8 * 3600 + 2400, 10 * 3600, 60, ramp)
            << series(8 * 3600 + 1210, 8 * 3600 + 2400, 10, ramp) << -1 << 0.0;
        const auto meter = [](double t) { return 200 + (t - 8 * 3600) / 10; };
        QTest::newRow("counter backfilled into a closed hour of yesterday")
            << QStringLiteral("total")
            << series(8 * 3600, 8 * 3600 + 600, 60, meter) + series(26 * 3600, 27 * 3600, 60, meter)
            << series(20 * 3600, 23 * 3600, 300, meter) << -1 << (27 * 3600 - 60 - 8 * 3600) / 10.0;
        QTest::newRow("the same samples sent twice")
            << QStringLiteral("pressure") << series(8 * 3600, 9 * 3600, 30, ramp)
            << series(8 * 3600, 9 * 3600, 30, ramp) << -1 << 0.0;
    }

    void rollupsEqualBruteForce()
    {
        QFETCH(QString, key);
        QFETCH(Steps, live);
        QFETCH(Steps, late);
        QFETCH(int, restartAt);
        QFETCH(double, volume);
        const TagId t = tag("S1", key.toLatin1().constData());
        const bool counter = key == u"total";
        ManualClock clock(at(0));
        const std::vector<Sample> all = samples(t, live);
        const size_t split = restartAt < 0 ? all.size() : size_t(restartAt);
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            writeAll(w, std::vector<Sample>(all.begin(), all.begin() + qsizetype(split)), 37,
                     &clock);
        }
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            writeAll(w, std::vector<Sample>(all.begin() + qsizetype(split), all.end()), 37, &clock);
            QVERIFY(w.flush());
            writeAll(w, samples(t, late, true), 37, &clock);
            QVERIFY(w.flush());
            if (!late.empty())
                QVERIFY(w.stats().recomputedSeries >= 1);
        }
        // Nothing was filtered (deadband 0, every value different), so raw is what was sent.
        std::vector<Step> expected = live + late;
        std::sort(expected.begin(), expected.end(),
                  [](const Step& a, const Step& b) { return a.timestampMs < b.timestampMs; });
        expected.erase(std::unique(expected.begin(), expected.end(),
                                   [](const Step& a, const Step& b) {
                                       return a.timestampMs == b.timestampMs;
                                   }),
                       expected.end());
        const std::vector<Point> raw = readRaw(t);
        QCOMPARE(raw.size(), expected.size());
        compareRollups(t, counter, m_project.tag(t).rollover, clock.nowMs());
        if (counter)
            QVERIFY2(qAbs(totalDelta(t) - volume) < 1e-6,
                     qPrintable(
                         QStringLiteral("volume %1, expected %2").arg(totalDelta(t)).arg(volume)));
    }

    void deadbandAndHeartbeat()
    {
        ManualClock clock(at(0));
        const TagId level = tag("S1", "level"); // deadband 0.1 m
        HistoryWriter w(m_project, clock, m_options);
        QVERIFY(w.open());
        const Steps sent = {
            {at(0), 2.00},
            {at(1), 2.05},
            {at(2), 2.09}, // within 0.1 of 2.00: dropped
            {at(3), 2.11}, // beyond: kept
            {at(4), 2.15},
            {at(63), 2.15},                          // dropped; 60 s after 2.11: heartbeat
            {at(64), 2.16, Quality::BadCommFailure}, // quality change: kept
            {at(65), 2.16, Quality::Good},           // and back
            {at(66), 2.00},                          // 0.16 down: kept
        };
        w.write(samples(level, sent));
        QVERIFY(w.flush());
        const std::vector<Point> raw = readRaw(level);
        std::vector<qint64> stored;
        for (const Point& p : raw)
            stored.push_back((p.timestampMs - at(0)) / 1000);
        QCOMPARE(stored, (std::vector<qint64>{0, 3, 63, 64, 65, 66}));
        QCOMPARE(w.stats().filtered, qint64(3));
    }

    void retention()
    {
        ManualClock clock(at(200 * 86400.0));
        m_options.retention = {90, 150, 0};
        const TagId p = tag("S2", "pressure");
        HistoryWriter w(m_project, clock, m_options);
        QVERIFY(w.open());
        // 190, 120 and 10 days ago.
        for (const double day : {10.0, 80.0, 190.0})
            w.write(samples(
                p, series(day * 86400, day * 86400 + 7200, 60, [](double) { return 0.3; })));
        QVERIFY(w.flush());
        QVERIFY(w.applyRetention() > 0);
        HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const auto raw = reader.raw(p, 0, std::numeric_limits<qint64>::max());
        QVERIFY(raw && !raw->empty());
        QVERIFY(raw->front().timestampMs >= at(190 * 86400.0));
        const auto hours =
            reader.aggregated(p, 0, std::numeric_limits<qint64>::max(), Resolution::Hour);
        QCOMPARE(hours->front().startMs, at(80 * 86400.0));
        const auto days =
            reader.aggregated(p, 0, std::numeric_limits<qint64>::max(), Resolution::Day);
        QCOMPARE(days->size(), size_t(3)); // kept for ever
    }

    /// The database goes away mid-ingest (PostgreSQL stopped; on SQLite another process holds
    /// an exclusive lock) and comes back: the spool drains, nothing is lost or doubled.
    void outageSpoolsAndDrains()
    {
        ManualClock clock(at(0));
        m_options.busyTimeoutMs = 20;
        QStringList events;
        HistoryWriter w(m_project, clock, m_options, [&](bool ok, const QString& error) {
            events << (ok ? QStringLiteral("up") : QStringLiteral("down: ") + error);
        });
        QVERIFY(w.open());
        std::vector<TagId> tags;
        for (const char* s : {"S1", "S2"})
            for (const char* k : {"pressure", "total", "level"})
                tags.push_back(tag(s, k));
        double sumSent = 0;
        qint64 countSent = 0;
        for (int batch = 0; batch < 60; ++batch) {
            if (batch == 15)
                takeDatabaseAway();
            if (batch == 40)
                bringDatabaseBack();
            if (QTest::currentTestFailed())
                return;
            std::vector<Sample> b;
            for (int i = 0; i < 50; ++i) {
                const double s = batch * 50 + i;
                for (size_t k = 0; k < tags.size(); ++k) {
                    const double v = 100 + s * 0.37 + double(k);
                    b.push_back({at(s), v, tags[k], Quality::Good, false});
                    sumSent += v;
                    ++countSent;
                }
            }
            clock.setNowMs(at(batch * 50 + 50));
            if (!w.isConnected())
                w.retryConnection();
            w.write(b);
            if (batch % 10 == 9)
                w.flush();
        }
        reconnect(w, clock);
        QVERIFY(w.isConnected());
        QVERIFY(w.flush());
        QVERIFY(w.stats().spooled > 0);
        QCOMPARE(w.stats().drained, w.stats().spooled);
        QCOMPARE(w.spoolPending(), qint64(0));
        QCOMPARE(events.size(), 2);
        QVERIFY(events[0].startsWith(u"down: "));
        QCOMPARE(events[1], QStringLiteral("up"));

        HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        double sumStored = 0;
        qint64 countStored = 0;
        for (const TagId t : tags) {
            const auto raw = reader.raw(t, 0, std::numeric_limits<qint64>::max());
            QVERIFY(raw);
            for (const Point& p : *raw) {
                sumStored += p.value;
                ++countStored;
            }
        }
        QCOMPARE(countStored, countSent);
        QCOMPARE(sumStored, sumSent);
        compareRollups(tag("S1", "pressure"), false, 0, clock.nowMs());
        compareRollups(tag("S2", "total"), true, 1000, clock.nowMs());
    }

    void queries()
    {
        ManualClock clock(at(0));
        const TagId p = tag("S1", "pressure");
        const TagId total = tag("S1", "total");
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            w.write(samples(
                p, series(0, 86400 * 3, 30, [](double t) { return std::fmod(t, 600) / 1000; })));
            w.write(samples(total, series(0, 86400 * 3, 300, [](double t) { return t / 3600; })));
        }
        HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        // A chart of three days in 144 buckets: each 30-minute bucket spans the full sawtooth.
        const auto buckets = reader.decimated(p, at(0), at(3 * 86400), 144);
        QVERIFY(buckets);
        QCOMPARE(buckets->size(), size_t(144));
        QCOMPARE(buckets->at(7).count, qint64(60));
        QCOMPARE(buckets->at(7).min, 0.0);
        QCOMPARE(buckets->at(7).max, 0.57);
        // Month = the days combined: 24 m³ a day.
        const auto month = reader.aggregated(total, at(0), at(40 * 86400), Resolution::Month);
        QVERIFY(month && month->size() == 1);
        QVERIFY(qAbs(month->front().delta - (3 * 86400 - 300) / 3600.0) < 1e-6);

        // Several tags at once off the GUI thread, with progress; and a canceled query.
        Query q{{p, total}, at(0), at(3 * 86400), QueryKind::Raw};
        QFuture<QueryResult> f = runQuery(m_project, m_url, q);
        f.waitForFinished();
        QCOMPARE(f.progressValue(), 2);
        const QueryResult r = f.result();
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.series.size(), size_t(2));
        QCOMPARE(r.series[0].points.size(), size_t(3 * 86400 / 30));
        QFuture<QueryResult> canceled = runQuery(m_project, m_url, q);
        canceled.cancel();
        canceled.waitForFinished();
        QVERIFY(canceled.isCanceled());
    }

    /// The reports' lean reads against aggregated(): hourAverages gives the same averages;
    /// counterHours combines a meter's hours only within a bucket of the report and only where
    /// nothing in them is for a report to flag (a drop, a gap), the bucket's sums unchanged.
    void reportReads()
    {
        ManualClock clock(at(0));
        const TagId p = tag("S1", "pressure");
        const TagId total = tag("S1", "total");
        constexpr qint64 GapMs = 15 * 60'000;
        Steps meter;
        double reading = 100;
        for (double t = 0; t < 3 * 86400; t += 300) {
            if (t >= 86400 + 5 * 3600 && t < 86400 + 7 * 3600)
                continue;                                                         // a comm gap
            reading += t >= 15 * 3600 && t < 15 * 3600 + 1200 ? -0.5 : 10.0 / 12; // reverse flow
            if (t == 2 * 86400 + 10 * 3600)
                reading = 0; // a reset
            meter.push_back({at(t), reading});
        }
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            writeAll(w, samples(p, series(0, 3 * 86400, 60,
                                          [](double t) { return std::fmod(t, 600) / 1000; })));
            writeAll(w, samples(total, meter));
            QVERIFY(w.flush());
        }
        HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const qint64 from = at(0);
        const qint64 to = at(3 * 86400);

        const auto full = reader.aggregated(std::vector<TagId>{p}, from, to, Resolution::Hour);
        const auto lean = reader.hourAverages({p}, from, to);
        QVERIFY2(full && lean, qPrintable(reader.lastError()));
        QCOMPARE(lean->front().size(), full->front().size());
        for (size_t i = 0; i < full->front().size(); ++i) {
            const RollupRow& e = full->front()[i];
            const RollupRow& a = lean->front()[i];
            QCOMPARE(a.startMs, e.startMs);
            QCOMPARE(a.count, e.count);
            QCOMPARE(a.min, e.min);
            QCOMPARE(a.max, e.max);
            QCOMPARE(a.coveredMs, e.coveredMs);
            QCOMPARE(a.average().has_value(), e.average().has_value());
            if (e.average())
                QVERIFY(qAbs(*a.average() - *e.average()) <= 1e-12);
        }

        // Production days from 08:00.
        std::vector<qint64> bounds;
        for (int d = 0; d < 3; ++d)
            bounds.push_back(at(d * 86400 + 8 * 3600));
        const auto hours = reader.aggregated(total, from, to, Resolution::Hour);
        const auto rows = reader.counterHours({total}, from, to, bounds, GapMs);
        QVERIFY2(hours && rows, qPrintable(reader.lastError()));
        const auto bucketOf = [&](qint64 startMs) {
            return int(std::upper_bound(bounds.begin(), bounds.end(), startMs) - bounds.begin());
        };
        // Each bucket's rows combined: the same either way.
        std::map<int, RollupRow> expected;
        std::map<int, RollupRow> actual;
        for (const RollupRow& r : *hours)
            expected[bucketOf(r.startMs)].combine(r);
        for (const RollupRow& r : rows->front())
            actual[bucketOf(r.startMs)].combine(r);
        QCOMPARE(actual.size(), expected.size());
        for (const auto& [b, e] : expected) {
            const RollupRow& a = actual[b];
            QCOMPARE(a.count, e.count);
            QCOMPARE(a.first, e.first);
            QCOMPARE(a.firstMs, e.firstMs);
            QCOMPARE(a.last, e.last);
            QCOMPARE(a.lastMs, e.lastMs);
            QCOMPARE(a.min, e.min);
            QCOMPARE(a.max, e.max);
            QVERIFY(qAbs(a.delta - e.delta) <= 1e-9 * (1 + qAbs(e.delta)));
        }
        // An hour with something to flag comes as itself.
        std::map<qint64, RollupRow> byStart;
        for (const RollupRow& r : rows->front())
            byStart[r.startMs] = r;
        const RollupRow* prev = nullptr;
        int odd = 0;
        for (size_t i = 0; i < hours->size(); ++i) {
            const RollupRow& h = (*hours)[i];
            if (h.count == 0)
                continue;
            const bool flag = h.max > h.last || h.min < h.first ||
                              (prev && (prev->last > h.first || h.firstMs - prev->lastMs > GapMs));
            if (flag) {
                ++odd;
                QVERIFY(byStart.count(h.startMs));
                QCOMPARE(byStart[h.startMs].lastMs, h.lastMs);
                QCOMPARE(byStart[h.startMs].count, h.count);
            }
            prev = &h;
        }
        QVERIFY(odd >= 3); // the reverse flow, the gap, the reset
        if (m_postgres)    // there the database combines the days without anything to flag
            QVERIFY(rows->front().size() < hours->size());
    }

    /// Alarm records go to the journal in order, keep waiting while the database is away (the
    /// database alarm itself is written once it is back), and an acknowledgement is taken once.
    void alarmJournalSurvivesAnOutage()
    {
        ManualClock clock(at(0));
        m_options.busyTimeoutMs = 20;
        HistoryWriter w(m_project, clock, m_options);
        QVERIFY(w.open());
        const auto entry = [](JournalEntry::Kind kind, quint64 key, const char* type,
                              qint64 start) {
            JournalEntry e;
            e.kind = kind;
            e.key = key;
            e.station = QStringLiteral("S1");
            e.stationName = QStringLiteral("(A)澳门路口");
            e.tag = QStringLiteral("plc/pressure");
            e.tagName = QStringLiteral("出水压力");
            e.unit = QStringLiteral("MPa");
            e.type = QString::fromLatin1(type);
            e.severity = 2;
            e.value = 0.61;
            e.startMs = start;
            e.endState = QStringLiteral("active");
            return e;
        };
        JournalEntry high = entry(JournalEntry::Open, 1, "high_high", at(10));
        w.journal(std::vector{high}, {});
        QCOMPARE(w.journalPending(), 0);

        // The database goes away: the record ends and the database alarm is raised meanwhile.
        takeDatabaseAway();
        if (QTest::currentTestFailed())
            return;
        JournalEntry end = high;
        end.kind = JournalEntry::End;
        end.endMs = at(20);
        end.endState = QStringLiteral("normal");
        JournalEntry db = entry(JournalEntry::Open, 2, "database", at(21));
        db.station.clear();
        db.tag = QStringLiteral("database");
        w.journal(std::vector{end, db}, {});
        QVERIFY(!w.isConnected());
        QCOMPARE(w.journalPending(), 2);
        bringDatabaseBack();
        if (QTest::currentTestFailed())
            return;
        reconnect(w, clock);
        QVERIFY2(w.isConnected(), qPrintable(w.stats().lastError));
        QCOMPARE(w.journalPending(), 0);
        JournalEntry dbEnd = db;
        dbEnd.kind = JournalEntry::End;
        dbEnd.endMs = at(40);
        dbEnd.endState = QStringLiteral("normal");
        w.journal(std::vector{dbEnd}, {});

        AlarmJournal journal(m_url);
        QString error;
        QVERIFY2(journal.open(&error), qPrintable(error));
        auto rows = journal.list({at(0), at(3600), {}, false}, &error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), 2u);
        const JournalRow& d = (*rows)[0]; // newest first
        QCOMPARE(d.type, QStringLiteral("database"));
        QCOMPARE(d.station, QString());
        QCOMPARE(d.endMs, std::optional<qint64>(at(40)));
        const JournalRow& h = (*rows)[1];
        QCOMPARE(h.stationName, QStringLiteral("(A)澳门路口"));
        QCOMPARE(h.tagName, QStringLiteral("出水压力"));
        QCOMPARE(h.unit, QStringLiteral("MPa"));
        QCOMPARE(h.value, std::optional<double>(0.61));
        QCOMPARE(h.startMs, at(10));
        QCOMPARE(h.endMs, std::optional<qint64>(at(20)));
        QCOMPARE(h.endState, QStringLiteral("normal"));
        QCOMPARE(h.ackMs, std::nullopt);
        QCOMPARE(journal.list({at(0), at(3600), QStringLiteral("S1"), true}, &error)->size(), 0u);

        JournalRow after;
        QCOMPARE(journal.acknowledge(h.id, QStringLiteral("张三"), QStringLiteral("zhangsan"),
                                     QStringLiteral("已处理"), at(50), &error, &after),
                 AlarmJournal::AckResult::Acknowledged);
        QCOMPARE(after.ackUser, QStringLiteral("张三"));
        QCOMPARE(after.note, QStringLiteral("已处理"));
        QCOMPARE(journal.acknowledge(h.id, QStringLiteral("李四"), QStringLiteral("lisi"),
                                     QString(), at(60), &error),
                 AlarmJournal::AckResult::AlreadyAcknowledged);
        QCOMPARE(journal.acknowledge(999, QStringLiteral("李四"), QStringLiteral("lisi"), QString(),
                                     at(60), &error),
                 AlarmJournal::AckResult::NotFound);
        // The engine's own acknowledgement, arriving later, does not overwrite the first.
        JournalEntry ack = high;
        ack.kind = JournalEntry::Acknowledge;
        ack.ackMs = at(70);
        ack.ackUser = QStringLiteral("王五");
        w.journal(std::vector{ack}, {});
        QCOMPARE(journal.row(h.id, &error)->ackUser, QStringLiteral("张三"));
    }

    /// The records of a shift are those active during it: one that started before the shift and
    /// is still open, or ended inside it, is listed; one that ended before it is not. Filters by
    /// priority, type and acknowledgement narrow the same query.
    void alarmJournalListsRecordsActiveDuringAPeriod_data()
    {
        QTest::addColumn<bool>("activeDuring");
        QTest::addColumn<std::optional<int>>("severity");
        QTest::addColumn<QStringList>("types");
        QTest::addColumn<std::optional<bool>>("acknowledged");
        QTest::addColumn<QStringList>("expected"); // newest first
        const std::optional<int> anySeverity;
        const std::optional<bool> anyAck;
        QTest::newRow("started-in")
            << false << anySeverity << QStringList() << anyAck << QStringList{u"inside"_s};
        QTest::newRow("active-during") << true << anySeverity << QStringList() << anyAck
                                       << QStringList{u"inside"_s, u"open"_s, u"across"_s};
        QTest::newRow("critical") << true << std::optional<int>(2) << QStringList() << anyAck
                                  << QStringList{u"open"_s};
        QTest::newRow("warning") << true << std::optional<int>(1) << QStringList() << anyAck
                                 << QStringList{u"inside"_s, u"across"_s};
        QTest::newRow("type-low") << true << anySeverity << QStringList{u"low"_s} << anyAck
                                  << QStringList{u"across"_s};
        QTest::newRow("acknowledged") << true << anySeverity << QStringList()
                                      << std::optional<bool>(true) << QStringList{u"across"_s};
        QTest::newRow("unacknowledged")
            << true << anySeverity << QStringList() << std::optional<bool>(false)
            << QStringList{u"inside"_s, u"open"_s};
    }

    void alarmJournalListsRecordsActiveDuringAPeriod()
    {
        QFETCH(bool, activeDuring);
        QFETCH(std::optional<int>, severity);
        QFETCH(QStringList, types);
        QFETCH(std::optional<bool>, acknowledged);
        QFETCH(QStringList, expected);
        ManualClock clock(at(0));
        HistoryWriter w(m_project, clock, m_options);
        QVERIFY(w.open());
        std::vector<JournalEntry> entries;
        const auto record = [&](quint64 key, const char* name, const char* type, int level,
                                qint64 start, qint64 end, qint64 ack) {
            JournalEntry e;
            e.key = key;
            e.station = QStringLiteral("S1");
            e.stationName = QStringLiteral("(A)澳门路口");
            e.tag = QStringLiteral("plc/pressure");
            e.tagName = QStringLiteral("出水压力");
            e.type = QString::fromLatin1(type);
            e.severity = level;
            e.startMs = start;
            e.endState = QStringLiteral("active");
            e.detail = QString::fromLatin1(name);
            entries.push_back(e);
            if (end) {
                e.kind = JournalEntry::End;
                e.endMs = end;
                e.endState = QStringLiteral("normal");
                entries.push_back(e);
            }
            if (ack) {
                e.kind = JournalEntry::Acknowledge;
                e.ackMs = ack;
                e.ackUser = QStringLiteral("张三");
                entries.push_back(e);
            }
        };
        // The period is [at(3600), at(7200)).
        record(1, "before", "high", 1, at(100), at(3600), at(200));  // ended as it began
        record(2, "across", "low", 1, at(1000), at(4000), at(1100)); // began before, ended inside
        record(3, "open", "high_high", 2, at(3000), 0, 0);           // began before, still open
        record(4, "inside", "high", 1, at(5000), at(5100), 0);
        record(5, "after", "high", 1, at(7200), 0, 0);
        w.journal(entries, {});
        QCOMPARE(w.journalPending(), 0);

        AlarmJournal journal(m_url);
        QString error;
        QVERIFY2(journal.open(&error), qPrintable(error));
        JournalFilter filter{at(3600), at(7200), QStringLiteral("S1"), false};
        filter.activeDuring = activeDuring;
        filter.severity = severity;
        filter.types = types;
        filter.acknowledged = acknowledged;
        const auto rows = journal.list(filter, &error);
        QVERIFY2(rows, qPrintable(error));
        QStringList names;
        for (const JournalRow& r : *rows)
            names << r.detail;
        QCOMPARE(names, expected);
    }

    void serviceWritesFromAnotherThread()
    {
        SystemClock clock;
        m_options.batchMs = 50;
        HistoryService service(m_project, clock, m_options);
        QSignalSpy connection(&service, &HistoryService::databaseConnectionChanged);
        service.start();
        const TagId p = tag("S2", "level");
        std::thread producer([&] {
            for (int i = 0; i < 100; ++i) {
                const Sample s{at(i), 1.0 + i, p, Quality::Good, false};
                service.append(std::span(&s, 1));
            }
        });
        producer.join();
        service.sync();
        QCOMPARE(service.stats().stored, qint64(100));
        service.stop();
        QCOMPARE(readRaw(p).size(), size_t(100));
        QCOMPARE(connection.size(), 0); // never lost
    }

    /// The writer stopped for five minutes: the value stored before does not hold across the
    /// downtime. The new run records a gap (a sample of no value) where the old one was last
    /// known alive, its last flush; the hour covers what the two runs saw and nothing between.
    /// A counter gets no gap: its advance is spread over the downtime.
    void restartAfterADowntimeIsAGap()
    {
        ManualClock clock(at(0));
        const TagId p = tag("S1", "pressure");
        const TagId total = tag("S1", "total");
        const auto pressure = [](double t) { return 0.3 + 0.0001 * t; };
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            writeAll(w, samples(p, series(0, 600, 10, pressure)), 37, &clock);
            writeAll(w, samples(total, series(0, 600, 10, [](double t) { return t / 10; })), 37,
                     &clock);
            QCOMPARE(clock.nowMs(), at(595)); // the last flush: 5 s after the last sample
        }
        clock.setNowMs(at(900));
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            writeAll(w, samples(p, series(900, 1200, 10, pressure)), 37, &clock);
            writeAll(w, samples(total, series(900, 1200, 10, [](double t) { return t / 10; })), 37,
                     &clock);
            QVERIFY(w.flush());
        }
        const std::vector<Point> raw = readRaw(p);
        QCOMPARE(raw.size(), size_t(60 + 1 + 30));
        const Point gap = raw[60];
        QCOMPARE(gap.timestampMs, at(595) + 1);
        QCOMPARE(gap.quality, Quality::Unknown);
        QVERIFY(std::isnan(gap.value));
        compareRollups(p, false, 0, clock.nowMs());
        HistoryReader reader(m_project, m_url);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const auto hours = reader.aggregated(p, at(0), at(3600), Resolution::Hour);
        QVERIFY2(hours && hours->size() == 1, qPrintable(reader.lastError()));
        // [0 s, the gap) and [900 s, the last flush at 1195 s): not the 305 s between.
        QCOMPARE(hours->front().coveredMs, (at(595) + 1 - at(0)) + (at(1195) - at(900)));
        QCOMPARE(hours->front().count, qint64(90));

        const std::vector<Point> meter = readRaw(total);
        QCOMPARE(meter.size(), size_t(90));
        QVERIFY(std::all_of(meter.begin(), meter.end(),
                            [](const Point& m) { return m.quality == Quality::Good; }));
        QVERIFY(qAbs(totalDelta(total) - 119.0) < 1e-9); // 0 → 119 m³, the downtime included
    }

    /// A database written by the first release (schema v1) with rows in every table, opened by
    /// this one: every row keeps its values, the schema is brought up to date, and the writer,
    /// the reader and the journal carry on from it.
    void migrationFromVersion1KeepsRows()
    {
        // Schema v1 as pumpwatch-server first wrote it (4752c98, the first release with --db).
        // Frozen here on purpose: schema.cpp's migration 1 must never change, and this is
        // what databases in the field hold.
        static const char* const v1[] = {
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms BIGINT NOT NULL, "
            "description TEXT NOT NULL)",
            "CREATE TABLE series (id {id}, path TEXT NOT NULL UNIQUE, station TEXT NOT NULL, "
            "quantity TEXT NOT NULL, unit TEXT NOT NULL)",
            "CREATE TABLE series_state (series BIGINT NOT NULL PRIMARY KEY, last_ts BIGINT, "
            "last_value DOUBLE PRECISION, last_quality SMALLINT, good_ts BIGINT, "
            "good_value DOUBLE PRECISION, open_hour BIGINT, open_day BIGINT, "
            "hour_extension_ms BIGINT, day_extension_ms BIGINT)",
            "CREATE TABLE samples (series BIGINT NOT NULL, ts BIGINT NOT NULL, "
            "value DOUBLE PRECISION, quality SMALLINT NOT NULL, PRIMARY KEY (series, "
            "ts)){clustered}",
            "CREATE TABLE rollup_hour (series BIGINT NOT NULL, start_ts BIGINT NOT NULL, n BIGINT "
            "NOT NULL, v_min DOUBLE PRECISION, v_max DOUBLE PRECISION, v_avg DOUBLE PRECISION, "
            "covered_ms BIGINT NOT NULL, v_first DOUBLE PRECISION, first_ts BIGINT, v_last DOUBLE "
            "PRECISION, last_ts BIGINT, delta DOUBLE PRECISION, PRIMARY KEY (series, "
            "start_ts)){clustered}",
            "CREATE TABLE rollup_day (series BIGINT NOT NULL, start_ts BIGINT NOT NULL, n BIGINT "
            "NOT NULL, v_min DOUBLE PRECISION, v_max DOUBLE PRECISION, v_avg DOUBLE PRECISION, "
            "covered_ms BIGINT NOT NULL, v_first DOUBLE PRECISION, first_ts BIGINT, v_last DOUBLE "
            "PRECISION, last_ts BIGINT, delta DOUBLE PRECISION, PRIMARY KEY (series, "
            "start_ts)){clustered}",
            "CREATE TABLE rollup_dirty (series BIGINT NOT NULL, from_ts BIGINT NOT NULL, "
            "to_ts BIGINT NOT NULL)",
            "CREATE TABLE alarm_journal (id {id}, station TEXT NOT NULL, tag TEXT NOT NULL, "
            "alarm_type TEXT NOT NULL, severity SMALLINT NOT NULL, start_value DOUBLE PRECISION, "
            "start_ts BIGINT NOT NULL, end_ts BIGINT, end_state TEXT NOT NULL, ack_ts BIGINT, "
            "ack_user TEXT, note TEXT)",
            "CREATE INDEX alarm_journal_start ON alarm_journal (start_ts)",
            "CREATE INDEX alarm_journal_station ON alarm_journal (station, start_ts)",
            "CREATE TABLE audit_log (id {id}, ts BIGINT NOT NULL, user_name TEXT NOT NULL, "
            "action TEXT NOT NULL, target TEXT NOT NULL, old_value TEXT, new_value TEXT, "
            "result TEXT NOT NULL, detail TEXT)",
            "CREATE INDEX audit_log_ts ON audit_log (ts)",
            "CREATE TABLE report_corrections (id {id}, report TEXT NOT NULL, station TEXT NOT "
            "NULL, quantity TEXT NOT NULL, period_start BIGINT NOT NULL, original DOUBLE "
            "PRECISION, corrected DOUBLE PRECISION NOT NULL, user_name TEXT NOT NULL, ts BIGINT "
            "NOT NULL, reason TEXT NOT NULL)",
            "CREATE INDEX report_corrections_period ON report_corrections (report, period_start)",
            "INSERT INTO schema_version (version, applied_ms, description) VALUES (1, 0, 'series, "
            "samples, hourly and daily rollups, alarm journal, audit log, report corrections')",
        };
        const QVariant noDouble(QMetaType::fromType<double>());
        const QVariant noInt(QMetaType::fromType<qint64>());
        const qint64 hour = at(0);
        struct Table {
            const char* name;
            const char* columns;
            const char* order;
            bool bySeries; ///< the first column is a series id
            std::vector<QVariantList> rows;
        };
        // series ids are filled in once the series rows exist: 1001 and 1002 stand for them.
        std::vector<Table> tables = {
            {"samples",
             "series, ts, value, quality",
             "series, ts",
             true,
             {{1001, at(0), 0.35, 1},
              {1001, at(60), 0.36, 1},
              {1001, at(120), noDouble, 4},
              {1002, at(0), 100.5, 1},
              {1002, at(60), 101.25, 1}}},
            {"series_state",
             "series, last_ts, last_value, last_quality, good_ts, good_value, open_hour, "
             "open_day, hour_extension_ms, day_extension_ms",
             "series",
             true,
             {{1001, at(120), noDouble, 4, at(60), 0.36, hour, hour, 0, 0},
              {1002, at(60), 101.25, 1, at(60), 101.25, hour, hour, 0, 0}}},
            {"rollup_hour",
             "series, start_ts, n, v_min, v_max, v_avg, covered_ms, v_first, first_ts, v_last, "
             "last_ts, delta",
             "series, start_ts",
             true,
             {{1001, hour, 2, 0.35, 0.36, 0.355, 120'000, 0.35, at(0), 0.36, at(60), noDouble},
              {1002, hour, 2, 100.5, 101.25, noDouble, 0, 100.5, at(0), 101.25, at(60), 0.75}}},
            {"rollup_day",
             "series, start_ts, n, v_min, v_max, v_avg, covered_ms, v_first, first_ts, v_last, "
             "last_ts, delta",
             "series, start_ts",
             true,
             {{1001, hour, 2, 0.35, 0.36, 0.355, 120'000, 0.35, at(0), 0.36, at(60), noDouble},
              {1002, hour, 2, 100.5, 101.25, noDouble, 0, 100.5, at(0), 101.25, at(60), 0.75}}},
            {"alarm_journal",
             "station, tag, alarm_type, severity, start_value, start_ts, end_ts, end_state, "
             "ack_ts, ack_user, note",
             "start_ts",
             false,
             {{u"S1"_s, u"plc/pressure"_s, u"high"_s, 2, 0.95, at(10), at(70), u"cleared"_s, at(20),
               u"张三"_s, u"出水压力高，已调泵"_s},
              {u"S2"_s, u"plc/level"_s, u"low"_s, 1, noDouble, at(30), noInt, u"active"_s, noInt,
               QVariant(QMetaType::fromType<QString>()),
               QVariant(QMetaType::fromType<QString>())}}},
            {"audit_log",
             "ts, user_name, action, target, old_value, new_value, result, detail",
             "ts",
             false,
             {{at(20), u"张三"_s, u"acknowledge"_s, u"S1/plc/pressure"_s,
               QVariant(QMetaType::fromType<QString>()), QVariant(QMetaType::fromType<QString>()),
               u"ok"_s, u"出水压力高"_s}}},
            {"report_corrections",
             "report, station, quantity, period_start, original, corrected, user_name, ts, reason",
             "period_start",
             false,
             {{u"daily"_s, u"S1"_s, u"totalizer"_s, hour, 0.75, 0.8, u"李四"_s, at(300),
               u"水表更换"_s}}},
            {"rollup_dirty", "series, from_ts, to_ts", "series", true, {}},
        };
        const auto text = [](const QVariant& v) { return v.isNull() ? u"NULL"_s : v.toString(); };

        QString error;
        const Dialect dialect(m_url.engine);
        {
            QSqlDatabase db = dialect.open(m_url, QStringLiteral("migrate-v1"), &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            QSqlQuery q(db);
            for (const char* statement : v1)
                QVERIFY2(q.exec(dialect.sql(QString::fromUtf8(statement))),
                         qPrintable(q.lastError().text()));
            QCOMPARE(Schema::version(db, &error), 1);
            std::map<int, qint64> ids;
            for (const auto& [placeholder, path, quantity, unit] :
                 {std::tuple{1001, u"S1/plc/pressure"_s, u"pressure"_s, u"MPa"_s},
                  std::tuple{1002, u"S1/plc/total"_s, u"totalizer"_s, u"m³"_s}}) {
                q.prepare(u"INSERT INTO series (path, station, quantity, unit) VALUES (?, 'S1', "
                          "?, ?)"_s);
                q.addBindValue(path);
                q.addBindValue(quantity);
                q.addBindValue(unit);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
                QVERIFY(q.exec(u"SELECT id FROM series WHERE path = '%1'"_s.arg(path)) && q.next());
                ids[placeholder] = q.value(0).toLongLong();
            }
            QCOMPARE(m_project.tagPath(tag("S1", "pressure")), u"S1/plc/pressure"_s);
            // A sample committed after the last flush (the writer replays it) and a late
            // sample's pending recompute.
            tables.front().rows.push_back({1002, at(120), 101.5, 1});
            tables.back().rows.push_back({1002, at(120), at(120)});
            for (Table& t : tables) {
                const QStringList columns = QString::fromLatin1(t.columns).split(u", "_s);
                for (QVariantList& row : t.rows) {
                    if (t.bySeries)
                        row[0] = ids[row[0].toInt()];
                    q.prepare(u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(
                        QLatin1StringView(t.name), QLatin1StringView(t.columns),
                        QStringList(columns.size(), u"?"_s).join(u", "_s)));
                    for (const QVariant& v : row)
                        q.addBindValue(v);
                    QVERIFY2(q.exec(), qPrintable(QLatin1StringView(t.name) + u": "_s +
                                                  q.lastError().text()));
                }
            }

            QVERIFY2(Schema::migrate(db, dialect, at(1000), &error), qPrintable(error));
            QCOMPARE(Schema::version(db, &error), Schema::latestVersion());
            for (const Table& t : tables) {
                QVERIFY2(q.exec(u"SELECT %1 FROM %2 ORDER BY %3"_s.arg(QLatin1StringView(t.columns),
                                                                       QLatin1StringView(t.name),
                                                                       QLatin1StringView(t.order))),
                         qPrintable(q.lastError().text()));
                size_t n = 0;
                while (q.next()) {
                    QVERIFY2(n < t.rows.size(), t.name);
                    for (int c = 0; c < int(t.rows[n].size()); ++c)
                        QVERIFY2(text(q.value(c)) == text(t.rows[n][c]),
                                 qPrintable(u"%1 row %2 column %3: %4, expected %5"_s
                                                .arg(QLatin1StringView(t.name))
                                                .arg(n)
                                                .arg(c)
                                                .arg(text(q.value(c)), text(t.rows[n][c]))));
                    ++n;
                }
                QVERIFY2(n == t.rows.size(), t.name);
            }
            // The columns of v2 and v3, empty in the rows written before them.
            QVERIFY2(q.exec(u"SELECT station_name, tag_name, unit, detail, ack_login FROM "
                            "alarm_journal"_s),
                     qPrintable(q.lastError().text()));
            while (q.next()) {
                for (int c = 0; c < 5; ++c)
                    QVERIFY(q.value(c).isNull());
            }
            QVERIFY2(q.exec(u"SELECT login FROM audit_log"_s), qPrintable(q.lastError().text()));
            QVERIFY(q.next() && q.value(0).isNull());
            q.finish();
            db = QSqlDatabase();
            Dialect::close(QStringLiteral("migrate-v1"));
        }

        // What the program reads from it.
        AlarmJournal journal(m_url);
        QVERIFY2(journal.open(&error), qPrintable(error));
        const auto records = journal.list({at(0), at(3600), {}, false}, &error);
        QVERIFY2(records, qPrintable(error));
        QCOMPARE(records->size(), 2u);
        // Newest first.
        const JournalRow& high = records->back();
        QCOMPARE(high.station, u"S1"_s);
        QCOMPARE(high.ackUser, u"张三"_s);
        QCOMPARE(high.note, u"出水压力高，已调泵"_s);
        QCOMPARE(high.value, std::optional(0.95));
        QCOMPARE(high.endMs, std::optional(at(70)));
        QVERIFY(!records->front().endMs);
        QVERIFY(!records->front().value);
        const TagId p = tag("S1", "pressure");
        {
            HistoryReader reader(m_project, m_url);
            QVERIFY2(reader.open(&error), qPrintable(error));
            const auto raw = reader.raw(p, 0, std::numeric_limits<qint64>::max());
            QVERIFY(raw && raw->size() == 3);
            QVERIFY(raw->at(1) == (Point{at(60), 0.36, Quality::Good}));
            QCOMPARE(raw->at(2).quality, Quality::BadCommFailure);
            const auto hours = reader.aggregated(p, at(0), at(3600), Resolution::Hour);
            QVERIFY(hours && hours->size() == 1);
            QVERIFY(qAbs(hours->front().average().value_or(0) - 0.355) < 1e-12);
            QCOMPARE(hours->front().coveredMs, qint64(120'000));
        }
        // The writer carries on from the v1 state: the open hour goes on from its two samples.
        ManualClock clock(at(185));
        {
            HistoryWriter w(m_project, clock, m_options);
            QVERIFY(w.open());
            const Sample next{at(180), 0.37, p, Quality::Good, false};
            w.write(std::span(&next, 1));
            QVERIFY(w.flush());
        }
        HistoryReader reader(m_project, m_url);
        QVERIFY2(reader.open(&error), qPrintable(error));
        const auto hours = reader.aggregated(p, at(0), at(3600), Resolution::Hour);
        QVERIFY(hours && hours->size() == 1);
        QCOMPARE(hours->front().count, qint64(3));
        QCOMPARE(hours->front().min, 0.35);
        QCOMPARE(hours->front().max, 0.37);
        QCOMPARE(hours->front().coveredMs, qint64(120'000 + 5'000)); // + 0.37 until the flush
    }

    /// Migration 3 keeps the rows a version-2 database holds (their login names unknown) and
    /// from then on the journal and the audit log carry the login next to the display name,
    /// which two users may share.
    void migrationAddsLoginNamesAndKeepsRows()
    {
        QString error;
        const Dialect dialect(m_url.engine);
        {
            QSqlDatabase db = dialect.open(m_url, QStringLiteral("migrate-test"), &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            QVERIFY2(Schema::migrate(db, dialect, 0, &error, 2), qPrintable(error));
            QCOMPARE(Schema::version(db, &error), 2);
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO alarm_journal (station, tag, alarm_type, severity, "
                         "start_ts, end_state, ack_ts, ack_user) VALUES ('S1', 'p/x', 'high', 1, "
                         "10, 'active', 20, '张三')")),
                     qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO audit_log (ts, user_name, action, target, "
                                           "result) VALUES (30, '张三', 'shelve', 'S1/p/x', "
                                           "'ok')")),
                     qPrintable(q.lastError().text()));
            QVERIFY2(Schema::migrate(db, dialect, 0, &error), qPrintable(error));
            QCOMPARE(Schema::version(db, &error), Schema::latestVersion());
            QVERIFY(q.exec(QStringLiteral("SELECT user_name, login FROM audit_log")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("张三"));
            QVERIFY(q.value(1).isNull());
            db = QSqlDatabase();
            Dialect::close(QStringLiteral("migrate-test"));
        }
        AlarmJournal journal(m_url);
        QVERIFY2(journal.open(&error), qPrintable(error));
        auto rows = journal.list({0, 100, {}, false}, &error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), 1u);
        QCOMPARE(rows->front().ackUser, QStringLiteral("张三"));
        QCOMPARE(rows->front().ackLogin, QString());

        // Two users called 张三: the rows tell them apart by login.
        ManualClock clock(at(0));
        HistoryWriter w(m_project, clock, m_options);
        QVERIFY(w.open());
        JournalEntry open;
        open.key = 7;
        open.station = QStringLiteral("S1");
        open.tag = QStringLiteral("p/y");
        open.type = QStringLiteral("high");
        open.startMs = at(10);
        open.endState = QStringLiteral("active");
        JournalEntry ack = open;
        ack.kind = JournalEntry::Acknowledge;
        ack.ackMs = at(20);
        ack.ackUser = QStringLiteral("张三");
        ack.ackLogin = QStringLiteral("zhangsan2");
        AuditEntry audit;
        audit.ms = at(30);
        audit.user = QStringLiteral("张三");
        audit.login = QStringLiteral("zhangsan2");
        audit.action = QStringLiteral("silence");
        audit.target = QStringLiteral("alarm-horn");
        audit.result = QStringLiteral("ok");
        w.journal(std::vector{open, ack}, std::vector{audit});
        QCOMPARE(w.journalPending(), 0);
        rows = journal.list({at(0), at(3600), {}, false}, &error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), 1u);
        QCOMPARE(rows->front().ackLogin, QStringLiteral("zhangsan2"));
        QSqlDatabase db = dialect.open(m_url, QStringLiteral("migrate-read"), &error);
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT user_name, login FROM audit_log WHERE action = "
                                          "'silence'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("张三"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("zhangsan2"));
        }
        db = QSqlDatabase();
        Dialect::close(QStringLiteral("migrate-read"));
    }

    void refusesANewerSchema()
    {
        QString error;
        const Dialect dialect(m_url.engine);
        QSqlDatabase db = dialect.open(m_url, QStringLiteral("schema-test"), &error);
        QVERIFY2(db.isValid(), qPrintable(error));
        QVERIFY2(Schema::migrate(db, dialect, 0, &error), qPrintable(error));
        QVERIFY2(Schema::migrate(db, dialect, 0, &error), qPrintable(error)); // idempotent
        QSqlQuery(db).exec(QStringLiteral("INSERT INTO schema_version VALUES (99, 0, 'future')"));
        QVERIFY(!Schema::migrate(db, dialect, 0, &error));
        QVERIFY2(error.contains(u"99"), qPrintable(error));
        db = QSqlDatabase();
        Dialect::close(QStringLiteral("schema-test"));
    }
};

QTEST_GUILESS_MAIN(tst_History)
#include "tst_history.moc"
