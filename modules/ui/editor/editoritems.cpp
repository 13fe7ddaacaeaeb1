#include "editoritems.h"

#include "elementitem.h"

#include <QGraphicsScene>

#include <functional>

namespace PumpWatch::Ui {
namespace {

double zOf(const Graphics::Element& e, size_t index)
{
    return double(int(e.effectiveLayer())) * 1e6 + double(index);
}

} // namespace

EditorItems::EditorItems(QGraphicsScene& scene, const Graphics::DrawingDocument& document,
                         const GraphicContext& context)
    : m_scene(scene)
    , m_document(document)
    , m_context(context)
{}

void EditorItems::rebuildAll()
{
    m_items.clear();
    m_ports.reset();
    m_scene.clear();
    const auto& elements = m_document.drawing().elements;
    for (size_t i = 0; i < elements.size(); ++i)
        build(elements[i], i);
}

void EditorItems::apply(const Graphics::DrawingChange& change)
{
    m_ports.reset();
    for (const QString& id : change.removed)
        remove(id);
    QStringList rebuild = change.modified + change.added;
    rebuild.removeDuplicates();
    if (!rebuild.isEmpty()) {
        for (const QString& id : std::as_const(rebuild))
            remove(id);
        const auto& elements = m_document.drawing().elements;
        for (size_t i = 0; i < elements.size(); ++i)
            if (rebuild.contains(elements[i].id))
                build(elements[i], i);
    }
    if (change.order)
        restack();
}

void EditorItems::build(const Graphics::Element& element, size_t index)
{
    auto* item = new ElementItem(element, m_document.drawing(), m_context, element.id);
    item->setZValue(zOf(element, index));
    m_scene.addItem(item);
    std::function<void(ElementItem*)> add = [&](ElementItem* it) {
        m_items.insert(it->id(), it);
        if (!it->isGroup())
            it->setVisible(layerVisible(it->layer()));
        for (QGraphicsItem* child : it->childItems())
            if (auto* c = dynamic_cast<ElementItem*>(child))
                add(c);
    };
    add(item);
}

void EditorItems::remove(const QString& id)
{
    ElementItem* item = m_items.value(id);
    if (!item)
        return;
    std::function<void(ElementItem*)> forget = [&](ElementItem* it) {
        m_items.remove(it->id());
        for (QGraphicsItem* child : it->childItems())
            if (auto* c = dynamic_cast<ElementItem*>(child))
                forget(c);
    };
    forget(item);
    delete item;
}

void EditorItems::restack()
{
    const auto& elements = m_document.drawing().elements;
    for (size_t i = 0; i < elements.size(); ++i)
        if (ElementItem* it = m_items.value(elements[i].id))
            it->setZValue(zOf(elements[i], i));
}

QList<ElementItem*> EditorItems::topLevelItems() const
{
    QList<ElementItem*> items;
    for (const Graphics::Element& e : m_document.drawing().elements)
        if (ElementItem* it = m_items.value(e.id))
            items << it;
    return items;
}

ElementItem* EditorItems::elementAt(QPointF scenePos, double tolerance) const
{
    const QRectF area(scenePos - QPointF(tolerance, tolerance),
                      QSizeF(2 * tolerance, 2 * tolerance));
    for (QGraphicsItem* it :
         m_scene.items(area, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) {
        ElementItem* element = nullptr;
        for (QGraphicsItem* up = it; up && !element; up = up->parentItem())
            element = dynamic_cast<ElementItem*>(up);
        if (element && element->hit(scenePos, tolerance) && isEditable(*element))
            return element;
    }
    return nullptr;
}

bool EditorItems::isEditable(const ElementItem& item) const
{
    if (layerLocked(item.layer()) || (!item.isGroup() && !layerVisible(item.layer())))
        return false;
    const ElementItem* top = m_items.value(item.topLevelId());
    return !top || top == &item || !layerLocked(top->layer());
}

QStringList EditorItems::editable(const QStringList& ids) const
{
    QStringList kept;
    for (const QString& id : ids)
        if (const ElementItem* it = m_items.value(id); it && isEditable(*it))
            kept << id;
    return kept;
}

QStringList EditorItems::idsIn(const QRectF& rect) const
{
    QStringList ids;
    for (ElementItem* it : topLevelItems())
        if (isEditable(*it) && rect.intersects(it->elementBounds()))
            ids << it->id();
    return ids;
}

void EditorItems::setLayerVisible(Graphics::Layer l, bool on)
{
    m_hidden[size_t(l)] = !on;
    for (ElementItem* it : std::as_const(m_items))
        if (!it->isGroup() && it->layer() == l)
            it->setVisible(on);
}

const std::vector<Graphics::PortHit>& EditorItems::ports() const
{
    if (!m_ports)
        m_ports = Graphics::Edits::ports(m_document.drawing());
    return *m_ports;
}

std::optional<Graphics::PortHit> EditorItems::portAt(QPointF scenePos, double radius,
                                                     QStringView skip) const
{
    const Graphics::PortHit* best = nullptr;
    double bestDistance = radius;
    for (const Graphics::PortHit& port : ports()) {
        const double d = QLineF(port.position, scenePos).length();
        if (d > bestDistance || port.end.element == skip)
            continue;
        const ElementItem* owner = m_items.value(port.end.element);
        if (owner && isEditable(*owner)) {
            best = &port;
            bestDistance = d;
        }
    }
    return best ? std::optional(*best) : std::nullopt;
}

void EditorItems::themeChanged()
{
    for (ElementItem* it : topLevelItems())
        it->themeChanged();
}

} // namespace PumpWatch::Ui
