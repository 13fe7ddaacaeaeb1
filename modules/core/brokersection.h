// The project's "brokers" section: the MQTT brokers IoT gateways publish to, with how the host
// connects and the Sparkplug and Neuron settings (docs/project-format.md § Brokers). Reading
// checks ports, QoS and topics; a device naming an unknown broker is reported at the device.
#pragma once

#include "brokersettings.h"

#include <QJsonObject>
#include <QString>

namespace PumpWatch {

class JsonWriter;

namespace ProjectJson {

class Context;

BrokerSettings readBroker(Context& ctx, const QJsonObject& object, const QString& path);
void writeBroker(JsonWriter& w, const BrokerSettings& broker);

} // namespace ProjectJson
} // namespace PumpWatch
