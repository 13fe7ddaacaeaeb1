#include "logindialog.h"

#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

namespace {

const QString LastUserKey = QStringLiteral("login/lastUser");

} // namespace

LoginDialog::LoginDialog(UserStore& users, Mode mode, QSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_users(users)
    , m_mode(mode)
    , m_settings(settings)
    , m_name(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_hint(new QLabel(this))
    , m_error(new QLabel(this))
{
    // The platform appends the application's name ("登录 — PumpWatch").
    setWindowTitle(mode == Mode::CreateAdministrator ? tr("First administrator")
                   : mode == Mode::Unlock            ? tr("Locked")
                                                     : tr("Log in"));
    auto* title = new QLabel(mode == Mode::CreateAdministrator
                                 ? tr("No user exists yet. Create the administrator account.")
                             : mode == Mode::Unlock
                                 ? tr("The workstation is locked. Log in to continue, or log in "
                                      "as another user to take over the shift.")
                                 : tr("Log in to start the shift."),
                             this);
    title->setWordWrap(true);
    m_name->setEditable(true);
    m_name->setObjectName(QStringLiteral("userName"));
    for (const User& u : users.users())
        m_name->addItem(
            u.displayName == u.name ? u.name : u.name + QStringLiteral(" (") + u.displayName + u')',
            u.name);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setObjectName(QStringLiteral("password"));
    m_hint->setWordWrap(true);
    m_hint->hide();
    m_error->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(stateColours().critical.name()));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    // The message's line is there from the start, empty: it appears without moving the fields.
    m_error->setMinimumHeight(m_error->fontMetrics().lineSpacing());

    auto* form = new QFormLayout;
    form->addRow(tr("User"), m_name);
    if (mode == Mode::CreateAdministrator) {
        m_name->setEditText(QStringLiteral("admin"));
        m_displayName = new QLineEdit(this);
        form->addRow(tr("Full name"), m_displayName);
    }
    form->addRow(tr("Password"), m_password);
    if (mode == Mode::CreateAdministrator) {
        m_confirm = new QLineEdit(this);
        m_confirm->setEchoMode(QLineEdit::Password);
        form->addRow(tr("Repeat password"), m_confirm);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("login"));
    m_ok->setText(mode == Mode::CreateAdministrator ? tr("Create") : tr("Log in"));
    if (mode == Mode::Unlock)
        buttons->button(QDialogButtonBox::Cancel)->hide();
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::tryLogin);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(380);
    if (m_settings && mode != Mode::CreateAdministrator) {
        const int last = m_name->findData(m_settings->value(LastUserKey).toString());
        if (last >= 0)
            m_name->setCurrentIndex(last);
    }
    m_password->setFocus();
}

void LoginDialog::setHint(const QString& hint)
{
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

void LoginDialog::setUserName(const QString& name)
{
    const int i = m_name->findData(name);
    if (i >= 0)
        m_name->setCurrentIndex(i);
    else
        m_name->setEditText(name);
}

void LoginDialog::setPassword(const QString& password)
{
    m_password->setText(password);
}

QString LoginDialog::error() const
{
    return m_error->text();
}

void LoginDialog::showError(const QString& message)
{
    m_error->setText(message);
    // A message longer than its line grows the dialog rather than squeezing the fields (a
    // top-level layout with word-wrapped labels does not grow the window by itself).
    if (layout()->hasHeightForWidth()) {
        const int needed = layout()->totalHeightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
}

bool LoginDialog::tryLogin()
{
    const QString typed = m_name->currentText();
    const int i = m_name->findText(typed);
    const QString name = i >= 0 ? m_name->itemData(i).toString() : typed.trimmed();
    if (m_mode == Mode::CreateAdministrator) {
        QString error;
        if (m_password->text() != m_confirm->text()) {
            error = tr("The two passwords differ.");
        } else if (m_users.set(name, m_displayName->text().trimmed(), Role::Administrator,
                               m_password->text(), &error) &&
                   m_users.save(&error)) {
            m_user = *m_users.find(name);
            remember();
            Q_EMIT attempted({m_user->name, m_user->displayName}, true);
            accept();
            return true;
        }
        showError(error);
        return false;
    }
    if (!m_ok->isEnabled()) {
        // Still in the back-off after a wrong password: Enter in a field must not bypass it.
        m_password->clear();
        showError(tr("Wait a moment before trying again."));
        return false;
    }
    if (const User* u = m_users.authenticate(name, m_password->text())) {
        m_user = *u;
        m_failures = 0;
        remember();
        Q_EMIT attempted({m_user->name, m_user->displayName}, true);
        accept();
        return true;
    }
    // Guessing gets slower: the button waits 0.5 s more after each failure, at most 5 s (the
    // GUI keeps running: alarms still flash and sound behind the dialog).
    ++m_failures;
    Q_EMIT attempted({name, QString()}, false);
    m_ok->setEnabled(false);
    QTimer::singleShot(retryDelayMs(), m_ok, [this] { m_ok->setEnabled(true); });
    m_password->clear();
    showError(tr("Wrong user name or password."));
    return false;
}

void LoginDialog::remember()
{
    if (!m_settings)
        return;
    m_settings->setValue(LastUserKey, m_user->name);
    m_settings->sync();
}

} // namespace PumpWatch::Ui
