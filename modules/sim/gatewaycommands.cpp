// GatewayPublisher's fault commands (docs/simulator.md § Gateways), run in the publisher's
// thread: a gateway dropped or back, the broker link down, a malformed message, a skipped seq,
// Neuron error codes, and the counts.
#include "gateways_p.h"

namespace PumpWatch::Sim {
namespace {

QString ok(const QString& text = {})
{
    return text.isEmpty() ? QStringLiteral("ok") : QStringLiteral("ok ") + text;
}

QString error(const QString& text)
{
    return QStringLiteral("error: ") + text;
}

} // namespace

QString GatewayPublisher::Impl::command(const QStringList& w)
{
    const QString& verb = w[0];
    if (verb == u"gateway-link") {
        if (w.value(1) != u"on" && w.value(1) != u"off")
            return error(GatewayPublisher::tr("gateway-link takes on|off"));
        linkDown = w.value(1) == u"off";
        // Down: every connection dropped without a goodbye (the broker sends the Wills), and
        // kept down; the gateways cache. Up: they reconnect.
        for (NeuronLink& l : neurons) {
            if (!l.client)
                continue;
            linkDown ? l.client->abort() : void(l.client->open());
        }
        for (EdgeNode& n : nodes) {
            if (!n.client)
                continue;
            if (linkDown)
                n.client->abort();
            else if (!n.off)
                n.client->open();
        }
        return ok();
    }
    // The gateway devices of a station or a device.
    std::vector<int> targets;
    const QString target = w.value(1);
    for (int i = 0; i < static_cast<int>(devices.size()); ++i) {
        const GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
        if (target.isEmpty() ? verb == u"gateway-stats"
                             : (dev.name == target || dev.station == target))
            targets.push_back(i);
    }
    if (targets.empty())
        return error(GatewayPublisher::tr("no gateway device '%1'").arg(target));
    if (verb == u"gateway-stats") {
        QStringList out;
        for (int i : targets) {
            const GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
            const GatewayDeviceStats& s = dev.stats;
            out << QStringLiteral("%1 %2 messages=%3 values=%4 cached=%5 replayed=%6 dropped=%7 "
                                  "births=%8 rebirths=%9 writes=%10 connects=%11")
                       .arg(s.name, s.protocol)
                       .arg(s.messages)
                       .arg(s.values)
                       .arg(s.cached)
                       .arg(s.replayed)
                       .arg(s.dropped)
                       .arg(s.births)
                       .arg(s.rebirths)
                       .arg(s.writes)
                       .arg(dev.protocol == Protocol::MqttNeuron
                                ? neurons[std::size_t(dev.link)].client
                                      ? neurons[std::size_t(dev.link)].client->stats().connects
                                      : 0
                                : nodes[std::size_t(dev.link)].connects->load());
        }
        return ok(out.join(QStringLiteral("; ")));
    }
    const QString& what = w.value(2);
    if (what == u"off" || what == u"on") {
        const bool off = what == u"off";
        for (int i : targets) {
            GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
            if (dev.protocol == Protocol::MqttNeuron) {
                dev.silent = off;
                continue;
            }
            EdgeNode& n = nodes[static_cast<std::size_t>(dev.link)];
            if (n.off == off)
                continue;
            n.off = off;
            if (!n.client)
                continue; // not started (a --fault at start): it will not connect
            // Off: the connection dies without a DISCONNECT, so the broker sends the NDEATH;
            // on: a new CONNECT, with the next bdSeq.
            if (off)
                n.client->abort();
            else if (!linkDown)
                n.client->open();
        }
        return ok();
    }
    if (what == u"malformed" || what == u"skip-seq") {
        for (int i : targets) {
            GatewayDevice& dev = devices[static_cast<std::size_t>(i)];
            if (what == u"skip-seq" && dev.protocol != Protocol::MqttSparkplug)
                return error(GatewayPublisher::tr("%1 is not a Sparkplug device").arg(dev.name));
        }
        for (int i : targets)
            (what == u"malformed" ? devices[std::size_t(i)].malformedNext
                                  : devices[std::size_t(i)].skipSeqNext) = true;
        return ok();
    }
    if (what == u"error" || what == u"ok") {
        bool valid = what == u"ok";
        const int code = valid ? 0 : w.value(3).toInt(&valid);
        if (!valid || code < 0)
            return error(GatewayPublisher::tr("gateway TARGET error takes a Neuron error code"));
        for (int i : targets) {
            if (devices[std::size_t(i)].protocol != Protocol::MqttNeuron)
                return error(GatewayPublisher::tr("%1 is not a Neuron device")
                                 .arg(devices[std::size_t(i)].name));
        }
        for (int i : targets)
            devices[std::size_t(i)].errorCode = code;
        return ok();
    }
    return error(GatewayPublisher::tr("gateway takes TARGET off|on|malformed|skip-seq|ok or "
                                      "TARGET error CODE"));
}

} // namespace PumpWatch::Sim
