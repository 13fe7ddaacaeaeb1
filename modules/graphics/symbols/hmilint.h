// HP-HMI lint (ISA-101): what in a theme or a drawing makes a normal plant look abnormal, or
// hands colour meaning to the drawing instead of the theme. Warnings, never errors: a drawing
// that trips them still opens and runs; `pumpwatch-cli graphics check` prints them and the
// editor's problems panel lists them.
//
// lintTheme: a *normal* state (running, stopped, open, closed, normal — every state that is not
// abnormalStates()) whose visible part is drawn in an alarm colour (equal or close to one of
// canvas().alarm), or blinks. ISA-101 keeps bright colour and motion for abnormal states and
// alarms; the legacy red-running profile trips this by design.
//
// lintDrawing: an element's text style given as a raw colour instead of a theme role; an alarm
// role or colour on an element bound to no alarm-ish slot (alarm, fault, flood, door,
// power_fail); a text always shown whose words read as an alarm ("故障", "报警", "fault").
//
// Pure functions of their arguments, any thread; messages are translated (tr()).
//
//     for (const LintWarning& w : lintTheme(*Theme::builtIn(u"legacy")))
//         out << w.toString();  // "legacy: state 'running' part 'state' uses alarm colour …"
#pragma once

#include "theme.h"

#include <graphics/drawing.h>

#include <QColor>
#include <QString>
#include <QStringList>

#include <vector>

namespace PumpWatch::Graphics {

struct LintWarning {
    QString file;    ///< the drawing's file, or the theme's id
    QString element; ///< the element's id (as drawn, "{i}" unexpanded); empty for a theme
    QString message;

    /// "std.json: title: style '#ff0000' is a raw colour: …"; "legacy: state 'running' …"
    QString toString() const;
    friend bool operator==(const LintWarning&, const LintWarning&) = default;
};

/// States in which bright colour and blinking are expected: fault, alarm, unknown, and the
/// transitions starting and travelling (a valve moving is the valve's "starting"), and stale.
const QStringList& abnormalStates();

/// Whether `colour` equals or is close to one of the theme's alarm colours (a small RGB
/// distance, or the same hue at high saturation and brightness); `alarm` gets that colour.
bool isNearAlarmColour(const QColor& colour, const Theme& theme, QColor* alarm = nullptr);

std::vector<LintWarning> lintTheme(const Theme& theme);
std::vector<LintWarning> lintDrawing(const Drawing& drawing, const Theme& theme);

} // namespace PumpWatch::Graphics
