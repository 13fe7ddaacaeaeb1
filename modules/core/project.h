// The project: plants and lines, station templates, stations with their devices and tags.
//
// Station templates hold one PLC address table (tag definitions and device defaults) shared by
// every station whose device uses it; a station stores only what differs (overrides of template
// tags, extra tags), so a 2000-station project holds one copy of the table, not 2000.
//
// Tag ids are dense: station by station, device by device, the template's tags in table order
// (an override takes the place of the tag it overrides), then the station's extra tags of that
// device. reindex() derives them, and must be called after the vectors are changed; the project
// reader does it. A Project is a plain value: not thread-safe for writing, safe to read from
// several threads once built (the usual case: built at start-up, then shared as const).
//
//     const Project& p = ...;
//     TagId id = p.findTag(u"S001", u"plc", u"outlet_pressure");
//     const TagDef& def = p.tag(id);        // quantity, unit, address, limits
//     const Station& s = p.stationOfTag(id);
#pragma once

#include "address.h"
#include "brokersettings.h"
#include "controldef.h"
#include "datatype.h"
#include "quantity.h"
#include "reportsettings.h"
#include "sample.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace PumpWatch {

/// engineering value = raw × gain + offset
struct Scaling {
    double gain = 1.0;
    double offset = 0.0;

    double toEngineering(double raw) const { return raw * gain + offset; }
    double toRaw(double engineering) const { return (engineering - offset) / gain; }
    bool isIdentity() const { return gain == 1.0 && offset == 0.0; }
    friend bool operator==(const Scaling&, const Scaling&) = default;
};

/// Limit values in a tag's engineering unit; a missing limit is not checked.
struct LimitValues {
    std::optional<double> lowLow;
    std::optional<double> low;
    std::optional<double> high;
    std::optional<double> highHigh;
    std::optional<double> ratePerMinute; ///< largest allowed change within a minute

    bool hasLimits() const { return lowLow || low || high || highHigh || ratePerMinute; }
    friend bool operator==(const LimitValues&, const LimitValues&) = default;
};

/// A period of the day, on some days of the week, with limits of its own: pressure bands that
/// differ by time of day, or a wider band while pumps start every morning (seed 000 §4.2.4).
struct AlarmPeriod {
    int fromMinute = 0; ///< local minute of the day the period starts, 0..1439
    int toMinute = 0;   ///< local minute it ends (exclusive); ≤ fromMinute runs past midnight
    quint8 days = 0x7f; ///< days it starts on: bit 0 Monday … bit 6 Sunday
    LimitValues limits; ///< complete: limits a file leaves out are the tag's own

    /// True at `minuteOfDay` (0..1439) of `dayOfWeek` (1 Monday .. 7 Sunday, Qt's numbering).
    bool contains(int minuteOfDay, int dayOfWeek) const;
    friend bool operator==(const AlarmPeriod&, const AlarmPeriod&) = default;
};

/// How a tag is watched: process limits (with their periods), hysteresis and delays against
/// chatter, and sensor checks (frozen value, physical range).
struct AlarmLimits : LimitValues {
    double deadband = 0.0;  ///< hysteresis before an alarm returns or steps down
    double onDelayS = 0.0;  ///< a limit must stay crossed this long before the alarm is raised
    double offDelayS = 0.0; ///< and stay clear this long before it returns to normal
    double frozenS = 0.0;   ///< sensor fault when a good value has not changed this long; 0: off
    std::optional<double> rangeMin; ///< physical range of the sensor: outside is a sensor fault
    std::optional<double> rangeMax;
    // A value at the edge of the span (an empty tank reading −0.0005 m) is noise, a broken
    // 4–20 mA loop reads far outside it: the range check has its own tolerance, delay and
    // deadband. Unset, they take defaults that follow the span (rangeTolerance() …).
    std::optional<double> rangeToleranceSet; ///< how far outside the range is still inside
    std::optional<double> rangeDelaySet;     ///< s outside (or back inside) before it counts
    std::optional<double> rangeDeadbandSet;  ///< how far back inside ends the sensor fault
    std::vector<AlarmPeriod> periods; ///< first match wins; outside every period the base applies
    bool enabled = true;

    static constexpr double DefaultRangeToleranceOfSpan = 0.02;
    static constexpr double DefaultRangeDelayS = 10.0;
    static constexpr double DefaultRangeDeadbandOfSpan = 0.01;

