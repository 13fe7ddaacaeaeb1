// EditorItems: the editor scene's items for a drawing document — one ElementItem per element
// at any depth, found by id, stacked by layer then drawing order, shown or hidden by layer —
// and the questions the view's gestures ask of them: which element is under the mouse, which
// lie in a rubber band, which port is near, whether an element may be edited (its layer shown
// and not locked). It follows the document by applying each DrawingChange: only the items of
// the added, removed or modified top-level elements are rebuilt. GUI thread.
#pragma once

#include "../stationgraphic.h"

#include <graphics/editing/drawingdocument.h>

#include <QHash>

#include <array>
#include <optional>

class QGraphicsScene;

namespace PumpWatch::Ui {

class ElementItem;

class EditorItems {
public:
    EditorItems(QGraphicsScene& scene, const Graphics::DrawingDocument& document,
                const GraphicContext& context);

    /// Every item made again (a new document, or at the start).
    void rebuildAll();
    /// Rebuilds what `change` names and restacks when the order changed.
    void apply(const Graphics::DrawingChange& change);

    ElementItem* item(QStringView id) const { return m_items.value(id.toString()); }
    QList<ElementItem*> topLevelItems() const;
    /// The topmost editable element whose shape is within `tolerance` of `scenePos` (any
    /// depth; ghosts of a repeat group count as the group), or null.
    ElementItem* elementAt(QPointF scenePos, double tolerance) const;
    /// Editable top-level elements whose bounds meet `rect`.
    QStringList idsIn(const QRectF& rect) const;
    /// Its layer (and its top-level group's) is shown and not locked.
    bool isEditable(const ElementItem& item) const;
    /// `ids` without those unknown or not editable.
    QStringList editable(const QStringList& ids) const;

    bool layerVisible(Graphics::Layer l) const { return !m_hidden[size_t(l)]; }
    void setLayerVisible(Graphics::Layer l, bool on);
    bool layerLocked(Graphics::Layer l) const { return m_locked[size_t(l)]; }
    void setLayerLocked(Graphics::Layer l, bool on) { m_locked[size_t(l)] = on; }

    /// The ports of every symbol, cached until the next change.
    const std::vector<Graphics::PortHit>& ports() const;
    /// The port of an editable symbol nearest `scenePos` within `radius`, skipping `skip`.
    std::optional<Graphics::PortHit> portAt(QPointF scenePos, double radius,
                                            QStringView skip = {}) const;
    void themeChanged();

private:
    void build(const Graphics::Element& element, size_t index);
    void remove(const QString& id);
    void restack();

    QGraphicsScene& m_scene;
    const Graphics::DrawingDocument& m_document;
    const GraphicContext& m_context;
    QHash<QString, ElementItem*> m_items; ///< every element, any depth
    std::array<bool, 5> m_hidden{};
    std::array<bool, 5> m_locked{};
    mutable std::optional<std::vector<Graphics::PortHit>> m_ports;
};

} // namespace PumpWatch::Ui
