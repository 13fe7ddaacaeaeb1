#include "apiserver.h"

#include "apihandler.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpSocket>

namespace PumpWatch::Share {

/// The HTTP side: every request, whatever its path, goes to the handler, so unknown paths and
/// refusals are answered (and logged) the same way as data.
class HttpFront : public QAbstractHttpServer {
public:
    HttpFront(ApiHandler* handler, QObject* parent)
        : QAbstractHttpServer(parent)
        , m_handler(handler)
    {}

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        ApiRequest r;
        const char* method =
            QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()));
        r.method = method ? QByteArray(method).toUpper() : QByteArray("UNKNOWN");
        r.url = request.url();
        for (const auto& [key, value] : request.headers())
            if (key.compare("authorization", Qt::CaseInsensitive) == 0)
                r.authorization = value;
        r.remote = request.remoteAddress().toString();
        const ApiResponse response = m_handler->handle(r);
        QHttpServerResponder responder = makeResponder(request, socket);
        const auto status = QHttpServerResponder::StatusCode(response.status);
        if (response.status == 401)
            responder.write(response.body,
                            {{"Content-Type", "application/json; charset=utf-8"},
                             {"WWW-Authenticate", "Bearer realm=\"pumpwatch\""},
                             {"Cache-Control", "no-store"}},
                            status);
        else
            responder.write(response.body,
                            {{"Content-Type", "application/json; charset=utf-8"},
                             {"Cache-Control", "no-store"}},
                            status);
        return true;
    }

    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

private:
    ApiHandler* m_handler;
};

ApiServer::ApiServer()
    : m_thread(QStringLiteral("share-api"))
{}

std::unique_ptr<ApiServer> ApiServer::start(const Project& project, const History::DatabaseUrl& url,
                                            const QHostAddress& address, quint16 port,
                                            QString* error)
{
    if (url.engine == History::Engine::Invalid) {
        *error = tr("the data sharing API needs a database");
        return nullptr;
    }
    std::unique_ptr<ApiServer> server(new ApiServer);
    ApiServer* s = server.get();
    s->m_thread.start([&](QObject* context) {
        s->m_handler = new ApiHandler(project, url);
        s->m_front = new HttpFront(s->m_handler, context);
        s->m_port = s->m_front->listen(address, port);
    });
    if (s->m_port == 0) {
        *error = tr("the data sharing API cannot listen on %1 port %2")
                     .arg(address.toString())
                     .arg(port);
        return nullptr; // the destructor stops the thread
    }
    return server;
}

ApiServer::~ApiServer()
{
    m_thread.stop([this] {
        delete m_front;
        m_front = nullptr;
        delete m_handler;
        m_handler = nullptr;
    });
}

} // namespace PumpWatch::Share
