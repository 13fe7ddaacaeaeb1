// Reports, from a SQLite history of a generated city (docs/performance.md § Reports):
//  1. 综合日报 (ReportBuilder::daily) of outlet pressure for one production day (08:00–08:00),
//     every station: from the hourly rollups, against the same numbers computed from the raw
//     samples (hourly time-weighted averages with the rollups' hold rule, max and min) read with
//     the same IN-list queries; both must agree. One stored sample a minute per station, written
//     through HistoryWriter, so the rollups are the writer's own.
//  2. 产水量报表 of a month (ReportBuilder::production): the wall time, and its parts — the
//     meters' rows (HistoryReader::counterHours), CounterVolume, the rest (series state, the
//     report store, the layout). A month of hourly rollups of every station's outlet totalizer,
//     from a reading every 5 minutes through History::SeriesRollup and inserted directly; one
//     station in twenty has something to flag (a comm gap, a rollover, a reset, reverse flow,
//     a meter that stopped). Against every hour's full row (HistoryReader::aggregated), which
//     must give the same buckets.
// Times are medians of --runs, wall clock and this process's CPU time. --postgres runs the same
// on a throwaway PostgreSQL cluster (where the database sums the meters' hours), for the check.
// Only fails when the work fails or the two sides disagree; the numbers go to
// docs/performance.md.
#include "../common/pgcluster.h"
#include "benchmachine.h"
#include "metermonth.h"

#include <core/clock.h>
#include <history/calendar.h>
#include <history/historyreader.h>
#include <history/historywriter.h>
#include <history/rollup.h>
#include <reports/countervolume.h>
#include <reports/reportbuilder.h>
#include <sim/citygenerator.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <numbers>
#include <sqlite3.h>

using namespace PumpWatch;
using namespace PumpWatch::History;
using namespace PumpWatch::Reports;

namespace {

constexpr qint64 MinuteMs = 60'000;
constexpr qint64 HourMs = 3'600'000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr int DayStart = 480; // the production day starts at 08:00

/// Milliseconds of `runs` calls of f, medians: wall clock, and this process's CPU time (on a
/// shared machine the wall clock waits for the other engineers' work too).
struct Timing {
    double wall = 0;
    double cpu = 0;
    Timing operator-(const Timing& o) const { return {wall - o.wall, cpu - o.cpu}; }
};

Timing timeMs(int runs, const std::function<void()>& f)
{
    std::vector<double> wall;
    std::vector<double> cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double c = Bench::processCpuMs();
        t.start();
        f();
        wall.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back(Bench::processCpuMs() - c);
    }
    return {Bench::median(wall), Bench::median(cpu)};
}

qint64 localMs(QDate day, int hour, int minute, const QTimeZone& zone)
{
    return QDateTime(day, QTime(hour, minute), zone).toMSecsSinceEpoch();
}

/// Outlet pressure of station i at minute m of the day; stations i % 100 == 7 are silent from
/// 09:10 to 10:20, i % 100 == 17 read bad quality from 14:00 to 14:45.
std::optional<Sample> pressureAt(int i, int minute, qint64 dayFrom, TagId tag)
{
    if (i % 100 == 7 && minute > 70 && minute < 140)
        return std::nullopt;
    const bool bad = i % 100 == 17 && minute >= 360 && minute < 405;
    const double v = 0.30 + 0.05 * std::sin(minute / 90.0 + i) + 0.002 * ((minute * 7 + i) % 5);
    return Sample{dayFrom + minute * MinuteMs, v, tag,
                  bad ? Quality::BadCommFailure : Quality::Good, false};
}

/// The day from the raw samples: per series 24 hourly time-weighted averages (a good sample's
/// value holds until the next sample, at most holdMs) and the hours' max and min.
struct RawHour {
    double integral = 0;
    qint64 coveredMs = 0;
    int count = 0;
    double min = 0;
    double max = 0;
};

