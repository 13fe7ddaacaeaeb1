#include "projectreader.h"

#include "alarmreader.h"
#include "brokersection.h"
#include "controlreader.h"
#include "mapsection.h"
#include "projectreader_p.h"
#include "reportsection.h"
#include "tagcheck.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <functional>
#include <initializer_list>

namespace PumpWatch {
namespace {

using namespace ProjectJson;

constexpr std::initializer_list<const char*> deviceKeys = {
    "protocol",    "endpoint",   "unitId",    "pollMs",     "timeoutMs", "retries",
    "demoteAfter", "demotionMs", "wordOrder", "addressing", "holdStart", "serial",
    "broker",      "group",      "node",      "deviceId"};

class Reader {
public:
    explicit Reader(Context& ctx)
        : m_ctx(ctx)
    {}

    std::optional<Project> read(const QJsonObject& root)
    {
        Node n(m_ctx, root, {},
               {"format", "version", "name", "timeZone", "plants", "templates", "stations",
                "alarmRules", "map", "graphics", "reports", "brokers"});
        if (const auto format = n.string("format", true); format && *format != u"pumpwatch-project")
            m_ctx.error(
                n.path("format"),
                ProjectReader::tr("expected \"pumpwatch-project\", found \"%1\"").arg(*format));
        if (const auto version = n.integer("version", 1, 1000000, true);
            version && *version > Project::FormatVersion)
            m_ctx.error(n.path("version"),
                        ProjectReader::tr("version %1 is newer than this PumpWatch reads (%2)")
                            .arg(*version)
                            .arg(Project::FormatVersion));
        if (const auto name = n.string("name", true))
            m_project.name = *name;
        if (const auto tz = n.string("timeZone")) {
            if (!QTimeZone(tz->toUtf8()).isValid())
                m_ctx.error(n.path("timeZone"),
                            ProjectReader::tr("'%1' is not a time zone").arg(*tz));
            m_project.timeZone = *tz;
        }
        n.forEachObject("plants", false,
                        [this](const QJsonObject& o, const QString& p) { readPlant(o, p); });
        IdRegistry brokerIds(m_ctx, ProjectReader::tr("broker id"));
        n.forEachObject("brokers", false, [&](const QJsonObject& o, const QString& p) {
            m_project.brokers.push_back(readBroker(m_ctx, o, p));
            brokerIds.add(m_project.brokers.back().id, p + QStringLiteral(".id"));
        });
        n.forEachObject("templates", false,
                        [this](const QJsonObject& o, const QString& p) { readTemplate(o, p); });
        n.forEachObject("stations", false,
                        [this](const QJsonObject& o, const QString& p) { readStation(o, p); });
        IdRegistry ruleIds(m_ctx, ProjectReader::tr("rule id"));
        n.forEachObject("alarmRules", false, [&](const QJsonObject& o, const QString& p) {
            m_project.alarmRules.push_back(readAlarmRule(m_ctx, o, p, m_project));
            ruleIds.add(m_project.alarmRules.back().id, p + QStringLiteral(".id"));
        });
        if (const auto map = n.object("map"))
            m_project.map = readMap(m_ctx, *map, n.path("map"));
        IdRegistry graphicIds(m_ctx, ProjectReader::tr("graphic id"));
        n.forEachObject("graphics", false, [&](const QJsonObject& o, const QString& p) {
            Node gn(m_ctx, o, p, {"id", "file"});
            GraphicRef g;
            g.id = gn.string("id", true).value_or(QString());
            g.file = gn.string("file", true).value_or(QString());
            graphicIds.add(g.id, gn.path("id"));
            m_project.graphics.push_back(std::move(g));
        });
        if (const auto reports = n.object("reports"))
            m_project.reports = readReports(m_ctx, *reports, n.path("reports"));
        if (m_ctx.hasErrors())
            return std::nullopt;
        m_project.reindex();
        return std::move(m_project);
    }

private:
    void readPlant(const QJsonObject& o, const QString& path)
    {
        Node n(m_ctx, o, path, {"id", "name", "lines"});
        Plant plant;
        plant.id = n.string("id", true).value_or(QString());
        plant.name = n.string("name", true).value_or(QString());
        m_plantIds.add(plant.id, n.path("id"));
        const int plantIndex = static_cast<int>(m_project.plants.size());
        m_project.plants.push_back(plant);
        n.forEachObject("lines", false, [&](const QJsonObject& lo, const QString& lp) {
            Node ln(m_ctx, lo, lp, {"id", "name"});
            Line line;
            line.id = ln.string("id", true).value_or(QString());
            line.name = ln.string("name", true).value_or(QString());
            line.plant = plantIndex;
            m_lineIds.add(line.id, ln.path("id"));
            m_project.lines.push_back(line);
        });
    }

