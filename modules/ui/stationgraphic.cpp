#include "stationgraphic.h"

#include "graphicitem.h"

#include <core/valueformat.h>
#include <graphics/symbols/canvaspaint.h>
#include <graphics/symbols/theme.h>

#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <cmath>
#include <numeric>

namespace PumpWatch::Ui {
namespace {

using Graphics::ElementKind;

enum class Family { Pump, Valve, Tank, Sensor, Other };

Family familyOf(const QString& symbol)
{
    if (symbol == u"pump" || symbol == u"pump_vertical" || symbol == u"motor" || symbol == u"vfd")
        return Family::Pump;
    if (symbol.endsWith(u"_valve") || symbol == u"prv")
        return Family::Valve;
    if (symbol.endsWith(u"tank"))
        return Family::Tank;
    if (symbol == u"instrument" || symbol == u"kwh_meter" || symbol.endsWith(u"_sensor"))
        return Family::Sensor;
    return Family::Other;
}

qreal zOf(const Graphics::ResolvedElement& e)
{
    // Pipes run under every symbol; the background layer (a plan or photo) under the pipes.
    if (e.kind == ElementKind::Pipe)
        return 1;
    if (e.layer == Graphics::Layer::Background)
        return 0;
    return 2 + static_cast<int>(e.layer);
}

} // namespace

StationGraphic::StationGraphic(Services& services, const Graphics::SymbolLibrary& library,
                               const Graphics::Theme& theme, Graphics::ResolvedDrawing drawing,
                               QWidget* parent)
    : QGraphicsView(parent)
    , m_services(services)
    , m_drawing(std::move(drawing))
    , m_flow(m_drawing)
    , m_reader(services.store)
{
    setObjectName(QStringLiteral("stationGraphic"));
    m_context.library = &library;
    m_context.theme = &theme;
    auto* scene = new QGraphicsScene(this);
    scene->setItemIndexMethod(QGraphicsScene::NoIndex); // items never move
    scene->setSceneRect(QRectF(QPointF(0, 0), m_drawing.canvas));
    setScene(scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(theme.canvas().background);
    scene->setBackgroundBrush(theme.canvas().background); // for renders without the view (export)
    setFrameShape(QFrame::NoFrame);
    // Items set their own pen, brush and font: the per-item save and restore is not needed.
    setOptimizationFlags(QGraphicsView::DontSavePainterState |
                         QGraphicsView::DontAdjustForAntialiasing);

    const auto& elements = m_drawing.elements;
    m_items.assign(elements.size(), nullptr);
    m_all.resize(elements.size());
    std::iota(m_all.begin(), m_all.end(), 0);
    m_gates.assign(elements.size(), false);
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const Graphics::ResolvedElement& e = elements[i];
        for (const Graphics::Binding& b : e.bindings) {
            if (b.tag != InvalidTagId)
                m_itemsOf[b.tag].push_back(int(i));
        }
        m_gates[i] = e.tag(u"running") != InvalidTagId || e.tag(u"open") != InvalidTagId;
        if (e.hidden || e.kind == ElementKind::Group)
            continue;
        auto* item = new GraphicItem(e, m_context);
        item->setZValue(zOf(e));
        scene->addItem(item);
        m_items[i] = item;
    }
    refreshAll(services.clock.nowMs());
}

StationGraphic::~StationGraphic()
{
    delete scene(); // its items refer to m_drawing and m_context, which go next
}

void StationGraphic::setTheme(const Graphics::Theme& theme)
{
    m_context.theme = &theme;
    setBackgroundBrush(theme.canvas().background);
    scene()->setBackgroundBrush(theme.canvas().background);
    for (GraphicItem* item : m_items) {
        if (item)
            item->themeChanged();
    }
    viewport()->update();
}

GraphicItem* StationGraphic::item(QStringView elementId) const
{
    const int i = m_drawing.indexOf(elementId);
    return i < 0 ? nullptr : m_items[std::size_t(i)];
}

QPointF StationGraphic::centreOf(QStringView elementId) const
{
    const int i = m_drawing.indexOf(elementId);
    if (i < 0)
        return {};
    const Graphics::ResolvedElement& e = m_drawing.elements[std::size_t(i)];
    return QRectF(e.position, e.size).center();
}

void StationGraphic::setAlarms(const std::vector<Alarms::AlarmRecord>& records)
{
    m_alarmOf.clear();
    for (const Alarms::AlarmRecord& r : records) {
        if (r.station != m_drawing.station || r.tag == InvalidTagId || r.shelved ||
            !(r.isActive() || !r.isAcknowledged()))
            continue;
        const int priority = r.severity == Alarms::Severity::Critical ? 1 : 2;
        auto& [p, unacked] = m_alarmOf[r.tag];
        p = p == 0 ? priority : std::min(p, priority);
        unacked = unacked || !r.isAcknowledged();
    }
    updateItems(m_all, m_services.clock.nowMs());
}

void StationGraphic::refreshAll(qint64 nowMs)
{
    m_reader.refresh();
    updateStaleness(nowMs);
    updateFlow();
    updateItems(m_all, nowMs);
    viewport()->update();
}

int StationGraphic::tick(qint64 nowMs)
{
    ++m_frame;
    m_context.blinkOn = m_frame % 2 == 0; // 2 Hz at the 4 Hz clock (IEC 60073: 1.4–2.8 Hz)
    m_context.flowPhase = std::fmod(m_frame * 0.125, 1.0);
    std::vector<int> dirty;
    bool gates = false;
    for (const TagId t : m_reader.refresh()) {
        const auto it = m_itemsOf.find(t);
        if (it == m_itemsOf.end())
            continue;
        for (const int i : it->second) {
            dirty.push_back(i);
            gates = gates || m_gates[std::size_t(i)];
        }
    }
    // Controlled objects follow their command's step too ("starting", "travelling").
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        if (m_items[i] && m_drawing.elements[i].controlDef)
            dirty.push_back(int(i));
    }
    if (m_frame % 4 == 0 || !dirty.empty())
        updateStaleness(nowMs);
    if (gates)
        updateFlow();
    int repainted = updateItems(dirty, nowMs);
    for (GraphicItem* item : m_items) {
        if (item && item->animated()) {
            item->update();
            ++repainted;
        }
    }
    return repainted;
}

