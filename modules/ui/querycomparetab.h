// QueryCompareTab: 对比查询. One quantity (a template tag, by name) at the ticked stations (a
// checkable list filtered by name, pinyin initials or code; 全选 ticks what the filter shows)
// over a period at a step, ranked by a statistic (平均值, 最大值, 最小值, 累计, 覆盖率): the
// curves of the top of the ranking (QueryChart::seriesLimit(), named by station) on one chart
// and the ranking table of every station (名次, 站点, the statistics; sortable by any column).
// Runs on a pool thread with progress and 取消 (at once, QueryJob); Enter and F5 run it; exports
// the ranking and the data as two sheets. GUI thread.
#pragma once

#include "queryjob.h"
#include "queryparts.h"
#include "services.h"

#include <core/textsearch.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableView;

namespace PumpWatch::Ui {

class QueryChart;
class QueryOutputs;
class QueryPeriodEdit;
class QueryStatisticsModel;

class QueryCompareTab : public QWidget {
    Q_OBJECT

public:
    explicit QueryCompareTab(Services& services, QWidget* parent = nullptr);
    ~QueryCompareTab() override;

    void run();
    void cancel();
    bool isBusy() const;
    const std::optional<Reports::CompareResult>& result() const { return m_result; }

    /// Picks the quantity by its template tag key.
    void setKey(const QString& key);
    void setStationsChecked(const QStringList& ids);
    /// Filters the station list (what typing in its search line does).
    void setStationFilter(const QString& text);
    /// Ticks every station the filter shows (全选).
    void checkAllShown();
    QStringList checkedStations() const;

    QComboBox* quantityCombo() const { return m_key; }
    QComboBox* rankCombo() const { return m_rank; }
    QComboBox* stepCombo() const { return m_step; }
    QueryPeriodEdit* period() const { return m_period; }
    QListWidget* stationList() const { return m_stations; }
    QueryChart* chart() const { return m_chart; }
    QTableView* ranking() const { return m_table; }
    QueryOutputs* outputs() const { return m_outputs; }
    QString statusText() const;

Q_SIGNALS:
    void finished();

protected:
    /// Enter (in the station filter, the period, the combos) and F5 run the query.
    void keyPressEvent(QKeyEvent* event) override;

private:
    void done(std::optional<QueryOutcome<Reports::CompareResult>> outcome);
    void setStatus(const QString& text);
    void setBusy(bool busy);

    Services& m_services;
    QTimeZone m_zone;
    QComboBox* m_key;
    QLineEdit* m_filter;
    QListWidget* m_stations;
    QPushButton* m_all;
    QueryPeriodEdit* m_period;
    QComboBox* m_step;
    QComboBox* m_rank;
    QueryRunControls m_run;
    QueryChart* m_chart;
    QTableView* m_table;
    QueryStatisticsModel* m_model;
    QueryOutputs* m_outputs;
    std::vector<SearchKey> m_keys;
    QueryJob<QueryOutcome<Reports::CompareResult>> m_job;
    std::optional<Reports::CompareResult> m_result;
};

} // namespace PumpWatch::Ui
