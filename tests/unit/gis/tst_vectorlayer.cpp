// Vector layers through GDAL/OGR from files the test writes: GeoJSON in WGS-84 with polygons,
// lines and labels; the same district in Web Mercator (EPSG:3857), which PROJ brings back to
// longitude/latitude; and a broken file, named in the error.
#include <core/projectreader.h>
#include <gis/vectorlayer.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <demoproject.h>

using namespace PumpWatch;
using namespace PumpWatch::Gis;

namespace {

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        qFatal("cannot write the test file");
    return path;
}

MapLayer layerOf(const QString& file)
{
    MapLayer layer;
    layer.file = file;
    return layer;
}

/// Even-odd ray casting over every ring.
bool contains(const Feature& polygon, QPointF p)
{
    bool inside = false;
    for (const QList<QPointF>& ring : polygon.parts) {
        for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const QPointF& a = ring[i];
            const QPointF& b = ring[j];
            if ((a.y() > p.y()) != (b.y() > p.y()) &&
                p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x())
                inside = !inside;
        }
    }
    return inside;
}

} // namespace

class tst_VectorLayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void geojsonInWgs84()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("districts.geojson"), R"({
          "type": "FeatureCollection", "name": "districts",
          "features": [
            {"type": "Feature", "properties": {"name": "汇川区", "code": "HC"},
             "geometry": {"type": "Polygon", "coordinates": [[[106.9, 27.7], [107.0, 27.7], [107.0, 27.8], [106.9, 27.8], [106.9, 27.7]]]}},
            {"type": "Feature", "properties": {"name": "中华路"},
             "geometry": {"type": "MultiLineString", "coordinates": [[[106.91, 27.71], [106.95, 27.75]], [[106.95, 27.75], [106.99, 27.76]]]}},
            {"type": "Feature", "properties": {"name": null},
             "geometry": {"type": "Point", "coordinates": [106.93, 27.72]}}
          ]})");
        QString error;
        const auto layer = VectorLayer::load(layerOf(path), &error);
        QVERIFY2(layer, qPrintable(error));
        QCOMPARE(layer->name, QStringLiteral("districts"));
        QCOMPARE(layer->features.size(), 3u);
        const Feature& district = layer->features[0];
        QCOMPARE(district.kind, Feature::Kind::Polygon);
        QCOMPARE(district.label, QStringLiteral("汇川区"));
        QCOMPARE(district.parts.size(), 1u);
        QCOMPARE(district.parts[0].size(), 5);
        QCOMPARE(district.bounds, QRectF(QPointF(106.9, 27.7), QPointF(107.0, 27.8)));
        const Feature& road = layer->features[1];
        QCOMPARE(road.kind, Feature::Kind::Line);
        QCOMPARE(road.parts.size(), 2u); // a multi-line flattened to its pieces
        QCOMPARE(layer->features[2].kind, Feature::Kind::Point);
        QVERIFY(layer->features[2].label.isEmpty());
        QVERIFY(layer->bounds.contains(QPointF(106.95, 27.75)));

        MapLayer byCode = layerOf(path);
        byCode.labelField = QStringLiteral("code");
        QCOMPARE(VectorLayer::load(byCode, &error)->features[0].label, QStringLiteral("HC"));
    }

    void webMercatorIsReprojected()
    {
        // 106.9°E 27.7°N and 107.0°E 27.8°N in EPSG:3857 metres.
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("mercator.geojson"), R"({
          "type": "FeatureCollection",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
          "features": [{"type": "Feature", "properties": {"name": "方框"},
            "geometry": {"type": "LineString", "coordinates": [[11900053.5658009, 3211203.0337714], [11911185.5148803, 3223781.6854986]]}}]})");
        QString error;
        const auto layer = VectorLayer::load(layerOf(path), &error);
        QVERIFY2(layer, qPrintable(error));
        const QList<QPointF>& line = layer->features.at(0).parts.at(0);
        QVERIFY2(
            std::abs(line[0].x() - 106.9) < 1e-6 && std::abs(line[0].y() - 27.7) < 1e-6,
            qPrintable(
                QStringLiteral("%1 %2").arg(line[0].x(), 0, 'f', 8).arg(line[0].y(), 0, 'f', 8)));
        QVERIFY(std::abs(line[1].x() - 107.0) < 1e-6 && std::abs(line[1].y() - 27.8) < 1e-6);
    }

    /// The demo's own base map, from the compiled-in resources as the workstation loads it: the
    /// project names its layers, and every station lies inside the outline of its district.
    void demoBaseMapFromResources()
    {
        const ProjectLoad load = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath));
        QVERIFY(load.project);
        const MapSettings& map = load.project->map;
        QCOMPARE(map.layers.size(), 3u);
        QCOMPARE(map.layers[0].file, QStringLiteral(":/demo/map/zunyi-districts.geojson"));
        std::vector<VectorLayer> layers;
        for (const MapLayer& l : map.layers) {
            QString error;
            auto layer = VectorLayer::load(l, &error);
            QVERIFY2(layer, qPrintable(error));
            QVERIFY(!layer->features.empty());
            layers.push_back(std::move(*layer));
        }
        const VectorLayer& districts = layers[0];
        QCOMPARE(districts.features.size(), 4u);
        for (const Station& s : load.project->stations) {
            const QPointF at(s.location.longitude, s.location.latitude);
            QStringList containing;
            for (const Feature& d : districts.features) {
                if (contains(d, at))
                    containing << d.label;
            }
            QVERIFY2(
                containing == QStringList{s.district},
                qPrintable(
                    QStringLiteral("%1 %2 in %3").arg(s.name, s.district, containing.join(u','))));
        }
        // The roads reach the outer stations: the map spans what the stations span.
        QVERIFY(layers[2].bounds.contains(districts.bounds.center()));
        QCOMPARE(layers[1].features.at(0).label, QStringLiteral("湘江"));
    }

    void brokenFileIsNamed()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("broken.geojson"), "{\"type\": \"Feature");
        QString error;
        QVERIFY(!VectorLayer::load(layerOf(path), &error));
        QVERIFY2(error.startsWith(path + u':'), qPrintable(error));
        QVERIFY(!VectorLayer::load(layerOf(dir.filePath(QStringLiteral("missing.shp"))), &error));
        QVERIFY2(error.contains(u"missing.shp"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_VectorLayer)
#include "tst_vectorlayer.moc"
