// The project reader as a user meets it: broken files and the exact messages they get.
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <core/translator.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <demoproject.h>

using namespace PumpWatch;

namespace {

// A small valid project: one template, a one-device station with an override and a two-zone
// station with an extra tag.
const char* const base = R"({
  "format": "pumpwatch-project", "version": 1, "name": "测试",
  "plants": [{"id": "p1", "name": "北郊水厂", "lines": [{"id": "l1", "name": "一号线"}, {"id": "l2", "name": "二号线"}]}],
  "templates": [{"id": "std", "name": "标准", "device": {"protocol": "modbus-tcp", "addressing": "s7-v", "holdStart": 1000},
    "tags": [
      {"key": "outlet_flow", "name": "出水瞬时流量", "quantity": "flow", "unit": "m³/h", "address": "VD1008", "type": "float32"},
      {"key": "outlet_pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "VD1020", "type": "float32", "alarm": {"LL": 0.2, "L": 0.25, "H": 0.55, "HH": 0.6}},
      {"key": "pump1_running", "name": "1#泵运行", "quantity": "running", "address": "V1100.0", "type": "bool"}
    ]}],
  "stations": [
    {"id": "S1", "name": "澳门路口", "code": "A", "location": {"lat": 27.7, "lon": 106.9}, "line": "l1",
     "devices": [{"id": "plc", "template": "std", "endpoint": "127.0.0.1:15001"}],
     "tags": [{"key": "outlet_pressure", "alarm": {"H": 0.5}}]},
    {"id": "S2", "name": "长征一厂", "code": "C", "location": {"lat": 27.6, "lon": 106.8}, "line": "l2",
     "devices": [{"id": "low", "template": "std", "endpoint": "127.0.0.1:15002"},
                 {"id": "high", "zone": "high", "template": "std", "endpoint": "127.0.0.1:15003"}],
     "tags": [{"key": "level", "device": "low", "name": "水箱液位", "quantity": "level", "address": "VD1036", "type": "float32"}]}
  ]
})";

// Map sections for the reader's table (raw strings stay outside the class, where moc does
// not read them).
const char* const goodMap =
    R"({"tiles": [{"id": "amap", "url": "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}", "datum": "gcj02", "subdomains": "1234"}, {"id": "offline", "file": "zunyi.mbtiles"}], "layers": [{"file": "map/roads.geojson", "stroke": "#4d5564", "fill": "#26304560"}]})";
const char* const badStyleMap =
    R"({"tiles": [{"id": "t", "url": "https://t/{z}/{x}/{y}.png", "datum": "wgs-84", "minZoom": 12, "maxZoom": 9}], "layers": [{"file": "a.shp", "stroke": "red", "fill": "#12345"}]})";
const char* const badTilesMap =
    R"({"tiles": [{"id": "a"}, {"id": "b", "url": "https://t/tile.png"}, {"id": "c", "url": "https://{s}.t/{z}/{x}/{-y}.png"}, {"id": "a", "file": "x.mbtiles"}], "layers": [{"name": "无文件"}]})";

// A reports section: the production day from 08:00 and two tariff versions.
const char* const goodReports =
    R"("reports": {"dayStart": "08:00", "production": "outlet_total", "tariffs": [
      {"id": "sh2023", "name": "上海 两部制", "document": "沪发改价管〔2022〕50号", "from": "2023-01-01", "to": "2025-01-01",
       "prices": {"peak": 1.0, "flat": 0.6, "valley": 0.3},
       "seasons": [{"months": [7, 8, 9], "periods": [["00:00", "06:00", "valley"], ["06:00", "08:00", "flat"], ["08:00", "15:00", "peak"], ["15:00", "18:00", "flat"], ["18:00", "21:00", "peak"], ["21:00", "22:00", "flat"], ["22:00", "24:00", "valley"]]},
                   {"months": [1, 2, 3, 4, 5, 6, 10, 11, 12], "periods": [["00:00", "08:00", "valley"], ["08:00", "24:00", "flat"]]}]},
      {"id": "js", "from": "2025-01-01", "seasons": [{"months": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "periods": [["00:00", "19:30", "flat"], ["19:30", "24:00", "sharp"]]}]}]}, "stations": [)";
const char* const badReports =
    R"("reports": {"dayStart": "08:30", "tariffs": [
      {"id": "a", "from": "2023-01-01", "seasons": [{"months": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13], "periods": [["00:00", "08:00", "valley"], ["09:00", "24:10", "cheap"]]}]},
      {"id": "b", "from": "2024-01-01", "prices": {"peak": -1}, "seasons": [{"months": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "periods": [["00:00", "07:45", "valley"], ["07:45", "23:00", "flat"]]}]}]}, "stations": [)";

