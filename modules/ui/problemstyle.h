// The style sheet of a line that reports a problem (a refused login, a rule a password breaks,
// a broken audit chain): bold, in the critical colour of the theme in force. One definition for
// every dialog that shows such a line.
#pragma once

#include "theme.h"

#include <QString>

namespace PumpWatch::Ui {

inline QString problemStyleSheet()
{
    return QStringLiteral("color: %1; font-weight: bold;").arg(stateColours().critical.name());
}

} // namespace PumpWatch::Ui
