// The editor's mouse gestures, one object per press-drag-release on the canvas (EditorView
// holds at most one): moving the selection (grid snap, alignment guides, attached pipes
// following), the rubber band, drawing a pipe, resizing with a handle. A gesture changes only
// items and its own overlay while it runs; finish() makes its one document edit (one undo
// command), cancel() leaves the document untouched. GUI thread.
#pragma once

#include <graphics/editing/drawingedits.h>

#include <QLineF>
#include <QRectF>

#include <vector>

class QPainter;

namespace PumpWatch::Ui {

class EditorView;
class ElementItem;

class EditorGesture {
public:
    explicit EditorGesture(EditorView& view)
        : m_view(view)
    {}
    virtual ~EditorGesture() = default;
    virtual void move(QPointF scenePos, Qt::KeyboardModifiers modifiers) = 0;
    virtual void finish(QPointF scenePos) = 0;
    virtual void cancel() {}
    /// Paints the overlay in scene coordinates; `pixel` is one screen pixel in scene units.
    virtual void paint(QPainter&, double /*pixel*/) const {}

protected:
    EditorView& m_view;
};

/// Drags the selection: items move by setPos, the selection's top-left snaps to the grid (or,
/// without the grid, to an alignment guide), pipes attached to moved symbols are re-routed for
/// display; release calls DrawingDocument::move once.
class MoveGesture : public EditorGesture {
public:
    MoveGesture(EditorView& view, const QStringList& ids, QPointF pressScene);
    void move(QPointF scenePos, Qt::KeyboardModifiers modifiers) override;
    void finish(QPointF scenePos) override;
    void cancel() override;
    void paint(QPainter& p, double pixel) const override;
    QPointF delta() const { return m_delta; }

private:
    struct Follower { // a pipe not moved whose end is on a moved symbol
        ElementItem* item;
        Graphics::PortHit from, to; ///< position and direction (null for a loose end)
        bool fromMoves, toMoves;
    };
    struct Edge {
        double at;   ///< the x (or y) of an edge or centre
        QRectF rect; ///< the element it belongs to
    };
    void apply(QPointF delta);
    void findGuides(const QRectF& moved, double tolerance, QPointF* snap);
    void updateGuides() const; ///< repaints where the guides are

    QStringList m_ids;
    QPointF m_press;
    QRectF m_start; ///< the selection's bounds before the drag
    std::vector<std::pair<ElementItem*, QPointF>> m_items;
    std::vector<Follower> m_followers;
    std::vector<Edge> m_xs, m_ys; ///< edges and centres of the elements not moved
    std::vector<QLineF> m_guides;
    QPointF m_delta;
    bool m_started = false; ///< past the drag distance
};

class RubberBandGesture : public EditorGesture {
public:
    RubberBandGesture(EditorView& view, QPointF pressScene, bool add);
    void move(QPointF scenePos, Qt::KeyboardModifiers modifiers) override;
    void finish(QPointF scenePos) override;
    void cancel() override;
    void paint(QPainter& p, double pixel) const override;

private:
    QPointF m_press;
    QRectF m_rect;
    QStringList m_before; ///< the selection kept when adding (Ctrl/Shift)
};

/// A pipe from a port (or a loose point) to where the mouse is released: a port, a pipe (a
/// tee) or a loose end; previewed with the route the document will give it.
class PipeGesture : public EditorGesture {
public:
    PipeGesture(EditorView& view, const Graphics::PipeEnd& from, QPointF fromAt,
                QPointF fromDirection);
    void move(QPointF scenePos, Qt::KeyboardModifiers modifiers) override;
    void finish(QPointF scenePos) override;
    void cancel() override;
    void paint(QPainter& p, double pixel) const override;

private:
    QRectF previewRect() const;
    /// Another pipe under the mouse (the end would be a tee on it), or null.
    const ElementItem* pipeAt(QPointF scenePos) const;

    Graphics::PipeEnd m_from;
    QPointF m_fromAt, m_fromDir;
    std::optional<Graphics::PortHit> m_target;
    std::optional<QPointF> m_tee; ///< where on another pipe the end would join it
    std::vector<QPointF> m_route;
};

/// Drags one of the eight handles of a single boxed element; release calls setBox.
class ResizeGesture : public EditorGesture {
public:
    ResizeGesture(EditorView& view, const QString& id, const QRectF& box, int handle);
    void move(QPointF scenePos, Qt::KeyboardModifiers modifiers) override;
    void finish(QPointF scenePos) override;
    void cancel() override;
    void paint(QPainter& p, double pixel) const override;

private:
    QString m_id;
    QRectF m_box, m_new;
    int m_handle;
};

} // namespace PumpWatch::Ui
