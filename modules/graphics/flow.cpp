#include "flow.h"

#include "symbolports.h"

#include <QHash>

#include <deque>

namespace PumpWatch::Graphics {

FlowNetwork::FlowNetwork(const ResolvedDrawing& d)
{
    const int inlet = m_nodes++;
    const int outlet = m_nodes++;
    m_sources.push_back(inlet);
    m_sinks.push_back(outlet);
    QHash<QString, int> portNode; // "element.port" → node
    m_pipeNode.assign(d.elements.size(), -1);
    m_elementFlow.assign(d.elements.size(), int(FlowRole::None));
    m_hidden.assign(d.elements.size(), false);
    for (std::size_t i = 0; i < d.elements.size(); ++i) {
        const ResolvedElement& e = d.elements[i];
        m_hidden[i] = e.hidden;
        if (e.kind == ElementKind::Pipe) {
            m_pipeNode[i] = m_nodes++;
            continue;
        }
        const SymbolInfo* info = e.kind == ElementKind::Symbol ? findSymbol(e.symbol) : nullptr;
        if (!info || info->flow == FlowRole::None)
            continue;
        m_elementFlow[i] = int(info->flow);
        const int in = m_nodes++;
        const int out = m_nodes++;
        portNode.insert(e.id + QStringLiteral(".in"), in);
        portNode.insert(e.id + QStringLiteral(".out"), out);
        if (info->flow == FlowRole::Tank) {
            m_sinks.push_back(in);
            m_tankSources.push_back(out);
        } else {
            m_edges.push_back({in, out, int(i), info->flow == FlowRole::Pump});
        }
    }
    const auto nodeOf = [&](const PipeEnd& end, int boundary) {
        if (end.boundary != PipeEnd::Boundary::None)
            return boundary;
        if (end.port.isEmpty()) {
            const int i = d.indexOf(end.element);
            return i < 0 ? -1 : m_pipeNode[std::size_t(i)];
        }
        return portNode.value(end.element + u'.' + end.port, -1);
    };
    for (std::size_t i = 0; i < d.elements.size(); ++i) {
        const int pipe = m_pipeNode[i];
        if (pipe < 0)
            continue;
        const ResolvedElement& e = d.elements[i];
        const int from = nodeOf(e.from, e.from.boundary == PipeEnd::Boundary::Outlet ? -1 : inlet);
        const int to = nodeOf(e.to, e.to.boundary == PipeEnd::Boundary::Inlet ? -1 : outlet);
        if (from >= 0)
            m_edges.push_back({from, pipe});
        if (to >= 0)
            m_edges.push_back({pipe, to});
    }
}

std::vector<bool> FlowNetwork::flowing(const std::vector<ElementState>& states) const
{
    const auto state = [&](int element) {
        return std::size_t(element) < states.size() ? states[std::size_t(element)] : ElementState{};
    };
    // A state is (node, pressurised): node * 2 + pressurised.
    std::vector<std::vector<int>> next(std::size_t(m_nodes) * 2);
    std::vector<std::vector<int>> previous(next.size());
    const auto link = [&](int a, int b) {
        next[std::size_t(a)].push_back(b);
        previous[std::size_t(b)].push_back(a);
    };
    for (const Edge& e : m_edges) {
        if (e.element >= 0 && !m_hidden[std::size_t(e.element)]) {
            const ElementState s = state(e.element);
            const auto role = FlowRole(m_elementFlow[std::size_t(e.element)]);
            if (role == FlowRole::Pump && !s.running.value_or(false))
                continue;
            if (role == FlowRole::Valve && !s.open.value_or(true))
                continue;
        }
        for (int p = 0; p < 2; ++p)
            link(e.from * 2 + p, e.to * 2 + (e.pump ? 1 : p));
    }
    const auto reach = [](const std::vector<std::vector<int>>& graph,
                          const std::vector<int>& start) {
        std::vector<bool> seen(graph.size(), false);
        std::deque<int> queue;
        for (int s : start) {
            if (!seen[std::size_t(s)]) {
                seen[std::size_t(s)] = true;
                queue.push_back(s);
            }
        }
        while (!queue.empty()) {
            const int n = queue.front();
            queue.pop_front();
            for (int m : graph[std::size_t(n)]) {
                if (!seen[std::size_t(m)]) {
                    seen[std::size_t(m)] = true;
                    queue.push_back(m);
                }
            }
        }
        return seen;
    };
    std::vector<int> starts;
    for (int s : m_sources)
        starts.push_back(s * 2 + 1);
    for (int s : m_tankSources)
        starts.push_back(s * 2);
    std::vector<int> ends;
    for (int s : m_sinks)
        ends.push_back(s * 2 + 1);
    const std::vector<bool> fromSource = reach(next, starts);
    const std::vector<bool> toSink = reach(previous, ends);
    std::vector<bool> result(m_pipeNode.size(), false);
    for (std::size_t i = 0; i < m_pipeNode.size(); ++i) {
        const int n = m_pipeNode[i];
        if (n < 0)
            continue;
        for (int p = 0; p < 2; ++p) {
            const auto s = std::size_t(n * 2 + p);
            if (fromSource[s] && toSink[s])
                result[i] = true;
        }
    }
    return result;
}

std::vector<ElementState>
FlowNetwork::statesFrom(const ResolvedDrawing& drawing,
                        const std::function<std::optional<double>(TagId)>& value)
{
    std::vector<ElementState> states(drawing.elements.size());
    const auto bit = [&](TagId id) -> std::optional<bool> {
        if (id == InvalidTagId)
            return std::nullopt;
        const auto v = value(id);
        return v ? std::optional(*v != 0) : std::nullopt;
    };
    for (std::size_t i = 0; i < drawing.elements.size(); ++i) {
        states[i].running = bit(drawing.elements[i].tag(u"running"));
        states[i].open = bit(drawing.elements[i].tag(u"open"));
    }
    return states;
}

} // namespace PumpWatch::Graphics
