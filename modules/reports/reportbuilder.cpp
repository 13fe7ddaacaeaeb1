#include "reportbuilder.h"

#include "countervolume.h"
#include "reportstore.h"

#include <core/valueformat.h>

#include <QHash>

namespace PumpWatch::Reports {

namespace {

constexpr qint64 HourMs = 3'600'000;

/// A bucket's identity in corrections: "hour/2026-12-01T08:00", "day/2026-12-01", "month/2026-12".
QString bucketKey(ReportPeriod::Kind kind, qint64 startMs, const QTimeZone& zone)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(startMs, zone);
    switch (kind) {
    case ReportPeriod::Day:
        return QStringLiteral("hour/") + t.toString(QStringLiteral("yyyy-MM-ddTHH:mm"));
    case ReportPeriod::Month:
        return QStringLiteral("day/") + t.date().toString(Qt::ISODate);
    case ReportPeriod::Year:
        break;
    }
    return QStringLiteral("month/") + t.date().toString(QStringLiteral("yyyy-MM"));
}

Cell counterCell(const CounterBucket& b, int decimals)
{
    Cell c = b.value ? Cell::number(*b.value, decimals, b.flags) : Cell::blank(b.flags);
    c.comment = b.comment;
    return c;
}

/// Adds b's volume, flags and comment into `sum` (a line of several stations).
void add(CounterBucket& sum, const CounterBucket& b, const QString& who)
{
    if (b.value)
        sum.value = sum.value.value_or(0.0) + *b.value;
    sum.flags |= b.flags;
    // One meter of the line without data makes the line's number incomplete, not missing.
    if (sum.value && sum.flags & CellFlag::Missing)
        sum.flags = (sum.flags & ~CellFlags(CellFlag::Missing)) | CellFlag::Incomplete;
    if (!b.comment.isEmpty())
        sum.comment += (sum.comment.isEmpty() ? QString() : QStringLiteral("\n")) +
                       (who.isEmpty() ? b.comment : who + QStringLiteral(": ") + b.comment);
}

} // namespace

ReportBuilder::ReportBuilder(const Project& project, History::HistoryReader& reader)
    : m_project(project)
    , m_reader(reader)
    , m_zone(reader.calendar().zone())
{}

std::vector<TagId> ReportBuilder::stationTags(const QString& key) const
{
    std::vector<TagId> tags;
    for (const Station& s : m_project.stations) {
        for (const Device& d : s.devices) {
            const TagId t = m_project.findTag(s.id, d.id, key);
            if (t != InvalidTagId) {
                tags.push_back(t);
                break;
            }
        }
    }
    return tags;
}

TagId ReportBuilder::siblingTag(TagId like, const QString& key) const
{
    const Station& s = m_project.stationOfTag(like);
    const TagId same = m_project.findTag(s.id, m_project.deviceOfTag(like).id, key);
    if (same != InvalidTagId)
        return same;
    for (const Device& d : s.devices) {
        const TagId t = m_project.findTag(s.id, d.id, key);
        if (t != InvalidTagId)
            return t;
    }
    return InvalidTagId;
}

bool ReportBuilder::seedGapStarts(const std::vector<TagId>& tags,
                                  std::vector<std::vector<History::RollupRow>>& rows,
                                  qint64 fetchedFrom, qint64 periodStart, qint64* earliest,
                                  QString* error)
{
    std::vector<TagId> lacking;
    std::vector<size_t> where;
    for (size_t i = 0; i < tags.size(); ++i) {
        const auto measured = std::find_if(rows[i].begin(), rows[i].end(),
                                           [](const History::RollupRow& r) { return r.count > 0; });
        if (measured == rows[i].end() || measured->startMs >= periodStart) {
            lacking.push_back(tags[i]);
            where.push_back(i);
        }
    }
    if (lacking.empty())
        return true;
    const auto found = m_reader.lastMeasuredHour(lacking, fetchedFrom);
    if (!found) {
        *error = m_reader.lastError();
        return false;
    }
    for (size_t k = 0; k < where.size(); ++k) {
        if (!(*found)[k])
            continue;
        auto& r = rows[where[k]];
        r.insert(r.begin(), *(*found)[k]);
        *earliest = std::min(*earliest, (*found)[k]->lastMs);
    }
    return true;
}

