// UserEditDialog: one account as an administrator adds or edits it, or gives it a new password
// (the user changes it at their next login). The password is typed twice; the rules are shown.
#pragma once

#include <core/users.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace PumpWatch::Ui {

class UserEditDialog : public QDialog {
    Q_OBJECT

public:
    enum class Mode : quint8 { Add, Edit, ResetPassword };

    UserEditDialog(Mode mode, const PasswordPolicy& policy, QWidget* parent = nullptr);
    void setDetails(const User& user);
    /// Login, names, department and role as entered.
    User details() const;
    QString password() const;
    /// Shows why the last try was refused; the dialog stays open for a correction.
    void setError(const QString& error);

private:
    void check();

    Mode m_mode;
    QLineEdit* m_login;
    QLineEdit* m_name;
    QLineEdit* m_department;
    QComboBox* m_role;
    QLineEdit* m_password;
    QLineEdit* m_repeated;
    QLabel* m_error;
};

} // namespace PumpWatch::Ui
