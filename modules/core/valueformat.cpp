#include "valueformat.h"

#include <QLocale>

#include <cmath>

namespace PumpWatch {

int ValueFormat::decimals(Quantity quantity, QStringView unit)
{
    switch (quantity) {
    case Quantity::Pressure:
        if (unit == u"kPa" || unit == u"mH₂O")
            return 1;
        if (unit == u"bar" || unit == u"kgf/cm²")
            return 2;
        return 3; // MPa
    case Quantity::Flow:
        return 1;
    case Quantity::Totalizer:
    case Quantity::Energy:
        return unit == u"MWh" ? 2 : 0;
    case Quantity::Level:
        return unit == u"mm" ? 0 : unit == u"cm" ? 1 : 2;
    case Quantity::Frequency:
    case Quantity::Power:
    case Quantity::Current:
    case Quantity::Temperature:
        return unit == u"W" ? 0 : 1;
    case Quantity::Voltage:
        return unit == u"kV" ? 2 : 0;
    case Quantity::PowerFactor:
    case Quantity::Turbidity:
    case Quantity::ResidualChlorine:
    case Quantity::PH:
        return 2;
    case Quantity::Running:
    case Quantity::Fault:
    case Quantity::Door:
    case Quantity::PowerFail:
    case Quantity::ValveOpen:
    case Quantity::Command:
        return 0;
    case Quantity::Unknown:
    case Quantity::Generic:
        break;
    }
    return 2;
}

int ValueFormat::decimalsForUnit(QStringView unit)
{
    for (const QuantityInfo& q : allQuantities()) {
        const Unit* u = findUnit(q.quantity, unit);
        if (u && QString::fromUtf8(u->symbol) == unit) // "m" is a level, not mH₂O's alias
            return decimals(q.quantity, unit);
    }
    return 2;
}

Quality ValueFormat::effectiveQuality(Quality quality, bool sensorAlarm, bool stale)
{
    if (!isGood(quality))
        return quality;
    if (sensorAlarm)
        return Quality::BadSensorFault;
    return stale ? Quality::UncertainStale : quality;
}

bool ValueFormat::isDigital(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Running:
    case Quantity::Fault:
    case Quantity::Door:
    case Quantity::PowerFail:
    case Quantity::ValveOpen:
        return true;
    default:
        return false;
    }
}

QString ValueFormat::number(double value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    // Rounding to the shown precision first keeps "-0.000" (an empty tank reading -0.0004 m)
    // off the screen.
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0.0)
        rounded = 0.0;
    return QLocale().toString(rounded, 'f', decimals);
}

QString ValueFormat::number(const TagDef& tag, double value)
{
    return number(value, decimals(tag.quantity, tag.unit));
}

QString ValueFormat::stateText(Quantity quantity, bool on)
{
    switch (quantity) {
    case Quantity::Running:
        return on ? tr("Running") : tr("Stopped");
    case Quantity::Fault:
        return on ? tr("Fault") : tr("Normal");
    case Quantity::Door:
        return on ? tr("Open") : tr("Closed");
    case Quantity::PowerFail:
        return on ? tr("Power failure") : tr("Powered");
    case Quantity::ValveOpen:
        return on ? tr("Fully open") : tr("Not open");
    default:
        return on ? QStringLiteral("1") : QStringLiteral("0");
    }
}

QString ValueFormat::text(Quantity quantity, const QString& unit, double value)
{
    if (isDigital(quantity))
        return std::isfinite(value) ? stateText(quantity, value != 0.0) : QStringLiteral("—");
    const QString n = number(value, decimals(quantity, unit));
    return unit.isEmpty() || !std::isfinite(value) ? n : n + u' ' + unit;
}

QString ValueFormat::text(const TagDef& tag, double value)
{
    return text(tag.quantity, tag.unit, value);
}

ValueTone ValueFormat::tone(const TagDef& tag, double value)
{
    if (!isDigital(tag.quantity) || !std::isfinite(value))
        return ValueTone::Plain;
    const bool on = value != 0.0;
    switch (tag.quantity) {
    case Quantity::Fault:
    case Quantity::PowerFail:
        return on ? ValueTone::Fault : ValueTone::Plain;
    case Quantity::Door:
        return on ? ValueTone::Fault : ValueTone::Inactive;
    default:
        return on ? ValueTone::Active : ValueTone::Inactive;
    }
}

QString ValueFormat::qualityName(Quality quality)
{
    switch (quality) {
    case Quality::Unknown:
        return tr("no value yet");
    case Quality::Good:
        return tr("good");
    case Quality::Substituted:
        return tr("substituted");
    case Quality::UncertainStale:
        return tr("stale");
    case Quality::BadCommFailure:
        return tr("comm failure");
    case Quality::BadSensorFault:
        return tr("sensor fault");
    case Quality::BadConfigError:
        return tr("configuration error");
    }
    return {};
}

ShownValue ValueFormat::shown(const TagDef& tag, double value, Quality quality, bool withUnit)
{
    ShownValue s;
    if (quality == Quality::Unknown) {
        s.text = QStringLiteral("—");
        s.toolTip = qualityName(quality);
        s.trusted = false;
        return s;
    }
    s.text = withUnit || isDigital(tag.quantity) ? text(tag, value) : number(tag, value);
    s.tone = tone(tag, value);
    s.trusted = isGood(quality);
    if (!s.trusted) {
        // A sensor's or the configuration's fault makes the digits meaningless; a stale or
        // cut-off value is still the last one known.
        const bool meaningless =
            quality == Quality::BadSensorFault || quality == Quality::BadConfigError;
        s.text = meaningless ? QStringLiteral("####") : s.text + untrustedMark();
        s.toolTip =
            tr("%1 — %2 (raw value %3)")
                .arg(text(tag, value), qualityName(quality), QLocale().toString(value, 'f', 6));
    }
    return s;
}

} // namespace PumpWatch
