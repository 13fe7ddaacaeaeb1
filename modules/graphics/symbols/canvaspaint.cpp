#include "canvaspaint.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace PumpWatch::Graphics {

void paintAlarmIndicator(QPainter& p, QPointF centre, int priority, bool blinkOn,
                         const Theme& theme, double size)
{
    priority = std::clamp(priority, 1, 3);
    const double h = size / 2;
    QPolygonF shape;
    QPointF textCentre = centre;
    if (priority == 1) {
        shape << centre + QPointF(-h, -h) << centre + QPointF(h, -h) << centre + QPointF(h, h)
              << centre + QPointF(-h, h);
    } else if (priority == 2) {
        shape << centre + QPointF(-h * 1.15, -h) << centre + QPointF(h * 1.15, -h)
              << centre + QPointF(0, h * 1.1);
        textCentre += QPointF(0, -h * 0.3); // the triangle's centroid sits above the middle
    } else {
        shape << centre + QPointF(0, -h * 1.2) << centre + QPointF(h * 1.2, 0)
              << centre + QPointF(0, h * 1.2) << centre + QPointF(-h * 1.2, 0);
    }
    const QColor colour = theme.alarmColor(priority);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    // Outlined phase: a thick coloured outline on a dark edge, so it reads on any background.
    p.setPen(QPen(theme.canvas().alarmText, blinkOn ? 1.0 : 3.5));
    p.setBrush(blinkOn ? QBrush(colour) : QBrush(Qt::NoBrush));
    p.drawPolygon(shape);
    if (!blinkOn) {
        p.setPen(QPen(colour, 2.0));
        p.drawPolygon(shape);
    }
    QFont f = p.font();
    f.setBold(true);
    f.setPixelSize(std::max(6, int(size * 0.62)));
    p.setFont(f);
    p.setPen(blinkOn ? theme.canvas().alarmText : theme.canvas().text);
    p.drawText(QRectF(textCentre - QPointF(h, h), QSizeF(size, size)), Qt::AlignCenter,
               QString::number(priority));
    p.restore();
}

void paintStaleHatch(QPainter& p, const QRectF& rect, const Theme& theme)
{
    p.save();
    p.setClipRect(rect, Qt::IntersectClip);
    p.setRenderHint(QPainter::Antialiasing);
    QColor c = theme.canvas().staleHatch;
    c.setAlphaF(0.8f);
    p.setPen(QPen(c, std::max(1.0, rect.width() / 64.0)));
    const double step = std::max(4.0, rect.width() / 8.0);
    for (double x = rect.left() - rect.height(); x < rect.right(); x += step)
        p.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()));
    p.restore();
}

void paintPipe(QPainter& p, const QPolygonF& path, const Theme& theme, const PipeParams& params)
{
    if (path.size() < 2)
        return;
    const CanvasColors& c = theme.canvas();
    const bool flowing = params.flowing && !params.stale;
    p.save();
    // A pipe drawn square to the axes (the usual P&ID) needs no antialiasing, which is most of
    // its cost; the chevrons do.
    bool square = true;
    for (qsizetype i = 1; i < path.size() && square; ++i)
        square = path.at(i).x() == path.at(i - 1).x() || path.at(i).y() == path.at(i - 1).y();
    p.setRenderHint(QPainter::Antialiasing, !square);
    p.setPen(QPen(flowing ? c.pipeFlowing : c.pipe, c.pipeWidth, Qt::SolidLine, Qt::FlatCap,
                  Qt::MiterJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(path);
    p.setRenderHint(QPainter::Antialiasing);
    if (flowing && params.arrowSpacing > 0) {
        // Chevrons at a fixed spacing along the whole polyline, shifted by the phase.
        const double arm = c.pipeWidth * 1.6;
        p.setPen(
            QPen(c.background, std::max(1.5, c.pipeWidth * 0.45), Qt::SolidLine, Qt::RoundCap));
        double next = std::fmod(params.phase, 1.0) * params.arrowSpacing;
        double walked = 0;
        for (qsizetype i = 1; i < path.size(); ++i) {
            const QPointF a = path.at(i - 1);
            const QPointF b = path.at(i);
            const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
            if (len <= 0)
                continue;
            const QPointF u = (b - a) / len;
            const QPointF n(-u.y(), u.x());
            while (next <= walked + len) {
                const QPointF tip = a + u * (next - walked);
                p.drawLine(tip, tip - u * arm + n * arm * 0.6);
                p.drawLine(tip, tip - u * arm - n * arm * 0.6);
                next += params.arrowSpacing;
            }
            walked += len;
        }
    }
    p.restore();
}

} // namespace PumpWatch::Graphics
