#include "mqttclient.h"

#include "mqttlog.h"

#include <QDateTime>
#include <QFile>
#include <QPointer>
#include <QScopeGuard>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <mutex>
#include <random>
#include <sys/socket.h>
#include <thread>
#include <unordered_set>
#include <vector>

namespace PumpWatch::Mqtt {

namespace {

std::once_flag libInitOnce;
/// How long received messages wait to be handed to the owner together (see wakeOwner()).
constexpr int DeliveryDelayMs = 10;

QString text(const char* s)
{
    return QString::fromUtf8(s);
}

} // namespace

/// libmosquitto's error codes a dispatcher meets, in words (its own texts are English only).
QString Client::reasonText(int rc)
{
    switch (rc) {
    case MOSQ_ERR_CONN_LOST:
        return tr("the connection was lost");
    case MOSQ_ERR_KEEPALIVE:
        return tr("the broker did not answer within the keep-alive");
    case MOSQ_ERR_NO_CONN:
        return tr("not connected");
    case MOSQ_ERR_CONN_REFUSED:
        return tr("the broker refused the connection");
    case MOSQ_ERR_AUTH:
        return tr("not authorised");
    case MOSQ_ERR_TLS:
        return tr("TLS error");
    case MOSQ_ERR_EAI:
        return tr("the host name cannot be resolved");
    case MOSQ_ERR_PROTOCOL:
        return tr("protocol error");
    case MOSQ_ERR_ERRNO:
        return qt_error_string(errno);
    default:
        return text(mosquitto_strerror(rc));
    }
}

struct Client::Private {
    /// A connection event between two runs of messages: it applies after `position` messages.
    struct Event {
        std::size_t position;
        bool up;
        QString reason;
        std::optional<Will> will; ///< up: the Will of the CONNECT
    };

    ClientOptions options;
    Client* q = nullptr;
    mosquitto* mosq = nullptr;
    QString createError; // mosquitto_new refused the options
    bool configured = false;

    // Owner thread only.
    std::function<void(std::span<const Message>)> handler;
    bool connected = false;
    bool delivering = false;
    QString lastError;
    std::optional<Will> sessionWill;

    // Network thread → owner: messages and events, in order.
    std::mutex queueMutex;
    std::vector<Message> messages;
    std::vector<Event> events;

    // The subscriptions, and whether the network thread has a session to send them on.
    std::mutex subMutex;
    std::vector<std::pair<QByteArray, int>> subscriptions;
    bool sessionUp = false;

    // close(last…): the mids libmosquitto reported sent (QoS 0) or acknowledged.
    std::mutex pubMutex;
    std::condition_variable pubDone;
    bool collectMids = false;
    std::unordered_set<int> doneMids;

    // The network thread.
    std::thread thread;
    std::atomic<bool> stop{false};
    std::atomic<bool> abortSession{false};
    std::mutex sleepMutex;
    std::condition_variable wake;
    int nextDelayMs = 0;
    std::optional<Will> attemptWill; // the Will of the CONNECT being attempted
    bool failureReported = false;    // this attempt's failure already queued
    std::minstd_rand random{std::random_device{}()};

    std::atomic<quint64> received{0}, receivedBytes{0}, published{0}, connects{0}, disconnects{0},
        dropped{0};

    void push(Message&& message)
    {
        std::unique_lock lock(queueMutex);
        const bool wasEmpty = messages.empty() && events.empty();
        messages.push_back(std::move(message));
        lock.unlock();
        if (wasEmpty)
            wakeOwner();
    }
    void push(bool up, const QString& reason, std::optional<Will> will = {})
    {
        std::unique_lock lock(queueMutex);
        const bool wasEmpty = messages.empty() && events.empty();
        events.push_back({messages.size(), up, reason, std::move(will)});
        lock.unlock();
        if (wasEmpty)
            wakeOwner();
    }
    void wakeOwner()
    {
        // Not at once: gateways spread their messages over the second (2000 a second arrive
        // 0.5 ms apart), so each would be a batch of one, costing the owner's thread an
        // event-loop turn and two context switches. A few ms later they come in batches
        // (bench_gateways).
        QMetaObject::invokeMethod(
            q, [c = q] { QTimer::singleShot(DeliveryDelayMs, c, [c] { c->deliver(); }); },
            Qt::QueuedConnection);
    }

