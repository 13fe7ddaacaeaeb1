// ValueFormat: how every screen writes a value — the list, the station detail, the alarm panel
// and banner, the records, the map cards and tooltips. A quantity has one precision in each of
// its units (0.399 MPa, 36.6 m³/h, 560,438 m³, 49.9 Hz); numbers are fixed-point with the
// locale's grouping, never scientific and never "-0.000". Digital points (running, fault, door,
// power failure, valve open) are written as their state (运行/停止, 正常/故障) with a tone the
// UI colours. A value whose quality cannot be trusted is marked, the raw value kept for the
// tooltip. Pure functions, any thread.
//
//     ValueFormat::text(tag, 0.39864)              // "0.399 MPa"
//     ValueFormat::text(runningTag, 1.0)           // "运行" (tone Active)
//     ValueFormat::shown(tag, 7.2, Quality::BadSensorFault).text   // "####"
#pragma once

#include "project.h"
#include "quality.h"

#include <QCoreApplication>
#include <QString>

#include <algorithm>

namespace PumpWatch {

/// What colour a digital state gets on screen.
enum class ValueTone : quint8 {
    Plain,    ///< an analog value: the view's usual colour
    Active,   ///< running, open: green
    Inactive, ///< stopped, closed: the muted text colour
    Fault,    ///< fault, power failure: the alarm colour
};

struct ShownValue {
    QString text;    ///< what the cell shows
    QString toolTip; ///< the raw value and the quality when the text hides them
    ValueTone tone = ValueTone::Plain;
    bool trusted = true; ///< false: bad or uncertain quality, the view greys it
};

class ValueFormat {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::ValueFormat)

public:
    /// Decimals for a quantity written in `unit` (its canonical unit when empty).
    static int decimals(Quantity quantity, QStringView unit = {});
    /// The same for a unit alone ("MPa", "m³/h"), found by its symbol: 2 when unknown.
    static int decimalsForUnit(QStringView unit);
    static bool isDigital(Quantity quantity);
    /// The quality a person is shown: a sensor fault while a sensor alarm (frozen, out of range)
    /// is active on a good value, stale when it was not refreshed in time, else its own.
    static Quality effectiveQuality(Quality quality, bool sensorAlarm, bool stale);
    /// How old a value of a device polled every `pollMs` may be before it is shown stale: three
    /// polls, so a 4G gateway read every 60 s is not stale between polls, and never less than
    /// 30 s, so a missed answer or two of a fast device does not grey it out.
    static qint64 staleAfterMs(int pollMs)
    {
        return std::max<qint64>(3 * qint64(pollMs), MinStaleAfterMs);
    }
    static constexpr qint64 MinStaleAfterMs = 30'000;
    /// The number alone, "560,438" / "0.399"; "—" for NaN.
    static QString number(double value, int decimals);
    static QString number(const TagDef& tag, double value);
    /// With the unit ("0.399 MPa"), or the state text of a digital point ("运行").
    static QString text(const TagDef& tag, double value);
    /// A number of `quantity` in `unit` with the unit, for values that are not a tag's (limits,
    /// totals): "1,234 m³".
    static QString text(Quantity quantity, const QString& unit, double value);
    static ValueTone tone(const TagDef& tag, double value);
    /// "运行" / "停止" and so on; `on` is the bit set.
    static QString stateText(Quantity quantity, bool on);
    /// A live value with its quality: "—" before the first value; a stale value or one cut off
    /// by a comm failure keeps its digits with a mark ("0.399 MPa ?"), a sensor or configuration
    /// fault shows "####"; the tooltip names the quality and the raw value.
    /// `withUnit` false: for a column whose header or neighbour names the unit.
    static ShownValue shown(const TagDef& tag, double value, Quality quality, bool withUnit = true);
    /// "good", "comm failure", … translated.
    static QString qualityName(Quality quality);
    /// The mark after a value that cannot be trusted.
    static QString untrustedMark() { return QStringLiteral(" ?"); }
};

} // namespace PumpWatch
