// DrawingJson: reads and writes drawing files ("format": "pumpwatch-graphic", "version": 1).
//
// Reading collects every problem with the file and the JSON path of the value at fault
// (`std-pump-house.json: elements[4].slots.running: role 'pump[i].runing' is not declared in
// roles`), like the project reader; a file with any error yields no drawing. Writing is
// deterministic: the same drawing always gives the same bytes (keys in a fixed order, roles and
// slots sorted), so drawings diff well and a load → save round trip of a saved file is identical.
// The format is described in docs/project-format.md § Graphics. Stateless; any thread.
#pragma once

#include "drawing.h"

#include <core/diagnostic.h>

#include <QByteArray>

namespace PumpWatch::Graphics {

struct DrawingLoad {
    std::optional<Drawing> drawing; ///< set when there were no errors (warnings allowed)
    Diagnostics diagnostics;
};

class DrawingJson {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Graphics::DrawingJson)

public:
    static DrawingLoad readFile(const QString& path);
    /// `fileName` names the source in diagnostics and becomes Drawing::file.
    static DrawingLoad read(const QByteArray& json, const QString& fileName);
    static QByteArray write(const Drawing& drawing);
    static bool writeFile(const Drawing& drawing, const QString& path, QString* error);
};

} // namespace PumpWatch::Graphics
