#include "limittablemodel.h"

#include "stationlistmodel.h"

#include <core/alarmreader.h>
#include <core/tagcheck.h>

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace PumpWatch::Ui {
namespace {

/// Decimals a limit of the quantity is shown with, as the seed's table does (0.600 MPa).
int defaultDecimals(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Pressure:
        return 3;
    case Quantity::Flow:
    case Quantity::Frequency:
        return 1;
    default:
        return 2;
    }
}

constexpr const char* LimitNames[] = {"LL", "L", "H", "HH"};

/// "H", or the translated "rate" for the fifth field.
QString limitName(int i)
{
    return i < 4 ? QString::fromLatin1(LimitNames[i]) : LimitTableModel::tr("rate");
}

std::optional<double> LimitValues::*limitField(int column)
{
    switch (column) {
    case LimitTableModel::LowLow:
        return &LimitValues::lowLow;
    case LimitTableModel::Low:
        return &LimitValues::low;
    case LimitTableModel::High:
        return &LimitValues::high;
    case LimitTableModel::HighHigh:
        return &LimitValues::highHigh;
    case LimitTableModel::Rate:
        return &LimitValues::ratePerMinute;
    default:
        return nullptr;
    }
}

} // namespace

LimitTableModel::LimitTableModel(const Project& project, const Alarms::AlarmService& alarms,
                                 QObject* parent)
    : QAbstractTableModel(parent)
    , m_project(project)
    , m_alarms(alarms)
{}

std::vector<LimitTableModel::Key> LimitTableModel::keys(const Project& project)
{
    struct Count {
        int watched = 0; ///< tags with alarm checks: the values people set limits for
        int tags = 0;
        QString name;
    };
    std::map<QString, Count> counts;
    for (TagId t = 0; t < project.tagCount(); ++t) {
        const TagDef& def = project.tag(t);
        if (quantityInfo(def.quantity).aggregation == Aggregation::State)
            continue;
        Count& c = counts[def.key];
        if (c.tags++ == 0)
            c.name = def.name;
        c.watched += def.alarm.hasChecks();
    }
    std::vector<std::pair<Count, Key>> sorted;
    for (const auto& [key, count] : counts)
        sorted.push_back({count, {key, count.name}});
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return std::pair(a.first.watched, a.first.tags) > std::pair(b.first.watched, b.first.tags);
    });
    std::vector<Key> out;
    for (auto& entry : sorted)
        out.push_back(std::move(entry.second));
    // The pressure the realtime list shows comes first, as in the seed's table.
    if (!project.stations.empty()) {
        const TagId shown = shownTag(project, project.stations.front(), StationListModel::Pressure);
        const auto it = std::find_if(out.begin(), out.end(), [&](const Key& k) {
            return shown != InvalidTagId && k.key == project.tag(shown).key;
        });
        if (it != out.end())
            std::rotate(out.begin(), it, it + 1);
    }
    return out;
}

void LimitTableModel::setKey(const QString& key)
{
    beginResetModel();
    m_key = key;
    m_rows.clear();
    for (const PumpWatch::Station& s : m_project.stations) {
        for (const Device& d : s.devices) {
            for (TagId t = d.firstTag; t < d.firstTag + d.tagCount; ++t) {
                if (m_project.tag(t).key != key)
                    continue;
                Row row;
                row.tag = t;
                row.station = s.devices.size() > 1
                                  ? s.displayName() + u' ' + zoneDisplayName(d.zone)
                                  : s.displayName();
                row.search = SearchKey(s.name, {s.id, s.code, s.district});
                row.inForce = m_alarms.limits(t);
                m_rows.push_back(std::move(row));
            }
        }
    }
    endResetModel();
}

void LimitTableModel::setEditable(bool editable)
{
    if (editable == m_editable)
        return;
    beginResetModel(); // flags change everywhere
    m_editable = editable;
    endResetModel();
}