std::optional<std::vector<CounterVolume>>
ReportBuilder::meterVolumes(const std::vector<TagId>& tags, const std::vector<qint64>& bounds,
                            const ReportOptions& options, QString* error,
                            std::vector<Readings>* readings)
{
    // From the hour before (a drop at the boundary) to a day after (where a gap across the end
    // closes). Only what CounterVolume needs (HistoryReader::counterHours: on PostgreSQL the
    // database sums the hours of a bucket with nothing in them to flag).
    const qint64 from = bounds.front() - HourMs;
    auto rows = m_reader.counterHours(tags, from, bounds.back() + 24 * HourMs, bounds,
                                      CounterOptions().gapMs);
    const auto lastGood = rows ? m_reader.lastGood(tags) : std::nullopt;
    if (!rows || !lastGood) {
        *error = m_reader.lastError();
        return std::nullopt;
    }
    qint64 earliest = from;
    if (!seedGapStarts(tags, *rows, from, bounds.front(), &earliest, error))
        return std::nullopt;
    QStringList paths;
    for (TagId t : tags)
        paths << m_project.tagPath(t);
    const auto replacements =
        ReportStore(m_reader.database())
            .replacements(paths, earliest - CounterVolume::ReplacementToleranceMs,
                          bounds.back() + CounterVolume::ReplacementToleranceMs, error);
    if (!replacements)
        return std::nullopt;
    std::vector<CounterVolume> volumes;
    volumes.reserve(tags.size());
    if (readings)
        readings->assign(tags.size(), {});
    for (size_t i = 0; i < tags.size(); ++i) {
        if (i % 64 == 0 && stopped(options, error))
            return std::nullopt;
        CounterOptions o;
        o.rollover = m_project.tag(tags[i]).rollover;
        o.lastGoodMs = (*lastGood)[i];
        o.nowMs = options.nowMs;
        o.zone = m_zone;
        for (const MeterReplacementRow& m : *replacements) {
            if (m.tag == paths[int(i)])
                o.replacements.push_back({m.ms, m.oldFinal, m.newInitial});
        }
        volumes.emplace_back((*rows)[i], o, bounds);
        if (readings) {
            // An hour with a reading is covered; on PostgreSQL a row may stand for a whole
            // bucket whose hours all had readings (counterHours), which covers the bucket.
            for (const History::RollupRow& r : (*rows)[i]) {
                if (r.count <= 0 || r.startMs < bounds.front() || r.startMs >= bounds.back())
                    continue;
                const qint64 bucketEnd = *std::upper_bound(bounds.begin(), bounds.end(), r.startMs);
                (*readings)[i].count += r.count;
                (*readings)[i].coveredMs +=
                    r.lastMs - r.firstMs >= HourMs ? bucketEnd - r.startMs : HourMs;
            }
        }
    }
    return volumes;
}

bool ReportBuilder::stopped(const ReportOptions& options, QString* error)
{
    if (!options.canceled || !options.canceled())
        return false;
    *error = tr("canceled");
    return true;
}

void ReportBuilder::finishReport(Report& r, const ReportOptions& options) const
{
    r.signatures = {
        {tr("Prepared by"), options.preparedBy}, {tr("Reviewed by"), {}}, {tr("Approved by"), {}}};
    r.generatedAt = QDateTime::fromMSecsSinceEpoch(options.nowMs, m_zone);
    r.finish();
}

