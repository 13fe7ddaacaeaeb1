// EditorView: the canvas an engineer draws a process graphic on (画面编辑) — a view of a
// DrawingDocument, like the scene of Qt Creator's SCXML editor: every element has one item
// painted as the runtime paints it, and every change goes through the document as one undo
// command. The view never edits the drawing itself: while a drag is under way it only moves
// items (setPos), and on release it calls the document once (move, setBox, connect); it then
// rebuilds just the items the document reports changed (DrawingDocument::changed), undo and
// redo included, keeping the selection by id.
//
// Gestures: click, Ctrl/Shift+click and rubber band select (a click on a group's child selects
// the group, a double-click the child itself); drag moves with grid snap and alignment guides;
// handles resize one element; dragging from a port (or anything with the pipe tool) draws an
// orthogonal pipe to a port, onto a pipe (a tee) or to a loose end; arrows nudge, Delete
// deletes, Ctrl+wheel zooms, middle-drag or space+drag pans. Accepts drops of the palette's
// MIME type (Graphics::Edits::PaletteMimeType). GUI thread.
//
//     EditorView view(document, *symbols, *theme, parent);
//     connect(&view, &EditorView::selectionChanged, panel, [&] { panel->show(view.selectedIds());
//     });
#pragma once

#include "../stationgraphic.h"
#include "editoritems.h"

#include <graphics/editing/drawingdocument.h>
#include <graphics/symbols/theme.h>

#include <QGraphicsView>

#include <memory>

namespace PumpWatch::Ui {

class ElementItem;
class EditorGesture;

class EditorView : public QGraphicsView {
    Q_OBJECT

public:
    enum class Tool { Select, Pipe };

    EditorView(Graphics::DrawingDocument& document, const Graphics::SymbolLibrary& symbols,
               const Graphics::Theme& theme, QWidget* parent = nullptr);
    ~EditorView() override;

    Graphics::DrawingDocument& document() const { return m_document; }
    const Graphics::SymbolLibrary& symbols() const { return m_symbols; }

    /// Ids of the selected elements (any depth), in the order they were selected.
    QStringList selectedIds() const { return m_selection; }
    /// Replaces the selection and scrolls to it.
    void select(const QStringList& ids);
    /// Replaces the selection where it is (no scrolling): what a click or rubber band does.
    void setSelection(const QStringList& ids);

    Tool tool() const { return m_tool; }
    void setTool(Tool tool);
    bool gridVisible() const { return m_gridVisible; }
    void setGridVisible(bool on);
    bool snapToGrid() const { return m_snap; }
    void setSnapToGrid(bool on) { m_snap = on; }
    double gridSize() const { return 10.0; }
    /// `p` on the grid when snapping is on.
    QPointF snapped(QPointF p) const;

    bool layerVisible(Graphics::Layer l) const { return m_items.layerVisible(l); }
    void setLayerVisible(Graphics::Layer l, bool on);
    bool layerLocked(Graphics::Layer l) const { return m_items.layerLocked(l); }
    void setLayerLocked(Graphics::Layer l, bool on);

    void zoomIn();
    void zoomOut();
    void zoomToFit();
    double zoom() const;
    /// The canvas point under the mouse if it is inside the view, else the view's centre.
    QPointF pastePosition() const;
    void setTheme(const Graphics::Theme& theme);

    /// Where the element's item is on screen (for tests that click it), viewport coordinates.
    QPoint viewportPointOf(QStringView elementId, QPointF unit = {0.5, 0.5}) const;
    /// Where a symbol's port is, viewport coordinates (tests drag pipes between ports).
    QPoint viewportPointOfPort(QStringView elementId, QStringView port) const;

    // For the gestures (editorgestures.h).
    ElementItem* item(QStringView id) const { return m_items.item(id); }
    /// The topmost selectable element at `scenePos` (any depth), or null.
    ElementItem* elementAt(QPointF scenePos) const;
    /// Whether an element can be selected and moved (its layer is shown and unlocked).
    bool isEditable(const ElementItem& item) const { return m_items.isEditable(item); }
    /// Top-level items whose bounds meet `rect`, selectable ones only.
    QStringList idsIn(const QRectF& rect) const { return m_items.idsIn(rect); }
    /// Every top-level element's item.
    QList<ElementItem*> topLevelItems() const { return m_items.topLevelItems(); }
    /// The port nearest `scenePos` within the snap radius (12 screen px), skipping `skip`.
    std::optional<Graphics::PortHit> portAt(QPointF scenePos, QStringView skip = {}) const;
    /// Repaints the overlay (guides, previews, handles) within `sceneRect`.
    void updateOverlay(const QRectF& sceneRect);

Q_SIGNALS:
    void selectionChanged();
    void toolChanged(PumpWatch::Ui::EditorView::Tool tool);
    /// A hint for the status bar ("Drag to a port to connect").
    void statusMessage(const QString& text);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void documentChanged(const Graphics::DrawingChange& change);
    void updateSceneRect();
    void applySelection(const QStringList& ids, bool scroll);
    void cancelGesture();
    /// The resize handle (0..7, clockwise from top-left) at a viewport point, or -1.
    int handleAt(QPoint viewportPos) const;
    std::optional<QRectF> resizableBox() const;
    void hover(QPointF scenePos, QPoint viewportPos);
    /// Whether a press of the select tool at `scenePos` takes `port` (to draw a pipe).
    bool grabsPort(const Graphics::PortHit& port, QPointF scenePos) const;

    Graphics::DrawingDocument& m_document;
    const Graphics::SymbolLibrary& m_symbols;
    Graphics::Theme m_theme;
    GraphicContext m_context;
    QGraphicsScene* m_scene; ///< owned by the view (a child)
    EditorItems m_items;
    QStringList m_selection;
    Tool m_tool = Tool::Select;
    bool m_gridVisible = true;
    bool m_snap = true;
    std::unique_ptr<EditorGesture> m_gesture;
    std::optional<Graphics::PortHit> m_hoverPort;
    QString m_hoverElement; ///< the symbol under the mouse: its ports are shown
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panFrom;
};

} // namespace PumpWatch::Ui
