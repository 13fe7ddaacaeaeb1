// resolve(): one drawing made concrete for one station — what the runtime view shows.
//
// The drawing's groups are expanded (a "repeat": "pumps" group once per pump of the device,
// i = 1..Equipment::pumps, or as many as the template's tags allow when the count is not
// stated; "when": "tank" parts only with a break tank, "!tank" only without; "zone": "high" parts
// bound to that zone's device), the station's overrides applied (moved, hidden, relabelled), and
// every slot's role turned into a TagId of the right device. What cannot be bound is not
// silently dropped: each problem names the drawing's file, the station, the element and the
// role (a missing tag, a bit slot on a float tag, a quantity that differs, a setpoint or a
// control command on a read-only tag, an override of an element the drawing does not have, an
// image whose file is missing).
// `pumpwatch-cli graphics check` prints them for every station. Pure function, any thread; the
// result refers to the project by TagId only and outlives neither.
//
//     ResolvedDrawing r = resolve(drawing, project, stationIndex);
//     for (const ResolvedElement& e : r.elements) {
//         if (e.hidden) continue;
//         scene.add(e.symbol, e.position, e.size, e.rotationDeg, e.mirrored);
//         subscribe(e.tag(u"running"));          // InvalidTagId when not bound
//     }
#pragma once

#include "drawing.h"

#include <core/project.h>

namespace PumpWatch::Graphics {

struct Binding {
    QString slot;             ///< "running"
    QString role;             ///< "pump[2].running", the pump index filled in
    TagId tag = InvalidTagId; ///< InvalidTagId when not bound (see the problems)
    friend bool operator==(const Binding&, const Binding&) = default;
};

struct ResolvedElement {
    QString id; ///< "{i}" filled in: "pump2"
    ElementKind kind = ElementKind::Symbol;
    Layer layer = Layer::Process;
    QPointF position; ///< offsets and overrides applied
    QSizeF size;
    double rotationDeg = 0;
    bool mirrored = false;
    bool hidden = false; ///< hidden by an override: not drawn, but its pipes still conduct
    QString symbol;
    /// An Image's file, made absolute against the drawing file's folder (a missing file is a
    /// problem; the view draws a dashed box with its name).
    QString source;
    QString label;
    QString style; ///< as drawn: a theme role or "#rrggbb" (Element::style)
    std::vector<QPointF> points;
    PipeEnd from;
    PipeEnd to;
    QString diameter;
    std::vector<Binding> bindings; ///< sorted by slot
    QString open;                  ///< a Link's target
    int device = -1;               ///< index into Station::devices it reads
    int pump = 0;                  ///< its pump index in a repeat, else 0

    /// The faceplate's control: its object role ("pump[2]"), the template's definition (null
    /// when the template has none; reported) and its tags.
    QString control;
    const ControlDef* controlDef = nullptr;
    TagId commandTag = InvalidTagId;
    TagId feedbackTag = InvalidTagId;

    /// A Value's or Bar's display, from the tag bound to its "value" slot: the unit, the
    /// precision every screen uses (ValueFormat), and the alarm limits that make a bar's bands.
    QString unit;
    int decimals = 2;
    AlarmLimits limits;

    /// The tag bound to `slot`, or InvalidTagId.
    TagId tag(QStringView slot) const;
};

/// One binding that does not hold at one station.
struct Problem {
    QString file;    ///< the drawing's file
    QString drawing; ///< its id
    QString station; ///< station id
    QString stationName;
    QString device;  ///< device id, when it concerns one
    QString element; ///< element id, expanded ("pump3")
    QString role;    ///< the role or control object, when it concerns one
    QString message;

    /// "std-pump-house.json: S0007 长征一厂 [low] pump3 pump[3].running: no tag 'pump3_running'"
    QString toString() const;
    friend bool operator==(const Problem&, const Problem&) = default;
};

struct ResolvedDrawing {
    QString drawing; ///< id
    QString file;
    QSizeF canvas;
    int station = -1;
    std::vector<ResolvedElement> elements; ///< in drawing order
    std::vector<Problem> problems;

    /// Index of the element with `id` in elements, or -1.
    int indexOf(QStringView id) const;
};

/// `deviceIndex` is the device a drawing without zones binds; -1: the station's first device.
/// A drawing with zones binds each part to the device of its zone and ignores it.
ResolvedDrawing resolve(const Drawing& drawing, const Project& project, int stationIndex,
                        int deviceIndex = -1);

} // namespace PumpWatch::Graphics
