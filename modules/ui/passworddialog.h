// PasswordDialog: a user's own password change (工作站 → 修改密码…): the current password, the new
// one twice, by the password rules; saved and audited as user.password.
#pragma once

#include "services.h"

#include <core/users.h>

#include <QDialog>

class QLabel;
class QLineEdit;

namespace PumpWatch::Ui {

/// A user's own password change (工作站 → 修改密码…): current, new, repeated; audited.
class PasswordDialog : public QDialog {
    Q_OBJECT

public:
    PasswordDialog(Services& services, UserStore& users, QWidget* parent = nullptr);
    void setPasswords(const QString& current, const QString& next, const QString& repeated);
    /// Changes the session user's password; accepts the dialog when done.
    bool tryChange();
    QString message() const;

private:
    Services& m_services;
    UserStore& m_store;
    QLineEdit* m_current;
    QLineEdit* m_next;
    QLineEdit* m_repeated;
    QLabel* m_message;
};

} // namespace PumpWatch::Ui
