// Client: one MQTT connection on libmosquitto for Qt code — the host side of the IoT gateways
// (Neuron, Sparkplug B) in acquisition, and the gateways themselves in the simulator.
//
// The network runs on a thread of the client's own (libmosquitto in threaded mode, driven by
// mosquitto_loop), never on the GUI or acquisition thread. What arrives there (messages,
// connects, losses) is appended to a mutex-guarded queue; a single queued wake-up is posted to
// the owner's thread only when the queue was empty, and the owner takes the queue 10 ms after
// it, so messages spread over the second (2000 gateways at 1 Hz) cost a few event-loop turns
// and the handler sees them in batches, in order (at most ~10 ms late). Nothing is ever dropped
// between the two threads (the queue is unbounded; only messages above maxMessageBytes are
// refused, counted and logged).
//
// Why not mosquitto_loop_start + mosquitto_connect_async (libmosquitto 2.0.11, lib/loop.c and
// lib/handle_connack.c): its loop thread ends for good on "fatal" errors — an MQTT 5 CONNACK
// refusal (bad password) comes back as MOSQ_ERR_PROTOCOL, a DNS failure as MOSQ_ERR_EAI, a TLS
// error — so one refused login would stop reconnecting forever; its reconnect delay is in whole
// seconds and grows quadratically; and mosquitto_connect_async takes no MQTT 5 CONNECT
// properties, which a persistent MQTT 5 session needs (Session Expiry Interval).
//
//     Client client({.clientId = QStringLiteral("pw-host")});
//     client.setMessageHandler([&](std::span<const Message> batch) { … });
//     client.subscribe("spBv1.0/#", 0);  // re-subscribed after every reconnect
//     client.open();
#pragma once
#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <span>

namespace PumpWatch::Mqtt {

/// The message the broker publishes for us when our connection dies without a DISCONNECT.
struct Will {
    QByteArray topic;
    QByteArray payload;
    int qos = 1;
    bool retain = false;
};

struct ClientOptions {
    QString host = QStringLiteral("127.0.0.1");
    int port = 1883;
    QString clientId; ///< empty: the broker assigns one (needs cleanSession)
    QString user;
    QString password; ///< see readPasswordFile()
    /// false: the broker keeps our subscriptions and queues QoS ≥ 1 messages while we are away
    /// (MQTT 5: Session Expiry Interval sessionExpiryS).
    bool cleanSession = true;
    int keepAliveS = 30; ///< also the timeout of a connection attempt; 5…65535
    bool mqtt5 = true;
    quint32 sessionExpiryS = 7 * 24 * 3600; ///< MQTT 5, cleanSession false only
    struct Tls {
        bool enabled = false;
        QString caFile, certFile, keyFile;
        bool verifyHost = true;
    } tls;
    std::optional<Will> will; ///< sent in every CONNECT (first connection and reconnects)
    /// If set, called on the network thread before every CONNECT, and its Will replaces `will`:
    /// Sparkplug's NDEATH carries a bdSeq that grows with each CONNECT, a host's STATE Will the
    /// time of the CONNECT. Must be thread-safe (e.g. an atomic counter); sessionWill() tells the
    /// owner which one the current session carries.
    std::function<Will()> makeWill;
    /// Wait between attempts: doubles from min to max (±20 % jitter), back to min after a CONNACK.
    int reconnectMinMs = 500, reconnectMaxMs = 30'000;
    /// Larger received messages are dropped, counted (ClientStats::dropped) and logged.
    qint64 maxMessageBytes = 1 << 20;
};

struct Message {
    QByteArray topic;
    QByteArray payload;
    int qos = 0;
    bool retain = false;
    qint64 receivedMs = 0; ///< UTC ms when the network thread received it
};

struct ClientStats {
    quint64 received = 0, receivedBytes = 0; ///< handed to the handler (bytes of payload)
    quint64 published = 0;                   ///< accepted by publish()
    quint64 connects = 0, disconnects = 0;   ///< CONNACKs accepted, sessions lost or closed
    quint64 dropped = 0;                     ///< received but above maxMessageBytes
};

class Client : public QObject {
    Q_OBJECT
public:
    /// Lives in the thread that creates it (or is moved to); every signal and the handler run
    /// there. That thread needs an event loop.
    explicit Client(ClientOptions options, QObject* parent = nullptr);
    /// Disconnects cleanly (the broker drops the Will) and joins the network thread. No signals.
    ~Client() override;

    /// The password in the first line of `path`, trimmed; nullopt and `error` (naming the file)
    /// if it cannot be read.
    static std::optional<QString> readPasswordFile(const QString& path, QString* error = nullptr);
    /// A libmosquitto error code in words, translated where a dispatcher may read it.
    static QString reasonText(int rc);

    /// Receives messages in batches, in the order the broker sent them. It may call anything on
    /// the client, but must not destroy it.
    void setMessageHandler(std::function<void(std::span<const Message>)> handler);
    /// Subscribes now if connected, and again after every reconnect.
    void subscribe(const QByteArray& filter, int qos);

    /// Starts connecting in the background; never blocks on the network. false (and
    /// lastError()) for a configuration libmosquitto refuses, e.g. an unreadable TLS CA file.
    bool open();
    /// Clean DISCONNECT: the broker does not send the Will. Delivers what was received before,
    /// then emits disconnected() if a session was up. Waits at most ~0.5 s for the DISCONNECT.
    void close();
    /// Publishes a last message (e.g. Sparkplug STATE offline), waits until it is sent (QoS 0)
    /// or acknowledged (QoS ≥ 1), at most ~1 s, then close().
    void close(const QByteArray& lastTopic, const QByteArray& lastPayload, int qos = 1,
               bool retain = false);
    /// Drops the connection without a DISCONNECT, as a crash would: the broker publishes the
    /// Will. For the simulator's gateway failures and for tests. Emits disconnected().
    void abort();

    /// Needs open() first. true when sent or, for QoS ≥ 1, queued by libmosquitto to be sent after
    /// the reconnect (in memory, unbounded); false for QoS 0 while offline or an invalid topic.
    /// expirySeconds: MQTT 5 message expiry (the broker discards it undelivered after that); 0
    /// none.
    bool publish(const QByteArray& topic, const QByteArray& payload, int qos = 0,
                 bool retain = false, int expirySeconds = 0);

    /// A session is up (CONNACK accepted, as seen by this thread).
    bool isConnected() const;
    /// Why the last connection failed or ended ("connection refused: not authorised", "lost: …");
    /// kept after the next connect, for the comm status.
    QString lastError() const;
    ClientStats stats() const;
    /// The Will sent in the CONNECT of the current (or last) session, as of the last connected().
    std::optional<Will> sessionWill() const;
    const ClientOptions& options() const;

Q_SIGNALS:
    /// After the CONNACK and after the subscriptions were sent.
    void connected();
    void disconnected(const QString& reason);
    /// The first attempt of a series failed before any session (refused, unreachable, TLS):
    /// once, until a session has been up again.
    void connectFailed(const QString& reason);

private:
    void deliver();
    void stopNetwork(bool sendDisconnect);
    void endSession(const QString& reason);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace PumpWatch::Mqtt
