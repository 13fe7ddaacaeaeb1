#include "elementitem.h"

#include "../graphicitem.h"

#include <core/quantity.h>
#include <graphics/editing/drawingedits.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace PumpWatch::Ui {
namespace {

using Graphics::ElementKind;

constexpr int GhostCount = 2;         ///< the second and third pump of a repeat
constexpr double GhostOpacity = 0.28; ///< faint: there, but clearly not what one edits
const QColor SelectionColour(0, 120, 215);

QString withPump(QString text, int pump)
{
    if (pump > 0) {
        text.replace(QStringLiteral("{i-1}"), QString::number(pump - 1));
        text.replace(QStringLiteral("{i}"), QString::number(pump));
    }
    return text;
}

/// The unit of the value a Value shows, from the declared role of its "value" slot.
QString unitOf(const Graphics::Element& e, const Graphics::Drawing& d)
{
    const auto slot = e.slots.find(QStringLiteral("value"));
    if (slot == e.slots.end())
        return {};
    const auto role = d.roles.find(slot->second);
    if (role == d.roles.end() || role->second.quantity.isEmpty())
        return {};
    const Quantity q = quantityFromCode(role->second.quantity);
    return q == Quantity::Unknown ? QString() : QString::fromUtf8(quantityInfo(q).canonicalUnit);
}

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

const QFont& tagFont()
{
    static const QFont font = [] {
        QFont f;
        f.setPixelSize(11);
        return f;
    }();
    return font;
}

} // namespace

QRectF ElementItem::tagRect(const QString& tag) const
{
    const double width = QFontMetricsF(tagFont()).horizontalAdvance(tag) + 10;
    return {m_elementBounds.left() - 3, m_elementBounds.top() - 3 - 16, width, 16};
}

QString neutralState(const Graphics::SymbolLibrary& library, QStringView symbol)
{
    const Graphics::SymbolDef* def = library.find(symbol);
    if (!def || def->states.isEmpty())
        return QStringLiteral("stopped");
    for (const QString& s :
         {QStringLiteral("stopped"), QStringLiteral("closed"), QStringLiteral("normal")})
        if (def->hasState(s))
            return s;
    return def->states.first();
}

ElementItem::ElementItem(const Graphics::Element& element, const Graphics::Drawing& drawing,
                         const GraphicContext& context, const QString& topLevelId, int pump,
                         QGraphicsItem* parent)
    : QGraphicsItem(parent)
    , m_element(element)
    , m_context(context)
    , m_topLevelId(topLevelId)
{
    m_element.children.clear();
    m_elementBounds = Graphics::Edits::bounds(element);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    if (isGroup()) {
        const int childPump = element.repeat.isEmpty() ? pump : 1;
        double z = 0;
        for (const Graphics::Element& child : element.children) {
            auto* item = new ElementItem(child, drawing, context, topLevelId, childPump, this);
            item->setZValue(double(int(child.effectiveLayer())) * 1e6 + z++);
        }
        if (!element.repeat.isEmpty())
            buildGhosts(element, drawing);
        m_bounds = m_elementBounds.adjusted(-6, -6, 6, 6);
        if (const QString tag = groupTag(); !tag.isEmpty())
            m_bounds |= tagRect(tag).adjusted(-2, -2, 2, 2);
    } else {
        m_view = makeView(element, drawing, pump, this);
        m_bounds = m_elementBounds.adjusted(-7, -7, 7, 7); // the frame, a pipe's halo
    }
    setFlag(ItemHasNoContents, !isGroup());
}

ElementItem::~ElementItem() = default;

GraphicItem* ElementItem::makeView(const Graphics::Element& e, const Graphics::Drawing& drawing,
                                   int pump, QGraphicsItem* parent)
{
    auto r = std::make_unique<Graphics::ResolvedElement>();
    r->id = withPump(e.id, pump);
    r->kind = e.kind;
    r->layer = e.effectiveLayer();
    r->position = e.position;
    r->size = e.size;
    r->rotationDeg = e.rotationDeg;
    r->mirrored = e.mirrored;
    r->symbol = e.symbol;
    r->label = withPump(e.label, pump);
    r->points = e.points;
    r->from = e.from;
    r->to = e.to;
    r->diameter = e.diameter;
    r->open = e.open;
    r->control = e.control;
    r->unit = unitOf(e, drawing);
    auto* view = new GraphicItem(*r, m_context);
    view->setParentItem(parent);
    ShownState shown;
    switch (e.kind) {
    case ElementKind::Symbol:
        shown.state = m_context.library ? neutralState(*m_context.library, e.symbol)
                                        : QStringLiteral("stopped");
        shown.level = 0.5;
        break;
    case ElementKind::Value:
        shown.text =
            r->unit.isEmpty() ? QStringLiteral("###.##") : QStringLiteral("###.## ") + r->unit;
        break;
    case ElementKind::Bar:
        shown.fraction = 0.5;
        shown.text = QStringLiteral("###.##");
        break;
    default:
        break;
    }
    view->show(shown);
    m_resolved.push_back(std::move(r));
    return view;
}

