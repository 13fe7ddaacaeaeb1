// Edits: bounds, ports and orthogonal pipe routes (drawingedits.h).
#include "edittree_p.h"

#include <QPolygonF>
#include <QTransform>

#include <cmath>

namespace PumpWatch::Graphics::Edits {

using namespace detail;

QRectF bounds(const Element& e)
{
    if (e.kind == ElementKind::Pipe)
        return QPolygonF(QList<QPointF>(e.points.begin(), e.points.end())).boundingRect();
    if (e.kind == ElementKind::Group) {
        QRectF r;
        for (const Element& c : e.children)
            r = r.isNull() ? bounds(c) : r.united(bounds(c));
        return r;
    }
    const QRectF box(e.position, e.size);
    if (e.rotationDeg == 0)
        return box;
    QTransform t;
    t.translate(box.center().x(), box.center().y());
    t.rotate(e.rotationDeg);
    t.translate(-box.center().x(), -box.center().y());
    return t.mapRect(box);
}

QRectF bounds(const Drawing& d, const QStringList& ids)
{
    QRectF r;
    for (const QString& id : ids) {
        if (const Element* e = find(d, id))
            r = r.isNull() ? bounds(*e) : r.united(bounds(*e));
    }
    return r;
}

std::vector<PortHit> ports(const Drawing& d)
{
    std::vector<PortHit> out;
    forEachElement(d, [&](const Element& e) {
        if (e.kind != ElementKind::Symbol)
            return;
        if (const SymbolInfo* info = findSymbol(e.symbol)) {
            for (const SymbolPort& p : info->ports)
                out.push_back(portHit(e, p));
        }
    });
    return out;
}

std::optional<PortHit> nearestPort(const Drawing& d, QPointF at, double radius, QStringView skip)
{
    std::optional<PortHit> best;
    double bestDistance = radius;
    std::vector<PortHit> near;
    forEachElement(d, [&](const Element& e) {
        if (e.kind != ElementKind::Symbol || e.id == skip ||
            !bounds(e).adjusted(-radius, -radius, radius, radius).contains(at))
            return;
        if (const SymbolInfo* info = findSymbol(e.symbol)) {
            for (const SymbolPort& p : info->ports)
                near.push_back(portHit(e, p));
        }
    });
    for (PortHit& hit : near) {
        const QPointF v = hit.position - at;
        const double distance = std::hypot(v.x(), v.y());
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = std::move(hit);
        }
    }
    return best;
}

std::vector<QPointF> routeOrthogonal(QPointF from, QPointF fromDir, QPointF to, QPointF toDir)
{
    const QPointF p1 = from + fromDir * PipeStub;
    const QPointF p2 = to - toDir * PipeStub; // toDir points into the target port
    const bool h1 = fromDir.isNull() ? std::abs(to.x() - from.x()) >= std::abs(to.y() - from.y())
                                     : fromDir.x() != 0;
    const bool h2 = toDir.isNull() ? h1 : toDir.x() != 0;
    // Whether the target lies ahead along the way the pipe leaves (or no way is preferred).
    const auto ahead = [](double dir, double a, double b) {
        return dir == 0 || (b - a) * dir >= 0;
    };
    std::vector<QPointF> raw;
    raw.reserve(6);
    raw.push_back(from);
    raw.push_back(p1);
    if (h1 && h2) {
        if (ahead(fromDir.x(), p1.x(), p2.x()) && ahead(toDir.x(), p1.x(), p2.x())) {
            const double mx = (p1.x() + p2.x()) / 2;
            raw.push_back(QPointF(mx, p1.y()));
            raw.push_back(QPointF(mx, p2.y()));
        } else { // behind: around, between the two heights (or below when level)
            const double my = p1.y() == p2.y() ? p1.y() + 3 * PipeStub : (p1.y() + p2.y()) / 2;
            raw.push_back(QPointF(p1.x(), my));
            raw.push_back(QPointF(p2.x(), my));
        }
    } else if (!h1 && !h2) {
        if (ahead(fromDir.y(), p1.y(), p2.y()) && ahead(toDir.y(), p1.y(), p2.y())) {
            const double my = (p1.y() + p2.y()) / 2;
            raw.push_back(QPointF(p1.x(), my));
            raw.push_back(QPointF(p2.x(), my));
        } else {
            const double mx = p1.x() == p2.x() ? p1.x() + 3 * PipeStub : (p1.x() + p2.x()) / 2;
            raw.push_back(QPointF(mx, p1.y()));
            raw.push_back(QPointF(mx, p2.y()));
        }
    } else if (h1) {
        raw.push_back(QPointF(p2.x(), p1.y()));
    } else {
        raw.push_back(QPointF(p1.x(), p2.y()));
    }
    raw.push_back(p2);
    raw.push_back(to);
    std::vector<QPointF> out;
    for (QPointF p : raw) {
        p = rounded(p);
        if (!out.empty() && out.back() == p)
            continue;
        // A middle point on a straight run between its neighbours adds nothing; one where the
        // run turns back (a stub) stays.
        if (out.size() >= 2) {
            const QPointF a = out[out.size() - 2];
            const QPointF b = out.back();
            const bool vertical = a.x() == b.x() && b.x() == p.x();
            const bool horizontal = a.y() == b.y() && b.y() == p.y();
            const QPointF ab = b - a;
            const QPointF bp = p - b;
            if ((vertical || horizontal) && ab.x() * bp.x() + ab.y() * bp.y() > 0)
                out.pop_back();
        }
        out.push_back(p);
    }
    if (out.size() == 1)
        out.push_back(out.front());
    return out;
}

QPointF endPoint(const Drawing& d, const Element& pipe, bool start)
{
    if (const auto hit = portOf(d, start ? pipe.from : pipe.to))
        return hit->position;
    if (pipe.points.empty())
        return {};
    return start ? pipe.points.front() : pipe.points.back();
}

} // namespace PumpWatch::Graphics::Edits
