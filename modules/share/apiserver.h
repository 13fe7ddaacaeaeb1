// ApiServer: the data-sharing HTTP API (Qt HttpServer 6.4) on an address and port, answered
// from the history database by ApiHandler (apihandler.h: endpoints, tokens, the call log).
//
// It runs in a ServiceThread of its own: the listening socket, the HTTP parsing and the
// database connection all live there, so a slow query delays only other API calls, never the
// loop of the process hosting it (pumpwatch-server, a test, any program that has the project
// and the database URL). Requests are answered one after the other.
//
// Qt HttpServer is a technical preview in Qt 6.4 and speaks plain HTTP here: run the API on
// the utility's trusted network or behind a TLS reverse proxy (docs/data-sharing.md).
//
//     QString error;
//     auto api = Share::ApiServer::start(project, url, QHostAddress::Any, 8480, &error);
//     if (!api) qCritical() << error;
//     …                                   // answers until destroyed
//     api.reset();                        // stops listening and joins the thread
#pragma once

#include <core/project.h>
#include <core/servicethread.h>
#include <history/databaseurl.h>

#include <QCoreApplication>
#include <QHostAddress>

#include <memory>

namespace PumpWatch::Share {

class ApiHandler;
class HttpFront;

class ApiServer {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Share::ApiServer)

public:
    /// Starts the thread and listens on `address`:`port` (0: a free port, see port()). Returns
    /// null with `*error` when the port cannot be bound or the URL is invalid. The database
    /// need not be reachable yet: until it is, calls are answered 503 (and logged once it is
    /// back only in the server's log).
    static std::unique_ptr<ApiServer> start(const Project& project, const History::DatabaseUrl& url,
                                            const QHostAddress& address, quint16 port,
                                            QString* error);
    /// Stops listening, closes the database connection, joins the thread.
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    /// The port listened on.
    quint16 port() const { return m_port; }

private:
    ApiServer();

    ServiceThread m_thread;
    ApiHandler* m_handler = nullptr; ///< lives in m_thread
    HttpFront* m_front = nullptr;    ///< lives in m_thread, child of its context
    quint16 m_port = 0;
};

} // namespace PumpWatch::Share
