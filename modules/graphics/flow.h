// Flow from topology: which pipes carry water, derived from how the pipes connect the symbols'
// ports and from the state of the pumps and valves — not bound pipe by pipe.
//
// Pipes are drawn in flow direction (from → to); a symbol passes water from its "in" port to
// its "out" port when it conducts (symbolports.h): a valve while open, a pump while running
// (and it adds pressure), check valves, PRVs and stabilising tanks always. The mains ("inlet"
// pipe ends) are a source under pressure; a break tank's out port is a source without pressure
// and its in port a sink; the network ("outlet" pipe ends) is a sink. A pipe flows when water
// can reach it from a source and go on from it to a sink — with pressure, so water leaving a
// tank must pass a running pump. A running pump against a closed discharge valve moves nothing.
// Hidden elements (a station's override) conduct: the valve is simply not drawn there.
// FlowNetwork is built once per resolved drawing and evaluated per update; immutable, any
// thread.
//
//     FlowNetwork net(resolved);
//     std::vector<ElementState> states(resolved.elements.size());
//     states[resolved.indexOf(u"pump1")].running = true;
//     std::vector<bool> flowing = net.flowing(states);     // per element: pipes only
#pragma once

#include "resolve.h"

#include <functional>

namespace PumpWatch::Graphics {

struct ElementState {
    std::optional<bool> running; ///< a pump; unknown counts as stopped
    std::optional<bool> open;    ///< a valve; unknown counts as open (manual valves)
};

class FlowNetwork {
public:
    explicit FlowNetwork(const ResolvedDrawing& drawing);

    /// `states` is aligned with the drawing's elements (shorter: the rest unknown). The result
    /// is aligned with them too; true only for pipes that flow.
    std::vector<bool> flowing(const std::vector<ElementState>& states) const;

    /// States from live values: "running" and "open" slots read through `value` (non-zero is
    /// true; nullopt when the tag has no good value).
    static std::vector<ElementState>
    statesFrom(const ResolvedDrawing& drawing,
               const std::function<std::optional<double>(TagId)>& value);

private:
    struct Edge {
        int from;
        int to;
        int element = -1; ///< the symbol whose state gates it; -1: always
        bool pump = false;
    };
    std::vector<Edge> m_edges;
    std::vector<int> m_pipeNode; ///< per element: its node, -1 when not a pipe
    std::vector<int> m_sources;  ///< pressurised
    std::vector<int> m_tankSources;
    std::vector<int> m_sinks;
    std::vector<int> m_elementFlow; ///< per element: its FlowRole
    std::vector<bool> m_hidden;
    int m_nodes = 0;
};

} // namespace PumpWatch::Graphics
