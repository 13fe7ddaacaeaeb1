// QueryPeriodTab: 同比/环比. A measure — 产水量, 用电量, 吨水电耗, or 指标 (a template tag) — for a
// production day, month or year against the one before (环比) and the same one last year (同比):
// per station 本期, 上期, 去年同期 with the change and its % ("—" over a zero base), per-day
// averages, and totals over the comparable stations (可比口径) with the station counts. A period
// still running compares the same elapsed span, said above the table (截至10日14时). Below, one
// station's curve of this period, the one before and last year's, shifted onto one time axis.
// Runs on a pool thread with progress and 取消. GUI thread.
#pragma once

#include "queryjob.h"
#include "queryparts.h"
#include "services.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace PumpWatch::Ui {

class PeriodCompareModel;
class QueryChart;
class QueryOutputs;

class QueryPeriodTab : public QWidget {
    Q_OBJECT

public:
    explicit QueryPeriodTab(Services& services, QWidget* parent = nullptr);
    ~QueryPeriodTab() override;

    void run();
    void cancel();
    bool isBusy() const;
    const std::optional<Reports::PeriodCompareResult>& result() const { return m_result; }

    void setMeasure(Reports::Measure measure, const QString& key = {});
    void setPeriod(const Reports::ReportPeriod& period);
    /// The station whose curve is overlaid.
    void setOverlayStation(const QString& stationId);

    QTableView* table() const { return m_table; }
    PeriodCompareModel* model() const { return m_model; }
    QueryChart* chart() const { return m_chart; }
    QueryOutputs* outputs() const { return m_outputs; }
    QString notesText() const;
    QString statusText() const;

Q_SIGNALS:
    void finished();

protected:
    /// Enter (in the combos, the date) and F5 run the query.
    void keyPressEvent(QKeyEvent* event) override;

private:
    void done(std::optional<PeriodOutcome> outcome);
    void setStatus(const QString& text);
    void setBusy(bool busy);
    void showNotes(const Reports::PeriodCompareResult& r);
    /// The tag overlaid: the measure's tag at the overlay station.
    TagId overlayTag() const;

    Services& m_services;
    QTimeZone m_zone;
    QComboBox* m_measure;
    QComboBox* m_key;
    QComboBox* m_kind;
    QDateEdit* m_date;
    QComboBox* m_station;
    QueryRunControls m_run;
    QLabel* m_notes;
    QTableView* m_table;
    PeriodCompareModel* m_model;
    QueryChart* m_chart;
    QueryOutputs* m_outputs;
    QueryJob<PeriodOutcome> m_job;
    std::optional<Reports::PeriodCompareResult> m_result;
};

} // namespace PumpWatch::Ui
