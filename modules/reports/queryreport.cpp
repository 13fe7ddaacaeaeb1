#include "queryreport.h"

#include <core/valueformat.h>

#include <algorithm>
#include <cmath>

namespace PumpWatch::Reports {

namespace {

constexpr int PercentDecimals = 1;

} // namespace

QString QueryReport::timeFormat(QueryStep step)
{
    switch (step) {
    case QueryStep::Raw:
        return QStringLiteral("yyyy-MM-dd HH:mm:ss");
    case QueryStep::Day:
        return QStringLiteral("yyyy-MM-dd");
    default:
        return QStringLiteral("yyyy-MM-dd HH:mm");
    }
}

namespace {

QDateTime local(qint64 ms, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone);
}

QString spanText(qint64 fromMs, qint64 toMs, const QTimeZone& zone)
{
    const QString f = QStringLiteral("yyyy-MM-dd HH:mm");
    return local(fromMs, zone).toString(f) + QStringLiteral(" — ") + local(toMs, zone).toString(f);
}

Cell valueCell(const std::optional<double>& v, int decimals, CellFlags flags = {},
               const QString& comment = {})
{
    Cell c = v ? Cell::number(*v, decimals, flags) : Cell::blank(flags);
    c.comment = comment;
    return c;
}

Cell timeCell(const std::optional<double>& v, qint64 ms, const QString& format,
              const QTimeZone& zone)
{
    return v ? Cell::at(local(ms, zone), format) : Cell::blank();
}

QString unitSuffix(const QString& unit)
{
    return unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(unit);
}

} // namespace

QString QueryReport::quantityName(const QuerySeries& s, QueryStep step)
{
    const QString name = (s.zone.isEmpty() ? QString() : s.zone + u' ') + s.name;
    if (s.aggregation == Aggregation::Counter && step != QueryStep::Raw)
        return tr("%1, advance", "a meter's advance per row (增量), not its reading").arg(name);
    return name;
}

QString QueryReport::stepName(QueryStep step)
{
    switch (step) {
    case QueryStep::Auto:
        return tr("Automatic");
    case QueryStep::Raw:
        return tr("Raw data");
    case QueryStep::Quarter:
        return tr("15 minutes");
    case QueryStep::Hour:
        return tr("Hour");
    case QueryStep::Day:
        return tr("Day");
    }
    return {};
}

QString QueryReport::rankName(RankBy by)
{
    switch (by) {
    case RankBy::Average:
        return tr("Average");
    case RankBy::Maximum:
        return tr("Maximum");
    case RankBy::Minimum:
        return tr("Minimum");
    case RankBy::Total:
        return tr("Total", "a counter's advance over the period (累计)");
    case RankBy::Coverage:
        return tr("Coverage");
    }
    return {};
}

QString QueryReport::measureName(Measure m)
{
    switch (m) {
    case Measure::Tag:
        return tr("Quantity");
    case Measure::Volume:
        return tr("Water produced");
    case Measure::Energy:
        return tr("Energy");
    case Measure::EnergyPerVolume:
        return tr("Energy per volume");
    }
    return {};
}

QString QueryReport::changeText(const Change& change)
{
    if (!change.percent)
        return QStringLiteral("—");
    // A change that rounds to nothing reads 0.0, not +0.0 or -0.0.
    const double rounded = std::round(*change.percent * 10.0) / 10.0;
    const QString n = ValueFormat::number(rounded == 0.0 ? 0.0 : rounded, PercentDecimals);
    const QString sign = rounded > 0 ? QStringLiteral("+") : QString();
    return change.points ? tr("%1 pp").arg(sign + n) : sign + n + u'%';
}