    bool configure();
    void run();
    void sleepBeforeRetry();

    static void onConnect(mosquitto*, void* obj, int rc, int, const mosquitto_property*);
    static void onDisconnect(mosquitto*, void* obj, int rc, const mosquitto_property*);
    static void onMessage(mosquitto*, void* obj, const mosquitto_message* m,
                          const mosquitto_property*);
    static void onPublish(mosquitto*, void* obj, int mid, int, const mosquitto_property*);
};

// --- network thread -------------------------------------------------------------------------

void Client::Private::onConnect(mosquitto* mosq, void* obj, int rc, int, const mosquitto_property*)
{
    auto* d = static_cast<Private*>(obj);
    if (rc != 0) {
        // MQTT 3.1.1 CONNACK codes 1…5 as their MQTT 5 reason codes, for one wording.
        static constexpr int v5Codes[] = {0, 0x84, 0x85, 0x88, 0x86, 0x87};
        if (!d->options.mqtt5 && rc > 0 && rc <= 5)
            rc = v5Codes[rc];
        const char* why = mosquitto_reason_string(rc);
        d->push(false, Client::tr("connection refused: %1").arg(text(why)));
        d->failureReported = true;
        return;
    }
    d->nextDelayMs = 0;
    {
        std::lock_guard lock(d->subMutex);
        d->sessionUp = true;
        for (const auto& [filter, qos] : d->subscriptions)
            mosquitto_subscribe(mosq, nullptr, filter.constData(), qos);
    }
    d->connects.fetch_add(1, std::memory_order_relaxed);
    d->push(true, {}, d->attemptWill);
}

void Client::Private::onDisconnect(mosquitto*, void* obj, int rc, const mosquitto_property*)
{
    auto* d = static_cast<Private*>(obj);
    bool wasUp;
    {
        std::lock_guard lock(d->subMutex);
        wasUp = std::exchange(d->sessionUp, false);
    }
    if (wasUp || !d->failureReported) {
        const QString why = reasonText(rc);
        d->push(false, rc == MOSQ_ERR_SUCCESS ? Client::tr("closed")
                       : wasUp                ? Client::tr("lost: %1").arg(why)
                                              : Client::tr("cannot connect: %1").arg(why));
        d->failureReported = true;
    }
}

void Client::Private::onMessage(mosquitto*, void* obj, const mosquitto_message* m,
                                const mosquitto_property*)
{
    auto* d = static_cast<Private*>(obj);
    if (m->payloadlen > d->options.maxMessageBytes) {
        const quint64 n = d->dropped.fetch_add(1, std::memory_order_relaxed) + 1;
        // Logged at the 1st, 2nd, 4th, 8th … : a gateway sending them every second must not
        // flood the log.
        if ((n & (n - 1)) == 0)
            qCWarning(lcMqtt) << "dropped a message of" << m->payloadlen << "bytes (limit"
                              << d->options.maxMessageBytes << ") on" << m->topic << "(" << n
                              << "so far)";
        return;
    }
    d->push(Message{QByteArray(m->topic),
                    QByteArray(static_cast<const char*>(m->payload), m->payloadlen), m->qos,
                    m->retain, QDateTime::currentMSecsSinceEpoch()});
}

void Client::Private::onPublish(mosquitto*, void* obj, int mid, int, const mosquitto_property*)
{
    auto* d = static_cast<Private*>(obj);
    std::lock_guard lock(d->pubMutex);
    if (d->collectMids) {
        d->doneMids.insert(mid);
        d->pubDone.notify_all();
    }
}

void Client::Private::sleepBeforeRetry()
{
    const int base = std::max(1, options.reconnectMinMs);
    nextDelayMs = nextDelayMs == 0 ? base : std::min(nextDelayMs * 2, options.reconnectMaxMs);
    const int delay =
        std::uniform_int_distribution<int>(nextDelayMs * 8 / 10, nextDelayMs * 12 / 10)(random);
    std::unique_lock lock(sleepMutex);
    wake.wait_for(lock, std::chrono::milliseconds(delay), [this] { return stop.load(); });
}

void Client::Private::run()
{
    using Clock = std::chrono::steady_clock;
    Clock::time_point stopDeadline{};
    const QByteArray host = options.host.toUtf8();
    // A new connection after every error, even one that left the socket open (a TLS failure),
    // and at the start (abort() leaves its socket shut down but open).
    bool connectNow = true;
    for (;;) {
        if (stop) {
            if (abortSession)
                break; // abort() shut the socket down: no DISCONNECT
            // Keep looping until the DISCONNECT queued by stopNetwork() is written.
            if (stopDeadline == Clock::time_point{})
                stopDeadline = Clock::now() + std::chrono::milliseconds(500);
            if (mosquitto_socket(mosq) < 0 || Clock::now() > stopDeadline)
                break;
        } else if (connectNow || mosquitto_socket(mosq) < 0) {
            failureReported = false;
            if (options.makeWill) {
                // Here, not on the owner's thread: libmosquitto reads its Will unlocked.
                Will w = options.makeWill();
                mosquitto_will_set(mosq, w.topic.constData(), int(w.payload.size()),
                                   w.payload.constData(), w.qos, w.retain);
                attemptWill = std::move(w);
            }
            // Non-blocking TCP connect; the keepalive bounds the wait for the CONNACK. The
            // MQTT 5 CONNECT properties were stored by configure().
            const int rc = mosquitto_connect_bind_async(mosq, host.constData(), options.port,
                                                        options.keepAliveS, nullptr);
            if (rc != MOSQ_ERR_SUCCESS) {
                if (!failureReported) // once per series of attempts: no log or signal flood
                    push(false, Client::tr("cannot connect: %1").arg(reasonText(rc)));
                failureReported = true;
                sleepBeforeRetry();
                continue;
            }
            connectNow = false;
        }
        const int rc = mosquitto_loop(mosq, 1000, 1);
        if (rc != MOSQ_ERR_SUCCESS && !stop) {
            // Errors that close the socket reported themselves through onDisconnect; the rest
            // (a TLS handshake failure) did not.
            if (!failureReported)
                onDisconnect(mosq, this, rc, nullptr);
            connectNow = true;
            sleepBeforeRetry();
        }
    }
}

bool Client::Private::configure()
{
    if (!mosq) {
        lastError = createError;
        return false;
    }
    if (configured)
        return true;
    auto fail = [this](const QString& what, int rc) {
        lastError = QStringLiteral("%1: %2").arg(what, text(mosquitto_strerror(rc)));
        return false;
    };
    int rc = mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION,
                                  options.mqtt5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311);
    if (rc == MOSQ_ERR_SUCCESS && !options.user.isEmpty())
        rc = mosquitto_username_pw_set(mosq, options.user.toUtf8().constData(),
                                       options.password.toUtf8().constData());
    if (rc != MOSQ_ERR_SUCCESS)
        return fail(QStringLiteral("MQTT"), rc);
    if (options.tls.enabled) {
        const QByteArray ca = QFile::encodeName(options.tls.caFile);
        const QByteArray cert = QFile::encodeName(options.tls.certFile);
        const QByteArray key = QFile::encodeName(options.tls.keyFile);
        rc = mosquitto_tls_set(mosq, ca.isEmpty() ? nullptr : ca.constData(), nullptr,
                               cert.isEmpty() ? nullptr : cert.constData(),
                               key.isEmpty() ? nullptr : key.constData(), nullptr);
        if (rc == MOSQ_ERR_SUCCESS)
            rc = mosquitto_tls_insecure_set(mosq, !options.tls.verifyHost);
        if (rc != MOSQ_ERR_SUCCESS)
            return fail(Client::tr("TLS (CA %1, certificate %2, key %3)")
                            .arg(options.tls.caFile, options.tls.certFile, options.tls.keyFile),
                        rc);
    }
    attemptWill = options.will;
    if (options.will) {
        const Will& w = *options.will;
        rc = mosquitto_will_set(mosq, w.topic.constData(), int(w.payload.size()),
                                w.payload.constData(), w.qos, w.retain);
        if (rc != MOSQ_ERR_SUCCESS)
            return fail(Client::tr("Will on %1").arg(QString::fromUtf8(w.topic)), rc);
    }
    if (options.mqtt5 && !options.cleanSession) {
        // A persistent MQTT 5 session needs a Session Expiry Interval in every CONNECT. Only
        // mosquitto_connect_bind_v5 (blocking) takes CONNECT properties; it stores them before
        // it validates the port (lib/connect.c, 2.0.x), and every later (async) connect sends
        // them. So it is called with port -1, which stores and returns MOSQ_ERR_INVAL.
        mosquitto_property* props = nullptr;
        mosquitto_property_add_int32(&props, MQTT_PROP_SESSION_EXPIRY_INTERVAL,
                                     options.sessionExpiryS);
        rc = mosquitto_connect_bind_v5(mosq, "127.0.0.1", -1, options.keepAliveS, nullptr, props);
        mosquitto_property_free_all(&props);
        if (rc != MOSQ_ERR_INVAL)
            return fail(QStringLiteral("MQTT 5 session expiry"), rc);
    }
    mosquitto_threaded_set(mosq, true);
    mosquitto_connect_v5_callback_set(mosq, &Private::onConnect);
    mosquitto_disconnect_v5_callback_set(mosq, &Private::onDisconnect);
    mosquitto_message_v5_callback_set(mosq, &Private::onMessage);
    mosquitto_publish_v5_callback_set(mosq, &Private::onPublish);
    configured = true;
    return true;
}

