// Theme: the dark control-room look (long shifts in a dim room) and a light one for offices,
// both on Qt's Fusion style so they look the same on every platform. Alarm colours do not follow
// the theme's hue: critical is red and warning orange in both, as operators learn them.
#pragma once

#include <core/stationstate.h>

#include <QColor>
#include <QString>

class QApplication;
class QPainter;
class QPainterPath;

namespace PumpWatch::Ui {

enum class ThemeKind : quint8 { Dark, Light };

QString themeCode(ThemeKind kind); ///< "dark", "light"
ThemeKind parseTheme(QStringView code);

struct StateColours {
    QColor critical{0xe5, 0x39, 0x35};
    QColor criticalText{Qt::white};
    QColor warning{0xfb, 0x8c, 0x00};
    QColor warningText{Qt::black};
    QColor normal{0x43, 0xa0, 0x47};
    QColor offline{0x75, 0x75, 0x75};
    QColor staleText{0x9e, 0x9e, 0x9e};
    QColor sparkline{0x42, 0xa5, 0xf5};
    QColor bar{0x26, 0xa6, 0x9a};
};

/// Applies style and palette to the whole application.
void applyTheme(QApplication& app, ThemeKind kind);
const StateColours& stateColours();
/// The colour of a station's state, the same in the list, the tiles and on the map.
QColor stateColour(StationState state);
/// The text colour that reads on a fill of stateColour(state).
QColor stateTextColour(StationState state);
/// Diagonal hatching over `shape`: the station is offline (its colour is still its state's).
void paintOfflineHatch(QPainter& painter, const QPainterPath& shape);

} // namespace PumpWatch::Ui
