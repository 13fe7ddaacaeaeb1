#include <core/registercodec.h>

#include <QTest>

#include <cmath>
#include <vector>

using namespace PumpWatch;

Q_DECLARE_METATYPE(PumpWatch::DataType)
Q_DECLARE_METATYPE(PumpWatch::WordOrder)

class tst_RegisterCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    /// Found by fuzz_registers: a byte address (VB) read as a 32-bit type read past the one
    /// register it holds. Too few registers give no value, never a read past the answer.
    void tooFewRegistersGiveNoValue_data()
    {
        QTest::addColumn<DataType>("type");
        QTest::addColumn<int>("registers");
        QTest::addColumn<int>("byte");
        QTest::newRow("vb-as-uint32") << DataType::UInt32 << 1 << 0;
        QTest::newRow("vb-as-float64") << DataType::Float64 << 1 << 1;
        QTest::newRow("vd-as-float64") << DataType::Float64 << 2 << -1;
        QTest::newRow("empty-answer") << DataType::Int16 << 0 << -1;
    }
    void tooFewRegistersGiveNoValue()
    {
        QFETCH(DataType, type);
        QFETCH(int, registers);
        QFETCH(int, byte);
        const std::vector<quint16> regs(std::size_t(registers), 0x4142);
        ModbusLocation at;
        at.area = AddressArea::HoldingRegister;
        at.count = quint16(registers);
        at.byte = qint8(byte);
        QVERIFY(std::isnan(RegisterCodec::read(at, type, WordOrder::ABCD, regs)));
        QVERIFY(std::isnan(RegisterCodec::decode(regs, type, WordOrder::ABCD)));
    }

    void layout_data()
    {
        QTest::addColumn<DataType>("type");
        QTest::addColumn<WordOrder>("order");
        QTest::addColumn<double>("raw");
        QTest::addColumn<QList<quint16>>("registers");

        const auto F = DataType::Float32;
        // PROTOCOLS.md §3: 123.45f = 0x42F6E666 in the four orders.
        QTest::newRow("float ABCD")
            << F << WordOrder::ABCD << double(123.45f) << QList<quint16>{0x42F6, 0xE666};
        QTest::newRow("float CDAB")
            << F << WordOrder::CDAB << double(123.45f) << QList<quint16>{0xE666, 0x42F6};
        QTest::newRow("float BADC")
            << F << WordOrder::BADC << double(123.45f) << QList<quint16>{0xF642, 0x66E6};
        QTest::newRow("float DCBA")
            << F << WordOrder::DCBA << double(123.45f) << QList<quint16>{0x66E6, 0xF642};
        // PROTOCOLS.md §5: pymodbus reads [16712, 0] as 12.5.
        QTest::newRow("12.5 ABCD") << F << WordOrder::ABCD << 12.5 << QList<quint16>{16712, 0};
        QTest::newRow("int16 negative")
            << DataType::Int16 << WordOrder::ABCD << -2.0 << QList<quint16>{0xFFFE};
        QTest::newRow("int16 byte swap")
            << DataType::Int16 << WordOrder::BADC << 258.0 << QList<quint16>{0x0201};
        QTest::newRow("int16 word swap has one word")
            << DataType::Int16 << WordOrder::CDAB << 258.0 << QList<quint16>{0x0102};
        QTest::newRow("uint16 saturates")
            << DataType::UInt16 << WordOrder::ABCD << 70000.0 << QList<quint16>{0xFFFF};
        QTest::newRow("int32 ABCD")
            << DataType::Int32 << WordOrder::ABCD << -100000.0 << QList<quint16>{0xFFFE, 0x7960};
        QTest::newRow("uint32 CDAB")
            << DataType::UInt32 << WordOrder::CDAB << 305419896.0 << QList<quint16>{0x5678, 0x1234};
        QTest::newRow("float64 ABCD")
            << DataType::Float64 << WordOrder::ABCD << 1.0 << QList<quint16>{0x3FF0, 0, 0, 0};
        QTest::newRow("float64 DCBA")
            << DataType::Float64 << WordOrder::DCBA << 1.0 << QList<quint16>{0, 0, 0, 0xF03F};
        QTest::newRow("float64 CDAB")
            << DataType::Float64 << WordOrder::CDAB << -2.5 << QList<quint16>{0, 0, 0, 0xC004};
    }

    void layout()
    {
        QFETCH(DataType, type);
        QFETCH(WordOrder, order);
        QFETCH(double, raw);
        QFETCH(QList<quint16>, registers);

        QCOMPARE(RegisterCodec::registerCount(type), registers.size());
        std::vector<quint16> regs(registers.size(), 0xAAAA);
        RegisterCodec::encode(raw, type, order, regs);
        QCOMPARE(QList<quint16>(regs.begin(), regs.end()), registers);
        const double back = RegisterCodec::decode(regs, type, order);
        if (type == DataType::UInt16 && raw > 65535)
            QCOMPARE(back, 65535.0);
        else
            QCOMPARE(back, raw);
    }

    void integersRoundAndNanIsZero()
    {
        quint16 r = 7;
        RegisterCodec::encode(2.6, DataType::Int16, WordOrder::ABCD, {&r, 1});
        QCOMPARE(r, quint16(3));
        RegisterCodec::encode(std::nan(""), DataType::Int16, WordOrder::ABCD, {&r, 1});
        QCOMPARE(r, quint16(0));
    }

    void bitsAndBytesKeepTheirNeighbours()
    {
        // V1100.3 with holdStart 1000: register 50, bit 11 (the even byte is the high byte).
        quint16 reg = 0x00FF;
        ModbusLocation bit{AddressArea::HoldingRegister, 50, 1, 11, -1};
        RegisterCodec::write(bit, DataType::Bool, WordOrder::DCBA, 1, {&reg, 1});
        QCOMPARE(reg, quint16(0x08FF));
        QCOMPARE(RegisterCodec::read(bit, DataType::Bool, WordOrder::DCBA, {&reg, 1}), 1.0);
        RegisterCodec::write(bit, DataType::Bool, WordOrder::ABCD, 0, {&reg, 1});
        QCOMPARE(reg, quint16(0x00FF));

        ModbusLocation high{AddressArea::HoldingRegister, 0, 1, -1, 0};
        ModbusLocation low{AddressArea::HoldingRegister, 0, 1, -1, 1};
        RegisterCodec::write(high, DataType::Int8, WordOrder::ABCD, -1, {&reg, 1});
        QCOMPARE(reg, quint16(0xFFFF));
        RegisterCodec::write(low, DataType::UInt8, WordOrder::ABCD, 0x12, {&reg, 1});
        QCOMPARE(reg, quint16(0xFF12));
        QCOMPARE(RegisterCodec::read(high, DataType::Int8, WordOrder::ABCD, {&reg, 1}), -1.0);
        QCOMPARE(RegisterCodec::read(low, DataType::UInt8, WordOrder::ABCD, {&reg, 1}), 18.0);
    }
};

QTEST_GUILESS_MAIN(tst_RegisterCodec)
#include "tst_registercodec.moc"
