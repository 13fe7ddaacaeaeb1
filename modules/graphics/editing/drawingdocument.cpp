#include "drawingdocument.h"

#include <QSet>

#include <utility>

namespace PumpWatch::Graphics {
namespace {

/// Everything of a drawing but its elements.
struct Meta {
    QString name;
    QString templateId;
    QStringList zones;
    QSizeF canvas;
    std::map<QString, RoleDef> roles;
    std::map<QString, std::vector<Override>> overrides;

    static Meta of(const Drawing& d)
    {
        return {d.name, d.templateId, d.zones, d.canvas, d.roles, d.overrides};
    }
    void applyTo(Drawing& d) const
    {
        d.name = name;
        d.templateId = templateId;
        d.zones = zones;
        d.canvas = canvas;
        d.roles = roles;
        d.overrides = overrides;
    }
    bool operator==(const Meta&) const = default;
};

/// Top-level elements [index, index + before.size()) become `after`.
struct Splice {
    std::size_t index = 0;
    std::vector<Element> before;
    std::vector<Element> after;
};

/// "pump1", or "3 elements": what an undo text names.
QString idsText(const QStringList& ids)
{
    return ids.size() == 1 ? ids.front()
                           : DrawingDocument::tr("%n element(s)", nullptr, int(ids.size()));
}

QString layerName(Layer layer)
{
    static const char* const names[] = {
        QT_TRANSLATE_NOOP("PumpWatch::Graphics::DrawingDocument", "background"),
        QT_TRANSLATE_NOOP("PumpWatch::Graphics::DrawingDocument", "process"),
        QT_TRANSLATE_NOOP("PumpWatch::Graphics::DrawingDocument", "instruments"),
        QT_TRANSLATE_NOOP("PumpWatch::Graphics::DrawingDocument", "labels"),
        QT_TRANSLATE_NOOP("PumpWatch::Graphics::DrawingDocument", "notes")};
    return DrawingDocument::tr(names[int(layer)]);
}

} // namespace

class DrawingDocument::Command : public QUndoCommand {
public:
    Command(DrawingDocument& doc, EditKind kind, const QString& text, const Drawing& before,
            const Drawing& after, QString mergeKey)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_kind(kind)
        , m_mergeKey(std::move(mergeKey))
    {
        const Meta a = Meta::of(before);
        const Meta b = Meta::of(after);
        if (!(a == b))
            m_meta = {a, b};
        diff(before.elements, after.elements);
    }

    bool isEmpty() const { return !m_meta && m_splices.empty(); }
    EditKind kind() const { return m_kind; }

    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* o = static_cast<const Command*>(other);
        if (o->m_kind != EditKind::Nudge || m_kind != EditKind::Nudge ||
            o->m_mergeKey != m_mergeKey || o->m_meta || m_meta)
            return false;
        const auto oneForOne = [](const Splice& s) {
            return s.before.size() == 1 && s.after.size() == 1 &&
                   s.before.front().id == s.after.front().id;
        };
        if (!std::all_of(o->m_splices.begin(), o->m_splices.end(), oneForOne) ||
            !std::all_of(m_splices.begin(), m_splices.end(), oneForOne))
            return false;
        for (const Splice& s : o->m_splices) {
            const auto mine = std::find_if(m_splices.begin(), m_splices.end(),
                                           [&](const Splice& m) { return m.index == s.index; });
            if (mine == m_splices.end())
                m_splices.push_back(s);
            else
                mine->after = s.after;
        }
        // Nudged there and back: nothing is left to undo.
        std::erase_if(m_splices, [](const Splice& s) { return s.before == s.after; });
        if (m_splices.empty())
            setObsolete(true);
        return true;
    }

    void redo() override
    {
        DrawingChange change;
        for (const Splice& s : m_splices)
            apply(s.index, s.before, s.after, change);
        if (m_meta) {
            m_meta->second.applyTo(m_doc.m_drawing);
            change.meta = true;
        }
        Q_EMIT m_doc.changed(change);
    }

