// GraphicItem: one element of a station graphic in the scene — a symbol, a pipe, a value, an
// analog bar, a text, a link or a background image. It keeps what it shows (state, level, text,
// alarm) and repaints only when that changes; painting draws from the symbol library's image cache.
#pragma once

#include "stationgraphic.h"

#include <QGraphicsItem>
#include <QImage>

namespace PumpWatch::Ui {

/// What an element shows now; compared to decide whether to repaint.
struct ShownState {
    QString state; ///< a symbol's state code ("running", "open", "alarm", "unknown")
    double level = std::numeric_limits<double>::quiet_NaN(); ///< a tank's, 0..1
    QString text; ///< a value's text ("0.399 MPa"), a bar's value
    double fraction = std::numeric_limits<double>::quiet_NaN(); ///< a bar's value in its span
    bool trusted = true;                                        ///< good quality
    int alarm = 0; ///< the most urgent live alarm's priority (1 critical, 2 warning); 0
    bool unacknowledged = false;
    bool flowing = false; ///< a pipe's
    bool operator==(const ShownState&) const = default;
};

/// An analog bar's span: the sensor's range, else the alarm limits with a margin.
std::pair<double, double> barSpan(const AlarmLimits& limits);

class GraphicItem : public QGraphicsItem {
public:
    GraphicItem(const Graphics::ResolvedElement& element, const GraphicContext& context);

    const Graphics::ResolvedElement& element() const { return m_element; }
    const ShownState& shown() const { return m_shown; }
    /// Sets what the item shows; repaints (and returns true) only when it differs.
    bool show(const ShownState& shown);
    /// Whether it must be repainted on every frame (blinking, or a flowing pipe).
    bool animated() const { return m_animated; }
    /// The theme changed: repaint, and learn again whether the state blinks.
    void themeChanged();
    /// Whether a click opens something (a faceplate, a trend, a link).
    bool clickable() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void paintSymbol(QPainter& p) const;
    void paintPipe(QPainter& p) const;
    void paintValue(QPainter& p) const;
    void paintBar(QPainter& p) const;
    void paintText(QPainter& p) const;
    void paintLink(QPainter& p) const;
    void paintImage(QPainter& p);
    /// The element's text style as a colour, else `fallback`.
    QColor styled(const QColor& fallback) const;
    void paintAlarm(QPainter& p, QPointF at) const;

    const Graphics::ResolvedElement& m_element;
    const GraphicContext& m_context;
    ShownState m_shown;
    QRectF m_bounds;
    bool m_animated = false; ///< set by show(): blinking or a flowing pipe
    /// An Image's picture, rendered once at the element's size on the first paint (SVG is
    /// never rendered per paint); null after that when the file is missing or unreadable.
    QImage m_image;
    bool m_imageLoaded = false;
};

} // namespace PumpWatch::Ui
