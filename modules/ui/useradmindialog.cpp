#include "useradmindialog.h"

#include "problemstyle.h"
#include "theme.h"
#include "usereditdialog.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

namespace {

QString policyText(const PasswordPolicy& p)
{
    return QStringLiteral("minLength=%1 lettersAndDigits=%2 maxFailures=%3 lockoutMinutes=%4 "
                          "maxAgeDays=%5")
        .arg(p.minLength)
        .arg(p.lettersAndDigits ? 1 : 0)
        .arg(p.maxFailures)
        .arg(p.lockoutMinutes)
        .arg(p.maxAgeDays);
}

} // namespace

UserAdminDialog::UserAdminDialog(Services& services, UserStore& users, QWidget* parent)
    : QDialog(parent)
    , m_services(services)
    , m_store(users)
    , m_tabs(new QTabWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("userAdmin"));
    setWindowTitle(tr("Users and permissions"));
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_tabs->addTab(makeUsersPage(), tr("Users"));
    m_tabs->addTab(makePermissionsPage(), tr("Role permissions"));
    m_tabs->addTab(makePolicyPage(), tr("Password rules"));
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_message);
    layout->addWidget(close);
    if (!m_services.history)
        showMessage(tr("This workstation has no history database, so changes could not be "
                       "audited: users and permissions are shown read-only."),
                    true);
    else if (!canChange())
        showMessage(tr("Needs the permission “%1”.").arg(actionDisplayName(Action::ManageUsers)),
                    true);
    resize(860, 520);
    refresh();
}

QString UserAdminDialog::message() const
{
    return m_message->text();
}

void UserAdminDialog::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? problemStyleSheet() : QString());
}

QWidget* UserAdminDialog::makeUsersPage()
{
    auto* page = new QWidget(this);
    m_users = new QTableWidget(0, UserColumns, page);
    m_users->setObjectName(QStringLiteral("users"));
    m_users->setHorizontalHeaderLabels({tr("Login"), tr("Name"), tr("Department"), tr("Role"),
                                        tr("State"), tr("Password changed")});
    m_users->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_users->setSelectionMode(QAbstractItemView::SingleSelection);
    m_users->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_users->verticalHeader()->hide();
    m_users->horizontalHeader()->setStretchLastSection(true);
    m_add = new QPushButton(tr("Add…"), page);
    m_edit = new QPushButton(tr("Edit…"), page);
    m_reset = new QPushButton(tr("Reset password…"), page);
    m_disable = new QPushButton(tr("Disable"), page);
    m_unlock = new QPushButton(tr("Unlock"), page);
    connect(m_add, &QPushButton::clicked, this, &UserAdminDialog::onAdd);
    connect(m_edit, &QPushButton::clicked, this, &UserAdminDialog::onEdit);
    connect(m_reset, &QPushButton::clicked, this, &UserAdminDialog::onReset);
    connect(m_disable, &QPushButton::clicked, this, [this] {
        if (const User* u = m_store.find(selectedLogin()))
            setDisabled(u->name, !u->disabled);
    });
    connect(m_unlock, &QPushButton::clicked, this, [this] { unlock(selectedLogin()); });
    connect(m_users, &QTableWidget::itemSelectionChanged, this, &UserAdminDialog::refresh);
    connect(m_users, &QTableWidget::cellDoubleClicked, this, &UserAdminDialog::onEdit);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_add, m_edit, m_reset, m_disable, m_unlock})
        buttons->addWidget(b);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_users);
    layout->addLayout(buttons);
    return page;
}

QWidget* UserAdminDialog::makePermissionsPage()
{
    auto* page = new QWidget(this);
    m_grid = new QTableWidget(int(AllActions.size()), int(AllRoles.size()), page);
    m_grid->setObjectName(QStringLiteral("permissions"));
    QStringList roles;
    for (Role r : AllRoles)
        roles << roleDisplayName(r);
    m_grid->setHorizontalHeaderLabels(roles);
    QStringList actions;
    for (Action a : AllActions)
        actions << actionDisplayName(a);
    m_grid->setVerticalHeaderLabels(actions);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    for (int r = 0; r < m_grid->rowCount(); ++r) {
        for (int c = 0; c < m_grid->columnCount(); ++c) {
            auto* item = new QTableWidgetItem;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            m_grid->setItem(r, c, item);
        }
    }
    connect(m_grid, &QTableWidget::itemChanged, this, &UserAdminDialog::onGridChanged);
    auto* note = new QLabel(tr("A change applies at once, also to the users logged in now. "
                               "The administrators always keep “%1”.")
                                .arg(actionDisplayName(Action::ManageUsers)),
                            page);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_grid);
    layout->addWidget(note);
    return page;
}

