// DrawingDocument: a drawing being edited — the document owns the QUndoStack (as Qt Creator's
// SCXML editor does) and every change goes through it as one named undo command ("Move 3
// elements", "Align top", "Bind pump1.running"). The editor's scene is only a view of it: it
// calls the methods below and updates itself from changed().
//
// An edit that would make a drawing that does not read back (a bound element without a zone in
// a drawing of zones, a duplicate id, …) is refused: nothing changes and refusal() says why.
//
// A command keeps only what it changed: the top-level elements it replaced, inserted or removed
// and, when roles, overrides or the canvas changed, both versions of those. Undo restores the
// exact values, so undo after any sequence of edits gives the byte-identical file, and a mouse
// drag is one command (the view moves its items while dragging and calls move() once on
// release). Keyboard nudges in a row merge into one command. No widgets; GUI thread.
//
//     DrawingDocument doc(std::move(*DrawingJson::readFile(path).drawing));
//     doc.move({QStringLiteral("pump1")}, {10, 0});
//     doc.undoStack()->undo();
#pragma once

#include "drawingedits.h"

#include <QObject>
#include <QUndoStack>

#include <functional>

namespace PumpWatch::Graphics {

/// What one command (or its undo) changed, for views to update only that.
struct DrawingChange {
    QStringList added;    ///< top-level ids now present that were not
    QStringList removed;  ///< top-level ids gone
    QStringList modified; ///< top-level ids whose element (or a child) changed
    bool order = false;   ///< the top-level order changed (z-order, grouping)
    bool meta = false;    ///< roles, overrides, zones, canvas, name or template changed
};

class DrawingDocument : public QObject {
    Q_OBJECT

public:
    /// The kinds of command, one per edit (the undo text names it for people).
    enum class EditKind : quint8 {
        Add,
        Connect,
        Delete,
        Move,
        Nudge,
        Resize,
        Rotate,
        Mirror,
        Property,
        Binding,
        Group,
        Ungroup,
        ZOrder,
        Align,
        Distribute,
        SameSize,
        Paste,
        Layer,
        Override,
        Role,
        Drawing, ///< name, canvas, template, zones
    };

    explicit DrawingDocument(Drawing drawing, QObject* parent = nullptr);
    ~DrawingDocument() override;

    const Drawing& drawing() const { return m_drawing; }
    QUndoStack* undoStack() { return &m_undo; }
    const Element* find(QStringView id) const { return Edits::find(m_drawing, id); }

    /// Whether it differs from the last save (or load).
    bool isModified() const { return !m_undo.isClean(); }
    /// The drawing was saved as it is now (to `file`, which becomes Drawing::file).
    void markSaved(const QString& file);
    /// The commands between the last save and now, for the audit: "Move 2 elements; Bind …".
    /// Commands undone since are left out; undoing past the save lists what was undone.
    QStringList changesSinceSave() const;

    // Each edit is one undo command; false (nothing pushed) when nothing would change.
    QStringList add(std::vector<Element> elements, const QString& parent = {});
    QString connect(const PipeEnd& from, QPointF fromAt, const PipeEnd& to, QPointF toAt,
                    const QString& diameter = {});
    bool remove(const QStringList& ids);
    bool move(const QStringList& ids, QPointF delta);
    /// A keyboard nudge: moves like move(), merging with the nudge before it of the same ids.
    bool nudge(const QStringList& ids, QPointF delta);
    bool setBox(const QString& id, const QRectF& box);
    bool rotate(const QStringList& ids, double degrees);
    bool mirror(const QStringList& ids);
    /// A property change (label, symbol, diameter, variant, zone, control, …); `what` names the
    /// property for the undo text ("label").
    bool replace(const QString& id, const Element& changed, const QString& what);
    bool bind(const QString& id, const QString& slot, const QString& role);
    QString group(const QStringList& ids);
    QStringList ungroup(const QString& id, QString* why = nullptr);
    bool reorder(const QStringList& ids, ZOrder how);
    bool align(const QStringList& ids, Align how);
    bool distribute(const QStringList& ids, Qt::Orientation orientation);
    bool sameSize(const QStringList& ids);
    bool setLayer(const QStringList& ids, Layer layer);
    bool setOverrides(const QString& station, const std::vector<Override>& patch);
    bool setRole(const QString& role, const std::optional<RoleDef>& def);
    /// The drawing's name and canvas size.
    bool setProperties(const QString& name, QSizeF canvas);
    Edits::PasteResult paste(const QByteArray& data, QPointF offset);

    /// Runs `edit` on a copy of the drawing and pushes what it changed as one command named
    /// `text` (nothing when it changed nothing). The named edits above all come through here.
    /// `text` is read after the edit ran, so an edit may name itself once it knows the count.
    bool apply(EditKind kind, const QString& text, const std::function<bool(Drawing&)>& edit);

    /// The kind of the command at `index` of the undo stack (tests, the undo view's icons).
    EditKind kindAt(int index) const;
    /// Why the last edit was refused, when it would have made a drawing that does not read back
    /// (Edits::validate); empty after an edit that was made or had nothing to do.
    QString refusal() const { return m_refusal; }

Q_SIGNALS:
    void changed(const PumpWatch::Graphics::DrawingChange& change);
    void modifiedChanged(bool modified);

private:
    class Command;
    friend class Command;

    Drawing m_drawing;
    QUndoStack m_undo;
    QString m_mergeKey; ///< set by nudge(): the next command merges with one of the same key
    QString m_refusal;
    /// When an edit after undoing past the save dropped the saved state from the stack: where
    /// it forked and what had been undone since the save (changesSinceSave()).
    int m_forkIndex = -1;
    QStringList m_undoneAtFork;
};

} // namespace PumpWatch::Graphics
