// History, as ratios against baselines measured in the same run:
//  1. SQLite ingest: HistoryWriter (deadband, rollups, multi-row upserts through Qt Sql) against
//     a bare sqlite3 C-API prepared-statement loop on the same samples table, same pragmas,
//     same batches (one transaction each).
//  2. PostgreSQL ingest: HistoryWriter's batches against one row per transaction, on a
//     throwaway cluster (fsync on, as in production).
//  3. A day's report for every station (24 hourly averages of one quantity): from the hourly
//     rollups against GROUP BY over the raw samples, one query per station either way.
// Only fails when the work fails; the numbers go to docs/performance.md.
#include "../common/pgcluster.h"
#include "benchmachine.h"

#include <core/clock.h>
#include <history/historyreader.h>
#include <history/historywriter.h>
#include <sim/citygenerator.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <sqlite3.h>

using namespace PumpWatch;
using namespace PumpWatch::History;

namespace {

constexpr qint64 Day0 = 1'795'190'400'000; // 2026-11-20 00:00 +08:00

/// `rounds` seconds of the whole city, every value changing beyond its deadband.
std::vector<std::vector<Sample>> cityBatches(const Project& p, int rounds, qint64 startMs)
{
    std::vector<std::vector<Sample>> batches;
    for (int r = 0; r < rounds; ++r) {
        std::vector<Sample> b;
        b.reserve(p.tagCount());
        for (TagId t = 0; t < p.tagCount(); ++t)
            b.push_back({startMs + r * 1000, 1000.0 * r + 1e-3 * t, t, Quality::Good, false});
        batches.push_back(std::move(b));
    }
    return batches;
}

HistoryOptions options(const DatabaseUrl& url, const QString& spool)
{
    HistoryOptions o;
    o.database = url;
    o.spoolDirectory = spool;
    return o;
}

/// Samples per second through HistoryWriter, three ways: the writes alone; with the rollups
/// flushed once a minute as in service (HistoryOptions::rollupFlushMs: once per 60 one-second
/// batches of the city); and with one flush after this run's few batches (the worst case).
struct WriterRates {
    double writes = 0;
    double sustained = 0;
    double flushAfterRun = 0;
};

WriterRates writerRate(const Project& p, const DatabaseUrl& url, const QString& spool,
                       const std::vector<std::vector<Sample>>& batches, qint64* stored)
{
    ManualClock clock(Day0);
    HistoryWriter w(p, clock, options(url, spool));
    if (!w.open()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(url.display()),
                     qPrintable(w.stats().lastError));
        return {};
    }
    QElapsedTimer timer;
    timer.start();
    qint64 n = 0;
    for (const auto& b : batches) {
        w.write(b);
        n += qint64(b.size());
    }
    const double writeSeconds = double(timer.nsecsElapsed()) / 1e9;
    w.flush();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    // In service the open rollups are flushed once a minute (HistoryOptions::rollupFlushMs),
    // i.e. once per 60 one-second batches of the city.
    const double perBatch = writeSeconds / double(batches.size());
    const double sustained =
        double(n) / double(batches.size()) * 60 / (60 * perBatch + (seconds - writeSeconds));
    std::printf("  writes %.2f s (%.0f samples/s), one rollup flush of every series %.2f s;\n"
                "  at one flush per 60 batches: %.0f samples/s\n",
                writeSeconds, double(n) / writeSeconds, seconds - writeSeconds, sustained);
    *stored = w.stats().stored;
    return {double(n) / writeSeconds, sustained, double(n) / seconds};
}

bool exec(sqlite3* db, const char* sql)
{
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite3: %s\n", error);
        sqlite3_free(error);
        return false;
    }
    return true;
}

/// The baseline: the samples table alone, one prepared INSERT per row, one transaction per batch.
double bareSqliteRate(const QString& path, const std::vector<std::vector<Sample>>& batches)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return 0;
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA synchronous=NORMAL");
    exec(db, "PRAGMA cache_size=-65536");
    exec(db, "CREATE TABLE samples (series BIGINT NOT NULL, ts BIGINT NOT NULL, value DOUBLE "
             "PRECISION, quality SMALLINT NOT NULL, PRIMARY KEY (series, ts)) WITHOUT ROWID");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO samples (series, ts, value, quality) VALUES (?, ?, ?, ?) ON "
                       "CONFLICT (series, ts) DO UPDATE SET value = excluded.value, quality = "
                       "excluded.quality",
                       -1, &insert, nullptr);
    QElapsedTimer timer;
    timer.start();
    qint64 n = 0;
    for (const auto& b : batches) {
        exec(db, "BEGIN");
        for (const Sample& s : b) {
            sqlite3_bind_int64(insert, 1, s.tag + 1);
            sqlite3_bind_int64(insert, 2, s.timestampMs);
            sqlite3_bind_double(insert, 3, s.value);
            sqlite3_bind_int(insert, 4, int(s.quality));
            sqlite3_step(insert);
            sqlite3_reset(insert);
        }
        exec(db, "COMMIT");
        n += qint64(b.size());
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return double(n) / seconds;
}

