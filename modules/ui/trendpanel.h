// TrendPanel: realtime and historical curves of chosen tags (Qt Charts). Several pens, one value
// axis per unit on alternating sides in the colour of its first pen; a flow, level or counter
// axis does not go below zero unless the data does; the pens' alarm limits in force as dashed
// lines (H/L orange, HH/LL red). Time ticks fall on round times of the project's zone (HH:mm, or
// MM-dd HH:mm over more than a day). History comes decimated (min and max per pixel column, on
// a pool thread), so a month at 1 s draws at once, and zooming in re-reads the visible range at
// the finer resolution; realtime starts with the window's history drawn. Lines break where data
// is missing: across an outage (samples of bad quality) and where no sample came for longer
// than history's heartbeat allows. Drag pans, Ctrl+drag (or the zoom tool) zooms to a range,
// the wheel zooms around the cursor, right click zooms out, Reset returns to the chosen range,
// the cursor line reads every pen's value; what is visible exports to CSV. GUI thread.
#pragma once

#include "services.h"

#include <history/historyreader.h>

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <memory>

class QCategoryAxis;
class QChart;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineSeries;
class QListWidget;
class QToolButton;
class QValueAxis;

namespace PumpWatch::Ui {

class TrendChartView;

class TrendPanel : public QWidget {
    Q_OBJECT

public:
    explicit TrendPanel(Services& services, QWidget* parent = nullptr);
    ~TrendPanel() override;

    void setPens(const std::vector<TagId>& tags);
    void addPen(TagId tag);
    /// The station's outlet pressure and flow.
    void showStation(int station);
    /// Realtime: the last `windowMs`, its history first, then following the store.
    void setRealtime(qint64 windowMs = 10 * 60'000);
    /// History of [fromMs, toMs) from the database.
    void setHistory(qint64 fromMs, qint64 toMs);
    bool isRealtime() const { return m_realtime; }
    /// Realtime mode: appends what the store has new. Call once a second.
    void refresh();
    /// Back to the range last chosen (realtime or a history range) after panning and zooming.
    void resetZoom();
    /// Zooms the time axis to [fromMs, toMs) as a drag with Ctrl does; history is re-read.
    void zoomTo(qint64 fromMs, qint64 toMs);

    QChart* chart() const;
    QWidget* chartView() const;
    /// "10:32:05  出水压力 0.412 MPa  出水瞬时流量 210.5 m³/h" at `ms`, the nearest points.
    QString readout(qint64 ms) const;
    /// Points of a pen as read (NaN marks a break): for tests.
    std::vector<QPointF> points(int pen) const;
    /// The line pieces of a pen as drawn, each a run of points without a gap.
    std::vector<QList<QPointF>> pieces(int pen) const;
    int penCount() const { return static_cast<int>(m_pens.size()); }
    QValueAxis* valueAxis(int pen) const;
    std::vector<QValueAxis*> valueAxes() const { return m_axes; }
    /// The time axis' range in ms and its tick labels.
    std::pair<qint64, qint64> timeRange() const;
    QStringList timeLabels() const;
    struct LimitLine {
        QString label; ///< "H", "HH", "L", "LL"
        double value = 0.0;
        QLineSeries* series = nullptr;
    };
    std::vector<LimitLine> limitLines(int pen) const;
    /// The bucket width of the last history read, ms (the resolution drawn).
    qint64 resolutionMs() const { return m_bucketMs; }
    /// Writes the visible pens in the visible range: a time column, one column per pen.
    bool exportCsv(const QString& path, QString* error) const;
    /// Waits for a history load in progress (tests, snapshots).
    void waitForHistory();

private:
    friend class TrendChartView;
    struct Pen;
    bool appendPen(TagId tag);
    /// After pens from `first` on were appended: axes, then their data.
    void pensAdded(std::size_t first);
    void startFromStore(Pen& pen);
    void rebuildAxes();
    void rebuildLimitLines(Pen& pen);
    void placeLimitLines();
    void draw(Pen& pen);
    void load(qint64 fromMs, qint64 toMs);
    void loaded();
    void fitValueAxes();
    void setTimeRange(qint64 fromMs, qint64 toMs);
    void updateTimeTicks();
    void rangeChanged();
    /// The user panned or zoomed: realtime stops following, history is re-read.
    void userMoved();
    void zoomOut();

    Services& m_services;
    RealtimeReader m_reader;
    QChart* m_chart;
    TrendChartView* m_view;
    QCategoryAxis* m_time;
    QComboBox* m_range;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QToolButton* m_zoomTool;
    QListWidget* m_penList;
    QLabel* m_status;
    std::vector<std::unique_ptr<Pen>> m_pens;
    std::vector<QValueAxis*> m_axes;
    bool m_realtime = true;
    qint64 m_windowMs = 10 * 60'000;
    qint64 m_fromMs = 0; ///< the range of the last history read
    qint64 m_toMs = 0;
    qint64 m_homeFromMs = 0; ///< the range Reset returns to (history mode)
    qint64 m_homeToMs = 0;
    qint64 m_bucketMs = 0;
    qint64 m_gapMs = 0;
    QFutureWatcher<History::QueryResult> m_query;
    QTimer m_requery;
    bool m_drawing = false;
};

} // namespace PumpWatch::Ui
