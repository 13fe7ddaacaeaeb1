// 同比/环比: a period against the one before and the same one last year, and the overlay of
// the three on one time axis.
#include "query.h"
#include "reportbuilder.h"

#include <core/valueformat.h>

#include <algorithm>
#include <cmath>

namespace PumpWatch::Reports {

namespace {

constexpr qint64 HourMs = 3'600'000;
constexpr qint64 DayMs = 24 * HourMs;

struct Span {
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

/// One station's figures over one span: the measure, and for kWh/m³ its two parts.
struct Figures {
    PeriodValue value;
    double numerator = 0.0; ///< kWh (EnergyPerVolume)
    double denominator = 0.0;
};

} // namespace

std::optional<double> PeriodValue::perDay() const
{
    if (!value || spanMs <= 0)
        return std::nullopt;
    return *value / (double(spanMs) / double(DayMs));
}

Change Change::between(const PeriodValue& base, const PeriodValue& current, bool percentUnit)
{
    Change c;
    c.points = percentUnit;
    if (!base.value || !current.value)
        return c;
    c.amount = *current.value - *base.value;
    if (percentUnit)
        c.percent = c.amount; // a change of a percentage: percentage points
    else if (*base.value != 0.0)
        c.percent = *c.amount / *base.value * 100.0; // (本期 − 基期) / 基期
    return c;
}

std::optional<PeriodCompareResult> QueryEngine::periodCompare(const PeriodCompareRequest& request,
                                                              const Canceled& canceled,
                                                              QString* error)
{
    const ReportSettings& settings = m_project.reports;
    PeriodCompareResult r;
    r.period = request.period;
    QString key = request.key;
    QString denominatorKey;
    switch (request.measure) {
    case Measure::Tag:
        break;
    case Measure::Volume:
        key = settings.productionTag;
        break;
    case Measure::Energy:
        key = settings.energyTag;
        break;
    case Measure::EnergyPerVolume:
        key = settings.energyTag;
        denominatorKey = settings.productionTag;
        break;
    }
    std::vector<TagId> tags = tagsOf(key, request.stations);
    std::vector<TagId> denominators;
    if (!denominatorKey.isEmpty()) {
        // Stations with both meters only.
        std::vector<TagId> both;
        const ReportBuilder siblings(m_project, m_reader);
        for (TagId t : tags) {
            const TagId d = siblings.siblingTag(t, denominatorKey);
            if (d != InvalidTagId) {
                both.push_back(t);
                denominators.push_back(d);
            }
        }
        tags = std::move(both);
    }
    if (key.isEmpty()) {
        *error = request.measure == Measure::Tag
                     ? tr("no tag key given")
                     : tr("the project names no meter for this (reports.production, "
                          "reports.energy)");
        return std::nullopt;
    }
    if (tags.empty()) {
        *error = tr("no station has a tag '%1'").arg(key);
        return std::nullopt;
    }
    const TagDef& def = m_project.tag(tags.front());
    const bool counter = quantityInfo(def.quantity).aggregation == Aggregation::Counter;
    r.additive = counter && request.measure != Measure::EnergyPerVolume;
    switch (request.measure) {
    case Measure::Tag:
        r.measureName = def.name;
        r.unit = def.unit;
        r.decimals = ValueFormat::decimals(def.quantity, def.unit);
        break;
    case Measure::Volume:
    case Measure::Energy:
        r.measureName = request.measure == Measure::Volume ? tr("Water produced") : tr("Energy");
        r.unit = def.unit;
        r.decimals = 0;
        break;
    case Measure::EnergyPerVolume:
        r.measureName = tr("Energy per volume");
        r.unit = QStringLiteral("kWh/m³");
        r.decimals = 3;
        break;
    }
    r.percentUnit = r.unit == QStringLiteral("%");

    // The spans: whole periods; or a running period cut at the last whole hour, and each base
    // cut at the same place in its own calendar (the 10th 14:00 of the month before, of the
    // month a year before: the same day and hour, not the same milliseconds, so a leap day or
    // a shorter month does not shift it).
    const int dayStart = settings.dayStartMinute;
    const PeriodCuts current = request.period.cuts(m_zone, dayStart);
    const PeriodCuts previous = request.period.previous().cuts(m_zone, dayStart);
    const PeriodCuts lastYear = request.period.sameLastYear().cuts(m_zone, dayStart);
    Span spans[3] = {{current.fromMs(), current.toMs()},
                     {previous.fromMs(), previous.toMs()},
                     {lastYear.fromMs(), lastYear.toMs()}};
    if (request.nowMs > 0 && request.nowMs < current.toMs()) {
        r.partial = true;
        const History::PeriodCalendar& calendar = m_reader.calendar();
        const qint64 cutMs =
            std::max(current.fromMs(), calendar.start(History::Resolution::Hour, request.nowMs));
        const QDateTime cut = QDateTime::fromMSecsSinceEpoch(cutMs, m_zone);
        QDateTime previousCut;
        switch (request.period.kind()) {
        case ReportPeriod::Day:
            r.partialLabel = tr("up to %1:00").arg(cut.time().hour());
            previousCut = cut.addDays(-1);
            break;
        case ReportPeriod::Month:
            r.partialLabel = tr("up to day %1 %2:00").arg(cut.date().day()).arg(cut.time().hour());
            previousCut = cut.addMonths(-1);
            break;
        case ReportPeriod::Year:
            r.partialLabel = tr("up to %1-%2").arg(cut.date().month()).arg(cut.date().day());
            previousCut = cut.addYears(-1);
            break;
        }
        spans[0].toMs = cutMs;
        spans[1].toMs = std::clamp(previousCut.toMSecsSinceEpoch(), spans[1].fromMs, spans[1].toMs);
        spans[2].toMs =
            std::clamp(cut.addYears(-1).toMSecsSinceEpoch(), spans[2].fromMs, spans[2].toMs);
    }
    r.fromMs = spans[0].fromMs;
    r.toMs = spans[0].toMs;
    r.previousFromMs = spans[1].fromMs;
    r.previousToMs = spans[1].toMs;
    r.lastYearFromMs = spans[2].fromMs;
    r.lastYearToMs = spans[2].toMs;

    // Each station's figures over each span.
    const auto measure = [&](const std::vector<TagId>& of, const Span& span,
                             std::vector<PeriodValue>* out) {
        out->assign(of.size(), PeriodValue{});
        for (PeriodValue& v : *out)
            v.spanMs = span.toMs - span.fromMs;
        if (span.toMs <= span.fromMs)
            return true;
        if (counter) {
            ReportOptions options;
            options.nowMs = request.nowMs;
            options.canceled = canceled;
            ReportBuilder builder(m_project, m_reader);
            std::vector<ReportBuilder::Readings> readings;
            const auto volumes =
                builder.meterVolumes(of, {span.fromMs, span.toMs}, options, error, &readings);
            if (!volumes)
                return false;
            for (size_t i = 0; i < of.size(); ++i) {
                const CounterBucket& b = (*volumes)[i].buckets().front();
                (*out)[i].value = b.value;
                (*out)[i].flags = b.flags;
                // Hours without a reading (a meter that began reporting late in the span): the
                // value is not the period's, and says so.
                if (b.value && readings[i].coveredMs + HourMs < span.toMs - span.fromMs)
                    (*out)[i].flags |= CellFlag::Missing;
            }
            return true;
        }
        const auto rows =
            m_reader.aggregated(of, span.fromMs, span.toMs, History::Resolution::Hour);
        if (!rows) {
            *error = m_reader.lastError();
            return false;
        }
        for (size_t i = 0; i < of.size(); ++i) {
            History::RollupRow whole;
            for (const History::RollupRow& h : (*rows)[i])
                whole.combine(h);
            (*out)[i].value = whole.average();
            if (whole.coveredMs < span.toMs - span.fromMs)
                (*out)[i].flags |= CellFlag::Missing;
        }
        return true;
    };
    std::vector<Figures> figures[3];
    for (int k = 0; k < 3; ++k) {
        std::vector<PeriodValue> values;
        if (!measure(tags, spans[k], &values))
            return std::nullopt;
        figures[k].resize(tags.size());
        for (size_t i = 0; i < tags.size(); ++i)
            figures[k][i].value = values[i];
        if (!denominators.empty()) {
            std::vector<PeriodValue> volumes;
            if (!measure(denominators, spans[k], &volumes))
                return std::nullopt;
            for (size_t i = 0; i < tags.size(); ++i) {
                Figures& f = figures[k][i];
                const PeriodValue kwh = f.value;
                f.value = {};
                f.value.spanMs = kwh.spanMs;
                f.value.flags = kwh.flags | volumes[i].flags;
                // Too little water for a ratio (REPORTS.md: under 2 m³ shows "—").
                if (kwh.value && volumes[i].value && *volumes[i].value >= 2.0) {
                    f.numerator = *kwh.value;
                    f.denominator = *volumes[i].value;
                    f.value.value = f.numerator / f.denominator;
                }
            }
        }
        if (canceled && canceled()) {
            *error = tr("canceled");
            return std::nullopt;
        }
    }

    // Rows, counts and the totals over the stations in both periods (可比口径).
    struct Pool {
        double sum = 0.0;
        double numerator = 0.0;
        double denominator = 0.0;
        int n = 0;
        CellFlags flags;
        void add(const Figures& f)
        {
            sum += *f.value.value;
            numerator += f.numerator;
            denominator += f.denominator;
            flags |= f.value.flags;
            ++n;
        }
    };
    Pool pools[4]; // current vs previous, previous, current vs last year, last year
    for (size_t i = 0; i < tags.size(); ++i) {
        const Station& s = m_project.stationOfTag(tags[i]);
        PeriodCompareRow row;
        row.stationId = s.id;
        row.station = s.displayName();
        row.current = figures[0][i].value;
        row.previous = figures[1][i].value;
        row.lastYear = figures[2][i].value;
        row.inPrevious = row.current.value && row.previous.value;
        row.inLastYear = row.current.value && row.lastYear.value;
        r.currentStations += row.current.value ? 1 : 0;
        r.previousStations += row.previous.value ? 1 : 0;
        r.lastYearStations += row.lastYear.value ? 1 : 0;
        if (row.inPrevious) {
            pools[0].add(figures[0][i]);
            pools[1].add(figures[1][i]);
        }
        if (row.inLastYear) {
            pools[2].add(figures[0][i]);
            pools[3].add(figures[2][i]);
        }
        r.rows.push_back(row);
    }
    const auto total = [&](const Pool& p, const Span& span) {
        PeriodValue v;
        v.spanMs = span.toMs - span.fromMs;
        v.flags = p.flags;
        if (p.n == 0)
            return v;
        if (!denominators.empty())
            v.value = p.denominator > 0 ? std::optional(p.numerator / p.denominator) : std::nullopt;
        else
            v.value = r.additive ? p.sum : p.sum / p.n;
        return v;
    };
    r.previousTotals = {total(pools[0], spans[0]), total(pools[1], spans[1]), pools[0].n};
    r.lastYearTotals = {total(pools[2], spans[0]), total(pools[3], spans[2]), pools[2].n};
    return r;
}

std::optional<HistoryResult> QueryEngine::overlay(TagId tag, const ReportPeriod& period,
                                                  QueryStep step, qint64 nowMs,
                                                  const Canceled& canceled, QString* error)
{
    const int dayStart = m_project.reports.dayStartMinute;
    const PeriodCuts cuts[3] = {period.cuts(m_zone, dayStart),
                                period.previous().cuts(m_zone, dayStart),
                                period.sameLastYear().cuts(m_zone, dayStart)};
    const QString captions[3] = {tr("this period"), tr("previous period"),
                                 tr("same period last year")};
    HistoryResult out;
    for (int k = 0; k < 3; ++k) {
        HistoryRequest h;
        h.tags = {tag};
        h.fromMs = cuts[k].fromMs();
        h.toMs = cuts[k].toMs();
        h.step = step == QueryStep::Auto ? stepForSpan(cuts[0].toMs() - cuts[0].fromMs()) : step;
        h.nowMs = nowMs;
        auto r = history(h, canceled, error);
        if (!r)
            return std::nullopt;
        if (k == 0)
            out = std::move(*r);
        QuerySeries& s = k == 0 ? out.series.front() : r->series.front();
        s.shiftMs = cuts[0].fromMs() - cuts[k].fromMs();
        s.caption = captions[k];
        if (k > 0)
            out.series.push_back(std::move(s));
    }
    return out;
}

} // namespace PumpWatch::Reports
