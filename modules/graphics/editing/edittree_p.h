// What the drawing edits share (drawingedits.cpp, editgeometry.cpp, editclipboard.cpp,
// elementcatalog.cpp): walking the element tree, ids, translating and turning elements, the
// ports a pipe attaches to and re-routing the pipes of what changed. Private to the module.
#pragma once

#include "../symbolports.h"
#include "drawingedits.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace PumpWatch::Graphics::Edits::detail {

class Text {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Graphics::Edits)
};

constexpr double PipeStub = 20.0; ///< how far a pipe leaves a port straight before it turns

inline bool isBoxed(const Element& e)
{
    return e.kind != ElementKind::Pipe && e.kind != ElementKind::Group;
}

template <typename E, typename F>
inline bool forEach(std::vector<E>& list, const F& f)
{
    for (E& e : list) {
        if (f(e) || forEach(e.children, f))
            return true;
    }
    return false;
}

template <typename F>
inline void forEachElement(Drawing& d, const F& f)
{
    forEach(d.elements, [&](Element& e) {
        f(e);
        return false;
    });
}

template <typename F>
inline void forEachElement(const Drawing& d, const F& f)
{
    forEach(const_cast<std::vector<Element>&>(d.elements), [&](const Element& e) {
        f(e);
        return false;
    });
}

/// The list holding `id` and its index there.
std::pair<std::vector<Element>*, std::size_t> locate(std::vector<Element>& list, QStringView id);

void collectIds(const Element& e, QSet<QString>& ids);

QSet<QString> idSet(const Drawing& d);

/// Every id's group (empty for the top level), in one walk.
QHash<QString, QString> parents(const Drawing& d);

/// `ids` without unknown ids, repeats and elements whose group is in the list too.
QStringList normalized(const Drawing& d, const QStringList& ids);

/// The ids of the elements `ids` and everything inside them.
QSet<QString> subtreeIds(const Drawing& d, const QStringList& ids);

QString baseOf(const QString& id);

QString freeId(const QString& base, QSet<QString>& taken);

/// The id a pipe end names, with the previous pump's "{i-1}" read as the element's "{i}".
QString sameIndex(const QString& end);

QPointF rounded(QPointF p);

void translate(Element& e, QPointF delta);

/// Where a port of the symbol element `e` is and the way a pipe leaves it.
PortHit portHit(const Element& e, const SymbolPort& p);

/// The port `end` names, when it is a symbol's.
std::optional<PortHit> portOf(const Drawing& d, const PipeEnd& end);

/// Re-routes every pipe attached to a port of the elements `changed` (a pipe that moved along
/// with all it is attached to keeps its shape) and the attached pipes of `force`.
void reroute(Drawing& d, const QSet<QString>& changed, const QSet<QString>& movedAlong = {},
             const QSet<QString>& force = {});

void rotatePoints(std::vector<QPointF>& points, QPointF centre, double degrees, bool mirror);

double normalizedAngle(double degrees);

/// Turns (or with `mirror`, flips left-right) `e` about `centre` as it looks on screen: a boxed
/// element's centre moves and its own rotation follows; a flipped element that was turned is
/// turned back the other way (mirroring comes before rotating in the model).
void transformElement(Element& e, QPointF centre, double degrees, bool mirror);

/// Scales `e` from the rectangle `from` to `to` (positions, sizes and pipe points).
void scaleElement(Element& e, const QRectF& from, const QRectF& to);

/// Renames ids of `elements` (and their children) that are in `taken`, pipe ends following;
/// ends naming elements outside `elements` come loose when `looseOutside`.
void renameInto(std::vector<Element>& elements, QSet<QString>& taken, bool looseOutside);

std::vector<Element>* listOf(Drawing& d, const QString& parent);

void moveBy(Drawing& d, const QStringList& ids, const std::vector<QPointF>& deltas);

} // namespace PumpWatch::Graphics::Edits::detail
