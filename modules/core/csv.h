// CSV for Excel and other tools (RFC 4180): a field is quoted when it holds a comma, a quote or
// a line break (CR or LF), with quotes doubled.
#pragma once

#include <QString>

namespace PumpWatch {

QString csvField(const QString& s);

} // namespace PumpWatch
