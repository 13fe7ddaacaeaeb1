// Coordinates: the Chinese offsets against the reference points the public implementations
// (eviltransform, coordtransform) publish, their inverses, and Web Mercator against known tiles.
#include <gis/geo.h>

#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Gis;

namespace {

bool near(LonLat a, LonLat b, double eps)
{
    return std::abs(a.x() - b.x()) < eps && std::abs(a.y() - b.y()) < eps;
}

QByteArray text(LonLat p)
{
    return QByteArray::number(p.x(), 'f', 10) + ", " + QByteArray::number(p.y(), 'f', 10);
}

} // namespace

class tst_Geo : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void referencePoints_data()
    {
        QTest::addColumn<QString>("conversion");
        QTest::addColumn<QPointF>("in");
        QTest::addColumn<QPointF>("out");
        // Tiananmen (116.404, 39.915), as the coordtransform/hutool tests give it.
        QTest::newRow("wgs84→gcj02 Beijing") << "wgs-gcj" << QPointF(116.404, 39.915)
                                             << QPointF(116.41024449916938, 39.91640428150164);
        QTest::newRow("gcj02→bd09 Beijing") << "gcj-bd" << QPointF(116.404, 39.915)
                                            << QPointF(116.41036949371029, 39.92133699351021);
        QTest::newRow("bd09→gcj02 Beijing") << "bd-gcj" << QPointF(116.404, 39.915)
                                            << QPointF(116.39762729119315, 39.90865673957631);
        // eviltransform's test points (lat, lng there; lng, lat here).
        QTest::newRow("wgs84→gcj02 Shanghai") << "wgs-gcj" << QPointF(121.5272106, 31.1774276)
                                              << QPointF(121.531541859215, 31.17530398364597);
        QTest::newRow("wgs84→gcj02 Shenzhen") << "wgs-gcj" << QPointF(113.912316, 22.543847)
                                              << QPointF(113.9171764808363, 22.540796131694766);
        QTest::newRow("wgs84→gcj02 Beijing 2") << "wgs-gcj" << QPointF(116.377817, 39.911954)
                                               << QPointF(116.38404722455657, 39.91334545536069);
        QTest::newRow("outside China: no offset")
            << "wgs-gcj" << QPointF(2.2945, 48.8584) << QPointF(2.2945, 48.8584);
    }

    void referencePoints()
    {
        QFETCH(QString, conversion);
        QFETCH(QPointF, in);
        QFETCH(QPointF, out);
        LonLat got;
        if (conversion == u"wgs-gcj")
            got = wgs84ToGcj02(in);
        else if (conversion == u"gcj-bd")
            got = gcj02ToBd09(in);
        else
            got = bd09ToGcj02(in);
        QVERIFY2(near(got, out, 1e-9), text(got).constData());
    }

    void inversesAreExactToACentimetre()
    {
        for (const LonLat p : {LonLat(106.9270, 27.7250), LonLat(116.404, 39.915),
                               LonLat(121.4737, 31.2304), LonLat(87.6168, 43.8256)}) {
            QVERIFY2(near(gcj02ToWgs84(wgs84ToGcj02(p)), p, 1e-7), text(p).constData());
            // Baidu's published inverse is approximate, to a few decimetres.
            const LonLat back = toWgs84(fromWgs84(p, Datum::Bd09), Datum::Bd09);
            QVERIFY2(distanceMetres(back, p) < 0.5, text(back).constData());
            // The offset is some hundreds of metres, never zero, in China.
            const double d = distanceMetres(p, wgs84ToGcj02(p));
            QVERIFY2(d > 50 && d < 1000, QByteArray::number(d).constData());
        }
        QCOMPARE(parseDatum(u"GCJ02"), Datum::Gcj02);
        QCOMPARE(parseDatum(u"nad27"), std::nullopt);
    }

    void webMercator()
    {
        QCOMPARE(WebMercator::toWorld({0, 0}, 0), QPointF(128, 128));
        // OSM's tile of Beijing at zoom 10 is 843/388, of Zunyi at zoom 12 3264/1719.
        QPointF w = WebMercator::toWorld({116.3912, 39.9067}, 10) / 256.0;
        QCOMPARE(int(w.x()), 843);
        QCOMPARE(int(w.y()), 388);
        w = WebMercator::toWorld({106.927, 27.725}, 12) / 256.0;
        QCOMPARE(int(w.x()), 3264);
        QCOMPARE(int(w.y()), 1719);
        const LonLat back =
            WebMercator::fromWorld(WebMercator::toWorld({106.927, 27.725}, 13.5), 13.5);
        QVERIFY(near(back, {106.927, 27.725}, 1e-9));
        // At the equator, zoom 0: 40075 km over 256 px.
        QVERIFY(std::abs(WebMercator::metresPerPixel(0, 0) - 156543.03) < 0.01);
        QVERIFY(std::abs(distanceMetres({116.404, 39.915}, {121.4737, 31.2304}) - 1067e3) < 3e3);
    }
};

QTEST_GUILESS_MAIN(tst_Geo)
#include "tst_geo.moc"
