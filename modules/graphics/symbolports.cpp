#include "symbolports.h"

#include "drawing.h"

#include <cmath>
#include <numbers>

namespace PumpWatch::Graphics {
namespace {

std::vector<SymbolInfo> makeSymbols()
{
    const std::vector<SymbolPort> leftRight = {{QStringLiteral("in"), {0, 0.5}},
                                               {QStringLiteral("out"), {1, 0.5}}};
    const std::vector<SymbolPort> topBottom = {{QStringLiteral("in"), {0.5, 0}},
                                               {QStringLiteral("out"), {0.5, 1}}};
    using enum FlowRole;
    return {
        {QStringLiteral("pump"), Pump, leftRight},
        {QStringLiteral("motor"), None, {}},
        {QStringLiteral("vfd"), None, {}},
        {QStringLiteral("gate_valve"), Valve, leftRight},
        {QStringLiteral("check_valve"), Passive, leftRight},
        {QStringLiteral("butterfly_valve"), Valve, leftRight},
        {QStringLiteral("motorised_valve"), Valve, leftRight},
        {QStringLiteral("prv"), Passive, leftRight},
        {QStringLiteral("tank"), Tank, topBottom},
        {QStringLiteral("pressure_tank"), Passive, topBottom},
        {QStringLiteral("stabiliser_tank"), Passive, topBottom},
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
