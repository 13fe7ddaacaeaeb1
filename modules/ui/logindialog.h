// LoginDialog: who is on duty. Used at start, to lock the screen and to change user at shift
// change; with an empty user store it creates the first administrator instead. A wrong password
// says so without telling whether the name exists, and each failure waits a little longer;
// after the password rules' number of failures the account locks (the store counts them, so a
// restart does not reset it). A password an administrator (re)set, or one too old, is changed
// here before the login completes. The
// message has its room below the fields, which keep their place and height. With the
// workstation's settings the user who logged in last is chosen at start, and a login is
// remembered there.
#pragma once

#include <alarms/alarmtypes.h>
#include <core/clock.h>
#include <core/users.h>

#include <QDialog>

#include <algorithm>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

namespace PumpWatch::Ui {

class LoginDialog : public QDialog {
    Q_OBJECT

public:
    enum class Mode : quint8 { Login, Unlock, CreateAdministrator };

    /// `settings` (may be null) keeps the last user who logged in ("login/lastUser").
    LoginDialog(UserStore& users, Mode mode, QSettings* settings = nullptr,
                QWidget* parent = nullptr);

    /// The clock lockouts are counted on (default: the system's).
    void setClock(const Clock* clock) { m_clock = clock; }
    /// Set in the demo: shows the demo accounts.
    void setHint(const QString& hint);
    void setUserName(const QString& name);
    void setPassword(const QString& password);
    /// Checks the entered name and password; accepts the dialog when right.
    /// Logs in with what is typed. After a wrong password, attempts are refused for
    /// retryDelayMs() (0.5 s more per failure, at most 5 s) — the GUI keeps running. When the
    /// password must be changed first, the dialog asks for a new one (setNewPassword) and the
    /// next tryLogin() sets it and completes the login.
    bool tryLogin();
    void setNewPassword(const QString& password, const QString& repeated);
    bool isChangingPassword() const { return !m_changing.isEmpty(); }
    int retryDelayMs() const { return std::min(m_failures, 10) * 500; }
    const std::optional<User>& user() const { return m_user; }
    QString error() const;

Q_SIGNALS:
    /// A login that succeeded (the caller audits it as login, unlock or a change of user).
    void loggedIn(const PumpWatch::Alarms::Actor& who);
    /// What else the dialog did, for the audit log: a failed or refused login (under the name
    /// typed, no display name), an account locked, a password changed, the first administrator.
    void audited(const PumpWatch::Alarms::Actor& who, const QString& action, const QString& result,
                 const QString& detail);

private:
    void remember();
    void showError(const QString& message);
    void askNewPassword(const User& user);
    bool changePassword();
    bool save();
    void complete(const User& user);
    qint64 nowMs() const;

    UserStore& m_users;
    Mode m_mode;
    QSettings* m_settings;
    QComboBox* m_name;
    QLineEdit* m_displayName = nullptr;
    QLineEdit* m_password;
    QLineEdit* m_confirm = nullptr;
    QLabel* m_newLabel = nullptr;
    QLineEdit* m_newPassword = nullptr;
    QLabel* m_newConfirmLabel = nullptr;
    QLineEdit* m_newConfirm = nullptr;
    QString m_changing; ///< the user whose password is being changed before the login
    QString m_changingOld;
    const Clock* m_clock = nullptr;
    QLabel* m_hint;
    QLabel* m_error;
    QPushButton* m_ok = nullptr;
    std::optional<User> m_user;
    int m_failures = 0;
};

struct Services;
/// Writes what `dialog` reports through audited() to the audit log.
void auditLogins(const Services& services, LoginDialog& dialog);

} // namespace PumpWatch::Ui