    void undo() override
    {
        DrawingChange change;
        for (auto it = m_splices.rbegin(); it != m_splices.rend(); ++it)
            apply(it->index, it->after, it->before, change);
        if (m_meta) {
            m_meta->first.applyTo(m_doc.m_drawing);
            change.meta = true;
        }
        Q_EMIT m_doc.changed(change);
    }

private:
    void diff(const std::vector<Element>& a, const std::vector<Element>& b)
    {
        const bool sameOrder =
            a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                               [](auto& x, auto& y) { return x.id == y.id; });
        if (sameOrder) {
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (!(a[i] == b[i]))
                    m_splices.push_back({i, {a[i]}, {b[i]}});
            }
            return;
        }
        // A structural change (insert, delete, z-order, group): one splice of what differs
        // between the common head and tail.
        std::size_t head = 0;
        while (head < a.size() && head < b.size() && a[head] == b[head])
            ++head;
        std::size_t tail = 0;
        while (tail < a.size() - head && tail < b.size() - head &&
               a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
            ++tail;
        Splice s;
        s.index = head;
        s.before.assign(a.begin() + std::ptrdiff_t(head), a.end() - std::ptrdiff_t(tail));
        s.after.assign(b.begin() + std::ptrdiff_t(head), b.end() - std::ptrdiff_t(tail));
        m_splices.push_back(std::move(s));
    }

    void apply(std::size_t index, const std::vector<Element>& from, const std::vector<Element>& to,
               DrawingChange& change)
    {
        std::vector<Element>& list = m_doc.m_drawing.elements;
        const auto at = list.begin() + std::ptrdiff_t(index);
        if (from.size() == 1 && to.size() == 1 && from.front().id == to.front().id) {
            *at = to.front();
            change.modified << to.front().id;
            return;
        }
        list.erase(at, at + std::ptrdiff_t(from.size()));
        list.insert(list.begin() + std::ptrdiff_t(index), to.begin(), to.end());
        QSet<QString> before;
        for (const Element& e : from)
            before.insert(e.id);
        QSet<QString> after;
        for (const Element& e : to) {
            after.insert(e.id);
            if (!before.contains(e.id))
                change.added << e.id;
        }
        for (const Element& e : from) {
            if (!after.contains(e.id)) {
                change.removed << e.id;
                continue;
            }
            const auto same =
                std::find_if(to.begin(), to.end(), [&](const Element& t) { return t.id == e.id; });
            if (!(*same == e))
                change.modified << e.id;
        }
        change.order = true;
    }

    DrawingDocument& m_doc;
    EditKind m_kind;
    QString m_mergeKey;
    std::vector<Splice> m_splices;
    std::optional<std::pair<Meta, Meta>> m_meta;
};