/// One series' samples, in time order, into its hours.
struct RawAccumulator {
    qint64 from = 0;
    qint64 to = 0;
    qint64 holdMs = 0;
    std::vector<RawHour>* hours = nullptr;
    qint64 prevTs = 0;
    double prevValue = 0;
    bool prevGood = false;

    void start(std::vector<RawHour>* h)
    {
        hours = h;
        prevGood = false;
    }
    void add(qint64 ts, double value, bool good)
    {
        if (prevGood) {
            // prevValue holds over [prevTs, end), cut at the hours.
            const qint64 end = std::min(ts, prevTs + holdMs);
            for (qint64 a = std::max(prevTs, from); a < std::min(end, to);) {
                const qint64 h = (a - from) / HourMs;
                const qint64 b = std::min({end, to, from + (h + 1) * HourMs});
                (*hours)[h].integral += prevValue * double(b - a);
                (*hours)[h].coveredMs += b - a;
                a = b;
            }
        }
        if (good && ts >= from && ts < to) {
            RawHour& h = (*hours)[(ts - from) / HourMs];
            h.min = h.count == 0 ? value : std::min(h.min, value);
            h.max = h.count == 0 ? value : std::max(h.max, value);
            ++h.count;
        }
        prevTs = ts;
        prevValue = value;
        prevGood = good;
    }
};

/// Through Qt Sql, 500 series per query, as HistoryReader::aggregated reads rollups. The samples
/// from holdMs before the day (the one before holds into it) to the one at its end (which closes
/// the last hour).
std::vector<std::vector<RawHour>> rawDay(QSqlDatabase& db, const std::vector<qint64>& ids,
                                         qint64 from, qint64 to, qint64 holdMs)
{
    std::vector<std::vector<RawHour>> out(ids.size(), std::vector<RawHour>((to - from) / HourMs));
    RawAccumulator acc{from, to, holdMs};
    QSqlQuery q(db);
    q.setForwardOnly(true);
    for (size_t at = 0; at < ids.size(); at += 500) {
        const size_t n = std::min<size_t>(500, ids.size() - at);
        QString in;
        for (size_t i = 0; i < n; ++i)
            in += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
        q.prepare(QStringLiteral("SELECT series, ts, value, quality FROM samples WHERE series IN "
                                 "(%1) AND ts >= ? AND ts < ? ORDER BY series, ts")
                      .arg(in));
        for (size_t i = 0; i < n; ++i)
            q.addBindValue(ids[at + i]);
        q.addBindValue(from - holdMs);
        q.addBindValue(to + 1);
        if (!q.exec()) {
            std::fprintf(stderr, "raw: %s\n", qPrintable(q.lastError().text()));
            return {};
        }
        QHash<qint64, size_t> indexOf;
        for (size_t i = 0; i < n; ++i)
            indexOf.insert(ids[at + i], at + i);
        qint64 series = -1;
        while (q.next()) {
            const qint64 s = q.value(0).toLongLong();
            if (s != series) {
                series = s;
                acc.start(&out[indexOf.value(s)]);
            }
            const int quality = q.value(3).toInt();
            acc.add(q.value(1).toLongLong(), q.value(2).toDouble(),
                    (quality == 1 || quality == 2) && !q.isNull(2));
        }
    }
    return out;
}

/// The same through SQLite's own API (as HistoryReader reads the rollups on SQLite): one
/// prepared statement, series by series.
std::vector<std::vector<RawHour>> rawDaySqlite(QSqlDatabase& db, const std::vector<qint64>& ids,
                                               qint64 from, qint64 to, qint64 holdMs)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return {};
    sqlite3* c = *static_cast<sqlite3* const*>(handle.constData());
    std::vector<std::vector<RawHour>> out(ids.size(), std::vector<RawHour>((to - from) / HourMs));
    RawAccumulator acc{from, to, holdMs};
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(c,
                           "SELECT ts, value, quality FROM samples WHERE series = ?1 AND ts >= ?2 "
                           "AND ts < ?3 ORDER BY ts",
                           -1, &st, nullptr) != SQLITE_OK)
        return {};
    for (size_t i = 0; i < ids.size(); ++i) {
        sqlite3_bind_int64(st, 1, ids[i]);
        sqlite3_bind_int64(st, 2, from - holdMs);
        sqlite3_bind_int64(st, 3, to + 1);
        acc.start(&out[i]);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const int quality = sqlite3_column_int(st, 2);
            acc.add(sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1),
                    (quality == 1 || quality == 2) && sqlite3_column_type(st, 1) != SQLITE_NULL);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return out;
}

