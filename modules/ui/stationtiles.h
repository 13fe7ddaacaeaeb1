// StationTiles: every station as a tile coloured by its state (normal, warning, critical,
// offline, not refreshed), flashing on unacknowledged alarms, with its pressure — the overview a
// dispatcher reads at a glance across the room. It draws from the StationListModel and repaints
// on its dataChanged. Click selects, double-click opens the station.
#pragma once

#include "stationlistmodel.h"

#include <QWidget>

namespace PumpWatch::Ui {

class StationTiles : public QWidget {
    Q_OBJECT

public:
    explicit StationTiles(StationListModel& model, QWidget* parent = nullptr);
    QSize sizeHint() const override { return {640, 420}; }
    int stationAt(const QPoint& pos) const;

Q_SIGNALS:
    void stationSelected(int station);
    void stationActivated(int station);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    QRect tileRect(int i) const;
    int columns() const;

    StationListModel& m_model;
};

} // namespace PumpWatch::Ui
