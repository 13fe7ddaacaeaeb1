#include "users.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace PumpWatch {

namespace {

constexpr int HashLength = 32;

bool sameBytes(const QByteArray& a, const QByteArray& b)
{
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

QByteArray UserStore::pbkdf2Sha256(const QByteArray& password, const QByteArray& salt,
                                   int iterations, int length)
{
    QByteArray out;
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, password);
    for (quint32 block = 1; out.size() < length; ++block) {
        QByteArray counter(4, '\0');
        counter[0] = char(block >> 24);
        counter[1] = char(block >> 16);
        counter[2] = char(block >> 8);
        counter[3] = char(block);
        mac.reset();
        mac.addData(salt);
        mac.addData(counter);
        QByteArray u = mac.result();
        QByteArray t = u;
        for (int i = 1; i < iterations; ++i) {
            mac.reset();
            mac.addData(u);
            u = mac.result();
            for (qsizetype j = 0; j < t.size(); ++j)
                t[j] = char(t[j] ^ u[j]);
        }
        out += t;
    }
    return out.left(length);
}

std::optional<UserStore> UserStore::load(const QString& path, QString* error)
{
    UserStore store;
    store.m_path = path;
    QFile file(path);
    if (!file.exists())
        return store;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot read the users: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = tr("%1: at byte %2: %3").arg(path).arg(parse.offset).arg(parse.errorString());
        return std::nullopt;
    }
    const QJsonArray users = doc.object().value(u"users").toArray();
    for (qsizetype i = 0; i < users.size(); ++i) {
        const QJsonObject o = users[i].toObject();
        User u;
        u.name = o.value(u"name").toString();
        u.displayName = o.value(u"displayName").toString(u.name);
        u.department = o.value(u"department").toString();
        u.disabled = o.value(u"disabled").toBool();
        u.failures = o.value(u"failures").toInt();
        u.lockedUntilMs = o.value(u"lockedUntil").toInteger();
        u.passwordChangedMs = o.value(u"passwordChanged").toInteger();
        u.mustChangePassword = o.value(u"mustChangePassword").toBool();
        const auto role = parseRole(o.value(u"role").toString());
        u.iterations = o.value(u"iterations").toInt();
        u.salt = QByteArray::fromBase64(o.value(u"salt").toString().toLatin1());
        u.hash = QByteArray::fromBase64(o.value(u"hash").toString().toLatin1());
        if (u.name.isEmpty() || !role || o.value(u"kdf").toString() != u"pbkdf2-sha256" ||
            u.iterations < 1 || u.salt.size() < 8 || u.hash.size() != HashLength) {
            *error = tr("%1: users[%2] is incomplete (name, role, kdf, iterations, salt, hash)")
                         .arg(path)
                         .arg(i);
            return std::nullopt;
        }
        u.role = *role;
        store.m_users.push_back(std::move(u));
    }
    const QJsonObject root = doc.object();
    QString why;
    const auto permissions = Permissions::fromJson(root.value(u"permissions").toObject(), &why);
    const auto policy =
        permissions ? PasswordPolicy::fromJson(root.value(u"passwordPolicy").toObject(), &why)
                    : std::nullopt;
    if (!permissions || !policy) {
        *error = tr("%1: %2").arg(path, why);
        return std::nullopt;
    }
    store.m_permissions = *permissions;
    store.m_policy = *policy;
    return store;
}