    /// rangeMax − rangeMin, or 0 when the range is open on a side.
    double rangeSpan() const { return rangeMin && rangeMax ? *rangeMax - *rangeMin : 0.0; }
    /// In force: as set, else 2 % of the span.
    double rangeTolerance() const
    {
        return rangeToleranceSet.value_or(DefaultRangeToleranceOfSpan * rangeSpan());
    }
    /// In force: as set, else 10 s.
    double rangeDelayS() const { return rangeDelaySet.value_or(DefaultRangeDelayS); }
    /// In force: as set, else 1 % of the span.
    double rangeDeadband() const
    {
        return rangeDeadbandSet.value_or(DefaultRangeDeadbandOfSpan * rangeSpan());
    }

    /// The limits in force at a local time: the first period containing it, else the base.
    const LimitValues& at(int minuteOfDay, int dayOfWeek) const;
    bool hasChecks() const
    {
        return hasLimits() || frozenS > 0 || rangeMin || rangeMax || !periods.empty();
    }
    friend bool operator==(const AlarmLimits&, const AlarmLimits&) = default;
};

struct TagDef {
    QString key;  ///< stable id within its device, e.g. "outlet_pressure"
    QString name; ///< for people, e.g. "出水压力"
    Quantity quantity = Quantity::Unknown;
    QString unit; ///< canonical spelling of a unit of the quantity (quantity.h)
    Address address;
    DataType type = DataType::Invalid;
    Scaling scale;
    Access access = Access::Read;
    double historyDeadband = 0.0; ///< engineering units; 0 stores every change
    double rollover = 0.0;        ///< a counter's wrap value (e.g. 99999999 m³), 0 when not known
    AlarmLimits alarm;
    /// The tag's name in a gateway's messages (a Neuron tag, a Sparkplug metric); empty: the key.
    QString metric;

    const QString& metricName() const { return metric.isEmpty() ? key : metric; }
    friend bool operator==(const TagDef&, const TagDef&) = default;
};

struct SerialSettings {
    int baudRate = 9600;
    char parity = 'N'; ///< 'N', 'E' or 'O'
    int dataBits = 8;
    int stopBits = 1;
    friend bool operator==(const SerialSettings&, const SerialSettings&) = default;
};

struct DeviceSettings {
    Protocol protocol = Protocol::ModbusTcp;
    QString endpoint; ///< "host:port" for Modbus TCP, a serial port for Modbus RTU
    // A gateway's device (mqtt-*): which broker (BrokerSettings::id) brings it, and how its
    // messages name it: Neuron's node (south device) and group, or Sparkplug's group id, edge
    // node id and device id (empty: the edge node's own metrics).
    QString broker;
    QString group;
    QString node;
    QString deviceId;
    int unitId = 1;
    int pollMs = 1000;
    int timeoutMs = 1000;
    int retries = 1; ///< for reads; writes are never retried
    /// On a shared line or gateway: failures in a row after which a device is only tried once
    /// per demotionMs until it answers (0: never demoted).
    int demoteAfter = 3;
    int demotionMs = 30'000;
    WordOrder wordOrder = WordOrder::ABCD;
    AddressingMode addressing = AddressingMode::Modbus;
    quint32 holdStart = 0; ///< V byte mapped to holding register 0 (40001) when addressing is s7-v
    SerialSettings serial;
    friend bool operator==(const DeviceSettings&, const DeviceSettings&) = default;
};

/// `current` moved from the defaults `oldBase` to `newBase`: the fields a station set itself
/// (where `current` differs from `oldBase`) are kept, all others follow `newBase`.
DeviceSettings rebased(const DeviceSettings& current, const DeviceSettings& oldBase,
                       const DeviceSettings& newBase);

struct StationTemplate {
    QString id;
    QString name;
    DeviceSettings device; ///< defaults for every device using the template
    std::vector<TagDef> tags;
    std::vector<ControlDef> controls; ///< what a dispatcher may operate (controldef.h)

    /// Index of the tag with `key` (the first, if a broken table repeats it), or -1. Valid after
    /// indexKeys(), which Project::reindex() calls.
    int tagIndex(const QString& key) const { return keyIndex.value(key, -1); }
    void indexKeys();
    QHash<QString, int> keyIndex; ///< derived

    friend bool operator==(const StationTemplate& a, const StationTemplate& b)
    {
        return a.id == b.id && a.name == b.name && a.device == b.device && a.tags == b.tags &&
               a.controls == b.controls;
    }
};

