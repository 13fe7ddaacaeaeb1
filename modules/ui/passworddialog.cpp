#include "passworddialog.h"

#include "problemstyle.h"
#include "theme.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

PasswordDialog::PasswordDialog(Services& services, UserStore& users, QWidget* parent)
    : QDialog(parent)
    , m_services(services)
    , m_store(users)
    , m_current(new QLineEdit(this))
    , m_next(new QLineEdit(this))
    , m_repeated(new QLineEdit(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Change password"));
    for (QLineEdit* e : {m_current, m_next, m_repeated})
        e->setEchoMode(QLineEdit::Password);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(problemStyleSheet());
    auto* rules = new QLabel(users.policy().describe(), this);
    rules->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("User"), new QLabel(services.session.userName(), this));
    form->addRow(tr("Current password"), m_current);
    form->addRow(tr("New password"), m_next);
    form->addRow(tr("Repeat new password"), m_repeated);
    form->addRow(QString(), rules);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PasswordDialog::tryChange);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(400);
}

void PasswordDialog::setPasswords(const QString& current, const QString& next,
                                  const QString& repeated)
{
    m_current->setText(current);
    m_next->setText(next);
    m_repeated->setText(repeated);
}

QString PasswordDialog::message() const
{
    return m_message->text();
}

bool PasswordDialog::tryChange()
{
    const std::optional<User>& me = m_services.session.user();
    if (!me)
        return false;
    QString error;
    if (m_next->text() != m_repeated->text())
        error = tr("The two new passwords differ.");
    else if (m_store.changePassword(me->name, m_current->text(), m_next->text(),
                                    m_services.clock.nowMs(), &error))
        m_store.save(&error);
    History::AuditEntry e;
    e.action = QStringLiteral("user.password");
    e.target = QStringLiteral("user:") + me->name;
    e.result = error.isEmpty() ? QStringLiteral("ok") : QStringLiteral("refused");
    e.detail = error;
    audit(m_services, m_services.session.actor(), e);
    if (!error.isEmpty()) {
        m_message->setText(error);
        for (QLineEdit* l : {m_current, m_next, m_repeated})
            l->clear();
        return false;
    }
    if (const User* updated = m_store.find(me->name))
        m_services.session.setUser(*updated);
    accept();
    return true;
}

} // namespace PumpWatch::Ui