// Gateways: a broker, a template for them (no addresses; one tag named otherwise in messages),
// a Neuron device and a Sparkplug device, and a Modbus device on the standard template.
const char* const gateways = R"({
  "format": "pumpwatch-project", "version": 1, "name": "网关",
  "brokers": [{"id": "iot", "name": "物联网平台", "host": "10.0.0.5", "port": 8883, "tls": true,
               "caFile": "/etc/pw/ca.pem", "user": "pw", "passwordFile": "/etc/pw/mqtt.pass",
               "clientId": "pw-server", "hostId": "pw", "stateFormat": "2.2",
               "reorderTimeoutMs": 2000, "neuronTopics": ["/neuron/a/#", "/neuron/b/+/grp"],
               "liveWindowS": 30}],
  "templates": [{"id": "gw", "device": {"protocol": "mqtt-neuron", "group": "grp", "pollMs": 2000},
    "tags": [
      {"key": "outlet_pressure", "name": "出水压力", "quantity": "pressure", "type": "float32", "metric": "PT101"},
      {"key": "pump1_command", "name": "1#泵启停", "quantity": "command", "type": "bool", "access": "rw"}]},
    {"id": "std", "tags": [{"key": "outlet_flow", "name": "出水瞬时流量", "quantity": "flow", "address": "HR0", "type": "float32"}]}],
  "stations": [
    {"id": "N1", "name": "丰乐泵房", "location": {"lat": 27.7, "lon": 106.9},
     "devices": [{"id": "low", "template": "gw", "node": "N1-low"}]},
    {"id": "P1", "name": "海尔大道", "location": {"lat": 27.7, "lon": 106.9},
     "devices": [{"id": "low", "template": "gw", "protocol": "mqtt-sparkplug", "group": "zunyi", "node": "P1", "deviceId": "low"},
                 {"id": "plc", "template": "std", "endpoint": "127.0.0.1:502"}]}
  ]
})";

QByteArray editedGateways(const QString& from, const QString& to)
{
    QString text = QString::fromUtf8(gateways);
    if (!text.contains(from))
        qFatal("test table: '%s' is not in the gateways project", qPrintable(from));
    return text.replace(from, to).toUtf8();
}

QByteArray edited(const QStringList& replacements)
{
    QString text = QString::fromUtf8(base);
    for (qsizetype i = 0; i + 1 < replacements.size(); i += 2) {
        if (!text.contains(replacements[i]))
            qFatal("test table: '%s' is not in the base project", qPrintable(replacements[i]));
        text.replace(replacements[i], replacements[i + 1]);
    }
    return text.toUtf8();
}

} // namespace

