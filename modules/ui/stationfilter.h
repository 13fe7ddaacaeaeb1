// StationFilter: the realtime list's filters and sorting — district, plant or line, state, and
// the search box (name, pinyin initials or full pinyin, code, id). Sorts numbers as numbers and
// names by pinyin with their numbers in order (collationKey). A sorted list stays sorted: every
// filter change sorts again, and resort() puts rows whose values moved back in order (the view
// calls it on a calm cadence; selection follows its rows). With alarmsFirst, stations in alarm
// come first, critical before warning, whatever the column and direction.
#pragma once

#include "stationlistmodel.h"

#include <QSortFilterProxyModel>

namespace PumpWatch::Ui {

class StationFilter : public QSortFilterProxyModel {
    Q_OBJECT

public:
    enum class StateFilter : quint8 { All, Alarmed, Offline, Normal };

    explicit StationFilter(QObject* parent = nullptr);

    void setStations(StationListModel* model);
    void setSearch(const QString& text);
    void setDistrict(const QString& district); ///< empty: all
    void setPlant(int plant);                  ///< -1: all
    void setLine(int line);                    ///< -1: all
    void setStateFilter(StateFilter filter);
    void setAlarmsFirst(bool on);
    bool alarmsFirst() const { return m_alarmsFirst; }
    /// Sorts again by the current column and order (values change every second).
    void resort();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    /// A filter changed: rows come back, in order.
    void refilter();

    StationListModel* m_stations = nullptr;
    QString m_search;
    QString m_district;
    int m_plant = -1;
    int m_line = -1;
    StateFilter m_state = StateFilter::All;
    bool m_alarmsFirst = false;
};

} // namespace PumpWatch::Ui
