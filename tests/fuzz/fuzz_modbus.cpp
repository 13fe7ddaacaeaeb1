// libFuzzer target: the checks every Modbus answer passes before a value is taken from it
// (acquisition/modbusframe.h). Input: a request (function, address, count, unit, transaction id,
// TCP or RTU) in the first 9 bytes, then the bytes the device sent. Whatever the bytes, the
// checks never read or write out of bounds, and an answer they accept really is the answer to
// the request: its transaction id, protocol id, unit, function code, byte count, length and CRC
// are the request's, and a write's echo repeats what was sent.
#include <acquisition/modbusframe.h>
#include <core/modbuscrc.h>

#include <cstdlib>
#include <vector>

using namespace PumpWatch::Acquisition;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

quint16 be16(const uint8_t* p)
{
    return static_cast<quint16>(p[0] << 8 | p[1]);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 9)
        return 0;
    static const quint8 functions[] = {
        Modbus::ReadCoils,          Modbus::ReadDiscreteInputs,    Modbus::ReadHoldingRegisters,
        Modbus::ReadInputRegisters, Modbus::WriteSingleCoil,       Modbus::WriteSingleRegister,
        Modbus::WriteMultipleCoils, Modbus::WriteMultipleRegisters};
    Modbus::Request r;
    r.function = functions[data[0] % 8];
    r.address = be16(data + 1);
    const bool bits = r.function == Modbus::ReadCoils || r.function == Modbus::ReadDiscreteInputs ||
                      r.function == Modbus::WriteMultipleCoils;
    const int max =
        r.function == Modbus::WriteSingleCoil || r.function == Modbus::WriteSingleRegister ? 1
        : r.function == Modbus::WriteMultipleCoils                                         ? 1968
        : r.function == Modbus::WriteMultipleRegisters                                     ? 123
        : bits ? Modbus::MaxReadBits
               : Modbus::MaxReadRegisters;
    r.count = static_cast<quint16>(1 + be16(data + 3) % max);
    r.unit = data[5];
    const quint16 tid = be16(data + 6);
    const bool tcp = data[8] & 1;
    if (!Modbus::isRead(r.function)) {
        for (int i = 0; i < r.count; ++i)
            r.values.push_back(static_cast<quint16>(data[(9 + i) % size] * 257));
    }
    const std::span<const quint8> answer(data + 9, size - 9);

    quint8 frame[Modbus::MaxTcpFrame + Modbus::MaxRtuFrame];
    const int sent = tcp ? Modbus::encodeTcp(r, tid, frame) : Modbus::encodeRtu(r, frame);
    require(sent > 0 && sent <= (tcp ? Modbus::MaxTcpFrame : Modbus::MaxRtuFrame));

    std::vector<quint16> values(r.count, 0xBEEF); // exactly as many as asked: ASan guards the end
    Modbus::Answer a;
    std::span<const quint8> pdu;
    if (tcp) {
        const int length = Modbus::tcpFrameLength(answer);
        if (length <= 0 || static_cast<std::size_t>(length) > answer.size())
            return 0;
        const auto whole = answer.first(static_cast<std::size_t>(length));
        a = Modbus::checkTcp(r, tid, whole, values);
        if (a.kind == Modbus::Answer::Kind::Invalid)
            return 0;
        require(be16(whole.data()) == tid && be16(whole.data() + 2) == 0);
        require(be16(whole.data() + 4) == whole.size() - 6 && whole[6] == r.unit);
        pdu = whole.subspan(7);
    } else {
        a = Modbus::checkRtu(r, answer, values);
        if (a.kind == Modbus::Answer::Kind::Invalid)
            return 0;
        require(answer.size() >= 4 && answer[0] == r.unit);
        const quint16 crc = PumpWatch::ModbusCrc::crc16(answer.first(answer.size() - 2));
        require(answer[answer.size() - 2] == (crc & 0xFF) && answer[answer.size() - 1] == crc >> 8);
        require(Modbus::rtuFrameLength(r, answer) == static_cast<int>(answer.size()));
        pdu = answer.subspan(1, answer.size() - 3);
    }
    if (a.kind == Modbus::Answer::Kind::Exception) {
        require(pdu.size() == 2 && pdu[0] == (r.function | 0x80) && pdu[1] == a.exception);
        return 0;
    }
    require(pdu[0] == r.function);
    if (Modbus::isRead(r.function)) {
        const std::size_t bytes = bits ? (r.count + 7u) / 8u : 2u * r.count;
        require(pdu[1] == bytes && pdu.size() == 2 + bytes);
        for (std::size_t i = 0; i < r.count; ++i)
            require(values[i] ==
                    (bits ? (pdu[2 + i / 8] >> (i % 8)) & 1 : be16(pdu.data() + 2 + 2 * i)));
    } else {
        require(pdu.size() == 5 && be16(pdu.data() + 1) == r.address);
        const quint16 echo = be16(pdu.data() + 3);
        if (r.function == Modbus::WriteSingleCoil)
            require(echo == (r.values[0] ? 0xFF00 : 0x0000));
        else if (r.function == Modbus::WriteSingleRegister)
            require(echo == r.values[0]);
        else
            require(echo == r.count);
    }
    return 0;
}
