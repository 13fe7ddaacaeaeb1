// The map dock as a dispatcher uses it, on the demo city: level of detail by zoom, search that
// flies to a station, click / double-click / context menu, wheel zoom around the cursor, drag
// pan; raster tiles from a real HTTP server (python3 -m http.server) through the disk cache,
// shown again from the cache once the server is gone, with the outage named; an MBTiles file;
// and a GCJ-02 source, on which a station sits where AMap-style tiles draw its street.
#include <core/projectreader.h>
#include <core/realtimestore.h>
#include <ui/mapcanvas.h>
#include <ui/mappanel.h>
#include <ui/stationlistmodel.h>
#include <ui/tilelayer.h>

#include <QApplication>
#include <QBuffer>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <demoproject.h>

using namespace PumpWatch;
using namespace PumpWatch::Ui;

namespace {

const QColor TileColour(32, 128, 192);
const QColor SpotColour(255, 220, 0);

/// The tile at `zoom` holding `p` (lon/lat on the tiles' datum), and p's pixel within it.
std::pair<Gis::TileId, QPoint> tileOf(Gis::LonLat p, int zoom)
{
    const QPointF world = Gis::WebMercator::toWorld(p, zoom);
    const int x = int(std::floor(world.x() / 256));
    const int y = int(std::floor(world.y() / 256));
    return {{zoom, x, y}, QPoint(int(world.x()) - x * 256, int(world.y()) - y * 256)};
}

QImage solidTile(QColor colour)
{
    QImage image(256, 256, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

/// The centre of the yellow spot in `image`, or (-1, -1).
QPointF spotIn(const QImage& image)
{
    QPointF sum;
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y) == SpotColour) {
                sum += QPointF(x, y);
                ++count;
            }
        }
    }
    return count ? sum / count : QPointF(-1, -1);
}

/// python3 -m http.server on a free loopback port, serving `root`.
class TileServer {
public:
    explicit TileServer(const QString& root)
    {
        m_process.setWorkingDirectory(root);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("python3"),
                        {"-u", "-m", "http.server", "--bind", "127.0.0.1", "0"});
        QByteArray out;
        static const QRegularExpression port(QStringLiteral("port (\\d+)"));
        for (int i = 0; i < 100 && m_port == 0; ++i) {
            m_process.waitForReadyRead(100);
            out += m_process.readAll();
            const auto m = port.match(QString::fromUtf8(out));
            if (m.hasMatch())
                m_port = m.captured(1).toInt();
        }
    }
    ~TileServer() { stop(); }
    int port() const { return m_port; }
    void stop()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

private:
    QProcess m_process;
    int m_port = 0;
};

} // namespace

