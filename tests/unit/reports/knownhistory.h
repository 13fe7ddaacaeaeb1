// History written from a known flow and power, for the reports' tests: 100 m³/h from 08:00 to
// 20:00, 40 m³/h otherwise, so a production day (08:00 → 08:00) is 12 × 100 + 12 × 40 = 1680 m³
// and each hour 100 or 40; the pumps take 0.3 kWh/m³. Meters are read every minute, from
// 2026-11-20 00:00 to 2026-11-22 12:00 (Asia/Shanghai), each with one fault:
// - S1 (北郊水厂 二号线): silent from 11-21 07:10 to 09:40, across the day boundary;
// - S2 (北郊水厂 一号线): a 100 000 m³ modulus, rolling over on the 20th; its flow meter agrees;
// - S3 (南郊水厂 南老线): reset to 0 right after its 11:59 reading on the 20th; its flow meter
//   reads 10 % high;
// - S4 (南郊水厂 南南线): replaced at 14:00 on the 20th, entered as a replacement; silent from
//   11-22 03:00 to 10:00, a gap that began long before the production day 11-22;
// - S5 (no line): energy at 0.3 kWh/m³, and a year before (2025-11-20 for 36 h) at 0.36.
// The tests (tst_report_builder, tst_report_outputs) state the figures they expect.
#pragma once

#include <core/clock.h>
#include <core/projectreader.h>
#include <core/users.h>
#include <history/historyreader.h>
#include <history/historywriter.h>
#include <reports/reportstore.h>

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace PumpWatch::Test::Known {

inline const char* const ProjectText = R"({
  "format": "pumpwatch-project", "version": 1, "name": "供排水公司", "timeZone": "Asia/Shanghai",
  "plants": [
    {"id": "bj", "name": "北郊水厂", "lines": [{"id": "bj2", "name": "二号线"}, {"id": "bj1", "name": "一号线"}]},
    {"id": "nj", "name": "南郊水厂", "lines": [{"id": "njl", "name": "南老线"}, {"id": "njn", "name": "南南线"}]}],
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [
      {"key": "outlet_pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40001", "type": "float32"},
      {"key": "outlet_total", "name": "出水累积流量", "quantity": "totalizer", "unit": "m³", "address": "40003", "type": "float32", "rollover": 100000},
      {"key": "outlet_flow", "name": "出水瞬时流量", "quantity": "flow", "unit": "m³/h", "address": "40009", "type": "float32"},
      {"key": "inlet_pressure", "name": "进水压力", "quantity": "pressure", "unit": "MPa", "address": "40005", "type": "float32"},
      {"key": "energy", "name": "用电量", "quantity": "energy", "unit": "kWh", "address": "40007", "type": "float32"}
    ]}],
  "stations": [
    {"id": "S1", "name": "黄家坝", "code": "H", "line": "bj2", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]},
    {"id": "S2", "name": "八五厂", "code": "B", "line": "bj1", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1503"}]},
    {"id": "S3", "name": "南老", "code": "N", "line": "njl", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1504"}]},
    {"id": "S4", "name": "南南", "code": "N", "line": "njn", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1505"}]},
    {"id": "S5", "name": "澳门路口", "code": "A", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1506"}]}
  ],
  "reports": {"dayStart": "08:00", "tariffs": [
    {"id": "v1", "name": "两部制 2023", "document": "沪发改价管〔2022〕50号", "from": "2023-01-01", "to": "2026-11-22",
     "prices": {"peak": 1.0, "flat": 0.6, "valley": 0.3},
     "seasons": [{"months": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "periods": [
       ["00:00", "06:00", "valley"], ["06:00", "08:00", "flat"], ["08:00", "11:00", "peak"],
       ["11:00", "18:00", "flat"], ["18:00", "21:00", "peak"], ["21:00", "22:00", "flat"],
       ["22:00", "24:00", "valley"]]}]},
    {"id": "v2", "name": "半点 2026", "from": "2026-11-22",
     "prices": {"peak": 1.2, "flat": 0.6, "valley": 0.3},
     "seasons": [{"months": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "periods": [
       ["00:00", "08:00", "valley"], ["08:00", "10:30", "peak"], ["10:30", "24:00", "flat"]]}]}]}})";

inline const QTimeZone Zone("Asia/Shanghai");

inline qint64 local(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Zone).toMSecsSinceEpoch();
}

inline const qint64 Start = local(20, 0);
inline const qint64 YearBefore =
    QDateTime(QDate(2025, 11, 20), QTime(0, 0), Zone).toMSecsSinceEpoch();
inline const qint64 End = local(22, 12); // the last reading; "now" is 5 s later

inline double flowAt(qint64 ms) // m³/h
{
    const int hour = QDateTime::fromMSecsSinceEpoch(ms, Zone).time().hour();
    return hour >= 8 && hour < 20 ? 100.0 : 40.0;
}

inline double powerAt(qint64 ms) // kW: 0.3 kWh per m³
{
    return flowAt(ms) * 0.3;
}