// --- owner thread ---------------------------------------------------------------------------

Client::Client(ClientOptions options, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    std::call_once(libInitOnce, [] { mosquitto_lib_init(); });
    d->options = std::move(options);
    d->q = this;
    const QByteArray id = d->options.clientId.toUtf8();
    d->mosq =
        mosquitto_new(id.isEmpty() ? nullptr : id.constData(), d->options.cleanSession, d.get());
    if (!d->mosq)
        d->createError =
            tr("cannot create an MQTT client (a persistent session needs a client id)");
}

Client::~Client()
{
    stopNetwork(true);
    if (d->mosq)
        mosquitto_destroy(d->mosq);
}

std::optional<QString> Client::readPasswordFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("cannot read the password file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return QString::fromUtf8(file.readLine()).trimmed();
}

void Client::setMessageHandler(std::function<void(std::span<const Message>)> handler)
{
    d->handler = std::move(handler);
}

void Client::subscribe(const QByteArray& filter, int qos)
{
    std::lock_guard lock(d->subMutex);
    d->subscriptions.emplace_back(filter, qos);
    if (d->sessionUp && d->mosq)
        mosquitto_subscribe(d->mosq, nullptr, filter.constData(), qos);
}

bool Client::open()
{
    if (d->thread.joinable())
        return true;
    if (!d->configure())
        return false;
    d->stop = false;
    d->abortSession = false;
    d->nextDelayMs = 0;
    d->thread = std::thread([p = d.get()] { p->run(); });
    return true;
}