    void readTemplate(const QJsonObject& o, const QString& path)
    {
        Node n(m_ctx, o, path, {"id", "name", "device", "tags", "controls"});
        StationTemplate t;
        t.id = n.string("id", true).value_or(QString());
        t.name = n.string("name").value_or(t.id);
        m_templateIds.add(t.id, n.path("id"));
        if (const auto device = n.object("device")) {
            Node dn(m_ctx, *device, n.path("device"), deviceKeys);
            readDeviceSettings(dn, t.device);
        }
        IdRegistry keys(m_ctx, ProjectReader::tr("key"));
        n.forEachObject("tags", false, [&](const QJsonObject& to, const QString& tp) {
            Node tn(m_ctx, to, tp, tagKeys(false));
            TagDef def;
            if (readFullTag(tn, def, t.device))
                keys.add(def.key, tn.path("key"));
            t.tags.push_back(std::move(def));
        });
        t.indexKeys(); // stations read next look their overrides up by key
        readControls(m_ctx, n.array("controls"), n.path("controls"), t);
        m_project.templates.push_back(std::move(t));
    }

    void readStation(const QJsonObject& o, const QString& path)
    {
        Node n(m_ctx, o, path,
               {"id", "name", "code", "district", "location", "line", "devices", "tags"});
        Station s;
        s.id = n.string("id", true).value_or(QString());
        s.name = n.string("name", true).value_or(QString());
        s.code = n.string("code").value_or(QString());
        s.district = n.string("district").value_or(QString());
        m_stationIds.add(s.id, n.path("id"));
        if (const auto loc = n.object("location", true)) {
            Node ln(m_ctx, *loc, n.path("location"), {"lat", "lon"});
            if (const auto lat = ln.number("lat", true)) {
                if (*lat < -90 || *lat > 90)
                    m_ctx.error(ln.path("lat"),
                                ProjectReader::tr("latitude %1 is outside -90..90").arg(*lat));
                s.location.latitude = *lat;
            }
            if (const auto lon = ln.number("lon", true)) {
                if (*lon < -180 || *lon > 180)
                    m_ctx.error(ln.path("lon"),
                                ProjectReader::tr("longitude %1 is outside -180..180").arg(*lon));
                s.location.longitude = *lon;
            }
        }
        if (const auto line = n.string("line")) {
            s.line = m_project.lineIndex(*line);
            if (s.line < 0)
                m_ctx.error(n.path("line"), ProjectReader::tr("unknown line '%1'").arg(*line));
        }

        IdRegistry deviceIds(m_ctx, ProjectReader::tr("device id"));
        m_brokenDevices.clear();
        n.forEachObject("devices", true, [&](const QJsonObject& dobj, const QString& dp) {
            bool broken = false;
            s.devices.push_back(readDevice(dobj, dp, deviceIds, broken));
            m_brokenDevices.push_back(broken);
        });
        if (s.devices.empty() && n.has("devices"))
            m_ctx.error(n.path("devices"),
                        ProjectReader::tr("a station needs at least one device"));

        std::vector<IdRegistry> tagKeysPerDevice;
        for (std::size_t i = 0; i < s.devices.size(); ++i)
            tagKeysPerDevice.emplace_back(m_ctx, ProjectReader::tr("tag key"));
        n.forEachObject("tags", false, [&](const QJsonObject& to, const QString& tp) {
            readStationTag(s, to, tp, tagKeysPerDevice);
        });
        m_project.stations.push_back(std::move(s));
    }