DrawingDocument::DrawingDocument(Drawing drawing, QObject* parent)
    : QObject(parent)
    , m_drawing(std::move(drawing))
{
    QObject::connect(&m_undo, &QUndoStack::cleanChanged, this,
                     [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

DrawingDocument::~DrawingDocument()
{
    m_undo.clear(); // the commands refer to this document
}

void DrawingDocument::markSaved(const QString& file)
{
    m_drawing.file = file;
    m_forkIndex = -1;
    m_undoneAtFork.clear();
    m_undo.setClean();
}

QStringList DrawingDocument::changesSinceSave() const
{
    const int now = m_undo.index();
    int base = m_undo.cleanIndex();
    QStringList out;
    if (base < 0) { // the saved state was dropped: it was m_undoneAtFork before m_forkIndex
        if (m_forkIndex < 0)
            return {tr("every change since the drawing was opened")};
        out = m_undoneAtFork;
        base = m_forkIndex;
    }
    if (now < base) {
        for (int i = now; i < base; ++i)
            out << tr("undone: %1").arg(m_undo.command(i)->text());
        return out;
    }
    for (int i = base; i < now; ++i)
        out << m_undo.command(i)->text();
    return out;
}

bool DrawingDocument::apply(EditKind kind, const QString& text,
                            const std::function<bool(Drawing&)>& edit)
{
    const QString mergeKey = std::exchange(m_mergeKey, QString());
    m_refusal.clear();
    Drawing after = m_drawing;
    if (!edit(after))
        return false;
    // Geometry alone (moves, turns, sizes, order, layers) cannot make a file unreadable; the
    // check writes and reads the whole drawing, too slow for a nudge in 2000 elements.
    const bool geometry = kind == EditKind::Move || kind == EditKind::Nudge ||
                          kind == EditKind::Resize || kind == EditKind::Rotate ||
                          kind == EditKind::Mirror || kind == EditKind::Align ||
                          kind == EditKind::Distribute || kind == EditKind::SameSize ||
                          kind == EditKind::ZOrder || kind == EditKind::Layer;
    if (const QString problem = geometry ? QString() : Edits::validate(after); !problem.isEmpty()) {
        m_refusal = problem;
        return false;
    }
    auto* command = new Command(*this, kind, text, m_drawing, after, mergeKey);
    if (command->isEmpty()) {
        delete command;
        return false;
    }
    // Pushing now drops the undone commands; when the saved state is among them, remember what
    // had been undone since the save, for changesSinceSave().
    const int clean = m_undo.cleanIndex();
    const int now = m_undo.index();
    if (clean > now) {
        m_undoneAtFork.clear();
        for (int i = now; i < clean; ++i)
            m_undoneAtFork << tr("undone: %1").arg(m_undo.command(i)->text());
        m_forkIndex = now;
    }
    m_undo.push(command);
    return true;
}

DrawingDocument::EditKind DrawingDocument::kindAt(int index) const
{
    return static_cast<const Command*>(m_undo.command(index))->kind();
}

QStringList DrawingDocument::add(std::vector<Element> elements, const QString& parent)
{
    QStringList ids;
    const int n = int(elements.size());
    apply(EditKind::Add, tr("Add %n element(s)", nullptr, n), [&](Drawing& d) {
        ids = Edits::add(d, std::move(elements), parent);
        return !ids.isEmpty();
    });
    return ids;
}

QString DrawingDocument::connect(const PipeEnd& from, QPointF fromAt, const PipeEnd& to,
                                 QPointF toAt, const QString& diameter)
{
    QString id;
    apply(EditKind::Connect,
          tr("Connect %1 → %2")
              .arg(from.isEmpty() ? tr("loose end") : from.toString(),
                   to.isEmpty() ? tr("loose end") : to.toString()),
          [&](Drawing& d) {
              id = Edits::connect(d, from, fromAt, to, toAt, diameter);
              return !id.isEmpty();
          });
    return id;
}

bool DrawingDocument::remove(const QStringList& ids)
{
    return apply(EditKind::Delete, tr("Delete %1").arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::remove(d, ids); });
}

bool DrawingDocument::move(const QStringList& ids, QPointF delta)
{
    return apply(EditKind::Move, tr("Move %1").arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::move(d, ids, delta); });
}

bool DrawingDocument::nudge(const QStringList& ids, QPointF delta)
{
    m_mergeKey = ids.join(u'\n');
    return apply(EditKind::Nudge, tr("Nudge %1").arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::move(d, ids, delta); });
}

bool DrawingDocument::setBox(const QString& id, const QRectF& box)
{
    return apply(EditKind::Resize, tr("Resize %1").arg(id),
                 [&](Drawing& d) { return Edits::setBox(d, id, box); });
}

bool DrawingDocument::rotate(const QStringList& ids, double degrees)
{
    return apply(EditKind::Rotate, tr("Rotate %1 by %2°").arg(idsText(ids)).arg(degrees),
                 [&](Drawing& d) { return Edits::rotate(d, ids, degrees); });
}

bool DrawingDocument::mirror(const QStringList& ids)
{
    return apply(EditKind::Mirror, tr("Mirror %1").arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::mirror(d, ids); });
}

bool DrawingDocument::replace(const QString& id, const Element& changed, const QString& what)
{
    return apply(EditKind::Property, tr("Change %1 of %2").arg(what, id),
                 [&](Drawing& d) { return Edits::replace(d, id, changed); });
}

