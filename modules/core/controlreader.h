// Reading and writing a template's "controls" (controldef.h). Used by the project reader and
// writer; the tags they name are checked against the template's tags here.
#pragma once

#include "project.h"

#include <QJsonArray>
#include <QString>

namespace PumpWatch {

class JsonWriter;

namespace ProjectJson {

class Context;

/// Reads `items` (the template's "controls" at `path`) into `t.controls`; `t.tags` are read.
void readControls(Context& ctx, const QJsonArray& items, const QString& path, StationTemplate& t);
void writeControls(JsonWriter& w, const std::vector<ControlDef>& controls);

} // namespace ProjectJson
} // namespace PumpWatch
