#include "brokersection.h"

#include "jsonwriter.h"
#include "projectreader_p.h"

#include <QJsonArray>

namespace PumpWatch::ProjectJson {
namespace {

const BrokerSettings defaults;

/// An MQTT topic name (not a filter) we publish to: no wildcards, not empty.
bool isTopicName(const QString& topic)
{
    return !topic.isEmpty() && !topic.contains(QLatin1Char('+')) &&
           !topic.contains(QLatin1Char('#'));
}

/// A subscription filter: '#' only last and alone in its level, '+' alone in its level.
bool isTopicFilter(const QString& filter)
{
    if (filter.isEmpty())
        return false;
    const QStringList levels = filter.split(QLatin1Char('/'));
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString& level = levels[i];
        if (level.contains(QLatin1Char('#')) && (level.size() != 1 || i != levels.size() - 1))
            return false;
        if (level.contains(QLatin1Char('+')) && level.size() != 1)
            return false;
    }
    return true;
}

/// Sparkplug ids (host id, group, edge node, device) exclude '+', '/' and '#' (§4.1).
bool isSparkplugId(const QString& id)
{
    return !id.isEmpty() && !id.contains(QLatin1Char('+')) && !id.contains(QLatin1Char('/')) &&
           !id.contains(QLatin1Char('#'));
}

} // namespace

BrokerSettings readBroker(Context& ctx, const QJsonObject& o, const QString& path)
{
    Node n(ctx, o, path,
           {"id",
            "name",
            "host",
            "port",
            "tls",
            "caFile",
            "certFile",
            "keyFile",
            "user",
            "passwordFile",
            "clientId",
            "qos",
            "keepAliveS",
            "hostId",
            "stateFormat",
            "reorderTimeoutMs",
            "neuronTopics",
            "writeTopic",
            "writeResponseTopic",
            "liveWindowS",
            "writeTimeoutMs"});
    BrokerSettings b;
    b.id = n.string("id", true).value_or(QString());
    b.name = n.string("name").value_or(b.id);
    b.host = n.string("host").value_or(b.host);
    if (b.host.isEmpty())
        ctx.error(n.path("host"), ProjectReader::tr("must not be empty"));
    b.port = static_cast<int>(n.integer("port", 1, 65535).value_or(b.port));
    b.tls = n.boolean("tls").value_or(b.tls);
    b.caFile = n.string("caFile").value_or(QString());
    b.certFile = n.string("certFile").value_or(QString());
    b.keyFile = n.string("keyFile").value_or(QString());
    if (b.certFile.isEmpty() != b.keyFile.isEmpty())
        ctx.error(n.path(b.certFile.isEmpty() ? "certFile" : "keyFile"),
                  ProjectReader::tr("a client certificate needs both certFile and keyFile"));
    b.user = n.string("user").value_or(QString());
    b.passwordFile = n.string("passwordFile").value_or(QString());
    if (const auto clientId = n.string("clientId")) {
        if (clientId->isEmpty() || clientId->toUtf8().size() > 128)
            ctx.error(n.path("clientId"), ProjectReader::tr("must be 1 to 128 bytes long"));
        b.clientId = *clientId;
    }
    b.qos = static_cast<int>(n.integer("qos", 0, 1).value_or(b.qos));
    b.keepAliveS = static_cast<int>(n.integer("keepAliveS", 5, 3600).value_or(b.keepAliveS));
    if (const auto hostId = n.string("hostId")) {
        if (!isSparkplugId(*hostId))
            ctx.error(
                n.path("hostId"),
                ProjectReader::tr("'%1' is not a Sparkplug id (not empty, no + / #)").arg(*hostId));
        b.hostId = *hostId;
    }
    if (const auto format = n.string("stateFormat")) {
        if (*format == u"3.0")
            b.legacyState = false;
        else if (*format == u"2.2")
            b.legacyState = true;
        else
            ctx.error(n.path("stateFormat"),
                      ProjectReader::tr("'%1' is not a STATE format (3.0, 2.2)").arg(*format));
    }
    b.reorderTimeoutMs =
        static_cast<int>(n.integer("reorderTimeoutMs", 100, 600'000).value_or(b.reorderTimeoutMs));
    if (n.has("neuronTopics")) {
        b.neuronTopics.clear();
        const QJsonArray topics = n.array("neuronTopics");
        for (qsizetype i = 0; i < topics.size(); ++i) {
            const QString topic = topics[i].toString();
            if (!isTopicFilter(topic))
                ctx.error(n.path("neuronTopics") + QStringLiteral("[%1]").arg(i),
                          ProjectReader::tr("'%1' is not an MQTT topic filter").arg(topic));
            b.neuronTopics.push_back(topic);
        }
    }
    for (auto [key, topic] : {std::pair{"writeTopic", &b.writeTopic},
                              std::pair{"writeResponseTopic", &b.writeResponseTopic}}) {
        if (const auto text = n.string(key)) {
            if (!isTopicName(*text))
                ctx.error(n.path(key),
                          ProjectReader::tr("'%1' is not an MQTT topic (no + or #)").arg(*text));
            *topic = *text;
        }
    }
    b.liveWindowS = static_cast<int>(n.integer("liveWindowS", 1, 86'400).value_or(b.liveWindowS));
    b.writeTimeoutMs =
        static_cast<int>(n.integer("writeTimeoutMs", 100, 600'000).value_or(b.writeTimeoutMs));
    return b;
}

void writeBroker(JsonWriter& w, const BrokerSettings& b)
{
    w.beginObject();
    const auto text = [&](const char* key, const QString& value, const QString& fallback) {
        if (value != fallback) {
            w.key(key);
            w.value(value);
        }
    };
    const auto integer = [&](const char* key, int value, int fallback) {
        if (value != fallback) {
            w.key(key);
            w.value(value);
        }
    };
    w.key("id");
    w.value(b.id);
    text("name", b.name, b.id);
    w.key("host");
    w.value(b.host);
    w.key("port");
    w.value(b.port);
    if (b.tls) {
        w.key("tls");
        w.value(true);
    }
    text("caFile", b.caFile, defaults.caFile);
    text("certFile", b.certFile, defaults.certFile);
    text("keyFile", b.keyFile, defaults.keyFile);
    text("user", b.user, defaults.user);
    text("passwordFile", b.passwordFile, defaults.passwordFile);
    text("clientId", b.clientId, defaults.clientId);
    integer("qos", b.qos, defaults.qos);
    integer("keepAliveS", b.keepAliveS, defaults.keepAliveS);
    text("hostId", b.hostId, defaults.hostId);
    if (b.legacyState) {
        w.key("stateFormat");
        w.value("2.2");
    }
    integer("reorderTimeoutMs", b.reorderTimeoutMs, defaults.reorderTimeoutMs);
    if (b.neuronTopics != defaults.neuronTopics) {
        w.key("neuronTopics");
        w.beginArray(JsonWriter::Inline);
        for (const QString& topic : b.neuronTopics)
            w.value(topic);
        w.endArray();
    }
    text("writeTopic", b.writeTopic, defaults.writeTopic);
    text("writeResponseTopic", b.writeResponseTopic, defaults.writeResponseTopic);
    integer("liveWindowS", b.liveWindowS, defaults.liveWindowS);
    integer("writeTimeoutMs", b.writeTimeoutMs, defaults.writeTimeoutMs);
    w.endObject();
}

} // namespace PumpWatch::ProjectJson
