#include "ruleset.h"

#include <algorithm>
#include <muParser.h>

namespace PumpWatch::Alarms {

struct RuleSet::Compiled {
    mu::Parser parser;
    std::vector<double> variables; ///< 4 per tag: value, min, max, first; never reallocated
    qint64 windowMs = 60'000;
};

RuleSet::RuleSet(const Project& project, const QString& file)
    : m_project(project)
    , m_byTag(project.tagCount())
{
    m_compiled.resize(project.alarmRules.size());
    for (std::size_t i = 0; i < project.alarmRules.size(); ++i) {
        if (!project.alarmRules[i].enabled)
            continue;
        compile(static_cast<int>(i), file);
        if (m_compiled[i])
            bind(static_cast<int>(i), file);
    }
    for (std::size_t i = 0; i < m_instances.size(); ++i) {
        for (TagId t : m_instances[i].tags)
            m_byTag[t].push_back(static_cast<int>(i));
    }
}

RuleSet::~RuleSet() = default;

void RuleSet::compile(int ruleIndex, const QString& file)
{
    const AlarmRule& rule = m_project.alarmRules[static_cast<std::size_t>(ruleIndex)];
    const QString path = QStringLiteral("alarmRules[%1].expression").arg(ruleIndex);
    auto c = std::make_unique<Compiled>();
    c->windowMs = static_cast<qint64>(rule.windowS * 1000.0);
    c->variables.assign(rule.tags.size() * 4, 0.0);
    try {
        for (const auto& [name, value] : rule.constants)
            c->parser.DefineConst(name.toStdString(), value);
        static constexpr const char* suffixes[] = {"", "_min", "_max", "_first"};
        for (std::size_t v = 0; v < rule.tags.size(); ++v) {
            for (std::size_t k = 0; k < 4; ++k)
                c->parser.DefineVar(rule.tags[v].first.toStdString() + suffixes[k],
                                    &c->variables[v * 4 + k]);
        }
        c->parser.SetExpr(rule.expression.toStdString());
        c->parser.Eval(); // parses now, so a mistake is reported at load, not at the first alarm
    } catch (const mu::Parser::exception_type& e) {
        m_diagnostics.push_back(
            {Diagnostic::Severity::Error, file, 0, 0, path,
             tr("rule '%1': %2").arg(rule.id, QString::fromStdString(e.GetMsg()))});
        return;
    }
    m_compiled[static_cast<std::size_t>(ruleIndex)] = std::move(c);
}

void RuleSet::bind(int ruleIndex, const QString& file)
{
    const AlarmRule& rule = m_project.alarmRules[static_cast<std::size_t>(ruleIndex)];
    const int templateIndex =
        rule.templateId.isEmpty() ? -1 : m_project.templateIndex(rule.templateId);
    const std::size_t before = m_instances.size();
    for (std::size_t s = 0; s < m_project.stations.size(); ++s) {
        const Station& station = m_project.stations[s];
        const bool listed = rule.stations.contains(station.id);
        if (!rule.stations.isEmpty() && !listed)
            continue;
        for (std::size_t d = 0; d < station.devices.size(); ++d) {
            const Device& device = station.devices[d];
            if (templateIndex >= 0 && device.templateIndex != templateIndex)
                continue;
            Instance in;
            in.rule = ruleIndex;
            in.station = static_cast<int>(s);
            in.device = static_cast<int>(d);
            QStringList missing;
            for (const auto& [variable, key] : rule.tags) {
                const TagId t = m_project.findTag(station.id, device.id, key);
                if (t == InvalidTagId)
                    missing << key;
                in.tags.push_back(t);
            }
            if (!missing.isEmpty()) {
                // Scoped by template or by station, a missing tag is a mistake; a rule for
                // "any device having these tags" simply skips the others.
                if (templateIndex >= 0 || listed)
                    m_diagnostics.push_back(
                        {Diagnostic::Severity::Error, file, 0, 0,
                         QStringLiteral("alarmRules[%1].tags").arg(ruleIndex),
                         tr("rule '%1': %2/%3 has no tag %4")
                             .arg(rule.id, station.id, device.id, missing.join(u", "))});
                continue;
            }
            in.recent.resize(in.tags.size());
            m_instances.push_back(std::move(in));
        }
    }
    if (m_instances.size() == before)
        m_diagnostics.push_back({Diagnostic::Severity::Warning, file, 0, 0,
                                 QStringLiteral("alarmRules[%1]").arg(ruleIndex),
                                 tr("rule '%1' applies to no device").arg(rule.id)});
}

const std::vector<int>& RuleSet::instancesOf(TagId tag) const
{
    return m_byTag[tag];
}

int RuleSet::variableOf(const Instance& instance, TagId tag) const
{
    const auto it = std::find(instance.tags.begin(), instance.tags.end(), tag);
    return it == instance.tags.end() ? -1 : static_cast<int>(it - instance.tags.begin());
}

void RuleSet::update(Instance& instance, int var, qint64 ms, double value)
{
    auto& recent = instance.recent[static_cast<std::size_t>(var)];
    if (!recent.empty() && ms < recent.back().first)
        return; // out of order: live values only move forward
    recent.emplace_back(ms, value);
    instance.dirty = true;
    // The window is also kept here, not only in evaluate(): an instance is not evaluated while
    // its device is suppressed (offline, no power) or while one of its tags has no good value
    // yet (a broken sensor from the start), and its other tags' values kept coming. They would
    // pile up for as long as that lasts, a slowly growing heap in a server running for months.
    // Trimming against the newest value keeps at most what evaluate() would keep at any later
    // moment (it trims against the clock, which is not behind the values), and the newest.
    const qint64 windowMs = m_compiled[static_cast<std::size_t>(instance.rule)]->windowMs;
    while (recent.size() > 1 && recent.front().first < ms - windowMs)
        recent.pop_front();
}

std::optional<bool> RuleSet::evaluate(Instance& instance, qint64 nowMs)
{
    instance.dirty = false;
    Compiled& c = *m_compiled[static_cast<std::size_t>(instance.rule)];
    for (std::size_t v = 0; v < instance.recent.size(); ++v) {
        auto& recent = instance.recent[v];
        if (recent.empty())
            return std::nullopt;
        // Keep the window, and always the newest value (it holds until the next one).
        while (recent.size() > 1 && recent.front().first < nowMs - c.windowMs)
            recent.pop_front();
        double lo = recent.front().second;
        double hi = lo;
        for (const auto& [ms, value] : recent) {
            lo = std::min(lo, value);
            hi = std::max(hi, value);
        }
        c.variables[v * 4] = recent.back().second;
        c.variables[v * 4 + 1] = lo;
        c.variables[v * 4 + 2] = hi;
        c.variables[v * 4 + 3] = recent.front().second;
    }
    try {
        return c.parser.Eval() != 0.0;
    } catch (const mu::Parser::exception_type&) {
        return std::nullopt; // compiled at load; only arithmetic faults come here
    }
}

double RuleSet::leadValue(const Instance& instance) const
{
    const auto& recent = instance.recent.front();
    return recent.empty() ? std::nan("") : recent.back().second;
}

} // namespace PumpWatch::Alarms
