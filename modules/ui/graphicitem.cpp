#include "graphicitem.h"

#include <graphics/symbols/canvaspaint.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>

#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>

#include <cmath>
#include <map>

namespace PumpWatch::Ui {
namespace {

using Graphics::ElementKind;

constexpr double LabelHeight = 18.0;
constexpr double IndicatorSize = 18.0;

/// Fonts are made once: a QFont per paint is measurable with two thousand items.
const QFont& font(double pixels, bool bold = false)
{
    static std::map<std::pair<int, bool>, QFont> fonts;
    auto [it, added] = fonts.try_emplace({int(pixels), bold});
    if (added) {
        it->second.setPixelSize(int(pixels));
        it->second.setBold(bold);
    }
    return it->second;
}

/// The picture of an Image element at `size` pixels: an SVG rendered by QSvgRenderer, anything
/// else read by QImage and scaled. Null when the file is missing or unreadable.
QImage renderImage(const QString& path, QSize size)
{
    if (size.isEmpty() || size.width() > 8192 || size.height() > 8192)
        return {};
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"svg" || suffix == u"svgz") {
        QSvgRenderer renderer(path);
        if (!renderer.isValid())
            return {};
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        renderer.render(&p, QRectF(QPointF(0, 0), QSizeF(size)));
        return image;
    }
    const QImage source(path);
    if (source.isNull())
        return {};
    return source.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

/// An instrument bubble shows its short label inside ("PT", "FQI", "市电"), not under it.
bool isInstrumentLetters(const QString& label)
{
    const bool latin = std::all_of(label.begin(), label.end(), [](QChar c) { return c.isUpper(); });
    return !label.isEmpty() && label.size() <= (latin ? 4 : 2);
}

} // namespace

std::pair<double, double> barSpan(const AlarmLimits& l)
{
    // Around the limits, so the normal band is a readable part of the bar (a 0–1.6 MPa sensor
    // range would squeeze 0.25–0.55 MPa into a sliver); within the sensor's range.
    const std::optional<double> bottom = l.lowLow ? l.lowLow : l.low;
    const std::optional<double> top = l.highHigh ? l.highHigh : l.high;
    if (bottom && top && *top > *bottom) {
        const double margin = (*top - *bottom) * 0.4;
        return {std::max(*bottom - margin, l.rangeMin.value_or(-qInf())),
                std::min(*top + margin, l.rangeMax.value_or(qInf()))};
    }
    return {l.rangeMin.value_or(bottom.value_or(0.0) * 0.8),
            l.rangeMax.value_or(top.value_or(1.0) * 1.2)};
}

GraphicItem::GraphicItem(const Graphics::ResolvedElement& element, const GraphicContext& context)
    : m_element(element)
    , m_context(context)
{
    const QRectF box(element.position, element.size);
    switch (element.kind) {
    case ElementKind::Pipe: {
        QPolygonF poly;
        for (const QPointF& p : element.points)
            poly << p;
        m_bounds = poly.boundingRect().adjusted(-8, -8, 8, 8);
        break;
    }
    case ElementKind::Symbol:
        m_bounds = box.adjusted(-IndicatorSize, -IndicatorSize, IndicatorSize, LabelHeight + 4);
        m_bounds.setLeft(std::min(m_bounds.left(), box.center().x() - 60));
        m_bounds.setRight(std::max(m_bounds.right(), box.center().x() + 60));
        break;
    default:
        m_bounds = box.adjusted(-IndicatorSize - 4, -4, 4, 4);
        break;
    }
    setAcceptHoverEvents(false);
    setCacheMode(NoCache); // symbols come from the library's image cache
}

void GraphicItem::themeChanged()
{
    const ShownState shown = m_shown;
    m_shown = {};
    show(shown); // what blinks depends on the theme
}

bool GraphicItem::show(const ShownState& shown)
{
    if (shown == m_shown)
        return false;
    m_shown = shown;
    m_animated = m_element.kind == ElementKind::Pipe ? m_shown.flowing
                 : m_shown.alarm > 0 && m_shown.unacknowledged
                     ? true
                     : m_element.kind == ElementKind::Symbol && m_context.theme &&
                           m_context.theme->blinks(m_shown.state);
    update();
    return true;
}

bool GraphicItem::clickable() const
{
    return m_element.controlDef || m_element.kind == ElementKind::Link ||
           m_element.tag(u"value") != InvalidTagId;
}

QRectF GraphicItem::boundingRect() const
{
    return m_bounds;
}

void GraphicItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!m_context.theme || !m_context.library)
        return;
    QPainter& p = *painter;
    switch (m_element.kind) {
    case ElementKind::Symbol:
        paintSymbol(p);
        break;
    case ElementKind::Pipe:
        paintPipe(p);
        break;
    case ElementKind::Value:
        paintValue(p);
        break;
    case ElementKind::Bar:
        paintBar(p);
        break;
    case ElementKind::Text:
        paintText(p);
        break;
    case ElementKind::Link:
        paintLink(p);
        break;
    case ElementKind::Image:
        paintImage(p);
        break;
    default:
        break;
    }
}

