// Modbus framing and answer checks: requests encoded for TCP (MBAP) and RTU (CRC), and every
// answer checked against the request it answers before a value leaves the driver.
//
// The checks are libmodbus 3.1.6's confirmation check (`check_confirmation`) and more:
// - TCP: the transaction id is the request's, the protocol id is 0, the MBAP length is 2..254
//   and matches the PDU, the unit id is the request's (behind a TCP-to-RTU gateway another
//   unit's answer is another station's data);
// - RTU: the CRC, the slave address, a frame neither cut short nor followed by more bytes;
// - both: the function code is the request's, or it + 0x80 with an exception code; reads carry
//   a byte count of 2·n (registers) or ⌈n/8⌉ (bits) and exactly that many bytes; writes echo the
//   address and the value (single) or the quantity (multiple) that were sent.
//
// Pure functions on bytes, no I/O, any thread (the fuzz target fuzz_modbus drives them).
//
//     Modbus::Request r{.unit = 1, .function = Modbus::ReadHoldingRegisters, .address = 0,
//                       .count = 10};
//     quint8 frame[Modbus::MaxTcpFrame];
//     const int n = Modbus::encodeTcp(r, tid, frame);
//     ... receive into buf ...
//     quint16 regs[125];
//     const Modbus::Answer a = Modbus::checkTcp(r, tid, {buf, len}, regs);
#pragma once
#include <QtGlobal>

#include <span>
#include <vector>

namespace PumpWatch::Acquisition::Modbus {

enum Function : quint8 {
    ReadCoils = 0x01,
    ReadDiscreteInputs = 0x02,
    ReadHoldingRegisters = 0x03,
    ReadInputRegisters = 0x04,
    WriteSingleCoil = 0x05,
    WriteSingleRegister = 0x06,
    WriteMultipleCoils = 0x0F,
    WriteMultipleRegisters = 0x10,
};

constexpr int MaxPdu = 253;
constexpr int MaxTcpFrame = 7 + MaxPdu;
constexpr int MaxRtuFrame = 1 + MaxPdu + 2;
constexpr int MaxReadRegisters = 125;
constexpr int MaxReadBits = 2000;

struct Request {
    quint8 unit = 1;
    quint8 function = ReadHoldingRegisters;
    quint16 address = 0;
    quint16 count = 1;           ///< registers or bits read or written
    std::vector<quint16> values; ///< writes: the registers, or 0/1 per coil
};

bool isRead(quint8 function);

/// What is wrong with an answer. Stable: the numbers name counters and log lines.
enum class Fault : quint8 {
    None = 0,
    TransactionId, ///< TCP: not the transaction id of the request
    ProtocolId,    ///< TCP: not 0
    Length,        ///< TCP: MBAP length 0, over 254, or not that of the PDU
    UnitId,        ///< another unit's (slave's) answer
    FunctionCode,  ///< neither the request's function code nor it + 0x80
    ByteCount,     ///< not 2·n or ⌈n/8⌉, or not as many bytes as it says
    Echo,          ///< a write's echo does not repeat the address and value/quantity sent
    Crc,           ///< RTU: the CRC does not match
    Short,         ///< the answer ended before it was complete
    Trailing,      ///< RTU: more bytes after the answer
};
constexpr int FaultCount = 11;

/// "function code", "unit id", … (for logs; people get the driver's translated text).
const char* faultName(Fault fault);

struct Answer {
    enum class Kind : quint8 { Values, Exception, Invalid };
    Kind kind = Kind::Invalid;
    Fault fault = Fault::None;
    quint8 exception = 0; ///< Exception: its code
    int expected = 0;     ///< Invalid: what the request called for (a code, a count, a length)
    int got = 0;          ///< Invalid: what came
    bool ok() const { return kind == Kind::Values; }
};

/// Encodes a request; returns the frame's length. `out` holds MaxTcpFrame / MaxRtuFrame bytes.
int encodeTcp(const Request& request, quint16 transactionId, quint8* out);
int encodeRtu(const Request& request, quint8* out);

/// Checks a PDU (function code onwards) against the request. A read's values go to `values`
/// (registers, or one 0/1 per bit; at least request.count entries).
Answer checkPdu(const Request& request, std::span<const quint8> pdu, std::span<quint16> values);

/// TCP: how many bytes the frame that starts `buffer` has in all (7 + MBAP length - 1), 0 if
/// the header is not complete yet, or -1 if its length cannot be a Modbus frame's.
int tcpFrameLength(std::span<const quint8> buffer);
/// TCP: checks one whole frame (tcpFrameLength bytes).
Answer checkTcp(const Request& request, quint16 transactionId, std::span<const quint8> frame,
                std::span<quint16> values);

/// RTU: how many bytes the answer to `request` that starts `buffer` has in all, from its
/// function code and byte count; 0 if not known yet, -1 if it cannot be told (a function code
/// that is not the request's) — then the frame ends when the line goes quiet.
int rtuFrameLength(const Request& request, std::span<const quint8> buffer);
/// RTU: checks a frame as it ended (by length or silence): length, CRC, slave address, PDU.
Answer checkRtu(const Request& request, std::span<const quint8> frame, std::span<quint16> values);

} // namespace PumpWatch::Acquisition::Modbus