QWidget* UserAdminDialog::makePolicyPage()
{
    auto* page = new QWidget(this);
    m_minLength = new QSpinBox(page);
    m_minLength->setRange(4, 64);
    m_lettersAndDigits = new QCheckBox(tr("Letters and digits both required"), page);
    m_maxFailures = new QSpinBox(page);
    m_maxFailures->setRange(1, 20);
    m_lockoutMinutes = new QSpinBox(page);
    m_lockoutMinutes->setRange(1, 24 * 60);
    m_lockoutMinutes->setSuffix(tr(" min"));
    m_maxAgeDays = new QSpinBox(page);
    m_maxAgeDays->setRange(0, 3650);
    m_maxAgeDays->setSpecialValueText(tr("never"));
    m_maxAgeDays->setSuffix(tr(" days"));
    auto* apply = new QPushButton(tr("Apply"), page);
    apply->setObjectName(QStringLiteral("applyPolicy"));
    connect(apply, &QPushButton::clicked, this, [this] {
        PasswordPolicy p;
        p.minLength = m_minLength->value();
        p.lettersAndDigits = m_lettersAndDigits->isChecked();
        p.maxFailures = m_maxFailures->value();
        p.lockoutMinutes = m_lockoutMinutes->value();
        p.maxAgeDays = m_maxAgeDays->value();
        setPolicy(p);
    });
    auto* form = new QFormLayout(page);
    form->addRow(tr("Minimum length"), m_minLength);
    form->addRow(QString(), m_lettersAndDigits);
    form->addRow(tr("Wrong passwords before lockout"), m_maxFailures);
    form->addRow(tr("Lockout time"), m_lockoutMinutes);
    form->addRow(tr("Password must be changed after"), m_maxAgeDays);
    form->addRow(QString(), apply);
    return page;
}

QString UserAdminDialog::stateText(const User& u) const
{
    const qint64 now = m_services.clock.nowMs();
    if (u.disabled)
        return tr("Disabled");
    if (u.isLocked(now)) {
        const QTimeZone zone(m_services.project.timeZone.toLatin1());
        return tr("Locked until %1")
            .arg(QDateTime::fromMSecsSinceEpoch(u.lockedUntilMs, zone).toString(u"HH:mm"));
    }
    if (u.mustChangePassword)
        return tr("Active, must change password");
    return tr("Active");
}

QString UserAdminDialog::selectedLogin() const
{
    const int row = m_users->currentRow();
    return row >= 0 && m_users->item(row, Login) ? m_users->item(row, Login)->text() : QString();
}

