#include "stationlistmodel.h"

#include "theme.h"

#include <core/clock.h>

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>
#include <bit>
#include <cmath>

namespace PumpWatch::Ui {

namespace {

constexpr qint64 MinuteMs = 60'000;

quint8 severityCode(Alarms::Severity s)
{
    return static_cast<quint8>(s);
}

TagId tagByKeyOrQuantity(const Project& p, const Station& s, const QString& key, Quantity quantity)
{
    if (s.devices.empty())
        return InvalidTagId;
    const Device& d = s.devices.front();
    const TagId byKey = p.findTag(s.id, d.id, key);
    if (byKey != InvalidTagId)
        return byKey;
    for (TagId t = d.firstTag; t < d.firstTag + d.tagCount; ++t) {
        if (p.tag(t).quantity == quantity)
            return t;
    }
    return InvalidTagId;
}

} // namespace

TagId shownTag(const Project& project, const Station& station, StationListModel::Column which)
{
    switch (which) {
    case StationListModel::Pressure:
        return tagByKeyOrQuantity(project, station, QStringLiteral("outlet_pressure"),
                                  Quantity::Pressure);
    case StationListModel::Flow:
        return tagByKeyOrQuantity(project, station, QStringLiteral("outlet_flow"), Quantity::Flow);
    case StationListModel::Total:
        return tagByKeyOrQuantity(project, station, QStringLiteral("outlet_total"),
                                  Quantity::Totalizer);
    default:
        return InvalidTagId;
    }
}

DaySupply daySupplyFromHours(std::span<const History::RollupRow> hours, qint64 midnightMs,
                             qint64 toleranceMs)
{
    DaySupply day;
    double counted = 0.0;
    const History::RollupRow* last = nullptr;
    for (const History::RollupRow& h : hours) {
        if (h.count == 0 && h.delta == 0.0)
            continue;
        if (!last && h.count > 0)
            day.coveredFromMs = h.firstMs - midnightMs <= toleranceMs ? midnightMs : h.firstMs;
        counted += h.delta;
        if (h.count > 0)
            last = &h;
    }
    if (last)
        day.baseline = last->last - counted;
    return day;
}

Sparkline::Sparkline(int buckets)
    : m_values(static_cast<std::size_t>(buckets), std::nanf(""))
    , m_minute(static_cast<std::size_t>(buckets), -1)
{}

void Sparkline::add(qint64 ms, double value)
{
    addChanged(ms, value);
}

bool Sparkline::addChanged(qint64 ms, double value)
{
    if (m_values.empty())
        return false;
    const auto minute = static_cast<qint32>(ms / MinuteMs);
    const auto slot = static_cast<std::size_t>(minute) % m_values.size();
    const auto v = static_cast<float>(value);
    const bool changed = m_minute[slot] != minute || !(m_values[slot] == v);
    m_values[slot] = v;
    m_minute[slot] = minute;
    return changed;
}

float Sparkline::at(int i, qint64 nowMs) const
{
    const auto n = static_cast<qint32>(m_values.size());
    const qint32 minute = static_cast<qint32>(nowMs / MinuteMs) - n + 1 + i;
    const auto slot = static_cast<std::size_t>(minute) % m_values.size();
    return m_minute[slot] == minute ? m_values[slot] : std::nanf("");
}

StationListModel::StationListModel(const Project& project, RealtimeStore& store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_project(project)
    , m_reader(store)
    , m_zone(project.timeZone.toLatin1())
    , m_rows(project.stations.size())
    , m_tagRow(project.tagCount(), -1)
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Station& s = project.stations[i];
        Row& r = m_rows[i];
        r.pressure = shownTag(project, s, Pressure);
        r.flow = shownTag(project, s, Flow);
        r.total = shownTag(project, s, Total);
        r.search = SearchKey(s.name, {s.id, s.code, s.district});
        // "(A)澳门路口": the code's letter group first, pinyin inside it.
        r.nameKey = collationKey(s.code) + u'\x1f' + collationKey(s.name);
        r.districtKey = collationKey(s.district);
        r.lineKey = collationKey(display(r, static_cast<int>(i), Line).toString());
        const TagId shown[3] = {r.pressure, r.flow, r.total};
        for (int k = 0; k < 3; ++k) {
            const TagId t = shown[k];
            if (t == InvalidTagId)
                continue;
            m_tagRow[t] = static_cast<int>(i);
            const TagDef& def = project.tag(t);
            r.scale[k] = std::pow(10.0, ValueFormat::decimals(def.quantity, def.unit));
            r.staleAfter[k] = ValueFormat::staleAfterMs(project.deviceOfTag(t).settings.pollMs);
        }
        if (m_units.isEmpty() && r.pressure != InvalidTagId && r.flow != InvalidTagId &&
            r.total != InvalidTagId)
            m_units = {project.tag(r.pressure).unit, project.tag(r.flow).unit,
                       project.tag(r.total).unit};
    }
    if (m_units.isEmpty())
        m_units = {QStringLiteral("MPa"), QStringLiteral("m³/h"), QStringLiteral("m³")};
    m_supplyRounding = std::pow(10.0, ValueFormat::decimals(Quantity::Totalizer, unit(Total)));
}

int StationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StationListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Station");
    case District:
        return tr("District");
    case Line:
        return tr("Line");
    case Pressure:
        return tr("Pressure (%1)").arg(m_units[0]);
    case Flow:
        return tr("Flow (%1)").arg(m_units[1]);
    case Total:
        return tr("Totalizer (%1)").arg(m_units[2]);
    case Comm:
        return tr("Communication");
    case Updated:
        return tr("Updated");
    case PressureTrend:
        return tr("Pressure, %1 h").arg(TrendMinutes / 60);
    case FlowTrend:
        return tr("Flow, %1 h").arg(TrendMinutes / 60);
    case TodaySupply:
        return tr("Supplied today (%1)").arg(m_units[2]);
    }
    return {};
}

QVariant StationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int station = index.row();
    const Row& row = m_rows[static_cast<std::size_t>(station)];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, station, column);
    case Qt::ToolTipRole:
        if (column == Comm) // the cell says since when; the tip also why, as the device said
            return row.commError.isEmpty() || row.comm == Acquisition::CommState::Online
                       ? commText(row)
                       : commText(row) + u'\n' + row.commError;
        if (column >= Pressure && column <= Total) {
            const ShownValue v = shownValue(row, column);
            return v.toolTip.isEmpty() ? v.text : v.toolTip;
        }
        if (column == TodaySupply && dayIncomplete(row))
            return tr("At least %1 %2: history covers today only from %3, the volume before "
                      "is not known")
                .arg(ValueFormat::number(supply(row),
                                         ValueFormat::decimals(Quantity::Totalizer, unit(Total))),
                     unit(Total),
                     QDateTime::fromMSecsSinceEpoch(row.dayCoveredFromMs, m_zone)
                         .toString(QStringLiteral("HH:mm")));
        return display(row, station, column);
    case SortRole:
        return sortValue(row, station, column);
    case Qt::TextAlignmentRole:
        if (column >= Pressure && column <= Total)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return foreground(row, column);
    case Qt::BackgroundRole:
        return background(row, column);
    case Qt::FontRole:
        if (row.stale && column >= Pressure && column <= Total) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case StationRole:
        return station;
    case StateRole:
        return static_cast<int>(row.state);
    case DistrictRole:
        return m_project.stations[static_cast<std::size_t>(station)].district;
    case LineRole:
        return m_project.stations[static_cast<std::size_t>(station)].line;
    case PlantRole: {
        const int line = m_project.stations[static_cast<std::size_t>(station)].line;
        return line < 0 ? -1 : m_project.lines[static_cast<std::size_t>(line)].plant;
    }
    case FractionRole: {
        const double s = supply(row);
        return m_supplyScale > 0 && std::isfinite(s) ? std::clamp(s / m_supplyScale, 0.0, 1.0)
                                                     : 0.0;
    }
    case FlashRole:
        return row.unacknowledged && m_blink;
    case OfflineRole:
        return row.comm == Acquisition::CommState::Offline;
    default:
        return {};
    }
}

QVariant StationListModel::display(const Row& row, int station, int column) const
{
    const Station& s = m_project.stations[static_cast<std::size_t>(station)];
    switch (column) {
    case Name:
        return s.displayName();
    case District:
        return s.district;
    case Line: {
        if (s.line < 0)
            return QString();
        const PumpWatch::Line& l = m_project.lines[static_cast<std::size_t>(s.line)];
        return l.plant < 0
                   ? l.name
                   : m_project.plants[static_cast<std::size_t>(l.plant)].name + u' ' + l.name;
    }
    case Pressure:
    case Flow:
    case Total:
        return shownValue(row, column).text;
    case Comm:
        return commText(row);
    case Updated: {
        const qint64 ms = updatedMs(row);
        if (ms == 0)
            return QStringLiteral("—");
        return QDateTime::fromMSecsSinceEpoch(ms, m_zone).toString(QStringLiteral("HH:mm:ss"));
    }
    case TodaySupply: {
        const double v = supply(row);
        const QString n =
            ValueFormat::number(v, ValueFormat::decimals(Quantity::Totalizer, unit(Total)));
        return dayIncomplete(row) && std::isfinite(v) ? QStringLiteral("≥ ") + n : n;
    }
    default:
        return {};
    }
}