class tst_ProjectReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void brokenFiles_data()
    {
        QTest::addColumn<QStringList>("replacements"); // from, to, from, to, ...
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("loads");

        QTest::newRow("valid") << QStringList{} << QStringList{} << true;
        QTest::newRow("bad S7 address")
            << QStringList{"\"VD1008\"", "\"VD10O8\""}
            << QStringList{"t.json: templates[0].tags[0].address: 'VD10O8' is not an S7 V address"}
            << false;
        QTest::newRow("type wider than the address")
            << QStringList{"\"VD1008\"", "\"VW1008\""}
            << QStringList{"t.json: templates[0].tags[0].type: float32 is 32 bits wide but "
                           "'VW1008' holds 16 bits"}
            << false;
        QTest::newRow("bool on a word")
            << QStringList{"\"V1100.0\"", "\"VD1100\""}
            << QStringList{"t.json: templates[0].tags[2].type: bool needs a bit address (a coil, a "
                           "discrete input, "
                           "V byte.bit or register.bit), not 'VD1100'"}
            << false;
        QTest::newRow("template limits out of order")
            << QStringList{"\"H\": 0.55", "\"H\": 0.15"}
            << QStringList{"t.json: templates[0].tags[1].alarm: limits out of order: L 0.25 > H "
                           "0.15 (LL ≤ L ≤ H ≤ HH)"}
            << false;
        QTest::newRow("override limits out of order")
            << QStringList{"{\"H\": 0.5}", "{\"H\": 0.1}"}
            << QStringList{"t.json: stations[0].tags[0].alarm: limits out of order: L 0.25 > H 0.1 "
                           "(LL ≤ L ≤ H ≤ HH)"}
            << false;
        QTest::newRow("negative rate")
            << QStringList{"{\"H\": 0.5}", "{\"rate\": -1}"}
            << QStringList{"t.json: stations[0].tags[0].alarm: rate must be greater than 0, not -1"}
            << false;
        QTest::newRow("negative range tolerance, delay and deadband")
            << QStringList{"{\"H\": 0.5}",
                           "{\"range\": [0, 1.6], \"rangeTolerance\": -0.1, \"rangeDelay\": -5, "
                           "\"rangeDeadband\": -0.01}"}
            << QStringList{"t.json: stations[0].tags[0].alarm.rangeTolerance: must not be negative",
                           "t.json: stations[0].tags[0].alarm.rangeDelay: must not be negative",
                           "t.json: stations[0].tags[0].alarm.rangeDeadband: must not be negative"}
            << false;
        QTest::newRow("range delay not a number")
            << QStringList{"{\"H\": 0.5}", "{\"rangeDelay\": \"10 s\"}"}
            << QStringList{"t.json: stations[0].tags[0].alarm.rangeDelay: expected a number, found "
                           "a string"}
            << false;
        QTest::newRow("reports: day start, meters, tariff versions")
            << QStringList{"\"stations\": [", QString::fromUtf8(goodReports)} << QStringList{}
            << true;
        QTest::newRow("reports: broken tariffs")
            << QStringList{"\"stations\": [", QString::fromUtf8(badReports)}
            << QStringList{"t.json: reports.dayStart: expected a whole hour like \"08:00\", found "
                           "\"08:30\"",
                           "t.json: reports.tariffs[0].seasons[0].months[11]: expected a month "
                           "from 1 to 12",
                           "t.json: reports.tariffs[0].seasons[0].periods[1]: expected [\"hh:mm\", "
                           "\"hh:mm\", class] with a class of deep, valley, flat, peak or sharp",
                           "t.json: reports.tariffs[0].seasons[0].periods: the periods end at "
                           "08:00, not at "
                           "24:00",
                           "t.json: reports.tariffs[0].seasons: month 12 is in no season",
                           "t.json: reports.tariffs[1].prices.peak: a price cannot be negative",
                           "t.json: reports.tariffs[1].seasons[0].periods[0]: tariff periods start "
                           "and end "
                           "on the hour or the half hour",
                           "t.json: reports.tariffs[1].seasons[0].periods[1]: tariff periods start "
                           "and end "
                           "on the hour or the half hour",
                           "t.json: reports.tariffs[1].seasons[0].periods: the periods end at "
                           "23:00, not at "
                           "24:00",
                           "t.json: reports.tariffs: tariff 'a' is still in force when 'b' starts"}
            << false;
        QTest::newRow("duplicate station id")
            << QStringList{"\"id\": \"S2\"", "\"id\": \"S1\""}
            << QStringList{"t.json: stations[1].id: duplicate station id 'S1' (first at "
                           "stations[0].id)"}
            << false;
        QTest::newRow("duplicate template tag key")
            << QStringList{"\"key\": \"pump1_running\"", "\"key\": \"outlet_flow\""}
            << QStringList{"t.json: templates[0].tags[2].key: duplicate key 'outlet_flow' (first "
                           "at templates[0].tags[0].key)"}
            << false;
        QTest::newRow("duplicate device id")
            << QStringList{"{\"id\": \"high\"", "{\"id\": \"low\""}
            << QStringList{"t.json: stations[1].devices[1].id: duplicate device id 'low' (first at "
                           "stations[1].devices[0].id)"}
            << false;
        QTest::newRow("unknown template, reported once")
            << QStringList{"{\"id\": \"plc\", \"template\": \"std\"",
                           "{\"id\": \"plc\", \"template\": \"std2\""}
            << QStringList{"t.json: stations[0].devices[0].template: unknown template 'std2'"}
            << false;
        QTest::newRow("unknown line")
            << QStringList{"\"line\": \"l2\"", "\"line\": \"l9\""}
            << QStringList{"t.json: stations[1].line: unknown line 'l9'"} << false;
        QTest::newRow("unknown device")
            << QStringList{"\"device\": \"low\"", "\"device\": \"mid\""}
            << QStringList{"t.json: stations[1].tags[0].device: unknown device 'mid'"} << false;
        QTest::newRow("device needed with two zones")
            << QStringList{"\"device\": \"low\", ", ""}
            << QStringList{"t.json: stations[1].tags[0].device: required when the station has "
                           "several devices"}
            << false;
        QTest::newRow("override of a tag the template lacks")
            << QStringList{"\"key\": \"outlet_pressure\", \"alarm\"",
                           "\"key\": \"outlet_presure\", \"alarm\""}
            << QStringList{"t.json: stations[0].tags[0].key: 'outlet_presure' is not a tag of "
                           "template 'std'; an extra "
                           "tag needs name, quantity, address and type"}
            << false;
        QTest::newRow("wrong JSON type")
            << QStringList{"\"lat\": 27.7", "\"lat\": \"27.7\""}
            << QStringList{"t.json: stations[0].location.lat: expected a number, found a string"}
            << false;
        QTest::newRow("latitude out of range")
            << QStringList{"\"lat\": 27.7", "\"lat\": 127.7"}
            << QStringList{"t.json: stations[0].location.lat: latitude 127.7 is outside -90..90"}
            << false;
        QTest::newRow("missing name")
            << QStringList{"\"name\": \"澳门路口\", ", ""}
            << QStringList{"t.json: stations[0].name: required, missing"} << false;
        QTest::newRow("unit of another quantity")
            << QStringList{"\"unit\": \"m³/h\"", "\"unit\": \"MPa\""}
            << QStringList{"t.json: templates[0].tags[0].unit: 'MPa' is not a unit of flow (m³/h, "
                           "L/s)"}
            << false;
        QTest::newRow("unknown quantity")
            << QStringList{"\"quantity\": \"running\"", "\"quantity\": \"runing\""}
            << QStringList{"t.json: templates[0].tags[2].quantity: 'runing' is not a quantity"}
            << false;
        QTest::newRow("rw on an input register")
            << QStringList{"\"address\": \"VD1036\", \"type\": \"float32\"",
                           "\"address\": \"IR5\", \"type\": \"float32\", \"access\": \"rw\""}
            << QStringList{"t.json: stations[1].tags[0].access: 'IR5' is read-only (an input), so "
                           "access cannot be rw"}
            << false;
        QTest::newRow("station holdStart moves the table")
            << QStringList{"\"endpoint\": \"127.0.0.1:15001\"}",
                           "\"endpoint\": \"127.0.0.1:15001\", \"holdStart\": 1010}"}
            << QStringList{"t.json: stations[0].devices[0]: template tag 'outlet_flow': 'VD1008' "
                           "lies below the device's holdStart VB1010"}
            << false;
        QTest::newRow("endpoint without port")
            << QStringList{"\"127.0.0.1:15003\"", "\"127.0.0.1\""}
            << QStringList{"t.json: stations[1].devices[1].endpoint: '127.0.0.1' is not host:port"}
            << false;
        QTest::newRow("unknown zone") << QStringList{"\"zone\": \"high\"", "\"zone\": \"高区\""}
                                      << QStringList{"t.json: stations[1].devices[1].zone: '高区' "
                                                     "is not a zone (low, mid, high)"}
                                      << false;
        QTest::newRow("unit id out of range")
            << QStringList{"\"protocol\": \"modbus-tcp\"",
                           "\"protocol\": \"modbus-tcp\", \"unitId\": 300"}
            << QStringList{"t.json: templates[0].device.unitId: expected a whole number from 0 to "
                           "255, found 300"}
            << false;
        QTest::newRow("newer format version")
            << QStringList{"\"version\": 1", "\"version\": 2"}
            << QStringList{"t.json: version: version 2 is newer than this PumpWatch reads (1)"}
            << false;
        QTest::newRow("typo is a warning, the project still loads")
            << QStringList{"\"code\": \"A\"", "\"cdoe\": \"A\""}
            << QStringList{"t.json: warning: stations[0].cdoe: unknown key, ignored"} << true;
        QTest::newRow("everything reported together")
            << QStringList{"\"VD1008\"",          "\"VD10O8\"",         "\"id\": \"S2\"",
                           "\"id\": \"S1\"",      "\"line\": \"l2\"",   "\"line\": \"l9\"",
                           "\"device\": \"low\"", "\"device\": \"mid\""}
            << QStringList{"t.json: templates[0].tags[0].address: 'VD10O8' is not an S7 V address",
                           "t.json: stations[1].id: duplicate station id 'S1' (first at "
                           "stations[0].id)",
                           "t.json: stations[1].line: unknown line 'l9'",
                           "t.json: stations[1].tags[0].device: unknown device 'mid'"}
            << false;
        const QString stations = QStringLiteral("\"stations\": [");
        const auto withMap = [&](const char* map) {
            return QStringList{
                stations,
                QStringLiteral("\"map\": %1, \"stations\": [").arg(QString::fromUtf8(map))};
        };
        QTest::newRow("map: a good section loads") << withMap(goodMap) << QStringList{} << true;
        QTest::newRow("map: colours, datum and zoom are checked")
            << withMap(badStyleMap)
            << QStringList{"t.json: map.tiles[0].datum: 'wgs-84' is not a datum (wgs84, gcj02 or "
                           "bd09)",
                           "t.json: map.tiles[0].minZoom: minZoom 12 is above maxZoom 9",
                           "t.json: map.layers[0].stroke: 'red' is not a colour (#rrggbb or "
                           "#aarrggbb)",
                           "t.json: map.layers[0].fill: '#12345' is not a colour (#rrggbb or "
                           "#aarrggbb)"}
            << false;
        QTest::newRow("map: a tile source needs a URL with places or a file")
            << withMap(badTilesMap)
            << QStringList{"t.json: map.tiles[0]: needs either \"url\" (an XYZ template) or "
                           "\"file\" (an MBTiles file)",
                           "t.json: map.tiles[1].url: 'https://t/tile.png' has no {z}/{x}/{y} (or "
                           "{-y}, {q}) to fill in",
                           "t.json: map.tiles[2].subdomains: the URL has {s}; list the hosts' "
                           "letters, e.g. \"abc\"",
                           "t.json: map.tiles[3].id: duplicate tile source id 'a' (first at "
                           "map.tiles[0].id)",
                           "t.json: map.layers[0].file: required, missing"}
            << false;
        QTest::newRow("control on a read-only and an unknown tag")
            << QStringList{"    ]}],",
                           "    ], \"controls\": [{\"object\": \"pump[1]\", \"kind\": \"pump\", "
                           "\"command\": \"pump1_running\", \"feedback\": \"pump9_running\"}]}],"}
            << QStringList{"t.json: templates[0].controls[0].command: tag 'pump1_running' is "
                           "read-only: it cannot be commanded",
                           "t.json: templates[0].controls[0].feedback: 'pump9_running' is not a "
                           "tag of template 'std'"}
            << false;
        QTest::newRow("control kind, interlock and range")
            << QStringList{"\"type\": \"bool\"}", "\"type\": \"bool\", \"access\": \"rw\"}",
                           "    ]}],",
                           "    ], \"controls\": [{\"object\": \"p\", \"kind\": \"motor\", "
                           "\"command\": \"pump1_running\", \"feedback\": \"pump1_running\", "
                           "\"min\": 5, \"max\": 1, \"interlocks\": [{\"tag\": \"outlet_flow\", "
                           "\"reason\": \"x\"}]}]}],"}
            << QStringList{"t.json: templates[0].controls[0].kind: 'motor' is not one of pump, "
                           "valve, setpoint",
                           "t.json: templates[0].controls[0].min: min 5 is above max 1",
                           "t.json: templates[0].controls[0].interlocks[0]: an interlock needs "
                           "'below' or 'above'"}
            << false;
        QTest::newRow("equipment out of range")
            << QStringList{"\"id\": \"plc\", \"template\": \"std\"",
                           "\"id\": \"plc\", \"equipment\": {\"pumps\": 9, \"tank\": 1}, "
                           "\"template\": \"std\""}
            << QStringList{"t.json: stations[0].devices[0].equipment.pumps: expected a whole "
                           "number from 1 to 8, found 9",
                           "t.json: stations[0].devices[0].equipment.tank: expected true or false, "
                           "found a number"}
            << false;
        QTest::newRow("syntax error names line and column")
            << QStringList{"\"name\": \"测试\",", "\"name\": \"测试\""}
            << QStringList{"t.json:3:4: JSON syntax error: unterminated object"} << false;
    }

    void brokenFiles()
    {
        QFETCH(QStringList, replacements);
        QFETCH(QStringList, expected);
        QFETCH(bool, loads);
        const ProjectLoad load =
            ProjectReader::read(edited(replacements), QStringLiteral("t.json"));
        QCOMPARE(toStrings(load.diagnostics), expected);
        QCOMPARE(load.project.has_value(), loads);
    }

    /// Brokers and gateway devices are read as written, written back the same; a gateway's tags
    /// need no address and are found by their metric name.
    void gatewaysRoundTrip()
    {
        const ProjectLoad load =
            ProjectReader::read(QByteArray(gateways), QStringLiteral("g.json"));
        QVERIFY2(load.project, qPrintable(toStrings(load.diagnostics).join(u'\n')));
        const Project& p = *load.project;
        QCOMPARE(p.brokers.size(), 1u);
        const BrokerSettings& b = p.brokers.front();
        QCOMPARE(b.port, 8883);
        QVERIFY(b.tls && b.legacyState);
        QCOMPARE(b.neuronTopics,
                 QStringList({QStringLiteral("/neuron/a/#"), QStringLiteral("/neuron/b/+/grp")}));
        QCOMPARE(b.liveWindowS, 30);
        QCOMPARE(b.writeTopic, QStringLiteral("neuron/pumpwatch/write/req")); // default
        const DeviceSettings& n = p.stations[0].devices[0].settings;
        QCOMPARE(n.protocol, Protocol::MqttNeuron);
        QCOMPARE(n.broker, QStringLiteral("iot")); // the only broker
        QCOMPARE(n.node, QStringLiteral("N1-low"));
        QCOMPARE(n.group, QStringLiteral("grp"));
        QCOMPARE(n.pollMs, 2000);
        const DeviceSettings& s = p.stations[1].devices[0].settings;
        QCOMPARE(s.protocol, Protocol::MqttSparkplug);
        QCOMPARE(s.group, QStringLiteral("zunyi"));
        QCOMPARE(s.deviceId, QStringLiteral("low"));
        QCOMPARE(p.stations[1].devices[1].settings.protocol, Protocol::ModbusTcp);
        const TagId pressure = p.findTag(u"N1/low/outlet_pressure");
        QCOMPARE(p.tag(pressure).metricName(), QStringLiteral("PT101"));
        QCOMPARE(p.tag(p.findTag(u"N1/low/pump1_command")).metricName(),
                 QStringLiteral("pump1_command"));
        QVERIFY(!p.tag(pressure).address.isValid());

        const QByteArray written = ProjectWriter::write(p);
        const ProjectLoad again = ProjectReader::read(written, QStringLiteral("g.json"));
        QVERIFY2(again.project, qPrintable(toStrings(again.diagnostics).join(u'\n')));
        QVERIFY(*again.project == p);
        QCOMPARE(ProjectWriter::write(*again.project), written);
    }

    void gatewayErrors_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("unknown broker")
            << QStringLiteral("\"node\": \"N1-low\"")
            << QStringLiteral("\"node\": \"N1-low\", \"broker\": \"emqx\"")
            << QStringList{"g.json: stations[0].devices[0].broker: unknown broker 'emqx'"};
        QTest::newRow("no node") << QStringLiteral(", \"node\": \"N1-low\"") << QString()
                                 << QStringList{
                                        "g.json: stations[0].devices[0].node: required, missing"};
        QTest::newRow("the same node twice")
            << QStringLiteral("\"node\": \"P1\"") << QStringLiteral("\"node\": \"N1-low\"")
            << QStringList{};
        QTest::newRow("Sparkplug id with a slash")
            << QStringLiteral("\"group\": \"zunyi\"") << QStringLiteral("\"group\": \"zun/yi\"")
            << QStringList{"g.json: stations[1].devices[0].group: 'zun/yi' is not a Sparkplug id "
                           "(no + / #)"};
        QTest::newRow("Neuron device with a device id")
            << QStringLiteral("\"node\": \"N1-low\"")
            << QStringLiteral("\"node\": \"N1-low\", \"deviceId\": \"x\"")
            << QStringList{"g.json: stations[0].devices[0].deviceId: Neuron devices are named by "
                           "node and group only"};
        QTest::newRow("a Modbus device on a template without addresses")
            << QStringLiteral("{\"id\": \"low\", \"template\": \"gw\", \"node\": \"N1-low\"}")
            << QStringLiteral("{\"id\": \"low\", \"template\": \"gw\", \"protocol\": "
                              "\"modbus-tcp\", \"endpoint\": \"127.0.0.1:502\"}")
            << QStringList{"g.json: stations[0].devices[0]: template tag 'outlet_pressure': "
                           "required, missing (a Modbus device reads the tag from it)",
                           "g.json: stations[0].devices[0]: template tag 'pump1_command': "
                           "required, missing (a Modbus device reads the tag from it)"};
        QTest::newRow("bad broker settings")
            << QStringLiteral("\"stateFormat\": \"2.2\"")
            << QStringLiteral("\"stateFormat\": \"4\", \"qos\": 2, \"writeTopic\": \"a/#\"")
            << QStringList{"g.json: brokers[0].qos: expected a whole number from 0 to 1, found 2",
                           "g.json: brokers[0].stateFormat: '4' is not a STATE format (3.0, 2.2)",
                           "g.json: brokers[0].writeTopic: 'a/#' is not an MQTT topic (no + or #)"};
    }

    /// Each mistake in a gateway's settings is named where it is.
    void gatewayErrors()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QStringList, expected);
        const ProjectLoad load =
            ProjectReader::read(editedGateways(from, to), QStringLiteral("g.json"));
        if (QString::fromUtf8(QTest::currentDataTag()) == u"the same node twice") {
            // Two devices may share a node only under different protocols or groups.
            QVERIFY(load.project);
            const ProjectLoad clash = ProjectReader::read(
                editedGateways(QStringLiteral("\"protocol\": \"mqtt-sparkplug\", \"group\": "
                                              "\"zunyi\", \"node\": \"P1\", \"deviceId\": \"low\""),
                               QStringLiteral("\"node\": \"N1-low\"")),
                QStringLiteral("g.json"));
            QCOMPARE(toStrings(clash.diagnostics),
                     QStringList{"g.json: stations[1].devices[0].node: the gateway's node "
                                 "mqtt-neuron/iot/grp/N1-low is also stations[0].devices[0]"});
            return;
        }
        QCOMPARE(toStrings(load.diagnostics), expected);
        QVERIFY(!load.project);
    }

    /// The reports section is read, written back the same and answers which class and price an
    /// hour has under the version in force.
    void reportsSectionRoundTrip()
    {
        const ProjectLoad load = ProjectReader::read(
            edited({QStringLiteral("\"stations\": ["), QString::fromUtf8(goodReports)}),
            QStringLiteral("t.json"));
        QVERIFY(load.project);
        const ReportSettings& r = load.project->reports;
        QCOMPARE(r.dayStartMinute, 480);
        QCOMPARE(r.tariffs.size(), size_t(2));
        const TariffSchedule* summer2024 = r.tariffOn(QDate(2024, 8, 1));
        QVERIFY(summer2024 && summer2024->id == QStringLiteral("sh2023"));
        QCOMPARE(summer2024->classAt(8, 14 * 60), TariffClass::Peak);
        QCOMPARE(summer2024->classAt(11, 14 * 60), TariffClass::Flat);
        QCOMPARE(summer2024->prices[int(TariffClass::Valley)], 0.3);
        QVERIFY(!summer2024->hasHalfHours());
        const TariffSchedule* js = r.tariffOn(QDate(2026, 1, 1));
        QVERIFY(js && js->hasHalfHours());
        QCOMPARE(js->classAt(1, 19 * 60 + 29), TariffClass::Flat);
        QCOMPARE(js->classAt(1, 19 * 60 + 30), TariffClass::SharpPeak);
        QVERIFY(!r.tariffOn(QDate(2022, 12, 31)));
        const QByteArray written = ProjectWriter::write(*load.project);
        const ProjectLoad again = ProjectReader::read(written, QStringLiteral("t.json"));
        QVERIFY(again.project);
        QCOMPARE(again.project->reports, r);
        QCOMPARE(ProjectWriter::write(*again.project), written);
    }

    /// Map files are relative to the project file: absolute once read, relative again when the
    /// project is written inside the same folder, and left absolute when written elsewhere.
    void mapFilesFollowTheProjectFolder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.json"));
        const QByteArray text =
            edited({QStringLiteral("\"stations\": ["),
                    QStringLiteral(
                        "\"map\": {\"tiles\": [{\"id\": \"off\", \"file\": \"tiles/z.mbtiles\"}], "
                        "\"layers\": [{\"file\": \"map/roads.geojson\", \"name\": \"主干道\"}]}, "
                        "\"stations\": [")});
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(text) == text.size());
        f.close();
        ProjectLoad load = ProjectReader::readFile(path);
        QVERIFY(load.project);
        const MapSettings& map = load.project->map;
        QCOMPARE(map.layers.at(0).file, dir.filePath(QStringLiteral("map/roads.geojson")));
        QCOMPARE(map.layers.at(0).name, QStringLiteral("主干道"));
        QCOMPARE(map.tiles.at(0).file, dir.filePath(QStringLiteral("tiles/z.mbtiles")));
        QCOMPARE(map.tiles.at(0).datum, QStringLiteral("wgs84"));

        QString error;
        QVERIFY2(ProjectWriter::writeFile(*load.project, path, &error), qPrintable(error));
        const ProjectLoad again = ProjectReader::readFile(path);
        QVERIFY(again.project);
        QCOMPARE(again.project->map, map);
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray back = written.readAll();
        QVERIFY2(back.contains("\"file\": \"map/roads.geojson\""), back.constData());
        QVERIFY(back.contains("\"file\": \"tiles/z.mbtiles\""));

        QTemporaryDir other;
        const QString elsewhere = other.filePath(QStringLiteral("copy.json"));
        QVERIFY(ProjectWriter::writeFile(*load.project, elsewhere, &error));
        const ProjectLoad copy = ProjectReader::readFile(elsewhere);
        QVERIFY(copy.project);
        QCOMPARE(copy.project->map.layers.at(0).file, map.layers.at(0).file);
    }

    void notAnObject()
    {
        const ProjectLoad load = ProjectReader::read("[1, 2]", QStringLiteral("t.json"));
        QCOMPARE(toStrings(load.diagnostics),
                 QStringList{"t.json: a project file must hold a JSON object"});
        QVERIFY(!load.project);
    }

    void missingFile()
    {
        const ProjectLoad load = ProjectReader::readFile(QStringLiteral("/nonexistent/zunyi.json"));
        QCOMPARE(toStrings(load.diagnostics),
                 QStringList{"/nonexistent/zunyi.json: cannot open: No such file or directory"});
    }

    void garbageNeverCrashes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4);
        QTest::newRow("stations not an array") << QByteArray(
            R"({"format": "pumpwatch-project", "version": 1, "name": "x", "stations": 5})");
        QTest::newRow("station not an object") << QByteArray(
            R"({"format": "pumpwatch-project", "version": 1, "name": "x", "stations": [3]})");
        QTest::newRow("tags of nulls") << QByteArray(
            R"({"format": "pumpwatch-project", "version": 1, "name": "x", "templates": [{"id": "t", "tags": [null, {}]}]})");
        QTest::newRow("devices empty") << QByteArray(
            R"({"format": "pumpwatch-project", "version": 1, "name": "x", "stations": [{"id": "s", "name": "n", "location": {"lat": 1, "lon": 1}, "devices": [], "tags": [{"key": "k"}]}]})");
        QTest::newRow("truncated base") << edited({}).left(700);
    }

    void garbageNeverCrashes()
    {
        QFETCH(QByteArray, text);
        const ProjectLoad load = ProjectReader::read(text, QStringLiteral("t.json"));
        QVERIFY(!load.project);
        QVERIFY(hasErrors(load.diagnostics));
    }

    /// The example of the issue: the 4th tag of the 13th station of the demo city.
    void issueExample()
    {
        QFile demo(QString::fromLatin1(DemoProjectPath));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(demo.readAll()).object();
        QJsonArray stations = root.value(u"stations").toArray();
        QJsonObject station = stations[12].toObject();
        QJsonArray tags;
        for (int i = 0; i < 4; ++i) {
            tags.append(
                QJsonObject{{"key", QStringLiteral("extra%1").arg(i)},
                            {"name", QStringLiteral("备用%1").arg(i)},
                            {"quantity", "pressure"},
                            {"type", "float32"},
                            {"address", i == 3 ? QStringLiteral("VD10O0")
                                               : QStringLiteral("VD%1").arg(1200 + 4 * i)}});
        }
        station.insert(u"tags", tags);
        stations[12] = station;
        root.insert(u"stations", stations);
        const ProjectLoad load =
            ProjectReader::read(QJsonDocument(root).toJson(), QStringLiteral("zunyi.json"));
        QCOMPARE(toStrings(load.diagnostics),
                 QStringList{
                     "zunyi.json: stations[12].tags[3].address: 'VD10O0' is not an S7 V address"});
    }

    /// Dispatchers read these messages in Chinese.
    void messagesAreTranslated()
    {
        int argc = 1;
        char arg0[] = "tst";
        char* argv[] = {arg0, nullptr};
        QCoreApplication app(argc, argv);
        QVERIFY(installTranslators(app, QLocale(QLocale::Chinese, QLocale::China)));
        const ProjectLoad load = ProjectReader::read(
            edited({"\"VD1008\"", "\"VD10O8\"", "\"line\": \"l2\"", "\"line\": \"l9\""}),
            QStringLiteral("t.json"));
        QCOMPARE(toStrings(load.diagnostics),
                 (QStringList{"t.json: templates[0].tags[0].address: 'VD10O8' 不是 S7 V 区地址",
                              "t.json: stations[1].line: 未知的供水线 'l9'"}));
    }
};

QTEST_APPLESS_MAIN(tst_ProjectReader)
#include "tst_projectreader.moc"
