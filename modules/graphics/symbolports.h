// The symbols a drawing may place, as far as the model needs them: their ports (where pipes
// attach, in a unit box: 0,0 top-left, 1,1 bottom-right, before rotation and mirroring) and what
// each does to the water (flow.h). The SVGs are drawn to match: pumps and valves take water in
// on the left and give it out on the right, on the centre line; tanks take it in at the top and
// give it out at the bottom. This is the one table of it; when resources/symbols/symbols.json
// declares ports, it is read from there instead. Pure functions, any thread.
#pragma once

#include <QPointF>
#include <QString>

#include <vector>

namespace PumpWatch::Graphics {

struct Element;

/// What a symbol does to the flow between its ports.
enum class FlowRole : quint8 {
    None,    ///< not on the water path (motor, VFD, meters, sensors, instruments)
    Passive, ///< always conducts in → out (check valve, PRV, stabilising tank)
    Valve,   ///< conducts in → out while open (open unknown: open)
    Pump,    ///< conducts and drives in → out while running
    Tank,    ///< a break tank: its in port is a sink, its out port a source without pressure
};

struct SymbolPort {
    QString name; ///< "in", "out"
    QPointF unit; ///< position in the unit box
};

struct SymbolInfo {
    QString id;
    FlowRole flow = FlowRole::None;
    std::vector<SymbolPort> ports;
};

/// Every symbol id the model knows, in a fixed order.
const std::vector<SymbolInfo>& symbols();
const SymbolInfo* findSymbol(QStringView id);
/// Where `port` of a symbol element lies on the canvas, rotation and mirroring applied; the
/// element's centre when the symbol or port is unknown.
QPointF portPosition(const Element& element, QStringView port);

} // namespace PumpWatch::Graphics
