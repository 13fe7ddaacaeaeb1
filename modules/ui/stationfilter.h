// StationFilter: the realtime list's filters and sorting — district, plant or line, state, and
// the search box (name, pinyin initials or full pinyin, code, id). Sorts numbers as numbers.
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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    StationListModel* m_stations = nullptr;
    QString m_search;
    QString m_district;
    int m_plant = -1;
    int m_line = -1;
    StateFilter m_state = StateFilter::All;
};

} // namespace PumpWatch::Ui
