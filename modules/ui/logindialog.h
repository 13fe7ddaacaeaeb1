// LoginDialog: who is on duty. Used at start, to lock the screen and to change user at shift
// change; with an empty user store it creates the first administrator instead. A wrong password
// says so without telling whether the name exists, and each failure waits a little longer; the
// message has its room below the fields, which keep their place and height. With the
// workstation's settings the user who logged in last is chosen at start, and a login is
// remembered there.
#pragma once

#include <alarms/alarmtypes.h>
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

    /// Set in the demo: shows the demo accounts.
    void setHint(const QString& hint);
    void setUserName(const QString& name);
    void setPassword(const QString& password);
    /// Checks the entered name and password; accepts the dialog when right.
    /// Logs in with what is typed. After a wrong password, attempts are refused for
    /// retryDelayMs() (0.5 s more per failure, at most 5 s) — the GUI keeps running.
    bool tryLogin();
    int retryDelayMs() const { return std::min(m_failures, 10) * 500; }
    const std::optional<User>& user() const { return m_user; }
    QString error() const;

Q_SIGNALS:
    /// Each login attempt, for the audit log: who logged in, or the name typed (no display
    /// name) when the password was wrong.
    void attempted(const PumpWatch::Alarms::Actor& who, bool accepted);

private:
    void remember();
    void showError(const QString& message);

    UserStore& m_users;
    Mode m_mode;
    QSettings* m_settings;
    QComboBox* m_name;
    QLineEdit* m_displayName = nullptr;
    QLineEdit* m_password;
    QLineEdit* m_confirm = nullptr;
    QLabel* m_hint;
    QLabel* m_error;
    QPushButton* m_ok = nullptr;
    std::optional<User> m_user;
    int m_failures = 0;
};

} // namespace PumpWatch::Ui
