#include "newroledialog.h"

#include <core/quantity.h>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

using Graphics::RoleDef;

NewRoleDialog::NewRoleDialog(const StationTemplate* stationTemplate,
                             const Graphics::Drawing& drawing, RoleDef::Kind kind, QWidget* parent)
    : QDialog(parent)
    , m_template(stationTemplate)
    , m_drawing(drawing)
    , m_kind(kind)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_info(new QLabel(this))
    , m_error(new QLabel(this))
    , m_optional(new QCheckBox(tr("Optional (a station may lack the tag)"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New role (%1)").arg(RoleCatalog::kindDisplayName(kind)));
    m_search->setPlaceholderText(tr("Find a tag: name, pinyin initials or key"));
    m_search->setClearButtonEnabled(true);
    m_name->setPlaceholderText(tr("pump[i].running"));
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_info->setWordWrap(true);
    if (m_template) {
        for (const TagDef& t : m_template->tags) {
            if (Graphics::Edits::roleKindOf(t) != kind)
                continue;
            m_tags.push_back(&t);
            m_keys.emplace_back(t.name,
                                QStringList{t.key, pinyinSyllables(t.name).join(QString())});
            auto* item = new QListWidgetItem(QStringLiteral("%1  %2").arg(t.name, t.key), m_list);
            item->setData(Qt::UserRole, t.key);
        }
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Tag"), m_search);
    form->addRow(QString(), m_list);
    form->addRow(tr("Role name"), m_name);
    form->addRow(QString(), m_info);
    form->addRow(QString(), m_optional);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_search, &QLineEdit::textChanged, this, &NewRoleDialog::setSearch);
    connect(m_list, &QListWidget::currentRowChanged, this, &NewRoleDialog::tagPicked);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = true;
        validate();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!m_template)
        m_info->setText(
            tr("The drawing's template %1 is not in the project.").arg(drawing.templateId));
    validate();
}

void NewRoleDialog::setSearch(const QString& text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    QListWidgetItem* firstShown = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        const bool shown = m_keys[static_cast<std::size_t>(i)].matches(text);
        m_list->item(i)->setHidden(!shown);
        if (shown && !firstShown)
            firstShown = m_list->item(i);
    }
    QListWidgetItem* current = m_list->currentItem();
    if (firstShown && (!current || current->isHidden()))
        m_list->setCurrentItem(firstShown);
}

QStringList NewRoleDialog::shownTags() const
{
    QStringList keys;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden())
            keys << m_list->item(i)->data(Qt::UserRole).toString();
    }
    return keys;
}

bool NewRoleDialog::selectTag(const QString& key)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == key) {
            m_list->item(i)->setHidden(false);
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void NewRoleDialog::setRoleName(const QString& name)
{
    m_nameEdited = true;
    m_name->setText(name);
    validate();
}

QString NewRoleDialog::roleName() const
{
    return m_name->text().trimmed();
}

const TagDef* NewRoleDialog::pickedTag() const
{
    const int row = m_list->currentRow();
    return row >= 0 && !m_list->item(row)->isHidden() ? m_tags[static_cast<std::size_t>(row)]
                                                      : nullptr;
}

std::optional<RoleDef> NewRoleDialog::role() const
{
    const TagDef* tag = pickedTag();
    const QString name = roleName();
    if (!tag || name.isEmpty() || m_drawing.roles.contains(name))
        return std::nullopt;
    RoleDef def;
    const auto [proposed, pattern] = Graphics::Edits::roleForTag(tag->key);
    // A per-pump role names the pump's tag by pattern; any other names the tag itself.
    def.tag = name.contains(QStringLiteral("[i]")) ? pattern : tag->key;
    def.kind = Graphics::Edits::roleKindOf(*tag);
    if (tag->quantity != Quantity::Unknown)
        def.quantity = quantityCode(tag->quantity);
    def.optional = m_optional->isChecked();
    return def;
}

void NewRoleDialog::tagPicked()
{
    const TagDef* tag = pickedTag();
    if (tag) {
        if (!m_nameEdited)
            m_name->setText(Graphics::Edits::roleForTag(tag->key).first);
        QStringList info{RoleCatalog::kindDisplayName(Graphics::Edits::roleKindOf(*tag)),
                         quantityDisplayName(tag->quantity)};
        if (!tag->unit.isEmpty())
            info << tag->unit;
        m_info->setText(info.join(QStringLiteral(" · ")));
    }
    validate();
}

void NewRoleDialog::validate()
{
    QString error;
    const QString name = roleName();
    if (!pickedTag())
        error = tr("Pick a tag of the template.");
    else if (name.isEmpty())
        error = tr("Give the role a name.");
    else if (m_drawing.roles.contains(name))
        error = tr("The drawing already declares a role %1.").arg(name);
    m_error->setText(error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

} // namespace PumpWatch::Ui
