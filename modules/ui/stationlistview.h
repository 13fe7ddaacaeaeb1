// StationListView: the realtime list panel — a filter bar (search by name or pinyin, district,
// plant and line, state) over the station table with sparklines and today's supply bars.
// Columns are chosen from the header's context menu; saveState()/restoreState() keep the
// columns, their order and widths and the sort per user. Double-click opens the station. The
// sort holds while values change: rows are put back in order every few seconds, the selection
// and the scroll position kept; "alarms first" keeps stations in alarm on top (not saved: every
// shift starts with the plain sort).
#pragma once

#include "stationfilter.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableView;
class QLabel;

namespace PumpWatch::Ui {

class StationListView : public QWidget {
    Q_OBJECT

public:
    StationListView(const Project& project, StationListModel& model, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    StationFilter& filter() { return m_filter; }
    QLineEdit* searchBox() const { return m_search; }
    QComboBox* stateBox() const { return m_state; }
    QCheckBox* alarmsFirstBox() const { return m_alarmsFirst; }
    /// How often rows whose values moved are put back in order (5 s).
    static constexpr int ResortMs = 5000;
    QByteArray saveState() const;
    void restoreState(const QByteArray& state);
    /// After each refresh: re-applies a state filter, updates the counts.
    void refreshed();

Q_SIGNALS:
    void stationActivated(int station);
    void stationSelected(int station);
    void graphicRequested(int station);
    void trendRequested(int station);

private:
    void updateCounts();

    const Project& m_project;
    StationListModel& m_model;
    StationFilter m_filter;
    QLineEdit* m_search;
    QComboBox* m_district;
    QComboBox* m_line;
    QComboBox* m_state;
    QCheckBox* m_alarmsFirst;
    QLabel* m_counts;
    QTimer m_resort;
    QTableView* m_table;
};

} // namespace PumpWatch::Ui