/// Compares the report's cells (hours, max, min, average) with the raw computation; the
/// number of cells that differ.
int compareDaily(const Report& r, const std::vector<std::vector<RawHour>>& raw)
{
    int differ = 0;
    const auto same = [&](const Cell& c, std::optional<double> v) {
        const bool ok = c.value.has_value() == v.has_value() &&
                        (!v || std::abs(*c.value - *v) <= 1e-9 * std::max(1.0, std::abs(*v)));
        if (!ok && differ++ < 5)
            std::fprintf(stderr, "daily cell differs: report %s, raw %s\n",
                         c.value ? qPrintable(QString::number(*c.value, 'g', 12)) : "blank",
                         v ? qPrintable(QString::number(*v, 'g', 12)) : "blank");
    };
    for (size_t i = 0; i < raw.size(); ++i) {
        const std::vector<Cell>& cells = r.rows[r.headerRows + i];
        double integral = 0;
        qint64 covered = 0;
        int count = 0;
        double mn = 0;
        double mx = 0;
        for (size_t h = 0; h < raw[i].size(); ++h) {
            const RawHour& x = raw[i][h];
            if (x.coveredMs <= 0) {
                same(cells[1 + h], std::nullopt);
                continue;
            }
            same(cells[1 + h], x.integral / double(x.coveredMs));
            integral += x.integral;
            covered += x.coveredMs;
            if (x.count > 0) {
                mn = count == 0 ? x.min : std::min(mn, x.min);
                mx = count == 0 ? x.max : std::max(mx, x.max);
                count += x.count;
            }
        }
        const size_t at = 1 + raw[i].size();
        same(cells[at], count ? std::optional(mx) : std::nullopt);
        same(cells[at + 1], count ? std::optional(mn) : std::nullopt);
        same(cells[at + 2], covered ? std::optional(integral / double(covered)) : std::nullopt);
    }
    return differ;
}

