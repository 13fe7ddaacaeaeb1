#include "standardtemplate.h"

namespace PumpWatch::Sim {
namespace {

// Pressure transmitters in these PLCs report kgf/cm² ("Kg" in the seed's table).
constexpr double KgfPerCm2ToMPa = 0.0980665;

struct Row {
    const char* key;
    const char* name;
    Quantity quantity;
    const char* address;
    DataType type;
    double gain;
    Access access;
    double deadband;
    AlarmLimits alarm;
};

AlarmLimits limits(std::optional<double> ll, std::optional<double> l, std::optional<double> h,
                   std::optional<double> hh, std::optional<double> rate = std::nullopt)
{
    AlarmLimits a;
    a.lowLow = ll;
    a.low = l;
    a.high = h;
    a.highHigh = hh;
    a.ratePerMinute = rate;
    return a;
}

/// Hysteresis, delay and the sensor's checks on top of limits (EEMUA starting points: pressure
/// 2 % deadband, level slower than pressure).
AlarmLimits watched(AlarmLimits a, double deadband, double onDelayS, double rangeMin,
                    double rangeMax, double frozenS = 0)
{
    a.deadband = deadband;
    a.onDelayS = onDelayS;
    a.rangeMin = rangeMin;
    a.rangeMax = rangeMax;
    a.frozenS = frozenS;
    return a;
}

} // namespace

StationTemplate standardTemplate(const QString& id)
{
    using enum Quantity;
    const auto R = Access::Read;
    const auto RW = Access::ReadWrite;
    const auto F = DataType::Float32;
    const auto B = DataType::Bool;
    const AlarmLimits none;
    const Row rows[] = {
        {"inlet_flow", "进水瞬时流量", Flow, "VD1000", F, 1, R, 0.5, none},
        {"inlet_total", "进水累积流量", Totalizer, "VD1004", F, 1, R, 0, none},
        {"outlet_flow", "出水瞬时流量", Flow, "VD1008", F, 1, R, 0.5, none},
        {"outlet_total", "出水累积流量", Totalizer, "VD1012", F, 1, R, 0, none},
        {"inlet_pressure", "进水压力", Pressure, "VD1016", F, KgfPerCm2ToMPa, R, 0.005,
         watched(limits(0.05, 0.08, std::nullopt, std::nullopt), 0.005, 10, 0, 1.0)},
        {"outlet_pressure", "出水压力", Pressure, "VD1020", F, KgfPerCm2ToMPa, R, 0.005,
         watched(limits(0.20, 0.25, 0.55, 0.60), 0.01, 10, 0, 1.6, 300)},
        {"power", "瞬时功率", Power, "VD1024", F, 1, R, 0.5, none},
        {"energy", "用电量", Energy, "VD1028", F, 1, R, 0, none},
        {"power_factor", "功率因数", PowerFactor, "VD1032", F, 0.01, R, 0.01, none},
        {"tank_level", "水箱液位", Level, "VD1036", F, 1, R, 0.02,
         watched(limits(0.5, 1.0, 3.6, 3.8), 0.05, 30, 0, 5)},
        {"outlet_pressure_setpoint", "出水压力设定", Pressure, "VD1040", F, KgfPerCm2ToMPa, RW, 0,
         none},
        {"pump1_frequency", "1#泵频率", Frequency, "VD1044", F, 1, R, 0.2, none},
        {"pump2_frequency", "2#泵频率", Frequency, "VD1048", F, 1, R, 0.2, none},
        {"pump3_frequency", "3#泵频率", Frequency, "VD1052", F, 1, R, 0.2, none},
        {"frequency_setpoint", "变频器频率设定", Frequency, "VD1056", F, 1, RW, 0, none},
        {"pump1_current", "1#泵电流", Current, "VD1060", F, 1, R, 0.5, none},
        {"pump2_current", "2#泵电流", Current, "VD1064", F, 1, R, 0.5, none},
        {"pump3_current", "3#泵电流", Current, "VD1068", F, 1, R, 0.5, none},
        {"voltage", "进线电压", Voltage, "VD1072", F, 1, R, 2,
         limits(std::nullopt, 360, 420, std::nullopt)},
        {"turbidity", "出水浊度", Turbidity, "VD1076", F, 1, R, 0.05,
         limits(std::nullopt, std::nullopt, 1.0, std::nullopt)},
        {"residual_chlorine", "出水余氯", ResidualChlorine, "VD1080", F, 1, R, 0.02,
         limits(std::nullopt, 0.05, 2.0, std::nullopt)},
        {"ph", "出水pH", PH, "VD1084", F, 1, R, 0.05, limits(std::nullopt, 6.5, 8.5, std::nullopt)},
        {"pump1_running", "1#泵运行", Running, "V1100.0", B, 1, R, 0, none},
        {"pump2_running", "2#泵运行", Running, "V1100.1", B, 1, R, 0, none},
        {"pump3_running", "3#泵运行", Running, "V1100.2", B, 1, R, 0, none},
        {"pump1_fault", "1#泵故障", Fault, "V1100.3", B, 1, R, 0, none},
        {"pump2_fault", "2#泵故障", Fault, "V1100.4", B, 1, R, 0, none},
        {"pump3_fault", "3#泵故障", Fault, "V1100.5", B, 1, R, 0, none},
        {"door_open", "泵房门禁", Door, "V1100.6", B, 1, R, 0, none},
        {"power_fail", "市电停电", PowerFail, "V1100.7", B, 1, R, 0, none},
        {"inlet_valve_open", "进水电动阀开到位", ValveOpen, "V1101.0", B, 1, R, 0, none},
        {"pressure_sensor_fault", "出水压力传感器故障", Fault, "V1101.1", B, 1, R, 0, none},
        {"pump1_command", "1#泵启停", Command, "V1102.0", B, 1, RW, 0, none},
        {"pump2_command", "2#泵启停", Command, "V1102.1", B, 1, RW, 0, none},
        {"pump3_command", "3#泵启停", Command, "V1102.2", B, 1, RW, 0, none},
        {"inlet_valve_command", "进水电动阀开关", Command, "V1102.3", B, 1, RW, 0, none},
        {"heartbeat", "PLC心跳", Generic, "VW1104", DataType::UInt16, 1, R, 0, none},
    };

    StationTemplate t;
    t.id = id;
    t.name = QStringLiteral("二供加压泵房标准地址表");
    t.device.protocol = Protocol::ModbusTcp;
    t.device.unitId = 1;
    t.device.pollMs = 1000;
    t.device.timeoutMs = 1000;
    t.device.retries = 1;
    t.device.wordOrder = WordOrder::ABCD;
    t.device.addressing = AddressingMode::S7V;
    t.device.holdStart = 1000;
    for (const Row& r : rows) {
        TagDef def;
        def.key = QString::fromLatin1(r.key);
        def.name = QString::fromUtf8(r.name);
        def.quantity = r.quantity;
        def.unit = QString::fromUtf8(quantityInfo(r.quantity).canonicalUnit);
        def.address = *Address::parse(QString::fromLatin1(r.address)).address;
        def.type = r.type;
        def.scale.gain = r.gain;
        def.access = r.access;
        def.historyDeadband = r.deadband;
        def.alarm = r.alarm;
        t.tags.push_back(std::move(def));
    }
    t.controls = standardControls();
    return t;
}

std::vector<ControlDef> standardControls()
{
    // A pump must not start on a nearly dry tank (the tank_level alarm's low-low limit).
    Interlock dry;
    dry.tag = QStringLiteral("tank_level");
    dry.below = 0.5;
    dry.blocks = Interlock::Blocks::On;
    dry.reason = QStringLiteral("水箱液位低低");
    std::vector<ControlDef> controls;
    for (int i = 1; i <= 3; ++i) {
        ControlDef pump;
        pump.object = QStringLiteral("pump[%1]").arg(i);
        pump.name = QStringLiteral("%1#泵").arg(i);
        pump.kind = ControlKind::Pump;
        pump.command = QStringLiteral("pump%1_command").arg(i);
        pump.feedback = QStringLiteral("pump%1_running").arg(i);
        pump.feedbackS = 20; // soft start, then the running contactor
        pump.interlocks = {dry};
        controls.push_back(std::move(pump));
    }
    ControlDef valve;
    valve.object = QStringLiteral("inlet_valve");
    valve.name = QStringLiteral("进水电动阀");
    valve.kind = ControlKind::Valve;
    valve.command = QStringLiteral("inlet_valve_command");
    valve.feedback = QStringLiteral("inlet_valve_open");
    valve.feedbackS = 60; // a motorised gate valve travels for up to a minute
    controls.push_back(std::move(valve));
    ControlDef frequency;
    frequency.object = QStringLiteral("frequency_setpoint");
    frequency.name = QStringLiteral("变频器频率设定");
    frequency.kind = ControlKind::Setpoint;
    frequency.command = frequency.feedback = QStringLiteral("frequency_setpoint");
    frequency.feedbackS = 10;
    frequency.tolerance = 0.1;
    frequency.min = 0;
    frequency.max = 50;
    frequency.maxStep = 5;
    controls.push_back(std::move(frequency));
    ControlDef pressure;
    pressure.object = QStringLiteral("outlet_pressure_setpoint");
    pressure.name = QStringLiteral("出水压力设定");
    pressure.kind = ControlKind::Setpoint;
    pressure.command = pressure.feedback = QStringLiteral("outlet_pressure_setpoint");
    pressure.feedbackS = 10;
    pressure.tolerance = 0.005;
    pressure.min = 0.15;
    pressure.max = 0.70;
    pressure.maxStep = 0.05;
    controls.push_back(std::move(pressure));
    return controls;
}

std::vector<AlarmRule> standardAlarmRules(const QString& templateId)
{
    std::vector<AlarmRule> rules(3);
    AlarmRule& burst = rules[0];
    burst.id = QStringLiteral("pipe_burst");
    burst.name = QStringLiteral("爆管预警");
    burst.templateId = templateId;
    burst.tags = {{QStringLiteral("p"), QStringLiteral("outlet_pressure")},
                  {QStringLiteral("q"), QStringLiteral("outlet_flow")}};
    burst.constants = {{QStringLiteral("X"), 30}, {QStringLiteral("Z"), 20}};
    burst.windowS = 60;
    // Outlet pressure fell more than X % within the window while the flow rose more than Z %.
    burst.expression = QStringLiteral("p < p_max * (1 - X/100) && q > q_min * (1 + Z/100)");
    burst.offDelayS = 60;

    AlarmRule& empty = rules[1];
    empty.id = QStringLiteral("tank_empty");
    empty.name = QStringLiteral("水箱缺水预警");
    empty.templateId = templateId;
    empty.tags = {{QStringLiteral("level"), QStringLiteral("tank_level")},
                  {QStringLiteral("qin"), QStringLiteral("inlet_flow")}};
    empty.constants = {{QStringLiteral("LL"), 0.5}};
    // The tank is nearly dry and nothing flows in: the supply has failed, the pumps will trip.
    empty.expression = QStringLiteral("level < LL && qin < 1");
    empty.onDelayS = 10;

    AlarmRule& overflow = rules[2];
    overflow.id = QStringLiteral("tank_overflow");
    overflow.name = QStringLiteral("水箱溢流预警");
    overflow.templateId = templateId;
    overflow.tags = {{QStringLiteral("level"), QStringLiteral("tank_level")},
                     {QStringLiteral("qin"), QStringLiteral("inlet_flow")}};
    overflow.constants = {{QStringLiteral("HH"), 3.7}};
    // Above the level where the inlet shuts and water still flows in: the float valve sticks.
    overflow.expression = QStringLiteral("level > HH && qin > 1");
    overflow.onDelayS = 10;
    return rules;
}

} // namespace PumpWatch::Sim
