// The built-in demo project: 60 simulated pump houses around Zunyi on the standard template,
// compiled into every program that links PumpWatch::DemoProject. Open it like any file:
//     ProjectReader::readFile(PumpWatch::DemoProjectPath)
// resources/demo/zunyi.json is written by `pumpwatch-cli project generate --stations 60`.
#pragma once

namespace PumpWatch {
inline constexpr char DemoProjectPath[] = ":/demo/zunyi.json";
} // namespace PumpWatch
