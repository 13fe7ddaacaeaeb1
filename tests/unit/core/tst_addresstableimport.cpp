// Importing the PLC address table engineers already have, as Excel saves it in China.
#include <core/addresstableimport.h>
#include <core/projectreader.h>

#include <QTest>

using namespace PumpWatch;

namespace {

QString data(const char* name)
{
    return QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/unit/core/data/") + QLatin1StringView(name);
}

AddressTableImporter::Options
options(AddressTableImporter::Encoding e = AddressTableImporter::Encoding::Auto)
{
    AddressTableImporter::Options o;
    o.templateId = QStringLiteral("seed");
    o.encoding = e;
    return o;
}

} // namespace

class tst_AddressTableImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seedTable_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("UTF-8") << data("address-table-utf8.csv") << "UTF-8";
        QTest::newRow("GBK from Excel") << data("address-table-gbk.csv") << "GB18030";
    }

    void seedTable()
    {
        QFETCH(QString, file);
        QFETCH(QString, encoding);
        const AddressTableImport r = AddressTableImporter::importFile(file, options());
        QVERIFY2(r.table, qPrintable(toStrings(r.diagnostics).join(u'\n')));
        QCOMPARE(r.encoding, encoding);
        const StationTemplate& t = *r.table;
        QCOMPARE(t.device.addressing, AddressingMode::S7V);
        QCOMPARE(t.device.holdStart, 1000u);

        QStringList keys;
        for (const TagDef& def : t.tags)
            keys << def.key;
        QCOMPARE(keys,
                 (QStringList{"inlet_flow", "inlet_totalizer", "outlet_flow", "outlet_totalizer",
                              "inlet_pressure", "outlet_pressure", "power", "energy",
                              "power_factor", "pump1_running", "pump1_command"}));
        const TagDef& inletFlow = t.tags[0];
        QCOMPARE(inletFlow.name, QStringLiteral("进水瞬时流量"));
        QCOMPARE(inletFlow.quantity, Quantity::Flow);
        QCOMPARE(inletFlow.unit, QStringLiteral("m³/h"));
        QCOMPARE(inletFlow.type, DataType::Float32);
        QCOMPARE(inletFlow.access, Access::Read);
        // "Kg" pressure becomes MPa through the scale.
        QCOMPARE(t.tags[5].quantity, Quantity::Pressure);
        QCOMPARE(t.tags[5].unit, QStringLiteral("MPa"));
        QCOMPARE(t.tags[5].scale.gain, 0.0980665);
        QCOMPARE(t.tags[7].quantity, Quantity::Energy);
        // The seed's unit "0.01" for the power factor is a scale.
        QCOMPARE(t.tags[8].quantity, Quantity::PowerFactor);
        QCOMPARE(t.tags[8].scale.gain, 0.01);
        QCOMPARE(t.tags[9].quantity, Quantity::Running);
        QCOMPARE(t.tags[10].quantity, Quantity::Command);
        QCOMPARE(t.tags[10].access, Access::ReadWrite);
    }

    void bothEncodingsGiveTheSameTemplate()
    {
        const auto utf8 =
            AddressTableImporter::importFile(data("address-table-utf8.csv"), options());
        const auto gbk = AddressTableImporter::importFile(data("address-table-gbk.csv"), options());
        QVERIFY(utf8.table && gbk.table);
        QVERIFY(utf8.table->tags == gbk.table->tags);
    }

    void forcedWrongEncodingIsVisible()
    {
        // GBK bytes read as UTF-8 give no column names a person would recognise.
        const auto r = AddressTableImporter::importFile(
            data("address-table-gbk.csv"), options(AddressTableImporter::Encoding::Utf8));
        QVERIFY(!r.table);
        QVERIFY(toStrings(r.diagnostics)
                    .first()
                    .startsWith(data("address-table-gbk.csv") +
                                QStringLiteral(":1: no column for 地址")));
    }

    void problems_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QStringList>("expected");
        const QByteArray header = "地址,类型,存储内容,单位,读/写\n";
        QTest::newRow("unknown type") << header + "VD1000,FLAOT,进水瞬时流量,m3/h,只读\n"
                                      << QStringList{"t.csv:2: type: 'FLAOT' is not a data type"};
        QTest::newRow("bad address")
            << header + "VD1000,FLOAT,进水瞬时流量,m3/h,只读\nVD10O4,FLOAT,进水累积流量,m3,只读\n"
            << QStringList{"t.csv:3: address: 'VD10O4' is not an S7 V address"};
        QTest::newRow("width mismatch")
            << header + "VW1000,FLOAT,出水压力,MPa,只读\n"
            << QStringList{"t.csv:2: type: float32 is 32 bits wide but 'VW1000' holds 16 bits"};
        QTest::newRow("unit of another quantity")
            << header + "VD1000,FLOAT,出水压力,m3/h,只读\n"
            << QStringList{"t.csv:2: unit: 'm3/h' is not a unit of pressure (MPa, kPa, bar, "
                           "kgf/cm², mH₂O)"};
        QTest::newRow("unknown access")
            << header + "VD1000,FLOAT,出水压力,MPa,可能\n"
            << QStringList{"t.csv:2: access: '可能' is not 只读/读写 (r/rw)"};
        QTest::newRow("every row reported")
            << header + "VD1000,FLAOT,a,,只读\nVD1004,REAL,出水压力,MPa,只读\nVX1,FLOAT,b,,只读\n"
            << QStringList{"t.csv:2: type: 'FLAOT' is not a data type",
                           "t.csv:4: address: 'VX1' is not an S7 V address"};
        QTest::newRow("missing columns")
            << QByteArray("名称,单位\n出水压力,MPa\n")
            << QStringList{"t.csv:1: no column for 地址, address, addr",
                           "t.csv:1: no column for 类型, 数据类型, type, data type"};
    }

    void problems()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QStringList, expected);
        const auto r = AddressTableImporter::import(csv, QStringLiteral("t.csv"), options());
        QCOMPARE(toStrings(r.diagnostics), expected);
        QVERIFY(!r.table);
    }

    void englishHeadersTabsQuotesAndDuplicates()
    {
        const QByteArray csv = "Address\tType\tName\tUnit\tAccess\n"
                               "40001\tREAL\t\"出水压力, 低区\"\tMPa\tR\n"
                               "40003\tREAL\t\"出水压力, 高区\"\tMPa\tR\n"
                               "\n"
                               "40005\tWORD\t心跳\t\tR\n";
        const auto r = AddressTableImporter::import(csv, QStringLiteral("t.csv"), options());
        QVERIFY2(r.table, qPrintable(toStrings(r.diagnostics).join(u'\n')));
        QCOMPARE(r.table->device.addressing, AddressingMode::Modbus);
        QCOMPARE(r.table->tags.size(), std::size_t(3));
        QCOMPARE(r.table->tags[0].name, QStringLiteral("出水压力, 低区"));
        QCOMPARE(r.table->tags[0].key, QStringLiteral("outlet_pressure"));
        QCOMPARE(r.table->tags[1].key, QStringLiteral("outlet_pressure_2"));
        QCOMPARE(r.table->tags[2].quantity, Quantity::Generic);
        QCOMPARE(r.table->tags[2].key, QStringLiteral("40005"));
    }
};

QTEST_APPLESS_MAIN(tst_AddressTableImport)
#include "tst_addresstableimport.moc"
