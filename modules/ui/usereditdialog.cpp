#include "usereditdialog.h"

#include "problemstyle.h"
#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

UserEditDialog::UserEditDialog(Mode mode, const PasswordPolicy& policy, QWidget* parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_login(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_department(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_repeated(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(mode == Mode::Add    ? tr("Add user")
                   : mode == Mode::Edit ? tr("Edit user")
                                        : tr("Reset password"));
    for (Role r : AllRoles)
        m_role->addItem(roleDisplayName(r), int(r));
    m_role->setCurrentIndex(int(Role::Operator));
    for (QLineEdit* e : {m_password, m_repeated})
        e->setEchoMode(QLineEdit::Password);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(problemStyleSheet());
    auto* form = new QFormLayout;
    form->addRow(tr("Login"), m_login);
    if (mode != Mode::ResetPassword) {
        form->addRow(tr("Name"), m_name);
        form->addRow(tr("Department"), m_department);
        form->addRow(tr("Role"), m_role);
    }
    if (mode != Mode::Edit) {
        form->addRow(tr("Password"), m_password);
        form->addRow(tr("Repeat password"), m_repeated);
        auto* rules = new QLabel(
            policy.describe() + u' ' + tr("The user chooses their own at the first login."), this);
        rules->setWordWrap(true);
        form->addRow(QString(), rules);
    }
    m_login->setReadOnly(mode != Mode::Add);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserEditDialog::check);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void UserEditDialog::setDetails(const User& user)
{
    m_login->setText(user.name);
    m_name->setText(user.displayName);
    m_department->setText(user.department);
    m_role->setCurrentIndex(m_role->findData(int(user.role)));
}

User UserEditDialog::details() const
{
    User u;
    u.name = m_login->text().trimmed();
    u.displayName = m_name->text().trimmed();
    u.department = m_department->text().trimmed();
    u.role = Role(m_role->currentData().toInt());
    return u;
}

QString UserEditDialog::password() const
{
    return m_password->text();
}

void UserEditDialog::setError(const QString& error)
{
    m_error->setText(error);
}

void UserEditDialog::check()
{
    if (m_mode != Mode::Edit && m_password->text() != m_repeated->text()) {
        setError(tr("The two passwords differ."));
        return;
    }
    accept();
}

} // namespace PumpWatch::Ui