ShownValue StationListModel::shownValue(const Row& row, int column) const
{
    const TagId t = column == Pressure ? row.pressure : column == Flow ? row.flow : row.total;
    if (t == InvalidTagId)
        return {QStringLiteral("—"), QString(), ValueTone::Plain, false};
    const TagValue& v = m_reader.value(t);
    const quint8 bit = column == Pressure ? 1 : column == Flow ? 2 : 4;
    const Quality quality = ValueFormat::effectiveQuality(
        v.quality, row.sensorAlarm & bit,
        m_nowMs - v.timestampMs >
            ValueFormat::staleAfterMs(m_project.deviceOfTag(t).settings.pollMs));
    return ValueFormat::shown(m_project.tag(t), v.value, quality, false);
}

QVariant StationListModel::sortValue(const Row& row, int station, int column) const
{
    auto value = [&](TagId t) -> QVariant {
        if (t == InvalidTagId || m_reader.value(t).quality == Quality::Unknown)
            return -std::numeric_limits<double>::infinity();
        return m_reader.value(t).value;
    };
    switch (column) {
    case Pressure:
    case PressureTrend:
        return value(row.pressure);
    case Flow:
    case FlowTrend:
        return value(row.flow);
    case Total:
        return value(row.total);
    case Comm:
        return static_cast<int>(row.state);
    case Updated:
        return row.pressure != InvalidTagId ? m_reader.value(row.pressure).timestampMs : 0;
    case TodaySupply: {
        const double v = supply(row);
        return std::isfinite(v) ? v : -1.0;
    }
    case Name:
        return row.nameKey;
    case District:
        return row.districtKey;
    case Line:
        return row.lineKey;
    default:
        return display(row, station, column);
    }
}

QVariant StationListModel::foreground(const Row& row, int column) const
{
    const StateColours& c = stateColours();
    const bool offline = row.comm == Acquisition::CommState::Offline;
    if (column == Name) {
        // The name cell is filled when the station is offline or flashes: its text must read on
        // the fill (white on red, black on orange), never red on red.
        if (background(row, column).isValid())
            return stateTextColour(row.state);
        if (isAlarmState(row.state))
            return stateColour(row.state);
        return row.state == StationState::Unknown ? QVariant(c.offline) : QVariant();
    }
    const quint8 alarm = column == Pressure ? row.pressureAlarm
                         : column == Flow   ? row.flowAlarm
                                            : 0;
    if (alarm != 0 && !(row.unacknowledged && m_blink))
        return alarm == severityCode(Alarms::Severity::Critical) ? c.critical : c.warning;
    if (alarm != 0)
        return alarm == severityCode(Alarms::Severity::Critical) ? c.criticalText : c.warningText;
    if (offline || row.state == StationState::Unknown)
        return c.offline; // the last values known, greyed
    if (column >= Pressure && column <= Total && !shownValue(row, column).trusted)
        return c.staleText;
    if (row.stale && column >= Pressure && column <= Updated)
        return c.staleText;
    if (column == Comm && row.state != StationState::Stale)
        return c.normal;
    return {};
}

QVariant StationListModel::background(const Row& row, int column) const
{
    const StateColours& c = stateColours();
    if (column == Name) {
        const bool flashing = isAlarmState(row.state) && row.unacknowledged;
        if (row.comm == Acquisition::CommState::Offline) {
            // Offline: filled in the state's colour (red with a critical alarm), hatched by
            // the view; an unacknowledged alarm still flashes, bright and dim.
            const QColor fill = stateColour(row.state);
            return flashing && !m_blink ? fill.darker(150) : fill;
        }
        if (flashing && m_blink)
            return stateColour(row.state);
        return {};
    }
    const quint8 alarm = column == Pressure ? row.pressureAlarm
                         : column == Flow   ? row.flowAlarm
                                            : 0;
    // Flashing: the cell fills in its alarm colour in the bright phase, until acknowledged.
    if (alarm != 0 && row.unacknowledged && m_blink)
        return alarm == severityCode(Alarms::Severity::Critical) ? c.critical : c.warning;
    return {};
}