    /// `broken` is set when the device names an unknown template: its tags cannot be judged.
    Device readDevice(const QJsonObject& o, const QString& path, IdRegistry& ids, bool& broken)
    {
        std::vector<const char*> known{"id", "zone", "template", "equipment"};
        known.insert(known.end(), deviceKeys.begin(), deviceKeys.end());
        Node n(m_ctx, o, path, known);
        Device d;
        d.id = n.string("id", true).value_or(QString());
        ids.add(d.id, n.path("id"));
        if (const auto zone = n.string("zone")) {
            d.zone = parseZone(*zone);
            if (d.zone == Zone::Invalid)
                m_ctx.error(n.path("zone"),
                            ProjectReader::tr("'%1' is not a zone (low, mid, high)").arg(*zone));
        }
        if (const auto e = n.object("equipment")) {
            Node en(m_ctx, *e, n.path("equipment"), {"pumps", "tank"});
            d.equipment.pumps = static_cast<int>(en.integer("pumps", 1, 8).value_or(0));
            d.equipment.tank = en.boolean("tank");
        }
        if (const auto tmpl = n.string("template")) {
            d.templateIndex = m_project.templateIndex(*tmpl);
            broken = d.templateIndex < 0;
            if (broken)
                m_ctx.error(n.path("template"),
                            ProjectReader::tr("unknown template '%1'").arg(*tmpl));
            else
                d.settings = m_project.templates[static_cast<std::size_t>(d.templateIndex)].device;
        }
        readDeviceSettings(n, d.settings);
        if (isMqtt(d.settings.protocol))
            checkGateway(n, d.settings);
        else
            checkEndpoint(n, d.settings);
        if (d.templateIndex >= 0)
            recheckTemplateTags(n, d);
        return d;
    }

    /// A device may address its PLC differently from its template (another holdStart): the
    /// template's tags must still map.
    void recheckTemplateTags(Node& n, const Device& d)
    {
        const StationTemplate& t = m_project.templates[static_cast<std::size_t>(d.templateIndex)];
        if (d.settings.addressing == t.device.addressing &&
            d.settings.holdStart == t.device.holdStart &&
            isMqtt(d.settings.protocol) == isMqtt(t.device.protocol))
            return;
        for (const TagDef& def : t.tags) {
            for (const TagProblem& p : TagCheck::check(def, d.settings)) {
                if (qstrcmp(p.field, "address") == 0)
                    m_ctx.error(n.path(),
                                ProjectReader::tr("template tag '%1': %2").arg(def.key, p.message));
            }
        }
    }

    void readStationTag(Station& s, const QJsonObject& o, const QString& path,
                        std::vector<IdRegistry>& keysPerDevice)
    {
        Node n(m_ctx, o, path, tagKeys(true));
        StationTag st;
        if (const auto device = n.string("device")) {
            st.device = s.deviceIndex(*device);
            if (st.device < 0) {
                m_ctx.error(n.path("device"),
                            ProjectReader::tr("unknown device '%1'").arg(*device));
                return;
            }
        } else if (s.devices.size() != 1) {
            if (!s.devices.empty())
                m_ctx.error(n.path("device"),
                            ProjectReader::tr("required when the station has several devices"));
            return;
        }
        if (m_brokenDevices[static_cast<std::size_t>(st.device)])
            return; // its template is unknown, which is reported once, at the device
        const Device& device = s.devices[static_cast<std::size_t>(st.device)];
        const auto key = n.string("key", true);
        if (!key)
            return;
        keysPerDevice[static_cast<std::size_t>(st.device)].add(*key, n.path("key"));

        const StationTemplate* t =
            device.templateIndex >= 0
                ? &m_project.templates[static_cast<std::size_t>(device.templateIndex)]
                : nullptr;
        const int overridden = t ? t->tagIndex(*key) : -1;
        if (overridden >= 0) {
            st.overrides = overridden;
            st.def = t->tags[static_cast<std::size_t>(overridden)];
            applyTagFields(n, st.def);
            reportTagProblems(n, st.def, device.settings, /*onlyPresent=*/true);
        } else {
            const bool addressed = n.has("address") || isMqtt(device.settings.protocol);
            if (t && !(n.has("name") && n.has("quantity") && addressed && n.has("type"))) {
                m_ctx.error(
                    n.path("key"),
                    ProjectReader::tr("'%1' is not a tag of template '%2'; an extra tag needs "
                                      "name, quantity, address and type")
                        .arg(*key, t->id));
                return;
            }
            readFullTag(n, st.def, device.settings);
        }
        s.tags.push_back(std::move(st));
    }

