// Queries against history written from known curves (knownqueries.h): the statistics a
// dispatcher reads, the same from raw samples and from the rollups; the comparison's ranking;
// 同比/环比 of a running month with a zero base and a station added this year; the results as
// report models.
#include "knownqueries.h"

#include <core/users.h>
#include <reports/query.h>
#include <reports/queryreport.h>
#include <reports/reportstore.h>

#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Reports;
using namespace PumpWatch::Test::Queries;

namespace {

constexpr qint64 Hold = 2 * MinuteMs; // the writer's: twice its one-minute heartbeat
const double S1Integral = 719 * 0.25 + 0.21 + 599 * 0.30 + 0.52 + 0.30; // MPa·min on 11-10
constexpr qint64 S1Covered = 1321 * MinuteMs;

bool near(std::optional<double> v, double expected, double tolerance = 1e-9)
{
    return v && std::abs(*v - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

} // namespace

class tst_Queries : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    Project m_project;
    std::unique_ptr<History::HistoryReader> m_reader;

    TagId tag(const char* station, const char* key) const
    {
        return m_project.findTag(QString::fromLatin1(station), u"plc", QString::fromLatin1(key));
    }

    HistoryResult history(std::vector<TagId> tags, qint64 from, qint64 to, QueryStep step,
                          qint64 rowLimit = 200'000)
    {
        QueryEngine engine(m_project, *m_reader);
        HistoryRequest r;
        r.tags = std::move(tags);
        r.fromMs = from;
        r.toMs = to;
        r.step = step;
        r.holdLimitMs = Hold;
        r.rowLimit = rowLimit;
        QString error;
        auto result = engine.history(r, {}, &error);
        if (!result)
            qWarning() << error;
        return result ? *result : HistoryResult{};
    }

    static const QueryPoint* pointAt(const QuerySeries& s, qint64 ms)
    {
        for (const QueryPoint& p : s.points) {
            if (p.startMs == ms)
                return &p;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_project = project();
        QString error;
        const auto url = History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_tmp.filePath(QStringLiteral("h.db")), &error);
        QVERIFY(url);
        QVERIFY(write(m_project, *url, m_tmp.filePath(QStringLiteral("spool"))));
        m_reader = std::make_unique<History::HistoryReader>(m_project, *url);
        QVERIFY2(m_reader->open(&error), qPrintable(error));
    }

    void rawStatisticsAreExact()
    {
        const auto r =
            history({tag("S1", "outlet_pressure")}, nov(10, 0), nov(11, 0), QueryStep::Raw);
        QCOMPARE(r.series.size(), size_t(1));
        const QuerySeries& s = r.series.front();
        QCOMPARE(s.stats.count, qint64(1320));
        QCOMPARE(s.samples, qint64(1320));
        QVERIFY(near(s.stats.min, 0.21));
        QCOMPARE(s.stats.minMs, nov(10, 3, 15));
        QVERIFY(near(s.stats.max, 0.52));
        QCOMPARE(s.stats.maxMs, nov(10, 10, 30));
        QCOMPARE(s.stats.coveredMs, S1Covered);
        QCOMPARE(s.stats.spanMs, 1440 * MinuteMs);
        QVERIFY(near(s.stats.average, S1Integral / 1321.0));
        QVERIFY(*s.stats.min <= *s.stats.average && *s.stats.average <= *s.stats.max);
        QVERIFY(std::abs(s.stats.coverage() - 1321.0 / 1440.0) < 1e-12);
        QVERIFY(!s.stats.total);
        // Every reading listed; the chart's envelope has nothing inside the gap.
        QCOMPARE(s.points.size(), size_t(1320));
        QVERIFY(!s.truncated);
        QVERIFY(!s.envelope.empty() && s.envelope.size() <= 1600);
        for (const History::Bucket& b : s.envelope)
            QVERIFY(b.startMs < nov(10, 14) - MinuteMs || b.startMs >= nov(10, 16) - MinuteMs);
        QCOMPARE(r.step, QueryStep::Raw);
    }

    void rollupsAgreeWithRawSamples()
    {
        const auto raw =
            history({tag("S1", "outlet_pressure")}, nov(10, 0), nov(11, 0), QueryStep::Raw);
        const auto hours =
            history({tag("S1", "outlet_pressure")}, nov(10, 0), nov(11, 0), QueryStep::Hour);
        QCOMPARE(hours.series.size(), size_t(1));
        const SeriesStats& a = raw.series.front().stats;
        const SeriesStats& b = hours.series.front().stats;
        QCOMPARE(b.count, a.count);
        QCOMPARE(b.coveredMs, a.coveredMs);
        QVERIFY(near(b.average, *a.average, 1e-12));
        QVERIFY(near(b.min, 0.21) && near(b.max, 0.52));
        QCOMPARE(b.minMs, a.minMs); // looked up in the hour that holds it
        QCOMPARE(b.maxMs, a.maxMs);
        // The table: 24 hours; the gap's hours flagged, the one with nothing blank.
        const QuerySeries& s = hours.series.front();
        QCOMPARE(s.points.size(), size_t(24));
        QVERIFY(near(pointAt(s, nov(10, 10))->value, (59 * 0.30 + 0.52) / 60));
        const QueryPoint* h14 = pointAt(s, nov(10, 14));
        QVERIFY(near(h14->value, 0.30));
        QCOMPARE(h14->coveredMs, MinuteMs);
        QVERIFY(h14->flags & CellFlag::Missing);
        const QueryPoint* h15 = pointAt(s, nov(10, 15));
        QVERIFY(!h15->value);
        QVERIFY(h15->flags & CellFlag::Missing);
        QVERIFY(!(pointAt(s, nov(10, 16))->flags & CellFlag::Missing));
    }

    void quarterHoursFromRawSamples()
    {
        const auto r =
            history({tag("S1", "outlet_pressure")}, nov(10, 0), nov(11, 0), QueryStep::Quarter);
        const QuerySeries& s = r.series.front();
        QCOMPARE(s.points.size(), size_t(96));
        QVERIFY(near(pointAt(s, nov(10, 3, 15))->value, (0.21 + 14 * 0.25) / 15));
        QCOMPARE(pointAt(s, nov(10, 3, 15))->count, qint64(15));
        QVERIFY(near(pointAt(s, nov(10, 14))->value, 0.30));
        QVERIFY(!pointAt(s, nov(10, 14, 15))->value);
        QVERIFY(pointAt(s, nov(10, 14, 15))->flags & CellFlag::Missing);
        QVERIFY(near(s.stats.average, S1Integral / 1321.0));
    }

    void rawTableIsLimitedNotTheStatistics()
    {
        const auto r =
            history({tag("S1", "outlet_pressure")}, nov(10, 0), nov(11, 0), QueryStep::Raw, 100);
        const QuerySeries& s = r.series.front();
        QVERIFY(s.truncated);
        QVERIFY(s.points.empty());
        QCOMPARE(s.stats.count, qint64(1320));
        QCOMPARE(s.samples, qint64(1320));
        QVERIFY(!s.envelope.empty());
    }

    void countersAdvanceByStep()
    {
        const TagId meter = tag("S1", "outlet_total");
        const auto days = history({meter}, nov(5, 8), nov(7, 8), QueryStep::Day);
        const QuerySeries& d = days.series.front();
        QCOMPARE(d.points.size(), size_t(2));
        QVERIFY(near(d.points[0].value, 2400.0) && near(d.points[1].value, 2400.0));
        QVERIFY(near(d.stats.total, 4800.0));
        QCOMPARE(d.stats.count, qint64(2 * 24 * 12));
        const auto hours = history({meter}, nov(5, 8), nov(5, 12), QueryStep::Hour);
        QCOMPARE(hours.series.front().points.size(), size_t(4));
        for (const QueryPoint& p : hours.series.front().points)
            QVERIFY(near(p.value, 100.0));
        const auto raw = history({meter}, nov(5, 8), nov(6, 8), QueryStep::Raw);
        QVERIFY(near(raw.series.front().stats.total, 2400.0));
        const auto quarters = history({meter}, nov(5, 8), nov(5, 9), QueryStep::Quarter);
        QCOMPARE(quarters.series.front().points.size(), size_t(4));
        QVERIFY(near(quarters.series.front().points[2].value, 25.0));
        QVERIFY(near(quarters.series.front().stats.total, 100.0));
    }

    /// A correction of the production report's day is the query's day too (S1 is its line
    /// alone); hours are not touched by a day's correction.
    void reportCorrectionsShowInQueries()
    {
        ReportStore store(m_reader->database());
        Correction c;
        c.family = QStringLiteral("production");
        c.cell = QStringLiteral("line:l1/day/2026-11-06");
        c.periodStartMs = nov(6, 8);
        c.original = 2400;
        c.corrected = 2350;
        c.method = CorrectionMethod::Manual;
        c.reason = QStringLiteral("表计校验");
        const User admin{
            QStringLiteral("zhaoliu"), QStringLiteral("赵六"), {}, Role::Administrator};
        QString error;
        QVERIFY2(store.addCorrection(c, admin, QStringLiteral("ws1"), &error), qPrintable(error));
        const auto days =
            history({tag("S1", "outlet_total")}, nov(5, 8), nov(7, 8), QueryStep::Day);
        const QuerySeries& d = days.series.front();
        QVERIFY(near(d.points[0].value, 2400.0));
        QVERIFY(near(d.points[1].value, 2350.0));
        QCOMPARE(d.points[1].flags, CellFlags(CellFlag::Corrected));
        QVERIFY2(d.points[1].comment.contains(QStringLiteral("赵六")) &&
                     d.points[1].comment.contains(QStringLiteral("表计校验")),
                 qPrintable(d.points[1].comment));
        QVERIFY(near(d.stats.total, 4750.0));
        QVERIFY(d.stats.flags & CellFlag::Corrected);
        const auto hours =
            history({tag("S1", "outlet_total")}, nov(6, 8), nov(6, 10), QueryStep::Hour);
        QVERIFY(!(hours.series.front().stats.flags & CellFlag::Corrected));
    }

    void autoStepFollowsTheSpan()
    {
        QCOMPARE(stepForSpan(24 * HourMs), QueryStep::Raw);
        QCOMPARE(stepForSpan(5 * 24 * HourMs), QueryStep::Quarter);
        QCOMPARE(stepForSpan(31 * 24 * HourMs), QueryStep::Hour);
        QCOMPARE(stepForSpan(365 * 24 * HourMs), QueryStep::Day);
        const auto r =
            history({tag("S2", "outlet_pressure")}, nov(9, 0), nov(11, 0), QueryStep::Auto);
        QCOMPARE(r.step, QueryStep::Raw);
    }

    void comparisonRanksStations()
    {
        QueryEngine engine(m_project, *m_reader);
        CompareRequest c;
        c.key = QStringLiteral("outlet_pressure");
        c.fromMs = nov(10, 0);
        c.toMs = nov(11, 0);
        c.step = QueryStep::Hour;
        QString error;
        auto r = engine.compare(c, {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->history.series.size(), size_t(4));
        QStringList order;
        for (int i : r->ranking)
            order << r->history.series[size_t(i)].stationId;
        QCOMPARE(order.join(u','), QStringLiteral("S2,S3,S1,S4")); // S4: no data, last
        QVERIFY(!r->rankValues[3]);
        QVERIFY(near(r->rankValues[1], 0.40));
        c.rankBy = RankBy::Minimum;
        c.descending = false;
        r = engine.compare(c, {}, &error);
        order.clear();
        for (int i : r->ranking)
            order << r->history.series[size_t(i)].stationId;
        QCOMPARE(order.join(u','), QStringLiteral("S1,S3,S2,S4"));
        // Counters rank by their total.
        c.key = QStringLiteral("outlet_total");
        c.rankBy = RankBy::Average;
        c.descending = true;
        c.fromMs = nov(5, 8);
        c.toMs = nov(6, 8);
        r = engine.compare(c, {}, &error);
        QCOMPARE(r->rankBy, RankBy::Total);
        QVERIFY(near(r->rankValues[0], 2400.0) && near(r->rankValues[1], 1200.0) &&
                near(r->rankValues[2], 960.0));
        c.key = QStringLiteral("no_such_tag");
        QVERIFY(!engine.compare(c, {}, &error));
        QVERIFY(error.contains(QStringLiteral("no_such_tag")));
    }

    void periodComparisonOfARunningMonth()
    {
        QueryEngine engine(m_project, *m_reader);
        PeriodCompareRequest q;
        q.measure = Measure::Volume;
        q.period = ReportPeriod(ReportPeriod::Month, QDate(2026, 11, 1));
        q.nowMs = Now;
        QString error;
        const auto r = engine.periodCompare(q, {}, &error);
        QVERIFY2(r, qPrintable(error));
        // Cut at the last whole hour, each base over the same elapsed time from its start.
        QVERIFY(r->partial);
        QCOMPARE(r->fromMs, at(2026, 11, 1, 8));
        QCOMPARE(r->toMs, nov(10, 14));
        QCOMPARE(r->previousFromMs, at(2026, 10, 1, 8));
        QCOMPARE(r->previousToMs, at(2026, 10, 10, 14));
        QCOMPARE(r->lastYearToMs, at(2025, 11, 10, 14));
        QCOMPARE(r->partialLabel, QStringLiteral("up to day 10 14:00"));
        QCOMPARE(r->rows.size(), size_t(4)); // S4 has a meter that never reported
        QVERIFY(!r->rows[3].current.value && !r->rows[3].inPrevious && !r->rows[3].inLastYear);
        const double hours = 222;
        const PeriodCompareRow& s1 = r->rows[0];
        QVERIFY(near(s1.current.value, 100 * hours, 1e-9));
        QVERIFY(near(s1.previous.value, 80 * hours, 1e-9));
        QVERIFY(near(s1.lastYear.value, 125 * hours, 1e-9));
        QVERIFY(near(Change::between(s1.previous, s1.current, false).percent, 25.0));
        QVERIFY(near(Change::between(s1.lastYear, s1.current, false).percent, -20.0));
        QVERIFY(near(s1.current.perDay(), 2400.0));
        // S2 stood still a year ago: a zero base, comparable, with no growth rate.
        const PeriodCompareRow& s2 = r->rows[1];
        QVERIFY(near(s2.lastYear.value, 0.0));
        QVERIFY(s2.inLastYear);
        const Change zero = Change::between(s2.lastYear, s2.current, false);
        QVERIFY(near(zero.amount, 50 * hours));
        QVERIFY(!zero.percent);
        QCOMPARE(QueryReport::changeText(zero), QStringLiteral("—"));
        // S3 was added this year: in 环比, not in 同比's 可比口径.
        const PeriodCompareRow& s3 = r->rows[2];
        QVERIFY(s3.inPrevious && !s3.inLastYear && !s3.lastYear.value);
        QCOMPARE(r->currentStations, 3);
        QCOMPARE(r->previousStations, 3);
        QCOMPARE(r->lastYearStations, 2);
        QCOMPARE(r->previousTotals.stations, 3);
        QVERIFY(near(r->previousTotals.current.value, 190 * hours, 1e-9));
        QVERIFY(near(r->previousTotals.base.value, 170 * hours, 1e-9));
        QCOMPARE(r->lastYearTotals.stations, 2);
        QVERIFY(near(r->lastYearTotals.current.value, 150 * hours, 1e-9));
        QVERIFY(near(r->lastYearTotals.base.value, 125 * hours, 1e-9));
        QVERIFY(
            near(Change::between(r->lastYearTotals.base, r->lastYearTotals.current, false).percent,
                 20.0));
        // The report model says the same.
        const Report rep = QueryReport::periodCompare(*r, Test::Queries::Zone);
        QVERIFY2(rep.check().isEmpty(), qPrintable(rep.check().join(u'\n')));
        QCOMPARE(rep.cell(2, 0).text, QStringLiteral("(B)八五厂"));
        QCOMPARE(rep.cell(2, 7).text, QStringLiteral("—"));
        QCOMPARE(rep.cell(3, 5).displayText(), QString()); // S3 a year ago: blank, not 0
        QCOMPARE(rep.cell(3, 7).text, QStringLiteral("—"));
        QVERIFY(rep.notes.join(u' ').contains(QStringLiteral("up to day 10 14:00")));
        QVERIFY(rep.cell(5, 0).text.contains(QStringLiteral("3 stations")));
        QVERIFY(rep.cell(6, 0).text.contains(QStringLiteral("2 stations")));
        QCOMPARE(rep.cell(6, 7).displayText(), QStringLiteral("20.0"));
    }

    /// A finished period is compared with whole bases, whatever their lengths; a running year
    /// is cut at the same date and hour a year before, across a leap day too.
    void basesFollowTheCalendar()
    {
        QueryEngine engine(m_project, *m_reader);
        PeriodCompareRequest q;
        q.measure = Measure::Volume;
        q.period = ReportPeriod(ReportPeriod::Month, QDate(2026, 11, 1));
        q.nowMs = at(2026, 12, 5, 0);
        QString error;
        auto r = engine.periodCompare(q, {}, &error);
        QVERIFY2(r, qPrintable(error));
        QVERIFY(!r->partial);
        QCOMPARE(r->toMs, at(2026, 12, 1, 8));
        QCOMPARE(r->previousToMs, at(2026, 11, 1, 8)); // the whole of October's 31 days
        QCOMPARE(r->lastYearToMs, at(2025, 12, 1, 8));
        q.period = ReportPeriod(ReportPeriod::Year, QDate(2025, 1, 1));
        q.nowMs = at(2025, 3, 10, 14, 20);
        r = engine.periodCompare(q, {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->partialLabel, QStringLiteral("up to 3-10"));
        QCOMPARE(r->lastYearToMs, at(2024, 3, 10, 14)); // not 03-09: 2024 had a 29 February
    }

    /// Whole production days at the day step, even from midnight (the 今天 preset).
    void dayStepCoversWholeProductionDays()
    {
        const auto days =
            history({tag("S1", "outlet_total")}, nov(3, 0), nov(5, 0), QueryStep::Day);
        QCOMPARE(days.fromMs, nov(2, 8));
        QCOMPARE(days.toMs, nov(5, 8));
        const QuerySeries& d = days.series.front();
        QCOMPARE(d.points.size(), size_t(3));
        for (const QueryPoint& p : d.points)
            QVERIFY(near(p.value, 2400.0));
    }

    void everyStepCountsAMeterAlike_data()
    {
        QTest::addColumn<bool>("badEdge");
        QTest::addColumn<bool>("replaced");
        QTest::newRow("a bad reading just before the range") << true << false;
        QTest::newRow("a replacement entered") << false << true;
    }

    /// Raw, 15-minute and hourly steps give the same volume: from the last good reading before
    /// the range, and across an entered meter replacement.
    void everyStepCountsAMeterAlike()
    {
        QFETCH(bool, badEdge);
        QFETCH(bool, replaced);
        QTemporaryDir tmp;
        QString error;
        const auto url = History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + tmp.filePath(QStringLiteral("e.db")), &error);
        QVERIFY(url);
        const TagId meter = tag("S1", "outlet_total");
        const qint64 t0 = at(2026, 1, 1, 0);
        {
            History::HistoryOptions options;
            options.database = *url;
            options.spoolDirectory = tmp.filePath(QStringLiteral("spool"));
            options.heartbeatMs = MinuteMs;
            ManualClock clock(t0);
            History::HistoryWriter w(m_project, clock, options);
            QVERIFY(w.open());
            std::vector<Sample> batch;
            // 60 m³/h read every 5 minutes; either no reading at 01:00 and a bad one at 00:59,
            // or a new meter from 01:30 (the old one's final 1090, the new one's first 10).
            for (qint64 t = t0; t <= at(2026, 1, 1, 3); t += 5 * MinuteMs) {
                const double minutes = double(t - t0) / MinuteMs;
                if (badEdge && t == at(2026, 1, 1, 1))
                    batch.push_back({t - MinuteMs, 0.0, meter, Quality::BadCommFailure});
                else if (replaced && t >= at(2026, 1, 1, 1, 30))
                    batch.push_back({t, 10.0 + minutes - 90, meter, Quality::Good});
                else
                    batch.push_back({t, 1000.0 + minutes, meter, Quality::Good});
            }
            clock.setNowMs(at(2026, 1, 1, 3) + 5000);
            w.write(batch);
            QVERIFY(w.flush());
        }
        History::HistoryReader reader(m_project, *url);
        QVERIFY2(reader.open(&error), qPrintable(error));
        if (replaced) {
            const User admin{
                QStringLiteral("zhaoliu"), QStringLiteral("赵六"), {}, Role::Administrator};
            QVERIFY2(ReportStore(reader.database())
                         .addReplacement({0,
                                          m_project.tagPath(meter),
                                          at(2026, 1, 1, 1, 30),
                                          1090.0,
                                          10.0,
                                          {},
                                          QStringLiteral("换表")},
                                         admin, QStringLiteral("ws1"), &error),
                     qPrintable(error));
        }
        QueryEngine engine(m_project, reader);
        for (QueryStep step : {QueryStep::Raw, QueryStep::Quarter, QueryStep::Hour}) {
            HistoryRequest r;
            r.tags = {meter};
            r.fromMs = at(2026, 1, 1, 1);
            r.toMs = at(2026, 1, 1, 2);
            r.step = step;
            const auto res = engine.history(r, {}, &error);
            QVERIFY2(res, qPrintable(error));
            const SeriesStats& s = res->series.front().stats;
            QVERIFY2(near(s.total, 60.0, 1e-9), qPrintable(stepCode(step)));
            QCOMPARE(bool(s.flags & CellFlag::Replaced), replaced);
            QVERIFY(!(s.flags & CellFlag::Reset));
        }
    }

    void percentagesChangeInPoints()
    {
        PeriodValue base{82.5, {}, 0};
        PeriodValue current{85.0, {}, 0};
        const Change c = Change::between(base, current, true);
        QVERIFY(c.points && near(c.percent, 2.5));
        QCOMPARE(QueryReport::changeText(c), QStringLiteral("+2.5 pp"));
        QCOMPARE(QueryReport::changeText(Change::between(current, base, false)),
                 QStringLiteral("-2.9%"));
        const PeriodValue same{85.01, {}, 0};
        QCOMPARE(QueryReport::changeText(Change::between(current, same, false)),
                 QStringLiteral("0.0%")); // not +0.0%
        QCOMPARE(QueryReport::changeText(Change::between({}, current, false)), QStringLiteral("—"));
    }

    void overlayShiftsPeriodsOntoOneAxis()
    {
        QueryEngine engine(m_project, *m_reader);
        QString error;
        const auto r = engine.overlay(tag("S2", "outlet_pressure"),
                                      ReportPeriod(ReportPeriod::Day, QDate(2026, 11, 10)),
                                      QueryStep::Hour, 0, {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->series.size(), size_t(3));
        QCOMPARE(r->series[1].shiftMs, 24 * HourMs);
        QCOMPARE(r->series[0].points.front().startMs, nov(10, 8));
        QCOMPARE(r->series[1].points.front().startMs + r->series[1].shiftMs, nov(10, 8));
        QVERIFY(near(r->series[1].stats.average, 0.40));
        QVERIFY(!r->series[2].stats.average); // nothing a year ago
        QVERIFY(r->series[2].caption.contains(QStringLiteral("last year")));
    }

    void historyAsAReport()
    {
        const auto r = history({tag("S1", "outlet_pressure"), tag("S2", "outlet_pressure")},
                               nov(10, 0), nov(11, 0), QueryStep::Hour);
        const Report rep = QueryReport::history(r, Test::Queries::Zone);
        QVERIFY2(rep.check().isEmpty(), qPrintable(rep.check().join(u'\n')));
        QCOMPARE(rep.headerRows, 2);
        QCOMPARE(rep.cell(0, 1).text, QStringLiteral("(H)黄家坝"));
        QCOMPARE(rep.cell(1, 1).text, QStringLiteral("出水压力 (MPa)"));
        QCOMPARE(rep.cell(2, 0).text, QStringLiteral("2026-11-10 00:00"));
        QVERIFY(rep.cell(2, 0).time.isValid());
        QCOMPARE(rep.cell(2 + 10, 1).displayText(), QStringLiteral("0.304"));
        QCOMPARE(rep.cell(2 + 15, 1).displayText(), QString()); // the gap: blank
        QVERIFY(rep.cell(2 + 15, 1).flags & CellFlag::Missing);
        // Statistics under the 24 hours.
        const int stats = 2 + 24;
        QCOMPARE(rep.cell(stats, 0).text, QStringLiteral("Minimum"));
        QCOMPARE(rep.cell(stats, 1).displayText(), QStringLiteral("0.210"));
        QCOMPARE(rep.cell(stats + 1, 1).text, QStringLiteral("2026-11-10 03:15:00"));
        QCOMPARE(rep.cell(stats + 3, 1).text, QStringLiteral("2026-11-10 10:30:00"));
        QCOMPARE(rep.cell(stats + 5, 1).displayText(), QStringLiteral("1320"));
        QCOMPARE(rep.cell(stats + 6, 1).displayText(), QStringLiteral("91.7"));
        QCOMPARE(rep.charts.size(), size_t(1));
        QCOMPARE(rep.charts.front().lastRow, 2 + 23);
    }
};

QTEST_GUILESS_MAIN(tst_Queries)
#include "tst_queries.moc"
