#include "quantity.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace PumpWatch {
namespace {

using enum Aggregation;

constexpr std::array quantities{
    QuantityInfo{Quantity::Unknown, "unknown", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Unknown"),
                 Aggregation::Unknown, ""},
    QuantityInfo{Quantity::Pressure, "pressure",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Pressure"), Instantaneous, "MPa"},
    QuantityInfo{Quantity::Flow, "flow", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Flow rate"),
                 Instantaneous, "m³/h"},
    QuantityInfo{Quantity::Totalizer, "totalizer",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Totalizer"), Counter, "m³"},
    QuantityInfo{Quantity::Level, "level", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Level"),
                 Instantaneous, "m"},
    QuantityInfo{Quantity::Frequency, "frequency",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Frequency"), Instantaneous, "Hz"},
    QuantityInfo{Quantity::Power, "power", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Power"),
                 Instantaneous, "kW"},
    QuantityInfo{Quantity::Energy, "energy", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Energy"),
                 Counter, "kWh"},
    QuantityInfo{Quantity::PowerFactor, "power_factor",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Power factor"), Instantaneous, ""},
    QuantityInfo{Quantity::Current, "current", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Current"),
                 Instantaneous, "A"},
    QuantityInfo{Quantity::Voltage, "voltage", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Voltage"),
                 Instantaneous, "V"},
    QuantityInfo{Quantity::Turbidity, "turbidity",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Turbidity"), Instantaneous, "NTU"},
    QuantityInfo{Quantity::ResidualChlorine, "residual_chlorine",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Residual chlorine"), Instantaneous,
                 "mg/L"},
    QuantityInfo{Quantity::PH, "ph", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "pH"), Instantaneous,
                 ""},
    QuantityInfo{Quantity::Temperature, "temperature",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Temperature"), Instantaneous, "°C"},
    QuantityInfo{Quantity::Running, "running", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Running"),
                 State, ""},
    QuantityInfo{Quantity::Fault, "fault", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Fault"), State,
                 ""},
    QuantityInfo{Quantity::Door, "door", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Door open"),
                 State, ""},
    QuantityInfo{Quantity::PowerFail, "power_fail",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Power failure"), State, ""},
    QuantityInfo{Quantity::ValveOpen, "valve_open",
                 QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Valve open"), State, ""},
    QuantityInfo{Quantity::Command, "command", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Command"),
                 State, ""},
    QuantityInfo{Quantity::Generic, "generic", QT_TRANSLATE_NOOP("PumpWatch::Quantity", "Value"),
                 Instantaneous, ""},
};

constexpr std::array units{
    Unit{Quantity::Pressure, "MPa", 1.0, ""},
    Unit{Quantity::Pressure, "kPa", 0.001, ""},
    Unit{Quantity::Pressure, "bar", 0.1, ""},
    // Seed address tables say "Kg": kilogram-force per square centimetre.
    Unit{Quantity::Pressure, "kgf/cm²", 0.0980665, "kgf/cm2|kg|kg/cm2|kg/cm²"},
    Unit{Quantity::Pressure, "mH₂O", 0.00980665, "mH2O|m"},
    Unit{Quantity::Flow, "m³/h", 1.0, "m3/h"},
    Unit{Quantity::Flow, "L/s", 3.6, "l/s"},
    Unit{Quantity::Totalizer, "m³", 1.0, "m3|t"},
    Unit{Quantity::Level, "m", 1.0, ""},
    Unit{Quantity::Level, "cm", 0.01, ""},
    Unit{Quantity::Level, "mm", 0.001, ""},
    Unit{Quantity::Frequency, "Hz", 1.0, ""},
    Unit{Quantity::Power, "kW", 1.0, ""},
    Unit{Quantity::Power, "W", 0.001, ""},
    Unit{Quantity::Energy, "kWh", 1.0, "kW·h|kw.h|度"},
    Unit{Quantity::Energy, "MWh", 1000.0, ""},
    Unit{Quantity::PowerFactor, "", 1.0, "-|cosφ"},
    Unit{Quantity::Current, "A", 1.0, ""},
    Unit{Quantity::Voltage, "V", 1.0, ""},
    Unit{Quantity::Voltage, "kV", 1000.0, ""},
    Unit{Quantity::Turbidity, "NTU", 1.0, ""},
    Unit{Quantity::ResidualChlorine, "mg/L", 1.0, ""},
    Unit{Quantity::PH, "", 1.0, "ph"},
    Unit{Quantity::Temperature, "°C", 1.0, "℃|c|degc"},
    Unit{Quantity::Running, "", 1.0, ""},
    Unit{Quantity::Fault, "", 1.0, ""},
    Unit{Quantity::Door, "", 1.0, ""},
    Unit{Quantity::PowerFail, "", 1.0, ""},
    Unit{Quantity::ValveOpen, "", 1.0, ""},
    Unit{Quantity::Command, "", 1.0, ""},
};

bool matches(const Unit& unit, QStringView text)
{
    // Excel tables write "KW", "KWh", "M3/h": symbols match regardless of case (no two units
    // of one quantity differ only in case).
    if (QString::fromUtf8(unit.symbol).compare(text, Qt::CaseInsensitive) == 0)
        return true;
    const QString aliases = QString::fromUtf8(unit.aliases);
    if (aliases.isEmpty())
        return false;
    for (QStringView alias : QStringView(aliases).split(u'|')) {
        if (alias.compare(text, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

std::span<const QuantityInfo> allQuantities()
{
    return quantities;
}

const QuantityInfo& quantityInfo(Quantity quantity)
{
    const auto index = static_cast<std::size_t>(quantity);
    return index < quantities.size() ? quantities[index] : quantities[0];
}

Quantity quantityFromCode(QStringView code)
{
    const auto it = std::find_if(quantities.begin() + 1, quantities.end(), [code](const auto& q) {
        return QLatin1StringView(q.code) == code;
    });
    return it == quantities.end() ? Quantity::Unknown : it->quantity;
}

QString quantityCode(Quantity quantity)
{
    return QString::fromLatin1(quantityInfo(quantity).code);
}

QString quantityDisplayName(Quantity quantity)
{
    return QCoreApplication::translate("PumpWatch::Quantity", quantityInfo(quantity).displayName);
}

const Unit* findUnit(Quantity quantity, QStringView text)
{
    const QStringView trimmed = text.trimmed();
    for (const Unit& unit : units) {
        if (unit.quantity == quantity && matches(unit, trimmed))
            return &unit;
    }
    return nullptr;
}

QString unitSymbols(Quantity quantity)
{
    QStringList symbols;
    for (const Unit& unit : units) {
        if (unit.quantity == quantity)
            symbols << (*unit.symbol ? QString::fromUtf8(unit.symbol) : QStringLiteral("(none)"));
    }
    return symbols.join(QStringLiteral(", "));
}

} // namespace PumpWatch
