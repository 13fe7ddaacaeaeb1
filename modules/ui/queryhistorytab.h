// QueryHistoryTab: 综合查询. Tick tags in the station → location → tag tree (pinyin search),
// pick the period (今天, 昨天, 本周, 本月, 自定义) and the step (自动 names what it takes), press
// 查询: the query runs on a pool thread (progress, 取消) and shows its curve (one axis per unit,
// gaps as gaps, flagged rows marked), the rows at the step and each series' statistics. The
// curve's cursor and the table's current row follow each other. A raw query with more samples
// than a table lists says so: the curve and statistics are complete, the table wants a coarser
// step. The curve draws the first QueryChart::seriesLimit() series ticked (the tree's order) and
// says so; the table and statistics list all. 取消 frees the tab at once (QueryJob); Enter and
// F5 run the query. 导出 Excel / CSV, 打印, 复制 as every query tab. GUI thread.
#pragma once

#include "queryjob.h"
#include "queryparts.h"
#include "services.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace PumpWatch::Ui {

class QueryChart;
class QueryOutputs;
class QueryPeriodEdit;
class QueryPicker;
class QueryStatisticsModel;
class QueryTableModel;

class QueryHistoryTab : public QWidget {
    Q_OBJECT

public:
    explicit QueryHistoryTab(Services& services, QWidget* parent = nullptr);
    ~QueryHistoryTab() override;

    /// Runs the query the widgets describe (what 查询 does).
    void run();
    void cancel();
    bool isBusy() const;
    /// The last result shown.
    const std::optional<Reports::HistoryResult>& result() const { return m_result; }

    QueryPicker* picker() const { return m_picker; }
    QueryPeriodEdit* period() const { return m_period; }
    QComboBox* stepCombo() const { return m_step; }
    QueryChart* chart() const { return m_chart; }
    QTableView* table() const { return m_table; }
    QTableView* statistics() const { return m_statistics; }
    QueryTableModel* tableModel() const { return m_model; }
    QueryOutputs* outputs() const { return m_outputs; }
    QString statusText() const;
    /// Raw queries list at most this many samples in the table (HistoryRequest::rowLimit).
    void setRowLimit(qint64 rows) { m_rowLimit = rows; }
    /// Canceled queries whose workers have not stopped yet (their results will be dropped).
    int windingDown() const { return m_job.windingDown(); }

Q_SIGNALS:
    /// A query ended: shown, failed or canceled.
    void finished();

protected:
    /// Enter (in the search box, the period, the step) and F5 run the query.
    void keyPressEvent(QKeyEvent* event) override;

private:
    void done(std::optional<QueryOutcome<Reports::HistoryResult>> outcome);
    void show(const Reports::HistoryResult& result);
    void setStatus(const QString& text);
    void setBusy(bool busy);
    void syncFromChart(qint64 ms);
    void syncFromTable(int row);

    Services& m_services;
    QTimeZone m_zone;
    QueryPicker* m_picker;
    QueryPeriodEdit* m_period;
    QComboBox* m_step;
    QueryRunControls m_run;
    QueryChart* m_chart;
    QTableView* m_table;
    QTableView* m_statistics;
    QueryTableModel* m_model;
    QueryStatisticsModel* m_stats;
    QueryOutputs* m_outputs;
    QueryJob<QueryOutcome<Reports::HistoryResult>> m_job;
    std::optional<Reports::HistoryResult> m_result;
    bool m_syncing = false;
    qint64 m_rowLimit = Reports::HistoryRequest{}.rowLimit;
};

} // namespace PumpWatch::Ui
