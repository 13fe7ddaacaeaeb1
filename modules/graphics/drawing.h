// Drawing: a process graphic (工艺流程图) as a document — our own model, not SVG. SVG is used only
// for the symbols (resources/symbols) and for an optional background picture (an "image" element
// naming a file beside the drawing: a floor plan, a photo); a drawing places the symbols, draws
// pipes between their ports and binds every live part to a *role* of the station template
// ("pump[i].running"), never to a station's tag. One drawing therefore serves every station of its
// template: resolve() (resolve.h) turns roles into the tags of one station, expands the variants (a
// group repeated per pump, parts shown only with a tank, groups bound to a zone's device) and
// applies the station's overrides. The file format is in docs/project-format.md § Graphics;
// drawingjson.h reads and writes it. Plain value types; no rendering here (the runtime view and the
// editor build on it).
//
//     DrawingLoad load = DrawingJson::readFile(path);
//     for (const Element& e : load.drawing->elements) ...      // as drawn, roles unresolved
#pragma once

#include <QCoreApplication>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace PumpWatch::Graphics {

/// Bottom to top. A view may hide a layer (notes while operating).
enum class Layer : quint8 { Background, Process, Instruments, Labels, Notes };
QString layerCode(Layer layer); ///< "background", "process", …
std::optional<Layer> parseLayer(QStringView code);

enum class ElementKind : quint8 {
    Symbol, ///< a symbol of the library ("pump", "gate_valve", …) with ports
    Pipe,   ///< a polyline from a port (or the mains inlet) to a port (or the outlet)
    Value,  ///< an analog value with its unit, at the tag's precision
    Bar,    ///< an analog bar with the normal and alarm bands of the tag's limits
    Text,   ///< a fixed label
    Link,   ///< a button opening another drawing or a trend
    Group,  ///< elements repeated per pump, shown on a condition, or bound to a zone
    Image,  ///< a picture (SVG or PNG) from a file beside the drawing: a plan or photo behind it
};
QString elementKindCode(ElementKind kind);
std::optional<ElementKind> parseElementKind(QStringView code);
/// The layer an element of `kind` goes to unless it names one (an image: the background).
Layer defaultLayer(ElementKind kind);
/// Whether an element of `kind` has a box ("at" and "size"): all but pipes and groups.
bool isBoxed(ElementKind kind);
/// Whether `kind` may carry a text "style" (text, value, link, bar).
bool hasTextStyle(ElementKind kind);

/// The theme roles an element's "style" may name: "text", "valueText", "alarmText", "muted".
const QStringList& textStyleRoles();
bool isTextStyleRole(QStringView style);
/// Whether `style` is a raw colour "#rrggbb".
bool isRawColorStyle(QStringView style);

/// Where a pipe starts or ends: a symbol's port, another pipe (a tee), or the station's
/// boundary — "inlet" (the mains, under pressure) or "outlet" (the network).
struct PipeEnd {
    QString element; ///< a symbol or pipe id; empty for a boundary or a loose end
    QString port;    ///< the symbol's port ("in", "out"); empty for a pipe or a boundary
    enum class Boundary : quint8 { None, Inlet, Outlet } boundary = Boundary::None;

    bool isEmpty() const { return element.isEmpty() && boundary == Boundary::None; }
    QString toString() const; ///< "pump1.out", "header", "inlet", ""
    static std::optional<PipeEnd> parse(QStringView text);
    friend bool operator==(const PipeEnd&, const PipeEnd&) = default;
};

struct Element {
    QString id; ///< unique in the drawing once expanded; "{i}" is the pump index in a repeat
    ElementKind kind = ElementKind::Symbol;
    std::optional<Layer> layer; ///< unset: defaultLayer(kind)
    QPointF position;           ///< top-left of the unrotated box, canvas pixels
    QSizeF size;
    double rotationDeg = 0; ///< clockwise about the box centre
    bool mirrored = false;  ///< flipped left-right before rotating
    QString symbol;         ///< Symbol: the library's id
    QString source;         ///< Image: its file, relative to the drawing file's folder, or absolute
    QString label;          ///< the name shown (a Text's text, a Link's caption)
    /// Text, Value, Link, Bar: the text colour, a theme role ("text", "valueText", "alarmText",
    /// "muted"; isTextStyleRole()) or a raw "#rrggbb" (allowed, but the HP-HMI lint warns:
    /// colour meaning belongs to the theme). Empty: the kind's usual colour.
    QString style;
    std::vector<QPointF> points;      ///< Pipe: the polyline, in flow direction
    PipeEnd from;                     ///< Pipe
    PipeEnd to;                       ///< Pipe
    QString diameter;                 ///< Pipe: "DN100"; a view draws wider pipes thicker
    std::map<QString, QString> slots; ///< slot → role: {"running": "pump[i].running"}
    QString control;                  ///< the ControlDef::object its faceplate operates
    QString open;                     ///< Link: "drawing:<id>" or "trend" (its slots' tags)
    // Group only:
    QString repeat; ///< "pumps": children once per pump, i = 1..n
    QPointF offset; ///< added per index after the first
    QString when;   ///< "tank", "!tank": shown only while the condition holds
    QString zone;   ///< "low", "high": bound to that zone's device (groups and elements)
    std::vector<Element> children;

    Layer effectiveLayer() const { return layer.value_or(defaultLayer(kind)); }
    friend bool operator==(const Element&, const Element&) = default;
};

/// What a role maps to: a tag key of the template, "{i}" standing for the pump index.
struct RoleDef {
    enum class Kind : quint8 { Bit, Analog };
    QString tag; ///< "pump{i}_running"
    Kind kind = Kind::Analog;
    QString quantity;      ///< optional: the tag's quantity code must match ("pressure")
    bool writable = false; ///< the tag must be read-write (a setpoint shown for editing)
    bool optional = false; ///< a station may lack the tag: the part shows "no signal"
    friend bool operator==(const RoleDef&, const RoleDef&) = default;
};

/// One change a station makes to the drawing, kept beside it as a patch.
struct Override {
    QString element;             ///< an id of the expanded drawing ("label_p1")
    std::optional<QPointF> move; ///< dx, dy
    bool hidden = false;
    std::optional<QString> label; ///< "set": {"label": …}
    friend bool operator==(const Override&, const Override&) = default;
};

struct Drawing {
    static constexpr int FormatVersion = 1;

    QString file; ///< where it was read from (diagnostics, problems); not written
    QString id;
    QString name;
    QString templateId; ///< the station template it serves
    QStringList zones;  ///< zone codes of the devices it binds ("low", "high"); empty: one device
    QSizeF canvas{1600, 900};
    std::map<QString, RoleDef> roles; ///< role pattern ("pump[i].running") → definition
    std::vector<Element> elements;    ///< drawn in order within each layer
    std::map<QString, std::vector<Override>> overrides; ///< station id → its patch

    /// Devices the drawing binds at once: its zone count, at least 1.
    int deviceCount() const { return zones.isEmpty() ? 1 : static_cast<int>(zones.size()); }
    friend bool operator==(const Drawing& a, const Drawing& b)
    {
        return a.id == b.id && a.name == b.name && a.templateId == b.templateId &&
               a.zones == b.zones && a.canvas == b.canvas && a.roles == b.roles &&
               a.elements == b.elements && a.overrides == b.overrides;
    }
};

} // namespace PumpWatch::Graphics