/// The PostgreSQL baseline: one INSERT per transaction (autocommit), prepared once.
double rowPerTransactionRate(const DatabaseUrl& url, const std::vector<Sample>& samples)
{
    const QString name = QStringLiteral("bench-row-per-txn");
    double rate = 0;
    {
        QString error;
        QSqlDatabase db = Dialect(url.engine).open(url, name, &error);
        QSqlQuery q(db);
        q.exec(QStringLiteral("CREATE TABLE row_per_txn (series BIGINT NOT NULL, ts BIGINT NOT "
                              "NULL, value DOUBLE PRECISION, quality SMALLINT NOT NULL, PRIMARY "
                              "KEY (series, ts))"));
        q.prepare(QStringLiteral("INSERT INTO row_per_txn VALUES (?, ?, ?, ?)"));
        QElapsedTimer timer;
        timer.start();
        for (const Sample& s : samples) {
            q.bindValue(0, qint64(s.tag));
            q.bindValue(1, s.timestampMs);
            q.bindValue(2, s.value);
            q.bindValue(3, int(s.quality));
            if (!q.exec())
                return 0;
        }
        rate = double(samples.size()) / (double(timer.nsecsElapsed()) / 1e9);
    }
    Dialect::close(name);
    return rate;
}

struct ReportTimes {
    double rollupMs = 0;
    double rawMs = 0;
    double checksum = 0; ///< the same from both, or the comparison means nothing
    double rawChecksum = 0;
};

