// DatabaseUrl: where history lives, as a user types it on a command line or in a settings file.
//
//     sqlite:/var/lib/pumpwatch/history.db        (or sqlite:history.db, relative to the cwd)
//     postgres://pumpwatch:secret@10.0.0.5:5432/pumpwatch   (postgresql:// too; port 5432 default)
//
// parse() explains what is wrong with a bad URL; display() never shows the password. Plain value
// type, any thread.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace PumpWatch::History {

enum class Engine : quint8 { Invalid = 0, Sqlite, Postgres };

struct DatabaseUrl {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::DatabaseUrl)

public:
    Engine engine = Engine::Invalid;
    QString path; ///< SQLite file
    QString host; ///< PostgreSQL
    int port = 5432;
    QString user;
    QString password;
    QString database;

    /// The URL, or nullopt with `*error` saying why.
    static std::optional<DatabaseUrl> parse(const QString& text, QString* error);
    /// "sqlite:/path/history.db" or "postgres://user@host:port/db", without the password.
    QString display() const;
};

} // namespace PumpWatch::History