void GraphicItem::paintAlarm(QPainter& p, QPointF at) const
{
    if (m_shown.alarm > 0)
        Graphics::paintAlarmIndicator(p, at, m_shown.alarm,
                                      m_context.blinkOn || !m_shown.unacknowledged,
                                      *m_context.theme, IndicatorSize);
}

void GraphicItem::paintSymbol(QPainter& p) const
{
    const QRectF box(m_element.position, m_element.size);
    Graphics::SymbolParams params;
    params.level = m_shown.level;
    params.blinkOn = m_context.blinkOn;
    params.stale = m_context.stale;
    params.rotation = int(std::lround(m_element.rotationDeg)) % 360;
    params.mirrored = m_element.mirrored;
    const bool letters = m_element.symbol == u"instrument" && isInstrumentLetters(m_element.label);
    if (letters)
        params.text = m_element.label;
    m_context.library->paint(p, box, m_element.symbol, m_shown.state, *m_context.theme, params);
    if (!m_element.label.isEmpty() && !letters) {
        p.setFont(font(13));
        p.setPen(m_context.theme->canvas().text);
        p.drawText(QRectF(box.center().x() - 60, box.bottom() + 2, 120, LabelHeight),
                   Qt::AlignHCenter | Qt::AlignTop, m_element.label);
    }
    paintAlarm(p, box.topLeft() + QPointF(-4, -4));
}

void GraphicItem::paintPipe(QPainter& p) const
{
    QPolygonF poly;
    for (const QPointF& pt : m_element.points)
        poly << pt;
    Graphics::PipeParams params;
    params.flowing = m_shown.flowing && !m_context.stale;
    params.phase = m_context.flowPhase;
    params.stale = m_context.stale;
    Graphics::paintPipe(p, poly, *m_context.theme, params);
}

