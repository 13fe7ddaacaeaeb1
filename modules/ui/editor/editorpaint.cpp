#include "editorpaint.h"

#include <QPainter>

#include <cmath>

namespace PumpWatch::Ui::EditorPaint {

void canvas(QPainter& p, const QRectF& exposed, QSizeF canvasSize, const Graphics::Theme& theme,
            double grid, bool gridVisible, double pixel)
{
    const QColor background = theme.canvas().background;
    const QColor outside =
        background.lightness() > 128 ? background.darker(135) : background.lighter(160);
    p.fillRect(exposed, outside);
    const QRectF area(QPointF(0, 0), canvasSize);
    p.fillRect(area.translated(4 * pixel, 4 * pixel), outside.darker(120)); // a shadow
    p.fillRect(area, background);
    if (gridVisible && grid > 0) {
        // Lines closer than 6 screen px are noise: keep every fifth (or 25th) line only.
        double step = grid;
        while (step / pixel < 6)
            step *= 5;
        const QRectF r = exposed & area;
        const QColor minor =
            background.lightness() > 128 ? background.darker(105) : background.lighter(125);
        const QColor major =
            background.lightness() > 128 ? background.darker(112) : background.lighter(150);
        std::vector<QLineF> minorLines, majorLines;
        for (double x = std::ceil(r.left() / step) * step; x <= r.right(); x += step)
            (std::fmod(std::round(x / grid), 5) == 0 ? majorLines : minorLines)
                .emplace_back(x, r.top(), x, r.bottom());
        for (double y = std::ceil(r.top() / step) * step; y <= r.bottom(); y += step)
            (std::fmod(std::round(y / grid), 5) == 0 ? majorLines : minorLines)
                .emplace_back(r.left(), y, r.right(), y);
        p.setPen(QPen(minor, 0));
        p.drawLines(minorLines.data(), int(minorLines.size()));
        p.setPen(QPen(major, 0));
        p.drawLines(majorLines.data(), int(majorLines.size()));
    }
    p.setPen(QPen(outside.darker(140), 0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(area);
}

void ports(QPainter& p, const QRectF& exposed, const std::vector<Graphics::PortHit>& ports,
           const std::optional<Graphics::PortHit>& hover, double pixel)
{
    const double r = 4 * pixel;
    p.setPen(QPen(QColor(0, 120, 215), 1.5 * pixel));
    p.setBrush(QColor(255, 255, 255, 200));
    for (const Graphics::PortHit& port : ports)
        if (exposed.contains(port.position))
            p.drawEllipse(port.position, r, r);
    if (hover) {
        p.setBrush(QColor(0, 120, 215));
        p.drawEllipse(hover->position, r * 1.6, r * 1.6);
    }
}

std::array<QRectF, 8> handleRects(const QRectF& box, double pixel)
{
    const double s = HandleSizePx * pixel;
    const std::array<QPointF, 8> centres{box.topLeft(),     QPointF(box.center().x(), box.top()),
                                         box.topRight(),    QPointF(box.right(), box.center().y()),
                                         box.bottomRight(), QPointF(box.center().x(), box.bottom()),
                                         box.bottomLeft(),  QPointF(box.left(), box.center().y())};
    std::array<QRectF, 8> rects;
    for (size_t i = 0; i < 8; ++i)
        rects[i] = QRectF(centres[i] - QPointF(s / 2, s / 2), QSizeF(s, s));
    return rects;
}

void handles(QPainter& p, const QRectF& box, double pixel)
{
    p.setPen(QPen(QColor(0, 120, 215), 0));
    p.setBrush(Qt::white);
    for (const QRectF& r : handleRects(box, pixel))
        p.drawRect(r);
}

} // namespace PumpWatch::Ui::EditorPaint