void UserAdminDialog::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    const QString selected = selectedLogin();
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    const std::vector<User>& users = m_store.users();
    m_users->setRowCount(int(users.size()));
    int select = -1;
    for (int r = 0; r < int(users.size()); ++r) {
        const User& u = users[size_t(r)];
        const QString cells[UserColumns] = {
            u.name,
            u.displayName,
            u.department,
            roleDisplayName(u.role),
            stateText(u),
            u.passwordChangedMs == 0 ? QString()
                                     : QDateTime::fromMSecsSinceEpoch(u.passwordChangedMs, zone)
                                           .toString(u"yyyy-MM-dd HH:mm")};
        for (int c = 0; c < UserColumns; ++c) {
            auto* item = m_users->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_users->setItem(r, c, item);
            }
            item->setText(cells[c]);
            item->setForeground(u.disabled ? palette().color(QPalette::Disabled, QPalette::Text)
                                           : palette().color(QPalette::Text));
        }
        if (u.name == selected)
            select = r;
    }
    if (select >= 0)
        m_users->selectRow(select);
    m_users->resizeColumnsToContents();
    const User* current = m_store.find(selectedLogin());
    m_add->setEnabled(canChange());
    for (QPushButton* b : {m_edit, m_reset, m_disable, m_unlock})
        b->setEnabled(canChange() && current);
    m_disable->setText(current && current->disabled ? tr("Enable") : tr("Disable"));
    m_unlock->setEnabled(canChange() && current &&
                         (current->failures > 0 || current->lockedUntilMs != 0));

    const Permissions& p = m_store.permissions();
    for (int r = 0; r < m_grid->rowCount(); ++r) {
        for (int c = 0; c < m_grid->columnCount(); ++c) {
            const Role role = AllRoles[size_t(c)];
            const Action action = AllActions[size_t(r)];
            QTableWidgetItem* item = m_grid->item(r, c);
            item->setCheckState(p.allows(role, action) ? Qt::Checked : Qt::Unchecked);
            const bool fixed = role == Role::Administrator && action == Action::ManageUsers;
            item->setFlags(canChange() && !fixed ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable
                                                 : Qt::ItemIsUserCheckable);
        }
    }
    const PasswordPolicy& policy = m_store.policy();
    m_minLength->setValue(policy.minLength);
    m_lettersAndDigits->setChecked(policy.lettersAndDigits);
    m_maxFailures->setValue(policy.maxFailures);
    m_lockoutMinutes->setValue(policy.lockoutMinutes);
    m_maxAgeDays->setValue(policy.maxAgeDays);
    for (QWidget* w : std::initializer_list<QWidget*>{
             m_minLength, m_lettersAndDigits, m_maxFailures, m_lockoutMinutes, m_maxAgeDays})
        w->setEnabled(canChange());
    m_refreshing = false;
}

bool UserAdminDialog::apply(const QString& action, const QString& target, const QString& oldValue,
                            const QString& newValue, const std::function<bool(QString*)>& change)
{
    History::AuditEntry e;
    e.action = action;
    e.target = target;
    e.oldValue = oldValue;
    e.newValue = newValue;
    if (!m_services.history) {
        showMessage(tr("No history database: the change cannot be audited and is not made."), true);
        return false;
    }
    QString error;
    bool ok = false;
    if (!m_services.session.may(Action::ManageUsers))
        error = tr("Needs the permission “%1”.").arg(actionDisplayName(Action::ManageUsers));
    else
        ok = change(&error);
    if (ok && !m_store.save(&error)) {
        // Nothing half-applied stays: the file as it was is read back.
        QString reloadError;
        if (auto again = UserStore::load(m_store.path(), &reloadError))
            m_store = std::move(*again);
        ok = false;
    }
    e.result = ok ? QStringLiteral("ok") : QStringLiteral("refused");
    e.detail = ok ? QString() : error;
    audit(m_services, m_services.session.actor(), e);
    if (ok) {
        // The session follows at once: its user's role or state, and the permission table.
        if (const std::optional<User>& me = m_services.session.user()) {
            if (const User* updated = m_store.find(me->name))
                m_services.session.setUser(*updated);
        }
        m_services.session.setPermissions(m_store.permissions());
        showMessage(tr("Saved and audited."), false);
    } else {
        showMessage(error, true);
    }
    refresh();
    return ok;
}

bool UserAdminDialog::addUser(const User& details, const QString& password)
{
    return apply(QStringLiteral("user.add"), QStringLiteral("user:") + details.name, QString(),
                 QStringLiteral("role=%1 name=%2 department=%3")
                     .arg(roleCode(details.role), details.displayName, details.department),
                 [&](QString* error) {
                     return m_store.add(details, password, true, m_services.clock.nowMs(), error);
                 });
}

bool UserAdminDialog::editUser(const QString& login, const QString& displayName,
                               const QString& department, Role role)
{
    const User* u = m_store.find(login);
    if (!u) {
        showMessage(tr("There is no user %1.").arg(login), true);
        return false;
    }
    const QString before = QStringLiteral("role=%1 name=%2 department=%3")
                               .arg(roleCode(u->role), u->displayName, u->department);
    const QString after = QStringLiteral("role=%1 name=%2 department=%3")
                              .arg(roleCode(role), displayName, department);
    const bool roleChanged = u->role != role;
    return apply(roleChanged ? QStringLiteral("user.role") : QStringLiteral("user.edit"),
                 QStringLiteral("user:") + login, before, after, [&](QString* error) {
                     return m_store.setRole(login, role, error) &&
                            m_store.setDetails(login, displayName, department, error);
                 });
}