QString StationListModel::commText(const Row& row) const
{
    using Acquisition::CommState;
    switch (row.comm) {
    case CommState::Unknown:
        return tr("Connecting");
    case CommState::Online:
        return row.stale ? tr("Not refreshed") : tr("Normal");
    case CommState::Degraded:
        return tr("Partly interrupted");
    case CommState::Offline:
        break;
    }
    const QString since =
        QDateTime::fromMSecsSinceEpoch(row.commSinceMs, m_zone).toString(QStringLiteral("HH:mm"));
    return tr("%1 since %2")
        .arg(row.commCause.isEmpty() ? tr("Comm failure") : row.commCause, since);
}

bool StationListModel::dayIncomplete(const Row& row) const
{
    return row.dayCoveredFromMs > m_dayStartMs;
}

double StationListModel::supply(const Row& row) const
{
    if (row.total == InvalidTagId || m_reader.value(row.total).quality == Quality::Unknown)
        return std::nan("");
    return m_reader.value(row.total).value - row.dayStart;
}

StationState StationListModel::deriveState(const Row& row) const
{
    using Acquisition::CommState;
    return deriveStationState(row.worst, row.comm == CommState::Offline, row.stale,
                              row.comm != CommState::Unknown);
}

TagId StationListModel::tagOf(int row, Column which) const
{
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    return which == Pressure ? r.pressure : which == Flow ? r.flow : r.total;
}

const Sparkline& StationListModel::sparkline(int row, Column which) const
{
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    return which == FlowTrend ? r.flowTrend : r.pressureTrend;
}

bool StationListModel::matches(int row, const QString& query) const
{
    return m_rows[static_cast<std::size_t>(row)].search.matches(query);
}

void StationListModel::seedTrend(int station, Column which, qint64 ms, double value)
{
    Row& r = m_rows[static_cast<std::size_t>(station)];
    (which == FlowTrend ? r.flowTrend : r.pressureTrend).add(ms, value);
}

void StationListModel::seedDay(int station, const DaySupply& day)
{
    Row& r = m_rows[static_cast<std::size_t>(station)];
    if (std::isnan(day.baseline))
        return;
    r.dayStart = day.baseline;
    r.dayCoveredFromMs = day.coveredFromMs;
    mark(station);
}

void StationListModel::markCells(int row, quint16 columns)
{
    Row& r = m_rows[static_cast<std::size_t>(row)];
    if (columns == 0)
        return;
    if (r.dirty == 0)
        m_marked.push_back(row);
    r.dirty |= columns;
}

qint64 StationListModel::updatedMs(const Row& r) const
{
    return std::max({r.pressure != InvalidTagId ? m_reader.value(r.pressure).timestampMs : 0,
                     r.flow != InvalidTagId ? m_reader.value(r.flow).timestampMs : 0});
}

StationListModel::ShownKey StationListModel::shownKey(const Row& r, int which) const
{
    // Mirrors shownValue(): the same quality, the number as ValueFormat::number() rounds it.
    const TagId t = which == 0 ? r.pressure : which == 1 ? r.flow : r.total;
    if (t == InvalidTagId)
        return {std::nan(""), Quality::Unknown, true};
    const TagValue& v = m_reader.value(t);
    const auto bit = static_cast<quint8>(1u << which);
    const Quality quality = ValueFormat::effectiveQuality(
        v.quality, r.sensorAlarm & bit, m_nowMs - v.timestampMs > r.staleAfter[which]);
    return {std::round(v.value * r.scale[which]), quality, true};
}

StationListModel::ShownKey StationListModel::supplyKey(const Row& r) const
{
    const double v = supply(r);
    return {std::round(v * m_supplyRounding), Quality::Good, true, dayIncomplete(r)};
}

void StationListModel::markShownChanges(int row, Row& r)
{
    static constexpr Column valueColumns[3] = {Pressure, Flow, Total};
    quint16 changed = 0;
    for (int k = 0; k < 3; ++k) {
        const ShownKey key = shownKey(r, k);
        if (!(key == r.shown[k])) {
            r.shown[k] = key;
            changed |= 1u << valueColumns[k];
        }
    }
    const ShownKey supply = supplyKey(r);
    if (!(supply == r.supplyShown)) {
        r.supplyShown = supply;
        changed |= 1u << TodaySupply;
    }
    const qint64 second = updatedMs(r) / 1000;
    if (second != r.updatedSecond) {
        r.updatedSecond = second;
        changed |= 1u << Updated;
    }
    markCells(row, changed);
}