enum class Zone : quint8 { Invalid = 0, Low, Mid, High };
QString zoneCode(Zone zone);
Zone parseZone(QStringView code);
QString zoneDisplayName(Zone zone); ///< 低区 / 中区 / 高区

/// What a device's pump house has, where drawings (their variants) and the simulator need it.
struct Equipment {
    int pumps = 0;            ///< 1..8; 0: not stated (a drawing shows what the template has)
    std::optional<bool> tank; ///< a break tank (水箱); false: suction from the mains (叠压)
    friend bool operator==(const Equipment&, const Equipment&) = default;
};

struct Device {
    QString id;
    Zone zone = Zone::Low;
    Equipment equipment;
    int templateIndex = -1; ///< into Project::templates; -1: the device has only station tags
    DeviceSettings settings;
    TagId firstTag = 0;   ///< derived: the device's tags are firstTag .. firstTag+tagCount-1
    quint32 tagCount = 0; ///< derived

    friend bool operator==(const Device& a, const Device& b)
    {
        return a.id == b.id && a.zone == b.zone && a.templateIndex == b.templateIndex &&
               a.settings == b.settings && a.equipment == b.equipment;
    }
};

/// A tag a station defines itself: an override of one of its device's template tags, or an
/// extra tag of that device.
struct StationTag {
    int device = 0;     ///< index into Station::devices
    int overrides = -1; ///< index of the template tag it replaces; -1 for an extra tag
    TagDef def;
    friend bool operator==(const StationTag&, const StationTag&) = default;
};

struct GeoPoint {
    double latitude = 0.0; ///< WGS-84 degrees
    double longitude = 0.0;
    friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

struct Plant {
    QString id;
    QString name;
    friend bool operator==(const Plant&, const Plant&) = default;
};

struct Line {
    QString id;
    QString name;
    int plant = -1; ///< index into Project::plants
    friend bool operator==(const Line&, const Line&) = default;
};

struct Station {
    QString id;       ///< stable across renames; history refers to it
    QString name;     ///< e.g. "澳门路口"
    QString code;     ///< pinyin initial or short code, e.g. "A" (shown as "(A)澳门路口")
    QString district; ///< e.g. "红花岗区"
    GeoPoint location;
    int line = -1; ///< index into Project::lines; -1 when not part of a production line
    std::vector<Device> devices;
    std::vector<StationTag> tags;
    TagId firstTag = 0;   ///< derived
    quint32 tagCount = 0; ///< derived

    QString displayName() const;
    /// The zones of the station's devices, low to high, each once.
    std::vector<Zone> zones() const;
    int deviceIndex(QStringView id) const;

