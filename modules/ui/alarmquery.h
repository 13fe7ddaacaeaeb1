// AlarmQuery: the alarm record query (报警记录, seed 000 §4.2.5) — the records active during a
// period (started before its end and not ended before its start: a record still open from the
// last shift is part of this one), for one station or all, by priority, type and
// acknowledgement, with the seed's columns coloured as in the live alarm panel. The period is a
// preset (本班, 今天, 昨天, 最近 24 小时) evaluated from the clock each time the query runs, or
// a custom range. The query runs on a pool thread; what is shown exports to CSV (UTF-8 with BOM
// so Excel reads Chinese). GUI thread.
#pragma once

#include "queryrange.h"
#include "services.h"

#include <alarms/alarmrecordcells.h>
#include <alarms/alarmtypes.h>
#include <history/journal.h>

#include <QFutureWatcher>
#include <QStandardItemModel>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTableView;

namespace PumpWatch::Ui {

class StationPicker;

class AlarmQuery : public QWidget {
    Q_OBJECT

public:
    /// No. and then AlarmRecordCells' columns.
    enum Column {
        Number,
        Priority,
        Station,
        Subject,
        Value,
        Type,
        Start,
        End,
        Acknowledged,
        AckTime,
        AckUser,
        EndStateColumn,
        Note,
        Cause,
        ColumnCount
    };
    static_assert(ColumnCount == Alarms::AlarmRecordCells::ColumnCount + 1);
    /// Every cell's whole text (a note's every line); DisplayRole shows a note's first line.
    static constexpr int FullTextRole = Qt::UserRole + 1;

    explicit AlarmQuery(Services& services, QWidget* parent = nullptr);
    ~AlarmQuery() override;

    /// A custom range (the preset box shows 自定义).
    void setRange(qint64 fromMs, qint64 toMs);
    void setPreset(RangePreset preset);
    RangePreset preset() const;
    /// The range the edits show: [from, to).
    QueryRange range() const;
    void setStation(const QString& stationId); ///< empty: all
    StationPicker* stationPicker() const { return m_station; }
    void setSeverity(std::optional<Alarms::Severity> severity);
    void setType(std::optional<Alarms::AlarmType> type);
    void setAcknowledged(std::optional<bool> acknowledged);
    void setActiveOnly(bool activeOnly);

    /// Runs the query for what the controls say; a preset is evaluated at the clock's now.
    /// Refuses (with the reason in the status line) a range whose start is not before its end.
    void run();
    /// Waits for a query in progress (tests, snapshots).
    void wait();
    bool exportCsv(const QString& path, QString* error) const;
    const QStandardItemModel& result() const { return m_model; }
    QStandardItemModel& model() { return m_model; }
    QString statusText() const;
    QTableView* table() const { return m_table; }

private:
    void show(const std::optional<std::vector<History::JournalRow>>& rows, const QString& error);
    void setStatus(const QString& text, bool problem = false);
    void filterChanged();

    Services& m_services;
    QComboBox* m_preset;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    StationPicker* m_station;
    QComboBox* m_severity;
    QComboBox* m_type;
    QComboBox* m_ack;
    QCheckBox* m_active;
    QLabel* m_status;
    QTableView* m_table;
    QStandardItemModel m_model;
    struct Answer {
        std::optional<std::vector<History::JournalRow>> rows;
        QString error;
    };
    QFutureWatcher<Answer> m_watcher;
    bool m_hasRun = false; ///< filters re-run the query once one was asked for
    bool m_rerun = false;  ///< a filter changed while a query was running
    bool m_settingRange = false;
};

} // namespace PumpWatch::Ui
