// Vector layers through GDAL/OGR from files the test writes: GeoJSON in WGS-84 with polygons,
// lines and labels; the same district in Web Mercator (EPSG:3857), which PROJ brings back to
// longitude/latitude; and a broken file, named in the error.
#include <gis/vectorlayer.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
        const auto layer = VectorLayer::load(path, {}, &error);
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

        LayerStyle byCode;
        byCode.labelField = QStringLiteral("code");
        QCOMPARE(VectorLayer::load(path, byCode, &error)->features[0].label, QStringLiteral("HC"));
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
        const auto layer = VectorLayer::load(path, {}, &error);
        QVERIFY2(layer, qPrintable(error));
        const QList<QPointF>& line = layer->features.at(0).parts.at(0);
        QVERIFY2(
            std::abs(line[0].x() - 106.9) < 1e-6 && std::abs(line[0].y() - 27.7) < 1e-6,
            qPrintable(
                QStringLiteral("%1 %2").arg(line[0].x(), 0, 'f', 8).arg(line[0].y(), 0, 'f', 8)));
        QVERIFY(std::abs(line[1].x() - 107.0) < 1e-6 && std::abs(line[1].y() - 27.8) < 1e-6);
    }

    void brokenFileIsNamed()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("broken.geojson"), "{\"type\": \"Feature");
        QString error;
        QVERIFY(!VectorLayer::load(path, {}, &error));
        QVERIFY2(error.startsWith(path + u':'), qPrintable(error));
        QVERIFY(!VectorLayer::load(dir.filePath(QStringLiteral("missing.shp")), {}, &error));
        QVERIFY2(error.contains(u"missing.shp"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_VectorLayer)
#include "tst_vectorlayer.moc"