void LimitTableModel::reload()
{
    for (Row& row : m_rows)
        row.inForce = m_alarms.limits(row.tag);
    // Edits that now equal what is in force are done.
    for (auto it = m_edits.begin(); it != m_edits.end();) {
        if (it->second == m_alarms.limits(it->first)) {
            m_problems.erase(it->first);
            it = m_edits.erase(it);
        } else {
            ++it;
        }
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT editsChanged();
}

const AlarmLimits& LimitTableModel::limits(int row) const
{
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    const auto it = m_edits.find(r.tag);
    return it != m_edits.end() ? it->second : r.inForce;
}

bool LimitTableModel::setLimits(int row, const AlarmLimits& limits)
{
    if (!m_editable)
        return false;
    edit(tagAt(row), limits);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

bool LimitTableModel::isEdited(int row) const
{
    return m_edits.count(tagAt(row)) != 0;
}

QStringList LimitTableModel::problems(int row) const
{
    const auto it = m_problems.find(tagAt(row));
    return it != m_problems.end() ? it->second : QStringList();
}

std::vector<std::pair<TagId, AlarmLimits>> LimitTableModel::edits() const
{
    return {m_edits.begin(), m_edits.end()};
}

std::size_t LimitTableModel::problemCount() const
{
    return static_cast<std::size_t>(std::count_if(
        m_problems.begin(), m_problems.end(), [](const auto& p) { return !p.second.isEmpty(); }));
}

QStringList LimitTableModel::describeEdits() const
{
    QStringList lines;
    for (const auto& [tag, now] : m_edits) {
        const AlarmLimits before = m_alarms.limits(tag);
        const Quantity q = m_project.tag(tag).quantity;
        QStringList changes;
        for (int i = 0; i < 5; ++i) {
            const auto field = LimitFields[i];
            if (before.*field != now.*field)
                changes << QStringLiteral("%1 %2 → %3")
                               .arg(limitName(i), limitText(before.*field, q),
                                    limitText(now.*field, q));
        }
        if (before.enabled != now.enabled)
            changes << (now.enabled ? tr("enabled") : tr("disabled"));
        if (before.periods != now.periods)
            changes << tr("%n period(s)", nullptr, static_cast<int>(now.periods.size()));
        if (before.deadband != now.deadband || before.onDelayS != now.onDelayS ||
            before.offDelayS != now.offDelayS)
            changes << tr("delays and deadband");
        lines << tr("%1 %2: %3")
                     .arg(m_project.stationOfTag(tag).displayName(), m_project.tag(tag).name,
                          changes.join(QStringLiteral(", ")));
    }
    return lines;
}

void LimitTableModel::revert()
{
    if (m_edits.empty())
        return;
    m_edits.clear();
    m_problems.clear();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT editsChanged();
}

void LimitTableModel::edit(TagId tag, const AlarmLimits& limits)
{
    if (limits == m_alarms.limits(tag)) {
        m_edits.erase(tag);
        m_problems.erase(tag);
    } else {
        m_edits[tag] = limits;
        m_problems[tag] = check(tag, limits);
    }
    Q_EMIT editsChanged();
}

QStringList LimitTableModel::check(TagId tag, const AlarmLimits& limits) const
{
    TagDef def = m_project.tag(tag);
    def.alarm = limits;
    QStringList out;
    for (const TagProblem& p : TagCheck::check(def, m_project.deviceOfTag(tag).settings)) {
        if (qstrcmp(p.field, "alarm") == 0)
            out << p.message;
    }
    return out;
}

QString LimitTableModel::limitText(const std::optional<double>& value, Quantity quantity)
{
    if (!value)
        return tr("not set");
    // As many decimals as the quantity shows, more when the value has them.
    const QString shortest = QString::number(*value, 'g', 12);
    const qsizetype dot = shortest.indexOf(u'.');
    const int needed = dot < 0 || shortest.contains(u'e') ? 0 : int(shortest.size() - dot - 1);
    return QLocale().toString(*value, 'f', std::max(defaultDecimals(quantity), needed));
}

bool LimitTableModel::parseLimit(const QString& text, std::optional<double>* value)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t == tr("not set") || t == u"-" || t == u"—") {
        value->reset();
        return true;
    }
    bool ok = false;
    double v = QLocale().toDouble(t, &ok);
    if (!ok)
        v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return false;
    *value = v;
    return true;
}

QString LimitTableModel::periodsText(const AlarmLimits& limits, Quantity quantity)
{
    QStringList lines;
    for (const AlarmPeriod& p : limits.periods) {
        QStringList values;
        for (int i = 0; i < 5; ++i) {
            const auto& v = p.limits.*LimitFields[i];
            if (v)
                values << limitName(i) + u' ' + limitText(v, quantity);
        }
        lines << tr("%1–%2 %3: %4")
                     .arg(minuteOfDayText(p.fromMinute),
                          minuteOfDayText(p.toMinute == 0 ? 1440 : p.toMinute),
                          daysDisplayText(p.days), values.join(QStringLiteral(" · ")));
    }
    return lines.join(u'\n');
}

