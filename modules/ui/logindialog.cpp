#include "logindialog.h"

#include "problemstyle.h"
#include "services.h"
#include "theme.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimeZone>
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
    m_error->setStyleSheet(problemStyleSheet());
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
        m_hint->setText(users.policy().describe());
        m_hint->show();
    }
    // A password to change before the login completes: shown when needed.
    m_newLabel = new QLabel(tr("New password"), this);
    m_newPassword = new QLineEdit(this);
    m_newPassword->setObjectName(QStringLiteral("newPassword"));
    m_newConfirmLabel = new QLabel(tr("Repeat new password"), this);
    m_newConfirm = new QLineEdit(this);
    m_newConfirm->setObjectName(QStringLiteral("newPasswordRepeated"));
    for (QLineEdit* e : {m_newPassword, m_newConfirm})
        e->setEchoMode(QLineEdit::Password);
    form->addRow(m_newLabel, m_newPassword);
    form->addRow(m_newConfirmLabel, m_newConfirm);
    for (QWidget* w : std::initializer_list<QWidget*>{m_newLabel, m_newPassword, m_newConfirmLabel,
                                                      m_newConfirm})
        w->hide();
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

qint64 LoginDialog::nowMs() const
{
    return m_clock ? m_clock->nowMs() : QDateTime::currentMSecsSinceEpoch();
}

void LoginDialog::setNewPassword(const QString& password, const QString& repeated)
{
    m_newPassword->setText(password);
    m_newConfirm->setText(repeated);
}

bool LoginDialog::save()
{
    QString error;
    if (m_users.save(&error))
        return true;
    showError(error);
    return false;
}

void LoginDialog::complete(const User& user)
{
    m_user = user;
    m_failures = 0;
    remember();
    Q_EMIT loggedIn({m_user->name, m_user->displayName});
    accept();
}

void LoginDialog::askNewPassword(const User& user)
{
    m_changing = user.name;
    m_changingOld = m_password->text();
    m_name->setEnabled(false);
    m_password->setEnabled(false);
    for (QWidget* w : std::initializer_list<QWidget*>{m_newLabel, m_newPassword, m_newConfirmLabel,
                                                      m_newConfirm})
        w->show();
    m_ok->setText(tr("Change and log in"));
    m_hint->setText(m_users.policy().describe());
    m_hint->show();
    showError(user.mustChangePassword
                  ? tr("The administrator set this password: choose your own to continue.")
                  : tr("The password is older than %n day(s): choose a new one to continue.",
                       nullptr, m_users.policy().maxAgeDays));
    m_newPassword->setFocus();
}

bool LoginDialog::changePassword()
{
    QString error;
    if (m_newPassword->text() != m_newConfirm->text())
        error = tr("The two new passwords differ.");
    else if (!m_users.changePassword(m_changing, m_changingOld, m_newPassword->text(), nowMs(),
                                     &error))
        ; // error says why
    else if (!save())
        return false;
    const User* u = m_users.find(m_changing);
    const Alarms::Actor who{m_changing, u ? u->displayName : QString()};
    if (!error.isEmpty()) {
        Q_EMIT audited(who, QStringLiteral("user.password"), QStringLiteral("refused"), error);
        m_newPassword->clear();
        m_newConfirm->clear();
        showError(error);
        return false;
    }
    Q_EMIT audited(who, QStringLiteral("user.password"), QStringLiteral("ok"),
                   QStringLiteral("at login"));
    complete(*u);
    return true;
}

bool LoginDialog::tryLogin()
{
    const QString typed = m_name->currentText();
    const int i = m_name->findText(typed);
    const QString name = i >= 0 ? m_name->itemData(i).toString() : typed.trimmed();
    if (m_mode == Mode::CreateAdministrator) {
        QString error;
        User admin;
        admin.name = name;
        admin.displayName = m_displayName->text().trimmed();
        admin.role = Role::Administrator;
        if (m_password->text() != m_confirm->text()) {
            error = tr("The two passwords differ.");
        } else if (m_users.add(admin, m_password->text(), false, nowMs(), &error) && save()) {
            const User& u = *m_users.find(name);
            Q_EMIT audited({u.name, u.displayName}, QStringLiteral("user.add"),
                           QStringLiteral("ok"),
                           QStringLiteral("role=administrator (the first, at first start)"));
            complete(u);
            return true;
        }
        if (!error.isEmpty())
            showError(error);
        return false;
    }
    if (!m_changing.isEmpty())
        return changePassword();
    if (!m_ok->isEnabled()) {
        // Still in the back-off after a wrong password: Enter in a field must not bypass it.
        m_password->clear();
        showError(tr("Wait a moment before trying again."));
        return false;
    }
    const qint64 now = nowMs();
    const LoginAttempt a = m_users.authenticate(name, m_password->text(), now);
    if (a.user && !save())
        return false;
    if (a.result == LoginResult::Ok) {
        if (a.passwordExpired) {
            askNewPassword(*a.user);
            return false;
        }
        complete(*a.user);
        return true;
    }
    // Guessing gets slower: the button waits 0.5 s more after each failure, at most 5 s (the
    // GUI keeps running: alarms still flash and sound behind the dialog).
    ++m_failures;
    const Alarms::Actor typedName{name, QString()};
    QString message = tr("Wrong user name or password.");
    QString detail = QStringLiteral("wrong password");
    if (a.result == LoginResult::Disabled) {
        // Only a right password learns that the account exists and is disabled.
        detail = QStringLiteral("disabled");
        if (m_users.checkPassword(name, m_password->text()))
            message = tr("The account %1 is disabled. Ask an administrator.").arg(name);
    } else if (a.result == LoginResult::Locked || a.lockedNow) {
        const QString until =
            QDateTime::fromMSecsSinceEpoch(a.user->lockedUntilMs).toString(QStringLiteral("HH:mm"));
        message = tr("Too many wrong passwords: %1 is locked until %2. An administrator can "
                     "unlock it sooner.")
                      .arg(name, until);
        detail = a.lockedNow ? QStringLiteral("wrong password") : QStringLiteral("locked");
    }
    Q_EMIT audited(typedName, QStringLiteral("login"), QStringLiteral("failed"), detail);
    if (a.lockedNow)
        Q_EMIT audited(
            {a.user->name, a.user->displayName}, QStringLiteral("user.lock"), QStringLiteral("ok"),
            QStringLiteral("%1 wrong passwords; until %2")
                .arg(a.user->failures)
                .arg(QDateTime::fromMSecsSinceEpoch(a.user->lockedUntilMs, QTimeZone::utc())
                         .toString(Qt::ISODate)));
    m_ok->setEnabled(false);
    QTimer::singleShot(retryDelayMs(), m_ok, [this] { m_ok->setEnabled(true); });
    m_password->clear();
    showError(message);
    return false;
}

void LoginDialog::remember()
{
    if (!m_settings)
        return;
    m_settings->setValue(LastUserKey, m_user->name);
    m_settings->sync();
}

void auditLogins(const Services& services, LoginDialog& dialog)
{
    QObject::connect(&dialog, &LoginDialog::audited, &dialog,
                     [&services](const Alarms::Actor& who, const QString& action,
                                 const QString& result, const QString& detail) {
                         History::AuditEntry e;
                         e.action = action;
                         e.target = action == u"login" ? QStringLiteral("workstation")
                                                       : QStringLiteral("user:") + who.login;
                         e.result = result;
                         e.detail = detail;
                         audit(services, who, std::move(e));
                     });
}

} // namespace PumpWatch::Ui
