// Queries (docs/performance.md § Queries), each from a SQLite history in a temporary folder:
//  1. 综合查询 of a month at 1 s: one station's outlet pressure, a sample every second through
//     2026-11 (2.59 M samples; two hours of comm gap, an hour of bad quality), written through
//     HistoryWriter so that the hourly rollups are the writer's own. Baseline: the raw SELECT
//     alone, stepped through with SQLite's API on the reader's connection, the values summed.
//     Measured: QueryEngine::history at step Raw over the month (the chart's 1600 columns and
//     the statistics in the same pass) and then the chart — Ui::QueryChart::setSeries, as
//     综合查询 draws it (min and max per column, a break at a gap, one QLineSeries per run of
//     points), then painted into a 1600 × 600 image. Aim: within 1.5× the SELECT. Also the same
//     month at step Auto (the hourly rollups).
//  2. 对比查询 of the stations' daily volumes over the month: QueryEngine::compare of
//     outlet_total at step Day from the meters' hourly rollups (metermonth.h), against
//     ReportBuilder::production of the same month (the same meters, rollups and production
//     days) and the read of the rollups alone (HistoryReader::counterHours). Every station's
//     day volumes and total must be CounterVolume's over the same rows.
// Times are medians of --runs rounds (each round runs every side once, in turn), wall clock and
// this process's CPU time. Only fails when the work
// fails or the two sides disagree; the numbers go to docs/performance.md.
#include "benchmachine.h"
#include "metermonth.h"

#include <core/clock.h>
#include <history/historyreader.h>
#include <history/historywriter.h>
#include <reports/countervolume.h>
#include <reports/query.h>
#include <reports/reportbuilder.h>
#include <sim/citygenerator.h>
#include <ui/querychart.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSqlDriver>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <numbers>
#include <sqlite3.h>

using namespace PumpWatch;
using namespace PumpWatch::History;
using namespace PumpWatch::Reports;

namespace {

constexpr qint64 SecondMs = 1000;
constexpr qint64 HourMs = 3'600'000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr int DayStart = 480; // the production day starts at 08:00

/// Milliseconds: wall clock, and this process's CPU time (on a shared machine the wall clock
/// waits for the other engineers' work too).
struct Timing {
    double wall = 0;
    double cpu = 0;
};

/// Medians of `runs` rounds, each calling every one of `fs` in turn: what is compared is
/// measured under the same load and in the same state of caches and heap, not one after the
/// other.
std::vector<Timing> timeMs(int runs, const std::vector<std::function<void()>>& fs)
{
    std::vector<std::vector<double>> wall(fs.size());
    std::vector<std::vector<double>> cpu(fs.size());
    for (int i = 0; i < runs; ++i) {
        for (size_t k = 0; k < fs.size(); ++k) {
            QElapsedTimer t;
            const double c = Bench::processCpuMs();
            t.start();
            fs[k]();
            wall[k].push_back(double(t.nsecsElapsed()) / 1e6);
            cpu[k].push_back(Bench::processCpuMs() - c);
        }
    }
    std::vector<Timing> medians;
    for (size_t k = 0; k < fs.size(); ++k)
        medians.push_back({Bench::median(wall[k]), Bench::median(cpu[k])});
    return medians;
}

qint64 localMs(QDate day, int hour, int minute, const QTimeZone& zone)
{
    return QDateTime(day, QTime(hour, minute), zone).toMSecsSinceEpoch();
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readLine()).trimmed()
                                       : QStringLiteral("?");
}

