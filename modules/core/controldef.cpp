#include "controldef.h"

#include <algorithm>

namespace PumpWatch {

QString controlKindCode(ControlKind kind)
{
    switch (kind) {
    case ControlKind::Pump:
        return QStringLiteral("pump");
    case ControlKind::Valve:
        return QStringLiteral("valve");
    case ControlKind::Setpoint:
        return QStringLiteral("setpoint");
    }
    return {};
}

std::optional<ControlKind> parseControlKind(QStringView code)
{
    for (const ControlKind k : {ControlKind::Pump, ControlKind::Valve, ControlKind::Setpoint}) {
        if (code == controlKindCode(k))
            return k;
    }
    return std::nullopt;
}

const ControlDef* findControl(const std::vector<ControlDef>& controls, QStringView object)
{
    const auto it = std::find_if(controls.begin(), controls.end(),
                                 [&](const ControlDef& c) { return c.object == object; });
    return it == controls.end() ? nullptr : &*it;
}

} // namespace PumpWatch
