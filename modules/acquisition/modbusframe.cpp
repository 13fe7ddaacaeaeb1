#include "modbusframe.h"

#include <core/modbuscrc.h>

#include <algorithm>

namespace PumpWatch::Acquisition::Modbus {

namespace {

constexpr quint8 ExceptionBit = 0x80;

quint16 be16(const quint8* p)
{
    return static_cast<quint16>(p[0] << 8 | p[1]);
}

void putBe16(quint8* p, quint16 v)
{
    p[0] = static_cast<quint8>(v >> 8);
    p[1] = static_cast<quint8>(v & 0xFF);
}

Answer invalid(Fault fault, int expected, int got)
{
    return {Answer::Kind::Invalid, fault, 0, expected, got};
}

bool isBitFunction(quint8 function)
{
    return function == ReadCoils || function == ReadDiscreteInputs;
}

int readByteCount(const Request& r)
{
    return isBitFunction(r.function) ? (r.count + 7) / 8 : 2 * r.count;
}

/// The PDU of a good answer, from its function code on; 0 for a function code not ours.
int answerPduLength(const Request& r)
{
    if (isRead(r.function))
        return 2 + readByteCount(r);
    return 5; // writes echo address and value or quantity
}

int encodePdu(const Request& r, quint8* out)
{
    out[0] = r.function;
    putBe16(out + 1, r.address);
    switch (r.function) {
    case WriteSingleCoil:
        putBe16(out + 3, !r.values.empty() && r.values[0] != 0 ? 0xFF00 : 0x0000);
        return 5;
    case WriteSingleRegister:
        putBe16(out + 3, r.values.empty() ? 0 : r.values[0]);
        return 5;
    case WriteMultipleCoils: {
        const int bytes = (r.count + 7) / 8;
        putBe16(out + 3, r.count);
        out[5] = static_cast<quint8>(bytes);
        std::fill(out + 6, out + 6 + bytes, quint8(0));
        for (int i = 0; i < r.count && i < static_cast<int>(r.values.size()); ++i) {
            if (r.values[static_cast<std::size_t>(i)] != 0)
                out[6 + i / 8] |= static_cast<quint8>(1u << (i % 8));
        }
        return 6 + bytes;
    }
    case WriteMultipleRegisters:
        putBe16(out + 3, r.count);
        out[5] = static_cast<quint8>(2 * r.count);
        for (int i = 0; i < r.count; ++i)
            putBe16(out + 6 + 2 * i, i < static_cast<int>(r.values.size())
                                         ? r.values[static_cast<std::size_t>(i)]
                                         : 0);
        return 6 + 2 * r.count;
    default: // reads
        putBe16(out + 3, r.count);
        return 5;
    }
}

} // namespace

bool isRead(quint8 function)
{
    return function >= ReadCoils && function <= ReadInputRegisters;
}

const char* faultName(Fault fault)
{
    static const char* const names[FaultCount] = {
        "none",       "transaction id", "protocol id", "length", "unit id",       "function code",
        "byte count", "write echo",     "CRC",         "short",  "trailing bytes"};
    const auto i = static_cast<int>(fault);
    return i < FaultCount ? names[i] : "?";
}

int encodeTcp(const Request& request, quint16 transactionId, quint8* out)
{
    const int pdu = encodePdu(request, out + 7);
    putBe16(out, transactionId);
    putBe16(out + 2, 0);
    putBe16(out + 4, static_cast<quint16>(pdu + 1));
    out[6] = request.unit;
    return 7 + pdu;
}

int encodeRtu(const Request& request, quint8* out)
{
    out[0] = request.unit;
    const int n = 1 + encodePdu(request, out + 1);
    const quint16 crc = ModbusCrc::crc16({out, static_cast<std::size_t>(n)});
    out[n] = static_cast<quint8>(crc & 0xFF); // low byte first
    out[n + 1] = static_cast<quint8>(crc >> 8);
    return n + 2;
}

Answer checkPdu(const Request& r, std::span<const quint8> pdu, std::span<quint16> values)
{
    if (pdu.empty())
        return invalid(Fault::Short, answerPduLength(r), 0);
    const quint8 function = pdu[0];
    if (function == (r.function | ExceptionBit)) {
        if (pdu.size() != 2)
            return invalid(pdu.size() < 2 ? Fault::Short : Fault::ByteCount, 2,
                           static_cast<int>(pdu.size()));
        return {Answer::Kind::Exception, Fault::None, pdu[1], 0, 0};
    }
    if (function != r.function)
        return invalid(Fault::FunctionCode, r.function, function);
    if (isRead(r.function)) {
        if (pdu.size() < 2)
            return invalid(Fault::Short, answerPduLength(r), static_cast<int>(pdu.size()));
        const int byteCount = pdu[1];
        const int expected = readByteCount(r);
        if (byteCount != expected)
            return invalid(Fault::ByteCount, expected, byteCount);
        if (static_cast<int>(pdu.size()) != 2 + byteCount)
            return invalid(static_cast<int>(pdu.size()) < 2 + byteCount ? Fault::Short
                                                                        : Fault::ByteCount,
                           2 + byteCount, static_cast<int>(pdu.size()));
        const quint8* data = pdu.data() + 2;
        const auto n = std::min<std::size_t>(r.count, values.size());
        for (std::size_t i = 0; i < n; ++i) {
            values[i] = isBitFunction(r.function)
                            ? static_cast<quint16>((data[i / 8] >> (i % 8)) & 1)
                            : be16(data + 2 * i);
        }
        return {Answer::Kind::Values, Fault::None, 0, 0, 0};
    }
    if (pdu.size() != 5)
        return invalid(pdu.size() < 5 ? Fault::Short : Fault::ByteCount, 5,
                       static_cast<int>(pdu.size()));
    const quint16 address = be16(pdu.data() + 1);
    if (address != r.address)
        return invalid(Fault::Echo, r.address, address);
    const quint16 second = be16(pdu.data() + 3);
    quint16 sent = r.count;
    if (r.function == WriteSingleCoil)
        sent = !r.values.empty() && r.values[0] != 0 ? 0xFF00 : 0x0000;
    else if (r.function == WriteSingleRegister)
        sent = r.values.empty() ? 0 : r.values[0];
    if (second != sent)
        return invalid(Fault::Echo, sent, second);
    return {Answer::Kind::Values, Fault::None, 0, 0, 0};
}

int tcpFrameLength(std::span<const quint8> buffer)
{
    if (buffer.size() < 7)
        return 0;
    const int length = be16(buffer.data() + 4);
    if (length < 2 || length > MaxPdu + 1)
        return -1;
    return 6 + length;
}

Answer checkTcp(const Request& r, quint16 transactionId, std::span<const quint8> frame,
                std::span<quint16> values)
{
    if (frame.size() < 7)
        return invalid(Fault::Short, 7, static_cast<int>(frame.size()));
    const quint16 tid = be16(frame.data());
    if (tid != transactionId)
        return invalid(Fault::TransactionId, transactionId, tid);
    const quint16 protocol = be16(frame.data() + 2);
    if (protocol != 0)
        return invalid(Fault::ProtocolId, 0, protocol);
    const int length = be16(frame.data() + 4);
    if (length < 2 || length > MaxPdu + 1 || static_cast<int>(frame.size()) != 6 + length)
        return invalid(Fault::Length, static_cast<int>(frame.size()) - 6, length);
    if (frame[6] != r.unit)
        return invalid(Fault::UnitId, r.unit, frame[6]);
    return checkPdu(r, frame.subspan(7), values);
}

int rtuFrameLength(const Request& r, std::span<const quint8> buffer)
{
    if (buffer.size() < 2)
        return 0;
    const quint8 function = buffer[1];
    if (function == (r.function | ExceptionBit))
        return 5;
    if (function != r.function)
        return -1;
    if (!isRead(r.function))
        return 8;
    if (buffer.size() < 3)
        return 0;
    return 3 + buffer[2] + 2;
}

Answer checkRtu(const Request& r, std::span<const quint8> frame, std::span<quint16> values)
{
    // Read as far as the frame goes: a cut-off answer is "short", whatever its CRC says.
    const int length = rtuFrameLength(r, frame);
    if (frame.size() < 4 || (length > 0 && static_cast<int>(frame.size()) < length))
        return invalid(Fault::Short, length > 0 ? length : 1 + answerPduLength(r) + 2,
                       static_cast<int>(frame.size()));
    const auto body = frame.first(frame.size() - 2);
    const quint16 crc =
        static_cast<quint16>(frame[frame.size() - 2] | frame[frame.size() - 1] << 8);
    const quint16 computed = ModbusCrc::crc16(body);
    if (crc != computed) {
        // The answer itself may be whole and good, with bytes after it.
        if (length > 0 && static_cast<int>(frame.size()) > length &&
            ModbusCrc::crc16(frame.first(static_cast<std::size_t>(length) - 2)) ==
                static_cast<quint16>(frame[static_cast<std::size_t>(length) - 2] |
                                     frame[static_cast<std::size_t>(length) - 1] << 8))
            return invalid(Fault::Trailing, length, static_cast<int>(frame.size()));
        return invalid(Fault::Crc, computed, crc);
    }
    if (frame[0] != r.unit)
        return invalid(Fault::UnitId, r.unit, frame[0]);
    return checkPdu(r, body.subspan(1), values);
}

} // namespace PumpWatch::Acquisition::Modbus