bool DrawingDocument::bind(const QString& id, const QString& slot, const QString& role)
{
    const QString text = role.isEmpty() ? tr("Unbind %1.%2").arg(id, slot)
                                        : tr("Bind %1.%2 to %3").arg(id, slot, role);
    return apply(EditKind::Binding, text,
                 [&](Drawing& d) { return Edits::bind(d, id, slot, role); });
}

QString DrawingDocument::group(const QStringList& ids)
{
    QString id;
    apply(EditKind::Group, tr("Group %1").arg(idsText(ids)), [&](Drawing& d) {
        id = Edits::group(d, ids);
        return !id.isEmpty();
    });
    return id;
}

QStringList DrawingDocument::ungroup(const QString& id, QString* why)
{
    QStringList ids;
    apply(EditKind::Ungroup, tr("Ungroup %1").arg(id), [&](Drawing& d) {
        ids = Edits::ungroup(d, id, why);
        return !ids.isEmpty();
    });
    return ids;
}

bool DrawingDocument::reorder(const QStringList& ids, ZOrder how)
{
    const QString text = how == ZOrder::Front      ? tr("Bring %1 to front")
                         : how == ZOrder::Forward  ? tr("Bring %1 forward")
                         : how == ZOrder::Backward ? tr("Send %1 backward")
                                                   : tr("Send %1 to back");
    return apply(EditKind::ZOrder, text.arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::reorder(d, ids, how); });
}

bool DrawingDocument::align(const QStringList& ids, Align how)
{
    static const char* const texts[] = {QT_TR_NOOP("Align %1 left"),
                                        QT_TR_NOOP("Align %1 centres horizontally"),
                                        QT_TR_NOOP("Align %1 right"),
                                        QT_TR_NOOP("Align %1 top"),
                                        QT_TR_NOOP("Align %1 centres vertically"),
                                        QT_TR_NOOP("Align %1 bottom")};
    return apply(EditKind::Align, tr(texts[int(how)]).arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::align(d, ids, how); });
}

bool DrawingDocument::distribute(const QStringList& ids, Qt::Orientation orientation)
{
    const QString text = orientation == Qt::Horizontal ? tr("Distribute %1 horizontally")
                                                       : tr("Distribute %1 vertically");
    return apply(EditKind::Distribute, text.arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::distribute(d, ids, orientation); });
}

bool DrawingDocument::sameSize(const QStringList& ids)
{
    return apply(EditKind::SameSize, tr("Make %1 the same size").arg(idsText(ids)),
                 [&](Drawing& d) { return Edits::sameSize(d, ids); });
}

bool DrawingDocument::setLayer(const QStringList& ids, Layer layer)
{
    return apply(EditKind::Layer, tr("Move %1 to layer %2").arg(idsText(ids), layerName(layer)),
                 [&](Drawing& d) { return Edits::setLayer(d, ids, layer); });
}

bool DrawingDocument::setOverrides(const QString& station, const std::vector<Override>& patch)
{
    return apply(EditKind::Override, tr("Adjust for station %1").arg(station),
                 [&](Drawing& d) { return Edits::setOverrides(d, station, patch); });
}

bool DrawingDocument::setRole(const QString& role, const std::optional<RoleDef>& def)
{
    const QString text = def ? tr("Declare role %1").arg(role) : tr("Remove role %1").arg(role);
    return apply(EditKind::Role, text, [&](Drawing& d) { return Edits::setRole(d, role, def); });
}

bool DrawingDocument::setProperties(const QString& name, QSizeF canvas)
{
    return apply(EditKind::Drawing, tr("Change the drawing's name or size"), [&](Drawing& d) {
        if (d.name == name && d.canvas == canvas)
            return false;
        d.name = name;
        d.canvas = canvas;
        return true;
    });
}

Edits::PasteResult DrawingDocument::paste(const QByteArray& data, QPointF offset)
{
    Edits::PasteResult result;
    QString text; // named once the count is known: apply() reads it after the edit
    apply(EditKind::Paste, text, [&](Drawing& d) {
        result = Edits::paste(d, data, offset);
        text = tr("Paste %n element(s)", nullptr, int(result.ids.size()));
        return !result.ids.isEmpty();
    });
    return result;
}

} // namespace PumpWatch::Graphics
