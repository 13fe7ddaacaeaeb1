// Users of a workstation and what their role allows. Passwords are never stored: each user has
// a random salt and PBKDF2-HMAC-SHA256 of the password (RFC 8018) with an iteration count kept
// per user, so it can be raised later without resetting passwords. The file is JSON:
//
//     {"version": 1, "users": [{"name": "zhangsan", "displayName": "张三", "role": "operator",
//       "kdf": "pbkdf2-sha256", "iterations": 60000, "salt": "…base64…", "hash": "…base64…"}]}
//
// and written atomically, readable by its owner only. Not thread-safe (the GUI thread owns it).
//
//     UserStore users = UserStore::load(path, &error).value();
//     if (const User* u = users.authenticate(u"zhangsan"_s, password)) session.login(*u);
#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace PumpWatch {

/// Ordered: each role may do what the ones before it may. A viewer (a manager, a guest in the
/// control room) sees everything and operates nothing.
enum class Role : quint8 { Viewer = 0, Operator, Engineer, Administrator };

QString roleCode(Role role); ///< "viewer", "operator", "engineer", "administrator"
std::optional<Role> parseRole(QStringView code);
QString roleDisplayName(Role role); ///< 只读用户 / 操作员 / 工程师 / 管理员

/// What a user does, as permissions are granted: view, operate equipment (start, stop, open,
/// close), change setpoints, configure (limits, project, drawings), administer (users).
enum class Action : quint8 { View, Operate, Setpoint, Configure, Administer };
QString actionCode(Action action); ///< "view", "operate", "setpoint", "configure", "administer"
/// The least role allowed to do `action`: view → viewer, operate and setpoint → operator,
/// configure → engineer, administer → administrator.
Role roleFor(Action action);

struct User {
    QString name;        ///< login name
    QString displayName; ///< shown and journaled: "张三"
    Role role = Role::Operator;
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;

    bool may(Role needed) const { return role >= needed; }
    bool may(Action action) const { return role >= roleFor(action); }
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

    /// Adds a user or replaces the password and role of an existing one.
    bool set(const QString& name, const QString& displayName, Role role, const QString& password,
             QString* error, int iterations = DefaultIterations);
    bool remove(QStringView name);
    /// The user when the password is right; null otherwise (the comparison takes the same time
    /// whichever byte differs).
    const User* authenticate(QStringView name, const QString& password) const;

    static QByteArray pbkdf2Sha256(const QByteArray& password, const QByteArray& salt,
                                   int iterations, int length);

private:
    QString m_path;
    std::vector<User> m_users;
};

} // namespace PumpWatch
