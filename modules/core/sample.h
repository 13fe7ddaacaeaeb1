// Sample: one value of one tag at one instant — the unit that flows from drivers through the
// realtime store to alarms and history.
//
// Tag ids are dense (0 .. Project::tagCount()-1) so every consumer can keep flat arrays.
// Timestamps are UTC milliseconds since the epoch. Every value travels as a double, which holds
// all supported PLC types exactly (bool, 8/16/32-bit integers, float32, float64).
// A historical sample (backfilled, store-and-forward) goes to history only: it never updates a
// live value nor raises or clears an alarm. Plain value type, any thread.
#pragma once

#include "quality.h"

#include <QtGlobal>

#include <limits>

namespace PumpWatch {

using TagId = quint32;
inline constexpr TagId InvalidTagId = std::numeric_limits<TagId>::max();

struct Sample {
    qint64 timestampMs = 0;
    double value = 0.0;
    TagId tag = InvalidTagId;
    Quality quality = Quality::Unknown;
    bool historical = false;

    friend bool operator==(const Sample&, const Sample&) = default;
};

} // namespace PumpWatch
