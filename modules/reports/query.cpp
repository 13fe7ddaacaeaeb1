#include "query.h"

#include "queryscan.h"
#include "reportbuilder.h"
#include "reportstore.h"

#include <core/valueformat.h>
#include <history/historyoptions.h>

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace PumpWatch::Reports {

namespace {

constexpr qint64 MinuteMs = 60'000;
constexpr qint64 HourMs = 60 * MinuteMs;
constexpr qint64 DayMs = 24 * HourMs;
constexpr qint64 QuarterMs = 15 * MinuteMs;
/// How far after a range a counter's next reading is looked for (where a gap across the end
/// closes), as the reports look a day past a period.
constexpr qint64 NextReadingMs = DayMs;
constexpr int CancelEveryRows = 8192;

struct Code {
    int value;
    const char* text;
};

template <typename E, size_t N>
QString codeOf(E e, const Code (&codes)[N])
{
    for (const Code& c : codes) {
        if (c.value == int(e))
            return QString::fromLatin1(c.text);
    }
    return {};
}

template <typename E, size_t N>
std::optional<E> parseCode(QStringView text, const Code (&codes)[N])
{
    for (const Code& c : codes) {
        if (text.compare(QLatin1String(c.text), Qt::CaseInsensitive) == 0)
            return E(c.value);
    }
    return std::nullopt;
}

constexpr Code StepCodes[] = {{int(QueryStep::Auto), "auto"},
                              {int(QueryStep::Raw), "raw"},
                              {int(QueryStep::Quarter), "15min"},
                              {int(QueryStep::Hour), "hour"},
                              {int(QueryStep::Day), "day"}};
constexpr Code RankCodes[] = {{int(RankBy::Average), "avg"},
                              {int(RankBy::Maximum), "max"},
                              {int(RankBy::Minimum), "min"},
                              {int(RankBy::Total), "total"},
                              {int(RankBy::Coverage), "coverage"}};
constexpr Code MeasureCodes[] = {{int(Measure::Tag), "tag"},
                                 {int(Measure::Volume), "volume"},
                                 {int(Measure::Energy), "energy"},
                                 {int(Measure::EnergyPerVolume), "kwh-per-m3"}};

} // namespace

QueryStep stepForSpan(qint64 spanMs)
{
    if (spanMs <= 2 * DayMs)
        return QueryStep::Raw;
    if (spanMs <= 7 * DayMs)
        return QueryStep::Quarter;
    if (spanMs <= 62 * DayMs)
        return QueryStep::Hour;
    return QueryStep::Day;
}

QString stepCode(QueryStep step)
{
    return codeOf(step, StepCodes);
}

std::optional<QueryStep> parseStep(QStringView text)
{
    return parseCode<QueryStep>(text, StepCodes);
}

QString rankCode(RankBy by)
{
    return codeOf(by, RankCodes);
}

std::optional<RankBy> parseRank(QStringView text)
{
    return parseCode<RankBy>(text, RankCodes);
}

QString measureCode(Measure m)
{
    return codeOf(m, MeasureCodes);
}

std::optional<Measure> parseMeasure(QStringView text)
{
    return parseCode<Measure>(text, MeasureCodes);
}

QString QuerySeries::place() const
{
    return zone.isEmpty() ? station : station + u' ' + zone;
}

QString QuerySeries::label() const
{
    QString l = place() + u' ' + name;
    if (!caption.isEmpty())
        l += u' ' + caption;
    return l;
}

QueryEngine::QueryEngine(const Project& project, History::HistoryReader& reader)
    : m_project(project)
    , m_reader(reader)
    , m_zone(reader.calendar().zone())
{}

QString QueryEngine::location(const QString& key)
{
    static const QRegularExpression pump(QStringLiteral("^pump(\\d+)_"));
    if (const auto m = pump.match(key); m.hasMatch())
        return tr("Pump %1").arg(m.captured(1));
    const auto has = [&](const char* part) { return key.contains(QLatin1String(part)); };
    if (has("valve"))
        return tr("Valve");
    if (key.startsWith(QLatin1String("inlet_")))
        return tr("Inlet");
    if (key.startsWith(QLatin1String("outlet_")))
        return tr("Outlet");
    if (has("frequency"))
        return tr("VFD");
    if (has("tank"))
        return tr("Tank");
    if (has("power") || has("energy") || has("voltage") || has("current"))
        return tr("Power supply");
    if (has("turbidity") || has("chlorine") || key == QLatin1String("ph"))
        return tr("Water quality");
    return tr("Other");
}

std::vector<TagId> QueryEngine::tagsOf(const QString& key, const QStringList& stations,
                                       bool allZones) const
{
    std::vector<TagId> tags;
    const QSet<QString> wanted(stations.begin(), stations.end());
    for (const Station& s : m_project.stations) {
        if (!wanted.isEmpty() && !wanted.contains(s.id))
            continue;
        for (const Device& d : s.devices) {
            const TagId t = m_project.findTag(s.id, d.id, key);
            if (t != InvalidTagId) {
                tags.push_back(t);
                if (!allZones)
                    break;
            }
        }
    }
    return tags;
}

QuerySeries QueryEngine::describe(TagId tag) const
{
    const TagDef& def = m_project.tag(tag);
    const Station& station = m_project.stationOfTag(tag);
    QuerySeries s;
    s.tag = tag;
    s.stationId = station.id;
    s.station = station.displayName();
    s.name = def.name;
    int zones = 0;
    for (const Device& d : station.devices)
        zones += m_project.findTag(station.id, d.id, def.key) != InvalidTagId ? 1 : 0;
    if (zones > 1)
        s.zone = zoneDisplayName(m_project.deviceOfTag(tag).zone);
    s.location = location(def.key);
    s.unit = def.unit;
    s.quantity = def.quantity;
    s.aggregation = quantityInfo(def.quantity).aggregation;
    s.decimals = ValueFormat::decimals(def.quantity, def.unit);
    return s;
}

std::vector<qint64> QueryEngine::bounds(QueryStep step, qint64 fromMs, qint64 toMs) const
{
    std::vector<qint64> b{fromMs};
    if (step == QueryStep::Day) {
        const int dayStart = m_project.reports.dayStartMinute;
        QDate day = QDateTime::fromMSecsSinceEpoch(fromMs - dayStart * MinuteMs, m_zone).date();
        for (qint64 t = productionDayStart(day, m_zone, dayStart); t < toMs;) {
            day = day.addDays(1);
            t = productionDayStart(day, m_zone, dayStart);
            b.push_back(std::min(t, toMs));
        }
        return b;
    }
    const History::PeriodCalendar& calendar = m_reader.calendar();
    for (qint64 t = calendar.next(History::Resolution::Hour,
                                  calendar.start(History::Resolution::Hour, fromMs));
         t < toMs; t = calendar.next(History::Resolution::Hour, t))
        b.push_back(t);
    b.push_back(toMs);
    return b;
}

std::optional<HistoryResult> QueryEngine::history(const HistoryRequest& request,
                                                  const Canceled& canceled, QString* error)
{
    if (request.toMs <= request.fromMs) {
        *error = tr("the period is empty: it must end after it starts");
        return std::nullopt;
    }
    HistoryResult result;
    result.step =
        request.step == QueryStep::Auto ? stepForSpan(request.toMs - request.fromMs) : request.step;
    result.fromMs = request.fromMs;
    result.toMs = request.toMs;
    if (result.step == QueryStep::Hour) {
        // Rollups are by whole hours: the period grows to them.
        const History::PeriodCalendar& calendar = m_reader.calendar();
        result.fromMs = calendar.start(History::Resolution::Hour, request.fromMs);
        const qint64 last = calendar.start(History::Resolution::Hour, request.toMs - 1);
        result.toMs = calendar.next(History::Resolution::Hour, last);
    } else if (result.step == QueryStep::Day) {
        // Whole production days (today from midnight is the production day from 08:00), so
        // that every row is a day and the report's day.
        const int dayStart = m_project.reports.dayStartMinute;
        const auto dayOf = [&](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms - dayStart * MinuteMs, m_zone).date();
        };
        result.fromMs = productionDayStart(dayOf(request.fromMs), m_zone, dayStart);
        result.toMs = productionDayStart(dayOf(request.toMs - 1).addDays(1), m_zone, dayStart);
    }
    std::vector<TagId> tags; // each once: a tag asked twice is one series
    for (TagId t : request.tags) {
        if (t >= m_project.tagCount()) {
            *error = tr("unknown tag %1").arg(t);
            return std::nullopt;
        }
        if (std::find(tags.begin(), tags.end(), t) != tags.end())
            continue;
        tags.push_back(t);
        result.series.push_back(describe(t));
    }
    if (result.step == QueryStep::Raw || result.step == QueryStep::Quarter) {
        for (QuerySeries& s : result.series) {
            if (canceled && canceled()) {
                *error = tr("canceled");
                return std::nullopt;
            }
            if (!scanSeries(s, request, result.step, canceled, error))
                return std::nullopt;
        }
        return result;
    }
    if (!readBuckets(tags, bounds(result.step, result.fromMs, result.toMs), result, request.nowMs,
                     canceled, error))
        return std::nullopt;
    return result;
}

