#include <core/address.h>

#include <QTest>

using namespace PumpWatch;

Q_DECLARE_METATYPE(AddressArea)
Q_DECLARE_METATYPE(DataType)
Q_DECLARE_METATYPE(AddressingMode)

class tst_Address : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<AddressArea>("area");
        QTest::addColumn<uint>("index");
        QTest::addColumn<int>("bit");
        QTest::addColumn<int>("width");

        QTest::newRow("seed VD1000") << "VD1000" << AddressArea::S7V << 1000u << -1 << 32;
        QTest::newRow("VW") << "VW1104" << AddressArea::S7V << 1104u << -1 << 16;
        QTest::newRow("VB") << "VB7" << AddressArea::S7V << 7u << -1 << 8;
        QTest::newRow("V bit") << "V1100.7" << AddressArea::S7V << 1100u << 7 << 1;
        QTest::newRow("lower case") << "vd1004" << AddressArea::S7V << 1004u << -1 << 32;
        QTest::newRow("HR 0-based") << "HR100" << AddressArea::HoldingRegister << 100u << -1 << 0;
        QTest::newRow("HR bit") << "HR100.15" << AddressArea::HoldingRegister << 100u << 15 << 1;
        QTest::newRow("IR") << "IR5" << AddressArea::InputRegister << 5u << -1 << 0;
        QTest::newRow("coil") << "CO0" << AddressArea::Coil << 0u << -1 << 1;
        QTest::newRow("discrete") << "DI7" << AddressArea::DiscreteInput << 7u << -1 << 1;
        QTest::newRow("modicon 40001") << "40001" << AddressArea::HoldingRegister << 0u << -1 << 0;
        QTest::newRow("modicon 6 digits")
            << "465536" << AddressArea::HoldingRegister << 65535u << -1 << 0;
        QTest::newRow("modicon 30010") << "30010" << AddressArea::InputRegister << 9u << -1 << 0;
        QTest::newRow("modicon 10001") << "10001" << AddressArea::DiscreteInput << 0u << -1 << 1;
        QTest::newRow("modicon coil") << "00017" << AddressArea::Coil << 16u << -1 << 1;
        QTest::newRow("modicon bit") << "40001.3" << AddressArea::HoldingRegister << 0u << 3 << 1;
        QTest::newRow("spaces trimmed") << " VD1008 " << AddressArea::S7V << 1008u << -1 << 32;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(AddressArea, area);
        QFETCH(uint, index);
        QFETCH(int, bit);
        QFETCH(int, width);
        const AddressParse parsed = Address::parse(text);
        QVERIFY2(parsed.address, qPrintable(parsed.error));
        QCOMPARE(parsed.address->area, area);
        QCOMPARE(parsed.address->index, index);
        QCOMPARE(int(parsed.address->bit), bit);
        QCOMPARE(int(parsed.address->widthBits), width);
        QCOMPARE(parsed.address->text, text.trimmed());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("letter O for zero") << "VD10O0"
                                           << "'VD10O0' is not an S7 V address";
        QTest::newRow("V bit 8") << "V100.8"
                                 << "'V100.8' is not an S7 V address";
        QTest::newRow("V unknown size") << "VX100"
                                        << "'VX100' is not an S7 V address";
        QTest::newRow("HR too large") << "HR70000"
                                      << "'HR70000' is not a Modbus address";
        QTest::newRow("modicon zero") << "40000"
                                      << "'40000' is not a Modbus address";
        QTest::newRow("bit on a coil") << "CO1.2"
                                       << "'CO1.2' is not a Modbus address";
        QTest::newRow("register bit 16") << "HR1.16"
                                         << "'HR1.16' is not a Modbus address";
        QTest::newRow("modicon 2x") << "20001"
                                    << "'20001' is not a Modbus address";
        QTest::newRow("empty") << ""
                               << "empty address";
        QTest::newRow("words") << "出水压力"
                               << "'出水压力' is not a Modbus address";
    }

    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const AddressParse parsed = Address::parse(text);
        QVERIFY(!parsed.address);
        QCOMPARE(parsed.error, error);
    }

    void typeMismatch_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<DataType>("type");
        QTest::addColumn<QString>("error");
        QTest::newRow("float32 in VD") << "VD1000" << DataType::Float32 << QString();
        QTest::newRow("uint32 in VD") << "VD1000" << DataType::UInt32 << QString();
        QTest::newRow("int16 in VW") << "VW10" << DataType::Int16 << QString();
        QTest::newRow("uint8 in VB") << "VB10" << DataType::UInt8 << QString();
        QTest::newRow("float64 in HR") << "HR10" << DataType::Float64 << QString();
        QTest::newRow("bool on V bit") << "V10.1" << DataType::Bool << QString();
        QTest::newRow("bool on coil") << "CO3" << DataType::Bool << QString();
        QTest::newRow("float32 in VW") << "VW1040" << DataType::Float32
                                       << "float32 is 32 bits wide but 'VW1040' holds 16 bits";
        QTest::newRow("int16 in VD")
            << "VD1040" << DataType::Int16 << "int16 is 16 bits wide but 'VD1040' holds 32 bits";
        QTest::newRow("float64 in VD")
            << "VD8" << DataType::Float64 << "float64 is 64 bits wide but 'VD8' holds 32 bits";
        QTest::newRow("float on a bit")
            << "V1100.0" << DataType::Float32
            << "'V1100.0' is a single bit; type must be bool, not float32";
        QTest::newRow("bool on a register") << "HR4" << DataType::Bool
                                            << "bool needs a bit address (a coil, a discrete "
                                               "input, V byte.bit or register.bit), not 'HR4'";
        QTest::newRow("uint8 on a register")
            << "40001" << DataType::UInt8
            << "uint8 needs a V byte address (VB…), not the register '40001'";
    }

    void typeMismatch()
    {
        QFETCH(QString, address);
        QFETCH(DataType, type);
        QFETCH(QString, error);
        QCOMPARE(PumpWatch::typeMismatch(*Address::parse(address).address, type), error);
    }

    void toModbus_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<DataType>("type");
        QTest::addColumn<AddressingMode>("mode");
        QTest::addColumn<uint>("holdStart");
        QTest::addColumn<int>("start");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("bit");
        QTest::addColumn<int>("byte");
        QTest::addColumn<QString>("error");

        const auto S7 = AddressingMode::S7V;
        // PROTOCOLS.md §3: VD1000 with HoldStart=&VB0 is 40501 (PDU 500); with &VB1000, PDU 0.
        QTest::newRow("VD1000 from VB0")
            << "VD1000" << DataType::Float32 << S7 << 0u << 500 << 2 << -1 << -1 << QString();
        QTest::newRow("VD1000 from VB1000")
            << "VD1000" << DataType::Float32 << S7 << 1000u << 0 << 2 << -1 << -1 << QString();
        QTest::newRow("VD1032 from VB1000")
            << "VD1032" << DataType::Float32 << S7 << 1000u << 16 << 2 << -1 << -1 << QString();
        QTest::newRow("VW1104") << "VW1104" << DataType::UInt16 << S7 << 1000u << 52 << 1 << -1
                                << -1 << QString();
        QTest::newRow("even byte is high")
            << "VB1000" << DataType::UInt8 << S7 << 1000u << 0 << 1 << -1 << 0 << QString();
        QTest::newRow("odd byte is low")
            << "VB1001" << DataType::UInt8 << S7 << 1000u << 0 << 1 << -1 << 1 << QString();
        QTest::newRow("bit of even byte")
            << "V1100.0" << DataType::Bool << S7 << 1000u << 50 << 1 << 8 << -1 << QString();
        QTest::newRow("bit of odd byte")
            << "V1101.1" << DataType::Bool << S7 << 1000u << 50 << 1 << 1 << -1 << QString();
        QTest::newRow("modbus float") << "40001" << DataType::Float32 << AddressingMode::Modbus
                                      << 0u << 0 << 2 << -1 << -1 << QString();
        QTest::newRow("modbus double") << "HR10" << DataType::Float64 << AddressingMode::Modbus
                                       << 0u << 10 << 4 << -1 << -1 << QString();
        QTest::newRow("modbus register bit") << "HR7.12" << DataType::Bool << AddressingMode::Modbus
                                             << 0u << 7 << 1 << 12 << -1 << QString();
        QTest::newRow("plain register on s7 device")
            << "HR3" << DataType::Int16 << S7 << 1000u << 3 << 1 << -1 << -1 << QString();
        QTest::newRow("odd word") << "VW1001" << DataType::Int16 << S7 << 1000u << 0 << 0 << -1
                                  << -1
                                  << "'VW1001' starts on an odd byte from holdStart VB1000 and "
                                     "does not map to whole holding registers";
        QTest::newRow("below holdStart")
            << "VD900" << DataType::Float32 << S7 << 1000u << 0 << 0 << -1 << -1
            << "'VD900' lies below the device's holdStart VB1000";
        QTest::newRow("V address on modbus device")
            << "VD1000" << DataType::Float32 << AddressingMode::Modbus << 0u << 0 << 0 << -1 << -1
            << "'VD1000' is an S7 V address but the device is addressed as modbus";
        QTest::newRow("past the end")
            << "HR65535" << DataType::Float32 << AddressingMode::Modbus << 0u << 0 << 0 << -1 << -1
            << "'HR65535' runs past the last Modbus address";
    }

    void toModbus()
    {
        QFETCH(QString, address);
        QFETCH(DataType, type);
        QFETCH(AddressingMode, mode);
        QFETCH(uint, holdStart);
        QFETCH(int, start);
        QFETCH(int, count);
        QFETCH(int, bit);
        QFETCH(int, byte);
        QFETCH(QString, error);
        const ModbusMapping m =
            PumpWatch::toModbus(*Address::parse(address).address, type, mode, holdStart);
        QCOMPARE(m.error, error);
        if (!error.isEmpty()) {
            QVERIFY(!m.location);
            return;
        }
        QVERIFY(m.location);
        QCOMPARE(int(m.location->start), start);
        QCOMPARE(int(m.location->count), count);
        QCOMPARE(int(m.location->bit), bit);
        QCOMPARE(int(m.location->byte), byte);
    }
};

QTEST_APPLESS_MAIN(tst_Address)
#include "tst_address.moc"
