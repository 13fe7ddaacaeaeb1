#include "mappanel.h"

#include "theme.h"

#include <QActionGroup>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace PumpWatch::Ui {

MapPanel::MapPanel(const Project& project, StationListModel& stations, const QString& tileCache,
                   QWidget* parent)
    : QWidget(parent)
    , m_project(project)
    , m_model(stations)
    , m_canvas(new MapCanvas(this))
    , m_search(new QLineEdit(this))
    , m_warning(new QLabel(this))
    , m_tileCache(tileCache.isEmpty() ? QDir::temp().filePath(QStringLiteral("pumpwatch-tiles"))
                                      : tileCache)
    , m_sources(new QActionGroup(this))
{
    m_search->setPlaceholderText(
        tr("Find a station (name or pinyin initials), Enter to fly there"));
    m_search->setClearButtonEnabled(true);
    auto* all = new QPushButton(tr("All stations"), this);
    auto* top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(all);
    // The base map: one of the project's tile sources, or the vector layers alone.
    auto* base = new QToolButton(this);
    base->setText(tr("Base map"));
    base->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(base);
    for (int i = -1; i < static_cast<int>(project.map.tiles.size()); ++i) {
        QAction* a = menu->addAction(i < 0 ? tr("Vector layers only")
                                           : project.map.tiles[static_cast<std::size_t>(i)].name);
        a->setCheckable(true);
        a->setData(i);
        m_sources->addAction(a);
        connect(a, &QAction::triggered, this, [this, i] { showTiles(i); });
    }
    base->setMenu(menu);
    base->setVisible(!project.map.tiles.empty());
    top->addWidget(base);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_warning);
    layout->addWidget(m_canvas, 1);
    m_warning->setVisible(false);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: %1").arg(stateColours().warning.name()));

    std::vector<MapStation> markers;
    for (const PumpWatch::Station& s : project.stations) {
        m_keys.emplace_back(s.name, QStringList{s.id, s.code, s.district});
        MapStation m;
        m.station = static_cast<int>(markers.size());
        m.position = Gis::lonLat(s.location);
        m.name = s.displayName();
        markers.push_back(std::move(m));
    }
    m_canvas->setStations(std::move(markers));
    connect(all, &QPushButton::clicked, m_canvas, &MapCanvas::zoomToAll);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    connect(m_canvas, &MapCanvas::stationClicked, this, &MapPanel::stationSelected);
    connect(m_canvas, &MapCanvas::stationActivated, this, &MapPanel::stationActivated);
    connect(m_canvas, &MapCanvas::trendRequested, this, &MapPanel::trendRequested);
    connect(m_canvas, &MapCanvas::graphicRequested, this, &MapPanel::graphicRequested);
    loadLayers();
    showTiles(project.map.tiles.empty() ? -1 : 0);
}

MapPanel::~MapPanel()
{
    m_canvas->setTiles(nullptr);
}

void MapPanel::showTiles(int index)
{
    m_canvas->setTiles(nullptr);
    m_tiles.reset();
    if (index >= 0 && index < static_cast<int>(m_project.map.tiles.size())) {
        m_tiles = std::make_unique<TileLayer>(m_project.map.tiles[static_cast<std::size_t>(index)],
                                              m_tileCache);
        connect(m_tiles.get(), &TileLayer::problemChanged, this, &MapPanel::showProblems);
        m_canvas->setTiles(m_tiles.get());
    }
    for (QAction* a : m_sources->actions())
        a->setChecked(a->data().toInt() == index);
    showProblems();
}

void MapPanel::showProblems()
{
    QStringList lines;
    if (!m_problems.isEmpty())
        lines << tr("Base map layers not shown: %1").arg(m_problems);
    if (m_tiles && !m_tiles->problem().isEmpty())
        lines << m_tiles->problem();
    m_warning->setText(lines.join(u'\n'));
    m_warning->setVisible(!lines.isEmpty());
}

void MapPanel::loadLayers()
{
    std::vector<MapLayer> wanted;
    for (const MapLayer& l : m_project.map.layers) {
        if (l.visible)
            wanted.push_back(l);
    }
    if (wanted.empty())
        return;
    m_loading = new QFutureWatcher<Loaded>(this);
    connect(m_loading, &QFutureWatcher<Loaded>::finished, this, [this] {
        if (m_loading)
            showLayers(m_loading->result());
    });
    m_loading->setFuture(QtConcurrent::run([wanted = std::move(wanted)] {
        Loaded out;
        for (const MapLayer& l : wanted) {
            QString error;
            if (auto layer = Gis::VectorLayer::load(l, &error))
                out.layers.push_back(std::move(*layer));
            else
                out.problems << error;
        }
        return out;
    }));
}

void MapPanel::showLayers(Loaded loaded)
{
    m_loading->deleteLater();
    m_loading = nullptr;
    m_problems = loaded.problems.join(u'\n');
    for (const QString& problem : loaded.problems)
        qWarning().noquote() << problem;
    m_warning->setText(
        tr("Base map layers not shown: %1").arg(loaded.problems.join(QStringLiteral("; "))));
    m_warning->setVisible(!loaded.problems.isEmpty());
    m_canvas->setLayers(std::move(loaded.layers));
}

void MapPanel::waitForLayers()
{
    if (!m_loading)
        return;
    m_loading->waitForFinished();
    showLayers(m_loading->result());
}

bool MapPanel::search(const QString& text)
{
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i].matches(text.trimmed())) {
            m_canvas->flyTo(static_cast<int>(i));
            Q_EMIT stationSelected(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

void MapPanel::refresh()
{
    // The list's rows by station, read once per tick.
    std::vector<int> rowOf(m_project.stations.size(), -1);
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const int station = m_model.index(row, 0).data(StationListModel::StationRole).toInt();
        if (station >= 0 && station < static_cast<int>(rowOf.size()))
            rowOf[static_cast<std::size_t>(station)] = row;
    }
    const auto text = [&](int row, StationListModel::Column c) {
        return m_model.index(row, c).data().toString();
    };
    m_canvas->updateStations([&](MapStation& m) {
        const int row = rowOf[static_cast<std::size_t>(m.station)];
        if (row < 0)
            return;
        m.state = m_model.state(row);
        m.offline = m_model.isOffline(row);
        m.flash = m_model.unacknowledged(row);
        // The list's cells, so the card reads exactly as the list does (precision, marks).
        m.card = {tr("Comm %1").arg(text(row, StationListModel::Comm)),
                  tr("Pressure %1 %2")
                      .arg(text(row, StationListModel::Pressure),
                           m_model.unit(StationListModel::Pressure)),
                  tr("Flow %1 %2")
                      .arg(text(row, StationListModel::Flow), m_model.unit(StationListModel::Flow)),
                  tr("Updated %1").arg(text(row, StationListModel::Updated))};
    });
}

} // namespace PumpWatch::Ui
