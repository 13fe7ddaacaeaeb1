// NewRoleDialog: declares a role of a drawing ("新建角色…") from a tag of its station template —
// the engineer finds the tag by its Chinese name, pinyin or key, and the dialog proposes the role
// name (pump2_running → "pump[i].running", the tag pattern "pump{i}_running"), the kind from the
// tag's type and the quantity from the tag, so a declared role resolves at every station of the
// template. Only tags of the slot's kind are offered. GUI thread.
//
//     NewRoleDialog dialog(roles.stationTemplate(), document.drawing(), RoleDef::Kind::Bit, this);
//     if (dialog.exec() == QDialog::Accepted) document.setRole(dialog.roleName(), dialog.role());
#pragma once

#include "rolecatalog.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace PumpWatch::Ui {

class NewRoleDialog : public QDialog {
    Q_OBJECT

public:
    NewRoleDialog(const StationTemplate* stationTemplate, const Graphics::Drawing& drawing,
                  Graphics::RoleDef::Kind kind, QWidget* parent = nullptr);

    /// Shows only the tags matching `text` (name, pinyin, key).
    void setSearch(const QString& text);
    /// The keys of the tags shown, in order.
    QStringList shownTags() const;
    /// Picks the tag `key` (shown or not); false when the template has no such tag of the kind.
    bool selectTag(const QString& key);
    void setRoleName(const QString& name);

    QString roleName() const;
    /// The role to declare, or nullopt while no tag is picked or the name is taken or empty.
    std::optional<Graphics::RoleDef> role() const;

private:
    void tagPicked();
    void validate();
    const TagDef* pickedTag() const;

    const StationTemplate* m_template;
    const Graphics::Drawing& m_drawing;
    Graphics::RoleDef::Kind m_kind;
    std::vector<const TagDef*> m_tags;
    std::vector<SearchKey> m_keys;
    bool m_nameEdited = false;

    QLineEdit* m_search;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLabel* m_info;
    QLabel* m_error;
    QCheckBox* m_optional;
    QDialogButtonBox* m_buttons;
};

} // namespace PumpWatch::Ui