/// The outlet pressure at second s of the month (MPa): the day's swing and a faster ripple, so
/// that every sample differs. Silent on day 12 from 10:00 to 12:00; bad quality on day 20 from
/// 14:00 to 15:00.
std::optional<Sample> pressureAt(qint64 s, qint64 monthStart, TagId tag)
{
    const qint64 day = s / 86'400 + 1;
    const qint64 second = s % 86'400;
    if (day == 12 && second >= 10 * 3600 && second < 12 * 3600)
        return std::nullopt;
    const bool bad = day == 20 && second >= 14 * 3600 && second < 15 * 3600;
    const double v = 0.35 + 0.05 * std::sin(2 * std::numbers::pi * double(second) / 86'400) +
                     0.004 * std::sin(double(s) / 37.0);
    return Sample{monthStart + s * SecondMs, v, tag, bad ? Quality::BadCommFailure : Quality::Good,
                  false};
}

sqlite3* sqliteHandle(QSqlDatabase& db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

/// What the baseline read: every column of every row, added up.
struct RawRead {
    qint64 rows = 0;
    double sum = 0;
    qint64 timestamps = 0;
    qint64 qualities = 0;
};

/// The baseline: the SELECT alone, stepped through.
bool rawSelect(sqlite3* c, qint64 series, qint64 from, qint64 to, RawRead* read)
{
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(c,
                           "SELECT ts, value, quality FROM samples WHERE series = ?1 AND ts >= ?2 "
                           "AND ts < ?3 ORDER BY ts",
                           -1, &st, nullptr) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(st, 1, series);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    *read = {};
    while (sqlite3_step(st) == SQLITE_ROW) {
        read->timestamps += sqlite3_column_int64(st, 0);
        read->sum += sqlite3_column_double(st, 1);
        read->qualities += sqlite3_column_int(st, 2);
        ++read->rows;
    }
    sqlite3_finalize(st);
    return true;
}

/// The query chart itself (Ui::QueryChart, what 综合查询 shows): setSeries() with the raw
/// result (the envelope's min and max per column, breaks at gaps), then painted into an image of
/// the chart's size on screen.
class ChartSink {
public:
    explicit ChartSink(const QTimeZone& zone)
        : m_chart(zone)
        , m_image(1600, 600, QImage::Format_ARGB32_Premultiplied)
    {
        m_chart.resize(m_image.size());
        m_chart.show(); // on the offscreen platform
    }

    /// The points drawn.
    qsizetype draw(const HistoryResult& result)
    {
        m_chart.setSeries(result.series, result.fromMs, result.toMs, true);
        qsizetype points = 0;
        for (const QList<QPointF>& piece : m_chart.pieces(0))
            points += piece.size();
        return points;
    }

    /// The pixels of the first series' colour: a check that it drew.
    qint64 paint()
    {
        // The chart lays its items out in posted events, as in the workstation's event loop.
        QCoreApplication::processEvents();
        m_image.fill(Qt::white);
        QPainter painter(&m_image);
        m_chart.render(&painter);
        painter.end();
        const QRgb line = Ui::QueryChart::colour(0).rgb() & 0xFFFFFF;
        qint64 n = 0;
        for (int y = 0; y < m_image.height(); ++y) {
            const auto* row = reinterpret_cast<const QRgb*>(m_image.constScanLine(y));
            n += std::count_if(row, row + m_image.width(),
                               [line](QRgb p) { return (p & 0xFFFFFF) == line; });
        }
        return n;
    }

private:
    Ui::QueryChart m_chart;
    QImage m_image;
};

/// 1. A month of one station at 1 s; false when the work fails.
bool monthAtOneSecond(const QString& dir, int runs)
{
    Sim::CityOptions one;
    one.stations = 1;
    Project p = Sim::CityGenerator::generate(one);
    for (StationTemplate& t : p.templates)
        for (TagDef& d : t.tags)
            d.historyDeadband = 0;
    for (StationTag& t : p.stations[0].tags)
        t.def.historyDeadband = 0;
    p.reindex();
    const QTimeZone zone(p.timeZone.toUtf8());
    const qint64 from = localMs(QDate(2026, 11, 1), 0, 0, zone);
    const qint64 to = localMs(QDate(2026, 12, 1), 0, 0, zone);
    QString error;
    const auto url =
        *DatabaseUrl::parse(QStringLiteral("sqlite:") + dir + QStringLiteral("/month.db"), &error);
    TagId tag = InvalidTagId;
    {
        HistoryReader unopened(p, url);
        const auto tags = ReportBuilder(p, unopened).stationTags(QStringLiteral("outlet_pressure"));
        if (tags.size() != 1) {
            std::fprintf(stderr, "%zu outlet pressures in a city of one\n", tags.size());
            return false;
        }
        tag = tags[0];
    }
    qint64 written = 0;
    qint64 good = 0;
    {
        HistoryOptions options;
        options.database = url;
        options.spoolDirectory = dir + QStringLiteral("/spool-month");
        ManualClock clock(to + HourMs);
        HistoryWriter w(p, clock, options);
        if (!w.open()) {
            std::fprintf(stderr, "cannot open %s\n", qPrintable(url.display()));
            return false;
        }
        QElapsedTimer timer;
        timer.start();
        std::vector<Sample> batch;
        for (qint64 s = 0; s < (to - from) / SecondMs; ++s) {
            if (const auto sample = pressureAt(s, from, tag)) {
                batch.push_back(*sample);
                good += sample->quality == Quality::Good ? 1 : 0;
            }
            if (batch.size() == 3600) {
                w.write(batch);
                batch.clear();
            }
        }
        w.write(batch);
        if (!w.flush()) {
            std::fprintf(stderr, "flush: %s\n", qPrintable(w.stats().lastError));
            return false;
        }
        written = w.stats().stored;
        std::printf("queries benchmark; history in SQLite files in a temporary folder\n");
        std::printf("  the month at 1 s: %lld samples of one station's outlet pressure (2026-11, "
                    "2 h silent, 1 h bad quality) through HistoryWriter, %.1f s\n",
                    written, double(timer.elapsed()) / 1000);
    }

    HistoryReader reader(p, url);
    if (!reader.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    sqlite3* handle = sqliteHandle(reader.database());
    const qint64 series = reader.series(tag);
    if (!handle || series < 0)
        return false;
    std::printf("load average before the measurements: %s\n", qPrintable(loadAverage()));

    RawRead raw;
    bool ok = true;
    QueryEngine engine(p, reader);
    HistoryRequest request;
    request.tags = {tag};
    request.fromMs = from;
    request.toMs = to;
    request.step = QueryStep::Raw;
    std::optional<HistoryResult> result;
    ChartSink chart(zone);
    qsizetype points = 0;
    qint64 pixels = 0;
    HistoryRequest hourly = request;
    hourly.step = QueryStep::Auto;
    std::optional<HistoryResult> hours;
    const auto drawn = [&] {
        if (result && result->series.size() == 1) {
            points = chart.draw(*result);
            pixels = chart.paint();
        }
    };
    const std::vector<Timing> t =
        timeMs(runs, {[&] { ok = rawSelect(handle, series, from, to, &raw) && ok; },
                      [&] { result = engine.history(request, {}, &error); },
                      [&] {
                          if (result && result->series.size() == 1)
                              points = chart.draw(*result);
                      },
                      [&] { pixels = chart.paint(); },
                      [&] {
                          result = engine.history(request, {}, &error);
                          drawn();
                      },
                      [&] { hours = engine.history(hourly, {}, &error); }});
    const Timing& select = t[0];
    const Timing& query = t[1];
    const Timing& draw = t[2];
    const Timing& paint = t[3];
    const Timing& both = t[4];
    const Timing& autoStep = t[5];
    if (!ok || !result || result->series.size() != 1 || !hours || hours->series.size() != 1) {
        std::fprintf(stderr, "history: %s\n", qPrintable(error));
        return false;
    }
    const QuerySeries& s = result->series[0];
    const SeriesStats& st = s.stats;
    std::printf("综合查询 of one month at 1 s (%lld samples), median of %d, wall clock (CPU "
                "time):\n",
                written, runs);
    std::printf("  the raw SELECT alone, sqlite3 API      : %8.1f ms (%7.1f)  %lld rows\n",
                select.wall, select.cpu, raw.rows);
    std::printf("  QueryEngine::history, step raw         : %8.1f ms (%7.1f)  %zu chart columns, "
                "statistics\n",
                query.wall, query.cpu, s.envelope.size());
    std::printf("  QueryChart::setSeries                  : %8.1f ms (%7.1f)  %lld points\n",
                draw.wall, draw.cpu, qint64(points));
    std::printf(
        "  the chart painted, 1600 x 600 image    : %8.1f ms (%7.1f)  %lld pixels of line\n",
        paint.wall, paint.cpu, pixels);
    std::printf("  query, points and paint together       : %8.1f ms (%7.1f)  = %.2fx the SELECT "
                "(CPU %.2fx; aim <= 1.5x)\n",
                both.wall, both.cpu, both.wall / select.wall, both.cpu / select.cpu);
    std::printf("  step auto (%s, the hourly rollups)   : %8.1f ms (%7.1f)  %zu rows\n",
                qPrintable(stepCode(hours->step)), autoStep.wall, autoStep.cpu,
                hours->series[0].points.size());
    std::printf("  statistics: min %.4f, max %.4f, average %.4f MPa, %lld good samples, coverage "
                "%.2f%%\n",
                st.min.value_or(NAN), st.max.value_or(NAN), st.average.value_or(NAN), st.count,
                100 * st.coverage());
    // What the query must have seen: every sample, the good ones counted.
    if (pixels < 1600) {
        std::fprintf(stderr, "the chart painted %lld pixels of line\n", pixels);
        return false;
    }
    if (s.samples != written || st.count != good || raw.rows != written) {
        std::fprintf(stderr,
                     "read %lld samples (%lld good), the SELECT %lld; written %lld (%lld "
                     "good)\n",
                     s.samples, st.count, raw.rows, written, good);
        return false;
    }
    return true;
}

/// 2. The stations' daily volumes over a month; false when the work fails or the sides differ.
bool compareStations(const QString& dir, int stations, int runs)
{
    Sim::CityOptions city;
    city.stations = stations;
    Project p = Sim::CityGenerator::generate(city);
    p.reports.dayStartMinute = DayStart;
    const double rollover = 1e6;
    for (size_t i = 0; i < p.stations.size(); ++i) {
        for (StationTag& t : p.stations[i].tags) {
            if (i % 100 == 13 && t.def.key == p.reports.productionTag)
                t.def.rollover = rollover;
        }
    }
    p.reindex();
    const QTimeZone zone(p.timeZone.toUtf8());
    QString error;
    const auto url =
        *DatabaseUrl::parse(QStringLiteral("sqlite:") + dir + QStringLiteral("/city.db"), &error);
    HistoryOptions options;
    options.database = url;
    options.spoolDirectory = dir + QStringLiteral("/spool-city");
    const qint64 holdMs = options.effectiveHoldLimitMs();
    const QDate monthDay(2026, 11, 1);
    const qint64 monthStart = localMs(monthDay, 0, 0, zone);
    const qint64 meterTo = localMs(QDate(2026, 12, 2), 10, 0, zone);
    const qint64 nowMs = meterTo;
    std::vector<TagId> meters;
    {
        // Every zone's meter, as 对比查询 takes them (a two-zone station has two); the
        // production report reads the first of each station.
        HistoryReader unopened(p, url);
        meters = QueryEngine(p, unopened).tagsOf(p.reports.productionTag, {}, true);
    }
    {
        QElapsedTimer timer;
        timer.start();
        {
            ManualClock clock(nowMs);
            HistoryWriter schema(p, clock, options); // the tables and every tag's series
            if (!schema.open()) {
                std::fprintf(stderr, "cannot open %s\n", qPrintable(url.display()));
                return false;
            }
        }
        const qint64 rows = Bench::writeMeterMonth(p, url, meters, monthStart, meterTo, holdMs,
                                                   zone, rollover, &error);
        if (rows < 0) {
            std::fprintf(stderr, "meters: %s\n", qPrintable(error));
            return false;
        }
        std::printf("  the city: %d stations; a month of hourly rollups of their outlet "
                    "totalizers, %lld rows (metermonth.h: a reading every 5 min through "
                    "SeriesRollup, inserted directly; 1 station in 20 with a gap, rollover, "
                    "reset, reverse flow or a stopped meter), %.1f s\n",
                    stations, rows, double(timer.elapsed()) / 1000);
    }

    HistoryReader reader(p, url);
    if (!reader.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    const ReportPeriod month(ReportPeriod::Month, monthDay);
    const PeriodCuts cuts = month.cuts(zone, DayStart);
    QueryEngine engine(p, reader);
    CompareRequest request;
    request.key = p.reports.productionTag;
    request.fromMs = cuts.fromMs();
    request.toMs = cuts.toMs();
    request.step = QueryStep::Day;
    request.nowMs = nowMs;
    std::optional<CompareResult> compared;
    ReportBuilder builder(p, reader);
    ReportOptions ro;
    ro.nowMs = nowMs;
    std::optional<Report> production;
    const qint64 gapMs = CounterOptions().gapMs;
    // The rows made and freed within each run, as the report and the query free theirs (more
    // than a hundred megabytes: keeping the last run's while making the next costs page faults).
    const auto readHours = [&] {
        return reader.counterHours(meters, cuts.fromMs() - HourMs, cuts.toMs() + DayMs, cuts.bounds,
                                   gapMs);
    };
    size_t hourRows = 0;
    const std::vector<Timing> t =
        timeMs(runs, {[&] { compared = engine.compare(request, {}, &error); },
                      [&] { production = builder.production(month, ro, &error); },
                      [&] {
                          const auto rows = readHours();
                          hourRows = 0;
                          for (size_t i = 0; rows && i < rows->size(); ++i)
                              hourRows += (*rows)[i].size();
                      }});
    const Timing& compare = t[0];
    const Timing& report = t[1];
    const Timing& read = t[2];
    if (!compared || !production) {
        std::fprintf(stderr, "compare or production: %s\n", qPrintable(error));
        return false;
    }
    const auto hours = readHours();
    const auto lastGood = reader.lastGood(meters);
    if (!hours || !lastGood) {
        std::fprintf(stderr, "counterHours: %s\n", qPrintable(reader.lastError()));
        return false;
    }

    // Every station's days and total as CounterVolume makes them of the same rows.
    const auto same = [](std::optional<double> a, std::optional<double> b) {
        return a.has_value() == b.has_value() &&
               (!a || std::abs(*a - *b) <= 1e-6 * std::max(1.0, std::abs(*a)));
    };
    int differ = 0;
    const std::vector<QuerySeries>& got = compared->history.series;
    if (got.size() != meters.size()) {
        std::fprintf(stderr, "compare: %zu series for %zu meters\n", got.size(), meters.size());
        return false;
    }
    for (size_t i = 0; i < meters.size(); ++i) {
        CounterOptions o;
        o.rollover = p.tag(meters[i]).rollover;
        o.lastGoodMs = (*lastGood)[i];
        o.nowMs = nowMs;
        o.zone = zone;
        const CounterVolume volume((*hours)[i], o, cuts.bounds);
        const std::vector<CounterBucket>& days = volume.buckets();
        std::optional<double> total;
        for (const CounterBucket& d : days) {
            if (d.value)
                total = total.value_or(0.0) + *d.value;
        }
        bool ok = got[i].tag == meters[i] && got[i].points.size() == days.size() &&
                  same(got[i].stats.total, total);
        for (size_t d = 0; ok && d < days.size(); ++d)
            ok = same(got[i].points[d].value, days[d].value);
        if (!ok && differ++ < 5)
            std::fprintf(stderr, "%s: compare total %s over %zu days, CounterVolume %s over %zu\n",
                         qPrintable(got[i].station),
                         qPrintable(QString::number(got[i].stats.total.value_or(NAN), 'f', 3)),
                         got[i].points.size(), qPrintable(QString::number(total.value_or(NAN))),
                         days.size());
    }
    std::printf(
        "对比查询 of %zu meters' daily volumes (outlet_total of every zone of %zu stations, "
        "step day, 2026-11, %d production days from 08:00; the production report reads "
        "one a station), median of %d, wall clock (CPU time):\n",
        meters.size(), p.stations.size(), cuts.size(), runs);
    std::printf("  QueryEngine::compare                   : %8.1f ms (%7.1f)  ranked by %s\n",
                compare.wall, compare.cpu, qPrintable(rankCode(compared->rankBy)));
    std::printf("  the month's ReportBuilder::production  : %8.1f ms (%7.1f)  -> compare %.2fx "
                "(CPU %.2fx)\n",
                report.wall, report.cpu, compare.wall / report.wall, compare.cpu / report.cpu);
    std::printf("  the rollups alone, counterHours        : %8.1f ms (%7.1f)  %zu rows -> compare "
                "%.2fx (CPU %.2fx)\n",
                read.wall, read.cpu, hourRows, compare.wall / read.wall, compare.cpu / read.cpu);
    std::printf("  every station's days and total as CounterVolume's over the same rows: %s\n",
                differ == 0 ? "yes" : "NO");
    return differ == 0;
}

} // namespace

int main(int argc, char* argv[])
{
    // Qt Charts needs a GUI application; nothing is shown.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    PumpWatch::Bench::printMachine();
    int stations = 2000;
    int runs = 5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--stations" && i + 1 < args.size())
            stations = args[++i].toInt();
        else if (args[i] == u"--runs" && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
    }
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    if (!monthAtOneSecond(dir.path(), runs))
        return 1;
    return compareStations(dir.path(), stations, runs) ? 0 : 1;
}
