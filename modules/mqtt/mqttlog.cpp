#include "mqttlog.h"

namespace PumpWatch::Mqtt {
Q_LOGGING_CATEGORY(lcMqtt, "pumpwatch.mqtt", QtInfoMsg)
} // namespace PumpWatch::Mqtt