std::optional<Report> ReportBuilder::daily(QDate day, const QString& tagKey,
                                           const ReportOptions& options, QString* error)
{
    const ReportPeriod period(ReportPeriod::Day, day);
    const int dayStart = m_project.reports.dayStartMinute;
    const PeriodCuts cuts = period.cuts(m_zone, dayStart);
    const std::vector<TagId> tags = stationTags(tagKey);
    if (tags.empty()) {
        *error = tr("no station has a tag '%1'").arg(tagKey);
        return std::nullopt;
    }
    const auto rows = m_reader.hourAverages(tags, cuts.fromMs(), cuts.toMs());
    if (!rows) {
        *error = m_reader.lastError();
        return std::nullopt;
    }
    const TagDef& first = m_project.tag(tags.front());

    Report r;
    r.family = QStringLiteral("daily");
    r.id = QStringLiteral("daily-%1-%2").arg(tagKey, period.code());
    r.title = tr("Daily comprehensive report: %1").arg(first.name);
    r.subtitles << tr("Date: %1").arg(period.displayName())
                << tr("Period: %1").arg(ReportPeriod::convention(dayStart))
                << tr("Unit: %1").arg(first.unit.isEmpty() ? QStringLiteral("—") : first.unit);
    r.columns.push_back({tr("Station"), 18});
    std::vector<Cell> header{Cell::header(tr("Station"))};
    for (const QString& label : cuts.labels) {
        r.columns.push_back({label, 6});
        header.push_back(Cell::header(label));
    }
    for (const QString& name : {tr("Max"), tr("Min"), tr("Average")}) {
        r.columns.push_back({name, 7});
        header.push_back(Cell::header(name));
    }
    r.headerRows = 1;
    r.rows.push_back(std::move(header));

    if (stopped(options, error))
        return std::nullopt;
    for (size_t i = 0; i < tags.size(); ++i) {
        const TagDef& def = m_project.tag(tags[i]);
        const int decimals = ValueFormat::decimals(def.quantity, def.unit);
        std::vector<Cell> cells{Cell::label(m_project.stationOfTag(tags[i]).displayName())};
        History::RollupRow whole;
        bool any = false;
        size_t at = 0;
        const auto& hours = (*rows)[i];
        for (int b = 0; b < cuts.size(); ++b) {
            const qint64 start = cuts.bounds[b];
            while (at < hours.size() && hours[at].startMs < start)
                ++at;
            const History::RollupRow* row =
                at < hours.size() && hours[at].startMs == start ? &hours[at] : nullptr;
            const auto avg = row ? row->average() : std::nullopt;
            if (!avg) {
                cells.push_back(Cell::blank(start + HourMs > options.nowMs ? CellFlag::Incomplete
                                                                           : CellFlag::Missing));
                continue;
            }
            Cell c = Cell::number(*avg, decimals);
            if (row->coveredMs < HourMs / 2) {
                c.flags |= CellFlag::Incomplete;
                c.comment = tr("data for %1 minutes of the hour").arg(row->coveredMs / 60'000);
            }
            cells.push_back(std::move(c));
            if (any)
                whole.combine(*row);
            else
                whole = *row;
            any = true;
        }
        // Over the hours there are: incomplete when any hour of the day is blank.
        const bool someBlank = std::any_of(cells.begin() + 1, cells.end(),
                                           [](const Cell& c) { return !c.isNumber(); });
        const CellFlags partial = someBlank ? CellFlags(CellFlag::Incomplete) : CellFlags();
        if (any && whole.count > 0) {
            cells.push_back(Cell::number(whole.max, decimals, partial));
            cells.push_back(Cell::number(whole.min, decimals, partial));
        } else {
            cells.push_back(Cell::blank(CellFlag::Missing));
            cells.push_back(Cell::blank(CellFlag::Missing));
        }
        const auto avg = any ? whole.average() : std::nullopt;
        cells.push_back(avg ? Cell::number(*avg, decimals, partial)
                            : Cell::blank(CellFlag::Missing));
        r.rows.push_back(std::move(cells));
    }
    r.notes << tr("Hourly values are time-weighted averages; max and min are the extremes of "
                  "the samples. A blank cell has no data.");
    finishReport(r, options);
    return r;
}

std::optional<Report> ReportBuilder::production(const ReportPeriod& period,
                                                const ReportOptions& options, QString* error)
{
    const ReportSettings& settings = m_project.reports;
    const PeriodCuts cuts = period.cuts(m_zone, settings.dayStartMinute);
    const std::vector<TagId> tags = stationTags(settings.productionTag);

    // Plants and their lines, each line with its stations' meters; a project without lines
    // reports each metered station as a line of its own.
    struct LineCol {
        QString id;
        QString name;
        std::vector<size_t> meters; ///< indexes into `tags`
    };
    struct PlantCol {
        QString name;
        std::vector<LineCol> lines;
    };
    std::vector<PlantCol> plants;
    if (!m_project.lines.empty()) {
        for (const Plant& p : m_project.plants)
            plants.push_back({p.name, {}});
        QHash<int, std::pair<size_t, size_t>> where; // line index → (plant, line column)
        for (size_t l = 0; l < m_project.lines.size(); ++l) {
            const Line& line = m_project.lines[l];
            auto& cols = plants[line.plant].lines;
            where.insert(int(l), {size_t(line.plant), cols.size()});
            cols.push_back({line.id, line.name, {}});
        }
        for (size_t i = 0; i < tags.size(); ++i) {
            const int line = m_project.stationOfTag(tags[i]).line;
            if (line >= 0) {
                const auto [p, c] = where.value(line);
                plants[p].lines[c].meters.push_back(i);
            }
        }
    } else {
        plants.push_back({tr("Stations"), {}});
        for (size_t i = 0; i < tags.size(); ++i) {
            const Station& s = m_project.stationOfTag(tags[i]);
            plants.back().lines.push_back({s.id, s.displayName(), {i}});
        }
    }
    std::erase_if(plants, [](const PlantCol& p) {
        return std::none_of(p.lines.begin(), p.lines.end(),
                            [](const LineCol& l) { return !l.meters.empty(); });
    });
    if (plants.empty()) {
        *error = tr("no production line has a station with a meter '%1' (the project's "
                    "reports.production)")
                     .arg(settings.productionTag);
        return std::nullopt;
    }

    auto counted = meterVolumes(tags, cuts.bounds, options, error);
    const auto corrections =
        counted ? ReportStore(m_reader.database())
                      .corrections(QStringLiteral("production"), cuts.fromMs(), cuts.toMs(), error)
                : std::nullopt;
    if (!corrections)
        return std::nullopt;

    // The meters' flow rates (outlet_total → outlet_flow, in m³/h) to cross-check volumes.
    std::vector<TagId> flowTags;
    bool anyFlow = false;
    for (TagId t : tags) {
        TagId f = InvalidTagId;
        if (settings.productionTag.endsWith(QStringLiteral("_total"))) {
            f = siblingTag(t, settings.productionTag.chopped(6) + QStringLiteral("_flow"));
            if (f != InvalidTagId && m_project.tag(f).unit != QStringLiteral("m³/h"))
                f = InvalidTagId;
        }
        flowTags.push_back(f);
        anyFlow = anyFlow || f != InvalidTagId;
    }
    std::optional<std::vector<std::vector<History::RollupRow>>> flowRows;
    if (anyFlow) {
        std::vector<TagId> query;
        for (size_t i = 0; i < tags.size(); ++i)
            query.push_back(flowTags[i] != InvalidTagId ? flowTags[i] : tags[i]);
        flowRows =
            m_reader.aggregated(query, cuts.fromMs(), cuts.toMs(), History::Resolution::Hour);
        if (!flowRows) {
            *error = m_reader.lastError();
            return std::nullopt;
        }
    }

    std::vector<CounterVolume>& volumes = *counted;
    QStringList resolutionNotes;
    for (size_t i = 0; i < tags.size(); ++i) {
        const TagDef& def = m_project.tag(tags[i]);
        if (flowRows && flowRows->size() > i && flowTags[i] != InvalidTagId)
            volumes[i].crossCheck((*flowRows)[i], cuts.bounds);
        if (def.type == DataType::Float32) {
            const double step = float32Step(volumes[i].highestReading());
            if (step >= 1.0)
                resolutionNotes << tr("%1 %2 is a float32 register: at %3 %4 it moves in steps of "
                                      "%5 %4, so an hour's volume is known to ±%5 %4.")
                                       .arg(m_project.stationOfTag(tags[i]).displayName(), def.name)
                                       .arg(volumes[i].highestReading(), 0, 'f', 0)
                                       .arg(def.unit)
                                       .arg(step);
        }
    }

    Report r;
    r.family = QStringLiteral("production");
    const QString kindCode = period.kind() == ReportPeriod::Day     ? QStringLiteral("day")
                             : period.kind() == ReportPeriod::Month ? QStringLiteral("month")
                                                                    : QStringLiteral("year");
    r.id = QStringLiteral("production-%1-%2").arg(kindCode, period.code());
    r.title = period.kind() == ReportPeriod::Day     ? tr("%1 daily water production report")
              : period.kind() == ReportPeriod::Month ? tr("%1 monthly water production report")
                                                     : tr("%1 yearly water production report");
    r.title = r.title.arg(m_project.name);
    const TagDef& meter = m_project.tag(tags.front());
    r.subtitles << tr("Period: %1").arg(ReportPeriod::convention(settings.dayStartMinute))
                << tr("Unit: %1").arg(meter.unit) << tr("Date: %1").arg(period.displayName());

    // Header: 日期 | plant over its lines and 小计 | 合计
    const QString firstColumn = period.kind() == ReportPeriod::Day ? tr("Time") : tr("Date");
    r.headerRows = 2;
    r.columns.push_back({firstColumn, 12});
    std::vector<Cell> top{Cell::header(firstColumn)};
    std::vector<Cell> second{Cell::header({})};
    r.merges.push_back({0, 0, 2, 1});
    for (const PlantCol& p : plants) {
        const int at = r.columnCount();
        for (const LineCol& l : p.lines) {
            r.columns.push_back({p.name + u' ' + l.name, 10});
            second.push_back(Cell::header(l.name));
        }
        r.columns.push_back({p.name + u' ' + tr("Subtotal"), 10});
        second.push_back(Cell::header(tr("Subtotal")));
        top.push_back(Cell::header(p.name));
        while (int(top.size()) < r.columnCount())
            top.push_back(Cell::header({}));
        r.merges.push_back({0, at, 1, r.columnCount() - at});
    }
    r.columns.push_back({tr("Total"), 11});
    top.push_back(Cell::header(tr("Total")));
    second.push_back(Cell::header({}));
    r.merges.push_back({0, r.columnCount() - 1, 2, 1});
    r.rows.push_back(std::move(top));
    r.rows.push_back(std::move(second));

    QStringList flaggedNotes;
    QStringList coarserNotes;
    // Corrections of this report's buckets replace the cell; corrections of finer buckets (the
    // days of a month in a year's report) add their change to the bucket holding them; a
    // coarser one (a day's, in the report of its hours) is named under 备注.
    QHash<QString, const Correction*> correctionOf;
    struct Finer {
        double change = 0.0;
        QStringList said;
    };
    QHash<QString, Finer> finerOf;
    const auto rank = [](QStringView kind) { return kind == u"hour" ? 0 : kind == u"day" ? 1 : 2; };
    const int ownRank = int(period.kind()); // Day → hours (0), Month → days (1), Year → months
    for (const Correction& c : *corrections) {
        const QStringList parts = c.cell.split(u'/'); // "line:ID", kind, label
        if (parts.size() != 3 || rank(parts[1]) == ownRank) {
            correctionOf.insert(c.cell, &c);
            continue;
        }
        const QString text =
            tr("%1 corrected by %2 (%3): %4 → %5")
                .arg(parts[2], c.user, correctionMethodDisplayName(c.method),
                     c.original ? QString::number(*c.original, 'f', 0) : tr("blank"),
                     QString::number(c.corrected, 'f', 0));
        if (rank(parts[1]) > ownRank) {
            coarserNotes << text;
            continue;
        }
        const auto at = std::upper_bound(cuts.bounds.begin(), cuts.bounds.end(), c.periodStartMs);
        if (at == cuts.bounds.begin() || at == cuts.bounds.end())
            continue;
        const qint64 start = *(at - 1);
        Finer& f = finerOf[parts[0] + u'/' + bucketKey(period.kind(), start, m_zone)];
        f.change += c.corrected - c.original.value_or(0.0);
        f.said << text;
    }
    QHash<QString, QString> lastNoteOf; // line → the comment last listed under 备注
    const int decimals = 0;
    for (int b = 0; b < cuts.size(); ++b) {
        const int row = r.rowCount();
        std::vector<Cell> cells{Cell::label(cuts.labels[b])};
        std::vector<CellRange> subtotals;
        const QString bucket = bucketKey(period.kind(), cuts.bounds[b], m_zone);
        for (const PlantCol& p : plants) {
            const int at = static_cast<int>(cells.size());
            for (const LineCol& l : p.lines) {
                CounterBucket sum;
                QStringList said; // what each meter's bucket says
                for (size_t m : l.meters) {
                    const QString who = l.meters.size() > 1
                                            ? m_project.stationOfTag(tags[m]).displayName()
                                            : QString();
                    add(sum, volumes[m].buckets()[b], who);
                    said << volumes[m].buckets()[b].comment;
                }
                // Every meter of the line says the same (the hour is not over): say it once.
                said.removeDuplicates();
                if (said.size() == 1)
                    sum.comment = said.front();
                Cell c = counterCell(sum, decimals);
                c.key = QStringLiteral("line:%1/%2").arg(l.id, bucket);
                if (const Correction* k = correctionOf.value(c.key)) {
                    c.comment = tr("corrected by %1 at %2 (%3): %4 → %5, %6")
                                    .arg(k->user,
                                         QDateTime::fromMSecsSinceEpoch(k->ms, m_zone)
                                             .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                         correctionMethodDisplayName(k->method),
                                         c.value ? c.displayText() : tr("blank"),
                                         QString::number(k->corrected, 'f', decimals), k->reason);
                    c.value = k->corrected;
                    c.flags = CellFlag::Corrected;
                } else if (const auto f = finerOf.constFind(c.key); f != finerOf.constEnd()) {
                    c.value = c.value.value_or(0.0) + f->change;
                    c.flags |= CellFlag::Corrected;
                    c.comment = (c.comment.isEmpty() ? QString() : c.comment + tr("; ")) +
                                f->said.join(tr("; "));
                }
                // A gap that lasts names itself once, not once a bucket (a meter silent
                // since the 3rd would fill the page with "since the 3rd, no data").
                QString& lastNote = lastNoteOf[l.id];
                if (!c.comment.isEmpty() && !(c.flags & CellFlag::Incomplete && !c.value) &&
                    c.comment != lastNote)
                    flaggedNotes << QStringLiteral("%1 %2 %3: %4")
                                        .arg(cuts.labels[b], p.name, l.name, c.comment);
                lastNote = c.comment;
                cells.push_back(std::move(c));
            }
            const int n = static_cast<int>(cells.size()) - at;
            cells.push_back(Cell::total(Formula::Sum, {{row, at, 1, n}}, decimals));
            subtotals.push_back({row, static_cast<int>(cells.size()) - 1, 1, 1});
        }
        cells.push_back(Cell::total(Formula::Sum, subtotals, decimals));
        r.rows.push_back(std::move(cells));
    }
    const int top0 = r.headerRows;
    const int bodyRows = r.rowCount() - top0;
    const auto statRow = [&](const QString& label, Formula::Kind kind) {
        std::vector<Cell> cells{Cell::label(label, CellRole::Total)};
        for (int c = 1; c < r.columnCount(); ++c)
            cells.push_back(Cell::total(kind, {{top0, c, bodyRows, 1}}, decimals));
        r.rows.push_back(std::move(cells));
    };
    statRow(tr("Total"), Formula::Sum);
    statRow(tr("Average"), Formula::Average);
    statRow(tr("Max"), Formula::Max);
    statRow(tr("Min"), Formula::Min);

    r.notes << resolutionNotes;
    if (const QString kd = period.kind() == ReportPeriod::Month ? variation(r) : QString();
        !kd.isEmpty())
        r.notes << kd;
    r.notes << coarserNotes << flaggedNotes;
    finishReport(r, options);
    return r;
}

QString ReportBuilder::variation(const Report& r)
{
    // Per line column (小计 and 合计 are totals): the days whose volume is complete.
    QStringList parts;
    for (int c = 1; c < r.columnCount(); ++c) {
        if (r.cell(r.headerRows, c).role != CellRole::Body)
            continue;
        double max = 0.0;
        double sum = 0.0;
        int n = 0;
        for (int i = r.headerRows; i < r.rowCount(); ++i) {
            const Cell& cell = r.cell(i, c);
            if (cell.role != CellRole::Body || !cell.value ||
                cell.flags & (CellFlag::Missing | CellFlag::Incomplete))
                continue;
            max = std::max(max, *cell.value);
            sum += *cell.value;
            ++n;
        }
        if (n >= 2 && sum > 0.0)
            parts << QStringLiteral("%1 %2").arg(r.columns[c].name).arg(max / (sum / n), 0, 'f', 2);
    }
    if (parts.isEmpty())
        return {};
    return tr("Daily variation Kd (highest complete day ÷ mean complete day): %1")
        .arg(parts.join(tr(", ")));
}

} // namespace PumpWatch::Reports
