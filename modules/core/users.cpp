#include "users.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSaveFile>

#include <array>

namespace PumpWatch {

namespace {

constexpr int HashLength = 32;
constexpr std::array roles{Role::Viewer, Role::Operator, Role::Engineer, Role::Administrator};

} // namespace

QString roleCode(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Engineer:
        return QStringLiteral("engineer");
    case Role::Administrator:
        return QStringLiteral("administrator");
    }
    return {};
}

std::optional<Role> parseRole(QStringView code)
{
    for (Role r : roles) {
        if (code == roleCode(r))
            return r;
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return UserStore::tr("Viewer");
    case Role::Operator:
        return UserStore::tr("Operator");
    case Role::Engineer:
        return UserStore::tr("Engineer");
    case Role::Administrator:
        return UserStore::tr("Administrator");
    }
    return {};
}

QString actionCode(Action action)
{
    switch (action) {
    case Action::View:
        return QStringLiteral("view");
    case Action::Operate:
        return QStringLiteral("operate");
    case Action::Setpoint:
        return QStringLiteral("setpoint");
    case Action::Configure:
        return QStringLiteral("configure");
    case Action::Administer:
        return QStringLiteral("administer");
    }
    return {};
}

Role roleFor(Action action)
{
    switch (action) {
    case Action::View:
        return Role::Viewer;
    case Action::Operate:
    case Action::Setpoint:
        return Role::Operator;
    case Action::Configure:
        return Role::Engineer;
    case Action::Administer:
        return Role::Administrator;
    }
    return Role::Administrator;
}

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
    return store;
}

bool UserStore::save(QString* error) const
{
    QJsonArray users;
    for (const User& u : m_users) {
        users.append(QJsonObject{{QStringLiteral("name"), u.name},
                                 {QStringLiteral("displayName"), u.displayName},
                                 {QStringLiteral("role"), roleCode(u.role)},
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
    file.write(
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("users"), users}})
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
    u.iterations = iterations;
    u.salt.resize(16);
    QRandomGenerator::system()->generate(u.salt.begin(), u.salt.end());
    u.hash = pbkdf2Sha256(password.toUtf8(), u.salt, iterations, HashLength);
    for (User& existing : m_users) {
        if (existing.name == name) {
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

const User* UserStore::authenticate(QStringView name, const QString& password) const
{
    const User* u = find(name);
    if (!u)
        return nullptr;
    const QByteArray hash = pbkdf2Sha256(password.toUtf8(), u->salt, u->iterations, HashLength);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < HashLength; ++i)
        diff |= static_cast<unsigned char>(hash[i] ^ u->hash[i]);
    return diff == 0 ? u : nullptr;
}

} // namespace PumpWatch
