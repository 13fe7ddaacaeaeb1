#include "stationfilter.h"

namespace PumpWatch::Ui {

StationFilter::StationFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(StationListModel::SortRole);
    // The model's sort keys carry their own order (pinyin, numbers by value): compared as plain
    // strings, which a locale's collation would not do (it skips the separators).
    setSortLocaleAware(false);
    // Values change every second; rows only move when the user sorts again or a filter changes.
    setDynamicSortFilter(false);
}

void StationFilter::setStations(StationListModel* model)
{
    m_stations = model;
    setSourceModel(model);
}

void StationFilter::setSearch(const QString& text)
{
    m_search = text;
    refilter();
}

void StationFilter::setDistrict(const QString& district)
{
    m_district = district;
    refilter();
}

void StationFilter::setPlant(int plant)
{
    m_plant = plant;
    refilter();
}

void StationFilter::setLine(int line)
{
    m_line = line;
    refilter();
}

void StationFilter::setStateFilter(StateFilter filter)
{
    m_state = filter;
    refilter();
}

void StationFilter::refilter()
{
    // Without dynamic sorting the proxy appends rows a filter lets back in unsorted.
    invalidateFilter();
    resort();
}

void StationFilter::resort()
{
    if (sortColumn() >= 0)
        sort(sortColumn(), sortOrder());
}

void StationFilter::setAlarmsFirst(bool on)
{
    m_alarmsFirst = on;
    resort();
}

bool StationFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (m_alarmsFirst && m_stations) {
        const auto rank = [this](const QModelIndex& i) {
            const StationState s = m_stations->state(i.row());
            return isAlarmState(s) ? static_cast<int>(s) : 0;
        };
        const int l = rank(left);
        const int r = rank(right);
        if (l != r) // the proxy reverses a descending sort; alarms stay on top either way
            return (sortOrder() == Qt::AscendingOrder) ? l > r : l < r;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

bool StationFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_stations || sourceParent.isValid())
        return false;
    const QModelIndex i = m_stations->index(sourceRow, 0);
    if (!m_district.isEmpty() && i.data(StationListModel::DistrictRole).toString() != m_district)
        return false;
    if (m_plant >= 0 && i.data(StationListModel::PlantRole).toInt() != m_plant)
        return false;
    if (m_line >= 0 && i.data(StationListModel::LineRole).toInt() != m_line)
        return false;
    const StationState state = m_stations->state(sourceRow);
    switch (m_state) {
    case StateFilter::All:
        break;
    case StateFilter::Alarmed:
        if (!isAlarmState(state))
            return false;
        break;
    case StateFilter::Offline:
        if (!m_stations->isOffline(sourceRow) && state != StationState::Unknown)
            return false;
        break;
    case StateFilter::Normal:
        if (state != StationState::Normal && state != StationState::Stale)
            return false; // an offline station is not normal, whatever its alarms
        break;
    }
    return m_stations->matches(sourceRow, m_search);
}

} // namespace PumpWatch::Ui
