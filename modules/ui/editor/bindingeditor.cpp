#include "bindingeditor.h"

#include "newroledialog.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

using Graphics::RoleDef;

/// The roles of a slot's list matching the typed text by pinyin too (the completer's own
/// matching knows no pinyin, so it shows this model unfiltered).
class RoleMatchModel : public QSortFilterProxyModel {
public:
    RoleMatchModel(const RoleCatalog& catalog, QObject* parent)
        : QSortFilterProxyModel(parent)
        , m_catalog(catalog)
    {}
    void setQuery(const QString& query)
    {
        m_query = query.trimmed();
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        const QString role = index.data(Qt::UserRole).toString();
        if (role.isEmpty())
            return m_query.isEmpty();
        const RoleEntry* e = m_catalog.find(role);
        return m_query.isEmpty() || (e && e->key.matches(m_query)) ||
               index.data().toString().contains(m_query, Qt::CaseInsensitive);
    }

private:
    const RoleCatalog& m_catalog;
    QString m_query;
};

struct BindingEditor::Row {
    Graphics::Edits::SlotSpec spec;
    QLabel* name = nullptr;
    QComboBox* box = nullptr;
    QToolButton* clear = nullptr;
    QToolButton* add = nullptr;
    QLabel* info = nullptr;
    RoleMatchModel* matches = nullptr;
    QCompleter* completer = nullptr;
};

