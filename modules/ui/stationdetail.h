// StationDetail: one station in full (seed 000 §4.2.2, double-click in the list) — every tag
// with its value, unit, quality, timestamp and limits, the devices with their endpoints and comm
// state, and a button to open the station's pressure and flow in the trend panel.
#pragma once

#include "services.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <QWidget>

class QLabel;
class QTableView;

namespace PumpWatch::Ui {

class StationTagsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Value, Unit, Quality, Time, Limits, ColumnCount };

    StationTagsModel(const Project& project, RealtimeStore& store,
                     const Alarms::AlarmService& alarms, QObject* parent = nullptr);
    void setStation(int station);
    int station() const { return m_station; }
    /// Re-reads the station's values and its sensor alarms; one dataChanged over the rows that
    /// changed (every row once a second, as values age to stale by `nowMs`).
    void refresh(qint64 nowMs);
    /// The quality a person is shown: the value's own, a sensor fault while a sensor alarm
    /// (frozen, out of range) is active on the tag, stale when it has not been refreshed.
    PumpWatch::Quality shownQuality(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    TagId tagAt(int row) const { return m_first + TagId(row); }

private:
    const Project& m_project;
    RealtimeStore& m_store;
    const Alarms::AlarmService& m_alarms;
    QTimeZone m_zone;
    int m_station = -1;
    TagId m_first = 0;
    std::vector<TagValue> m_values;
    std::vector<bool> m_sensorAlarm; ///< an active sensor alarm on the row's tag
    qint64 m_nowMs = 0;
};

class StationDetail : public QWidget {
    Q_OBJECT

public:
    explicit StationDetail(Services& services, QWidget* parent = nullptr);
    void setStation(int station);
    void refresh();
    int station() const { return m_model.station(); }
    StationTagsModel& model() { return m_model; }

Q_SIGNALS:
    void trendRequested(int station);
    void tagTrendRequested(TagId tag);
    void graphicRequested(int station);

private:
    Services& m_services;
    StationTagsModel m_model;
    QLabel* m_title;
    QLabel* m_info;
    QTableView* m_table;
};

/// "LL 0.200 · H 0.600 · rate 0.10/min" in the tag's precision.
QString limitsText(const LimitValues& limits, const TagDef& tag);

} // namespace PumpWatch::Ui
