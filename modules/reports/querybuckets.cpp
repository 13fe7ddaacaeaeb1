// QueryEngine at hour and day steps (from the rollups) and the comparison of stations.
#include "query.h"
#include "reportbuilder.h"
#include "reportstore.h"

#include <algorithm>

namespace PumpWatch::Reports {

namespace {

constexpr qint64 HourMs = 3'600'000;
constexpr size_t HourChunk = 250; ///< series read together at hour and day steps

/// The bucket index of each hour row: rows and bounds both ascending.
template <typename F>
void byBucket(const std::vector<History::RollupRow>& hours, const std::vector<qint64>& bounds, F f)
{
    size_t b = 0;
    for (const History::RollupRow& r : hours) {
        while (b + 1 < bounds.size() && r.startMs >= bounds[b + 1])
            ++b;
        if (b + 1 < bounds.size() && r.startMs >= bounds[b])
            f(b, r);
    }
}

} // namespace

bool QueryEngine::readBuckets(const std::vector<TagId>& tags, const std::vector<qint64>& bounds,
                              HistoryResult& result, qint64 nowMs, const Canceled& canceled,
                              QString* error)
{
    const qint64 endMs = nowMs > 0 ? std::clamp(nowMs, result.fromMs, result.toMs) : result.toMs;
    std::vector<size_t> counters;
    std::vector<size_t> others;
    for (size_t i = 0; i < tags.size(); ++i)
        (result.series[i].aggregation == Aggregation::Counter ? counters : others).push_back(i);
    const auto emptyRows = [&](QuerySeries& s) {
        s.points.resize(bounds.size() - 1);
        for (size_t b = 0; b + 1 < bounds.size(); ++b) {
            s.points[b].startMs = bounds[b];
            s.points[b].endMs = bounds[b + 1];
            if (bounds[b + 1] > endMs)
                s.points[b].flags |= CellFlag::Incomplete;
        }
        s.stats.spanMs = endMs - result.fromMs;
    };

    if (!others.empty()) {
        // A chunk of series at a time: a year of hours of 2000 stations would not fit at once.
        std::optional<std::vector<std::vector<History::RollupRow>>> rows;
        for (size_t first = 0; first < others.size(); first += HourChunk) {
            const size_t n = std::min(HourChunk, others.size() - first);
            std::vector<TagId> query;
            for (size_t k = first; k < first + n; ++k)
                query.push_back(tags[others[k]]);
            rows = m_reader.hourAverages(query, result.fromMs, result.toMs);
            if (!rows) {
                *error = m_reader.lastError();
                return false;
            }
            if (canceled && canceled()) {
                *error = tr("canceled");
                return false;
            }
            for (size_t j = 0; j < n; ++j) {
                QuerySeries& s = result.series[others[first + j]];
                emptyRows(s);
                std::vector<History::RollupRow> buckets(s.points.size());
                // The hours holding the extremes: the exact times are looked up in them below.
                const History::RollupRow* minHour = nullptr;
                const History::RollupRow* maxHour = nullptr;
                double integral = 0.0;
                byBucket((*rows)[j], bounds, [&](size_t b, const History::RollupRow& r) {
                    buckets[b].combine(r);
                    if (r.count > 0 && (!minHour || r.min < minHour->min))
                        minHour = &r;
                    if (r.count > 0 && (!maxHour || r.max > maxHour->max))
                        maxHour = &r;
                    integral += r.integral;
                    s.stats.coveredMs += r.coveredMs;
                    s.stats.count += r.count;
                });
                for (size_t b = 0; b < buckets.size(); ++b) {
                    QueryPoint& p = s.points[b];
                    p.value = buckets[b].average();
                    p.min = buckets[b].min;
                    p.max = buckets[b].max;
                    p.count = buckets[b].count;
                    p.coveredMs = buckets[b].coveredMs;
                    const qint64 due = std::min(p.endMs, endMs) - p.startMs;
                    if (due > 0 && p.coveredMs < due)
                        p.flags |= CellFlag::Missing;
                    s.stats.flags |= p.flags;
                }
                if (s.stats.coveredMs > 0)
                    s.stats.average = integral / double(s.stats.coveredMs);
                const auto when = [&](const History::RollupRow* hour, double value, qint64* ms) {
                    const auto at =
                        m_reader.timeOfValue(s.tag, hour->startMs, hour->startMs + HourMs, value);
                    if (at)
                        *ms = *at > 0 ? *at : hour->startMs;
                    return at.has_value();
                };
                if (minHour) {
                    s.stats.min = minHour->min;
                    s.stats.max = maxHour->max;
                    if (!when(minHour, minHour->min, &s.stats.minMs) ||
                        !when(maxHour, maxHour->max, &s.stats.maxMs)) {
                        *error = m_reader.lastError();
                        return false;
                    }
                }
            }
        }
    }

    if (!counters.empty()) {
        std::vector<TagId> query;
        for (size_t i : counters)
            query.push_back(tags[i]);
        ReportOptions options;
        options.nowMs = nowMs;
        options.canceled = canceled;
        std::vector<ReportBuilder::Readings> readings;
        ReportBuilder builder(m_project, m_reader);
        const auto volumes = builder.meterVolumes(query, bounds, options, error, &readings);
        if (!volumes)
            return false;
        for (size_t k = 0; k < counters.size(); ++k) {
            QuerySeries& s = result.series[counters[k]];
            emptyRows(s);
            s.stats.count = readings[k].count;
            s.stats.coveredMs = std::min(readings[k].coveredMs, s.stats.spanMs);
            for (size_t b = 0; b < s.points.size(); ++b) {
                const CounterBucket& c = (*volumes)[k].buckets()[b];
                s.points[b].value = c.value;
                s.points[b].flags |= c.flags;
                s.points[b].comment = c.comment;
                if (c.value && *c.value < 0.0) {
                    // History counts a small decrease as reverse flow; a bucket that went
                    // backwards is worth a look, not a silent negative volume.
                    s.points[b].flags |= CellFlag::Suspect;
                    s.points[b].comment =
                        tr("the meter went back by %1 %2")
                            .arg(QString::number(-*c.value, 'f', s.decimals), s.unit);
                }
            }
        }
        if (!applyCorrections(result, counters, error))
            return false;
        for (size_t i : counters) {
            QuerySeries& s = result.series[i];
            double sum = 0.0;
            int known = 0;
            for (const QueryPoint& p : s.points) {
                s.stats.flags |= p.flags;
                if (!p.value)
                    continue;
                if (!s.stats.min || *p.value < *s.stats.min) {
                    s.stats.min = p.value;
                    s.stats.minMs = p.startMs;
                }
                if (!s.stats.max || *p.value > *s.stats.max) {
                    s.stats.max = p.value;
                    s.stats.maxMs = p.startMs;
                }
                sum += *p.value;
                ++known;
            }
            if (known > 0) {
                s.stats.total = sum;
                s.stats.average = sum / known;
            }
        }
    }
    return true;
}

bool QueryEngine::applyCorrections(HistoryResult& result, const std::vector<size_t>& counters,
                                   QString* error)
{
    // The production report corrects a line's hour or day; where the line is this one meter,
    // the query's bucket is that cell, and shows what the report shows.
    if ((result.step != QueryStep::Hour && result.step != QueryStep::Day) ||
        m_project.lines.empty())
        return true;
    const QString& production = m_project.reports.productionTag;
    QHash<int, int> metersOfLine;
    for (const Station& s : m_project.stations) {
        if (s.line < 0)
            continue;
        for (const Device& d : s.devices)
            metersOfLine[s.line] += m_project.findTag(s.id, d.id, production) != InvalidTagId;
    }
    QHash<QString, size_t> seriesOfLine; // "line:ID" → the series
    for (size_t i : counters) {
        const QuerySeries& s = result.series[i];
        const Station& station = m_project.stationOfTag(s.tag);
        if (m_project.tag(s.tag).key == production && station.line >= 0 &&
            metersOfLine.value(station.line) == 1)
            seriesOfLine.insert(QStringLiteral("line:") + m_project.lines[size_t(station.line)].id,
                                i);
    }
    if (seriesOfLine.isEmpty())
        return true;
    const auto corrections =
        ReportStore(m_reader.database())
            .corrections(QStringLiteral("production"), result.fromMs, result.toMs, error);
    if (!corrections)
        return false;
    const bool days = result.step == QueryStep::Day;
    for (const Correction& c : *corrections) {
        const QStringList parts = c.cell.split(u'/'); // "line:ID", "day" or "hour", the label
        const auto series = seriesOfLine.constFind(parts.value(0));
        if (parts.size() != 3 || parts[1] != (days ? u"day" : u"hour") ||
            series == seriesOfLine.constEnd())
            continue;
        QuerySeries& s = result.series[*series];
        for (QueryPoint& p : s.points) {
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(p.startMs, m_zone);
            const QString label = days ? t.date().toString(Qt::ISODate)
                                       : t.toString(QStringLiteral("yyyy-MM-ddTHH:mm"));
            if (label != parts[2])
                continue;
            p.comment = tr("corrected by %1 (%2): %3 → %4, %5")
                            .arg(c.user, correctionMethodDisplayName(c.method),
                                 p.value ? QString::number(*p.value, 'f', s.decimals) : tr("blank"),
                                 QString::number(c.corrected, 'f', s.decimals), c.reason);
            p.value = c.corrected;
            p.flags = CellFlag::Corrected;
        }
    }
    return true;
}

std::optional<CompareResult> QueryEngine::compare(const CompareRequest& request,
                                                  const Canceled& canceled, QString* error)
{
    const std::vector<TagId> tags = tagsOf(request.key, request.stations, true);
    if (tags.empty()) {
        *error = request.stations.isEmpty()
                     ? tr("no station has a tag '%1'").arg(request.key)
                     : tr("none of the stations %1 has a tag '%2'")
                           .arg(request.stations.join(QStringLiteral(", ")), request.key);
        return std::nullopt;
    }
    HistoryRequest h;
    h.tags = tags;
    h.fromMs = request.fromMs;
    h.toMs = request.toMs;
    h.step = request.step;
    h.nowMs = request.nowMs;
    h.chartBuckets = request.chartBuckets;
    auto history = this->history(h, canceled, error);
    if (!history)
        return std::nullopt;
    CompareResult r;
    r.history = std::move(*history);
    const bool counter = r.history.series.front().aggregation == Aggregation::Counter;
    r.rankBy = counter && request.rankBy == RankBy::Average ? RankBy::Total : request.rankBy;
    for (const QuerySeries& s : r.history.series) {
        switch (r.rankBy) {
        case RankBy::Average:
            r.rankValues.push_back(s.stats.average);
            break;
        case RankBy::Maximum:
            r.rankValues.push_back(s.stats.max);
            break;
        case RankBy::Minimum:
            r.rankValues.push_back(s.stats.min);
            break;
        case RankBy::Total:
            r.rankValues.push_back(s.stats.total);
            break;
        case RankBy::Coverage:
            r.rankValues.push_back(s.stats.coverage());
            break;
        }
    }
    r.ranking.resize(r.history.series.size());
    std::iota(r.ranking.begin(), r.ranking.end(), 0);
    std::stable_sort(r.ranking.begin(), r.ranking.end(), [&](int a, int b) {
        const auto& x = r.rankValues[size_t(a)];
        const auto& y = r.rankValues[size_t(b)];
        if (!x || !y)
            return x.has_value() && !y.has_value();
        return request.descending ? *x > *y : *x < *y;
    });
    return r;
}

} // namespace PumpWatch::Reports