    static std::initializer_list<const char*> tagKeys(bool inStation)
    {
        static constexpr std::initializer_list<const char*> templateKeys = {
            "key",   "name",   "quantity", "unit",     "address", "type",
            "scale", "access", "deadband", "rollover", "alarm",   "metric"};
        static constexpr std::initializer_list<const char*> stationKeys = {
            "key",    "name",     "quantity", "unit",  "address", "type",  "scale",
            "access", "deadband", "rollover", "alarm", "metric",  "device"};
        return inStation ? stationKeys : templateKeys;
    }

    /// Reads a complete tag definition; false when its key is missing.
    bool readFullTag(Node& n, TagDef& def, const DeviceSettings& device)
    {
        // The address is required of a Modbus device's tags only (TagCheck).
        for (const char* required : {"key", "name", "quantity", "type"}) {
            if (!n.has(required))
                m_ctx.error(n.path(required), ProjectReader::tr("required, missing"));
        }
        applyTagFields(n, def);
        reportTagProblems(n, def, device, /*onlyPresent=*/false);
        return n.has("key");
    }

    void applyTagFields(Node& n, TagDef& def)
    {
        if (const auto key = n.string("key"))
            def.key = *key;
        if (const auto name = n.string("name"))
            def.name = *name;
        if (const auto q = n.string("quantity")) {
            def.quantity = quantityFromCode(*q);
            if (def.quantity == Quantity::Unknown)
                m_ctx.error(n.path("quantity"),
                            ProjectReader::tr("'%1' is not a quantity").arg(*q));
            else if (!n.has("unit"))
                def.unit = QString::fromUtf8(quantityInfo(def.quantity).canonicalUnit);
        }
        if (const auto unit = n.string("unit")) {
            const Unit* u = findUnit(def.quantity, *unit);
            def.unit = u ? QString::fromUtf8(u->symbol) : *unit;
        }
        if (const auto address = n.string("address")) {
            AddressParse parsed = Address::parse(*address);
            if (parsed.address) {
                def.address = *parsed.address;
            } else {
                def.address = Address{};
                def.address.text = *address;
                m_ctx.error(n.path("address"), parsed.error);
            }
        }
        if (const auto type = n.string("type")) {
            def.type = parseDataType(*type);
            if (def.type == DataType::Invalid)
                m_ctx.error(n.path("type"),
                            ProjectReader::tr("'%1' is not a data type").arg(*type));
        }
        if (const auto access = n.string("access")) {
            def.access = parseAccess(*access);
            if (def.access == Access::Invalid)
                m_ctx.error(n.path("access"),
                            ProjectReader::tr("'%1' is not an access (r, rw)").arg(*access));
        }
        if (const auto scale = n.object("scale")) {
            Node sn(m_ctx, *scale, n.path("scale"), {"gain", "offset"});
            def.scale.gain = sn.number("gain").value_or(def.scale.gain);
            def.scale.offset = sn.number("offset").value_or(def.scale.offset);
        }
        if (const auto deadband = n.number("deadband"))
            def.historyDeadband = *deadband;
        if (const auto rollover = n.number("rollover")) {
            def.rollover = *rollover;
            if (def.rollover < 0)
                m_ctx.error(n.path("rollover"), ProjectReader::tr("must not be negative"));
        }
        if (const auto alarm = n.object("alarm"))
            readAlarm(m_ctx, *alarm, n.path("alarm"), def.alarm);
        if (const auto metric = n.string("metric")) {
            if (metric->isEmpty())
                m_ctx.error(n.path("metric"), ProjectReader::tr("must not be empty"));
            def.metric = *metric;
        }
    }

    /// For an override, only problems touching a field it sets are reported: the template's own
    /// problems are reported once, at the template.
    void reportTagProblems(Node& n, const TagDef& def, const DeviceSettings& device,
                           bool onlyPresent)
    {
        for (const TagProblem& p : TagCheck::check(def, device)) {
            const auto field = [&p](const char* name) { return qstrcmp(p.field, name) == 0; };
            const bool touched = n.has(p.field) || (field("type") && n.has("address")) ||
                                 (field("address") && n.has("type")) ||
                                 (field("unit") && n.has("quantity")) ||
                                 (field("access") && n.has("address"));
            if (!onlyPresent || touched)
                m_ctx.error(n.path(p.field), p.message);
        }
    }