void Client::stopNetwork(bool sendDisconnect)
{
    if (!d->thread.joinable())
        return;
    d->abortSession = !sendDisconnect;
    {
        std::lock_guard lock(d->sleepMutex);
        d->stop = true;
    }
    d->wake.notify_all();
    if (sendDisconnect) {
        mosquitto_disconnect(d->mosq); // queues the DISCONNECT and wakes the loop's select()
    } else if (const int fd = mosquitto_socket(d->mosq); fd >= 0) {
        // The broker sees the connection end without a DISCONNECT and publishes the Will; the
        // loop's select() wakes on the end of stream.
        ::shutdown(fd, SHUT_RDWR);
    }
    d->thread.join();
    std::lock_guard lock(d->subMutex);
    d->sessionUp = false;
}

void Client::endSession(const QString& reason)
{
    if (!d->connected)
        return;
    d->connected = false;
    d->disconnects.fetch_add(1, std::memory_order_relaxed);
    Q_EMIT disconnected(reason);
}

void Client::close()
{
    if (!d->thread.joinable())
        return;
    stopNetwork(true);
    deliver();
    endSession(tr("closed"));
}

void Client::close(const QByteArray& lastTopic, const QByteArray& lastPayload, int qos, bool retain)
{
    if (d->thread.joinable() && d->connected) {
        {
            std::lock_guard lock(d->pubMutex);
            d->collectMids = true;
            d->doneMids.clear();
        }
        int mid = 0;
        const int rc =
            mosquitto_publish(d->mosq, &mid, lastTopic.constData(), int(lastPayload.size()),
                              lastPayload.constData(), qos, retain);
        std::unique_lock lock(d->pubMutex);
        if (rc == MOSQ_ERR_SUCCESS) {
            d->published.fetch_add(1, std::memory_order_relaxed);
            d->pubDone.wait_for(lock, std::chrono::seconds(1),
                                [&] { return d->doneMids.contains(mid); });
        }
        d->collectMids = false;
    }
    close();
}

