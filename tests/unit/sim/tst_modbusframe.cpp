#include <core/modbuscrc.h>
#include <sim/modbusframe.h>

#include <QTest>

#include <vector>

using namespace PumpWatch;
using namespace PumpWatch::Sim;

class tst_ModbusFrame : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void crcOfTheSpecExample()
    {
        // Modbus over serial line, the classic read of 10 registers from unit 1: CRC C5 CD.
        const std::vector<quint8> frame{0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD};
        QCOMPARE(ModbusCrc::crc16(std::span(frame).first(6)), quint16(0xCDC5));
        QVERIFY(ModbusCrc::valid(frame));
        auto broken = frame;
        broken[3] = 1;
        QVERIFY(!ModbusCrc::valid(broken));
    }

    void tcpFraming()
    {
        std::vector<quint8> f{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10};
        QCOMPARE(ModbusFrame::tcpFrameLength(std::span(f).first(5)), ModbusFrame::Incomplete);
        QCOMPARE(ModbusFrame::tcpFrameLength(std::span(f).first(11)), ModbusFrame::Incomplete);
        QCOMPARE(ModbusFrame::tcpFrameLength(f), 12);
        f[2] = 1; // protocol id must be 0
        QCOMPARE(ModbusFrame::tcpFrameLength(f), ModbusFrame::Invalid);
        f[2] = 0;
        f[5] = 0; // a zero length (Qt SerialBus would hang on it)
        QCOMPARE(ModbusFrame::tcpFrameLength(f), ModbusFrame::Invalid);
    }

    void rtuFraming()
    {
        const std::vector<quint8> read{1, 3, 0, 0, 0, 10, 0xC5, 0xCD};
        QCOMPARE(ModbusFrame::rtuFrameLength(read), 8);
        const std::vector<quint8> writeHead{1, 16, 0, 0, 0, 2, 4};
        QCOMPARE(ModbusFrame::rtuFrameLength(writeHead), ModbusFrame::Incomplete);
        std::vector<quint8> write = writeHead;
        write.insert(write.end(), {0, 1, 0, 2, 0xAA, 0xBB});
        QCOMPARE(ModbusFrame::rtuFrameLength(write), 13);
        const std::vector<quint8> unknown{1, 0x41, 0, 0};
        QCOMPARE(ModbusFrame::rtuFrameLength(unknown), ModbusFrame::Invalid);
    }

    void requests()
    {
        const std::vector<quint8> read{3, 0, 10, 0, 125};
        ModbusFrame::Request r = ModbusFrame::parseRequest(read);
        QCOMPARE(r.area, AddressArea::HoldingRegister);
        QCOMPARE(r.start, quint16(10));
        QCOMPARE(r.count, quint16(125));
        QVERIFY(!r.write);
        QCOMPARE(r.exception, quint8(0));
        const std::vector<quint8> tooMany{3, 0, 0, 0, 126};
        QCOMPARE(ModbusFrame::parseRequest(tooMany).exception, quint8(3));
        const std::vector<quint8> single{6, 0, 51, 0xFF, 0x00};
        r = ModbusFrame::parseRequest(single);
        QVERIFY(r.write);
        QCOMPARE(r.count, quint16(1));
        const std::vector<quint8> coils{15, 0, 4, 0, 9, 2, 0xFF, 1};
        r = ModbusFrame::parseRequest(coils);
        QCOMPARE(r.area, AddressArea::Coil);
        QCOMPARE(r.count, quint16(9));
    }
};

QTEST_GUILESS_MAIN(tst_ModbusFrame)
#include "tst_modbusframe.moc"
