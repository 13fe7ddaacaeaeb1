#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <sim/citygenerator.h>

#include <QSet>
#include <QTest>

using namespace PumpWatch;

class tst_CityGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deterministic()
    {
        const QByteArray a =
            ProjectWriter::write(Sim::CityGenerator::generate({.stations = 200, .seed = 7}));
        const QByteArray b =
            ProjectWriter::write(Sim::CityGenerator::generate({.stations = 200, .seed = 7}));
        const QByteArray c =
            ProjectWriter::write(Sim::CityGenerator::generate({.stations = 200, .seed = 8}));
        QCOMPARE(a, b);
        QVERIFY(a != c);
    }

    void largeCity_data()
    {
        QTest::addColumn<int>("stations");
        QTest::newRow("demo") << 60;
        QTest::newRow("Xiamen size") << 2000;
    }

    void largeCity()
    {
        QFETCH(int, stations);
        const Project p = Sim::CityGenerator::generate({.stations = stations, .basePort = 20000});
        QCOMPARE(int(p.stations.size()), stations);
        QSet<QString> names;
        QSet<QString> endpoints;
        for (const Station& s : p.stations) {
            names.insert(s.displayName());
            for (const Device& d : s.devices)
                endpoints.insert(d.settings.endpoint);
            QVERIFY(!s.district.isEmpty());
        }
        QCOMPARE(int(names.size()), stations); // dispatchers tell stations apart by name
        QCOMPARE(int(endpoints.size()), Sim::CityGenerator::deviceCount(p)); // one port per PLC
        QVERIFY(endpoints.contains(QStringLiteral("127.0.0.1:20001")));
        QVERIFY(p.tagCount() >= 30u * static_cast<quint32>(stations));
        // What it writes, the reader accepts without a single remark.
        const ProjectLoad load =
            ProjectReader::read(ProjectWriter::write(p), QStringLiteral("city.json"));
        QVERIFY(load.diagnostics.empty());
    }
};

QTEST_APPLESS_MAIN(tst_CityGenerator)
#include "tst_citygenerator.moc"
