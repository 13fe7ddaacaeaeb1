// ReportsPanel: the reports dock (报表) for report clerks and managers. Pick a report (综合日报
// of one of the stations' measured tags, or 产水量报表 of a day, month or year) and its period,
// generate it — off the GUI thread, with progress and cancel — and read it as the model lays it
// out (ReportTableModel: merged header rows, numbers right-aligned, blank for no data, corrected
// cells green, estimated italic, comments as tooltips), with its title above and its notes and
// signatures below. Preview and print it (the painter's pages), export it (.xlsx, .pdf, .odt,
// .csv; each file is recorded as an issued version with its SHA-256 in 报表历史, where an engineer
// or administrator other than its generator reviews it). An administrator corrects a line's
// value (double-click or the context menu): the correction and its audit row are written, the
// report regenerated, the cell green. Anyone logged in may generate, preview and print.
//
// GUI thread; the database work runs in reportjob.h's jobs, each on a connection of its own.
#pragma once

#include "reportjob.h"
#include "services.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QDateEdit;
class QLabel;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QTableView;

namespace PumpWatch::Ui {

class ReportCorrectionDialog;
class ReportHistory;
class ReportPreviewDialog;
class ReportTableModel;

class ReportsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ReportsPanel(Services& services, QWidget* parent = nullptr);
    ~ReportsPanel() override;

    /// Sets the pickers: the family, for 综合日报 the tag key, and the period.
    void setRequest(const ReportRequest& request);
    ReportRequest request() const;
    /// Generates the picked report; reportChanged() or failed() when it is there.
    void generate();
    void cancel();
    bool isBusy() const;
    /// Waits for the running jobs (snapshots; tests wait on signals).
    void wait();

    const ReportTableModel& model() const { return *m_model; }
    QTableView* table() const { return m_table; }
    ReportHistory* history() const { return m_history; }
    QAction* correctAction() const { return m_correct; }
    QString statusText() const;
    QString titleText() const;
    /// Where a cell is, in words: its row's label and its headers ("2026-11-02 北郊水厂 二号线").
    QString cellPlace(int row, int column) const;

    /// Opens the correction dialog for the cell at `index` (what double-click does), when the
    /// user may correct it; the dialog while it is open.
    ReportCorrectionDialog* correct(const QModelIndex& index);
    ReportCorrectionDialog* correctionDialog() const;
    /// Opens the print preview of the report on show.
    ReportPreviewDialog* preview();
    void print();
    /// Writes the report on show to `path` as `format` ("xlsx", "pdf", "odt", "csv") and
    /// records the version; exportAs() asks for the file first.
    bool exportTo(const QString& path, const QString& format);
    void exportAs(const QString& format);

Q_SIGNALS:
    void reportChanged();
    void failed(const QString& error);
    /// A correction, version or review was stored (or refused: ok false).
    void stored(bool ok);

private:
    void buildControls();
    void updatePickers();
    void generated();
    void showReport();
    void updateActions();
    void runStore(StoreWork work, bool regenerate);
    void setStatus(const QString& text);
    void showContextMenu(const QPoint& pos);
    void applyCorrection();

    Services& m_services;
    ReportTableModel* m_model;
    QComboBox* m_family = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_tag = nullptr;
    QDateEdit* m_date = nullptr;
    QPushButton* m_generate = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitles = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_footer = nullptr;
    ReportHistory* m_history = nullptr;
    QAction* m_preview = nullptr;
    QAction* m_print = nullptr;
    QPushButton* m_export = nullptr;
    QAction* m_correct = nullptr;
    QPointer<ReportCorrectionDialog> m_correction;
    QPointer<ReportPreviewDialog> m_previewDialog;
    ReportRequest m_pending; ///< what is being generated
    ReportRequest m_shown;   ///< what the report on show was generated from
    int m_correctionRow = -1;
    int m_correctionColumn = -1;
    QFutureWatcher<ReportResult> m_generation;
    QFutureWatcher<StoreResult> m_store;
    bool m_regenerateAfterStore = false;
};

} // namespace PumpWatch::Ui
