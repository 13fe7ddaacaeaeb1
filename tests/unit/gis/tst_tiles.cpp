// Tiles: URL templates (XYZ, TMS rows, quadkeys, subdomains), which tiles cover a view, the disk
// cache with its staleness, and an MBTiles file the test writes (TMS rows read back as XYZ).
#include <gis/tiles.h>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace PumpWatch;
using namespace PumpWatch::Gis;

class tst_Tiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void urls()
    {
        // Bing's documented example: tile (3, 5) at level 3 is quadkey "213".
        QCOMPARE(quadKey({3, 3, 5}), QStringLiteral("213"));
        TileSource osm{QStringLiteral("osm"),
                       QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
                       Datum::Wgs84,
                       0,
                       19,
                       {}};
        QCOMPARE(osm.url({12, 3264, 1719}).toString(),
                 QStringLiteral("https://tile.openstreetmap.org/12/3264/1719.png"));
        TileSource tms{QStringLiteral("tms"),
                       QStringLiteral("http://h/{z}/{x}/{-y}.png"),
                       Datum::Wgs84,
                       0,
                       19,
                       {}};
        QCOMPARE(tms.url({3, 1, 2}).toString(), QStringLiteral("http://h/3/1/5.png"));
        TileSource amap{
            QStringLiteral("amap"),
            QStringLiteral("https://wprd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={"
                           "z}&style=7"),
            Datum::Gcj02,
            3,
            18,
            {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")}};
        QCOMPARE(
            amap.url({12, 3264, 1719}).toString(),
            QStringLiteral("https://wprd04.is.autonavi.com/appmaptile?x=3264&y=1719&z=12&style=7"));
        // The same tile always from the same host (the browser cache and HTTP/2 reuse it).
        QCOMPARE(amap.url({12, 3264, 1719}), amap.url({12, 3264, 1719}));
    }

    void coveringTilesCentreFirstAndWrap()
    {
        // A 600×400 view at zoom 3 around world pixel (1024, 1024): columns 2..5, rows 3..4.
        const auto tiles = coveringTiles(QRectF(724, 824, 600, 400), 3);
        QCOMPARE(tiles.size(), 8u);
        QCOMPARE(tiles.front(), (TileId{3, 3, 3})); // nearest the centre (1024, 1024)
        std::set<TileId> unique(tiles.begin(), tiles.end());
        QCOMPARE(unique.size(), tiles.size());
        // Across the antimeridian at zoom 1 the columns wrap; rows stay inside the world.
        const auto wrapped = coveringTiles(QRectF(-100, -300, 300, 1000), 1);
        for (const TileId& t : wrapped) {
            QVERIFY(t.x >= 0 && t.x < 2);
            QVERIFY(t.y >= 0 && t.y < 2);
        }
        QCOMPARE(wrapped.size(), 4u);
    }

    void cacheStoresAndAges()
    {
        QTemporaryDir dir;
        TileCache cache(dir.path(), 3600);
        QString error;
        QCOMPARE(cache.load(QStringLiteral("osm"), {5, 1, 2}, 0), std::nullopt);
        QVERIFY2(cache.store(QStringLiteral("osm"), {5, 1, 2}, "png-bytes", &error),
                 qPrintable(error));
        QVERIFY(cache.path(QStringLiteral("osm"), {5, 1, 2}).endsWith(u"osm/5/1/2.tile"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        bool stale = true;
        QCOMPARE(cache.load(QStringLiteral("osm"), {5, 1, 2}, now, &stale),
                 QByteArray("png-bytes"));
        QVERIFY(!stale);
        // Two hours on it is stale, and still returned.
        QCOMPARE(cache.load(QStringLiteral("osm"), {5, 1, 2}, now + 7'200'000, &stale),
                 QByteArray("png-bytes"));
        QVERIFY(stale);
        // Another source does not see it.
        QCOMPARE(cache.load(QStringLiteral("amap"), {5, 1, 2}, now), std::nullopt);
    }

    void mbtilesRowsAreTms()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("base.mbtiles"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("w"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE metadata (name TEXT, value TEXT)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE tiles (zoom_level INTEGER, tile_column "
                                          "INTEGER, tile_row INTEGER, tile_data BLOB)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO metadata VALUES ('name', '遵义底图'), "
                                          "('format', 'png'), ('minzoom', '10'), ('maxzoom', "
                                          "'16'), ('bounds', '106.7,27.5,107.1,27.9')")));
            q.prepare(QStringLiteral("INSERT INTO tiles VALUES (12, 3264, ?, ?)"));
            q.addBindValue((1 << 12) - 1 - 1719); // XYZ row 1719 as a TMS row
            q.addBindValue(QByteArray("tile-3264-1719"));
            QVERIFY(q.exec());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("w"));
        MbTiles mb;
        QString error;
        QVERIFY2(mb.open(path, &error), qPrintable(error));
        QCOMPARE(mb.name(), QStringLiteral("遵义底图"));
        QCOMPARE(mb.format(), QStringLiteral("png"));
        QCOMPARE(mb.minZoom(), 10);
        QCOMPARE(mb.maxZoom(), 16);
        QCOMPARE(mb.bounds(), QRectF(QPointF(106.7, 27.5), QPointF(107.1, 27.9)));
        QCOMPARE(mb.tile({12, 3264, 1719}), QByteArray("tile-3264-1719"));
        QCOMPARE(mb.tile({12, 3264, 1720}), std::nullopt);

        MbTiles missing;
        QVERIFY(!missing.open(dir.filePath(QStringLiteral("none.mbtiles")), &error));
        QVERIFY(error.contains(u"none.mbtiles"));
        QFile notSqlite(dir.filePath(QStringLiteral("bad.mbtiles")));
        QVERIFY(notSqlite.open(QIODevice::WriteOnly));
        notSqlite.write("this is not a database");
        notSqlite.close();
        MbTiles bad;
        QVERIFY(!bad.open(notSqlite.fileName(), &error));
        QVERIFY2(error.contains(u"bad.mbtiles"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_Tiles)
#include "tst_tiles.moc"