class tst_Map : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        ProjectLoad load = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath));
        QVERIFY(load.project);
        m_project = std::move(*load.project);
        m_store = std::make_unique<RealtimeStore>(m_project.tagCount());
        m_model = std::make_unique<StationListModel>(m_project, *m_store);
    }

    void levelOfDetailFollowsTheZoom()
    {
        const auto dock = shownPanel();
        QVERIFY(dock);
        MapPanel& panel = *dock;
        MapCanvas& canvas = *panel.canvas();
        const Gis::LonLat centre = Gis::lonLat(m_project.stations[0].location);
        canvas.setView(centre, 10);
        QCOMPARE(canvas.layout().currentDetail(), Gis::Detail::Dot);
        canvas.setView(centre, 13);
        QCOMPARE(canvas.layout().currentDetail(), Gis::Detail::Name);
        canvas.setView(centre, 16);
        QCOMPARE(canvas.layout().currentDetail(), Gis::Detail::Card);
        // Zoomed out over the whole city, every station is on the map: alone or in a cluster.
        canvas.zoomToAll();
        std::size_t shown = 0;
        for (const Gis::PlacedMarker& m : canvas.layout().placed())
            shown += m.isCluster() ? m.members.size() : 1;
        QCOMPARE(shown, m_project.stations.size());
        // The base map came from the project (the demo's own districts, river and roads).
        panel.waitForLayers();
        QCOMPARE(panel.layerProblems(), QString());
    }

    void searchFliesToTheStation()
    {
        MapPanel panel(m_project, *m_model, m_cache.path());
        panel.resize(1000, 700);
        QSignalSpy selected(&panel, &MapPanel::stationSelected);
        const int dzk = m_project.stationIndex(u"S0025"); // (D)丁字口
        QCOMPARE(m_project.stations[std::size_t(dzk)].name, QStringLiteral("丁字口"));
        QVERIFY(panel.search(QStringLiteral("dzk"))); // pinyin initials
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), dzk);
        const Gis::LonLat at = panel.canvas()->centre();
        QVERIFY(std::abs(at.x() - m_project.stations[std::size_t(dzk)].location.longitude) < 1e-7);
        QVERIFY(std::abs(at.y() - m_project.stations[std::size_t(dzk)].location.latitude) < 1e-7);
        QVERIFY(panel.canvas()->zoom() >= 15);
        QVERIFY(!panel.search(QStringLiteral("没有这个站")));
    }

    void clickDoubleClickAndContextMenu()
    {
        const auto dock = shownPanel();
        QVERIFY(dock);
        MapPanel& panel = *dock;
        MapCanvas& canvas = *panel.canvas();
        const int station = 24;
        canvas.flyTo(station, 15);
        const Gis::PlacedMarker* marker = nullptr;
        for (const Gis::PlacedMarker& m : canvas.layout().placed()) {
            if (m.station == station && !m.isCluster())
                marker = &m;
        }
        QVERIFY(marker);
        const QPoint at = marker->box.center().toPoint();
        QCOMPARE(canvas.stationAt(at), station);
        QPoint empty(-1, -1); // somewhere no marker is
        for (int y = 5; y < canvas.height() && empty.x() < 0; y += 10) {
            for (int x = 5; x < canvas.width() && empty.x() < 0; x += 10) {
                if (std::none_of(canvas.layout().placed().begin(), canvas.layout().placed().end(),
                                 [&](const auto& m) {
                                     return m.box.adjusted(-8, -8, 8, 8).contains(QPoint(x, y));
                                 }))
                    empty = QPoint(x, y);
            }
        }
        QCOMPARE(canvas.stationAt(empty), -1);

        QSignalSpy clicked(&panel, &MapPanel::stationSelected);
        QSignalSpy activated(&panel, &MapPanel::stationActivated);
        QSignalSpy trend(&panel, &MapPanel::trendRequested);
        QTest::mouseClick(&canvas, Qt::LeftButton, {}, at);
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), station);
        QTest::mouseDClick(&canvas, Qt::LeftButton, {}, at);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), station);

        // The context menu offers the detail and the trend; choose the trend.
        QStringList offered;
        QTimer::singleShot(50, this, [&offered] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                return;
            for (QAction* a : menu->actions())
                offered << a->text();
            menu->actions().at(2)->trigger(); // detail, process graphic, trend
            menu->close();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, canvas.mapToGlobal(at));
        QApplication::sendEvent(&canvas, &event);
        QCOMPARE(offered.size(), 3);
        QCOMPARE(trend.size(), 1);
        QCOMPARE(trend.at(0).at(0).toInt(), station);
    }

    void wheelZoomsAroundTheCursorAndDragPans()
    {
        MapCanvas canvas;
        canvas.resize(800, 600);
        canvas.setView({106.93, 27.72}, 13);
        const QPointF cursor(600, 150);
        const Gis::LonLat under = canvas.toLonLat(cursor);
        QWheelEvent wheel(cursor, canvas.mapToGlobal(cursor), {}, QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&canvas, &wheel);
        QCOMPARE(canvas.zoom(), 13.25);
        const Gis::LonLat still = canvas.toLonLat(cursor);
        QVERIFY(std::abs(still.x() - under.x()) < 1e-9 && std::abs(still.y() - under.y()) < 1e-9);

        const QPointF before = canvas.toScreen({106.93, 27.72});
        QTest::mousePress(&canvas, Qt::LeftButton, {}, QPoint(400, 300));
        QMouseEvent move(QEvent::MouseMove, QPointF(460, 260),
                         canvas.mapToGlobal(QPointF(460, 260)), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(&canvas, &move);
        QTest::mouseRelease(&canvas, Qt::LeftButton, {}, QPoint(460, 260));
        const QPointF after = canvas.toScreen({106.93, 27.72});
        QVERIFY(std::abs(after.x() - before.x() - 60) < 1e-6);
        QVERIFY(std::abs(after.y() - before.y() + 40) < 1e-6);
    }

    /// Tiles from a real HTTP server in GCJ-02: the station sits on the spot its tile marks,
    /// the tiles land in the disk cache, and with the server gone the map still shows them and
    /// names the outage.
    void tilesFromAServiceThroughTheCacheOnGcj02()
    {
        QTemporaryDir www, cache;
        const Gis::LonLat station = Gis::lonLat(m_project.stations[0].location);
        const Gis::LonLat onTiles = Gis::fromWgs84(station, Gis::Datum::Gcj02);
        constexpr int z = 15;
        const auto [home, spot] = tileOf(onTiles, z);
        for (int dx = -3; dx <= 3; ++dx) {
            for (int dy = -3; dy <= 3; ++dy) {
                QImage tile = solidTile(TileColour);
                if (dx == 0 && dy == 0) // a 5×5 spot where the tiles put the station
                    for (int x = -2; x <= 2; ++x)
                        for (int y = -2; y <= 2; ++y)
                            tile.setPixelColor(spot + QPoint(x, y), SpotColour);
                const QString dir = www.filePath(QStringLiteral("%1/%2").arg(z).arg(home.x + dx));
                QDir().mkpath(dir);
                QVERIFY(tile.save(QStringLiteral("%1/%2.png").arg(dir).arg(home.y + dy)));
            }
        }
        auto server = std::make_unique<TileServer>(www.path());
        QVERIFY(server->port() > 0);
        MapTiles source;
        source.id = QStringLiteral("test");
        source.name = QStringLiteral("测试瓦片");
        source.url = QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(server->port());
        source.datum = QStringLiteral("gcj02");

        MapCanvas canvas;
        canvas.resize(512, 512);
        auto tiles = std::make_unique<TileLayer>(source, cache.path());
        canvas.setTiles(tiles.get());
        canvas.setView(station, z);
        QTRY_VERIFY_WITH_TIMEOUT(spotIn(canvas.grab().toImage()).x() >= 0, 10000);
        QTRY_COMPARE(tiles->pending(), 0);
        const QImage shown = canvas.grab().toImage();
        QCOMPARE(shown.pixelColor(5, 5), TileColour);
        // The station is drawn on the spot (within a pixel), not ~500 m off as WGS-84 would be.
        const QPointF at = canvas.toScreen(station);
        const QPointF found = spotIn(shown);
        QVERIFY2(QLineF(at, found).length() < 1.5,
                 qPrintable(QStringLiteral("station at %1,%2; spot at %3,%4")
                                .arg(at.x())
                                .arg(at.y())
                                .arg(found.x())
                                .arg(found.y())));
        const double offsetPx =
            QLineF(Gis::WebMercator::toWorld(station, z), Gis::WebMercator::toWorld(onTiles, z))
                .length();
        QVERIFY2(offsetPx > 50, qPrintable(QString::number(offsetPx)));
        QVERIFY(QFile::exists(Gis::TileCache(cache.path(), 1).path(QStringLiteral("test"), home)));
        QCOMPARE(tiles->problem(), QString());

        // The server goes away; a fresh layer (nothing in memory) shows the cached tiles ...
        server.reset();
        canvas.setTiles(nullptr);
        tiles = std::make_unique<TileLayer>(source, cache.path());
        canvas.setTiles(tiles.get());
        QTRY_VERIFY_WITH_TIMEOUT(spotIn(canvas.grab().toImage()).x() >= 0, 10000);
        // ... and where the cache has nothing, says the service cannot be reached.
        canvas.setView(Gis::lonLat(m_project.stations[30].location), z);
        const auto outage = [&] {
            canvas.grab(); // painting asks for the tiles in view
            return tiles->problem();
        };
        QTRY_VERIFY_WITH_TIMEOUT(outage().contains(u"127.0.0.1"), 10000);
        QVERIFY2(outage().contains(QStringLiteral("cache")), qPrintable(outage()));
        canvas.setTiles(nullptr);
    }

    /// An offline MBTiles file (TMS rows) written here; beyond its deepest level the map scales
    /// that level up.
    void mbtilesOffline()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.mbtiles"));
        const Gis::LonLat station = Gis::lonLat(m_project.stations[0].location);
        constexpr int z = 12;
        const Gis::TileId home = tileOf(station, z).first;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "write");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("CREATE TABLE metadata (name TEXT, value TEXT)"));
            QVERIFY(q.exec("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                           "tile_row INTEGER, tile_data BLOB)"));
            QVERIFY(q.exec("INSERT INTO metadata VALUES ('name', '遵义'), ('format', 'png'), "
                           "('minzoom', '10'), ('maxzoom', '12')"));
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            solidTile(TileColour).save(&buffer, "PNG");
            for (int dx = -2; dx <= 2; ++dx) {
                for (int dy = -2; dy <= 2; ++dy) {
                    q.prepare("INSERT INTO tiles VALUES (?, ?, ?, ?)");
                    q.addBindValue(z);
                    q.addBindValue(home.x + dx);
                    q.addBindValue((1 << z) - 1 - (home.y + dy));
                    q.addBindValue(png);
                    QVERIFY(q.exec());
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("write"));
        MapTiles source;
        source.id = QStringLiteral("offline");
        source.file = path;
        MapCanvas canvas;
        canvas.resize(400, 400);
        TileLayer tiles(source, m_cache.path());
        canvas.setTiles(&tiles);
        canvas.setView(station, 13.5); // deeper than the file goes
        QTRY_COMPARE_WITH_TIMEOUT(canvas.grab().toImage().pixelColor(200, 200), TileColour, 10000);
        QCOMPARE(tiles.problem(), QString());
        canvas.setTiles(nullptr);

        MapTiles missing = source;
        missing.file = dir.filePath(QStringLiteral("nowhere.mbtiles"));
        TileLayer broken(missing, m_cache.path());
        QTRY_VERIFY(broken.problem().contains(u"nowhere.mbtiles"));
    }

private:
    /// The demo's map dock, shown at 1000×700; null when it never appeared.
    std::unique_ptr<MapPanel> shownPanel()
    {
        auto panel = std::make_unique<MapPanel>(m_project, *m_model, m_cache.path());
        panel->resize(1000, 700);
        panel->show();
        return QTest::qWaitForWindowExposed(panel.get()) ? std::move(panel) : nullptr;
    }

    Project m_project;
    std::unique_ptr<RealtimeStore> m_store;
    std::unique_ptr<StationListModel> m_model;
    QTemporaryDir m_cache;
};

QTEST_MAIN(tst_Map)
#include "tst_map.moc"
