// AlarmQuery: the alarm record query (报警记录, seed 000 §4.2.5) — records that started in a time
// range, for one station or all, optionally only those not ended, with the seed's columns; the
// query runs on a pool thread; the result exports to CSV (UTF-8 with BOM so Excel reads Chinese).
#pragma once

#include "services.h"

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

class AlarmQuery : public QWidget {
    Q_OBJECT

public:
    explicit AlarmQuery(Services& services, QWidget* parent = nullptr);
    ~AlarmQuery() override;

    void setRange(qint64 fromMs, qint64 toMs);
    void setStation(const QString& stationId); ///< empty: all
    void run();
    /// Waits for a query in progress (tests, snapshots).
    void wait();
    bool exportCsv(const QString& path, QString* error) const;
    const QStandardItemModel& result() const { return m_model; }

private:
    void show(const std::optional<std::vector<History::JournalRow>>& rows, const QString& error);

    Services& m_services;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QComboBox* m_station;
    QCheckBox* m_active;
    QLabel* m_status;
    QTableView* m_table;
    QStandardItemModel m_model;
    struct Answer {
        std::optional<std::vector<History::JournalRow>> rows;
        QString error;
    };
    QFutureWatcher<Answer> m_watcher;
};

} // namespace PumpWatch::Ui
