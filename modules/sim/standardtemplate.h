// The standard address table of a secondary-water-supply pump house (二供加压泵房): the seed's
// VD1000…VD1032 FLOAT block, extended with level, setpoints, three VFD pumps, electrical and
// water-quality values, status bits and commands — 37 tags on an S7-200 SMART with
// HoldStart = VB1000 (so VD1000 is holding register 0, 40001). Pure function, any thread.
#pragma once

#include <core/project.h>

namespace PumpWatch::Sim {

/// The template, with `id`; its device defaults have no endpoint (stations give it).
StationTemplate standardTemplate(const QString& id);
/// The composite rules shipped with it: pipe burst (爆管预警), tank running dry (水箱缺水预警) and
/// tank overflowing (水箱溢流预警), for every device of template `templateId`.
std::vector<AlarmRule> standardAlarmRules(const QString& templateId);
/// What a dispatcher may operate in such a pump house: three pumps, the inlet valve and the two
/// setpoints, with the dry-run interlock on pump starts.
std::vector<ControlDef> standardControls();

} // namespace PumpWatch::Sim
