// Canvas painting that is not an SVG symbol: the ISA-101 alarm indicator, the hatch over stale
// data, and pipes with flow arrows. Drawn directly with QPainter (cheap shapes; no cache
// needed), in the theme's canvas colours.
//
// Never colour alone: each alarm priority has its own shape and carries its number; an
// unacknowledged alarm flashes by alternating filled and outlined, so it stays readable in
// both phases.
#pragma once

#include "theme.h"

#include <QPointF>
#include <QPolygonF>
#include <QRectF>

class QPainter;

namespace PumpWatch::Graphics {

/// Priority 1: a square; 2: a triangle pointing down; 3: a diamond; each with its number.
/// `centre` and `size` in the painter's coordinates. blinkOn false: the outlined phase.
void paintAlarmIndicator(QPainter& p, QPointF centre, int priority, bool blinkOn,
                         const Theme& theme, double size = 18.0);

/// Diagonal hatch over `rect`: the mark of stale or offline data (with "last good …" text
/// drawn by the caller).
void paintStaleHatch(QPainter& p, const QRectF& rect, const Theme& theme);

struct PipeParams {
    bool flowing = false; ///< derived from the topology (a pump running, valves open)
    double phase = 0.0;   ///< 0..1 from the animation clock: moves the arrows along the pipe
    bool stale = false;
    double arrowSpacing = 40.0; ///< between flow arrows, in the painter's units
};

/// A pipe along `path` (a polyline): the theme's pipe colour and width; when flowing, the
/// flowing colour and chevrons pointing downstream that move with `phase`.
void paintPipe(QPainter& p, const QPolygonF& path, const Theme& theme, const PipeParams& params);

} // namespace PumpWatch::Graphics
