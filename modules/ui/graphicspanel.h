// GraphicsPanel: the process graphics dock (工艺流程图) — one tab per open station, opened from
// the realtime list, the map and the station detail. It loads the project's drawings and the
// symbol library once, runs the one animation clock (4 Hz) for every open graphic (only the
// visible one repaints), offers fit/zoom, the colour theme (ISA-101 grey or the legacy
// red-running profile) and export (PNG, SVG, PDF), and opens faceplates for the objects clicked.
#pragma once

#include "services.h"

#include <graphics/drawinglibrary.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTabWidget;

namespace PumpWatch::Ui {

class AlarmCenter;
class Faceplate;
class StationGraphic;

class GraphicsPanel : public QWidget {
    Q_OBJECT

public:
    GraphicsPanel(Services& services, AlarmCenter& alarms, QWidget* parent = nullptr);
    ~GraphicsPanel() override;

    /// Shows the station's graphic, opening a tab for it when it has none yet. False (and a
    /// message in the panel) when no drawing serves the station.
    bool openStation(int station);
    StationGraphic* current() const;
    StationGraphic* graphicOf(int station) const;
    /// The faceplate open for the station's object, or null.
    Faceplate* faceplate() const { return m_faceplate; }
    void setThemeId(const QString& id);
    /// One frame of the clock (tests call it to step time).
    void tick();
    /// Writes the current graphic, as shown now, to `path` (.png, .svg or .pdf; sceneexport.h).
    /// False with `error` when no graphic is open or the file cannot be written.
    bool exportCurrent(const QString& path, QString* error);

Q_SIGNALS:
    void tagTrendRequested(PumpWatch::TagId tag);
    void trendRequested(int station);

private:
    void chooseExport();
    void openFaceplate(const Control::ControlAddress& address, const std::vector<TagId>& values);

    Services& m_services;
    AlarmCenter& m_alarms;
    Graphics::DrawingLibrary m_drawings;
    std::optional<Graphics::SymbolLibrary> m_symbols;
    std::vector<Graphics::Theme> m_themes;
    int m_theme = 0;
    QTabWidget* m_tabs;
    QComboBox* m_themeBox;
    QLabel* m_message;
    QTimer m_clock;
    QPointer<Faceplate> m_faceplate;
};

} // namespace PumpWatch::Ui