Report QueryReport::history(const HistoryResult& result, const QTimeZone& zone)
{
    Report r;
    r.family = QStringLiteral("query");
    r.id = QStringLiteral("query-history-%1")
               .arg(local(result.fromMs, zone).toString(QStringLiteral("yyyyMMdd-HHmm")));
    r.title = tr("History query");
    r.sheetName = tr("Data");
    r.subtitles << tr("Period: %1").arg(spanText(result.fromMs, result.toMs, zone))
                << tr("Resolution: %1").arg(stepName(result.step));
    const auto& series = result.series;
    const QString format = QueryReport::timeFormat(result.step);

    // Header: time | station over each of its quantities.
    r.headerRows = 2;
    r.columns.push_back({tr("Time"), result.step == QueryStep::Raw ? 20.0 : 17.0});
    std::vector<Cell> top{Cell::header(tr("Time"))};
    std::vector<Cell> second{Cell::header({})};
    r.merges.push_back({0, 0, 2, 1});
    QStringList units;
    for (size_t i = 0; i < series.size(); ++i) {
        const QuerySeries& s = series[i];
        QString quantity = quantityName(s, result.step) + unitSuffix(s.unit);
        if (!s.caption.isEmpty())
            quantity = s.caption + u' ' + quantity;
        r.columns.push_back({s.label() + unitSuffix(s.unit), 14});
        top.push_back(
            Cell::header(i > 0 && series[i - 1].stationId == s.stationId ? QString() : s.station));
        second.push_back(Cell::header(quantity));
        if (!units.contains(s.unit) && !s.unit.isEmpty())
            units << s.unit;
    }
    for (int j = 1; j < r.columnCount();) {
        int k = j + 1;
        while (k < r.columnCount() &&
               series[size_t(k - 1)].stationId == series[size_t(j - 1)].stationId)
            ++k;
        if (k - j > 1)
            r.merges.push_back({0, j, 1, k - j});
        j = k;
    }
    r.rows.push_back(top);
    r.rows.push_back(second);

    // Body: the union of the series' times (an overlay's shifted onto the first's).
    std::vector<qint64> times;
    for (const QuerySeries& s : series) {
        for (const QueryPoint& p : s.points)
            times.push_back(p.startMs + s.shiftMs);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    std::vector<size_t> at(series.size(), 0);
    for (qint64 t : times) {
        std::vector<Cell> row{Cell::at(local(t, zone), format)};
        for (size_t i = 0; i < series.size(); ++i) {
            const QuerySeries& s = series[i];
            while (at[i] < s.points.size() && s.points[at[i]].startMs + s.shiftMs < t)
                ++at[i];
            if (at[i] < s.points.size() && s.points[at[i]].startMs + s.shiftMs == t) {
                const QueryPoint& p = s.points[at[i]];
                row.push_back(valueCell(p.value, s.decimals, p.flags, p.comment));
            } else {
                row.push_back(Cell::blank());
            }
        }
        r.rows.push_back(std::move(row));
    }
    const int bodyRows = int(times.size());
    if (bodyRows > 1) {
        ReportChart chart;
        chart.title = r.title;
        chart.firstRow = r.headerRows;
        chart.lastRow = r.headerRows + bodyRows - 1;
        for (int j = 1; j < r.columnCount(); ++j)
            chart.valueColumns.push_back(j);
        chart.valueAxisTitle = units.join(QStringLiteral(", "));
        r.charts.push_back(chart);
    }

    // Statistics under the table.
    const auto statRow = [&](const QString& label, const auto& cellOf) {
        std::vector<Cell> row{Cell::label(label, CellRole::Total)};
        for (const QuerySeries& s : series) {
            Cell c = cellOf(s);
            c.role = CellRole::Total;
            row.push_back(c);
        }
        r.rows.push_back(std::move(row));
    };
    const QString statFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    statRow(tr("Minimum"), [](const QuerySeries& s) { return valueCell(s.stats.min, s.decimals); });
    statRow(tr("Time of minimum"), [&](const QuerySeries& s) {
        return timeCell(s.stats.min, s.stats.minMs + s.shiftMs, statFormat, zone);
    });
    statRow(tr("Maximum"), [](const QuerySeries& s) { return valueCell(s.stats.max, s.decimals); });
    statRow(tr("Time of maximum"), [&](const QuerySeries& s) {
        return timeCell(s.stats.max, s.stats.maxMs + s.shiftMs, statFormat, zone);
    });
    statRow(tr("Average (time-weighted)"),
            [](const QuerySeries& s) { return valueCell(s.stats.average, s.decimals); });
    if (std::any_of(series.begin(), series.end(),
                    [](const QuerySeries& s) { return s.aggregation == Aggregation::Counter; }))
        statRow(tr("Total", "a counter's advance over the period (累计)"),
                [](const QuerySeries& s) {
                    return valueCell(s.stats.total, s.decimals, s.stats.flags);
                });
    statRow(tr("Samples"),
            [](const QuerySeries& s) { return Cell::number(double(s.stats.count), 0); });
    statRow(tr("Coverage %"), [](const QuerySeries& s) {
        return Cell::number(s.stats.coverage() * 100.0, PercentDecimals);
    });

    for (const QuerySeries& s : series) {
        if (s.truncated)
            r.notes << tr("%1: %2 raw samples are more than a table lists; the curve and the "
                          "statistics include all of them. Choose a coarser resolution for the "
                          "table.")
                           .arg(s.label())
                           .arg(s.samples);
    }
    r.notes << tr("Blank: no data. Italic: estimated across a communication gap. Averages are "
                  "time-weighted; coverage is the share of the period with a valid value.");
    return r;
}

std::vector<Report> QueryReport::compare(const CompareResult& result, const QTimeZone& zone)
{
    const HistoryResult& h = result.history;
    Report rank;
    rank.family = QStringLiteral("query");
    const QuerySeries& first = h.series.front();
    rank.id = QStringLiteral("query-compare-%1")
                  .arg(local(h.fromMs, zone).toString(QStringLiteral("yyyyMMdd-HHmm")));
    rank.title = tr("Comparison: %1%2").arg(first.name, unitSuffix(first.unit));
    rank.sheetName = tr("Ranking");
    rank.subtitles << tr("Period: %1").arg(spanText(h.fromMs, h.toMs, zone))
                   << tr("Ranked by: %1").arg(rankName(result.rankBy));
    const bool counter = first.aggregation == Aggregation::Counter;
    QStringList headers{tr("Rank"),    tr("Station"),         tr("Minimum"), tr("Time of minimum"),
                        tr("Maximum"), tr("Time of maximum"), tr("Average")};
    if (counter)
        headers << tr("Total", "a counter's advance over the period (累计)");
    headers << tr("Samples") << tr("Coverage %");
    std::vector<Cell> header;
    for (const QString& name : headers) {
        rank.columns.push_back({name, name.contains(tr("Time")) ? 18.0 : 11.0});
        header.push_back(Cell::header(name));
    }
    rank.rows.push_back(header);
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm");
    for (size_t n = 0; n < result.ranking.size(); ++n) {
        const int i = result.ranking[n];
        const QuerySeries& s = h.series[size_t(i)];
        std::vector<Cell> row;
        row.push_back(result.rankValues[size_t(i)] ? Cell::number(double(n + 1), 0)
                                                   : Cell::blank());
        row.push_back(Cell::label(s.place()));
        row.push_back(valueCell(s.stats.min, s.decimals));
        row.push_back(timeCell(s.stats.min, s.stats.minMs, format, zone));
        row.push_back(valueCell(s.stats.max, s.decimals));
        row.push_back(timeCell(s.stats.max, s.stats.maxMs, format, zone));
        row.push_back(valueCell(s.stats.average, s.decimals));
        if (counter)
            row.push_back(valueCell(s.stats.total, s.decimals, s.stats.flags));
        row.push_back(Cell::number(double(s.stats.count), 0));
        row.push_back(Cell::number(s.stats.coverage() * 100.0, PercentDecimals));
        rank.rows.push_back(std::move(row));
    }
    Report data = history(h, zone);
    data.title = rank.title;
    return {rank, data};
}

Report QueryReport::periodCompare(const PeriodCompareResult& result, const QTimeZone& zone)
{
    Report r;
    r.family = QStringLiteral("query");
    r.id = QStringLiteral("query-yoy-%1").arg(result.period.code());
    r.title = tr("%1 %2: against the previous period and the same period last year")
                  .arg(result.period.displayName(), result.measureName);
    r.sheetName = tr("Period comparison");
    r.subtitles
        << tr("This period: %1").arg(spanText(result.fromMs, result.toMs, zone))
        << tr("Previous period: %1").arg(spanText(result.previousFromMs, result.previousToMs, zone))
        << tr("Same period last year: %1")
               .arg(spanText(result.lastYearFromMs, result.lastYearToMs, zone));
    if (!result.unit.isEmpty())
        r.subtitles << tr("Unit: %1").arg(result.unit);
    const QString pct = result.percentUnit ? tr("(pp)") : QStringLiteral("(%)");
    const QString unit = unitSuffix(result.unit);
    QStringList headers{
        tr("Station"),       tr("This period") + unit,           tr("Previous period") + unit,
        tr("Change") + unit, tr("Against previous %1").arg(pct), tr("Same period last year") + unit,
        tr("Change") + unit, tr("Against last year %1").arg(pct)};
    if (result.additive)
        headers << tr("Per day") + unitSuffix(tr("%1/day").arg(result.unit));
    std::vector<Cell> header;
    for (const QString& name : headers) {
        r.columns.push_back({name, 13});
        header.push_back(Cell::header(name));
    }
    r.rows.push_back(header);
    const int d = result.decimals;
    const auto changeCells = [&](const PeriodValue& base, const PeriodValue& current,
                                 bool comparable, std::vector<Cell>& row) {
        const Change c = Change::between(base, current, result.percentUnit);
        if (!comparable) {
            Cell dash = Cell::label(QStringLiteral("—"));
            dash.comment = tr("not comparable: no data in one of the periods");
            row.push_back(dash);
            row.push_back(dash);
            return;
        }
        row.push_back(valueCell(c.amount, d));
        row.push_back(c.percent ? Cell::number(*c.percent, PercentDecimals)
                                : Cell::label(QStringLiteral("—")));
        if (!c.percent)
            row.back().comment = tr("the base is 0: no growth rate");
    };
    for (const PeriodCompareRow& s : result.rows) {
        std::vector<Cell> row{Cell::label(s.station)};
        row.push_back(valueCell(s.current.value, d, s.current.flags));
        row.push_back(valueCell(s.previous.value, d, s.previous.flags));
        changeCells(s.previous, s.current, s.inPrevious, row);
        row.push_back(valueCell(s.lastYear.value, d, s.lastYear.flags));
        changeCells(s.lastYear, s.current, s.inLastYear, row);
        if (result.additive)
            row.push_back(valueCell(s.current.perDay(), d));
        r.rows.push_back(std::move(row));
    }
    const QString totalName =
        result.additive ? tr("Total", "the sum over stations (合计)") : tr("Overall");
    const auto totalRow = [&](const QString& label, const PeriodTotals& t, bool previous) {
        std::vector<Cell> row{Cell::label(label.arg(totalName).arg(t.stations), CellRole::Total)};
        row.push_back(valueCell(t.current.value, d, t.current.flags));
        const std::vector<Cell> blank(3, Cell::blank());
        std::vector<Cell> part{valueCell(t.base.value, d, t.base.flags)};
        changeCells(t.base, t.current, t.stations > 0, part);
        if (previous) {
            row.insert(row.end(), part.begin(), part.end());
            row.insert(row.end(), blank.begin(), blank.end());
        } else {
            row.insert(row.end(), blank.begin(), blank.end());
            row.insert(row.end(), part.begin(), part.end());
        }
        if (result.additive)
            row.push_back(valueCell(t.current.perDay(), d));
        for (Cell& c : row)
            c.role = CellRole::Total;
        r.rows.push_back(std::move(row));
    };
    totalRow(tr("%1, comparable against previous (%2 stations)"), result.previousTotals, true);
    totalRow(tr("%1, comparable against last year (%2 stations)"), result.lastYearTotals, false);

    if (result.partial)
        r.notes << tr("This period is not over: it is compared %1, and each base over the same "
                      "elapsed time from its start.")
                       .arg(result.partialLabel);
    r.notes << tr("Stations with data: this period %1, previous period %2, same period last year "
                  "%3; comparable: %4 against the previous period, %5 against last year. Totals "
                  "count only the comparable stations.")
                   .arg(result.currentStations)
                   .arg(result.previousStations)
                   .arg(result.lastYearStations)
                   .arg(result.previousTotals.stations)
                   .arg(result.lastYearTotals.stations);
    r.notes << tr("Growth = (this period − base) / base; \"—\" where the base is 0 or missing.");
    return r;
}

} // namespace PumpWatch::Reports
