// An MQTT broker that IoT gateways publish to, and how PumpWatch, as their host, talks to it
// (docs/project-format.md § Brokers). One connection per broker and protocol: Sparkplug's host
// session is clean (spec 3.0 §5.3), Neuron's is persistent so the broker keeps QoS 1 messages
// while the host is away. Plain value type, any thread.
#pragma once

#include <QString>
#include <QStringList>

namespace PumpWatch {

struct BrokerSettings {
    QString id;
    QString name; ///< for people: "物联网平台"
    QString host = QStringLiteral("127.0.0.1");
    int port = 1883;
    bool tls = false;
    QString caFile; ///< PEM; empty with tls: the system's CAs
    QString certFile;
    QString keyFile;
    QString user;
    QString passwordFile; ///< a file whose first line is the password (kept out of the project)
    QString clientId = QStringLiteral("pumpwatch");
    int qos = 1;
    int keepAliveS = 10; ///< a broker that stops answering is lost after about 1.5 times this

    // Sparkplug B host application (PROTOCOLS.md §1)
    QString hostId = QStringLiteral("pumpwatch"); ///< our STATE topic: spBv1.0/STATE/<hostId>
    bool legacyState = false;    ///< Sparkplug 2.2 edge nodes: STATE is "ONLINE"/"OFFLINE"
    int reorderTimeoutMs = 5000; ///< a seq gap unfilled this long asks for a rebirth

    // EMQ Neuron (PROTOCOLS.md §2)
    QStringList neuronTopics{QStringLiteral("/neuron/#")}; ///< where uploads arrive
    QString writeTopic = QStringLiteral("neuron/pumpwatch/write/req");
    QString writeResponseTopic = QStringLiteral("neuron/pumpwatch/write/resp");
    /// A Neuron message is history only when it is not newer than the last live one of its
    /// node and group, or older than this (a replay of the gateway's offline cache).
    int liveWindowS = 10;
    int writeTimeoutMs = 5000; ///< a write request unanswered this long failed

    friend bool operator==(const BrokerSettings&, const BrokerSettings&) = default;
};

} // namespace PumpWatch
