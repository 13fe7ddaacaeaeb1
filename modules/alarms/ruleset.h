// RuleSet: the project's composite alarm rules, compiled with muparser and bound to the devices
// they watch. A rule is compiled once; each device it applies to is an Instance holding the
// rule's tags and their recent values. Evaluating an instance copies its values into the rule's
// variables (x, x_min, x_max, x_first per tag over the rule's window) and runs the bytecode.
// Problems (a bad expression, a listed station without the rule's tags) come as diagnostics
// naming the rule's place in the project file. Not thread-safe; the engine owns it.
#pragma once

#include <core/diagnostic.h>
#include <core/project.h>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace mu {
class Parser;
}

namespace PumpWatch::Alarms {

class RuleSet {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Alarms::RuleSet)

public:
    struct Instance {
        int rule = -1;
        int station = -1;
        int device = -1;
        std::vector<TagId> tags;                                   ///< in the rule's variable order
        std::vector<std::deque<std::pair<qint64, double>>> recent; ///< per tag, within the window
        bool dirty = false; ///< a tag changed since the last evaluation
    };

    /// `file` names the project file in diagnostics.
    RuleSet(const Project& project, const QString& file = {});
    ~RuleSet();
    RuleSet(const RuleSet&) = delete;
    RuleSet& operator=(const RuleSet&) = delete;

    const Diagnostics& diagnostics() const { return m_diagnostics; }
    std::vector<Instance>& instances() { return m_instances; }
    const std::vector<Instance>& instances() const { return m_instances; }
    /// Instances that use `tag` (indexes into instances()).
    const std::vector<int>& instancesOf(TagId tag) const;
    int variableOf(const Instance& instance, TagId tag) const;

    /// Records a good value of the instance's variable `var` at `ms`.
    void update(Instance& instance, int var, qint64 ms, double value);
    /// The rule's truth at `nowMs`; nullopt until every tag has a value.
    std::optional<bool> evaluate(Instance& instance, qint64 nowMs);
    /// The first tag's latest value, for the record.
    double leadValue(const Instance& instance) const;

private:
    struct Compiled;
    void compile(int ruleIndex, const QString& file);
    void bind(int ruleIndex, const QString& file);

    const Project& m_project;
    std::vector<std::unique_ptr<Compiled>> m_compiled; ///< by rule index; null if it failed
    std::vector<Instance> m_instances;
    std::vector<std::vector<int>> m_byTag; ///< by TagId
    Diagnostics m_diagnostics;
};

} // namespace PumpWatch::Alarms