    void readDeviceSettings(Node& n, DeviceSettings& s)
    {
        if (const auto protocol = n.string("protocol")) {
            s.protocol = parseProtocol(*protocol);
            if (s.protocol == Protocol::Invalid)
                m_ctx.error(n.path("protocol"),
                            ProjectReader::tr(
                                "'%1' is not a protocol (modbus-tcp, modbus-rtu, mqtt-neuron, "
                                "mqtt-sparkplug)")
                                .arg(*protocol));
        }
        if (const auto endpoint = n.string("endpoint"))
            s.endpoint = *endpoint;
        for (auto [key, field] : {std::pair{"broker", &s.broker}, std::pair{"group", &s.group},
                                  std::pair{"node", &s.node}, std::pair{"deviceId", &s.deviceId}}) {
            if (const auto text = n.string(key))
                *field = *text;
        }
        s.unitId = static_cast<int>(n.integer("unitId", 0, 255).value_or(s.unitId));
        s.pollMs = static_cast<int>(n.integer("pollMs", 50, 86'400'000).value_or(s.pollMs));
        s.timeoutMs = static_cast<int>(n.integer("timeoutMs", 10, 600'000).value_or(s.timeoutMs));
        s.retries = static_cast<int>(n.integer("retries", 0, 10).value_or(s.retries));
        s.demoteAfter = static_cast<int>(n.integer("demoteAfter", 0, 100).value_or(s.demoteAfter));
        s.demotionMs =
            static_cast<int>(n.integer("demotionMs", 1000, 86'400'000).value_or(s.demotionMs));
        if (const auto order = n.string("wordOrder")) {
            s.wordOrder = parseWordOrder(*order);
            if (s.wordOrder == WordOrder::Invalid)
                m_ctx.error(n.path("wordOrder"),
                            ProjectReader::tr("'%1' is not a word order (ABCD, CDAB, BADC, DCBA)")
                                .arg(*order));
        }
        if (const auto mode = n.string("addressing")) {
            s.addressing = parseAddressingMode(*mode);
            if (s.addressing == AddressingMode::Invalid)
                m_ctx.error(
                    n.path("addressing"),
                    ProjectReader::tr("'%1' is not an addressing mode (modbus, s7-v)").arg(*mode));
        }
        if (const auto holdStart = n.integer("holdStart", 0, 65534)) {
            if (*holdStart % 2 != 0)
                m_ctx.error(n.path("holdStart"),
                            ProjectReader::tr("must be an even V byte, not %1").arg(*holdStart));
            s.holdStart = static_cast<quint32>(*holdStart);
        }
        if (const auto serial = n.object("serial")) {
            Node sn(m_ctx, *serial, n.path("serial"),
                    {"baudRate", "parity", "dataBits", "stopBits"});
            s.serial.baudRate =
                static_cast<int>(sn.integer("baudRate", 300, 921600).value_or(s.serial.baudRate));
            if (const auto parity = sn.string("parity")) {
                if (*parity == u"N" || *parity == u"E" || *parity == u"O")
                    s.serial.parity = parity->at(0).toLatin1();
                else
                    m_ctx.error(sn.path("parity"),
                                ProjectReader::tr("'%1' is not a parity (N, E, O)").arg(*parity));
            }
            s.serial.dataBits =
                static_cast<int>(sn.integer("dataBits", 7, 8).value_or(s.serial.dataBits));
            s.serial.stopBits =
                static_cast<int>(sn.integer("stopBits", 1, 2).value_or(s.serial.stopBits));
        }
    }

    /// A gateway's device: a known broker (the only one when there is one), its node and group,
    /// each named once per broker.
    void checkGateway(Node& n, DeviceSettings& s)
    {
        if (s.broker.isEmpty() && m_project.brokers.size() == 1)
            s.broker = m_project.brokers.front().id;
        if (s.broker.isEmpty())
            m_ctx.error(n.path("broker"), ProjectReader::tr("required, missing"));
        else if (m_project.brokerIndex(s.broker) < 0)
            m_ctx.error(n.path("broker"), ProjectReader::tr("unknown broker '%1'").arg(s.broker));
        for (auto [key, value] : {std::pair{"group", &s.group}, std::pair{"node", &s.node}}) {
            if (value->isEmpty())
                m_ctx.error(n.path(key), ProjectReader::tr("required, missing"));
            else if (s.protocol == Protocol::MqttSparkplug &&
                     (value->contains(u'/') || value->contains(u'+') || value->contains(u'#')))
                m_ctx.error(n.path(key),
                            ProjectReader::tr("'%1' is not a Sparkplug id (no + / #)").arg(*value));
        }
        if (s.protocol == Protocol::MqttNeuron && !s.deviceId.isEmpty())
            m_ctx.error(n.path("deviceId"),
                        ProjectReader::tr("Neuron devices are named by node and group only"));
        QStringList parts{protocolName(s.protocol), s.broker, s.group, s.node};
        if (!s.deviceId.isEmpty())
            parts.push_back(s.deviceId);
        const QString where = parts.join(QLatin1Char('/'));
        if (const auto seen = m_gateways.constFind(where); seen != m_gateways.cend())
            m_ctx.error(n.path("node"),
                        ProjectReader::tr("the gateway's node %1 is also %2").arg(where, *seen));
        else
            m_gateways.insert(where, n.path());
    }

    void checkEndpoint(Node& n, const DeviceSettings& s)
    {
        if (s.endpoint.isEmpty()) {
            m_ctx.error(n.path("endpoint"), ProjectReader::tr("required, missing"));
            return;
        }
        if (s.protocol != Protocol::ModbusTcp)
            return;
        static const QRegularExpression hostPort(QStringLiteral("^([^\\s:]+):(\\d{1,5})$"));
        const auto m = hostPort.match(s.endpoint);
        const int port = m.hasMatch() ? m.captured(2).toInt() : 0;
        if (port < 1 || port > 65535)
            m_ctx.error(n.path("endpoint"),
                        ProjectReader::tr("'%1' is not host:port").arg(s.endpoint));
    }

    Context& m_ctx;
    Project m_project;
    std::vector<bool> m_brokenDevices;  ///< of the station being read
    QHash<QString, QString> m_gateways; ///< protocol/broker/group/node/device → the device's path
    IdRegistry m_plantIds{m_ctx, ProjectReader::tr("plant id")};
    IdRegistry m_lineIds{m_ctx, ProjectReader::tr("line id")};
    IdRegistry m_templateIds{m_ctx, ProjectReader::tr("template id")};
    IdRegistry m_stationIds{m_ctx, ProjectReader::tr("station id")};
};

/// 1-based line and column of a byte offset in UTF-8 text.
std::pair<int, int> lineColumn(const QByteArray& text, qsizetype offset)
{
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    const qsizetype end = std::min(offset, text.size());
    return {line,
            static_cast<int>(QString::fromUtf8(text.mid(lineStart, end - lineStart)).size()) + 1};
}

} // namespace

ProjectLoad ProjectReader::read(const QByteArray& json, const QString& fileName)
{
    Context ctx(fileName);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineColumn(json, error.offset);
        ctx.syntaxError(line, column, tr("JSON syntax error: %1").arg(error.errorString()));
        return {std::nullopt, ctx.take()};
    }
    if (!doc.isObject()) {
        ctx.error({}, tr("a project file must hold a JSON object"));
        return {std::nullopt, ctx.take()};
    }
    Reader reader(ctx);
    std::optional<Project> project = reader.read(doc.object());
    return {std::move(project), ctx.take()};
}

ProjectLoad ProjectReader::readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Diagnostic d;
        d.file = path;
        d.message = tr("cannot open: %1").arg(file.errorString());
        return {std::nullopt, {d}};
    }
    ProjectLoad load = read(file.readAll(), path);
    if (load.project) {
        const QString baseDir = QFileInfo(path).absolutePath();
        resolveMapFiles(load.project->map, baseDir);
        for (GraphicRef& g : load.project->graphics)
            g.file = resolvedFile(g.file, baseDir);
    }
    return load;
}

} // namespace PumpWatch
