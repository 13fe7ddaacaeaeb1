// QueryChart: the query panels' curve of std::vector<Reports::QuerySeries> (Qt Charts). A raw
// result draws each series' envelope (min and max per pixel column, as the trend panel does);
// a bucketed one draws each row's value. Lines break where nothing is known — an empty bucket,
// a column without a good sample, a silence longer than a few columns — so a gap is drawn as a
// gap. One value axis per unit on alternating sides in the colour of its first series; the time
// axis ticks on round times of the project's zone (timeticks.h). Rows flagged 估算 / 修正 /
// 计数器归零 / 计数器翻转, and buckets not over yet (时段未结束), are marked with hollow markers,
// each kind a legend entry. A vertical
// cursor follows the mouse (cursorMoved) and can be set from outside (a table's current row);
// its readout names every series' value there. Lines are drawn with QLineSeries::replace() in
// one call, without OpenGL. GUI thread.
//
//     chart->setSeries(result.series, result.fromMs, result.toMs, result.step == QueryStep::Raw);
//     connect(chart, &QueryChart::cursorMoved, table, …);
#pragma once

#include <reports/query.h>

#include <QChartView>
#include <QTimeZone>

#include <algorithm>
#include <vector>

class QCategoryAxis;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace PumpWatch::Ui {

class QueryChart : public QChartView {
    Q_OBJECT

public:
    explicit QueryChart(const QTimeZone& zone, QWidget* parent = nullptr);

    /// At most this many curves are drawn: Qt Charts takes seconds over a few hundred, and
    /// nobody reads more than a couple of dozen on one chart. The tables list all.
    static constexpr int DefaultSeriesLimit = 24;

    /// Draws the first seriesLimit() of `series` over [fromMs, toMs) (an overlay's series
    /// shifted by their shiftMs). `raw`: draw the envelopes instead of the rows.
    void setSeries(const std::vector<Reports::QuerySeries>& series, qint64 fromMs, qint64 toMs,
                   bool raw);
    void clear();
    void setSeriesLimit(int limit) { m_limit = std::max(1, limit); }
    int seriesLimit() const { return m_limit; }
    /// How many series the last setSeries() was given but did not draw.
    int omittedCount() const { return m_omitted; }
    /// The colour of the i-th drawn series: a palette of distinct hues, as many as the limit.
    static QColor colour(int i);

    /// Puts the cursor at `ms` without emitting cursorMoved (a table's row was chosen).
    void setCursorTime(qint64 ms);
    /// Where the cursor is; 0 when it is hidden.
    qint64 cursorTime() const { return m_cursorMs; }
    /// "10:32  澳门路口 出水压力 0.30 MPa …" at `ms`, the nearest points.
    QString readout(qint64 ms) const;

    int seriesCount() const { return static_cast<int>(m_series.size()); }
    /// The line pieces of a series as drawn, each a run of points without a gap.
    std::vector<QList<QPointF>> pieces(int series) const;
    /// The marked points of a flag kind: "估算", "修正", "计数器归零", "计数器翻转", "时段未结束".
    QList<QPointF> markers(const QString& kind) const;
    std::vector<QValueAxis*> valueAxes() const { return m_axes; }
    QStringList timeLabels() const;
    /// The tick labels of a value axis as drawn.
    static QStringList valueLabels(const QValueAxis* axis);
    /// The readout's background (the palette's base, nearly opaque), and whether it shows.
    QBrush readoutBackground() const;
    bool readoutVisible() const;

Q_SIGNALS:
    /// The mouse moved the cursor to `ms`.
    void cursorMoved(qint64 ms);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Drawn {
        QString label;
        QString unit;
        int decimals = 2;
        QValueAxis* axis = nullptr;
        std::vector<QLineSeries*> segments;
        std::vector<QPointF> points; ///< all drawn points, for the readout and the axes
    };
    void addSeries(const Reports::QuerySeries& s, bool raw, const QColor& colour);
    QValueAxis* axisFor(const Reports::QuerySeries& s, const QColor& colour);
    void fitAxes();
    void updateTimeTicks();
    void placeCursor();
    QLineSeries* anyLine() const;

    QTimeZone m_zone;
    QCategoryAxis* m_time;
    std::vector<QValueAxis*> m_axes;
    std::vector<Drawn> m_series;
    std::vector<QScatterSeries*> m_markers;
    QGraphicsLineItem* m_cursor;
    QGraphicsRectItem* m_readoutBox;
    QGraphicsSimpleTextItem* m_readout;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    qint64 m_cursorMs = 0;
    int m_limit = DefaultSeriesLimit;
    int m_omitted = 0;
};

} // namespace PumpWatch::Ui