QString LimitTableModel::daysDisplayText(quint8 days)
{
    switch (days & 0x7f) {
    case 0x7f:
        return tr("daily");
    case 0x1f:
        return tr("Mon–Fri");
    case 0x60:
        return tr("Sat, Sun");
    default:
        break;
    }
    QStringList names;
    for (int d = 0; d < 7; ++d) {
        if (days & (1u << d))
            names << QLocale().dayName(d + 1, QLocale::ShortFormat);
    }
    return names.join(QStringLiteral(", "));
}

int LimitTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LimitTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags LimitTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!m_editable || !index.isValid())
        return f;
    if (limitField(index.column()))
        f |= Qt::ItemIsEditable;
    else if (index.column() == Enabled)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant LimitTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("No.");
    case Station:
        return tr("Station");
    case Tag:
        return tr("Monitored value");
    case Unit:
        return tr("Unit");
    case LowLow:
        return tr("Low-low");
    case Low:
        return tr("Low");
    case High:
        return tr("High");
    case HighHigh:
        return tr("High-high");
    case Enabled:
        return tr("Enabled");
    case Rate:
        return tr("Rate /min");
    case Periods:
        return tr("Time periods");
    }
    return {};
}

QVariant LimitTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    const TagDef& def = m_project.tag(r.tag);
    const AlarmLimits& l = limits(row);
    const auto field = limitField(index.column());
    const bool edited = m_edits.count(r.tag) != 0;
    const bool cellEdited =
        edited && (field ? l.*field != r.inForce.*field
                         : (index.column() == Enabled && l.enabled != r.inForce.enabled) ||
                               (index.column() == Periods && l.periods != r.inForce.periods));

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Number:
            return row + 1;
        case Station:
            return r.station;
        case Tag:
            return def.name;
        case Unit:
            return def.unit;
        case Periods:
            return l.periods.empty()
                       ? QString()
                       : tr("%n period(s)", nullptr, static_cast<int>(l.periods.size()));
        default:
            if (field) {
                if (role == Qt::EditRole)
                    return (l.*field) ? limitText(l.*field, def.quantity) : QString();
                return limitText(l.*field, def.quantity);
            }
            return {};
        }
    case SortRole:
        if (field)
            return (l.*field) ? QVariant(*(l.*field)) : QVariant(-1e300);
        if (index.column() == Number)
            return row;
        if (index.column() == Enabled)
            return l.enabled;
        if (index.column() == Periods)
            return static_cast<int>(l.periods.size());
        return data(index, Qt::DisplayRole);
    case Qt::CheckStateRole:
        if (index.column() == Enabled)
            return l.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::TextAlignmentRole:
        if (field || index.column() == Number)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (field && !(l.*field))
            return QBrush(QColor(128, 128, 128));
        return {};
    case Qt::FontRole:
        if (cellEdited) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::BackgroundRole: {
        const auto it = m_problems.find(r.tag);
        if (it != m_problems.end() && !it->second.isEmpty())
            return QBrush(QColor(220, 50, 50, 120));
        if (cellEdited)
            return QBrush(QColor(255, 200, 60, 90));
        return {};
    }
    case Qt::ToolTipRole: {
        QStringList tip;
        tip << m_project.tagPath(r.tag);
        if (!l.periods.empty())
            tip << periodsText(l, def.quantity);
        tip << problems(row);
        if (edited)
            tip << tr("Edited, not saved yet");
        return tip.join(u'\n');
    }
    case EditedRole:
        return cellEdited;
    default:
        return {};
    }
}

bool LimitTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_editable || !index.isValid())
        return false;
    AlarmLimits l = limits(index.row());
    if (index.column() == Enabled && role == Qt::CheckStateRole) {
        l.enabled = value.value<Qt::CheckState>() == Qt::Checked;
    } else if (const auto field = limitField(index.column()); field && role == Qt::EditRole) {
        std::optional<double> v;
        if (!parseLimit(value.toString(), &v))
            return false;
        l.*field = v;
    } else {
        return false;
    }
    return setLimits(index.row(), l);
}

} // namespace PumpWatch::Ui
