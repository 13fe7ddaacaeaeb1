// What a server's and a workstation's command line say about the realtime link: the broker as
// a URL, and the stations a server owns.
//
//     mqtt://ws1@broker.example:1883      (mqtts:// for TLS; the port defaults to 1883 / 8883)
//     --stations S0001-S1000,S1500        (ranges by the ids' order in the project)
#pragma once

#include <core/project.h>

#include <QCoreApplication>

#include <mqtt/mqttclient.h>
#include <optional>
#include <vector>

namespace PumpWatch::Remote {

class LinkOptions {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Remote::LinkOptions)

public:
    /// Host, port, user and TLS from `url`; the password from the first line of
    /// `passwordFile` (may be empty). nullopt and `error` naming what is wrong.
    static std::optional<Mqtt::ClientOptions> broker(const QString& url,
                                                     const QString& passwordFile, QString* error);
    /// A mask over the project's stations; an empty text is every station. nullopt and `error`
    /// naming an unknown station or a reversed range.
    static std::optional<std::vector<bool>> stations(const QString& text, const Project& project,
                                                     QString* error);
};

} // namespace PumpWatch::Remote