void StationListModel::refresh(qint64 nowMs)
{
    m_nowMs = nowMs;
    const qint64 day = QDateTime::fromMSecsSinceEpoch(nowMs, m_zone).date().toJulianDay();
    const bool newDay = m_day >= 0 && day != m_day;
    m_day = day;
    m_dayStartMs = startOfLocalDayMs(nowMs, m_zone);
    // The sparklines' window moves on with the minute, data or not.
    const qint64 minute = nowMs / MinuteMs;
    const bool newMinute = m_minute >= 0 && minute != m_minute;
    m_minute = minute;
    for (TagId t : m_reader.refresh()) {
        const int row = m_tagRow[t];
        if (row < 0)
            continue;
        Row& r = m_rows[static_cast<std::size_t>(row)];
        const TagValue& v = m_reader.value(t);
        if (m_perCell) {
            const int column = t == r.pressure ? Pressure : t == r.flow ? Flow : Total;
            ++m_stats.dataChangedSignals;
            Q_EMIT dataChanged(index(row, column), index(row, column));
        }
        if (isGood(v.quality)) {
            if (t == r.pressure) {
                if (r.pressureTrend.addChanged(v.timestampMs, v.value) && !m_perCell)
                    markCells(row, 1u << PressureTrend);
            } else if (t == r.flow) {
                if (r.flowTrend.addChanged(v.timestampMs, v.value) && !m_perCell)
                    markCells(row, 1u << FlowTrend);
            } else if (t == r.total && (std::isnan(r.dayStart) || newDay)) {
                // Until history answers (or without it): counted from this reading.
                r.dayStart = v.value;
                r.dayCoveredFromMs = newDay ? m_dayStartMs : v.timestampMs;
            }
        }
        if (!m_perCell)
            markShownChanges(row, r);
    }
    double largest = 0.0;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        if (newDay && r.total != InvalidTagId) {
            r.dayStart = m_reader.value(r.total).value;
            r.dayCoveredFromMs = m_dayStartMs;
            markCells(static_cast<int>(i), 1u << TodaySupply);
        }
        if (newMinute && !m_perCell)
            markCells(static_cast<int>(i), (1u << PressureTrend) | (1u << FlowTrend));
        const qint64 ts = r.pressure != InvalidTagId ? m_reader.value(r.pressure).timestampMs : 0;
        const bool stale =
            ts != 0 && (nowMs - ts > ValueFormat::staleAfterMs(
                                         m_project.deviceOfTag(r.pressure).settings.pollMs) ||
                        isUncertain(m_reader.value(r.pressure).quality));
        // Every other input sets the state where it changes; here only age can.
        if (stale != r.stale) {
            r.stale = stale;
            r.state = deriveState(r);
            mark(static_cast<int>(i));
        }
        const double s = supply(r);
        if (std::isfinite(s))
            largest = std::max(largest, s);
    }
    // The bars share one scale; it moves in steps so that the whole column is not re-sent on
    // every tick.
    if (largest > m_supplyScale || largest < m_supplyScale * 0.5) {
        m_supplyScale = largest * 1.25;
        if (!m_rows.empty()) {
            ++m_stats.dataChangedSignals;
            Q_EMIT dataChanged(index(0, TodaySupply), index(rowCount() - 1, TodaySupply),
                               {FractionRole});
        }
    }
    emitMarked();
}

void StationListModel::setCommStatuses(std::span<const Acquisition::CommStatus> devices)
{
    using Acquisition::CommState;
    // Rolled up per station: offline when every device is, degraded when some are.
    std::vector<std::vector<CommState>> states(m_rows.size());
    std::vector<const Acquisition::CommStatus*> offline(m_rows.size(), nullptr);
    for (const Acquisition::CommStatus& d : devices) {
        if (d.station < 0 || d.station >= static_cast<int>(m_rows.size()) || d.device < 0)
            continue;
        states[static_cast<std::size_t>(d.station)].push_back(d.state);
        if (d.state == CommState::Offline &&
            (!offline[static_cast<std::size_t>(d.station)] ||
             d.sinceMs < offline[static_cast<std::size_t>(d.station)]->sinceMs))
            offline[static_cast<std::size_t>(d.station)] = &d;
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        const CommState state =
            states[i].empty() ? CommState::Unknown : Acquisition::stationState(states[i]);
        const qint64 since = offline[i] ? offline[i]->sinceMs : 0;
        const QString error = offline[i] ? offline[i]->lastError : QString();
        if (state != r.comm || since != r.commSinceMs || error != r.commError) {
            r.comm = state;
            r.commSinceMs = since;
            r.commError = error;
            r.state = deriveState(r);
            mark(static_cast<int>(i));
        }
    }
}

