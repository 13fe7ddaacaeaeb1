// The project's "map" section: raster tile sources and vector base layers (docs/project-format.md
// § Map). Reading checks colours, datums, zoom ranges and URL templates; file names are resolved
// against the project file's folder when read and written back relative to it when they lie
// inside it, so a project folder can move.
#pragma once

#include "project.h"

#include <QJsonObject>
#include <QString>

namespace PumpWatch {

class JsonWriter;

namespace ProjectJson {

class Context;

MapSettings readMap(Context& ctx, const QJsonObject& object, const QString& path);
void writeMap(JsonWriter& w, const MapSettings& map, const QString& baseDir);
/// Makes every relative file of `map` absolute against `baseDir` (resources ":/…" stay as they
/// are).
void resolveMapFiles(MapSettings& map, const QString& baseDir);
/// The project's other files (drawings) follow the same rule as map files: `file` made absolute
/// against `baseDir`, and written back relative to it when it lies inside.
QString resolvedFile(const QString& file, const QString& baseDir);
QString relativeFile(const QString& file, const QString& baseDir);

} // namespace ProjectJson
} // namespace PumpWatch
