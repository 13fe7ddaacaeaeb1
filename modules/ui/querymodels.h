// The 综合查询 and 对比查询 tables (Qt item models over the query engine's results):
// - QueryTableModel: the rows at the chosen step — a time column, then one column per series
//   (station, quantity and unit in the header), one row per time any series has. Numbers with
//   the series' decimals; a flagged cell is italic with the flags in words as its tooltip
//   (估算, 修正, 计数器归零 …); a missing one blank and shaded, never 0.
// - QueryStatisticsModel: per series 最小值 and its time, 最大值 and its time, the time-weighted
//   平均值, a counter's 累计, 样本数 and 覆盖率 (%); as the comparison's ranking it starts with
//   名次 and 站点 in the ranking's order, and sorting by a column keeps it sorted when the next
//   result arrives.
// GUI thread; the models copy what they show.
#pragma once

#include <reports/query.h>

#include <QAbstractTableModel>
#include <QTimeZone>

#include <vector>

namespace PumpWatch::Ui {

class QueryTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit QueryTableModel(const QTimeZone& zone, QObject* parent = nullptr);

    void setResult(const Reports::HistoryResult& result);
    void clear();

    /// The row of the time `ms` falls in (the last row at or before it; the first row before
    /// them all); -1 when there are no rows.
    int rowForTime(qint64 ms) const;
    /// The row's time, UTC ms.
    qint64 timeAt(int row) const { return m_times[std::size_t(row)]; }
    /// How the time column prints a time at this result's step.
    QString timeText(qint64 ms) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QTimeZone m_zone;
    Reports::QueryStep m_step = Reports::QueryStep::Hour;
    std::vector<Reports::QuerySeries> m_series; ///< without their envelopes
    std::vector<qint64> m_times;                ///< the rows' times, ascending
    std::vector<std::vector<int>> m_cells;      ///< per series, per row: the point, or -1
};

class QueryStatisticsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Min = 0, MinTime, Max, MaxTime, Average, Total, Samples, Coverage, Stats };

    explicit QueryStatisticsModel(const QTimeZone& zone, QObject* parent = nullptr);

    /// One row per series, labelled with the series.
    void setHistory(const Reports::HistoryResult& result);
    /// One row per station, 名次 and 站点 first, in the ranking's order (or the column sorted).
    void setRanking(const Reports::CompareResult& result);
    void clear();
    bool isRanking() const { return m_ranking; }
    /// The column of a statistic (after 名次 and 站点 in a ranking).
    int columnOf(Column c) const { return int(c) + leading(); }
    /// The series shown in `row`.
    const Reports::QuerySeries& seriesAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    int leading() const { return m_ranking ? 2 : 1; }
    /// A statistic as a number, for sorting; empty when the series has none.
    std::optional<double> statValue(const Reports::QuerySeries& s, Column c) const;
    QString statText(const Reports::QuerySeries& s, Column c) const;
    void applySort();

    QTimeZone m_zone;
    bool m_ranking = false;
    Reports::QueryStep m_step = Reports::QueryStep::Hour;
    std::vector<Reports::QuerySeries> m_series; ///< statistics only
    std::vector<int> m_rank;                    ///< per series: its 名次 (1 …), 0: unranked
    std::vector<int> m_order;                   ///< rows: indices into m_series
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace PumpWatch::Ui
