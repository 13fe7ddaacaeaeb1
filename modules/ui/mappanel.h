// MapPanel: the map dock — the canvas with the project's stations, fed from the realtime list's
// model (state, flashing, the card's pressure, flow, comm status and update time), a search box
// that flies to a station by name or pinyin initials, and "all stations". The project's base
// layers (Project::map) are read on a pool thread; one that cannot be read is named in a warning
// above the map and the others are drawn.
#pragma once

#include "mapcanvas.h"
#include "stationlistmodel.h"
#include "tilelayer.h"

#include <core/textsearch.h>

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QActionGroup;
class QLabel;
class QLineEdit;

namespace PumpWatch::Ui {

class MapPanel : public QWidget {
    Q_OBJECT

public:
    /// `tileCache`: the folder fetched tiles are kept in (empty: a temporary one).
    MapPanel(const Project& project, StationListModel& stations, const QString& tileCache,
             QWidget* parent = nullptr);
    ~MapPanel() override;
    MapCanvas* canvas() const { return m_canvas; }
    /// Shows the project's tile source `index` under the layers; -1: vector layers only.
    void showTiles(int index);
    TileLayer* tiles() const { return m_tiles.get(); }
    /// Pulls states and values from the list model (the 1 s tick).
    void refresh();
    /// Flies to the first station matching `text`; false when none does.
    bool search(const QString& text);
    /// Blocks until the base layers are read and on the canvas (snapshots, tests).
    void waitForLayers();
    /// Why base layers are missing ("; " between layers); empty when all were read.
    QString layerProblems() const { return m_problems; }

Q_SIGNALS:
    void stationSelected(int station);
    void stationActivated(int station);
    void trendRequested(int station);
    void graphicRequested(int station);

private:
    struct Loaded {
        std::vector<Gis::VectorLayer> layers;
        QStringList problems;
    };
    void loadLayers();
    void showLayers(Loaded loaded);
    void showProblems();

    const Project& m_project;
    StationListModel& m_model;
    MapCanvas* m_canvas;
    QLineEdit* m_search;
    QLabel* m_warning;
    QFutureWatcher<Loaded>* m_loading = nullptr;
    QString m_problems;
    QString m_tileCache;
    std::unique_ptr<TileLayer> m_tiles;
    QActionGroup* m_sources;
    std::vector<SearchKey> m_keys;
};

} // namespace PumpWatch::Ui