bool QueryEngine::scanSeries(QuerySeries& s, const HistoryRequest& request, QueryStep step,
                             const Canceled& canceled, QString* error)
{
    ScanSettings set;
    set.fromMs = request.fromMs;
    set.toMs = request.toMs;
    set.endMs = request.nowMs > 0 ? std::min(request.toMs, request.nowMs) : request.toMs;
    set.aggregation = s.aggregation;
    set.holdLimitMs = request.holdLimitMs > 0 ? request.holdLimitMs
                                              : History::HistoryOptions{}.effectiveHoldLimitMs();
    set.rollover = m_project.tag(s.tag).rollover;
    if (step == QueryStep::Raw) {
        const qint64 columns = std::max(1, request.chartBuckets);
        set.envelopeWidthMs = std::max<qint64>(1, (set.toMs - set.fromMs + columns - 1) / columns);
    } else {
        set.stepWidthMs = QuarterMs;
        set.stepOriginMs = m_reader.calendar().start(History::Resolution::Day, set.fromMs);
    }
    set.rowLimit = request.rowLimit;
    const auto readFailed = [&] {
        *error = m_reader.lastError().isEmpty() ? tr("canceled") : m_reader.lastError();
        return false;
    };
    const bool counter = s.aggregation == Aggregation::Counter;
    if (counter) {
        const auto entered = ReportStore(m_reader.database())
                                 .replacements({m_project.tagPath(s.tag)},
                                               set.fromMs - CounterVolume::ReplacementToleranceMs,
                                               set.toMs + NextReadingMs, error);
        if (!entered)
            return false;
        for (const MeterReplacementRow& m : *entered)
            set.replacements.push_back({m.ms, m.oldFinal, m.newInitial});
    }
    QueryScan scan(set);
    // What holds at the start; for a counter first the last good reading, where its advance
    // into the range starts even when bad readings came after it.
    std::optional<History::Point> edge;
    if (counter && !m_reader.sampleBefore(s.tag, set.fromMs, &edge, true))
        return readFailed();
    if (edge)
        scan.add(*edge);
    if (!m_reader.sampleBefore(s.tag, set.fromMs, &edge))
        return readFailed();
    if (edge)
        scan.add(*edge);
    qint64 n = 0;
    const bool read = m_reader.scan(s.tag, set.fromMs, set.toMs, [&](const History::Point& p) {
        scan.add(p);
        return ++n % CancelEveryRows != 0 || !canceled || !canceled();
    });
    if (!read)
        return readFailed();
    if (counter) {
        if (!m_reader.firstGood(s.tag, set.toMs, set.toMs + NextReadingMs, &edge))
            return readFailed();
        if (edge)
            scan.add(*edge);
    }
    scan.finish();
    s.stats = scan.stats();
    s.points = std::move(scan.rows());
    s.envelope = std::move(scan.envelope());
    s.truncated = scan.truncated();
    s.samples = scan.samples();
    if (canceled && canceled()) {
        *error = tr("canceled");
        return false;
    }
    return true;
}

} // namespace PumpWatch::Reports