bool UserStore::save(QString* error) const
{
    QJsonArray users;
    for (const User& u : m_users) {
        users.append(QJsonObject{{QStringLiteral("name"), u.name},
                                 {QStringLiteral("displayName"), u.displayName},
                                 {QStringLiteral("role"), roleCode(u.role)},
                                 {QStringLiteral("department"), u.department},
                                 {QStringLiteral("disabled"), u.disabled},
                                 {QStringLiteral("failures"), u.failures},
                                 {QStringLiteral("lockedUntil"), u.lockedUntilMs},
                                 {QStringLiteral("passwordChanged"), u.passwordChangedMs},
                                 {QStringLiteral("mustChangePassword"), u.mustChangePassword},
                                 {QStringLiteral("kdf"), QStringLiteral("pbkdf2-sha256")},
                                 {QStringLiteral("iterations"), u.iterations},
                                 {QStringLiteral("salt"), QString::fromLatin1(u.salt.toBase64())},
                                 {QStringLiteral("hash"), QString::fromLatin1(u.hash.toBase64())}});
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: cannot write the users: %2").arg(m_path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 2},
                                         {QStringLiteral("users"), users},
                                         {QStringLiteral("permissions"), m_permissions.toJson()},
                                         {QStringLiteral("passwordPolicy"), m_policy.toJson()}})
                   .toJson());
    if (!file.commit()) {
        *error = tr("%1: cannot write the users: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

const User* UserStore::find(QStringView name) const
{
    for (const User& u : m_users) {
        if (u.name == name)
            return &u;
    }
    return nullptr;
}

User* UserStore::findMutable(QStringView name, QString* error)
{
    for (User& u : m_users) {
        if (u.name == name)
            return &u;
    }
    *error = tr("There is no user %1.").arg(name);
    return nullptr;
}

void UserStore::setHash(User& u, const QString& password, int iterations)
{
    u.iterations = iterations;
    u.salt.resize(16);
    QRandomGenerator::system()->generate(u.salt.begin(), u.salt.end());
    u.hash = pbkdf2Sha256(password.toUtf8(), u.salt, iterations, HashLength);
}

bool UserStore::set(const QString& name, const QString& displayName, Role role,
                    const QString& password, QString* error, int iterations)
{
    if (name.trimmed().isEmpty() || name.trimmed() != name) {
        *error = tr("a user name must not be empty or start or end with a space");
        return false;
    }
    if (password.size() < 4) {
        *error = tr("the password of %1 must have at least 4 characters").arg(name);
        return false;
    }
    User u;
    u.name = name;
    u.displayName = displayName.isEmpty() ? name : displayName;
    u.role = role;
    u.passwordChangedMs = QDateTime::currentMSecsSinceEpoch();
    setHash(u, password, iterations);
    for (User& existing : m_users) {
        if (existing.name == name) {
            u.department = existing.department;
            existing = std::move(u);
            return true;
        }
    }
    m_users.push_back(std::move(u));
    return true;
}

bool UserStore::remove(QStringView name)
{
    return std::erase_if(m_users, [&](const User& u) { return u.name == name; }) > 0;
}

bool UserStore::leavesNoAdministrator(QStringView name, Role role, bool disabled) const
{
    return std::none_of(m_users.begin(), m_users.end(), [&](const User& u) {
        const bool changed = u.name == name;
        return (changed ? role : u.role) == Role::Administrator &&
               !(changed ? disabled : u.disabled);
    });
}

bool UserStore::add(const User& details, const QString& password, bool mustChange, qint64 nowMs,
                    QString* error)
{
    const QString& name = details.name;
    static const QRegularExpression loginPattern(QStringLiteral("^[A-Za-z0-9._-]{2,32}$"));
    if (!loginPattern.match(name).hasMatch()) {
        *error = tr("“%1”: a login name has 2 to 32 letters, digits, “.”, “_” or “-”.").arg(name);
        return false;
    }
    if (find(name)) {
        *error = tr("The user %1 already exists.").arg(name);
        return false;
    }
    if (const auto why = m_policy.reject(name, password)) {
        *error = *why;
        return false;
    }
    User u;
    u.name = name;
    u.displayName = details.displayName.trimmed().isEmpty() ? name : details.displayName.trimmed();
    u.department = details.department.trimmed();
    u.role = details.role;
    u.passwordChangedMs = nowMs;
    u.mustChangePassword = mustChange;
    setHash(u, password, DefaultIterations);
    m_users.push_back(std::move(u));
    return true;
}

bool UserStore::setRole(QStringView name, Role role, QString* error)
{
    User* u = findMutable(name, error);
    if (!u)
        return false;
    if (leavesNoAdministrator(name, role, u->disabled)) {
        *error = tr("%1 is the last administrator: another must exist first.").arg(name);
        return false;
    }
    u->role = role;
    return true;
}

bool UserStore::setDetails(QStringView name, const QString& displayName, const QString& department,
                           QString* error)
{
    User* u = findMutable(name, error);
    if (!u)
        return false;
    u->displayName = displayName.trimmed().isEmpty() ? u->name : displayName.trimmed();
    u->department = department.trimmed();
    return true;
}

bool UserStore::setDisabled(QStringView name, bool disabled, QString* error)
{
    User* u = findMutable(name, error);
    if (!u)
        return false;
    if (disabled && leavesNoAdministrator(name, u->role, true)) {
        *error = tr("%1 is the last administrator: another must exist first.").arg(name);
        return false;
    }
    u->disabled = disabled;
    return true;
}

bool UserStore::resetPassword(QStringView name, const QString& password, qint64 nowMs,
                              QString* error)
{
    User* u = findMutable(name, error);
    if (!u)
        return false;
    if (const auto why = m_policy.reject(u->name, password)) {
        *error = *why;
        return false;
    }
    setHash(*u, password, DefaultIterations);
    u->passwordChangedMs = nowMs;
    u->mustChangePassword = true;
    u->failures = 0;
    u->lockedUntilMs = 0;
    return true;
}

bool UserStore::unlock(QStringView name, QString* error)
{
    User* u = findMutable(name, error);
    if (!u)
        return false;
    u->failures = 0;
    u->lockedUntilMs = 0;
    return true;
}

bool UserStore::changePassword(QStringView name, const QString& oldPassword,
                               const QString& newPassword, qint64 nowMs, QString* error)
{
    User* u = findMutable(name, error);
    if (!u)
        return false;
    if (!checkPassword(name, oldPassword)) {
        *error = tr("The current password is wrong.");
        return false;
    }
    if (newPassword == oldPassword) {
        *error = tr("The new password must differ from the current one.");
        return false;
    }
    if (const auto why = m_policy.reject(u->name, newPassword)) {
        *error = *why;
        return false;
    }
    setHash(*u, newPassword, std::max(u->iterations, int(DefaultIterations)));
    u->passwordChangedMs = nowMs;
    u->mustChangePassword = false;
    return true;
}

bool UserStore::checkPassword(QStringView name, const QString& password) const
{
    const User* u = find(name);
    return u &&
           sameBytes(pbkdf2Sha256(password.toUtf8(), u->salt, u->iterations, HashLength), u->hash);
}

LoginAttempt UserStore::authenticate(QStringView name, const QString& password, qint64 nowMs)
{
    LoginAttempt a;
    QString ignored;
    User* u = findMutable(name, &ignored);
    if (!u)
        return a;
    a.user = u;
    const bool right = checkPassword(name, password);
    if (u->disabled) {
        a.result = LoginResult::Disabled;
    } else if (u->isLocked(nowMs)) {
        a.result = LoginResult::Locked;
    } else if (!right) {
        a.result = LoginResult::WrongPassword;
        // A lock that has run out starts a new count.
        if (u->lockedUntilMs != 0) {
            u->lockedUntilMs = 0;
            u->failures = 0;
        }
        if (++u->failures >= m_policy.maxFailures) {
            u->lockedUntilMs = nowMs + qint64(m_policy.lockoutMinutes) * 60'000;
            a.lockedNow = true;
        }
    } else {
        a.result = LoginResult::Ok;
        u->failures = 0;
        u->lockedUntilMs = 0;
        a.passwordExpired = u->mustChangePassword || (m_policy.maxAgeDays > 0 &&
                                                      nowMs - u->passwordChangedMs >
                                                          qint64(m_policy.maxAgeDays) * 86'400'000);
    }
    return a;
}

} // namespace PumpWatch
