// AlarmListModel: the annunciated alarms (active, or returned but not yet acknowledged), newest
// first, coloured by severity and flashing until acknowledged (seed 000 §4.2.4). setRecords()
// takes the engine's live list and moves rows with insert/remove/dataChanged, so a selection
// survives new alarms arriving. GUI thread only.
#pragma once

#include <alarms/alarmsubject.h>
#include <alarms/alarmtypes.h>
#include <core/project.h>

#include <QAbstractTableModel>
#include <QTimeZone>

#include <span>
#include <vector>

namespace PumpWatch::Ui {

class AlarmListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Station, Subject, Type, Value, State, Note, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1,
        SeverityRole,
        AcknowledgedRole,
        FlashRole,
        StationRole
    };

    explicit AlarmListModel(const Project& project, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setRecords(std::span<const Alarms::AlarmRecord> live);
    void setBlink(bool bright);
    const Alarms::AlarmRecord& record(int row) const { return m_rows[std::size_t(row)].record; }
    int unacknowledgedCount() const;
    /// One line for the banner: "10:32:05 (C)长征一厂 出水压力 高高限报警 0.620 MPa".
    QString describe(const Alarms::AlarmRecord& record) const;
    /// The value when it started, in its tag's precision and unit, or its state ("停电");
    /// empty when the alarm has no value.
    QString valueText(const Alarms::AlarmRecord& record) const;

private:
    struct Row {
        Alarms::AlarmRecord record;
        Alarms::AlarmSubject subject;
    };
    static bool newerFirst(const Alarms::AlarmRecord& a, const Alarms::AlarmRecord& b);

    const Project& m_project;
    QTimeZone m_zone;
    std::vector<Row> m_rows;
    bool m_blink = false;
};

} // namespace PumpWatch::Ui
