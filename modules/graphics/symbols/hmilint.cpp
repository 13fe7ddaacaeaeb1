#include "hmilint.h"

#include "symbollibrary.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace PumpWatch::Graphics {
namespace {

class HmiLint {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Graphics::HmiLint)

public:
    HmiLint(const Drawing& drawing, const Theme& theme)
        : m_drawing(drawing)
        , m_theme(theme)
    {}

    static std::vector<LintWarning> theme(const Theme& t)
    {
        std::vector<LintWarning> out;
        QStringList states = SymbolLibrary::knownStates();
        for (const QString& s : t.stateNames()) {
            if (!states.contains(s))
                states << s;
        }
        for (const QString& state : states) {
            if (abnormalStates().contains(state))
                continue;
            for (const QString& part : t.partNames()) {
                const PartStyle style = t.style(state, part);
                if (!style.visible)
                    continue;
                QColor alarm;
                for (const QColor& c : {style.fill, style.stroke}) {
                    if (c.isValid() && isNearAlarmColour(c, t, &alarm)) {
                        out.push_back({t.id(),
                                       {},
                                       tr("state '%1' part '%2' uses alarm colour %3 (an alarm "
                                          "is %4): ISA-101 keeps bright colour for abnormal "
                                          "states")
                                           .arg(state, part, c.name(), alarm.name())});
                        break;
                    }
                }
                if (style.blink)
                    out.push_back({t.id(),
                                   {},
                                   tr("state '%1' part '%2' blinks: ISA-101 blinks only for "
                                      "starting and unacknowledged alarms")
                                       .arg(state, part)});
            }
        }
        return out;
    }

    std::vector<LintWarning> drawing()
    {
        for (const Element& e : m_drawing.elements)
            element(e);
        return std::move(m_out);
    }

private:
    static bool isAlarmSlot(const QString& slot)
    {
        static const QStringList slots = {QStringLiteral("alarm"), QStringLiteral("fault"),
                                          QStringLiteral("flood"), QStringLiteral("door"),
                                          QStringLiteral("power_fail")};
        return slots.contains(slot);
    }

    static bool boundToAlarm(const Element& e)
    {
        for (const auto& [slot, role] : e.slots) {
            if (isAlarmSlot(slot) || role.contains(u"alarm") || role.contains(u"fault"))
                return true;
        }
        return false;
    }

    /// Words that read as an alarm in a label; a label always shown must not say them.
    static bool readsAsAlarm(const QString& label)
    {
        static const QStringList words = {QStringLiteral("报警"),  QStringLiteral("告警"),
                                          QStringLiteral("故障"),  QStringLiteral("跳闸"),
                                          QStringLiteral("alarm"), QStringLiteral("fault"),
                                          QStringLiteral("trip"),  QStringLiteral("danger")};
        return std::any_of(words.begin(), words.end(), [&](const QString& w) {
            return label.contains(w, Qt::CaseInsensitive);
        });
    }

    void warn(const Element& e, const QString& message)
    {
        m_out.push_back({m_drawing.file, e.id, message});
    }

    void element(const Element& e)
    {
        for (const Element& child : e.children)
            element(child);
        const bool alarmBound = boundToAlarm(e);
        if (isRawColorStyle(e.style)) {
            warn(e, tr("style '%1' is a raw colour: name a theme role (%2) so that the theme, "
                       "not the drawing, says what colour means")
                        .arg(e.style, textStyleRoles().join(QStringLiteral(", "))));
        }
        QColor alarm;
        const QColor colour = m_theme.textStyleColor(e.style);
        const bool alarmStyle = e.style == u"alarmText" ||
                                (colour.isValid() && isNearAlarmColour(colour, m_theme, &alarm));
        if (alarmStyle && !alarmBound)
            warn(e, tr("style '%1' is an alarm colour on an element bound to no alarm: it looks "
                       "abnormal while the plant is normal")
                        .arg(e.style));
        if (e.kind == ElementKind::Text && e.slots.empty() && readsAsAlarm(e.label))
            warn(e, tr("the text '%1' reads as an alarm but is always shown: show alarms with "
                       "an element bound to the alarm")
                        .arg(e.label));
    }

    const Drawing& m_drawing;
    const Theme& m_theme;
    std::vector<LintWarning> m_out;
};

} // namespace

QString LintWarning::toString() const
{
    return element.isEmpty() ? QStringLiteral("%1: %2").arg(file, message)
                             : QStringLiteral("%1: %2: %3").arg(file, element, message);
}

const QStringList& abnormalStates()
{
    static const QStringList states = {QStringLiteral("fault"),      QStringLiteral("alarm"),
                                       QStringLiteral("unknown"),    QStringLiteral("starting"),
                                       QStringLiteral("travelling"), QStringLiteral("stale")};
    return states;
}

bool isNearAlarmColour(const QColor& colour, const Theme& theme, QColor* alarm)
{
    // Close in RGB (a darker or lighter shade of the same red), or the same vivid hue: a
    // saturated, bright colour within 15° of an alarm colour reads as that alarm.
    constexpr double MaxRgbDistance = 60.0;
    constexpr int MaxHueDegrees = 15;
    constexpr double MinSaturation = 0.6;
    constexpr double MinValue = 0.55;
    const auto vivid = [](const QColor& c) {
        return c.hsvSaturationF() >= MinSaturation && c.valueF() >= MinValue && c.hsvHue() >= 0;
    };
    for (const QColor& a : theme.canvas().alarm) {
        if (!a.isValid())
            continue;
        const double distance = std::hypot(colour.red() - a.red(), colour.green() - a.green(),
                                           colour.blue() - a.blue());
        const int hue = std::abs(colour.hsvHue() - a.hsvHue());
        const bool sameHue = vivid(colour) && vivid(a) && std::min(hue, 360 - hue) <= MaxHueDegrees;
        if (distance <= MaxRgbDistance || sameHue) {
            if (alarm)
                *alarm = a;
            return true;
        }
    }
    return false;
}

std::vector<LintWarning> lintTheme(const Theme& theme)
{
    return HmiLint::theme(theme);
}

std::vector<LintWarning> lintDrawing(const Drawing& drawing, const Theme& theme)
{
    return HmiLint(drawing, theme).drawing();
}

} // namespace PumpWatch::Graphics
