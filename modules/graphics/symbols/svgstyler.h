// SVG styling: rewrites a symbol's SVG so that each named part (an element id) carries the
// theme's fill, stroke, line width, dash and visibility for one state, and applies the
// parameters a drawing gives (the level of a tank, the letters of an instrument bubble).
//
// The SVG files follow one authoring rule that makes this safe: a part's children name no
// colours, they inherit them from the part; a child may say fill="none" to stay unfilled, and
// a part that says fill="none" or stroke="none" itself keeps it (text is never outlined).
// Internal to the symbol library; it works on bytes and knows nothing of caching.
#pragma once

#include "theme.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <limits>

namespace PumpWatch::Graphics {

struct SvgStyleRequest {
    QHash<QString, PartStyle> parts; ///< by element id; other elements are copied unchanged
    bool blinkOn = true;             ///< false: blinking parts lose their fill for this phase
    QString levelPart;               ///< a <rect> drawn full height; shortened to `level`
    double level = std::numeric_limits<double>::quiet_NaN(); ///< 0..1; NaN hides the part
    QString textPart; ///< a <text> whose content becomes `text`
    QString text;
};

/// The restyled SVG, or an empty array (and `error`) when `svg` is not well-formed XML.
QByteArray styleSvg(const QByteArray& svg, const SvgStyleRequest& request,
                    QString* error = nullptr);

} // namespace PumpWatch::Graphics
