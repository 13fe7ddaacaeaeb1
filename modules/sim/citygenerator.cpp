#include "citygenerator.h"

#include "city.h"
#include "citymap.h"
#include "cityplan.h"
#include "standardtemplate.h"

#include <cmath>
#include <random>

namespace PumpWatch::Sim {
namespace {

struct Place {
    const char* code;
    const char* name;
};

// Station names as in the seed tables and Zunyi's streets and towns; the letter is the pinyin
// initial dispatchers sort and search by.
constexpr Place places[] = {
    {"A", "澳门路口"},   {"C", "长征一厂"},     {"H", "红花岗"},
    {"N", "南环路"},     {"N", "南岭公司"},     {"W", "万福桥"},
    {"S", "沙坝泵房"},   {"S", "深圳路口(新)"}, {"H", "河溪坝"},
    {"J", "经开区泵房"}, {"X", "新店子"},       {"P", "平岭路北"},
    {"H", "黄家坝"},     {"B", "八五厂"},       {"B", "八中厂"},
    {"B", "白杨湾"},     {"B", "保利三号线"},   {"C", "曹天堡"},
    {"D", "大连路口"},   {"D", "电厂"},         {"D", "东联线大坪加油站"},
    {"D", "东联线虹城"}, {"E", "二家嘴"},       {"G", "高桥"},
    {"D", "丁字口"},     {"W", "万里路"},       {"H", "海尔大道"},
    {"B", "北京路"},     {"S", "上海路"},       {"X", "香港路"},
    {"D", "董公寺"},     {"G", "高坪"},         {"N", "南白"},
    {"L", "龙坑"},       {"Z", "舟水桥"},       {"X", "湘江"},
    {"B", "碧云"},       {"L", "礼仪"},         {"X", "新舟"},
    {"X", "虾子"},       {"Y", "鸭溪"},         {"G", "苟江"},
    {"M", "茅草铺"},     {"C", "长沟"},         {"J", "金鼎山"},
    {"F", "凤新"},       {"H", "海龙坝"},       {"N", "南门关"},
    {"L", "捞沙巷"},     {"Y", "杨柳街"},       {"Z", "忠庄"},
    {"L", "老城"},       {"X", "新蒲"},         {"Y", "延安路"},
    {"F", "凤凰山"},     {"Z", "中华路"},       {"T", "桃溪寺"},
    {"H", "火车站"},     {"T", "团溪"},         {"W", "乌江"},
};
constexpr int placeCount = static_cast<int>(std::size(places));

/// Uniform doubles from mt19937, whose sequence the standard fixes (distributions it does not).
class Random {
public:
    explicit Random(quint32 seed)
        : m_engine(seed)
    {}
    double unit() { return static_cast<double>(m_engine()) / 4294967296.0; }
    double between(double lo, double hi) { return lo + (hi - lo) * unit(); }

private:
    std::mt19937 m_engine;
};

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

double round5(double v)
{
    return std::round(v * 100000.0) / 100000.0;
}

const QString GatewayBroker = QStringLiteral("iot");

/// A device the station's gateway publishes: Neuron node "S0042-low" in group "pumphouse", or
/// Sparkplug edge node "S0042" of group "zunyi" with the zone as device id.
void toGateway(const Station& s, Device& d, Protocol protocol)
{
    d.settings.protocol = protocol;
    d.settings.broker = GatewayBroker;
    d.settings.endpoint.clear();
    if (protocol == Protocol::MqttNeuron) {
        d.settings.node = s.id + u'-' + d.id;
        d.settings.group = QStringLiteral("pumphouse");
        d.settings.deviceId.clear();
    } else {
        d.settings.group = QStringLiteral("zunyi");
        d.settings.node = s.id;
        d.settings.deviceId = d.id;
    }
}

} // namespace

Project CityGenerator::generate(const CityOptions& options)
{
    Project p;
    p.name = options.stations <= placeCount
                 ? QStringLiteral("遵义市二次供水泵房（演示）")
                 : QStringLiteral("遵义市二次供水泵房（%1 站）").arg(options.stations);
    p.timeZone = QStringLiteral("Asia/Shanghai");
    p.plants = {{QStringLiteral("beijiao"), QStringLiteral("北郊水厂")},
                {QStringLiteral("nanjiao"), QStringLiteral("南郊水厂")},
                {QStringLiteral("qingshan"), QStringLiteral("青山水厂")}};
    p.lines = {{QStringLiteral("beijiao-2"), QStringLiteral("二号线"), 0},
               {QStringLiteral("beijiao-1"), QStringLiteral("一号线"), 0},
               {QStringLiteral("nanjiao-nanlao"), QStringLiteral("南老线"), 1},
               {QStringLiteral("nanjiao-nannan"), QStringLiteral("南南线"), 1},
               {QStringLiteral("qingshan-2"), QStringLiteral("二号线"), 2},
               {QStringLiteral("qingshan-1"), QStringLiteral("一号线"), 2}};
    p.templates.push_back(standardTemplate(QStringLiteral("std-pump-house")));
    p.alarmRules = standardAlarmRules(QStringLiteral("std-pump-house"));
    StationTemplate& standard = p.templates.front();
    standard.indexKeys();
    const int outletPressure = standard.tagIndex(QStringLiteral("outlet_pressure"));

    Random random(options.seed);
    int port = options.basePort;
    int rtuUnit = 0;
    // Most PLCs are S7 (ABCD); a few stations sit behind gateways that reorder words or bytes.
    using enum WordOrder;
    const WordOrder wordOrders[10] = {ABCD, ABCD, ABCD, ABCD, ABCD, ABCD, ABCD, CDAB, BADC, DCBA};
    p.stations.reserve(static_cast<std::size_t>(options.stations));
    for (int i = 0; i < options.stations; ++i) {
        const Place& place = places[i % placeCount];
        Station s;
        s.id = QStringLiteral("S%1").arg(i + 1, 4, 10, QLatin1Char('0'));
        s.code = QString::fromLatin1(place.code);
        s.name = QString::fromUtf8(place.name);
        if (i >= placeCount)
            s.name += QStringLiteral("%1号").arg(i / placeCount + 1);
        // Denser in the centre, as cities are: radius grows with the square root.
        const double angle = random.between(0, 2 * M_PI);
        const double radiusKm = cityRadiusKm * std::sqrt(random.unit());
        s.location.latitude = round5(centreLat + kmToLat(radiusKm) * std::sin(angle));
        s.location.longitude = round5(centreLon + kmToLon(radiusKm) * std::cos(angle));
        s.district = districtOf(s.location.latitude, s.location.longitude);
        s.line = i % static_cast<int>(p.lines.size());

        const bool twoZones = i % 7 == 3;
        for (Zone zone : twoZones ? std::vector{Zone::Low, Zone::High} : std::vector{Zone::Low}) {
            Device d;
            d.id = zoneCode(zone);
            d.zone = zone;
            d.templateIndex = 0;
            d.settings = standard.device;
            if (i >= options.stations - options.neuronStations) {
                toGateway(s, d, Protocol::MqttNeuron);
            } else if (i >= options.stations - options.neuronStations - options.sparkplugStations) {
                toGateway(s, d, Protocol::MqttSparkplug);
            } else if (i < options.rtuStations) {
                d.settings.protocol = Protocol::ModbusRtu;
                d.settings.endpoint = options.rtuPort;
                d.settings.unitId = ++rtuUnit;
            } else {
                d.settings.endpoint = QStringLiteral("%1:%2").arg(options.host).arg(++port);
            }
            d.settings.wordOrder = wordOrders[i % 10];
            // What the simulator would make of it, stated: drawings and the model agree.
            d.equipment = derivedEquipment(options.seed, s.id, d.id);
            s.devices.push_back(d);
        }

        // Stations high on a hill run at another pressure band: their own limits.
        if (i % 3 == 1) {
            const double setpoint = round3(random.between(0.30, 0.50));
            StationTag st;
            st.device = 0;
            st.overrides = outletPressure;
            st.def = standard.tags[static_cast<std::size_t>(outletPressure)];
            st.def.alarm.lowLow = round3(setpoint - 0.12);
            st.def.alarm.low = round3(setpoint - 0.08);
            st.def.alarm.high = round3(setpoint + 0.08);
            st.def.alarm.highHigh = round3(setpoint + 0.12);
            if (i % 9 == 4)
                st.def.alarm.ratePerMinute = 0.2;
            if (i % 11 == 4)
                st.def.alarm.enabled = false;
            if (i % 6 == 1) {
                // Pumps starting every weekday morning make the pressure jump (seed 000 §4.2.4):
                // a wider band then.
                AlarmPeriod morning;
                morning.fromMinute = 6 * 60;
                morning.toMinute = 9 * 60;
                morning.days = 0x1f;
                morning.limits = st.def.alarm;
                morning.limits.lowLow = round3(setpoint - 0.17);
                morning.limits.low = round3(setpoint - 0.12);
                morning.limits.high = round3(setpoint + 0.12);
                morning.limits.highHigh = round3(setpoint + 0.17);
                st.def.alarm.periods.push_back(morning);
            }
            s.tags.push_back(std::move(st));
        }
        p.stations.push_back(std::move(s));
    }
    if (options.baseMap) {
        for (const CityMapLayer& l : CityMap::layers())
            p.map.layers.push_back(l.layer);
        // The demo's process graphics (resources/demo/graphics), beside the project as well.
        p.graphics = {
            {QStringLiteral("std-pump-house"), QStringLiteral("graphics/std-pump-house.json")},
            {QStringLiteral("std-pump-house-2z"),
             QStringLiteral("graphics/std-pump-house-2z.json")}};
    }
    // Reports: the production day from 08:00 (the seed's 产水量报表 offers 0:00 and 8:00), and a
    // time-of-use tariff for the energy report. No Guizhou table was found, so the demo's is an
    // example with the shape of a real one (Shanghai's 2023 periods) and says so in its name.
    p.reports.dayStartMinute = 8 * 60;
    TariffSchedule tariff;
    tariff.id = QStringLiteral("demo-tou");
    tariff.name = QStringLiteral("示例分时电价（演示用，非真实电价）");
    tariff.from = QDate(2023, 1, 1);
    tariff.prices[int(TariffClass::SharpPeak)] = 1.25;
    tariff.prices[int(TariffClass::Peak)] = 1.05;
    tariff.prices[int(TariffClass::Flat)] = 0.65;
    tariff.prices[int(TariffClass::Valley)] = 0.30;
    const auto minutes = [](int h) { return h * 60; };
    using C = TariffClass;
    tariff.seasons.push_back({{7, 8, 9},
                              {{0, minutes(6), C::Valley},
                               {minutes(6), minutes(8), C::Flat},
                               {minutes(8), minutes(12), C::Peak},
                               {minutes(12), minutes(14), C::SharpPeak},
                               {minutes(14), minutes(15), C::Peak},
                               {minutes(15), minutes(18), C::Flat},
                               {minutes(18), minutes(21), C::Peak},
                               {minutes(21), minutes(22), C::Flat},
                               {minutes(22), minutes(24), C::Valley}}});
    tariff.seasons.push_back({{1, 2, 3, 4, 5, 6, 10, 11, 12},
                              {{0, minutes(6), C::Valley},
                               {minutes(6), minutes(8), C::Flat},
                               {minutes(8), minutes(11), C::Peak},
                               {minutes(11), minutes(18), C::Flat},
                               {minutes(18), minutes(21), C::Peak},
                               {minutes(21), minutes(22), C::Flat},
                               {minutes(22), minutes(24), C::Valley}}});
    p.reports.tariffs.push_back(std::move(tariff));
    if (options.neuronStations > 0 || options.sparkplugStations > 0) {
        BrokerSettings broker;
        broker.id = GatewayBroker;
        broker.name = QStringLiteral("物联网平台");
        parseBroker(options.broker, &broker.host, &broker.port);
        p.brokers.push_back(broker);
    }
    p.reindex();
    return p;
}

void CityGenerator::makeGateways(Project& project, int neuronStations, int sparkplugStations,
                                 const QString& host, int port)
{
    const int count = static_cast<int>(project.stations.size());
    for (int i = std::max(0, count - neuronStations - sparkplugStations); i < count; ++i) {
        Station& s = project.stations[static_cast<std::size_t>(i)];
        for (Device& d : s.devices)
            toGateway(s, d,
                      i >= count - neuronStations ? Protocol::MqttNeuron : Protocol::MqttSparkplug);
    }
    const int b = project.brokerIndex(GatewayBroker);
    BrokerSettings& broker =
        b >= 0 ? project.brokers[static_cast<std::size_t>(b)] : project.brokers.emplace_back();
    if (b < 0) {
        broker.id = GatewayBroker;
        broker.name = QStringLiteral("物联网平台");
    }
    broker.host = host;
    broker.port = port;
    project.reindex();
}

bool CityGenerator::parseBroker(const QString& text, QString* host, int* port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    bool ok = false;
    const int number = colon > 0 ? text.mid(colon + 1).toInt(&ok) : 0;
    if (!ok || number < 1 || number > 65535)
        return false;
    *host = text.left(colon);
    *port = number;
    return true;
}

int CityGenerator::deviceCount(const Project& project)
{
    int n = 0;
    for (const Station& s : project.stations)
        n += static_cast<int>(s.devices.size());
    return n;
}

} // namespace PumpWatch::Sim