void StationGraphic::updateStaleness(qint64 nowMs)
{
    const Project& p = m_services.project;
    const Station& s = p.stations[std::size_t(m_drawing.station)];
    bool stale = false;
    qint64& lastGood = m_lastGoodMs; // kept: a silent device's tags turn bad, not old
    for (std::size_t d = 0; d < s.devices.size(); ++d) {
        const Device& device = s.devices[d];
        const qint64 limit = ValueFormat::staleAfterMs(device.settings.pollMs);
        bool fresh = false;
        bool used = false;
        for (TagId t = device.firstTag; t < device.firstTag + device.tagCount; ++t) {
            if (m_itemsOf.find(t) == m_itemsOf.end())
                continue;
            used = true;
            const TagValue& v = m_reader.value(t);
            if (v.quality == Quality::Good || v.quality == Quality::BadSensorFault)
                lastGood = std::max(lastGood, v.timestampMs);
            fresh = fresh || (v.quality != Quality::BadCommFailure &&
                              v.quality != Quality::Unknown && nowMs - v.timestampMs <= limit);
        }
        stale = stale || (used && !fresh);
    }
    const QString text = !stale ? QString()
                         : lastGood > 0
                             ? tr("Communication lost — last good data %1")
                                   .arg(QDateTime::fromMSecsSinceEpoch(lastGood).toString(
                                       QStringLiteral("HH:mm:ss")))
                             : tr("Communication lost — no data received yet");
    if (stale == m_context.stale && text == m_staleText)
        return;
    m_context.stale = stale;
    m_staleText = text;
    for (GraphicItem* item : m_items) {
        if (item)
            item->update();
    }
    viewport()->update();
}

void StationGraphic::updateFlow()
{
    const auto states =
        Graphics::FlowNetwork::statesFrom(m_drawing, [this](TagId t) -> std::optional<double> {
            const TagValue& v = m_reader.value(t);
            if (v.quality != Quality::Good)
                return std::nullopt;
            return v.value;
        });
    m_flowing = m_flow.flowing(states);
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        if (m_items[i] && m_drawing.elements[i].kind == ElementKind::Pipe) {
            ShownState s = m_items[i]->shown();
            s.flowing = i < m_flowing.size() && m_flowing[i];
            m_items[i]->show(s);
        }
    }
}