void ElementItem::buildGhosts(const Graphics::Element& group, const Graphics::Drawing& drawing)
{
    std::vector<const Graphics::Element*> leaves;
    std::function<void(const Graphics::Element&)> collect = [&](const Graphics::Element& e) {
        for (const Graphics::Element& c : e.children) {
            if (c.kind == ElementKind::Group)
                collect(c);
            else
                leaves.push_back(&c);
        }
    };
    collect(group);
    for (int k = 1; k <= GhostCount; ++k) {
        for (const Graphics::Element* leaf : leaves) {
            GraphicItem* ghost = makeView(*leaf, drawing, k + 1, this);
            ghost->setPos(group.offset * k);
            ghost->setOpacity(GhostOpacity);
            ghost->setZValue(-1); // under the copy one edits
        }
    }
}

void ElementItem::setSelectedLook(bool selected)
{
    if (selected == m_selected)
        return;
    m_selected = selected;
    setFlag(ItemHasNoContents, !isGroup() && !selected);
    update();
}

void ElementItem::setPreviewPoints(const std::vector<QPointF>& points)
{
    if (m_element.kind != ElementKind::Pipe || !m_view)
        return;
    // The runtime item takes its geometry once: a pipe that follows a drag gets a new one
    // (only the few pipes attached to what moves).
    const std::vector<QPointF>& shown = points.empty() ? m_element.points : points;
    delete m_view;
    m_resolved.clear();
    Graphics::Element e = m_element;
    e.points = shown;
    m_view = makeView(e, Graphics::Drawing(), 0, this);
}

std::vector<QPointF> ElementItem::shownPoints() const
{
    std::vector<QPointF> points =
        m_resolved.empty() ? m_element.points : m_resolved.front()->points;
    for (QPointF& p : points)
        p = mapToScene(p);
    return points;
}

bool ElementItem::hit(QPointF scenePos, double tolerance) const
{
    if (isGroup() || !isVisible())
        return false;
    const QPointF p = mapFromScene(scenePos);
    if (m_element.kind == ElementKind::Pipe) {
        const double reach = tolerance + 4;
        for (size_t i = 1; i < m_element.points.size(); ++i)
            if (distanceToSegment(p, m_element.points[i - 1], m_element.points[i]) <= reach)
                return true;
        return false;
    }
    return m_elementBounds.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(p);
}

void ElementItem::setDragCache(double scale)
{
    // In item coordinates at the view's resolution: a device cache would be painted again at
    // every move of a zoomed view (its transform changes by more than a whole-pixel shift).
    for (QGraphicsItem* child : childItems()) {
        if (auto* element = dynamic_cast<ElementItem*>(child)) {
            element->setDragCache(scale);
        } else if (scale <= 0) {
            child->setCacheMode(NoCache);
        } else {
            const QSizeF size = child->boundingRect().size() * scale;
            child->setCacheMode(ItemCoordinateCache,
                                QSize(int(std::ceil(size.width())), int(std::ceil(size.height()))));
        }
    }
}

void ElementItem::themeChanged()
{
    for (QGraphicsItem* child : childItems()) {
        if (auto* view = dynamic_cast<GraphicItem*>(child))
            view->themeChanged();
        else if (auto* element = dynamic_cast<ElementItem*>(child))
            element->themeChanged();
    }
    update();
}

QString ElementItem::groupTag() const
{
    if (!m_element.repeat.isEmpty())
        return QCoreApplication::translate("PumpWatch::Ui::ElementItem", "per pump");
    if (m_element.when == u"tank")
        return QCoreApplication::translate("PumpWatch::Ui::ElementItem", "with tank only");
    if (m_element.when == u"!tank")
        return QCoreApplication::translate("PumpWatch::Ui::ElementItem", "without tank");
    if (!m_element.when.isEmpty())
        return m_element.when;
    return m_element.zone;
}

QRectF ElementItem::boundingRect() const
{
    return m_bounds;
}

void ElementItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    const QString tag = isGroup() ? groupTag() : QString();
    if (isGroup() && (m_selected || !tag.isEmpty())) {
        const QColor frame = m_selected ? SelectionColour : QColor(120, 120, 120, 140);
        p.setPen(QPen(frame, 0, m_selected ? Qt::DashLine : Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(m_elementBounds.adjusted(-3, -3, 3, 3));
        if (!tag.isEmpty()) {
            p.setFont(tagFont());
            const QRectF box = tagRect(tag);
            p.setPen(Qt::NoPen);
            p.setBrush(frame);
            p.drawRect(box);
            p.setPen(Qt::white);
            p.drawText(box, Qt::AlignCenter, tag);
        }
        return;
    }
    if (!m_selected)
        return;
    if (m_element.kind == ElementKind::Pipe) {
        QPolygonF line;
        for (const QPointF& pt : m_element.points)
            line << pt;
        p.setPen(QPen(
            QColor(SelectionColour.red(), SelectionColour.green(), SelectionColour.blue(), 110), 10,
            Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(line);
        return;
    }
    p.setPen(QPen(SelectionColour, 0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(m_elementBounds.adjusted(-3, -3, 3, 3));
}

} // namespace PumpWatch::Ui
