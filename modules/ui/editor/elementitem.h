// ElementItem: one element of a drawing being edited, in the editor's scene — a symbol, pipe,
// value, bar, text or link painted exactly as the runtime paints it (a GraphicItem child in a
// neutral state: pumps stopped, values "###.## MPa"), or a group holding its children's items.
// A repeat group also shows faint "ghost" copies of its children at its offset (the second and
// third pump), a conditional or zone group a small tag on its frame, so the variants are visible
// while drawing. The item is a view of the document's element and never edits it: the editor
// moves it by setPos while dragging and rebuilds it when the document changes. It handles no
// events (the view hit-tests); GUI thread.
#pragma once

#include "../stationgraphic.h"

#include <graphics/drawing.h>
#include <graphics/resolve.h>

#include <QGraphicsItem>

#include <memory>

namespace PumpWatch::Ui {

class GraphicItem;

class ElementItem : public QGraphicsItem {
public:
    /// `drawing` gives the units of values (its roles); `pump` is the index a repeat group's
    /// child shows ("{i}" in labels), 0 outside repeats. Children get items of their own.
    ElementItem(const Graphics::Element& element, const Graphics::Drawing& drawing,
                const GraphicContext& context, const QString& topLevelId, int pump = 0,
                QGraphicsItem* parent = nullptr);
    ~ElementItem() override;

    const QString& id() const { return m_element.id; }
    const QString& topLevelId() const { return m_topLevelId; }
    /// The element as drawn (a group without its children: they have items of their own).
    const Graphics::Element& element() const { return m_element; }
    Graphics::Layer layer() const { return m_element.effectiveLayer(); }
    bool isGroup() const { return m_element.kind == Graphics::ElementKind::Group; }
    /// The element's bounds on the canvas as the document has them (before any drag).
    QRectF elementBounds() const { return m_elementBounds; }

    /// Shows a selection frame (a dashed one on a group).
    void setSelectedLook(bool selected);
    bool hasSelectedLook() const { return m_selected; }
    /// A pipe's polyline while the symbols it joins are dragged; the document's points when
    /// `points` is empty.
    void setPreviewPoints(const std::vector<QPointF>& points);
    /// The polyline a pipe is drawn along now (the preview while dragging), in the scene.
    std::vector<QPointF> shownPoints() const;
    /// Whether a press at `scenePos` (within `tolerance` canvas px) is on this element; a
    /// group is never hit itself, only its children.
    bool hit(QPointF scenePos, double tolerance) const;
    /// While dragged: the runtime items are painted once into device pixmaps and then only
    /// blitted at each move (text and symbol images are not drawn again per move).
    /// `scale`: the view's zoom, the cache's resolution; 0 ends the caching.
    void setDragCache(double scale);
    /// Repaints after a theme change.
    void themeChanged();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    GraphicItem* makeView(const Graphics::Element& element, const Graphics::Drawing& drawing,
                          int pump, QGraphicsItem* parent);
    void buildGhosts(const Graphics::Element& group, const Graphics::Drawing& drawing);
    QString groupTag() const;
    QRectF tagRect(const QString& tag) const; ///< the tag on the frame's top-left corner

    Graphics::Element m_element;
    const GraphicContext& m_context;
    QString m_topLevelId;
    QRectF m_elementBounds;
    QRectF m_bounds;
    bool m_selected = false;
    /// What the runtime item paints from, and the runtime items (the element, ghosts).
    std::vector<std::unique_ptr<Graphics::ResolvedElement>> m_resolved;
    GraphicItem* m_view = nullptr;
};

/// The neutral state the editor shows a symbol in ("stopped", else its first state).
QString neutralState(const Graphics::SymbolLibrary& library, QStringView symbol);

} // namespace PumpWatch::Ui
