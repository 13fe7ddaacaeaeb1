#include "alarmlistmodel.h"

#include "theme.h"

#include <core/valueformat.h>

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace PumpWatch::Ui {

using Alarms::AlarmRecord;

AlarmListModel::AlarmListModel(const Project& project, QObject* parent)
    : QAbstractTableModel(parent)
    , m_project(project)
    , m_zone(project.timeZone.toLatin1())
{}

int AlarmListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlarmListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlarmListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Start");
    case Station:
        return tr("Station");
    case Subject:
        return tr("Monitored value");
    case Type:
        return tr("Alarm type");
    case Value:
        return tr("Value");
    case State:
        return tr("State");
    case Note:
        return tr("Cause");
    }
    return {};
}

bool AlarmListModel::newerFirst(const AlarmRecord& a, const AlarmRecord& b)
{
    return a.startMs != b.startMs ? a.startMs > b.startMs : a.key > b.key;
}

QString AlarmListModel::describe(const AlarmRecord& r) const
{
    const Alarms::AlarmSubject s = Alarms::alarmSubject(m_project, r);
    QString text =
        QDateTime::fromMSecsSinceEpoch(r.startMs, m_zone).toString(QStringLiteral("HH:mm:ss")) +
        u' ' + Alarms::alarmTitle(s, r);
    const QString value = valueText(r);
    return value.isEmpty() ? text : text + u' ' + value;
}

QString AlarmListModel::valueText(const AlarmRecord& r) const
{
    if (std::isnan(r.value))
        return {};
    if (r.tag != InvalidTagId && r.tag < m_project.tagCount())
        return ValueFormat::text(m_project.tag(r.tag), r.value);
    return ValueFormat::number(r.value, 2);
}

QVariant AlarmListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const AlarmRecord& r = row.record;
    const bool critical = r.severity == Alarms::Severity::Critical;
    const bool flashing = !r.isAcknowledged() && m_blink;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(r.startMs, m_zone)
                .toString(QStringLiteral("MM-dd HH:mm:ss"));
        case Station:
            return row.subject.stationName;
        case Subject:
            return row.subject.tagName;
        case Type:
            return Alarms::AlarmText::typeName(r.type);
        case Value:
            return valueText(r);
        case State:
            if (r.isActive())
                return r.isAcknowledged() ? tr("Active, acknowledged by %1").arg(r.ackUser)
                                          : tr("Active, unacknowledged");
            return tr("Returned, unacknowledged");
        case Note:
            return Alarms::AlarmText::cause(r.detail);
        }
        return {};
    case Qt::ToolTipRole:
        return describe(r) +
               (r.detail.isEmpty() ? QString() : u'\n' + Alarms::AlarmText::cause(r.detail));
    case Qt::ForegroundRole:
        if (flashing)
            return critical ? stateColours().criticalText : stateColours().warningText;
        if (!r.isActive())
            return stateColours().staleText;
        return critical ? stateColours().critical : stateColours().warning;
    case Qt::BackgroundRole:
        if (flashing)
            return critical ? stateColours().critical : stateColours().warning;
        return {};
    case KeyRole:
        return QVariant::fromValue(r.key);
    case SeverityRole:
        return static_cast<int>(r.severity);
    case AcknowledgedRole:
        return r.isAcknowledged();
    case FlashRole:
        return flashing;
    case StationRole:
        return r.station;
    default:
        return {};
    }
}

void AlarmListModel::setRecords(std::span<const AlarmRecord> live)
{
    std::vector<AlarmRecord> next;
    for (const AlarmRecord& r : live) {
        if (r.isAnnunciated())
            next.push_back(r);
    }
    std::sort(next.begin(), next.end(), newerFirst);
    std::unordered_set<quint64> keep;
    for (const AlarmRecord& r : next)
        keep.insert(r.key);
    // Remove what went, bottom up, in contiguous blocks.
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0;) {
        if (keep.contains(m_rows[std::size_t(i)].record.key)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !keep.contains(m_rows[std::size_t(first - 1)].record.key))
            --first;
        beginRemoveRows({}, first, i);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + i + 1);
        endRemoveRows();
        i = first - 1;
    }
    // What is left is a subsequence of `next` in the same order: merge the new ones in.
    std::size_t at = 0;
    for (const AlarmRecord& r : next) {
        if (at < m_rows.size() && m_rows[at].record.key == r.key) {
            if (!(m_rows[at].record == r)) {
                m_rows[at].record = r;
                Q_EMIT dataChanged(index(int(at), 0), index(int(at), ColumnCount - 1));
            }
            ++at;
            continue;
        }
        beginInsertRows({}, int(at), int(at));
        m_rows.insert(m_rows.begin() + std::ptrdiff_t(at), {r, Alarms::alarmSubject(m_project, r)});
        endInsertRows();
        ++at;
    }
}

void AlarmListModel::setBlink(bool bright)
{
    if (bright == m_blink)
        return;
    m_blink = bright;
    for (std::size_t i = 0; i < m_rows.size();) {
        if (m_rows[i].record.isAcknowledged()) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < m_rows.size() && !m_rows[j + 1].record.isAcknowledged())
            ++j;
        Q_EMIT dataChanged(index(int(i), 0), index(int(j), ColumnCount - 1),
                           {Qt::ForegroundRole, Qt::BackgroundRole, FlashRole});
        i = j + 1;
    }
}

int AlarmListModel::unacknowledgedCount() const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(),
                                          [](const Row& r) { return !r.record.isAcknowledged(); }));
}

} // namespace PumpWatch::Ui