int StationGraphic::updateItems(const std::vector<int>& dirty, qint64 nowMs)
{
    Q_UNUSED(nowMs);
    const Project& p = m_services.project;
    int repainted = 0;
    for (const int index : dirty) {
        GraphicItem* item = m_items[std::size_t(index)];
        if (!item)
            continue;
        const Graphics::ResolvedElement& e = m_drawing.elements[std::size_t(index)];
        ShownState s;
        s.flowing = item->shown().flowing;
        // Its tags' alarms, and a failed command's (raised on the command tag).
        auto alarmOf = [&](TagId t) {
            const auto it = m_alarmOf.find(t);
            if (it == m_alarmOf.end())
                return;
            s.alarm = s.alarm == 0 ? it->second.first : std::min(s.alarm, it->second.first);
            s.unacknowledged = s.unacknowledged || it->second.second;
        };
        for (const Graphics::Binding& b : e.bindings)
            alarmOf(b.tag);
        if (e.commandTag != InvalidTagId)
            alarmOf(e.commandTag);
        const Control::ControlState cs =
            m_services.control && e.controlDef
                ? m_services.control->state({m_drawing.station, e.device, e.control})
                : Control::ControlState{};
        auto value = [&](QStringView slot) -> const TagValue* {
            const TagId t = e.tag(slot);
            return t == InvalidTagId ? nullptr : &m_reader.value(t);
        };
        auto good = [](const TagValue* v) { return v && v->quality == Quality::Good; };
        switch (e.kind) {
        case ElementKind::Symbol:
            switch (familyOf(e.symbol)) {
            case Family::Pump: {
                const TagValue* running = value(u"running");
                const TagValue* fault = value(u"fault");
                const TagValue* frequency = value(u"frequency");
                if (!running && good(frequency)) { // a VFD runs while it puts out a frequency
                    static const TagValue on{0, 1.0, Quality::Good}, off{0, 0.0, Quality::Good};
                    running = frequency->value > 0.5 ? &on : &off;
                }
                if (good(fault) && fault->value != 0)
                    s.state = QStringLiteral("fault");
                else if (!good(running))
                    s.state = running ? QStringLiteral("unknown") : QStringLiteral("stopped");
                else if (running->value != 0)
                    s.state = QStringLiteral("running");
                else if (cs.step == Control::Step::Executing && cs.value != 0)
                    s.state = QStringLiteral("starting");
                else
                    s.state = QStringLiteral("stopped");
                s.trusted = good(running);
                break;
            }
            case Family::Valve: {
                const TagValue* open = value(u"open");
                const bool bound = std::any_of(e.bindings.begin(), e.bindings.end(),
                                               [](const auto& b) { return b.slot == u"open"; });
                if (!open && !bound)
                    s.state = QStringLiteral("open"); // a manual valve: open in service
                else if (!open)
                    s.state = QStringLiteral("unknown"); // its binding did not resolve
                else if (!good(open))
                    s.state = QStringLiteral("unknown");
                else if (cs.step == Control::Step::Executing &&
                         (cs.value != 0) != (open->value != 0))
                    s.state = QStringLiteral("travelling");
                else
                    s.state = open->value != 0 ? QStringLiteral("open") : QStringLiteral("closed");
                break;
            }
            case Family::Tank: {
                const TagValue* level = value(u"level");
                if (level && !good(level)) {
                    s.state = QStringLiteral("unknown");
                } else {
                    s.state = s.alarm > 0 ? QStringLiteral("alarm") : QStringLiteral("normal");
                    if (level) {
                        const TagDef& def = p.tag(e.tag(u"level"));
                        const double span = def.alarm.rangeMax.value_or(5.0);
                        s.level = std::clamp(level->value / span, 0.0, 1.0);
                        s.level = std::round(s.level * 100) / 100;
                    }
                }
                break;
            }
            case Family::Sensor:
            case Family::Other: {
                bool bad = false;
                bool on = false;
                for (const Graphics::Binding& b : e.bindings) {
                    if (b.tag == InvalidTagId)
                        continue; // an optional role the station lacks
                    const TagValue& v = m_reader.value(b.tag);
                    if (v.quality != Quality::Good)
                        bad = true;
                    else if (b.slot != u"value" && v.value != 0)
                        on = true; // a door, flood or power-fail bit
                }
                s.state = bad             ? QStringLiteral("unknown")
                          : on || s.alarm ? QStringLiteral("alarm")
                                          : QStringLiteral("normal");
                break;
            }
            }
            break;
        case ElementKind::Value:
        case ElementKind::Bar: {
            const TagId t = e.tag(u"value");
            if (t == InvalidTagId)
                break;
            const TagValue& v = m_reader.value(t);
            const TagDef& def = p.tag(t);
            if (v.quality == Quality::Unknown) {
                s.text = QStringLiteral("—");
                s.trusted = false;
            } else {
                const ShownValue shown = ValueFormat::shown(def, v.value, v.quality);
                s.text = shown.text;
                s.trusted = shown.trusted;
            }
            if (e.kind == ElementKind::Bar && v.quality != Quality::Unknown) {
                const auto [lo, hi] = barSpan(e.limits);
                s.fraction = hi > lo ? std::clamp((v.value - lo) / (hi - lo), 0.0, 1.0) : 0.0;
                s.fraction = std::round(s.fraction * 200) / 200; // half a percent
            }
            break;
        }
        default:
            break;
        }
        if (item->show(s))
            ++repainted;
    }
    return repainted;
}

