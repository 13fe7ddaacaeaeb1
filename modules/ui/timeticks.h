// Time ticks for the charts' time axes (the trend panel, the query charts): round times of the
// project's zone — every 5 minutes, 2 hours, a day … — so a dispatcher reads 08:00, not 07:53.
// Pure function, any thread.
//
//     for (const TimeTick& t : timeTicks(from, to, 8, zone))
//         axis->append(t.label, double(t.ms));
#pragma once

#include <QString>
#include <QTimeZone>

#include <vector>

namespace PumpWatch::Ui {

struct TimeTick {
    qint64 ms;
    QString label;
};

/// Ticks on round times of `zone` (every 5 minutes, 2 hours, 1 day …), at most `maxTicks`,
/// labelled HH:mm (HH:mm:ss under a minute, a date at midnight, MM-dd HH:mm over a day).
std::vector<TimeTick> timeTicks(qint64 fromMs, qint64 toMs, int maxTicks, const QTimeZone& zone);

} // namespace PumpWatch::Ui
