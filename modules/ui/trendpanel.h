// TrendPanel: realtime and historical curves of chosen tags (Qt Charts). Several pens, one value
// axis per unit, gaps drawn as gaps. History comes decimated (min and max per pixel column, on a
// pool thread), so a month at 1 s draws at once, and zooming in re-reads the visible range at the
// finer resolution. Wheel zooms time around the cursor, drag zooms to a range, Shift+wheel and
// the arrow keys pan, right click zooms out, the cursor line reads every pen's value.
#pragma once

#include "services.h"

#include <history/historyreader.h>

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <deque>
#include <memory>

class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QListWidget;
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
    /// Realtime: the last `windowMs`, following the store.
    void setRealtime(qint64 windowMs = 10 * 60'000);
    /// History of [fromMs, toMs) from the database.
    void setHistory(qint64 fromMs, qint64 toMs);
    bool isRealtime() const { return m_realtime; }
    /// Realtime mode: appends what the store has new. Call once a second.
    void refresh();

    QChart* chart() const;
    /// "10:32:05  出水压力 0.412 MPa  出水瞬时流量 210.5 m³/h" at `ms`, the nearest points.
    QString readout(qint64 ms) const;
    /// Points of a pen as drawn (NaN between segments): for tests.
    std::vector<QPointF> points(int pen) const;
    int penCount() const { return static_cast<int>(m_pens.size()); }
    /// Waits for a history load in progress (tests, snapshots).
    void waitForHistory();

private:
    struct Pen;
    bool appendPen(TagId tag);
    /// After pens from `first` on were appended: axes, then their data.
    void pensAdded(std::size_t first);
    void startFromStore(Pen& pen);
    void rebuildAxes();
    void draw(Pen& pen);
    void load(qint64 fromMs, qint64 toMs);
    void loaded();
    void fitValueAxes();
    void rangeChanged();

    Services& m_services;
    RealtimeReader m_reader;
    QChart* m_chart;
    TrendChartView* m_view;
    QDateTimeAxis* m_time;
    QComboBox* m_range;
    QListWidget* m_penList;
    QLabel* m_status;
    std::vector<std::unique_ptr<Pen>> m_pens;
    std::vector<QValueAxis*> m_axes;
    bool m_realtime = true;
    qint64 m_windowMs = 10 * 60'000;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QFutureWatcher<History::QueryResult> m_query;
    QTimer m_requery;
    bool m_drawing = false;
};

} // namespace PumpWatch::Ui