QImage StationGraphic::image(double scale)
{
    const QRectF canvas = sceneRect();
    QImage out((canvas.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    out.fill(m_context.theme->canvas().background);
    QPainter p(&out);
    p.setRenderHints(renderHints());
    scene()->render(&p, QRectF(QPointF(0, 0), out.size()), canvas);
    p.scale(scale, scale);
    drawForeground(&p, canvas);
    return out;
}

void StationGraphic::fitToWindow()
{
    m_userZoomed = false;
    fitInView(sceneRect(), Qt::KeepAspectRatio);
}

void StationGraphic::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (!m_userZoomed)
        fitInView(sceneRect(), Qt::KeepAspectRatio);
}

void StationGraphic::wheelEvent(QWheelEvent* event)
{
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const double current = transform().m11();
    if (current * factor < 0.1 || current * factor > 8)
        return;
    m_userZoomed = true;
    scale(factor, factor);
}

void StationGraphic::mousePressEvent(QMouseEvent* event)
{
    auto* item = dynamic_cast<GraphicItem*>(itemAt(event->pos()));
    if (event->button() != Qt::LeftButton || !item || !item->clickable()) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    activate(*item);
    event->accept();
}

void StationGraphic::activate(QStringView elementId)
{
    if (const GraphicItem* i = item(elementId); i && i->clickable())
        activate(*i);
}

void StationGraphic::activate(const GraphicItem& item)
{
    const Graphics::ResolvedElement& e = item.element();
    if (e.controlDef) {
        std::vector<TagId> values;
        for (const Graphics::Binding& b : e.bindings)
            values.push_back(b.tag);
        Q_EMIT controlRequested({m_drawing.station, e.device, e.control}, values);
    } else if (e.kind == ElementKind::Link) {
        Q_EMIT trendRequested(m_drawing.station);
    } else if (const TagId t = e.tag(u"value"); t != InvalidTagId) {
        Q_EMIT tagTrendRequested(t);
    }
}

void StationGraphic::mouseMoveEvent(QMouseEvent* event)
{
    QGraphicsView::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    auto* item = dynamic_cast<GraphicItem*>(itemAt(event->pos()));
    viewport()->setCursor(item && item->clickable() ? Qt::PointingHandCursor : Qt::OpenHandCursor);
}

void StationGraphic::drawForeground(QPainter* painter, const QRectF& rect)
{
    Q_UNUSED(rect);
    if (!m_context.stale)
        return;
    const QRectF scene = sceneRect();
    Graphics::paintStaleHatch(*painter, scene, *m_context.theme);
    QFont f;
    f.setPixelSize(22);
    f.setBold(true);
    painter->setFont(f);
    const QRectF banner(scene.left() + scene.width() * 0.25, scene.top() + 12, scene.width() * 0.5,
                        40);
    painter->setPen(QPen(m_context.theme->alarmColor(1), 2));
    painter->setBrush(m_context.theme->canvas().background);
    painter->drawRect(banner);
    painter->setPen(m_context.theme->canvas().alarmText);
    painter->drawText(banner, Qt::AlignCenter, m_staleText);
}

} // namespace PumpWatch::Ui
