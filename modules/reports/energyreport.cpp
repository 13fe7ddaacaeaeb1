// ReportBuilder::energy — the energy report (能耗报表): what each station's pumps used, what
// it cost in each time-of-use class and how well the water was lifted, against the period
// before (环比) and the same period last year (同比).
//
// Definitions (REPORTS.md): kWh/m³ = the energy meter's advance over the production meter's;
// kWh/(km³·MPa) = 1000 · kWh / (m³ · ΔP) with ΔP the outlet minus inlet pressure weighted by
// each hour's volume; lifting 1 m³ by 1 MPa takes 0.2778 kWh, so the pump group's efficiency is
// 277.8 / kWh/(km³·MPa). A ratio over less than 2 m³ is "—". Each hour's kWh goes to the
// tariff class in force then (the version effective on that day); an hour a class boundary cuts
// at :30 is split by the meter's readings in each half. A partial period is compared over the
// same elapsed span of its base periods; growth is computed over the stations with data in both
// periods (可比口径), and a zero or missing base is "—".
#include "countervolume.h"
#include "reportbuilder.h"
#include "reportstore.h"

#include <QHash>

#include <array>
#include <cmath>

namespace PumpWatch::Reports {

namespace {

constexpr qint64 HourMs = 3'600'000;
constexpr double MinVolume = 2.0; ///< m³: ratios over less are not shown

struct Totals {
    std::optional<double> kwh;
    std::optional<double> m3;
    double pv = 0.0;      ///< Σ ΔP · V over hours with both pressures
    double vp = 0.0;      ///< Σ V over the same hours
    double kwhBoth = 0.0; ///< kWh over the hours both meters counted: the ratios' numerator
    double m3Both = 0.0;  ///< m³ over the same hours
    std::array<double, TariffClassCount> byClass{};
    double cost = 0.0;
    bool costKnown = true;
    bool classed = false;
    CellFlags kwhFlags;
    CellFlags m3Flags;
    QStringList notes;

