// BindingEditor: the bindings of one element, the heart of the editor — one row per slot the
// element offers (Edits::slotsFor: a pump's 运行, 故障, 频率, 电流), each with a searchable list
// of the drawing's roles of the slot's kind, found by role name, by the Chinese name of the
// template tag behind it or its pinyin ("1#泵运行", "yx"). The row says what the chosen role is
// (kind, quantity, the tag's unit) and warns, before anything is saved, when it would not
// resolve (RoleCatalog::problems); unbound slots are marked. Choosing a role is one
// DrawingDocument::bind command, clearing it one unbind; "新建角色…" declares a role from a
// template tag and binds it, as one undo step. Bindings live in the document model, never in
// the scene, so copy, paste, grouping and undo cannot lose them. GUI thread.
//
//     auto* bindings = new BindingEditor(document, project, this);
//     bindings->setElement(u"pump1"_s);
#pragma once

#include "rolecatalog.h"

#include <graphics/editing/drawingdocument.h>

#include <QWidget>

class QComboBox;
class QCompleter;
class QGridLayout;
class QLabel;
class QToolButton;

namespace PumpWatch::Ui {

class RoleMatchModel;

class BindingEditor : public QWidget {
    Q_OBJECT

public:
    BindingEditor(Graphics::DrawingDocument& document, const Project& project,
                  QWidget* parent = nullptr);
    ~BindingEditor() override;

    /// Edits the bindings of the element `id` (any depth); empty: none.
    void setElement(const QString& id);
    QString element() const { return m_id; }

    QStringList slotNames() const;
    QStringList unboundSlots() const;
    /// The roles the slot's list offers for `query` (all for an empty one), in order.
    QStringList offeredRoles(const QString& slot, const QString& query = {}) const;
    /// The slot's warnings as shown (empty when its role resolves or it is unbound).
    QString warning(const QString& slot) const;
    QComboBox* roleBox(const QString& slot) const;

    /// Binds `slot` to `role` as picking it does (an empty role unbinds); false if unchanged.
    bool chooseRole(const QString& slot, const QString& role);
    /// Declares `name` as `def` and binds `slot` to it: one undo step.
    bool declareRole(const QString& slot, const QString& name, const Graphics::RoleDef& def);
    const RoleCatalog& catalog() const { return m_catalog; }
    /// Whether the element sits in a group repeated per pump (its roles take the pump index,
    /// not a pump's number).
    bool inRepeat() const;

Q_SIGNALS:
    /// An edit was tried (DrawingDocument::refusal() says whether it was refused).
    void edited();

private:
    struct Row;

    void documentChanged(const Graphics::DrawingChange& change);
    void rebuild();
    void fillRoles(Row& row);
    void showBinding(Row& row);
    /// What was typed in a role box: with `enter` the best match is bound, else only an exact one.
    void commitText(Row& row, bool enter);
    void newRole(const QString& slot);
    Row* row(const QString& slot) const;
    QString boundRole(const QString& slot) const;

    Graphics::DrawingDocument& m_document;
    const Project& m_project;
    RoleCatalog m_catalog;
    QString m_id;
    std::vector<std::unique_ptr<Row>> m_rows;
    QLabel* m_title;
    QLabel* m_unbound;
    QWidget* m_rowsWidget = nullptr;
    QGridLayout* m_grid = nullptr;
};

} // namespace PumpWatch::Ui
