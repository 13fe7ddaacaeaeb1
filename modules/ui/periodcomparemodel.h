// PeriodCompareModel: the 同比/环比 table. Per station 本期, 上期 with its 变化量 and 环比 %,
// 去年同期 with its 变化量 and 同比 %, and 日均 (the current period's per-day average, for sums
// only — not for 吨水电耗 or an average); then the totals over the comparable stations only
// (可比口径), "合计（可比口径 N 站）" — two rows when 环比 and 同比 compare different stations. A
// change over a zero or missing base reads "—" (QueryReport::changeText), a percentage's change
// reads in 个百分点. A station without data in a base period is greyed there, with a tooltip saying
// it is left out of that total; a missing value is blank and shaded; a flagged one italic with its
// flags as tooltip. GUI thread.
#pragma once

#include <reports/query.h>

#include <QAbstractTableModel>

namespace PumpWatch::Ui {

class PeriodCompareModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Station = 0,
        Current,
        Previous,
        PreviousChange,
        PreviousPercent,
        LastYear,
        LastYearChange,
        LastYearPercent,
        PerDay,
        Columns
    };

    explicit PeriodCompareModel(QObject* parent = nullptr);

    void setResult(const Reports::PeriodCompareResult& result);
    void clear();
    bool hasResult() const { return m_result.has_value(); }
    /// The rows of the totals (after the stations).
    int totalsRows() const { return int(m_totals.size()); }
    /// The greyed colour of what is outside 可比口径.
    static QColor outsideColour();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    /// A line of the table: a station's, or a total's.
    struct Line {
        QString label;
        Reports::PeriodValue current;
        std::optional<Reports::PeriodValue> previous; ///< none: not in this total
        std::optional<Reports::PeriodValue> lastYear;
        bool inPrevious = true;
        bool inLastYear = true;
        bool total = false;
    };
    const Line& lineAt(int row) const;
    QString valueText(const Reports::PeriodValue& v) const;
    QString amountText(const Reports::Change& c) const;

    std::optional<Reports::PeriodCompareResult> m_result;
    std::vector<Line> m_lines;
    std::vector<Line> m_totals;
};

} // namespace PumpWatch::Ui
