#include "databaseurl.h"

#include <QUrl>

namespace PumpWatch::History {

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString& text, QString* error)
{
    DatabaseUrl url;
    if (text.startsWith(u"sqlite:")) {
        url.engine = Engine::Sqlite;
        url.path = text.mid(7);
        if (url.path.startsWith(u"//"))
            url.path = url.path.mid(2); // sqlite:///abs/path
        if (url.path.isEmpty()) {
            *error = tr("%1: the SQLite URL names no file (sqlite:PATH)").arg(text);
            return std::nullopt;
        }
        return url;
    }
    if (!text.startsWith(u"postgres://") && !text.startsWith(u"postgresql://")) {
        *error = tr("%1: not a database URL; use sqlite:PATH or postgres://user@host:port/database")
                     .arg(text);
        return std::nullopt;
    }
    const QUrl parsed(text, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        *error =
            tr("%1: not a valid PostgreSQL URL (postgres://user@host:port/database)").arg(text);
        return std::nullopt;
    }
    url.engine = Engine::Postgres;
    url.host = parsed.host();
    url.port = parsed.port(5432);
    url.user = parsed.userName();
    url.password = parsed.password();
    url.database = parsed.path().mid(1);
    if (url.database.isEmpty()) {
        *error = tr("%1: the PostgreSQL URL names no database (…/database)").arg(text);
        return std::nullopt;
    }
    return url;
}

QString DatabaseUrl::display() const
{
    switch (engine) {
    case Engine::Sqlite:
        return QStringLiteral("sqlite:") + path;
    case Engine::Postgres:
        return QStringLiteral("postgres://%1%2:%3/%4")
            .arg(user.isEmpty() ? QString() : user + u'@', host)
            .arg(port)
            .arg(database);
    case Engine::Invalid:
        break;
    }
    return {};
}

} // namespace PumpWatch::History
