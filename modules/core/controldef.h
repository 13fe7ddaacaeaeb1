// What a dispatcher may operate at a station, declared once per station template: each control
// object (a pump, a valve, a setpoint) names the tag written, the tag whose value proves the
// command took effect, how long that may take, and the interlocks that block it. The control
// service (modules/control) enforces them; the process graphics offer them on the object's
// faceplate. In the project file, under a template:
//
//     "controls": [
//       {"object": "pump[1]", "name": "1#泵", "kind": "pump", "command": "pump1_command",
//        "feedback": "pump1_running", "feedbackS": 20,
//        "interlocks": [{"tag": "tank_level", "below": 0.3, "blocks": "on",
//                        "reason": "水箱液位低低"}]},
//       {"object": "frequency_setpoint", "name": "变频器频率设定", "kind": "setpoint",
//        "command": "frequency_setpoint", "feedback": "frequency_setpoint", "feedbackS": 10,
//        "min": 0, "max": 50, "maxStep": 5, "tolerance": 0.1}]
#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace PumpWatch {

enum class ControlKind : quint8 { Pump, Valve, Setpoint };
QString controlKindCode(ControlKind kind); ///< "pump", "valve", "setpoint"
std::optional<ControlKind> parseControlKind(QStringView code);

/// A condition that refuses a command while it holds: a pump start while the tank is low-low.
/// Commands towards the safe side (stop, close) are never blocked unless `blocks` says "any".
struct Interlock {
    enum class Blocks : quint8 { On, Off, Any };
    QString tag;                 ///< key of a tag of the same device
    std::optional<double> below; ///< holds while the tag's value is below this
    std::optional<double> above; ///< or above this
    Blocks blocks = Blocks::On;  ///< which commands it refuses: start/open, stop/close, any
    QString reason;              ///< for people: "水箱液位低低"
    friend bool operator==(const Interlock&, const Interlock&) = default;
};

struct ControlDef {
    QString object; ///< its role, as the graphics bind it: "pump[1]", "inlet_valve"
    QString name;   ///< for people: "1#泵"
    ControlKind kind = ControlKind::Pump;
    QString command;        ///< key of the tag written (1 start/open, 0 stop/close, or the value)
    QString feedback;       ///< key of the tag read back: running bit, open limit, the setpoint
    double feedbackS = 10;  ///< the feedback must arrive within this, else the command failed
    double tolerance = 0.0; ///< a setpoint's read-back may differ this much
    std::optional<double> min; ///< a setpoint's range and largest step without typing it twice
    std::optional<double> max;
    std::optional<double> maxStep;
    std::vector<Interlock> interlocks;
    friend bool operator==(const ControlDef&, const ControlDef&) = default;
};

/// The control of a template with this object role, or null.
const ControlDef* findControl(const std::vector<ControlDef>& controls, QStringView object);

} // namespace PumpWatch
