// Tokens: the bearer tokens of the HTTP API and what each may read.
//
// A token is 32 random bytes from the system's generator, base64url without padding (43
// characters). It is shown once, when it is made; api_tokens keeps its SHA-256 (hex) with a
// unique name, its scopes, when and by whom it was made and when it was revoked — so a copy of
// the database gives nobody a working token. A revoked token keeps its row (and its name), so
// the call log's token names stay meaningful.
//
// Scopes (one per kind of data, read only — there is nothing to write through the API):
//   stations:read  values:read  history:read  alarms:read
//
// Every function takes an open Connection's database (connection.h); one thread.
#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>
#include <vector>

namespace PumpWatch::Share {

struct TokenInfo {
    QString name;
    QStringList scopes;
    qint64 createdMs = 0;
    QString createdBy;
    qint64 revokedMs = 0; ///< 0: in force
};

class Tokens {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Share::Tokens)

public:
    static QStringList knownScopes();
    /// SHA-256 of the token text, hex: what api_tokens stores.
    static QString hash(const QByteArray& token);
    /// 32 random bytes, base64url without padding.
    static QByteArray generate();

    /// Makes a token named `name` with `scopes` and returns it (the only time it is seen), or
    /// nullopt with `*error`: an unknown scope, no scope, or the name is taken (revoked tokens
    /// keep theirs).
    static std::optional<QByteArray> add(QSqlDatabase& db, const QString& name,
                                         const QStringList& scopes, const QString& createdBy,
                                         qint64 nowMs, QString* error);
    /// All tokens, revoked ones included, by name.
    static std::optional<std::vector<TokenInfo>> list(QSqlDatabase& db, QString* error);
    /// Revokes the token `name`; false with `*error` when there is none or it is revoked already.
    static bool revoke(QSqlDatabase& db, const QString& name, qint64 nowMs, QString* error);
    /// The token whose hash matches, revoked or not; nullopt when unknown. `*failed` is set when
    /// the database could not be asked.
    static std::optional<TokenInfo> find(QSqlDatabase& db, const QByteArray& token, bool* failed,
                                         QString* error);
};

} // namespace PumpWatch::Share
