// The project's "reports" section: the production day's start, the meters reports read and
// the versioned time-of-use tariffs (docs/project-format.md § Reports). Reading checks that
// every season's periods cover the day on half-hour boundaries, that each month belongs to one
// season and that versions do not overlap.
#pragma once

#include "reportsettings.h"

#include <QJsonObject>

namespace PumpWatch {

class JsonWriter;

namespace ProjectJson {

class Context;

ReportSettings readReports(Context& ctx, const QJsonObject& object, const QString& path);
void writeReports(JsonWriter& w, const ReportSettings& reports);

} // namespace ProjectJson
} // namespace PumpWatch