bool sameBuckets(const std::vector<CounterBucket>& a, const std::vector<CounterBucket>& b,
                 int* differ)
{
    bool ok = a.size() == b.size();
    for (size_t k = 0; ok && k < a.size(); ++k) {
        const bool same = a[k].value.has_value() == b[k].value.has_value() &&
                          (!a[k].value || std::abs(*a[k].value - *b[k].value) <=
                                              1e-9 * std::max(1.0, std::abs(*a[k].value))) &&
                          a[k].flags == b[k].flags && a[k].comment == b[k].comment;
        if (!same && (*differ)++ < 5)
            std::fprintf(stderr, "bucket %zu differs: %s %x '%s' vs %s %x '%s'\n", k,
                         a[k].value ? qPrintable(QString::number(*a[k].value, 'f', 6)) : "blank",
                         unsigned(a[k].flags.toInt()), qPrintable(a[k].comment),
                         b[k].value ? qPrintable(QString::number(*b[k].value, 'f', 6)) : "blank",
                         unsigned(b[k].flags.toInt()), qPrintable(b[k].comment));
        ok = ok && same;
    }
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    int stations = 2000;
    int runs = 5;
    bool postgres = false;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--stations" && i + 1 < args.size())
            stations = args[++i].toInt();
        else if (args[i] == u"--runs" && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == u"--postgres")
            postgres = true;
    }
    Sim::CityOptions city;
    city.stations = stations;
    Project p = Sim::CityGenerator::generate(city);
    p.reports.dayStartMinute = DayStart;
    const double rollover = 1e6;
    // Every pressure sample stored (one a minute), and a modulus on the meters that roll over.
    for (StationTemplate& t : p.templates)
        for (TagDef& d : t.tags)
            d.historyDeadband = 0;
    for (size_t i = 0; i < p.stations.size(); ++i) {
        for (StationTag& t : p.stations[i].tags) {
            t.def.historyDeadband = 0;
            if (i % 100 == 13 && t.def.key == u"outlet_total")
                t.def.rollover = rollover;
        }
    }
    p.reindex();
    const QTimeZone zone(p.timeZone.toUtf8());
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("history.db"));
    PgCluster pg;
    if (postgres && !pg.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const auto url =
        *DatabaseUrl::parse(postgres ? pg.url() : QStringLiteral("sqlite:") + path, &error);

    // The production day 2026-11-20 08:00 → 11-21 08:00 of outlet pressure, a sample a minute.
    const QDate day(2026, 11, 20);
    const qint64 dayFrom = localMs(day, 8, 0, zone);
    const qint64 dayTo = dayFrom + DayMs;
    HistoryOptions options;
    options.database = url;
    options.spoolDirectory = dir.filePath(QStringLiteral("spool"));
    const qint64 holdMs = options.effectiveHoldLimitMs();
    std::vector<TagId> pressure;
    std::vector<TagId> meters;
    {
        HistoryReader unopened(p, url);
        const ReportBuilder tagsOf(p, unopened);
        pressure = tagsOf.stationTags(QStringLiteral("outlet_pressure"));
        meters = tagsOf.stationTags(p.reports.productionTag);
    }
    qint64 rawRows = 0;
    {
        ManualClock clock(dayTo + HourMs);
        HistoryWriter w(p, clock, options);
        if (!w.open()) {
            std::fprintf(stderr, "cannot open %s\n", qPrintable(url.display()));
            return 1;
        }
        QElapsedTimer timer;
        timer.start();
        std::vector<Sample> b;
        for (int minute = 0; minute <= 1440; ++minute) {
            for (size_t i = 0; i < pressure.size(); ++i) {
                if (const auto s = pressureAt(int(i), minute, dayFrom, pressure[i]))
                    b.push_back(*s);
            }
            if (minute % 10 == 9) {
                w.write(b);
                b.clear();
            }
        }
        w.write(b);
        if (!w.flush()) {
            std::fprintf(stderr, "flush: %s\n", qPrintable(w.stats().lastError));
            return 1;
        }
        rawRows = w.stats().stored;
        std::printf("reports benchmark: %d stations; history in %s in a temporary folder\n",
                    stations, postgres ? "a PostgreSQL cluster" : "a SQLite file");
        std::printf("  the day: %lld raw samples of outlet pressure (one a minute per station, "
                    "08:00-08:00) through HistoryWriter, %.1f s\n",
                    rawRows, double(timer.elapsed()) / 1000);
    }

    // A month (2026-11, production days from 08:00) of the meters' hourly rollups: from
    // 11-01 00:00 to 12-02 10:00 (the hour before the month and the day after it are read too).
    const QDate monthDay(2026, 11, 1);
    const qint64 monthStart = localMs(monthDay, 0, 0, zone);
    const qint64 meterTo = localMs(QDate(2026, 12, 2), 10, 0, zone);
    const qint64 nowMs = meterTo;
    qint64 meterRows = 0;
    {
        QElapsedTimer timer;
        timer.start();
        meterRows = Bench::writeMeterMonth(p, url, meters, monthStart, meterTo, holdMs, zone,
                                           rollover, &error);
        if (meterRows < 0) {
            std::fprintf(stderr, "meters: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("  the month: %lld hourly rollup rows of the outlet totalizer (a reading every "
                    "5 min through SeriesRollup, inserted directly; 1 station in 20 with a gap, "
                    "rollover, reset, reverse flow or a stopped meter), %.1f s\n",
                    meterRows, double(timer.elapsed()) / 1000);
    }

    HistoryReader reader(p, url);
    if (!reader.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    ReportBuilder builder(p, reader);
    ReportOptions ro;
    ro.nowMs = nowMs;
    std::printf("load average before the measurements: %s", qPrintable(QString::fromLatin1([] {
                    QFile f(QStringLiteral("/proc/loadavg"));
                    return f.open(QIODevice::ReadOnly) ? f.readLine() : QByteArray("?\n");
                }())));

    // 1. The daily report from rollups against the same from raw samples.
    std::optional<Report> daily;
    const Timing dailyMs = timeMs(
        runs, [&] { daily = builder.daily(day, QStringLiteral("outlet_pressure"), ro, &error); });
    if (!daily) {
        std::fprintf(stderr, "daily: %s\n", qPrintable(error));
        return 1;
    }
    size_t dailyRows = 0;
    const Timing dailyQueryMs = timeMs(runs, [&] {
        const auto rows = reader.hourAverages(pressure, dayFrom, dayTo);
        dailyRows = 0;
        for (const auto& r : rows.value_or(std::vector<std::vector<RollupRow>>{}))
            dailyRows += r.size();
    });
    const Timing dailyFullMs = timeMs(runs, [&] {
        const auto rows = reader.aggregated(pressure, dayFrom, dayTo, Resolution::Hour);
        Q_UNUSED(rows);
    });
    std::vector<qint64> ids;
    for (TagId t : pressure)
        ids.push_back(reader.series(t));
    std::vector<std::vector<RawHour>> raw;
    const Timing rawMs =
        timeMs(runs, [&] { raw = rawDay(reader.database(), ids, dayFrom, dayTo, holdMs); });
    if (raw.size() != pressure.size())
        return 1;
    int dailyDiffer = compareDaily(*daily, raw);
    std::vector<std::vector<RawHour>> rawC;
    const Timing rawCMs = postgres ? Timing{} : timeMs(runs, [&] {
        rawC = rawDaySqlite(reader.database(), ids, dayFrom, dayTo, holdMs);
    });
    if (!postgres) {
        if (rawC.size() != pressure.size())
            return 1;
        dailyDiffer += compareDaily(*daily, rawC);
    }
    std::printf("daily report (综合日报) of outlet pressure, %zu stations x 24 h, median of %d, "
                "wall clock (CPU time):\n",
                pressure.size(), runs);
    std::printf("  from rollups, ReportBuilder::daily : %8.1f ms (%7.1f)  query %.1f (%.1f) for "
                "%zu rows, layout %.1f (%.1f)\n",
                dailyMs.wall, dailyMs.cpu, dailyQueryMs.wall, dailyQueryMs.cpu, dailyRows,
                (dailyMs - dailyQueryMs).wall, (dailyMs - dailyQueryMs).cpu);
    std::printf("  the same from raw samples, Qt Sql  : %8.1f ms (%7.1f)  %lld rows read\n",
                rawMs.wall, rawMs.cpu, rawRows);
    std::printf("  -> from rollups %.0fx faster (CPU time %.0fx; aim >= 50x); every cell the same "
                "within 1e-9: %s\n",
                rawMs.wall / dailyMs.wall, rawMs.cpu / dailyMs.cpu,
                dailyDiffer == 0 ? "yes" : "NO");
    if (!postgres)
        std::printf("  (from raw samples through SQLite's own API: %.1f ms (%.1f), rollups %.0fx "
                    "faster (CPU %.0fx))\n",
                    rawCMs.wall, rawCMs.cpu, rawCMs.wall / dailyMs.wall, rawCMs.cpu / dailyMs.cpu);
    std::printf("  (the same rows with every rollup column, HistoryReader::aggregated: %.1f ms "
                "(%.1f))\n",
                dailyFullMs.wall, dailyFullMs.cpu);
    if (dailyDiffer != 0) {
        std::fprintf(stderr, "%d daily cells differ\n", dailyDiffer);
        return 1;
    }

    // 2. The month's production report.
    const ReportPeriod month(ReportPeriod::Month, monthDay);
    const PeriodCuts cuts = month.cuts(zone, DayStart);
    const qint64 from = cuts.fromMs() - HourMs;
    const qint64 to = cuts.toMs() + DayMs;
    std::optional<Report> production;
    const Timing productionMs =
        timeMs(runs, [&] { production = builder.production(month, ro, &error); });
    if (!production) {
        std::fprintf(stderr, "production: %s\n", qPrintable(error));
        return 1;
    }
    std::optional<std::vector<std::vector<RollupRow>>> lean;
    const Timing leanMs = timeMs(runs, [&] {
        lean = reader.counterHours(meters, from, to, cuts.bounds, CounterOptions().gapMs);
    });
    const auto lastGood = reader.lastGood(meters);
    if (!lean || !lastGood) {
        std::fprintf(stderr, "counterHours: %s\n", qPrintable(reader.lastError()));
        return 1;
    }
    const auto volumesOf = [&](const std::vector<std::vector<RollupRow>>& rows) {
        std::vector<CounterVolume> v;
        v.reserve(meters.size());
        for (size_t i = 0; i < meters.size(); ++i) {
            CounterOptions o;
            o.rollover = p.tag(meters[i]).rollover;
            o.lastGoodMs = (*lastGood)[i];
            o.nowMs = nowMs;
            o.zone = zone;
            v.emplace_back(rows[i], o, cuts.bounds);
        }
        return v;
    };
    std::vector<CounterVolume> leanVolumes;
    const Timing volumeMs = timeMs(runs, [&] { leanVolumes = volumesOf(*lean); });
    size_t leanRows = 0;
    for (const auto& r : *lean)
        leanRows += r.size();

    // Before: every hour's full row through Qt Sql.
    std::optional<std::vector<std::vector<RollupRow>>> full;
    const Timing fullMs =
        timeMs(1, [&] { full = reader.aggregated(meters, from, to, Resolution::Hour); });
    if (!full)
        return 1;
    const std::vector<CounterVolume> fullVolumes = volumesOf(*full);
    size_t fullRows = 0;
    for (const auto& r : *full)
        fullRows += r.size();
    int differ = 0;
    int flagged = 0;
    for (size_t i = 0; i < meters.size(); ++i) {
        sameBuckets(fullVolumes[i].buckets(), leanVolumes[i].buckets(), &differ);
        for (const CounterBucket& b : fullVolumes[i].buckets())
            flagged += b.flags ? 1 : 0;
    }
    const Timing rest = productionMs - leanMs - volumeMs;
    std::printf("monthly production report (产水量报表) 2026-11, %zu meters x %d production days "
                "(08:00), median of %d, wall clock (CPU time):\n",
                meters.size(), cuts.size(), runs);
    std::printf("  ReportBuilder::production          : %8.1f ms (%7.1f)  aim < 1 s\n",
                productionMs.wall, productionMs.cpu);
    std::printf("    meters' rows, counterHours       : %8.1f ms (%7.1f)  %zu rows (%zu hours)\n",
                leanMs.wall, leanMs.cpu, leanRows, fullRows);
    std::printf("    CounterVolume                    : %8.1f ms (%7.1f)\n", volumeMs.wall,
                volumeMs.cpu);
    // Timed apart from the whole: on a shared machine only the CPU times add up.
    std::printf("    the rest (state, store, layout)  :        -    (%7.1f)\n", rest.cpu);
    std::printf(
        "  before: every hour's row through HistoryReader::aggregated %.1f ms (%.1f), once\n",
        fullMs.wall, fullMs.cpu);
    std::printf("  %d flagged meter-days; the same buckets (values, flags, comments) both ways: "
                "%s\n",
                flagged, differ == 0 ? "yes" : "NO");
    return differ == 0 ? 0 : 1;
}
