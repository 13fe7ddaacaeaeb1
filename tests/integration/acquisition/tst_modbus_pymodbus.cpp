// The Modbus driver against python3-pymodbus, an implementation that shares no code with ours:
// every data type in every word order, coils, discrete and input registers, bits in a word,
// scaling, S7 V memory, writes checked by the peer's own decoding, and a device with a hole in
// its register map whose neighbours must still update.
#include "testpeers.h"

#include <acquisition/modbusdriver.h>
#include <core/projectreader.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace PumpWatch;
using namespace PumpWatch::Acquisition;
using PumpWatch::Test::ControlledProcess;

namespace {

/// One point: how the project addresses it and where the peer holds it.
struct Point {
    const char* key;
    const char* address; ///< in the project
    const char* type;
    double raw; ///< what the peer holds
    double gain = 1.0;
    double offset = 0.0;
    bool writable = false;
    const char* area = "hr"; ///< the peer's view
    int index = 0;
    int bit = -1;
};

// Devices u1..u4 hold these in the four word orders, each value shifted by the unit id so that
// a crossed connection shows.
const Point ModbusPoints[] = {
    {"i16", "HR0", "int16", -1234, 1, 0, true, "hr", 0},
    {"u16", "HR1", "uint16", 54321, 1, 0, false, "hr", 1},
    {"i32", "HR2", "int32", -123456789, 1, 0, true, "hr", 2},
    {"u32", "HR4", "uint32", 3000000000.0, 1, 0, false, "hr", 4},
    {"f32", "HR6", "float32", 123.45, 1, 0, true, "hr", 6},
    {"f64", "HR8", "float64", -9876.54321, 1, 0, true, "hr", 8},
    {"bit", "HR12.3", "bool", 1, 1, 0, true, "hr", 12, 3},
    {"scaled", "HR13", "uint16", 1234, 0.1, -10, true, "hr", 13},
    {"ir", "IR0", "float32", 56.78, 1, 0, false, "ir", 0},
    {"coil", "CO5", "bool", 1, 1, 0, true, "co", 5},
    {"di", "DI7", "bool", 1, 1, 0, false, "di", 7},
};
const char* const Orders[] = {"ABCD", "CDAB", "BADC", "DCBA"};

double shifted(const Point& p, int unit)
{
    return QLatin1String(p.type) == u"bool" ? p.raw : p.raw + unit;
}

QJsonObject tagJson(const QString& device, const char* key, const char* address, const char* type,
                    double gain = 1, double offset = 0, bool writable = false)
{
    QJsonObject t{{"key", QLatin1String(key)},         {"device", device},
                  {"name", QLatin1String(key)},        {"quantity", "generic"},
                  {"address", QLatin1String(address)}, {"type", QLatin1String(type)}};
    if (gain != 1 || offset != 0)
        t.insert(QStringLiteral("scale"), QJsonObject{{"gain", gain}, {"offset", offset}});
    if (writable)
        t.insert(QStringLiteral("access"), QStringLiteral("rw"));
    return t;
}

QJsonObject peerPoint(const char* area, int index, const char* type, double value, int bit = -1)
{
    QJsonObject p{{"area", QLatin1String(area)},
                  {"address", index},
                  {"type", QLatin1String(type)},
                  {"value", value}};
    if (bit >= 0)
        p.insert(QStringLiteral("bit"), bit);
    return p;
}

} // namespace

