#include "linkoptions.h"

#include <QUrl>

namespace PumpWatch::Remote {

std::optional<Mqtt::ClientOptions> LinkOptions::broker(const QString& text,
                                                       const QString& passwordFile, QString* error)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("mqtt") && scheme != QLatin1String("mqtts")) ||
        url.host().isEmpty()) {
        *error = tr("'%1' is not a broker address: write mqtt://user@host:port").arg(text);
        return std::nullopt;
    }
    if (url.userName().isEmpty()) {
        *error = tr("'%1': the broker address needs the user this computer logs in as "
                    "(mqtt://user@host:port)")
                     .arg(text);
        return std::nullopt;
    }
    Mqtt::ClientOptions o;
    o.host = url.host();
    o.tls.enabled = scheme == QLatin1String("mqtts");
    o.port = url.port(o.tls.enabled ? 8883 : 1883);
    o.user = url.userName();
    if (!passwordFile.isEmpty()) {
        const std::optional<QString> password = Mqtt::Client::readPasswordFile(passwordFile, error);
        if (!password)
            return std::nullopt;
        o.password = *password;
    }
    o.keepAliveS = 10; // a dead peer is noticed in 15 s, a crash at once
    o.reconnectMinMs = 250;
    o.reconnectMaxMs = 2000; // a control room wants its link back within seconds
    return o;
}

std::optional<std::vector<bool>> LinkOptions::stations(const QString& text, const Project& project,
                                                       QString* error)
{
    if (text.trimmed().isEmpty())
        return std::vector<bool>();
    std::vector<bool> mask(project.stations.size(), false);
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        const QStringList ends = part.trimmed().split(u'-');
        const int from = project.stationIndex(ends.first().trimmed());
        const int to = ends.size() == 2 ? project.stationIndex(ends.last().trimmed()) : from;
        if (ends.size() > 2 || from < 0 || to < 0) {
            *error = tr("--stations: '%1' names no station of the project").arg(part.trimmed());
            return std::nullopt;
        }
        if (to < from) {
            *error = tr("--stations: '%1' runs backwards").arg(part.trimmed());
            return std::nullopt;
        }
        for (int s = from; s <= to; ++s)
            mask[std::size_t(s)] = true;
    }
    return mask;
}

} // namespace PumpWatch::Remote
