#include "clock.h"

namespace PumpWatch {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace PumpWatch