void Client::abort()
{
    if (!d->thread.joinable())
        return;
    stopNetwork(false);
    deliver();
    endSession(tr("aborted"));
}

bool Client::publish(const QByteArray& topic, const QByteArray& payload, int qos, bool retain,
                     int expirySeconds)
{
    if (!d->configured)
        return false;
    mosquitto_property* props = nullptr;
    if (expirySeconds > 0 && d->options.mqtt5)
        mosquitto_property_add_int32(&props, MQTT_PROP_MESSAGE_EXPIRY_INTERVAL,
                                     quint32(expirySeconds));
    const int rc = mosquitto_publish_v5(d->mosq, nullptr, topic.constData(), int(payload.size()),
                                        payload.constData(), qos, retain, props);
    mosquitto_property_free_all(&props);
    // QoS ≥ 1 while offline: libmosquitto keeps it and sends it after the next CONNACK.
    const bool accepted = rc == MOSQ_ERR_SUCCESS || (rc == MOSQ_ERR_NO_CONN && qos > 0);
    if (accepted)
        d->published.fetch_add(1, std::memory_order_relaxed);
    else
        qCDebug(lcMqtt) << "publish on" << topic << "refused:" << mosquitto_strerror(rc);
    return accepted;
}

bool Client::isConnected() const
{
    return d->connected;
}

QString Client::lastError() const
{
    return d->lastError;
}

ClientStats Client::stats() const
{
    return {d->received.load(), d->receivedBytes.load(), d->published.load(),
            d->connects.load(), d->disconnects.load(),   d->dropped.load()};
}

std::optional<Will> Client::sessionWill() const
{
    return d->sessionWill;
}

const ClientOptions& Client::options() const
{
    return d->options;
}

void Client::deliver()
{
    // close() from inside the handler must not hand out later messages before the rest of this
    // batch; what it leaves in the queue has its wake-up posted already.
    if (d->delivering)
        return;
    d->delivering = true;
    const auto clearFlag = qScopeGuard([this, self = QPointer<Client>(this)] {
        if (self)
            d->delivering = false;
    });
    std::vector<Message> messages;
    std::vector<Private::Event> events;
    {
        std::lock_guard lock(d->queueMutex);
        messages.swap(d->messages);
        events.swap(d->events);
    }
    QPointer<Client> self(this);
    std::size_t done = 0;
    auto handUpTo = [&](std::size_t end) {
        if (end <= done)
            return;
        const std::span<const Message> batch(messages.data() + done, end - done);
        done = end;
        quint64 bytes = 0;
        for (const Message& m : batch)
            bytes += quint64(m.payload.size());
        d->received.fetch_add(batch.size(), std::memory_order_relaxed);
        d->receivedBytes.fetch_add(bytes, std::memory_order_relaxed);
        if (d->handler)
            d->handler(batch);
    };
    for (const Private::Event& e : events) {
        handUpTo(e.position);
        if (!self)
            return;
        if (e.up) {
            d->connected = true;
            d->sessionWill = e.will;
            qCInfo(lcMqtt) << "connected to" << d->options.host << d->options.port;
            Q_EMIT connected();
        } else {
            d->lastError = e.reason;
            qCDebug(lcMqtt) << d->options.host << d->options.port << e.reason;
            if (d->connected)
                endSession(e.reason);
            else
                Q_EMIT connectFailed(e.reason);
        }
        if (!self)
            return;
    }
    handUpTo(messages.size());
}

} // namespace PumpWatch::Mqtt
