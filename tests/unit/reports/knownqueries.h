// History written from known curves for the queries' tests (Asia/Shanghai, production day from
// 08:00). Every reading is a whole minute; the writer's heartbeat is a minute, so every reading
// is stored and holds one minute (at most two: holdLimit).
//
// Pressure, read every minute from 11-09 00:00 to 11-11 12:00 (2026):
// - S1 黄家坝: 0.30 MPa from 08:00 to 20:00, 0.25 otherwise; on 11-10 a dip to 0.21 at 03:15, a
//   spike to 0.52 at 10:30 and nothing from 14:00 to 16:00 (the 13:59 reading holds to 14:01).
//   So the day 11-10 has 1320 readings, 1321 minutes covered (91.74 %), ∫ = 360.48 MPa·min.
// - S2 八五厂 0.40 and S3 南老 0.35 all the time; S4 南南 has no pressure at all.
// Outlet meters (m³), read every 5 minutes, each at a constant rate in three blocks that start
// a day before the span 同比/环比 compares (November 2026 up to 11-10 14:00; now 11-10 14:20):
//   2025-10-31 → 2025-11-11, 2026-09-30 → 2026-10-11, 2026-10-31 → 11-11 12:00.
//     S1: 125 m³/h a year ago, 80 in October, 100 now (a production day: 2400 m³); the
//         production line 一号线 alone, so the production report's corrections are its own.
//     S2: 0 a year ago (the meter stood still: a zero base), 50 since.
//     S3: added this year — no data a year ago, 40 m³/h since October.
#pragma once

#include <core/clock.h>
#include <core/projectreader.h>
#include <history/historywriter.h>

#include <QDateTime>
#include <QTimeZone>

namespace PumpWatch::Test::Queries {

inline const char* const ProjectText = R"({
  "format": "pumpwatch-project", "version": 1, "name": "供排水公司", "timeZone": "Asia/Shanghai",
  "plants": [{"id": "p", "name": "水厂", "lines": [{"id": "l1", "name": "一号线"}]}],
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [
      {"key": "outlet_pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40001", "type": "float32"},
      {"key": "outlet_total", "name": "出水累积流量", "quantity": "totalizer", "unit": "m³", "address": "40003", "type": "float32"}
    ]}],
  "stations": [
    {"id": "S1", "name": "黄家坝", "code": "H", "line": "l1", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]},
    {"id": "S2", "name": "八五厂", "code": "B", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1503"}]},
    {"id": "S3", "name": "南老", "code": "N", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1504"}]},
    {"id": "S4", "name": "南南", "code": "N", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1505"}]}
  ],
  "reports": {"dayStart": "08:00"}})";

inline const QTimeZone Zone("Asia/Shanghai");
constexpr qint64 MinuteMs = 60'000;
constexpr qint64 HourMs = 60 * MinuteMs;

inline qint64 at(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Zone).toMSecsSinceEpoch();
}

inline qint64 nov(int day, int hour, int minute = 0)
{
    return at(2026, 11, day, hour, minute);
}

inline const qint64 Now = nov(10, 14, 20) + 5000; ///< 同比/环比's now
inline const qint64 End = nov(11, 12);            ///< the last reading

inline int hourOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Zone).time().hour();
}

/// S1's pressure, or nothing (the gap).
inline std::optional<double> s1Pressure(qint64 t)
{
    if (t == nov(10, 3, 15))
        return 0.21;
    if (t == nov(10, 10, 30))
        return 0.52;
    if (t >= nov(10, 14) && t < nov(10, 16))
        return std::nullopt;
    const int h = hourOf(t);
    return h >= 8 && h < 20 ? 0.30 : 0.25;
}

inline Project project()
{
    return *ProjectReader::read(ProjectText, QStringLiteral("queries.json")).project;
}

inline bool write(const Project& project, const History::DatabaseUrl& url, const QString& spool)
{
    const auto tag = [&](const char* station, const char* key) {
        return project.findTag(QString::fromLatin1(station), u"plc", QString::fromLatin1(key));
    };
    History::HistoryOptions options;
    options.database = url;
    options.spoolDirectory = spool;
    options.heartbeatMs = MinuteMs;
    ManualClock clock(at(2025, 10, 31, 0));
    History::HistoryWriter w(project, clock, options);
    if (!w.open())
        return false;
    std::vector<Sample> batch;
    const auto flush = [&](qint64 now) {
        clock.setNowMs(now);
        w.write(batch);
        batch.clear();
    };
    // The three blocks of constant rates (m³/h per station; < 0: no data).
    struct Block {
        qint64 from, to;
        double rates[3];
    };
    const Block blocks[] = {{at(2025, 10, 31, 0), at(2025, 11, 11, 0), {125, 0, -1}},
                            {at(2026, 9, 30, 0), at(2026, 10, 11, 0), {80, 50, 40}}};
    double meter[3] = {1000.0, 2000.0, 3000.0};
    for (const Block& b : blocks) {
        for (qint64 t = b.from; t <= b.to; t += 5 * MinuteMs) {
            for (int s = 0; s < 3; ++s) {
                if (b.rates[s] < 0)
                    continue;
                const char* id[] = {"S1", "S2", "S3"};
                batch.push_back({t, meter[s], tag(id[s], "outlet_total"), Quality::Good});
                meter[s] += b.rates[s] / 12.0;
            }
        }
        flush(b.to + 5000);
        for (double& m : meter)
            m += 10'000.0; // what went through between the blocks
    }
    // November 2026 (from 10-31): the meters at 100, 50 and 40 m³/h; pressures every minute
    // from 11-09. History goes on to 11-11 12:00; 同比/环比 asks as of Now.
    for (qint64 t = at(2026, 10, 31, 0); t <= End; t += MinuteMs) {
        if (t % (5 * MinuteMs) == 0) {
            batch.push_back({t, meter[0], tag("S1", "outlet_total"), Quality::Good});
            batch.push_back({t, meter[1], tag("S2", "outlet_total"), Quality::Good});
            batch.push_back({t, meter[2], tag("S3", "outlet_total"), Quality::Good});
        }
        meter[0] += 100.0 / 60.0;
        meter[1] += 50.0 / 60.0;
        meter[2] += 40.0 / 60.0;
        if (t >= nov(9, 0)) {
            if (const auto p = s1Pressure(t))
                batch.push_back({t, *p, tag("S1", "outlet_pressure"), Quality::Good});
            batch.push_back({t, 0.40, tag("S2", "outlet_pressure"), Quality::Good});
            batch.push_back({t, 0.35, tag("S3", "outlet_pressure"), Quality::Good});
        }
        if (batch.size() > 4000)
            flush(t + 5000);
    }
    flush(End + 5000);
    return w.flush();
}

} // namespace PumpWatch::Test::Queries
