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

    void gatewayStations()
    {
        Sim::CityOptions o;
        o.stations = 12;
        o.neuronStations = 2;
        o.sparkplugStations = 3;
        o.broker = QStringLiteral("10.0.0.5:1884");
        const Project p = Sim::CityGenerator::generate(o);
        QCOMPARE(p.brokers.size(), std::size_t(1));
        QCOMPARE(p.brokers[0].host, QStringLiteral("10.0.0.5"));
        QCOMPARE(p.brokers[0].port, 1884);
        for (int i = 0; i < 12; ++i) {
            const Station& s = p.stations[std::size_t(i)];
            for (const Device& d : s.devices) {
                const Protocol expected = i >= 10  ? Protocol::MqttNeuron
                                          : i >= 7 ? Protocol::MqttSparkplug
                                                   : Protocol::ModbusTcp;
                QCOMPARE(d.settings.protocol, expected);
                if (expected == Protocol::MqttSparkplug) {
                    QCOMPARE(d.settings.node, s.id);
                    QCOMPARE(d.settings.deviceId, d.id);
                }
                if (expected == Protocol::MqttNeuron)
                    QCOMPARE(d.settings.node, s.id + u'-' + d.id);
            }
        }
        // Read back as written, without a remark.
        const ProjectLoad load =
            ProjectReader::read(ProjectWriter::write(p), QStringLiteral("city.json"));
        QVERIFY(load.diagnostics.empty());
        QVERIFY(load.project);
        QCOMPARE(ProjectWriter::write(*load.project), ProjectWriter::write(p));
        // Without the options, no broker: the demo stays as it is.
        QVERIFY(Sim::CityGenerator::generate({.stations = 12}).brokers.empty());
    }
};

QTEST_APPLESS_MAIN(tst_CityGenerator)
#include "tst_citygenerator.moc"
