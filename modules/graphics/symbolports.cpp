#include "symbolports.h"

#include "drawing.h"

#include <cmath>
#include <numbers>

namespace PumpWatch::Graphics {
namespace {

std::vector<SymbolInfo> makeSymbols()
{
    // As the SVGs draw them (resources/symbols/symbols.json, in units of the symbol's box): a
    // pump's ports on its centre line, a valve's below the centre (above it sit the actuator
    // and the state marks), a tank's inlet at the top left and its outlet low on the right.
    const std::vector<SymbolPort> leftRight = {{QStringLiteral("in"), {0, 0.5}},
                                               {QStringLiteral("out"), {1, 0.5}}};
    const std::vector<SymbolPort> valve = {{QStringLiteral("in"), {0, 0.625}},
                                           {QStringLiteral("out"), {1, 0.625}}};
    const std::vector<SymbolPort> tank = {{QStringLiteral("in"), {0.375, 0}},
                                          {QStringLiteral("out"), {1, 0.875}}};
    const std::vector<SymbolPort> stabiliser = {{QStringLiteral("in"), {0, 0.6875}},
                                                {QStringLiteral("out"), {1, 0.6875}}};
    const std::vector<SymbolPort> bottom = {{QStringLiteral("in"), {0.5, 1}}};
    using enum FlowRole;
    return {
        {QStringLiteral("pump"), Pump, leftRight},
        {QStringLiteral("motor"), None, {}},
        {QStringLiteral("vfd"), None, {}},
        {QStringLiteral("gate_valve"), Valve, valve},
        {QStringLiteral("check_valve"), Passive, valve},
        {QStringLiteral("butterfly_valve"), Valve, valve},
        {QStringLiteral("motorised_valve"), Valve, valve},
        {QStringLiteral("prv"), Passive, valve},
        {QStringLiteral("tank"), Tank, tank},
        {QStringLiteral("pressure_tank"), Passive, bottom},
        {QStringLiteral("stabiliser_tank"), Passive, stabiliser},
        {QStringLiteral("instrument"), None, {}},
        {QStringLiteral("kwh_meter"), None, {}},
        {QStringLiteral("door_sensor"), None, {}},
        {QStringLiteral("flood_sensor"), None, {}},
    };
}

} // namespace

const std::vector<SymbolInfo>& symbols()
{
    static const std::vector<SymbolInfo> table = makeSymbols();
    return table;
}

const SymbolInfo* findSymbol(QStringView id)
{
    for (const SymbolInfo& s : symbols()) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

QPointF portPosition(const Element& e, QStringView port)
{
    const QPointF centre = e.position + QPointF(e.size.width() / 2, e.size.height() / 2);
    const SymbolInfo* info = findSymbol(e.symbol);
    if (!info)
        return centre;
    for (const SymbolPort& p : info->ports) {
        if (p.name != port)
            continue;
        double x = (p.unit.x() - 0.5) * e.size.width();
        const double y = (p.unit.y() - 0.5) * e.size.height();
        if (e.mirrored)
            x = -x;
        const double a = e.rotationDeg * std::numbers::pi / 180.0;
        // Clockwise on screen, where y grows downwards.
        return centre +
               QPointF(x * std::cos(a) - y * std::sin(a), x * std::sin(a) + y * std::cos(a));
    }
    return centre;
}

} // namespace PumpWatch::Graphics
