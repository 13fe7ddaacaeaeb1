// Checks of one tag definition against the device that reads it: unit vs quantity, data type vs
// address width, the address's Modbus mapping under the device's addressing, access, scaling,
// deadbands and alarm limit order. Shared by the project reader and the address-table import,
// so a tag is judged the same wherever it comes from. Pure function, any thread.
#pragma once

#include "project.h"

#include <QCoreApplication>

#include <vector>

namespace PumpWatch {

struct TagProblem {
    const char* field; ///< the tag's key in a project file: "address", "type", "alarm", ...
    QString message;
};

class TagCheck {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::TagCheck)

public:
    /// Problems of `def` as read by `device`; an invalid (unparsed) address is not re-reported.
    static std::vector<TagProblem> check(const TagDef& def, const DeviceSettings& device);
};

} // namespace PumpWatch
