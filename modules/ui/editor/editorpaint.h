// What the editor paints around the elements, as free functions of EditorView's background and
// foreground passes: the canvas (Drawing::canvas) on a neutral outside with its grid, the ports
// pipes attach to, and the resize handles. Cosmetic sizes are given in screen pixels and
// converted with `pixel` (one screen pixel in scene units). GUI thread.
#pragma once

#include <graphics/editing/drawingedits.h>
#include <graphics/symbols/theme.h>

#include <QRectF>

#include <array>
#include <optional>
#include <vector>

class QPainter;

namespace PumpWatch::Ui::EditorPaint {

constexpr double HandleSizePx = 7.0;

/// The outside, the canvas rectangle in the theme's background colour, and the grid of
/// `grid` canvas px within `exposed` (every fifth line stronger; thinned out when zoomed out).
void canvas(QPainter& p, const QRectF& exposed, QSizeF canvasSize, const Graphics::Theme& theme,
            double grid, bool gridVisible, double pixel);
/// Small circles on the ports within `exposed`; `hover` is drawn highlighted.
void ports(QPainter& p, const QRectF& exposed, const std::vector<Graphics::PortHit>& ports,
           const std::optional<Graphics::PortHit>& hover, double pixel);
/// The eight handles' rectangles around `box`, clockwise from the top-left.
std::array<QRectF, 8> handleRects(const QRectF& box, double pixel);
void handles(QPainter& p, const QRectF& box, double pixel);

} // namespace PumpWatch::Ui::EditorPaint