/// 24 hourly averages of every station's outlet pressure for one day.
ReportTimes reportDay(const Project& p, const DatabaseUrl& url, const std::vector<TagId>& tags)
{
    ReportTimes t;
    HistoryReader reader(p, url);
    QString error;
    if (!reader.open(&error))
        return t;
    const qint64 from = Day0;
    const qint64 to = Day0 + 86'400'000;
    QElapsedTimer timer;
    timer.start();
    const auto rows = reader.aggregated(tags, from, to, Resolution::Hour);
    for (const auto& station : rows.value_or(std::vector<std::vector<RollupRow>>{}))
        for (const RollupRow& r : station)
            t.checksum += r.average().value_or(0);
    t.rollupMs = double(timer.nsecsElapsed()) / 1e6;

    const QString name = QStringLiteral("bench-report-raw");
    {
        QSqlDatabase db = Dialect(url.engine).open(url, name, &error);
        // The same few queries, grouping the raw samples instead of reading the rollups.
        std::vector<qint64> ids;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.exec(QStringLiteral("SELECT id, path FROM series"));
        QHash<QString, qint64> idOf;
        while (q.next())
            idOf.insert(q.value(1).toString(), q.value(0).toLongLong());
        for (const TagId tag : tags)
            ids.push_back(idOf.value(p.tagPath(tag)));
        timer.restart();
        for (size_t at = 0; at < ids.size(); at += 500) {
            const size_t n = std::min<size_t>(500, ids.size() - at);
            QString in;
            for (size_t i = 0; i < n; ++i)
                in += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
            q.prepare(QStringLiteral("SELECT series, (ts - ?) / 3600000 AS h, AVG(value) FROM "
                                     "samples WHERE series IN (%1) AND ts >= ? AND ts < ? AND "
                                     "quality IN (1, 2) GROUP BY series, h ORDER BY series, h")
                          .arg(in));
            q.addBindValue(from);
            for (size_t i = 0; i < n; ++i)
                q.addBindValue(ids[at + i]);
            q.addBindValue(from);
            q.addBindValue(to);
            q.exec();
            while (q.next())
                t.rawChecksum += q.value(2).toDouble();
        }
        t.rawMs = double(timer.nsecsElapsed()) / 1e6;
    }
    Dialect::close(name);
    return t;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    int stations = 2000;
    int rounds = 4;
    bool postgres = true;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--stations" && i + 1 < args.size())
            stations = args[++i].toInt();
        else if (args[i] == u"--rounds" && i + 1 < args.size())
            rounds = args[++i].toInt();
        else if (args[i] == u"--no-postgres")
            postgres = false;
    }
    Sim::CityOptions city;
    city.stations = stations;
    Project p = Sim::CityGenerator::generate(city);
    // Every sample stored, so that both sides of each comparison do the same work.
    for (StationTemplate& t : p.templates)
        for (TagDef& d : t.tags)
            d.historyDeadband = 0;
    for (Station& s : p.stations)
        for (StationTag& t : s.tags)
            t.def.historyDeadband = 0;
    p.reindex();
    QTemporaryDir dir;
    QString error;
    std::printf("history benchmark: %d stations, %u tags\n", stations, p.tagCount());

    // 1. SQLite ingest.
    const auto batches = cityBatches(p, rounds, Day0 + 8 * 3'600'000);
    const auto url = *DatabaseUrl::parse(
        QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("h.db")), &error);
    const double bare = bareSqliteRate(dir.filePath(QStringLiteral("bare.db")), batches);
    qint64 stored = 0;
    const WriterRates ours =
        writerRate(p, url, dir.filePath(QStringLiteral("spool")), batches, &stored);
    std::printf("sqlite ingest: %zu batches of %u samples\n", batches.size(), p.tagCount());
    std::printf("  bare sqlite3 prepared loop         : %9.0f samples/s\n", bare);
    std::printf("  HistoryWriter, writes alone        : %9.0f samples/s  = %.0f%% of bare\n",
                ours.writes, 100 * ours.writes / bare);
    std::printf("  HistoryWriter, flush once a minute : %9.0f samples/s  = %.0f%% of bare\n",
                ours.sustained, 100 * ours.sustained / bare);
    std::printf("  HistoryWriter, flush after %-7zu : %9.0f samples/s  = %.0f%% of bare\n",
                batches.size(), ours.flushAfterRun, 100 * ours.flushAfterRun / bare);
    if (stored != qint64(batches.size()) * p.tagCount()) {
        std::fprintf(stderr, "stored %lld of %lld\n", stored,
                     qint64(batches.size()) * p.tagCount());
        return 1;
    }

    // 3. A day's report from rollups vs raw: outlet pressure every 60 s for a day.
    std::vector<TagId> pressure;
    for (const Station& s : p.stations)
        pressure.push_back(p.findTag(s.id, s.devices.front().id, u"outlet_pressure"));
    {
        const auto dayUrl = *DatabaseUrl::parse(
            QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("day.db")), &error);
        ManualClock clock(Day0);
        HistoryWriter w(p, clock, options(dayUrl, dir.filePath(QStringLiteral("spool2"))));
        if (!w.open())
            return 1;
        QElapsedTimer timer;
        timer.start();
        std::vector<Sample> b;
        for (int minute = 0; minute <= 1440; ++minute) {
            for (size_t i = 0; i < pressure.size(); ++i)
                b.push_back({Day0 + minute * 60'000LL,
                             0.3 + 0.05 * std::sin(minute / 60.0 + double(i)), pressure[i],
                             Quality::Good, false});
            if (minute % 10 == 9) { // ten minutes per batch
                w.write(b);
                b.clear();
            }
        }
        w.write(b);
        w.flush();
        std::printf("report day: %lld raw samples written in %.1f s\n", w.stats().stored,
                    double(timer.elapsed()) / 1000);
        const ReportTimes t = reportDay(p, dayUrl, pressure);
        std::printf("  %zu stations x 24 h from rollups: %8.1f ms\n", pressure.size(), t.rollupMs);
        std::printf("  %zu stations x 24 h from raw    : %8.1f ms  -> rollups %.0fx faster\n",
                    pressure.size(), t.rawMs, t.rawMs / t.rollupMs);
        if (std::abs(t.checksum - t.rawChecksum) > 1e-6 * std::abs(t.rawChecksum)) {
            std::fprintf(stderr, "report sums differ: %.9f vs %.9f\n", t.checksum, t.rawChecksum);
            return 1;
        }
    }

    // 2. PostgreSQL: batched vs one row per transaction.
    if (postgres) {
        PgCluster pg;
        if (!pg.start(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        const auto pgUrl = *DatabaseUrl::parse(pg.url(), &error);
        const WriterRates batched =
            writerRate(p, pgUrl, dir.filePath(QStringLiteral("spool3")), batches, &stored);
        std::vector<Sample> few(batches.front().begin(), batches.front().begin() + 3000);
        const double rowPerTxn = rowPerTransactionRate(pgUrl, few);
        std::printf("postgresql ingest (fsync on):\n");
        std::printf("  one row per transaction            : %9.0f samples/s\n", rowPerTxn);
        std::printf("  HistoryWriter, writes alone        : %9.0f samples/s  = %.0fx\n",
                    batched.writes, batched.writes / rowPerTxn);
        std::printf("  HistoryWriter, flush once a minute : %9.0f samples/s  = %.0fx\n",
                    batched.sustained, batched.sustained / rowPerTxn);
        std::printf("  HistoryWriter, flush after %-7zu : %9.0f samples/s  = %.0fx\n",
                    batches.size(), batched.flushAfterRun, batched.flushAfterRun / rowPerTxn);
        if (batched.flushAfterRun <= 0 || rowPerTxn <= 0)
            return 1;
    }
    return 0;
}
