#include "projectwriter.h"

#include "alarmreader.h"
#include "brokersection.h"
#include "controlreader.h"
#include "fileversions.h"
#include "mapsection.h"
#include "reportsection.h"

#include <QFileInfo>
#include <QSaveFile>

namespace PumpWatch {
namespace {

/// LL/L/H/HH/rate; with a base, a limit the base has and `v` lacks is written as null.
void writeLimitValues(JsonWriter& w, const LimitValues& v, const LimitValues* base)
{
    const auto limit = [&](const char* key, const std::optional<double>& value,
                           const std::optional<double>* baseValue) {
        if (value) {
            w.key(key);
            w.value(*value);
        } else if (baseValue && *baseValue) {
            w.key(key); // clears the inherited limit
            w.null();
        }
    };
    limit("LL", v.lowLow, base ? &base->lowLow : nullptr);
    limit("L", v.low, base ? &base->low : nullptr);
    limit("H", v.high, base ? &base->high : nullptr);
    limit("HH", v.highHigh, base ? &base->highHigh : nullptr);
    limit("rate", v.ratePerMinute, base ? &base->ratePerMinute : nullptr);
}

void writeLimits(JsonWriter& w, const AlarmLimits& a, const AlarmLimits* base)
{
    static const AlarmLimits defaults;
    const AlarmLimits& b = base ? *base : defaults;
    w.beginObject(JsonWriter::Inline);
    writeLimitValues(w, a, base);
    const auto number = [&](const char* key, double value, double baseValue) {
        if (value != baseValue) {
            w.key(key);
            w.value(value);
        }
    };
    number("deadband", a.deadband, b.deadband);
    number("onDelay", a.onDelayS, b.onDelayS);
    number("offDelay", a.offDelayS, b.offDelayS);
    number("frozen", a.frozenS, b.frozenS);
    if (a.rangeMin != b.rangeMin || a.rangeMax != b.rangeMax) {
        w.key("range");
        if (a.rangeMin && a.rangeMax) {
            w.beginArray(JsonWriter::Inline);
            w.value(*a.rangeMin);
            w.value(*a.rangeMax);
            w.endArray();
        } else {
            w.null();
        }
    }
    const auto optional = [&](const char* key, const std::optional<double>& value,
                              const std::optional<double>& baseValue) {
        if (value == baseValue)
            return;
        w.key(key);
        if (value)
            w.value(*value);
        else
            w.null(); // back to the default
    };
    optional("rangeTolerance", a.rangeToleranceSet, b.rangeToleranceSet);
    optional("rangeDelay", a.rangeDelaySet, b.rangeDelaySet);
    optional("rangeDeadband", a.rangeDeadbandSet, b.rangeDeadbandSet);
    if (a.periods != b.periods) {
        w.key("periods");
        w.beginArray(JsonWriter::Inline);
        for (const AlarmPeriod& p : a.periods) {
            w.beginObject(JsonWriter::Inline);
            w.key("from");
            w.value(minuteOfDayText(p.fromMinute));
            w.key("to");
            w.value(minuteOfDayText(p.toMinute == 0 ? 1440 : p.toMinute));
            if (p.days != 0x7f) {
                w.key("days");
                w.value(alarmDaysText(p.days));
            }
            // Complete: what the period lacks and the tag has is written as null.
            writeLimitValues(w, p.limits, &a);
            w.endObject();
        }
        w.endArray();
    }
    if (a.enabled != b.enabled) {
        w.key("enabled");
        w.value(a.enabled);
    }
    w.endObject();
}

void writeRule(JsonWriter& w, const AlarmRule& r)
{
    w.beginObject(JsonWriter::Inline);
    w.key("id");
    w.value(r.id);
    w.key("name");
    w.value(r.name);
    w.key("severity");
    w.value(r.critical ? u"critical" : u"warning");
    if (!r.templateId.isEmpty()) {
        w.key("template");
        w.value(r.templateId);
    }
    if (!r.stations.isEmpty()) {
        w.key("stations");
        w.beginArray(JsonWriter::Inline);
        for (const QString& s : r.stations)
            w.value(s);
        w.endArray();
    }
    w.key("tags");
    w.beginObject(JsonWriter::Inline);
    for (const auto& [variable, key] : r.tags) {
        w.key(variable.toUtf8().constData());
        w.value(key);
    }
    w.endObject();
    if (!r.constants.empty()) {
        w.key("constants");
        w.beginObject(JsonWriter::Inline);
        for (const auto& [name, value] : r.constants) {
            w.key(name.toUtf8().constData());
            w.value(value);
        }
        w.endObject();
    }
    w.key("window");
    w.value(r.windowS);
    w.key("expression");
    w.value(r.expression);
    if (r.onDelayS != 0) {
        w.key("onDelay");
        w.value(r.onDelayS);
    }
    if (r.offDelayS != 0) {
        w.key("offDelay");
        w.value(r.offDelayS);
    }
    if (!r.enabled) {
        w.key("enabled");
        w.value(false);
    }
    w.endObject();
}

/// A tag on one line; with a base, only the fields that differ from it.
void writeTag(JsonWriter& w, const TagDef& def, const TagDef* base, const QString& device)
{
    static const TagDef defaults;
    const TagDef& b = base ? *base : defaults;
    w.beginObject(JsonWriter::Inline);
    w.key("key");
    w.value(def.key);
    if (!device.isEmpty()) {
        w.key("device");
        w.value(device);
    }
    if (!base || def.name != b.name) {
        w.key("name");
        w.value(def.name);
    }
    if (!base || def.quantity != b.quantity) {
        w.key("quantity");
        w.value(quantityCode(def.quantity));
    }
    if ((!base && !def.unit.isEmpty()) || (base && def.unit != b.unit)) {
        w.key("unit");
        w.value(def.unit);
    }
    if ((!base && !def.address.text.isEmpty()) || (base && def.address.text != b.address.text)) {
        w.key("address");
        w.value(def.address.text);
    }
    if (!base || def.type != b.type) {
        w.key("type");
        w.value(dataTypeName(def.type));
    }
    if (def.scale != b.scale) {
        w.key("scale");
        w.beginObject(JsonWriter::Inline);
        w.key("gain");
        w.value(def.scale.gain);
        if (def.scale.offset != 0.0) {
            w.key("offset");
            w.value(def.scale.offset);
        }
        w.endObject();
    }
    if (def.access != b.access) {
        w.key("access");
        w.value(accessName(def.access));
    }
    if (def.historyDeadband != b.historyDeadband) {
        w.key("deadband");
        w.value(def.historyDeadband);
    }
    if (def.metric != b.metric) {
        w.key("metric");
        w.value(def.metric);
    }
    if (def.rollover != b.rollover) {
        w.key("rollover");
        w.value(def.rollover);
    }
    if (def.alarm != b.alarm) {
        w.key("alarm");
        writeLimits(w, def.alarm, base ? &b.alarm : nullptr);
    }
    w.endObject();
}

/// Device settings; with a base, only the fields that differ (the endpoint always).
void writeDeviceSettings(JsonWriter& w, const DeviceSettings& s, const DeviceSettings* base)
{
    static const DeviceSettings defaults;
    const DeviceSettings& b = base ? *base : defaults;
    const bool all = !base;
    if (all || s.protocol != b.protocol) {
        w.key("protocol");
        w.value(protocolName(s.protocol));
    }
    if (!s.endpoint.isEmpty()) {
        w.key("endpoint");
        w.value(s.endpoint);
    }
    for (auto [key, value, baseValue] :
         {std::tuple{"broker", &s.broker, &b.broker}, std::tuple{"group", &s.group, &b.group},
          std::tuple{"node", &s.node, &b.node}, std::tuple{"deviceId", &s.deviceId, &b.deviceId}}) {
        if (*value != *baseValue) {
            w.key(key);
            w.value(*value);
        }
    }
    const auto integer = [&](const char* key, int v, int baseValue) {
        if (all || v != baseValue) {
            w.key(key);
            w.value(v);
        }
    };
    integer("unitId", s.unitId, b.unitId);
    integer("pollMs", s.pollMs, b.pollMs);
    integer("timeoutMs", s.timeoutMs, b.timeoutMs);
    integer("retries", s.retries, b.retries);
    integer("demoteAfter", s.demoteAfter, b.demoteAfter);
    integer("demotionMs", s.demotionMs, b.demotionMs);
    if (all || s.wordOrder != b.wordOrder) {
        w.key("wordOrder");
        w.value(wordOrderName(s.wordOrder));
    }
    if (all || s.addressing != b.addressing) {
        w.key("addressing");
        w.value(addressingModeName(s.addressing));
    }
    if ((all && s.addressing == AddressingMode::S7V) || s.holdStart != b.holdStart) {
        w.key("holdStart");
        w.value(static_cast<qint64>(s.holdStart));
    }
    if ((all && s.protocol == Protocol::ModbusRtu) || s.serial != b.serial) {
        w.key("serial");
        w.beginObject(JsonWriter::Inline);
        w.key("baudRate");
        w.value(s.serial.baudRate);
        w.key("parity");
        w.value(QString(QLatin1Char(s.serial.parity)));
        w.key("dataBits");
        w.value(s.serial.dataBits);
        w.key("stopBits");
        w.value(s.serial.stopBits);
        w.endObject();
    }
}

void writeStation(JsonWriter& w, const Project& p, const Station& s)
{
    w.beginObject();
    w.key("id");
    w.value(s.id);
    w.key("name");
    w.value(s.name);
    if (!s.code.isEmpty()) {
        w.key("code");
        w.value(s.code);
    }
    if (!s.district.isEmpty()) {
        w.key("district");
        w.value(s.district);
    }
    w.key("location");
    w.beginObject(JsonWriter::Inline);
    w.key("lat");
    w.value(s.location.latitude);
    w.key("lon");
    w.value(s.location.longitude);
    w.endObject();
    if (s.line >= 0) {
        w.key("line");
        w.value(p.lines[static_cast<std::size_t>(s.line)].id);
    }
    w.key("devices");
    w.beginArray(s.devices.size() == 1 ? JsonWriter::Inline : JsonWriter::Block);
    for (const Device& d : s.devices) {
        w.beginObject(JsonWriter::Inline);
        w.key("id");
        w.value(d.id);
        if (d.zone != Zone::Low) {
            w.key("zone");
            w.value(zoneCode(d.zone));
        }
        const StationTemplate* t = d.templateIndex >= 0
                                       ? &p.templates[static_cast<std::size_t>(d.templateIndex)]
                                       : nullptr;
        if (t) {
            w.key("template");
            w.value(t->id);
        }
        if (d.equipment != Equipment{}) {
            w.key("equipment");
            w.beginObject(JsonWriter::Inline);
            if (d.equipment.pumps > 0) {
                w.key("pumps");
                w.value(d.equipment.pumps);
            }
            if (d.equipment.tank) {
                w.key("tank");
                w.value(*d.equipment.tank);
            }
            w.endObject();
        }
        static const DeviceSettings defaults;
        writeDeviceSettings(w, d.settings, t ? &t->device : &defaults);
        w.endObject();
    }
    w.endArray();
    if (!s.tags.empty()) {
        w.key("tags");
        w.beginArray();
        for (const StationTag& st : s.tags) {
            const Device& d = s.devices[static_cast<std::size_t>(st.device)];
            const TagDef* base = st.overrides >= 0
                                     ? &p.templates[static_cast<std::size_t>(d.templateIndex)]
                                            .tags[static_cast<std::size_t>(st.overrides)]
                                     : nullptr;
            writeTag(w, st.def, base, s.devices.size() > 1 ? d.id : QString());
        }
        w.endArray();
    }
    w.endObject();
}

} // namespace

void ProjectWriter::writeTemplate(JsonWriter& w, const StationTemplate& t)
{
    w.beginObject();
    w.key("id");
    w.value(t.id);
    w.key("name");
    w.value(t.name);
    w.key("device");
    w.beginObject(JsonWriter::Inline);
    writeDeviceSettings(w, t.device, nullptr);
    w.endObject();
    w.key("tags");
    w.beginArray();
    for (const TagDef& def : t.tags)
        writeTag(w, def, nullptr, {});
    w.endArray();
    if (!t.controls.empty()) {
        w.key("controls");
        ProjectJson::writeControls(w, t.controls);
    }
    w.endObject();
}

QByteArray ProjectWriter::write(const Project& p, const QString& baseDir)
{
    JsonWriter w;
    w.beginObject();
    w.key("format");
    w.value(u"pumpwatch-project");
    w.key("version");
    w.value(Project::FormatVersion);
    w.key("name");
    w.value(p.name);
    w.key("timeZone");
    w.value(p.timeZone);

    w.key("plants");
    w.beginArray();
    for (std::size_t i = 0; i < p.plants.size(); ++i) {
        w.beginObject(JsonWriter::Inline);
        w.key("id");
        w.value(p.plants[i].id);
        w.key("name");
        w.value(p.plants[i].name);
        w.key("lines");
        w.beginArray();
        for (const Line& line : p.lines) {
            if (line.plant != static_cast<int>(i))
                continue;
            w.beginObject();
            w.key("id");
            w.value(line.id);
            w.key("name");
            w.value(line.name);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();

    if (!p.brokers.empty()) {
        w.key("brokers");
        w.beginArray();
        for (const BrokerSettings& b : p.brokers)
            ProjectJson::writeBroker(w, b);
        w.endArray();
    }

    w.key("templates");
    w.beginArray();
    for (const StationTemplate& t : p.templates)
        writeTemplate(w, t);
    w.endArray();

    w.key("stations");
    w.beginArray();
    for (const Station& s : p.stations)
        writeStation(w, p, s);
    w.endArray();
    if (!p.alarmRules.empty()) {
        w.key("alarmRules");
        w.beginArray();
        for (const AlarmRule& r : p.alarmRules)
            writeRule(w, r);
        w.endArray();
    }
    if (!p.map.isEmpty()) {
        w.key("map");
        ProjectJson::writeMap(w, p.map, baseDir);
    }
    if (!p.graphics.empty()) {
        w.key("graphics");
        w.beginArray();
        for (const GraphicRef& g : p.graphics) {
            w.beginObject(JsonWriter::Inline);
            w.key("id");
            w.value(g.id);
            w.key("file");
            w.value(ProjectJson::relativeFile(g.file, baseDir));
            w.endObject();
        }
        w.endArray();
    }
    if (!p.reports.isDefault()) {
        w.key("reports");
        ProjectJson::writeReports(w, p.reports);
    }
    w.endObject();
    return w.finish();
}

bool ProjectWriter::writeFile(const Project& project, const QString& path, QString* error)
{
    return writeFile(write(project, QFileInfo(path).absolutePath()), path, error);
}

bool ProjectWriter::writeFile(const QByteArray& text, const QString& path, QString* error)
{
    // What the save replaces is kept first; without that version the file is not replaced.
    if (!FileVersions::preserve(path, error, &text))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QString ProjectWriter::alarmText(const AlarmLimits& alarm)
{
    JsonWriter w;
    writeLimits(w, alarm, nullptr);
    return QString::fromUtf8(w.finish()).trimmed();
}

} // namespace PumpWatch
