// ApiHandler: one HTTP API request in, one response out, and a row in api_calls for it. It
// knows nothing about sockets (ApiServer feeds it), so it can be reasoned about as a function
// of the request, the project and the database.
//
// Order of checks, each answered with JSON {"error": …} and logged:
//   GET only (405) → bearer token known and in force (401) → path known (404) → the token's
//   scope for the path (403, naming the scope) → parameters (400, naming the parameter) →
//   the database (503 when it cannot be reached; the log row is then lost, and said so in the
//   server's log).
// Error texts are English and not translated: they are part of the API, read by the other
// system's programmers, and must not change with the server's locale.
//
// Names, units, districts and zones come from the project given; values from the database. It
// lives in one thread (ApiServer's) and opens its database connection there, again after a
// failure.
#pragma once

#include "connection.h"

#include <core/project.h>

#include <QByteArray>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrl>

#include <optional>

namespace PumpWatch::Share {

struct ApiRequest {
    QByteArray method;        ///< "GET"
    QUrl url;                 ///< path and query as received
    QByteArray authorization; ///< the Authorization header's value
    QString remote;           ///< the client's address
};

struct ApiResponse {
    int status = 200;
    QByteArray body; ///< JSON, UTF-8
    int rows = 0;    ///< data rows returned (logged)
    QString token;   ///< the token's name when the token was known
};

class ApiHandler {
public:
    /// Longest answer of the history and alarm queries; a longer one is a 400 that says so.
    static constexpr int MaxRows = 10'000;

    ApiHandler(const Project& project, const History::DatabaseUrl& url);

    /// Answers `request` and logs it in api_calls.
    ApiResponse handle(const ApiRequest& request);

private:
    struct Failure {
        int status;
        QString message;
        QString parameter; ///< 400: the parameter at fault
        QString scope;     ///< 403: the scope the token lacks
    };
    using Result = std::optional<Failure>;

    ApiResponse answer(const ApiRequest& request);
    bool ensureOpen(QString* error);
    void log(const ApiRequest& request, const ApiResponse& response, qint64 startMs,
             double durationMs);

    Result stations(QJsonObject* out, int* rows);
    Result latestValues(const QUrlQuery& query, QJsonObject* out, int* rows);
    Result history(const QUrlQuery& query, QJsonObject* out, int* rows);
    Result alarms(const QUrlQuery& query, bool activeOnly, QJsonObject* out, int* rows);

    /// A time parameter: ISO 8601 with or without offset (the project's zone then), or a date.
    std::optional<qint64> time(const QUrlQuery& query, const QString& name, Result* failure) const;
    QString isoTime(qint64 ms) const;
    static Failure badParameter(const QString& name, const QString& message);
    Failure databaseFailure(const QString& error);

    Project m_project;
    QTimeZone m_zone;
    Connection m_connection;
};

} // namespace PumpWatch::Share