    void add(const Totals& o)
    {
        if (o.kwh)
            kwh = kwh.value_or(0.0) + *o.kwh;
        if (o.m3)
            m3 = m3.value_or(0.0) + *o.m3;
        pv += o.pv;
        vp += o.vp;
        kwhBoth += o.kwhBoth;
        m3Both += o.m3Both;
        for (int c = 0; c < TariffClassCount; ++c)
            byClass[c] += o.byClass[c];
        cost += o.cost;
        costKnown = costKnown && o.costKnown;
        classed = classed || o.classed;
        kwhFlags |= o.kwhFlags;
        m3Flags |= o.m3Flags;
    }
    /// Over the hours both meters counted, so a silent flow meter does not inflate it.
    std::optional<double> perM3() const
    {
        if (m3Both < MinVolume)
            return std::nullopt;
        return kwhBoth / m3Both;
    }
    std::optional<double> perKm3MPa() const
    {
        if (m3Both < MinVolume || vp < MinVolume || pv <= 0.0)
            return std::nullopt;
        return 1000.0 * kwhBoth / (m3Both * (pv / vp));
    }
    std::optional<double> efficiency() const ///< %
    {
        const auto x = perKm3MPa();
        return x && *x > 0.0 ? std::optional(277.8 / *x * 100.0) : std::nullopt;
    }
};

struct Meters {
    TagId energy = InvalidTagId;
    TagId volume = InvalidTagId;
    TagId outlet = InvalidTagId;
    TagId inlet = InvalidTagId;
};

Cell numberOrBlank(const std::optional<double>& v, int decimals, CellFlags flags = {})
{
    if (!v)
        return Cell::label(QStringLiteral("—"));
    return Cell::number(*v, decimals, flags);
}

} // namespace

std::optional<Report> ReportBuilder::energy(const ReportPeriod& period,
                                            const ReportOptions& options, QString* error)
{
    const ReportSettings& settings = m_project.reports;
    std::vector<Meters> meters;
    for (TagId e : stationTags(settings.energyTag)) {
        Meters m;
        m.energy = e;
        m.volume = siblingTag(e, settings.productionTag);
        m.outlet = siblingTag(e, QStringLiteral("outlet_pressure"));
        m.inlet = siblingTag(e, QStringLiteral("inlet_pressure"));
        meters.push_back(m);
    }
    if (meters.empty()) {
        *error = tr("no station has an energy meter '%1' (the project's reports.energy)")
                     .arg(settings.energyTag);
        return std::nullopt;
    }

    const PeriodCuts cuts = period.cuts(m_zone, settings.dayStartMinute);
    // A period not over yet is compared over the same elapsed whole hours.
    const qint64 elapsed =
        std::min(cuts.toMs(), std::max(cuts.fromMs(), options.nowMs - options.nowMs % HourMs)) -
        cuts.fromMs();
    const bool partial = elapsed < cuts.toMs() - cuts.fromMs();

    ReportStore store(m_reader.database());
    std::vector<TariffClass> classesUsed;
    QStringList tariffNotes;

    // What every station used over [from, to): the meters through CounterVolume hour by hour.
    const auto measure = [&](qint64 from, qint64 to,
                             bool current) -> std::optional<std::vector<Totals>> {
        std::vector<Totals> out(meters.size());
        if (to <= from)
            return out;
        std::vector<TagId> counters;
        std::vector<TagId> pressures;
        for (const Meters& m : meters) {
            counters.push_back(m.energy);
            counters.push_back(m.volume != InvalidTagId ? m.volume : m.energy);
            pressures.push_back(m.outlet != InvalidTagId ? m.outlet : m.energy);
            pressures.push_back(m.inlet != InvalidTagId ? m.inlet : m.energy);
        }
        auto rows = m_reader.aggregated(counters, from - HourMs, to + 24 * HourMs,
                                        History::Resolution::Hour);
        const auto press = rows
                               ? m_reader.aggregated(pressures, from, to, History::Resolution::Hour)
                               : std::nullopt;
        const auto lastGood = press ? m_reader.lastGood(counters) : std::nullopt;
        if (!lastGood) {
            *error = m_reader.lastError();
            return std::nullopt;
        }
        qint64 earliest = from - HourMs;
        if (!seedGapStarts(counters, *rows, from - HourMs, from, &earliest, error))
            return std::nullopt;
        QStringList paths;
        for (TagId t : counters)
            paths << m_project.tagPath(t);
        const auto replacements =
            store.replacements(paths, earliest - CounterVolume::ReplacementToleranceMs,
                               to + CounterVolume::ReplacementToleranceMs, error);
        if (!replacements)
            return std::nullopt;
        std::vector<qint64> hours;
        for (qint64 t = from; t <= to; t += HourMs)
            hours.push_back(t);
        const auto volumeOf = [&](size_t k) {
            const TagDef& def = m_project.tag(counters[k]);
            CounterOptions o;
            o.rollover = def.rollover;
            o.lastGoodMs = (*lastGood)[k];
            o.nowMs = options.nowMs;
            o.zone = m_zone;
            for (const MeterReplacementRow& r : *replacements) {
                if (r.tag == paths[int(k)])
                    o.replacements.push_back({r.ms, r.oldFinal, r.newInitial});
            }
            return CounterVolume((*rows)[k], o, hours);
        };
        const auto averages = [&](size_t k) {
            QHash<qint64, double> avg;
            for (const History::RollupRow& r : (*press)[k]) {
                if (const auto a = r.average())
                    avg.insert(r.startMs, *a);
            }
            return avg;
        };
        for (size_t i = 0; i < meters.size(); ++i) {
            if (i % 64 == 0 && stopped(options, error))
                return std::nullopt;
            const Meters& m = meters[i];
            Totals& t = out[i];
            const CounterVolume kwh = volumeOf(2 * i);
            const std::optional<CounterVolume> m3 =
                m.volume != InvalidTagId ? std::optional(volumeOf(2 * i + 1)) : std::nullopt;
            const auto outlet =
                m.outlet != InvalidTagId ? averages(2 * i) : QHash<qint64, double>();
            const auto inlet =
                m.inlet != InvalidTagId ? averages(2 * i + 1) : QHash<qint64, double>();
            for (size_t h = 0; h + 1 < hours.size(); ++h) {
                const qint64 start = hours[h];
                const CounterBucket& e = kwh.buckets()[h];
                t.kwhFlags |= e.flags;
                if (e.value)
                    t.kwh = t.kwh.value_or(0.0) + *e.value;
                if (m3) {
                    const CounterBucket& v = m3->buckets()[h];
                    t.m3Flags |= v.flags;
                    if (v.value) {
                        t.m3 = t.m3.value_or(0.0) + *v.value;
                        if (e.value) {
                            t.kwhBoth += *e.value;
                            t.m3Both += *v.value;
                        }
                        if (outlet.contains(start) && inlet.contains(start)) {
                            t.pv += (outlet.value(start) - inlet.value(start)) * *v.value;
                            t.vp += *v.value;
                        }
                    }
                }
                if (!e.value)
                    continue;
                const QDateTime local = QDateTime::fromMSecsSinceEpoch(start, m_zone);
                const TariffSchedule* tariff = settings.tariffOn(local.date());
                if (!tariff) {
                    t.costKnown = false;
                    continue;
                }
                const int minute = local.time().hour() * 60 + local.time().minute();
                const auto first = tariff->classAt(local.date().month(), minute);
                const auto second = tariff->classAt(local.date().month(), minute + 30);
                if (!first || !second) {
                    t.costKnown = false;
                    continue;
                }
                double share = 1.0; // of the hour's kWh in the first half
                if (*first != *second) {
                    share = 0.5;
                    if (const auto raw =
                            m_reader.raw(m.energy, start - 600'000, start + HourMs + 600'000)) {
                        // The meter's reading at a moment, linear between good readings.
                        const auto at = [&](qint64 ms) -> std::optional<double> {
                            const History::Point* before = nullptr;
                            for (const History::Point& p : *raw) {
                                if (p.quality != Quality::Good)
                                    continue;
                                if (p.timestampMs >= ms) {
                                    if (!before)
                                        return std::nullopt;
                                    const double f = double(ms - before->timestampMs) /
                                                     double(std::max<qint64>(
                                                         1, p.timestampMs - before->timestampMs));
                                    return before->value + f * (p.value - before->value);
                                }
                                before = &p;
                            }
                            return std::nullopt;
                        };
                        const auto a = at(start);
                        const auto b = at(start + HourMs / 2);
                        const auto c = at(start + HourMs);
                        if (a && b && c && *c > *a)
                            share = std::clamp((*b - *a) / (*c - *a), 0.0, 1.0);
                    }
                }
                const std::pair<TariffClass, double> parts[] = {
                    {*first, *e.value * share}, {*second, *e.value * (1.0 - share)}};
                for (const auto& [cls, value] : parts) {
                    if (value == 0.0 && cls == *second && share == 1.0)
                        continue;
                    t.byClass[int(cls)] += value;
                    t.classed = true;
                    if (std::find(classesUsed.begin(), classesUsed.end(), cls) == classesUsed.end())
                        classesUsed.push_back(cls);
                    if (const auto price = tariff->prices[int(cls)])
                        t.cost += value * *price;
                    else
                        t.costKnown = false;
                }
                const QString note =
                    tr("Tariff: %1 (%2), in force from %3")
                        .arg(tariff->name, tariff->document, tariff->from.toString(Qt::ISODate));
                if (current && !tariffNotes.contains(note))
                    tariffNotes << note;
            }
        }
        return out;
    };

    const auto now = measure(cuts.fromMs(), cuts.fromMs() + elapsed, true);
    if (!now)
        return std::nullopt;
    const ReportPeriod prevPeriod = period.previous();
    const ReportPeriod lastYear = period.sameLastYear();
    const auto baseRange = [&](const ReportPeriod& p) {
        const PeriodCuts c = p.cuts(m_zone, settings.dayStartMinute);
        // A whole period against its whole base (February against all of January); a period
        // not over against the same elapsed span of its base.
        return std::pair(c.fromMs(), partial ? std::min(c.toMs(), c.fromMs() + elapsed) : c.toMs());
    };
    const auto [prevFrom, prevTo] = baseRange(prevPeriod);
    const auto [yearFrom, yearTo] = baseRange(lastYear);
    const auto prev = measure(prevFrom, prevTo, false);
    const auto year = prev ? measure(yearFrom, yearTo, false) : std::nullopt;
    if (!year)
        return std::nullopt;
    std::sort(classesUsed.begin(), classesUsed.end(), std::greater<>());

    Report r;
    r.family = QStringLiteral("energy");
    const QString kindCode = period.kind() == ReportPeriod::Day     ? QStringLiteral("day")
                             : period.kind() == ReportPeriod::Month ? QStringLiteral("month")
                                                                    : QStringLiteral("year");
    r.id = QStringLiteral("energy-%1-%2").arg(kindCode, period.code());
    r.title = tr("%1 energy report").arg(m_project.name);
    r.subtitles << tr("Period: %1").arg(ReportPeriod::convention(settings.dayStartMinute))
                << tr("Date: %1").arg(period.displayName());
    if (partial)
        r.subtitles << tr("Up to %1: the period is not over; its bases are compared over the same "
                          "span")
                           .arg(QDateTime::fromMSecsSinceEpoch(cuts.fromMs() + elapsed, m_zone)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm")));

    // Columns and the two header rows.
    r.headerRows = 2;
    std::vector<Cell> top;
    std::vector<Cell> second;
    const auto column = [&](const QString& group, const QString& name, double width) {
        r.columns.push_back({group.isEmpty()  ? name
                             : name.isEmpty() ? group
                                              : group + u' ' + name,
                             width});
        top.push_back(Cell::header(group));
        second.push_back(Cell::header(name));
    };
    const auto group = [&](int from) {
        if (r.columnCount() - from > 1)
            r.merges.push_back({0, from, 1, r.columnCount() - from});
        for (int c = from + 1; c < r.columnCount(); ++c)
            top[c] = Cell::header({});
    };
    column(tr("Station"), {}, 16);
    top[0] = Cell::header(tr("Station"));
    r.merges.push_back({0, 0, 2, 1});
    const int current = r.columnCount();
    const QString thisPeriod = tr("This period");
    column(thisPeriod, tr("Energy kWh"), 10);
    column(thisPeriod, tr("Water m³"), 10);
    column(thisPeriod, tr("kWh/m³"), 8);
    column(thisPeriod, tr("kWh/(km³·MPa)"), 10);
    column(thisPeriod, tr("Efficiency %"), 9);
    group(current);
    const int classes = r.columnCount();
    for (TariffClass c : classesUsed)
        column(tr("Energy by tariff kWh"), tariffClassDisplayName(c), 8);
    if (!classesUsed.empty())
        group(classes);
    const int costColumn = r.columnCount();
    column(tr("Cost ¥"), {}, 10);
    top[costColumn] = Cell::header(tr("Cost ¥"));
    r.merges.push_back({0, costColumn, 2, 1});
    const int mom = r.columnCount();
    column(tr("Against the period before (kWh/m³)"), tr("Base"), 8);
    column(tr("Against the period before (kWh/m³)"), tr("Change"), 8);
    column(tr("Against the period before (kWh/m³)"), tr("Growth %"), 8);
    group(mom);
    const int yoy = r.columnCount();
    column(tr("Against last year (kWh/m³)"), tr("Base"), 8);
    column(tr("Against last year (kWh/m³)"), tr("Change"), 8);
    column(tr("Against last year (kWh/m³)"), tr("Growth %"), 8);
    group(yoy);
    r.rows.push_back(std::move(top));
    r.rows.push_back(std::move(second));

    int comparablePrev = 0;
    int comparableYear = 0;
    const auto compare = [](std::vector<Cell>& cells, const Totals& cur, const Totals& base) {
        const auto b = base.perM3();
        const auto c = cur.perM3();
        cells.push_back(numberOrBlank(b, 3));
        if (!b || !c) {
            cells.push_back(Cell::label(QStringLiteral("—")));
            cells.push_back(Cell::label(QStringLiteral("—")));
            return;
        }
        cells.push_back(Cell::number(*c - *b, 3));
        cells.push_back(*b == 0.0 ? Cell::label(QStringLiteral("—"))
                                  : Cell::number((*c - *b) / *b * 100.0, 1));
    };
    // `t` is shown; `tp` and `ty` are the same rows' stations that have data in the base `p`,
    // `y` too (可比口径), compared with it.
    const auto rowOf = [&](const QString& label, const Totals& t, const Totals& tp, const Totals& p,
                           const Totals& ty, const Totals& y, CellRole role) {
        std::vector<Cell> cells{Cell::label(label, role)};
        Cell kwh = t.kwh ? Cell::number(*t.kwh, 1, t.kwhFlags) : Cell::blank(t.kwhFlags);
        Cell m3 = t.m3 ? Cell::number(*t.m3, 0, t.m3Flags) : Cell::blank(t.m3Flags);
        cells.push_back(std::move(kwh));
        cells.push_back(std::move(m3));
        cells.push_back(numberOrBlank(t.perM3(), 3));
        cells.push_back(numberOrBlank(t.perKm3MPa(), 1));
        cells.push_back(numberOrBlank(t.efficiency(), 1));
        for (TariffClass c : classesUsed)
            cells.push_back(t.classed ? Cell::number(t.byClass[int(c)], 1) : Cell::blank());
        cells.push_back(t.classed && t.costKnown ? Cell::number(t.cost, 2) : Cell::blank());
        compare(cells, tp, p);
        compare(cells, ty, y);
        for (Cell& c : cells)
            c.role = c.role == CellRole::Header ? c.role : role;
        r.rows.push_back(std::move(cells));
    };

    // Stations grouped by plant (through their lines); the others after them.
    std::vector<std::pair<QString, std::vector<size_t>>> groups;
    for (const Plant& p : m_project.plants)
        groups.push_back({p.name, {}});
    groups.push_back({tr("Other stations"), {}});
    for (size_t i = 0; i < meters.size(); ++i) {
        const int line = m_project.stationOfTag(meters[i].energy).line;
        const int plant = line >= 0 ? m_project.lines[line].plant : -1;
        groups[plant >= 0 ? size_t(plant) : groups.size() - 1].second.push_back(i);
    }
    // Per group and in all: what is shown, and per base the comparable stations now and then.
    struct Sums {
        Totals now, nowPrev, prev, nowYear, year;
        void add(const Sums& o)
        {
            now.add(o.now);
            nowPrev.add(o.nowPrev);
            prev.add(o.prev);
            nowYear.add(o.nowYear);
            year.add(o.year);
        }
    };
    Sums all;
    for (const auto& [name, members] : groups) {
        if (members.empty())
            continue;
        Sums sum;
        for (size_t i : members) {
            const Totals& t = (*now)[i];
            rowOf(m_project.stationOfTag(meters[i].energy).displayName(), t, t, (*prev)[i], t,
                  (*year)[i], CellRole::Body);
            sum.now.add(t);
            // Growth over the stations with data in both periods only (可比口径).
            if (t.perM3() && (*prev)[i].perM3()) {
                ++comparablePrev;
                sum.nowPrev.add(t);
                sum.prev.add((*prev)[i]);
            }
            if (t.perM3() && (*year)[i].perM3()) {
                ++comparableYear;
                sum.nowYear.add(t);
                sum.year.add((*year)[i]);
            }
        }
        if (groups.size() > 1)
            rowOf(tr("%1 subtotal").arg(name), sum.now, sum.nowPrev, sum.prev, sum.nowYear,
                  sum.year, CellRole::Total);
        all.add(sum);
    }
    rowOf(tr("Total"), all.now, all.nowPrev, all.prev, all.nowYear, all.year, CellRole::Total);

    r.subtitles << tr("Comparable stations (data in both periods): %1 of %2 against %3, %4 of %2 "
                      "against %5")
                       .arg(comparablePrev)
                       .arg(meters.size())
                       .arg(prevPeriod.displayName())
                       .arg(comparableYear)
                       .arg(lastYear.displayName());
    r.notes << tr("kWh/m³: the energy meter's advance over the production meter's; "
                  "kWh/(km³·MPa): 1000 × kWh ÷ (m³ × ΔP), ΔP the outlet minus inlet pressure "
                  "weighted by each hour's volume; efficiency = 277.8 ÷ kWh/(km³·MPa). \"—\": "
                  "under 2 m³, or no base.")
            << tariffNotes;
    finishReport(r, options);
    return r;
}

} // namespace PumpWatch::Reports