BindingEditor::BindingEditor(Graphics::DrawingDocument& document, const Project& project,
                             QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_project(project)
    , m_catalog(document.drawing(), project)
    , m_title(new QLabel(tr("Bindings"), this))
    , m_unbound(new QLabel(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_unbound->setStyleSheet(QStringLiteral("color: #b9770e"));
    m_unbound->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_unbound);
    connect(&m_document, &Graphics::DrawingDocument::changed, this,
            &BindingEditor::documentChanged);
    rebuild();
}

BindingEditor::~BindingEditor() = default;

bool BindingEditor::inRepeat() const
{
    const Graphics::Drawing& d = m_document.drawing();
    for (QString p = Graphics::Edits::parentOf(d, m_id); !p.isEmpty();
         p = Graphics::Edits::parentOf(d, p)) {
        if (const Graphics::Element* g = Graphics::Edits::find(d, p); g && !g->repeat.isEmpty())
            return true;
    }
    return false;
}

void BindingEditor::setElement(const QString& id)
{
    if (id == m_id)
        return;
    m_id = id;
    rebuild();
}

QStringList BindingEditor::slotNames() const
{
    QStringList names;
    for (const auto& r : m_rows)
        names << r->spec.slot;
    return names;
}

QStringList BindingEditor::unboundSlots() const
{
    QStringList names;
    for (const auto& r : m_rows) {
        if (boundRole(r->spec.slot).isEmpty())
            names << r->spec.slot;
    }
    return names;
}

QStringList BindingEditor::offeredRoles(const QString& slot, const QString& query) const
{
    QStringList roles;
    Row* r = row(slot);
    if (!r)
        return roles;
    r->matches->setQuery(query);
    for (int i = 0; i < r->matches->rowCount(); ++i) {
        const QString role = r->matches->index(i, 0).data(Qt::UserRole).toString();
        if (!role.isEmpty())
            roles << role;
    }
    return roles;
}

QString BindingEditor::warning(const QString& slot) const
{
    Row* r = row(slot);
    return r ? r->info->property("warning").toString() : QString();
}

QComboBox* BindingEditor::roleBox(const QString& slot) const
{
    Row* r = row(slot);
    return r ? r->box : nullptr;
}

bool BindingEditor::chooseRole(const QString& slot, const QString& role)
{
    if (m_id.isEmpty() || boundRole(slot) == role)
        return false;
    const bool bound = m_document.bind(m_id, slot, role);
    Q_EMIT edited();
    return bound;
}

bool BindingEditor::declareRole(const QString& slot, const QString& name, const RoleDef& def)
{
    if (m_id.isEmpty() || name.isEmpty() || m_document.drawing().roles.contains(name))
        return false;
    m_document.undoStack()->beginMacro(tr("Declare role %1 and bind %2.%3").arg(name, m_id, slot));
    const bool declared = m_document.setRole(name, def);
    const bool bound = declared && m_document.bind(m_id, slot, name);
    m_document.undoStack()->endMacro();
    Q_EMIT edited();
    return bound;
}

BindingEditor::Row* BindingEditor::row(const QString& slot) const
{
    for (const auto& r : m_rows) {
        if (r->spec.slot == slot)
            return r.get();
    }
    return nullptr;
}

QString BindingEditor::boundRole(const QString& slot) const
{
    const Graphics::Element* e = m_document.find(m_id);
    if (!e)
        return {};
    const auto it = e->slots.find(slot);
    return it == e->slots.end() ? QString() : it->second;
}

void BindingEditor::documentChanged(const Graphics::DrawingChange& change)
{
    if (change.meta) {
        m_catalog = RoleCatalog(m_document.drawing(), m_project);
        for (auto& r : m_rows)
            fillRoles(*r);
    }
    const Graphics::Element* e = m_document.find(m_id);
    QStringList slots;
    if (e) {
        for (const auto& s : Graphics::Edits::slotsFor(*e))
            slots << s.slot;
    }
    if (slots != slotNames()) {
        rebuild(); // the element went, or its kind or symbol changed its slots
        return;
    }
    for (auto& r : m_rows)
        showBinding(*r);
}

void BindingEditor::rebuild()
{
    // The old rows may be what emitted the change: silence them and let the loop delete them.
    for (const auto& r : m_rows) {
        r->box->blockSignals(true);
        r->box->lineEdit()->blockSignals(true);
        r->completer->blockSignals(true);
    }
    m_rows.clear();
    if (m_rowsWidget) {
        m_rowsWidget->hide();
        m_rowsWidget->deleteLater();
    }
    m_rowsWidget = new QWidget(this);
    m_grid = new QGridLayout(m_rowsWidget);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(1, 1);
    static_cast<QVBoxLayout*>(layout())->addWidget(m_rowsWidget);

    const Graphics::Element* e = m_document.find(m_id);
    const std::vector<Graphics::Edits::SlotSpec> specs =
        e ? Graphics::Edits::slotsFor(*e) : std::vector<Graphics::Edits::SlotSpec>{};
    m_title->setText(specs.empty() ? tr("Bindings: none for this element") : tr("Bindings"));
    int line = 0;
    for (const Graphics::Edits::SlotSpec& spec : specs) {
        auto r = std::make_unique<Row>();
        r->spec = spec;
        r->name = new QLabel(RoleCatalog::slotDisplayName(spec.slot), m_rowsWidget);
        r->name->setToolTip(spec.slot);
        r->box = new QComboBox(m_rowsWidget);
        r->box->setEditable(true);
        r->box->setInsertPolicy(QComboBox::NoInsert);
        r->box->setMinimumContentsLength(10);
        r->box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        r->box->setAccessibleName(tr("Role of %1").arg(RoleCatalog::slotDisplayName(spec.slot)));
        r->box->lineEdit()->setPlaceholderText(tr("unbound — type a role, tag name or pinyin"));
        r->name->setBuddy(r->box);
        r->matches = new RoleMatchModel(m_catalog, r->box);
        r->matches->setSourceModel(r->box->model());
        r->completer = new QCompleter(r->matches, r->box);
        r->completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
        r->completer->setCaseSensitivity(Qt::CaseInsensitive);
        r->box->lineEdit()->setCompleter(r->completer);
        r->clear = new QToolButton(m_rowsWidget);
        r->clear->setText(QStringLiteral("×"));
        r->clear->setAccessibleName(tr("Clear"));
        r->clear->setToolTip(tr("Unbind %1").arg(RoleCatalog::slotDisplayName(spec.slot)));
        r->add = new QToolButton(m_rowsWidget);
        r->add->setText(tr("New role…"));
        r->add->setToolTip(tr("Declare a role from a tag of the template and bind it"));
        r->info = new QLabel(m_rowsWidget);
        r->info->setWordWrap(true);
        m_grid->addWidget(r->name, line, 0);
        m_grid->addWidget(r->box, line, 1);
        m_grid->addWidget(r->clear, line, 2);
        m_grid->addWidget(r->info, line + 1, 1);
        m_grid->addWidget(r->add, line + 1, 2, Qt::AlignTop);
        line += 2;

        Row* raw = r.get();
        const QString slot = spec.slot;
        connect(r->box->lineEdit(), &QLineEdit::textEdited, raw->box, [raw](const QString& text) {
            raw->matches->setQuery(text);
            if (!text.isEmpty())
                raw->completer->complete();
        });
        connect(r->completer, qOverload<const QModelIndex&>(&QCompleter::activated), raw->box,
                [this, slot](const QModelIndex& index) {
                    chooseRole(slot, index.data(Qt::UserRole).toString());
                });
        connect(r->box, &QComboBox::activated, raw->box, [this, raw, slot](int index) {
            chooseRole(slot, raw->box->itemData(index).toString());
            showBinding(*raw);
        });
        // Enter takes the best match of what was typed; leaving the box only an exact one, so
        // a click elsewhere never rebinds (or unbinds) a slot to a guess.
        connect(r->box->lineEdit(), &QLineEdit::returnPressed, raw->box,
                [this, raw] { commitText(*raw, true); });
        connect(r->box->lineEdit(), &QLineEdit::editingFinished, raw->box,
                [this, raw] { commitText(*raw, false); });
        connect(r->clear, &QToolButton::clicked, raw->box, [this, slot] { chooseRole(slot, {}); });
        connect(r->add, &QToolButton::clicked, raw->box, [this, slot] { newRole(slot); });
        m_rows.push_back(std::move(r));
        fillRoles(*raw);
    }
    if (specs.empty())
        m_unbound->hide();
}

void BindingEditor::fillRoles(Row& r)
{
    const QSignalBlocker block(r.box);
    const bool editing = r.box->lineEdit()->hasFocus();
    const QString typed = r.box->currentText();
    const int cursor = r.box->lineEdit()->cursorPosition();
    r.box->clear();
    r.box->addItem(QString(), QString());
    for (const RoleEntry* e : m_catalog.matching(r.spec.kind, {}, !inRepeat()))
        r.box->addItem(e->text(), e->role);
    showBinding(r);
    if (editing) { // keep what the engineer is typing
        r.box->setEditText(typed);
        r.box->lineEdit()->setCursorPosition(cursor);
    }
}

void BindingEditor::showBinding(Row& r)
{
    const QString role = boundRole(r.spec.slot);
    int index = r.box->findData(role);
    if (index < 0) { // bound to a role of the other kind, or one not declared: show it anyway
        const RoleEntry* e = m_catalog.find(role);
        const QSignalBlocker block(r.box);
        r.box->addItem(QStringLiteral("⚠ ") + (e ? e->text() : role), role);
        index = r.box->count() - 1;
    }
    if (r.box->currentIndex() != index || r.box->currentText() != r.box->itemText(index)) {
        const QSignalBlocker block(r.box);
        r.box->setCurrentIndex(index);
        r.box->setEditText(r.box->itemText(index));
        r.box->lineEdit()->setCursorPosition(0); // the role's name first, not the kind
    }
    QString summary;
    QStringList problems;
    if (role.isEmpty()) {
        summary = tr("unbound");
    } else if (const RoleEntry* e = m_catalog.find(role)) {
        summary = e->summary();
        problems = m_catalog.problems(r.spec, *e);
    } else {
        problems << tr("the role %1 is not declared in the drawing").arg(role);
    }
    const QString warning = problems.join(QStringLiteral("; "));
    r.info->setProperty("warning", warning);
    if (warning.isEmpty()) {
        r.info->setText(summary);
        r.info->setStyleSheet(role.isEmpty() ? QStringLiteral("color: #b9770e") : QString());
    } else {
        r.info->setText(QStringLiteral("⚠ %1").arg(warning));
        r.info->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    }
    r.clear->setEnabled(!role.isEmpty());
    r.name->setText(role.isEmpty()
                        ? tr("%1 (unbound)").arg(RoleCatalog::slotDisplayName(r.spec.slot))
                        : RoleCatalog::slotDisplayName(r.spec.slot));

    QStringList unbound;
    for (const auto& other : m_rows) {
        if (boundRole(other->spec.slot).isEmpty())
            unbound << RoleCatalog::slotDisplayName(other->spec.slot);
    }
    m_unbound->setText(unbound.isEmpty() ? QString()
                                         : tr("Unbound: %1").arg(unbound.join(tr(", "))));
    m_unbound->setVisible(!unbound.isEmpty());
}

void BindingEditor::commitText(Row& r, bool enter)
{
    const QString typed = r.box->currentText().trimmed();
    const QString current = boundRole(r.spec.slot);
    if (typed.isEmpty()) {
        if (enter)
            chooseRole(r.spec.slot, {});
        else
            showBinding(r);
        return;
    }
    const int shown = r.box->findData(current);
    if (shown >= 0 && r.box->itemText(shown) == typed)
        return; // unchanged
    for (int i = 0; i < r.box->count(); ++i) {
        if (r.box->itemText(i) == typed || r.box->itemData(i).toString() == typed) {
            chooseRole(r.spec.slot, r.box->itemData(i).toString());
            return;
        }
    }
    if (!enter) {
        showBinding(r); // left with a guess typed: the binding stays as it was
        return;
    }
    const std::vector<const RoleEntry*> found = m_catalog.matching(r.spec.kind, typed, !inRepeat());
    if (!found.empty()) {
        chooseRole(r.spec.slot, found.front()->role);
        showBinding(r);
        return;
    }
    showBinding(r); // nothing matches: show the binding as it is and say why
    r.info->setText(
        tr("⚠ No %1 role matches “%2”.").arg(RoleCatalog::kindDisplayName(r.spec.kind), typed));
    r.info->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
}

void BindingEditor::newRole(const QString& slot)
{
    Row* r = row(slot);
    if (!r)
        return;
    NewRoleDialog dialog(m_catalog.stationTemplate(), m_document.drawing(), r->spec.kind, this);
    dialog.setSearch(RoleCatalog::slotDisplayName(slot));
    if (dialog.shownTags().isEmpty())
        dialog.setSearch({});
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto def = dialog.role())
        declareRole(slot, dialog.roleName(), *def);
}

} // namespace PumpWatch::Ui