void StationListModel::setAlarms(std::span<const Alarms::AlarmRecord> live)
{
    struct Summary {
        quint8 pressure = 0, flow = 0, worst = 0, sensor = 0;
        bool unacknowledged = false;
        QString cause;
    };
    std::vector<Summary> summary(m_rows.size());
    for (const Alarms::AlarmRecord& a : live) {
        if (a.station < 0 || a.station >= static_cast<int>(m_rows.size()))
            continue;
        Summary& s = summary[static_cast<std::size_t>(a.station)];
        const Row& r = m_rows[static_cast<std::size_t>(a.station)];
        if (a.type == Alarms::AlarmType::PowerFail && a.isActive())
            s.cause = Alarms::AlarmText::cause(Alarms::AlarmCause::powerOutage());
        if (a.type == Alarms::AlarmType::SensorFault && a.isActive())
            s.sensor |= a.tag == r.pressure ? 1 : a.tag == r.flow ? 2 : a.tag == r.total ? 4 : 0;
        if (!a.isAnnunciated())
            continue;
        const quint8 sev = a.isActive() ? severityCode(a.severity) : 0;
        s.worst = std::max(s.worst, sev);
        if (a.tag == r.pressure)
            s.pressure = std::max(s.pressure, sev);
        if (a.tag == r.flow)
            s.flow = std::max(s.flow, sev);
        s.unacknowledged = s.unacknowledged || !a.isAcknowledged();
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        const Summary& s = summary[i];
        if (s.pressure != r.pressureAlarm || s.flow != r.flowAlarm || s.worst != r.worst ||
            s.unacknowledged != r.unacknowledged || s.cause != r.commCause ||
            s.sensor != r.sensorAlarm) {
            r.sensorAlarm = s.sensor;
            r.pressureAlarm = s.pressure;
            r.flowAlarm = s.flow;
            r.worst = s.worst;
            r.unacknowledged = s.unacknowledged;
            r.commCause = s.cause;
            r.state = deriveState(r);
            mark(static_cast<int>(i));
        }
    }
}

void StationListModel::setBlink(bool bright)
{
    if (bright == m_blink)
        return;
    m_blink = bright;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].unacknowledged)
            mark(static_cast<int>(i));
    }
    emitMarked();
}

void StationListModel::emitMarked()
{
    if (m_marked.empty())
        return;
    std::sort(m_marked.begin(), m_marked.end());
    m_stats.rowsChanged += m_marked.size();
    for (std::size_t i = 0; i < m_marked.size();) {
        std::size_t j = i;
        quint16 columns = m_rows[static_cast<std::size_t>(m_marked[i])].dirty;
        while (j + 1 < m_marked.size() && m_marked[j + 1] == m_marked[j] + 1)
            columns |= m_rows[static_cast<std::size_t>(m_marked[++j])].dirty;
        for (std::size_t k = i; k <= j; ++k) {
            Row& r = m_rows[static_cast<std::size_t>(m_marked[k])];
            if (r.dirty != AllColumns)
                continue; // its value cells' keys were kept when they were marked
            // A whole row is emitted: what it shows now is what the keys compare against.
            for (int c = 0; c < 3; ++c)
                r.shown[c] = shownKey(r, c);
            r.supplyShown = supplyKey(r);
            r.updatedSecond = updatedMs(r) / 1000;
        }
        // The columns from the first to the last that changed in any row of the run.
        const int first = std::countr_zero(columns);
        const int last = 15 - std::countl_zero(columns);
        ++m_stats.dataChangedSignals;
        Q_EMIT dataChanged(index(m_marked[i], first), index(m_marked[j], last));
        i = j + 1;
    }
    for (int row : m_marked)
        m_rows[static_cast<std::size_t>(row)].dirty = 0;
    m_marked.clear();
}

} // namespace PumpWatch::Ui