/// Volume since Start, minute by minute (exact at whole minutes).
inline double volume(qint64 ms)
{
    static std::vector<double> v;
    if (v.empty()) {
        v.push_back(0.0);
        for (qint64 t = Start; t < End + 60'000; t += 60'000)
            v.push_back(v.back() + flowAt(t) / 60.0);
    }
    return v[size_t((ms - Start) / 60'000)];
}

inline User admin()
{
    return {QStringLiteral("zhaoliu"), QStringLiteral("赵六"), {}, Role::Administrator};
}

inline Project project()
{
    return *ProjectReader::read(ProjectText, QStringLiteral("known.json")).project;
}

/// Writes the history into `url` and enters S4's meter replacement.
inline bool write(const Project& project, const History::DatabaseUrl& url,
                  const QString& spoolDirectory, QString* error)
{
    const auto fail = [&](const QString& why) {
        *error = why;
        return false;
    };
    const auto tag = [&](const char* station, const char* key) {
        return project.findTag(QString::fromLatin1(station), u"plc", QString::fromLatin1(key));
    };
    History::HistoryOptions options;
    options.database = url;
    options.spoolDirectory = spoolDirectory;
    options.heartbeatMs = 60'000;
    ManualClock clock(Start);
    History::HistoryWriter w(project, clock, options);
    if (!w.open())
        return fail(QStringLiteral("cannot open the history"));
    const qint64 gapFrom = local(21, 7, 10);
    const qint64 gapTo = local(21, 9, 40);
    const qint64 reset = local(20, 11, 59);
    const qint64 replaced = local(20, 14);
    std::vector<Sample> batch;
    // A year before, S2 took 0.36 kWh/m³ (同比's base).
    double e = 0.0;
    double v0 = 0.0;
    for (qint64 t = YearBefore; t <= YearBefore + 36 * 3'600'000; t += 60'000) {
        batch.push_back({t, 1000.0 + v0, tag("S5", "outlet_total"), Quality::Good});
        batch.push_back({t, 7000.0 + e, tag("S5", "energy"), Quality::Good});
        batch.push_back({t, 0.5, tag("S5", "outlet_pressure"), Quality::Good});
        batch.push_back({t, 0.1, tag("S5", "inlet_pressure"), Quality::Good});
        v0 += flowAt(t) / 60.0;
        e += flowAt(t) * 0.36 / 60.0;
    }
    clock.setNowMs(YearBefore + 36 * 3'600'000 + 5000);
    w.write(batch);
    batch.clear();
    // S5 goes on where it stopped a year before (what went through meanwhile is spread over
    // that year), now at 0.3 kWh/m³.
    const double v5 = 1000.0 + v0 + 5'000'000.0;
    const double e5 = 7000.0 + e + 1'500'000.0;
    e = 0.0;
    for (qint64 t = Start; t <= End; t += 60'000) {
        batch.push_back({t, v5 + volume(t), tag("S5", "outlet_total"), Quality::Good});
        batch.push_back({t, e5 + e, tag("S5", "energy"), Quality::Good});
        batch.push_back({t, 0.5, tag("S5", "outlet_pressure"), Quality::Good});
        batch.push_back({t, 0.1, tag("S5", "inlet_pressure"), Quality::Good});
        e += powerAt(t) / 60.0;
        const double v = volume(t);
        if (t <= gapFrom || t >= gapTo)
            batch.push_back({t, 1000.0 + v, tag("S1", "outlet_total"), Quality::Good});
        batch.push_back(
            {t, std::fmod(99000.0 + v, 100000.0), tag("S2", "outlet_total"), Quality::Good});
        batch.push_back({t, t <= reset ? 50000.0 + v : v - volume(reset), tag("S3", "outlet_total"),
                         Quality::Good});
        if (t <= local(22, 3) || t >= local(22, 10)) // silent 5 h before 11-22 08:00 to 2 h after
            batch.push_back({t, t < replaced ? 20000.0 + v : 5000.0 + v - volume(replaced),
                             tag("S4", "outlet_total"), Quality::Good});
        // S2's flow meter agrees with its totalizer; S3's reads 10 % high.
        batch.push_back({t, flowAt(t), tag("S2", "outlet_flow"), Quality::Good});
        batch.push_back({t, flowAt(t) * 1.1, tag("S3", "outlet_flow"), Quality::Good});
        // Pressure: 0.30 MPa by day, 0.25 by night; S2 bad from 11-20 10:00 to 11:00.
        const bool bad = t >= local(20, 10) && t < local(20, 11);
        batch.push_back(
            {t, flowAt(t) > 50 ? 0.30 : 0.25, tag("S1", "outlet_pressure"), Quality::Good});
        batch.push_back(
            {t, 0.5, tag("S2", "outlet_pressure"), bad ? Quality::BadCommFailure : Quality::Good});
        if (batch.size() > 2000) {
            clock.setNowMs(t + 5000);
            w.write(batch);
            batch.clear();
        }
    }
    clock.setNowMs(End + 5000);
    w.write(batch);
    if (!w.flush())
        return fail(QStringLiteral("cannot flush the history"));

    History::HistoryReader reader(project, url);
    if (!reader.open(error))
        return false;
    Reports::ReportStore store(reader.database());
    return store.addReplacement({0,
                                 project.tagPath(tag("S4", "outlet_total")),
                                 replaced,
                                 20000.0 + volume(replaced),
                                 5000.0,
                                 {},
                                 QStringLiteral("换表")},
                                admin(), QStringLiteral("ws1"), error);
}

} // namespace PumpWatch::Test::Known