bool UserAdminDialog::setDisabled(const QString& login, bool disabled)
{
    return apply(disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable"),
                 QStringLiteral("user:") + login,
                 disabled ? QStringLiteral("enabled") : QStringLiteral("disabled"),
                 disabled ? QStringLiteral("disabled") : QStringLiteral("enabled"),
                 [&](QString* error) { return m_store.setDisabled(login, disabled, error); });
}

bool UserAdminDialog::resetPassword(const QString& login, const QString& password)
{
    // The password itself is never written anywhere, the audit included.
    return apply(QStringLiteral("user.reset_password"), QStringLiteral("user:") + login, QString(),
                 QStringLiteral("must change at next login"), [&](QString* error) {
                     return m_store.resetPassword(login, password, m_services.clock.nowMs(), error);
                 });
}

bool UserAdminDialog::unlock(const QString& login)
{
    const User* u = m_store.find(login);
    const QString before =
        u ? QStringLiteral("failures=%1 lockedUntil=%2")
                .arg(u->failures)
                .arg(u->lockedUntilMs == 0
                         ? QString()
                         : QDateTime::fromMSecsSinceEpoch(u->lockedUntilMs, QTimeZone::utc())
                               .toString(Qt::ISODate))
          : QString();
    return apply(QStringLiteral("user.unlock"), QStringLiteral("user:") + login, before,
                 QStringLiteral("failures=0"),
                 [&](QString* error) { return m_store.unlock(login, error); });
}

bool UserAdminDialog::setPermission(Role role, Action action, bool allowed)
{
    const QString before = m_store.permissions().codes(role);
    Permissions p = m_store.permissions();
    const bool possible = p.set(role, action, allowed);
    return apply(QStringLiteral("role.permissions"), QStringLiteral("role:") + roleCode(role),
                 before, p.codes(role), [&](QString* error) {
                     if (!possible) {
                         *error = tr("The administrators always keep “%1”.")
                                      .arg(actionDisplayName(Action::ManageUsers));
                         return false;
                     }
                     m_store.setPermissions(p);
                     return true;
                 });
}

bool UserAdminDialog::setPolicy(const PasswordPolicy& policy)
{
    return apply(QStringLiteral("password.policy"), QStringLiteral("password rules"),
                 policyText(m_store.policy()), policyText(policy), [&](QString*) {
                     m_store.setPolicy(policy);
                     return true;
                 });
}

void UserAdminDialog::onGridChanged(QTableWidgetItem* item)
{
    if (m_refreshing)
        return;
    setPermission(AllRoles[size_t(item->column())], AllActions[size_t(item->row())],
                  item->checkState() == Qt::Checked);
}

void UserAdminDialog::onAdd()
{
    UserEditDialog d(UserEditDialog::Mode::Add, m_store.policy(), this);
    while (d.exec() == QDialog::Accepted) {
        if (addUser(d.details(), d.password()))
            return;
        d.setError(message());
    }
}

void UserAdminDialog::onEdit()
{
    const User* u = m_store.find(selectedLogin());
    if (!u)
        return;
    const QString login = u->name;
    UserEditDialog d(UserEditDialog::Mode::Edit, m_store.policy(), this);
    d.setDetails(*u);
    while (d.exec() == QDialog::Accepted) {
        const User e = d.details();
        if (editUser(login, e.displayName, e.department, e.role))
            return;
        d.setError(message());
    }
}

void UserAdminDialog::onReset()
{
    const User* u = m_store.find(selectedLogin());
    if (!u)
        return;
    const QString login = u->name;
    UserEditDialog d(UserEditDialog::Mode::ResetPassword, m_store.policy(), this);
    d.setDetails(*u);
    while (d.exec() == QDialog::Accepted) {
        if (resetPassword(login, d.password()))
            return;
        d.setError(message());
    }
}

} // namespace PumpWatch::Ui