    friend bool operator==(const Station& a, const Station& b)
    {
        return a.id == b.id && a.name == b.name && a.code == b.code && a.district == b.district &&
               a.location == b.location && a.line == b.line && a.devices == b.devices &&
               a.tags == b.tags;
    }
};

/// A composite alarm rule (seed 002: rule-based diagnosis such as pipe-burst warning): a
/// muparser expression over tags of one device, raised while it is non-zero. It applies to every
/// device of `templateId` (or every device having all its tags), restricted to `stations` when
/// given. Each variable names a tag key of the device; the expression also sees, per variable
/// `x`, `x_min`, `x_max` and `x_first` over the last `windowS` seconds. The alarms module
/// compiles and checks the expressions.
struct AlarmRule {
    QString id;
    QString name;                                      ///< for people: "爆管预警"
    bool critical = true;                              ///< else a warning
    QString templateId;                                ///< empty: any device having all the tags
    QStringList stations;                              ///< empty: every station
    std::vector<std::pair<QString, QString>> tags;     ///< variable → tag key
    std::vector<std::pair<QString, double>> constants; ///< name → value (X, Y, Z of a rule)
    double windowS = 60.0;
    QString expression;
    double onDelayS = 0.0;
    double offDelayS = 0.0;
    bool enabled = true;
    friend bool operator==(const AlarmRule&, const AlarmRule&) = default;
};

/// A vector base layer of the map (districts, roads, rivers, pipelines): any file GDAL/OGR
/// reads, drawn with a simple style. `file` is absolute once read (the reader resolves it
/// against the project file's folder; ":/" names a compiled-in resource).
struct MapLayer {
    QString file;
    QString name;                               ///< for people: "行政区"
    QString stroke = QStringLiteral("#78829a"); ///< "#rrggbb" or "#aarrggbb"; empty: none
    QString fill;                               ///< empty: not filled
    double width = 1.0;                         ///< screen pixels
    QString labelField;                         ///< attribute shown as the label; empty: "name"
    QString labelColour = QStringLiteral("#c8cdd7");
    double labelMinZoom = 12; ///< labels from this zoom on
    bool visible = true;
    friend bool operator==(const MapLayer&, const MapLayer&) = default;
};

/// A raster tile source under the vector layers: an XYZ URL template fetched into a disk cache,
/// or an MBTiles file for rooms without a network. Stations are shifted onto its datum.
struct MapTiles {
    QString id;
    QString name; ///< for people: "高德地图"
    QString url;  ///< "https://…/{z}/{x}/{y}.png" ({-y} {q} {s} too); or
    QString file; ///< an MBTiles file (absolute once read)
    QString datum = QStringLiteral("wgs84"); ///< "wgs84", "gcj02" (AMap, Tencent) or "bd09"
    int minZoom = 0;
    int maxZoom = 18;
    QString subdomains; ///< one character per host for {s}, e.g. "1234"
    friend bool operator==(const MapTiles&, const MapTiles&) = default;
};

struct MapSettings {
    std::vector<MapTiles> tiles;  ///< the first is shown; the others are offered
    std::vector<MapLayer> layers; ///< bottom to top
    bool isEmpty() const { return tiles.empty() && layers.empty(); }
    friend bool operator==(const MapSettings&, const MapSettings&) = default;
};

/// A process graphic (工艺流程图) of the project: a drawing file in the format of
/// modules/graphics (docs/project-format.md § Graphics). `file` is absolute once read (resolved
/// against the project file's folder like map files; ":/" names a compiled-in resource).
struct GraphicRef {
    QString id; ///< "std-pump-house"
    QString file;
    friend bool operator==(const GraphicRef&, const GraphicRef&) = default;
};

class Project {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Project)

public:
    static constexpr int FormatVersion = 1;

    QString name;
    QString timeZone = QStringLiteral("Asia/Shanghai"); ///< IANA id; local time of reports and CLI
    std::vector<Plant> plants;
    std::vector<Line> lines;
    std::vector<StationTemplate> templates;
    std::vector<Station> stations;
    std::vector<AlarmRule> alarmRules;
    MapSettings map;
    std::vector<GraphicRef> graphics;    ///< which station opens which: modules/graphics
    ReportSettings reports;              ///< day boundary, meters, tariffs: modules/reports
    std::vector<BrokerSettings> brokers; ///< the MQTT brokers gateways publish to

    /// Index of the broker with `id`, or -1.
    int brokerIndex(QStringView id) const;

    /// Derives tag ids, template key indexes and lookups from the vectors above.
    void reindex();

    quint32 tagCount() const { return static_cast<quint32>(m_tags.size()); }
    const TagDef& tag(TagId id) const;
    const Station& stationOfTag(TagId id) const { return stations[m_tags[id].station]; }
    int stationIndexOfTag(TagId id) const { return static_cast<int>(m_tags[id].station); }
    const Device& deviceOfTag(TagId id) const;
    /// Index of the tag's device within its station.
    int deviceIndexOfTag(TagId id) const { return m_tags[id].device; }
    /// True when a device is reached through an IoT gateway (mqtt-neuron, mqtt-sparkplug).
    bool hasGateways() const;
    /// "S001/plc/outlet_pressure"
    QString tagPath(TagId id) const;

    int stationIndex(QStringView id) const;
    int templateIndex(QStringView id) const;
    int lineIndex(QStringView id) const;
    TagId findTag(QStringView stationId, QStringView deviceId, QStringView key) const;
    /// Accepts "station/device/key", or "station/key" when the station has one device.
    TagId findTag(QStringView path) const;

    friend bool operator==(const Project& a, const Project& b)
    {
        return a.name == b.name && a.timeZone == b.timeZone && a.plants == b.plants &&
               a.lines == b.lines && a.templates == b.templates && a.stations == b.stations &&
               a.alarmRules == b.alarmRules && a.map == b.map && a.graphics == b.graphics &&
               a.reports == b.reports && a.brokers == b.brokers;
    }

private:
    struct TagRef {
        quint32 station;
        quint16 device;
        qint32 def; ///< >= 0: template tag index; < 0: station tag -(def + 1)
    };
    std::vector<TagRef> m_tags;
    QHash<QString, int> m_stationIndex;
};

} // namespace PumpWatch
