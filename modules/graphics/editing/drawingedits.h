// The edits an engineer makes to a drawing, as pure functions on a Drawing value — the
// document (drawingdocument.h) runs each one as a named undo command, and tests can run them
// directly. Elements are named by id at any depth (a pump inside a repeat group); ids are unique
// in a drawing. Geometry is in canvas pixels; an element's bounds are its rotated box, a pipe's
// the box of its points, a group's the union of its children's.
//
// Pipes stay attached: moving, resizing, rotating or mirroring a symbol re-routes every pipe
// whose end names one of its ports (orthogonally, leaving each port along its side), so a
// drawing never shows a pipe beside the port it is connected to. Pure functions, any thread.
//
//     Drawing d = …;
//     Edits::move(d, {u"pump1"_s, u"pump2"_s}, {40, 0});     // their pipes follow
//     Edits::align(d, ids, Align::Top);
#pragma once

#include "../drawing.h"

#include <core/project.h>

#include <QRectF>

namespace PumpWatch::Graphics {

enum class Align : quint8 { Left, HCenter, Right, Top, VCenter, Bottom };
enum class ZOrder : quint8 { Front, Forward, Backward, Back };

/// A port of a symbol on the canvas: where a pipe may start or end.
struct PortHit {
    PipeEnd end;       ///< element id and port name
    QPointF position;  ///< on the canvas
    QPointF direction; ///< unit vector out of the symbol (left, right, up, down)
};

namespace Edits {

/// What the palette drags (its MIME type) and what it places: "symbol:pump", "value", "bar",
/// "text", "link". newElement() makes the element at the origin with its usual size and an id
/// derived from the code (made unique by add()); nullopt for an unknown code or symbol.
inline constexpr char PaletteMimeType[] = "application/x-pumpwatch-palette";
/// What copy() puts on the clipboard, besides nothing else (the data is a drawing file).
inline constexpr char ClipboardMimeType[] = "application/x-pumpwatch-elements";
std::optional<Element> newElement(QStringView code);

/// The roles a new drawing for `tmpl` starts with: one per tag of the template, a pump's tags
/// as one pump-indexed role ("pump1_running", "pump2_running" → "pump[i].running" on
/// "pump{i}_running"), the others by their key ("outlet_pressure"); bit or analog by the tag's
/// type, its quantity, writable when the tag is. An engineer binds from the first minute.
std::map<QString, RoleDef> templateRoles(const StationTemplate& tmpl);
/// The role a template tag is bound through and the tag pattern it declares: a pump's tag as the
/// pump-indexed role ("pump2_running" → "pump[i].running" on "pump{i}_running"), any other by
/// its key.
std::pair<QString, QString> roleForTag(const QString& tagKey);
/// The kind of role a tag is shown through: a bit for a boolean tag, else analog.
RoleDef::Kind roleKindOf(const TagDef& tag);

/// A slot an element offers for binding, and the kind of role it takes.
struct SlotSpec {
    QString slot;        ///< "running"
    RoleDef::Kind kind;  ///< a bit or an analog role
    bool primary = true; ///< shown first; the others are extras (a pump's frequency)
};
/// The slots of `e` by what it is: a pump's running, fault, frequency and current, a valve's
/// open, a tank's level, an instrument's or value's value, a sensor's bit; a link's "pressure",
/// "flow" (the trend it opens). Slots the element already binds are included.
std::vector<SlotSpec> slotsFor(const Element& e);

// --- lookup and geometry --------------------------------------------------------------------
/// The element with `id` at any depth, or null.
const Element* find(const Drawing& d, QStringView id);
Element* find(Drawing& d, QStringView id);
/// The id of the group holding `id`; empty for a top-level element (or an unknown id).
QString parentOf(const Drawing& d, QStringView id);
/// Every id in the drawing, depth first in drawing order.
QStringList allIds(const Drawing& d);
/// `base` when no element has it, else base2, base3, … ("pump" → "pump3").
QString uniqueId(const Drawing& d, const QString& base);
QRectF bounds(const Element& e);
/// The union of the bounds of the elements `ids`; empty when none is found.
QRectF bounds(const Drawing& d, const QStringList& ids);
/// The ports of every symbol (groups included, unexpanded), in drawing order.
std::vector<PortHit> ports(const Drawing& d);
/// The port nearest to `at` within `radius`, skipping the element `skip`.
std::optional<PortHit> nearestPort(const Drawing& d, QPointF at, double radius,
                                   QStringView skip = {});
/// An orthogonal polyline from `from` to `to`, leaving along `fromDir` and entering against
/// `toDir` (null vectors: no preference), without repeated or collinear middle points.
std::vector<QPointF> routeOrthogonal(QPointF from, QPointF fromDir, QPointF to, QPointF toDir);
/// Where the end of a pipe is on the canvas: its port's position, else the pipe's own point.
QPointF endPoint(const Drawing& d, const Element& pipe, bool start);

// --- edits: each returns false (leaving `d` as it was) when there is nothing to do ----------
/// Inserts `elements` at the top level (or into the group `parent`), on top; ids that are taken
/// get a number. Returns the ids given.
QStringList add(Drawing& d, std::vector<Element> elements, const QString& parent = {});
/// A pipe between two ends (ports, a pipe, the boundary), routed orthogonally; `fromAt` and
/// `toAt` are used for ends without a port position. Returns its id.
QString connect(Drawing& d, const PipeEnd& from, QPointF fromAt, const PipeEnd& to, QPointF toAt,
                const QString& diameter = {});
/// Removes the elements (a group with its children); pipe ends that named them come loose and
/// stations' overrides of them go.
bool remove(Drawing& d, const QStringList& ids);
bool move(Drawing& d, const QStringList& ids, QPointF delta);
/// The element's unrotated box becomes `box`; a pipe or group is scaled to it (an attached pipe
/// keeps its ends on its ports).
bool setBox(Drawing& d, const QString& id, const QRectF& box);
/// Turns each element (a group as a whole) about its own centre by `degrees`, clockwise on
/// screen; rotations are kept in [0, 360).
bool rotate(Drawing& d, const QStringList& ids, double degrees);
/// Flips each element (a group as a whole) left-right on screen about its centre.
bool mirror(Drawing& d, const QStringList& ids);
/// Replaces the element `id` with `changed` (same id; pipes re-routed when its ports moved).
bool replace(Drawing& d, const QString& id, const Element& changed);
/// Binds `slot` of element `id` to `role`; an empty role unbinds. The role must be declared.
bool bind(Drawing& d, const QString& id, const QString& slot, const QString& role);
/// Makes the elements (of one parent) a group in place of the topmost; returns its id.
QString group(Drawing& d, const QStringList& ids);
/// Puts a plain group's children in its place (its layer passed on). A group that repeats, has a
/// condition, a zone or bindings of its own is refused (it would change what stations show):
/// `why` says so.
QStringList ungroup(Drawing& d, const QString& id, QString* why = nullptr);
bool reorder(Drawing& d, const QStringList& ids, ZOrder how);
/// Aligns the elements' bounds to the selection's edge or centre.
bool align(Drawing& d, const QStringList& ids, Align how);
/// Spaces three or more elements evenly between the outermost two.
bool distribute(Drawing& d, const QStringList& ids, Qt::Orientation orientation);
/// Gives every boxed element the size of the first (the reference).
bool sameSize(Drawing& d, const QStringList& ids);
bool setLayer(Drawing& d, const QStringList& ids, Layer layer);
/// The station's override patch; an empty patch removes it.
bool setOverrides(Drawing& d, const QString& station, const std::vector<Override>& patch);
/// Declares (or with nullopt, removes) a role.
bool setRole(Drawing& d, const QString& role, const std::optional<RoleDef>& def);

/// Why the drawing could not be saved and opened again ("elements[3].zone: a drawing of
/// several zones must say …"), or empty. The document refuses an edit that would make one: every
/// rule of the reader, ids without '.', no repeat inside a repeat.
QString validate(const Drawing& d);

// --- clipboard --------------------------------------------------------------------------------
/// The elements `ids` (with their children) and the roles they bind, as a drawing file's text.
QByteArray copy(const Drawing& d, const QStringList& ids);
struct PasteResult {
    QStringList ids;       ///< the pasted top-level elements' ids in `d`
    QStringList conflicts; ///< roles the target declares differently (the target's kept)
    QString error;         ///< not clipboard data
};
/// Pastes copied elements moved by `offset`: ids that are taken are renumbered (pipe ends
/// follow, the previous pump's "{i-1}" too), roles the target lacks are declared, pipe ends to
/// elements not pasted come loose; in a drawing of several zones a bound part without a zone
/// reads the first zone's device.
PasteResult paste(Drawing& d, const QByteArray& data, QPointF offset);

} // namespace Edits
} // namespace PumpWatch::Graphics
