#include "projectwriter.h"

#include <QSaveFile>

namespace PumpWatch {
namespace {

void writeLimits(JsonWriter& w, const AlarmLimits& a, const AlarmLimits* base)
{
    w.beginObject(JsonWriter::Inline);
    const auto limit = [&](const char* key, const std::optional<double>& v,
                           const std::optional<double>* baseValue) {
        if (v) {
            w.key(key);
            w.value(*v);
        } else if (baseValue && *baseValue) {
            w.key(key); // clears the template's limit
            w.null();
        }
    };
    limit("LL", a.lowLow, base ? &base->lowLow : nullptr);
    limit("L", a.low, base ? &base->low : nullptr);
    limit("H", a.high, base ? &base->high : nullptr);
    limit("HH", a.highHigh, base ? &base->highHigh : nullptr);
    limit("rate", a.ratePerMinute, base ? &base->ratePerMinute : nullptr);
    if (a.deadband != (base ? base->deadband : 0.0)) {
        w.key("deadband");
        w.value(a.deadband);
    }
    if (a.enabled != (base ? base->enabled : true)) {
        w.key("enabled");
        w.value(a.enabled);
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
    if (!base || def.address.text != b.address.text) {
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
    w.endObject();
}

QByteArray ProjectWriter::write(const Project& p)
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
    w.endObject();
    return w.finish();
}

bool ProjectWriter::writeFile(const Project& project, const QString& path, QString* error)
{
    return writeFile(write(project), path, error);
}

bool ProjectWriter::writeFile(const QByteArray& text, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace PumpWatch
