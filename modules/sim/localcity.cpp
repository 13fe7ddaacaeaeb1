#include "localcity.h"

#include "gateways.h"

#include <core/clock.h>

#include <QHostAddress>
#include <QTcpServer>

namespace PumpWatch::Sim {

bool LocalCity::assignFreePorts(Project& project, QString* error)
{
    // Hold every port until all are chosen, so that no two devices get the same one.
    std::vector<std::unique_ptr<QTcpServer>> held;
    for (Station& s : project.stations) {
        for (Device& d : s.devices) {
            if (d.settings.protocol != Protocol::ModbusTcp)
                continue;
            auto server = std::make_unique<QTcpServer>();
            if (!server->listen(QHostAddress::LocalHost, 0)) {
                *error = tr("no free loopback port for %1/%2: %3")
                             .arg(s.id, d.id, server->errorString());
                return false;
            }
            d.settings.endpoint = QStringLiteral("127.0.0.1:%1").arg(server->serverPort());
            held.push_back(std::move(server));
        }
    }
    return true;
}

qint64 LocalCity::anchorMs(const Project& project, qint64 nowMs)
{
    constexpr qint64 Grid = 300'000; // the backfill's coarse interval
    const qint64 midnight = startOfLocalDayMs(nowMs, QTimeZone(project.timeZone.toLatin1()));
    return std::min(midnight, nowMs - 6 * 3'600'000) / Grid * Grid;
}

BackfillOptions LocalCity::backfillOptions(const Project& project, qint64 nowMs)
{
    return {anchorMs(project, nowMs),
            nowMs - 60'000,
            300,
            {QStringLiteral("outlet_pressure"), QStringLiteral("outlet_flow"),
             QStringLiteral("outlet_total"), QStringLiteral("inlet_pressure"),
             QStringLiteral("inlet_flow"), QStringLiteral("tank_level"), QStringLiteral("power"),
             QStringLiteral("energy")},
            nowMs - 6 * 3'600'000,
            60};
}

LocalCity::LocalCity(const Project& project, qint64 nowMs, qint64 anchorMs)
    : m_city(project, Seed, anchorMs > 0 && anchorMs < nowMs ? anchorMs : nowMs)
{
    m_city.advance(nowMs);
}

LocalCity::~LocalCity()
{
    if (m_server)
        m_server->stop();
    if (m_gateways)
        m_gateways->stop();
}

bool LocalCity::start(QString* error)
{
    m_server = std::make_unique<CityServer>(m_city, ServerOptions{});
    // Devices behind IoT gateways are published to their brokers (gateways.h).
    if (m_city.project().hasGateways()) {
        m_gateways = std::make_unique<GatewayPublisher>(m_city);
        m_server->setHook(m_gateways.get());
    }
    QStringList errors;
    if (!m_server->open(&errors)) {
        *error = errors.join(u'\n');
        m_server.reset();
        m_gateways.reset();
        return false;
    }
    if (m_gateways)
        m_gateways->start();
    m_server->start();
    return true;
}

GatewayPublisher* LocalCity::gateways() const
{
    return m_gateways.get();
}

QString LocalCity::command(const QString& line)
{
    return m_server ? m_server->command(line) : tr("error: the city is not running");
}

} // namespace PumpWatch::Sim
