// What the three query tabs share: the period picker (今天, 昨天, 本周, 本月, 自定义 with two
// date-time edits, in the project's zone), the step combo (自动 says what it chose), and the
// output buttons — 导出 Excel and CSV (the result as QueryReport lays it out, so the file reads
// as the CLI's), 打印 (the reports' painter through ReportPreviewDialog, then the printer) and
// 复制 (the table on screen as tab-separated text, which Excel pastes into cells), and the run
// controls (查询, the busy bar, 取消, the status line). GUI thread.
#pragma once

#include <reports/query.h>

#include <QCoreApplication>
#include <QTimeZone>
#include <QWidget>

#include <functional>
#include <vector>

class QAbstractItemModel;
class QComboBox;
class QDateTimeEdit;
class QHBoxLayout;
class QKeyEvent;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace PumpWatch::Ui {

class ReportPreviewDialog;

/// The table as tab-separated lines: the headers (one line, their line breaks as spaces), then
/// every row's display texts.
QString tableText(const QAbstractItemModel& model);

class QueryPeriodEdit : public QWidget {
    Q_OBJECT

public:
    enum Preset { Today = 0, Yesterday, ThisWeek, ThisMonth, Custom };

    QueryPeriodEdit(const QTimeZone& zone, std::function<qint64()> now, QWidget* parent = nullptr);

    /// The period picked, [fromMs, toMs): a preset up to now, or the edits' range.
    std::pair<qint64, qint64> range() const;
    void setPreset(Preset preset);
    Preset preset() const;
    /// Custom: from `fromMs` to `toMs`.
    void setRange(qint64 fromMs, qint64 toMs);
    /// Shows a preset's range as of now in the edits (what a query of it is about to read).
    void refresh();

Q_SIGNALS:
    void changed();
    /// Enter in the preset box or a date edit.
    void submitted();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showRange();

    QTimeZone m_zone;
    std::function<qint64()> m_now;
    QComboBox* m_preset;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
};

/// Lets `w` keep its place in its layout while hidden (the busy bar, 取消): showing it while a
/// query runs moves nothing.
void keepPlace(QWidget* w);

/// What every query tab runs its query with: 查询, and the busy bar and 取消 beside the status
/// line. The widgets are the tab's children; this builds them and switches them while busy.
struct QueryRunControls {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Ui::QueryRunControls)

public:
    explicit QueryRunControls(QWidget* tab);
    /// The status line with the busy bar and 取消 after it, their place kept while idle.
    QHBoxLayout* statusRow() const;
    void setBusy(bool busy);

    QPushButton* query;
    QProgressBar* progress;
    QPushButton* cancel;
    QLabel* status;
};
/// Lets `combo` be narrower than its longest item (the popup still shows them whole).
void shrinkable(QComboBox* combo);
/// Enter or F5: run the query.
bool isRunKey(const QKeyEvent* event);
/// Sizes a table's columns to the first rows' contents: a few thousand columns size at once.
void fitColumns(QTableView* table);
/// "曲线显示前 24 条，表格列出全部。"
QString curvesCapped(int limit);

/// Fills `combo` with 自动, 原始数据, 15分钟, 小时, 日 (data: QueryStep).
void fillStepCombo(QComboBox* combo);
/// Auto's item says what it takes for `spanMs`: "自动（小时）".
void updateAutoStep(QComboBox* combo, qint64 spanMs);

class QueryOutputs : public QWidget {
    Q_OBJECT

public:
    using ReportSource = std::function<std::vector<PumpWatch::Reports::Report>()>;

    /// `reports`: the result as reports (sheets), empty when there is none; `table`: what 复制
    /// copies.
    QueryOutputs(ReportSource reports, const QAbstractItemModel* table, QWidget* parent = nullptr);

    /// Writes the reports to `path`: "xlsx" (one sheet each) or "csv" (the first); false and a
    /// status message when it fails.
    bool exportTo(const QString& path, const QString& format);
    void exportAs(const QString& format);
    /// The print preview of the first report (its 打印 prints it).
    ReportPreviewDialog* preview();
    void copyTable();
    void setAvailable(bool available);

Q_SIGNALS:
    /// What to tell the user: exported, copied, failed.
    void status(const QString& text);

private:
    void print(const PumpWatch::Reports::Report& report);

    ReportSource m_reports;
    const QAbstractItemModel* m_table;
    QPushButton* m_xlsx;
    QPushButton* m_csv;
    QPushButton* m_print;
    QPushButton* m_copy;
};

} // namespace PumpWatch::Ui