void GraphicItem::paintValue(QPainter& p) const
{
    const QRectF box(m_element.position, m_element.size);
    const Graphics::CanvasColors& c = m_context.theme->canvas();
    if (m_shown.alarm > 0) {
        // Never colour alone: the frame, the indicator's shape and number.
        p.setPen(QPen(m_context.theme->alarmColor(m_shown.alarm), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(box, 3, 3);
        paintAlarm(p, QPointF(box.left() - IndicatorSize / 2 - 2, box.center().y()));
    }
    if (m_element.controlDef) { // a setpoint: it can be operated
        p.setPen(QPen(c.text, 1, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(box.adjusted(1, 1, -1, -1));
    }
    p.setFont(font(13));
    p.setPen(c.text);
    const QRectF inner = box.adjusted(6, 0, -6, 0);
    p.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter, m_element.label);
    p.setFont(font(14, true));
    p.setPen(m_shown.trusted && !m_context.stale ? styled(c.valueText) : c.staleHatch);
    p.drawText(inner, Qt::AlignRight | Qt::AlignVCenter, m_shown.text);
}

void GraphicItem::paintBar(QPainter& p) const
{
    const QRectF box(m_element.position, m_element.size);
    const Graphics::CanvasColors& c = m_context.theme->canvas();
    const AlarmLimits& l = m_element.limits;
    const auto [lo, hi] = barSpan(l);
    auto y = [&](double v) {
        const double f = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.0;
        return box.bottom() - f * box.height();
    };
    // ISA-101: the bar is quiet; the bands are a narrow scale on its left (alarm zones beyond
    // the limits, the normal band between), so a normal value shows no bright colour.
    p.setPen(Qt::NoPen);
    p.setBrush(c.background.darker(112));
    p.drawRect(box);
    const double normalLo = l.low.value_or(l.lowLow.value_or(lo));
    const double normalHi = l.high.value_or(l.highHigh.value_or(hi));
    const double scale = std::max(3.0, box.width() * 0.22);
    p.setBrush(c.barAlarm);
    p.drawRect(QRectF(QPointF(box.left(), box.top()), QPointF(box.left() + scale, y(normalHi))));
    p.drawRect(QRectF(QPointF(box.left(), y(normalLo)), QPointF(box.left() + scale, box.bottom())));
    p.setBrush(c.barNormal);
    p.drawRect(QRectF(QPointF(box.left(), y(normalHi)), QPointF(box.left() + scale, y(normalLo))));
    if (!std::isnan(m_shown.fraction)) {
        const double top = box.bottom() - m_shown.fraction * box.height();
        p.setBrush(m_shown.trusted && !m_context.stale ? styled(c.valueText) : c.staleHatch);
        const QRectF marker(box.left() + box.width() * 0.3, top, box.width() * 0.4,
                            box.bottom() - top);
        p.drawRect(marker);
        // The pointer: a triangle at the value, readable without colour.
        QPainterPath tip;
        tip.moveTo(box.right() + 2, top);
        tip.lineTo(box.right() + 10, top - 5);
        tip.lineTo(box.right() + 10, top + 5);
        tip.closeSubpath();
        p.drawPath(tip);
    }
    p.setPen(QPen(c.text, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
    paintAlarm(p, QPointF(box.left() - IndicatorSize / 2 - 4, box.top() + IndicatorSize / 2));
}

void GraphicItem::paintText(QPainter& p) const
{
    const QRectF box(m_element.position, m_element.size);
    p.setFont(font(std::clamp(box.height() * 0.55, 12.0, 26.0), true));
    p.setPen(styled(m_context.theme->canvas().text));
    p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, m_element.label);
}

void GraphicItem::paintLink(QPainter& p) const
{
    const QRectF box(m_element.position, m_element.size);
    const Graphics::CanvasColors& c = m_context.theme->canvas();
    p.setPen(QPen(c.text, 1.5));
    p.setBrush(c.background.lighter(110));
    p.drawRoundedRect(box, 4, 4);
    p.setFont(font(13));
    p.setPen(styled(c.text));
    p.drawText(box, Qt::AlignCenter, m_element.label);
}

void GraphicItem::paintImage(QPainter& p)
{
    const QRectF box(m_element.position, m_element.size);
    if (!m_imageLoaded) {
        m_imageLoaded = true;
        m_image = renderImage(m_element.source, box.size().toSize());
    }
    if (!m_image.isNull()) {
        p.drawImage(box, m_image);
        return;
    }
    // Missing or unreadable: say which file, where the picture would be.
    const Graphics::CanvasColors& c = m_context.theme->canvas();
    p.setPen(QPen(c.text, 1.5, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box.adjusted(1, 1, -1, -1));
    p.setFont(font(13));
    p.drawText(box, Qt::AlignCenter | Qt::TextWrapAnywhere, QFileInfo(m_element.source).fileName());
}

QColor GraphicItem::styled(const QColor& fallback) const
{
    const QColor c = m_context.theme->textStyleColor(m_element.style);
    return c.isValid() ? c : fallback;
}

} // namespace PumpWatch::Ui
