// Every answer is checked against its request (acquisition/modbusframe.h): frames built here by
// hand from the Modbus specification, one fault at a time.
#include <acquisition/modbusframe.h>
#include <core/modbuscrc.h>

#include <QTest>

using namespace PumpWatch::Acquisition;
using Bytes = std::vector<quint8>;
Q_DECLARE_METATYPE(Bytes)
Q_DECLARE_METATYPE(Modbus::Fault)

namespace {

Modbus::Request read4()
{
    Modbus::Request r;
    r.unit = 5;
    r.function = Modbus::ReadHoldingRegisters;
    r.address = 100;
    r.count = 4;
    return r;
}

Bytes tcp(quint16 tid, quint16 protocol, quint8 unit, const Bytes& pdu, int length = -1)
{
    const int len = length >= 0 ? length : static_cast<int>(pdu.size()) + 1;
    Bytes b = {
        quint8(tid >> 8), quint8(tid), quint8(protocol >> 8), quint8(protocol), quint8(len >> 8),
        quint8(len),      unit};
    b.insert(b.end(), pdu.begin(), pdu.end());
    return b;
}

Bytes rtu(quint8 unit, const Bytes& pdu)
{
    Bytes b{unit};
    b.insert(b.end(), pdu.begin(), pdu.end());
    const quint16 crc = PumpWatch::ModbusCrc::crc16(b);
    b.push_back(quint8(crc & 0xFF));
    b.push_back(quint8(crc >> 8));
    return b;
}

const Bytes goodPdu = {0x03, 8, 0, 1, 0, 2, 0, 3, 0xFF, 0xFE};

} // namespace

