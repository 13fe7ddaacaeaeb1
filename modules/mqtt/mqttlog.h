// The logging category of everything MQTT: connections, and payloads refused with their gateway
// and topic (QT_LOGGING_RULES="pumpwatch.mqtt.debug=true" shows every message).
#pragma once
#include <QLoggingCategory>

namespace PumpWatch::Mqtt {
Q_DECLARE_LOGGING_CATEGORY(lcMqtt)
} // namespace PumpWatch::Mqtt
