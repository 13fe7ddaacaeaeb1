// Users of a workstation, what their role allows (permissions.h) and the password rules.
// Passwords are never stored: each user has a random salt and PBKDF2-HMAC-SHA256 of the password
// (RFC 8018) with an iteration count kept per user, so it can be raised later without resetting
// passwords. The file is JSON:
//
//     {"version": 2, "users": [{"name": "zhangsan", "displayName": "张三", "role": "operator",
//       "department": "调度中心", "disabled": false, "failures": 0, "lockedUntil": 0,
//       "passwordChanged": 1765000000000, "mustChangePassword": false,
//       "kdf": "pbkdf2-sha256", "iterations": 60000, "salt": "…base64…", "hash": "…base64…"}],
//      "permissions": {"operator": ["alarm.ack", …], …}, "passwordPolicy": {"minLength": 8, …}}
//
// (version 1 files, without the later fields, are read with the defaults) and written
// atomically, readable by its owner only. Wrong passwords are counted in the file, so a lockout
// outlasts a restart. Not thread-safe (the GUI thread owns it). The operations an administrator
// takes change the store only: the caller saves it and writes the audit row.
//
//     UserStore users = UserStore::load(path, &error).value();
//     const LoginAttempt a = users.authenticate(u"zhangsan"_s, password, nowMs);
//     users.save(&error);
//     if (a.result == LoginResult::Ok) session.login(*a.user);
#pragma once

#include "permissions.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace PumpWatch {

struct User {
    QString name;        ///< login name
    QString displayName; ///< shown and journaled: "张三"
    QString department;  ///< 所在单位及科室
    Role role = Role::Operator;
    bool disabled = false;
    int failures = 0;         ///< wrong passwords in a row
    qint64 lockedUntilMs = 0; ///< locked until then (UTC ms); 0: not locked
    qint64 passwordChangedMs = 0;
    bool mustChangePassword = false; ///< set by an administrator's (re)set: changed at login
    int iterations = 0;
    QByteArray salt = {};
    QByteArray hash = {};

    bool isLocked(qint64 nowMs) const { return lockedUntilMs > nowMs; }
};

enum class LoginResult : quint8 { Ok, WrongPassword, Locked, Disabled };

struct LoginAttempt {
    LoginResult result = LoginResult::WrongPassword;
    const User* user = nullptr;   ///< the account named, when it exists
    bool lockedNow = false;       ///< this failure locked the account
    bool passwordExpired = false; ///< Ok, but the password must be changed first
};

class UserStore {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::UserStore)

public:
    static constexpr int DefaultIterations = 60'000;

    /// A missing file is an empty store; a broken one is an error naming the file.
    static std::optional<UserStore> load(const QString& path, QString* error);
    bool save(QString* error) const;

    const QString& path() const { return m_path; }
    bool isEmpty() const { return m_users.empty(); }
    const std::vector<User>& users() const { return m_users; }
    const User* find(QStringView name) const;

    const Permissions& permissions() const { return m_permissions; }
    void setPermissions(const Permissions& p) { m_permissions = p; }
    const PasswordPolicy& policy() const { return m_policy; }
    void setPolicy(const PasswordPolicy& p) { m_policy = p; }
    bool may(const User& user, Action action) const
    {
        return !user.disabled && m_permissions.allows(user.role, action);
    }

    /// Adds a user or replaces the password and role of an existing one, without the password
    /// rules (the demo's accounts, tests). An administrator's dialog uses add().
    bool set(const QString& name, const QString& displayName, Role role, const QString& password,
             QString* error, int iterations = DefaultIterations);
    bool remove(QStringView name);

    // What an administrator does. Each checks the rules and names the user in its error.
    /// A new account; with `mustChange` its user sets their own password at first login.
    bool add(const User& details, const QString& password, bool mustChange, qint64 nowMs,
             QString* error);
    bool setRole(QStringView name, Role role, QString* error);
    bool setDetails(QStringView name, const QString& displayName, const QString& department,
                    QString* error);
    bool setDisabled(QStringView name, bool disabled, QString* error);
    /// A new password the user must change at their next login; unlocks the account.
    bool resetPassword(QStringView name, const QString& password, qint64 nowMs, QString* error);
    bool unlock(QStringView name, QString* error);
    /// The user's own change: the old password must be right, the new one follow the rules
    /// and differ from the old.
    bool changePassword(QStringView name, const QString& oldPassword, const QString& newPassword,
                        qint64 nowMs, QString* error);

    /// Checks a login and counts it: a wrong password adds a failure and locks the account
    /// after policy().maxFailures; a right one clears them. A locked or disabled account is
    /// refused whatever the password (the comparison still runs, so timing tells nothing).
    LoginAttempt authenticate(QStringView name, const QString& password, qint64 nowMs);
    /// Whether `password` is `name`'s, changing nothing (the lock screen's re-check).
    bool checkPassword(QStringView name, const QString& password) const;

    static QByteArray pbkdf2Sha256(const QByteArray& password, const QByteArray& salt,
                                   int iterations, int length);

private:
    User* findMutable(QStringView name, QString* error);
    /// Would `name` (changed as `role`/`disabled` say) leave no enabled administrator?
    bool leavesNoAdministrator(QStringView name, Role role, bool disabled) const;
    static void setHash(User& u, const QString& password, int iterations);

    QString m_path;
    std::vector<User> m_users;
    Permissions m_permissions = Permissions::defaults();
    PasswordPolicy m_policy;
};

} // namespace PumpWatch
