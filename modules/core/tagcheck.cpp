#include "tagcheck.h"

#include <QRegularExpression>

namespace PumpWatch {

std::vector<TagProblem> TagCheck::check(const TagDef& def, const DeviceSettings& device)
{
    std::vector<TagProblem> problems;
    const auto problem = [&](const char* field, const QString& message) {
        problems.push_back({field, message});
    };

    static const QRegularExpression badKey(QStringLiteral("[/\\s]"));
    if (def.key.isEmpty() || def.key.contains(badKey))
        problem("key", tr("'%1' is not a tag key (not empty, no '/' or spaces)").arg(def.key));
    if (def.name.trimmed().isEmpty())
        problem("name", tr("must not be empty"));

    if (def.quantity != Quantity::Unknown && def.quantity != Quantity::Generic &&
        !findUnit(def.quantity, def.unit)) {
        problem("unit", tr("'%1' is not a unit of %2 (%3)")
                            .arg(def.unit, quantityCode(def.quantity), unitSymbols(def.quantity)));
    }

    if (!isMqtt(device.protocol) && !def.address.isValid() && def.address.text.isEmpty())
        problem("address", tr("required, missing (a Modbus device reads the tag from it)"));
    if (def.address.isValid() && def.type != DataType::Invalid) {
        if (const QString mismatch = typeMismatch(def.address, def.type); !mismatch.isEmpty()) {
            problem("type", mismatch);
        } else {
            const ModbusMapping m =
                toModbus(def.address, def.type, device.addressing, device.holdStart);
            if (!m.location)
                problem("address", m.error);
        }
        const bool readOnlyArea = def.address.area == AddressArea::InputRegister ||
                                  def.address.area == AddressArea::DiscreteInput;
        if (readOnlyArea && def.access == Access::ReadWrite)
            problem(
                "access",
                tr("'%1' is read-only (an input), so access cannot be rw").arg(def.address.text));
    }

    if (def.scale.gain == 0.0)
        problem("scale", tr("gain must not be 0"));
    if (def.historyDeadband < 0.0)
        problem("deadband", tr("must not be negative"));

    const AlarmLimits& a = def.alarm;
    const auto checkOrder = [&](const LimitValues& v, const QString& where) {
        const std::pair<const char*, std::optional<double>> limits[] = {
            {"LL", v.lowLow}, {"L", v.low}, {"H", v.high}, {"HH", v.highHigh}};
        const std::pair<const char*, std::optional<double>>* previous = nullptr;
        for (const auto& limit : limits) {
            if (!limit.second)
                continue;
            if (previous && *previous->second > *limit.second) {
                problem("alarm", where + tr("limits out of order: %1 %2 > %3 %4 (LL ≤ L ≤ H ≤ HH)")
                                             .arg(QLatin1StringView(previous->first))
                                             .arg(*previous->second)
                                             .arg(QLatin1StringView(limit.first))
                                             .arg(*limit.second));
            }
            previous = &limit;
        }
        if (v.ratePerMinute && *v.ratePerMinute <= 0.0)
            problem("alarm",
                    where + tr("rate must be greater than 0, not %1").arg(*v.ratePerMinute));
    };
    checkOrder(a, QString());
    for (std::size_t i = 0; i < a.periods.size(); ++i) {
        const AlarmPeriod& period = a.periods[i];
        const QString where = tr("period %1: ").arg(i + 1);
        checkOrder(period.limits, where);
        if ((period.days & 0x7f) == 0)
            problem("alarm", where + tr("applies on no day of the week"));
        if (period.fromMinute < 0 || period.fromMinute >= 1440 || period.toMinute < 0 ||
            period.toMinute > 1440)
            problem("alarm", where + tr("times must lie within the day (00:00 to 24:00)"));
    }
    if (a.deadband < 0.0)
        problem("alarm", tr("deadband must not be negative"));
    return problems;
}

} // namespace PumpWatch
