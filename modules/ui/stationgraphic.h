// StationGraphic: one station's process graphic at run time (ISA-101 level 2) — the drawing
// resolved for the station, its symbols, pipes, values and bars in a QGraphicsScene, kept live.
//
// Updates arrive in batches: tick() (the panel's one animation clock, 4 Hz) reads what changed
// in the realtime store since the last tick and repaints only the items whose shown state
// changed; blinking (unacknowledged alarms, a pump starting) and the flow arrows of flowing
// pipes are the only repaints without a change. Pipe flow is derived from the topology
// (FlowNetwork), never bound pipe by pipe. A station whose data is stale or offline is hatched
// with "last good hh:mm:ss", and its faceplates refuse commands. The scene has no index
// (items never move) and symbols come from the library's image cache, never re-rendered SVG.
//
// Clicking a pump, valve or setpoint asks for its faceplate; clicking an instrument or value
// asks for its trend.
#pragma once

#include "services.h"

#include <graphics/flow.h>
#include <graphics/resolve.h>

#include <QGraphicsView>

#include <control/controlservice.h>
#include <unordered_map>

namespace PumpWatch::Graphics {
class SymbolLibrary;
class Theme;
} // namespace PumpWatch::Graphics

namespace PumpWatch::Ui {

class GraphicItem;

/// What every item of a graphic paints with: shared, changed only by the view.
struct GraphicContext {
    const Graphics::SymbolLibrary* library = nullptr;
    const Graphics::Theme* theme = nullptr;
    bool blinkOn = true;
    double flowPhase = 0.0;
    bool stale = false;
};

class StationGraphic : public QGraphicsView {
    Q_OBJECT

public:
    StationGraphic(Services& services, const Graphics::SymbolLibrary& library,
                   const Graphics::Theme& theme, Graphics::ResolvedDrawing drawing,
                   QWidget* parent = nullptr);
    ~StationGraphic() override;

    int station() const { return m_drawing.station; }
    const Graphics::ResolvedDrawing& drawing() const { return m_drawing; }
    void setTheme(const Graphics::Theme& theme);
    /// The live alarm records (AlarmCenter::live()): elements show theirs.
    void setAlarms(const std::vector<Alarms::AlarmRecord>& records);
    /// One frame of the animation clock: values, flow, staleness, blink and flow phase.
    /// Returns how many items were repainted.
    int tick(qint64 nowMs);
    /// Everything re-read (a tab shown again after a while hidden).
    void refreshAll(qint64 nowMs);
    void fitToWindow();
    /// The whole drawing as shown now, at `scale` × its canvas (for snapshots and baselines).
    QImage image(double scale = 1.0);
    bool isStale() const { return m_context.stale; }
    QString staleText() const { return m_staleText; }
    /// The item of an element (by id), for tests and the walkthrough; null when none.
    GraphicItem* item(QStringView elementId) const;
    /// The scene position a click on the element lands on.
    QPointF centreOf(QStringView elementId) const;
    /// What a click on the element does: its faceplate, its trend or its link.
    void activate(QStringView elementId);

Q_SIGNALS:
    void controlRequested(const PumpWatch::Control::ControlAddress& address,
                          const std::vector<PumpWatch::TagId>& values);
    void tagTrendRequested(PumpWatch::TagId tag);
    void trendRequested(int station);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void updateStaleness(qint64 nowMs);
    int updateItems(const std::vector<int>& dirty, qint64 nowMs);
    void updateFlow();
    void activate(const GraphicItem& item);

    Services& m_services;
    Graphics::ResolvedDrawing m_drawing;
    Graphics::FlowNetwork m_flow;
    GraphicContext m_context;
    RealtimeReader m_reader;
    std::vector<GraphicItem*> m_items;                     ///< per element (null: hidden)
    std::vector<int> m_all;                                ///< every element's index
    std::unordered_map<TagId, std::vector<int>> m_itemsOf; ///< tag → elements showing it
    std::vector<bool> m_flowing;
    std::vector<bool> m_gates; ///< per element: its state gates the flow (pumps, valves)
    /// Per bound tag with a live alarm: (priority 1 critical / 2 warning, unacknowledged).
    std::unordered_map<TagId, std::pair<int, bool>> m_alarmOf;
    QString m_staleText;
    qint64 m_lastGoodMs = 0; ///< the newest good value any bound tag has had
    bool m_userZoomed = false;
    int m_frame = 0;
};

} // namespace PumpWatch::Ui
