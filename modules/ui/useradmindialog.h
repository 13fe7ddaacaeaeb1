// UserAdminDialog: an administrator's user management (工作站 → 用户和权限管理…). Three pages:
// - 用户: every account with its name, department, role and state (active, disabled, locked until
//   HH:mm, must change password); add, edit, reset password, disable/enable, unlock;
// - 角色权限: the action permissions of each role as a grid of check boxes;
// - 密码规则: length, letters and digits, failures before lockout, lockout time, password age.
//
// Every change is applied at once: the user file is saved, an audit row written (who, which
// user or role, old → new), and the session told, so a permission withdrawn from the role of the
// user on duty is withdrawn from the screen in front of them. A change the rules refuse is
// audited as refused. Without a database nothing can be audited, so nothing can be changed: the
// dialog then only shows the users and says why.
#pragma once

#include "services.h"

#include <core/users.h>

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTableWidgetItem;
class QTabWidget;

namespace PumpWatch::Ui {

class UserAdminDialog : public QDialog {
    Q_OBJECT

public:
    enum UserColumn { Login, Name, Department, RoleColumn, State, PasswordChanged, UserColumns };

    UserAdminDialog(Services& services, UserStore& users, QWidget* parent = nullptr);

    QTableWidget* userTable() const { return m_users; }
    QTableWidget* permissionGrid() const { return m_grid; }
    QTabWidget* tabs() const { return m_tabs; }
    /// Changes need an audit sink and a user who may manage users.
    bool canChange() const
    {
        return m_services.history != nullptr && m_services.session.may(Action::ManageUsers);
    }
    /// The last refusal or failure shown ("" after a success).
    QString message() const;

    // What the buttons and the grid do, each applied, saved and audited at once; false with
    // message() saying why.
    bool addUser(const User& details, const QString& password);
    bool editUser(const QString& login, const QString& displayName, const QString& department,
                  Role role);
    bool setDisabled(const QString& login, bool disabled);
    bool resetPassword(const QString& login, const QString& password);
    bool unlock(const QString& login);
    bool setPermission(Role role, Action action, bool allowed);
    bool setPolicy(const PasswordPolicy& policy);

private:
    /// Runs `change` on the store; saves, audits and refreshes. A refused change is audited
    /// with its reason; a save that fails reloads the file (nothing half-applied stays).
    bool apply(const QString& action, const QString& target, const QString& oldValue,
               const QString& newValue, const std::function<bool(QString*)>& change);
    QString stateText(const User& u) const;
    QString selectedLogin() const;
    void refresh();
    void showMessage(const QString& text, bool error);
    void onAdd();
    void onEdit();
    void onReset();
    void onGridChanged(QTableWidgetItem* item);
    QWidget* makeUsersPage();
    QWidget* makePermissionsPage();
    QWidget* makePolicyPage();

    Services& m_services;
    UserStore& m_store;
    QTabWidget* m_tabs;
    QLabel* m_message;
    QTableWidget* m_users = nullptr;
    QTableWidget* m_grid = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_disable = nullptr;
    QPushButton* m_unlock = nullptr;
    QSpinBox* m_minLength = nullptr;
    QCheckBox* m_lettersAndDigits = nullptr;
    QSpinBox* m_maxFailures = nullptr;
    QSpinBox* m_lockoutMinutes = nullptr;
    QSpinBox* m_maxAgeDays = nullptr;
    bool m_refreshing = false;
};

} // namespace PumpWatch::Ui