class tst_ModbusPymodbus : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<Project> m_project;
    ControlledProcess m_peer;
    std::unique_ptr<Test::RecordingSink> m_sink;
    std::unique_ptr<ModbusDriver> m_driver;
    SystemClock m_clock;

    TagId tag(const QString& device, const char* key) const
    {
        return m_project->findTag(u"P1", device, QString::fromLatin1(key));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const int port = Test::freePortBase(1, 24000, 32000) + 1;
        QVERIFY(port > 1);
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(port);

        QJsonArray devices, tags;
        QJsonObject units;
        for (int u = 1; u <= 4; ++u) {
            const QString id = QStringLiteral("u%1").arg(u);
            devices.append(QJsonObject{{"id", id},
                                       {"endpoint", endpoint},
                                       {"unitId", u},
                                       {"pollMs", 300},
                                       {"wordOrder", QLatin1String(Orders[u - 1])}});
            QJsonArray points;
            for (const Point& p : ModbusPoints) {
                tags.append(tagJson(id, p.key, p.address, p.type, p.gain, p.offset, p.writable));
                points.append(peerPoint(p.area, p.index, p.type, shifted(p, u), p.bit));
            }
            units.insert(QString::number(u),
                         QJsonObject{{"order", QLatin1String(Orders[u - 1])}, {"points", points}});
        }
        // u5: S7-200 SMART V memory from HoldStart VB1000 (register = (V − 1000) / 2, even byte
        // high): VB1001 is the low byte of register 0, V1000.2 is bit 10 of it.
        devices.append(QJsonObject{{"id", "u5"},
                                   {"endpoint", endpoint},
                                   {"unitId", 5},
                                   {"pollMs", 300},
                                   {"addressing", "s7-v"},
                                   {"holdStart", 1000}});
        tags.append(tagJson(QStringLiteral("u5"), "vb", "VB1001", "uint8"));
        tags.append(tagJson(QStringLiteral("u5"), "vbit", "V1000.2", "bool", 1, 0, true));
        tags.append(tagJson(QStringLiteral("u5"), "vw", "VW1002", "int16", 1, 0, true));
        tags.append(tagJson(QStringLiteral("u5"), "vd", "VD1004", "float32", 1, 0, true));
        units.insert(
            QStringLiteral("5"),
            QJsonObject{{"points", QJsonArray{peerPoint("hr", 0, "uint16", (1 << 10) | 200),
                                              peerPoint("hr", 1, "int16", -300),
                                              peerPoint("hr", 2, "float32", 7.25)}}});
        // u6: ten floats at HR0..HR19, but registers 8..9 do not exist (exception 02).
        devices.append(
            QJsonObject{{"id", "u6"}, {"endpoint", endpoint}, {"unitId", 6}, {"pollMs", 300}});
        QJsonArray holed;
        for (int i = 0; i < 10; ++i) {
            const QByteArray key = "f" + QByteArray::number(i);
            const QByteArray address = "HR" + QByteArray::number(2 * i);
            tags.append(
                tagJson(QStringLiteral("u6"), key.constData(), address.constData(), "float32"));
            if (i != 4)
                holed.append(peerPoint("hr", 2 * i, "float32", 1.5 * i));
        }
        units.insert(QStringLiteral("6"),
                     QJsonObject{{"holes", QJsonArray{QJsonArray{8, 2}}}, {"points", holed}});

        const QJsonObject project{
            {"format", "pumpwatch-project"},
            {"version", 1},
            {"name", "pymodbus peer"},
            {"stations",
             QJsonArray{QJsonObject{{"id", "P1"},
                                    {"name", "对端"},
                                    {"location", QJsonObject{{"lat", 27.7}, {"lon", 106.9}}},
                                    {"devices", devices},
                                    {"tags", tags}}}}};
        const QString projectPath = m_dir.filePath(QStringLiteral("peer.json"));
        QFile f(projectPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(project).toJson());
        f.close();
        ProjectLoad load = ProjectReader::readFile(projectPath);
        for (const Diagnostic& d : load.diagnostics)
            qWarning().noquote() << d.toString();
        QVERIFY(load.project);
        m_project = std::move(*load.project);

        const QString specPath = m_dir.filePath(QStringLiteral("spec.json"));
        QFile spec(specPath);
        QVERIFY(spec.open(QIODevice::WriteOnly));
        spec.write(QJsonDocument(QJsonObject{{"port", port}, {"units", units}}).toJson());
        spec.close();
        QVERIFY2(m_peer.start(QStringLiteral("/usr/bin/python3"),
                              {QStringLiteral(PUMPWATCH_SOURCE_DIR
                                              "/tests/integration/acquisition/modbus_peer.py"),
                               specPath}),
                 qPrintable(m_peer.errors()));

        m_sink = std::make_unique<Test::RecordingSink>(m_project->tagCount());
        m_driver = std::make_unique<ModbusDriver>(*m_project, m_clock, *m_sink);
        m_driver->start();
        QVERIFY(QTest::qWaitFor([&] { return Test::allOnline(*m_driver); }, 10'000));
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (TagId t = 0; t < m_project->tagCount(); ++t) {
                    if (m_sink->value(t).quality == Quality::Unknown)
                        return false;
                }
                return true;
            },
            10'000));
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_peer.command(QStringLiteral("quit"), 1000);
    }

    void everyTypeInEveryOrder_data()
    {
        QTest::addColumn<int>("unit");
        QTest::addColumn<int>("point");
        for (int u = 1; u <= 4; ++u) {
            for (int i = 0; i < static_cast<int>(std::size(ModbusPoints)); ++i)
                QTest::addRow("%s %s", ModbusPoints[i].key, Orders[u - 1]) << u << i;
        }
    }

    void everyTypeInEveryOrder()
    {
        QFETCH(int, unit);
        QFETCH(int, point);
        const Point& p = ModbusPoints[point];
        const TagValue v = m_sink->value(tag(QStringLiteral("u%1").arg(unit), p.key));
        QCOMPARE(v.quality, Quality::Good);
        double expected = shifted(p, unit);
        if (QLatin1String(p.type) == u"float32")
            expected = static_cast<float>(expected);
        QCOMPARE(v.value, expected * p.gain + p.offset);
    }

    void s7VMemory()
    {
        const QString u5 = QStringLiteral("u5");
        QCOMPARE(m_sink->value(tag(u5, "vb")).value, 200.0);
        QCOMPARE(m_sink->value(tag(u5, "vbit")).value, 1.0);
        QCOMPARE(m_sink->value(tag(u5, "vw")).value, -300.0);
        QCOMPARE(m_sink->value(tag(u5, "vd")).value, 7.25);
    }

    void writesLandWhereThePeerReadsThem_data()
    {
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("peerGet"); ///< the peer's own decoding of the location
        QTest::addColumn<double>("peerExpected");
        QTest::newRow("int16 DCBA") << "u4"
                                    << "i16" << -42.0 << "get 4 hr 0 int16" << -42.0;
        QTest::newRow("int32 CDAB") << "u2"
                                    << "i32" << 2000000001.0 << "get 2 hr 2 int32" << 2000000001.0;
        QTest::newRow("float32 BADC") << "u3"
                                      << "f32" << 0.5 << "get 3 hr 6 float32" << 0.5;
        QTest::newRow("float64 CDAB")
            << "u2"
            << "f64" << 1e10 + 0.25 << "get 2 hr 8 float64" << 1e10 + 0.25;
        QTest::newRow("bit 3 off") << "u1"
                                   << "bit" << 0.0 << "get 1 hr 12 bool 3" << 0.0;
        QTest::newRow("scaled") << "u1"
                                << "scaled" << 20.0 << "get 1 hr 13 uint16" << 300.0;
        QTest::newRow("coil off") << "u3"
                                  << "coil" << 0.0 << "get 3 co 5 bool" << 0.0;
        QTest::newRow("S7 VW") << "u5"
                               << "vw" << 1234.0 << "get 5 hr 1 int16" << 1234.0;
        QTest::newRow("S7 VD") << "u5"
                               << "vd" << -3.5 << "get 5 hr 2 float32" << -3.5;
        QTest::newRow("S7 V1000.2 off") << "u5"
                                        << "vbit" << 0.0 << "get 5 hr 0 uint16" << 200.0;
    }

    void writesLandWhereThePeerReadsThem()
    {
        QFETCH(QString, device);
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(QString, peerGet);
        QFETCH(double, peerExpected);
        const TagId t = m_project->findTag(u"P1", device, key);
        const WriteRecord r = Test::writeAndWait(*m_driver, t, value);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.readBack, value);
        QCOMPARE(m_peer.number(peerGet), peerExpected);
    }

    void outOfRangeIsRefusedNotClipped()
    {
        const WriteRecord r =
            Test::writeAndWait(*m_driver, tag(QStringLiteral("u1"), "i16"), 40000);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"out of range"), qPrintable(r.error));
        QCOMPARE(m_peer.number(QStringLiteral("get 1 hr 0 int16")), -1233.0);
    }

    void holeIsIsolated()
    {
        const QString u6 = QStringLiteral("u6");
        QCOMPARE(m_sink->value(tag(u6, "f4")).quality, Quality::BadConfigError);
        const qint64 t0 = m_clock.nowMs();
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (int i = 0; i < 10; ++i) {
                    const QByteArray key = "f" + QByteArray::number(i);
                    const TagValue v = m_sink->value(tag(u6, key.constData()));
                    if (i != 4 &&
                        (v.quality != Quality::Good || v.timestampMs <= t0 || v.value != 1.5 * i))
                        return false;
                }
                return true;
            },
            3000));
        const int index = m_driver->deviceIndex(0, 5);
        QCOMPARE(m_driver->deviceStatus(index).state, CommState::Online);
        // The isolated range is one float; its neighbours are read in a few blocks.
        int blocks = 0;
        for (const ReadBlock& b : m_driver->plan(index)) {
            ++blocks;
            if (b.start <= 8 && b.start + b.count > 8)
                QCOMPARE(b.count, quint16{2});
        }
        QVERIFY(blocks <= 5);
    }
};

QTEST_GUILESS_MAIN(tst_ModbusPymodbus)
#include "tst_modbus_pymodbus.moc"
