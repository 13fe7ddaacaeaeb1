// MapPanel: the map dock — the canvas with the project's stations, fed from the realtime list's
// model (state, flashing, the card's pressure, flow, comm status and update time), a search box
// that flies to a station by name or pinyin initials, and "all stations".
#pragma once

#include "mapcanvas.h"
#include "stationlistmodel.h"

#include <core/textsearch.h>

#include <QWidget>

class QLineEdit;

namespace PumpWatch::Ui {

class MapPanel : public QWidget {
    Q_OBJECT

public:
    MapPanel(const Project& project, StationListModel& stations, QWidget* parent = nullptr);
    MapCanvas* canvas() const { return m_canvas; }
    /// Pulls states and values from the list model (the 1 s tick).
    void refresh();
    /// Flies to the first station matching `text`; false when none does.
    bool search(const QString& text);

Q_SIGNALS:
    void stationSelected(int station);
    void stationActivated(int station);
    void trendRequested(int station);

private:
    const Project& m_project;
    StationListModel& m_model;
    MapCanvas* m_canvas;
    QLineEdit* m_search;
    std::vector<SearchKey> m_keys;
};

} // namespace PumpWatch::Ui