class tst_ModbusFrame : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestsAreEncodedAsTheSpecificationSays()
    {
        quint8 out[Modbus::MaxTcpFrame];
        const int n = Modbus::encodeTcp(read4(), 0x1234, out);
        QCOMPARE(Bytes(out, out + n), (Bytes{0x12, 0x34, 0, 0, 0, 6, 5, 3, 0, 100, 0, 4}));
        // The specification's own example: slave 1, read 2 registers from 0 = 01 03 00 00 00 02
        // C4 0B.
        Modbus::Request r;
        r.unit = 1;
        r.count = 2;
        QCOMPARE(Bytes(out, out + Modbus::encodeRtu(r, out)),
                 (Bytes{1, 3, 0, 0, 0, 2, 0xC4, 0x0B}));
        Modbus::Request w;
        w.unit = 1;
        w.function = Modbus::WriteMultipleCoils;
        w.address = 19;
        w.count = 10;
        w.values = {1, 0, 1, 1, 0, 0, 1, 1, 1, 0};
        // Coils 20..29 = CD 01 (the specification's example).
        QCOMPARE(Bytes(out, out + Modbus::encodeTcp(w, 1, out)),
                 (Bytes{0, 1, 0, 0, 0, 9, 1, 0x0F, 0, 19, 0, 10, 2, 0xCD, 0x01}));
    }

    void tcpAnswers_data()
    {
        QTest::addColumn<Bytes>("frame");
        QTest::addColumn<Modbus::Fault>("fault");
        QTest::newRow("good") << tcp(7, 0, 5, goodPdu) << Modbus::Fault::None;
        QTest::newRow("another transaction")
            << tcp(8, 0, 5, goodPdu) << Modbus::Fault::TransactionId;
        QTest::newRow("protocol id 7") << tcp(7, 7, 5, goodPdu) << Modbus::Fault::ProtocolId;
        QTest::newRow("another unit") << tcp(7, 0, 6, goodPdu) << Modbus::Fault::UnitId;
        Bytes fc4 = goodPdu;
        fc4[0] = 4;
        QTest::newRow("function code 04") << tcp(7, 0, 5, fc4) << Modbus::Fault::FunctionCode;
        Bytes extra = {0x03, 18};
        extra.resize(20, 0);
        QTest::newRow("more registers") << tcp(7, 0, 5, extra) << Modbus::Fault::ByteCount;
        Bytes cut(goodPdu.begin(), goodPdu.end() - 2);
        QTest::newRow("cut short") << tcp(7, 0, 5, cut) << Modbus::Fault::Short;
        QTest::newRow("MBAP length not the PDU's")
            << tcp(7, 0, 5, goodPdu, 9) << Modbus::Fault::Length;
        QTest::newRow("exception") << tcp(7, 0, 5, {0x83, 0x02}) << Modbus::Fault::None;
        QTest::newRow("exception of another function")
            << tcp(7, 0, 5, {0x84, 0x02}) << Modbus::Fault::FunctionCode;
    }

    void tcpAnswers()
    {
        QFETCH(Bytes, frame);
        QFETCH(Modbus::Fault, fault);
        std::vector<quint16> values(4, 0);
        const Modbus::Answer a = Modbus::checkTcp(read4(), 7, frame, values);
        QCOMPARE(a.fault, fault);
        if (fault == Modbus::Fault::None && frame[7] == 0x83) {
            QCOMPARE(a.kind, Modbus::Answer::Kind::Exception);
            QCOMPARE(a.exception, quint8(2));
        } else if (fault == Modbus::Fault::None) {
            QVERIFY(a.ok());
            QCOMPARE(values, (std::vector<quint16>{1, 2, 3, 0xFFFE}));
        } else {
            QCOMPARE(a.kind, Modbus::Answer::Kind::Invalid);
            QCOMPARE(values, (std::vector<quint16>(4, 0))); // nothing taken from it
        }
    }

    void tcpFrameLengthRefusesImpossibleLengths()
    {
        QCOMPARE(Modbus::tcpFrameLength(Bytes{0, 1, 0, 0, 0}), 0); // header incomplete
        QCOMPARE(Modbus::tcpFrameLength(tcp(1, 0, 1, goodPdu)), 7 + 10);
        QCOMPARE(Modbus::tcpFrameLength(tcp(1, 0, 1, {}, 0)), -1);
        QCOMPARE(Modbus::tcpFrameLength(tcp(1, 0, 1, {}, 65535)), -1);
    }

    void rtuAnswers_data()
    {
        QTest::addColumn<Bytes>("frame");
        QTest::addColumn<Modbus::Fault>("fault");
        QTest::newRow("good") << rtu(5, goodPdu) << Modbus::Fault::None;
        QTest::newRow("another slave") << rtu(6, goodPdu) << Modbus::Fault::UnitId;
        Bytes crc = rtu(5, goodPdu);
        crc.back() ^= 0xFF;
        QTest::newRow("bad CRC") << crc << Modbus::Fault::Crc;
        Bytes cut = rtu(5, goodPdu);
        cut.resize(cut.size() - 3);
        QTest::newRow("cut short") << cut << Modbus::Fault::Short;
        Bytes extra = {0x03, 18};
        extra.resize(20, 0);
        QTest::newRow("more registers") << rtu(5, extra) << Modbus::Fault::ByteCount;
        Bytes trailing = rtu(5, goodPdu);
        trailing.insert(trailing.end(), {0, 1, 2});
        QTest::newRow("bytes after the answer") << trailing << Modbus::Fault::Trailing;
        Bytes fc4 = goodPdu;
        fc4[0] = 4;
        QTest::newRow("function code 04") << rtu(5, fc4) << Modbus::Fault::FunctionCode;
    }

    void rtuAnswers()
    {
        QFETCH(Bytes, frame);
        QFETCH(Modbus::Fault, fault);
        std::vector<quint16> values(4, 0);
        const Modbus::Answer a = Modbus::checkRtu(read4(), frame, values);
        QCOMPARE(a.fault, fault);
        QCOMPARE(a.ok(), fault == Modbus::Fault::None);
        if (a.ok())
            QCOMPARE(values, (std::vector<quint16>{1, 2, 3, 0xFFFE}));
    }

    void writeEchoesMustRepeatWhatWasSent()
    {
        Modbus::Request w;
        w.unit = 1;
        w.function = Modbus::WriteSingleRegister;
        w.address = 10;
        w.count = 1;
        w.values = {42};
        std::vector<quint16> none;
        QVERIFY(Modbus::checkPdu(w, Bytes{6, 0, 10, 0, 42}, none).ok());
        QCOMPARE(Modbus::checkPdu(w, Bytes{6, 0, 11, 0, 42}, none).fault, Modbus::Fault::Echo);
        QCOMPARE(Modbus::checkPdu(w, Bytes{6, 0, 10, 0, 43}, none).fault, Modbus::Fault::Echo);
        w.function = Modbus::WriteMultipleRegisters;
        w.count = 2;
        w.values = {1, 2};
        QVERIFY(Modbus::checkPdu(w, Bytes{0x10, 0, 10, 0, 2}, none).ok());
        QCOMPARE(Modbus::checkPdu(w, Bytes{0x10, 0, 10, 0, 3}, none).fault, Modbus::Fault::Echo);
        w.function = Modbus::WriteSingleCoil;
        w.count = 1;
        w.values = {1};
        QVERIFY(Modbus::checkPdu(w, Bytes{5, 0, 10, 0xFF, 0}, none).ok());
        QCOMPARE(Modbus::checkPdu(w, Bytes{5, 0, 10, 0, 0}, none).fault, Modbus::Fault::Echo);
    }

    void bitsReadAsTheirByteCountSays()
    {
        Modbus::Request r;
        r.function = Modbus::ReadCoils;
        r.count = 10;
        std::vector<quint16> bits(10, 7);
        QVERIFY(Modbus::checkPdu(r, Bytes{1, 2, 0xCD, 0x01}, bits).ok());
        QCOMPARE(bits, (std::vector<quint16>{1, 0, 1, 1, 0, 0, 1, 1, 1, 0}));
        QCOMPARE(Modbus::checkPdu(r, Bytes{1, 1, 0xCD}, bits).fault, Modbus::Fault::ByteCount);
    }
};

QTEST_APPLESS_MAIN(tst_ModbusFrame)
#include "tst_modbusframe.moc"
