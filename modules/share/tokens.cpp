#include "tokens.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

#include <array>

namespace PumpWatch::Share {

namespace {

TokenInfo tokenFromQuery(const QSqlQuery& q)
{
    TokenInfo t;
    t.name = q.value(0).toString();
    t.scopes = q.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    t.createdMs = q.value(2).toLongLong();
    t.createdBy = q.value(3).toString();
    t.revokedMs = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
    return t;
}

} // namespace

QStringList Tokens::knownScopes()
{
    return {QStringLiteral("stations:read"), QStringLiteral("values:read"),
            QStringLiteral("history:read"), QStringLiteral("alarms:read")};
}

QString Tokens::hash(const QByteArray& token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

QByteArray Tokens::generate()
{
    // QRandomGenerator::system() reads the kernel's generator (getrandom), fit for secrets.
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char*>(words.data()), sizeof(words))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> Tokens::add(QSqlDatabase& db, const QString& name,
                                      const QStringList& scopes, const QString& createdBy,
                                      qint64 nowMs, QString* error)
{
    if (name.trimmed().isEmpty()) {
        *error = tr("a token needs a name");
        return std::nullopt;
    }
    if (scopes.isEmpty()) {
        *error = tr("a token needs at least one scope (%1)").arg(knownScopes().join(u", "));
        return std::nullopt;
    }
    for (const QString& s : scopes) {
        if (!knownScopes().contains(s)) {
            *error = tr("unknown scope '%1' (known: %2)").arg(s, knownScopes().join(u", "));
            return std::nullopt;
        }
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM api_tokens WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    if (q.next()) {
        *error =
            tr("a token named '%1' exists already (revoked tokens keep their names)").arg(name);
        return std::nullopt;
    }
    q.finish();
    QStringList unique;
    for (const QString& s : scopes)
        if (!unique.contains(s))
            unique << s;
    const QByteArray token = generate();
    q.prepare(QStringLiteral("INSERT INTO api_tokens (name, hash, scopes, created_ms, "
                             "created_by) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(hash(token));
    q.addBindValue(unique.join(QLatin1Char(',')));
    q.addBindValue(nowMs);
    q.addBindValue(createdBy);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    return token;
}

std::optional<std::vector<TokenInfo>> Tokens::list(QSqlDatabase& db, QString* error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT name, scopes, created_ms, created_by, revoked_ms FROM "
                               "api_tokens ORDER BY name"))) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    std::vector<TokenInfo> out;
    while (q.next())
        out.push_back(tokenFromQuery(q));
    return out;
}

bool Tokens::revoke(QSqlDatabase& db, const QString& name, qint64 nowMs, QString* error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "UPDATE api_tokens SET revoked_ms = ? WHERE name = ? AND revoked_ms IS NULL"));
    q.addBindValue(nowMs);
    q.addBindValue(name);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    if (q.numRowsAffected() != 1) {
        *error = tr("no token named '%1' in force").arg(name);
        return false;
    }
    return true;
}

std::optional<TokenInfo> Tokens::find(QSqlDatabase& db, const QByteArray& token, bool* failed,
                                      QString* error)
{
    *failed = false;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT name, scopes, created_ms, created_by, revoked_ms FROM "
                             "api_tokens WHERE hash = ?"));
    q.addBindValue(hash(token));
    if (!q.exec()) {
        *failed = true;
        *error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return tokenFromQuery(q);
}

} // namespace PumpWatch::Share
