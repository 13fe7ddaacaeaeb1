// Modbus request framing for the simulator's servers: where a request ends in a TCP stream or
// on an RTU line, its CRC, and what it asks for. libmodbus's own modbus_receive() blocks until
// a frame is complete and sleeps on bad quantities (response_exception(..., to_flush)), which
// would stall every other station of the epoll loop, so framing and validation are done here
// and libmodbus only builds and sends the replies. Pure functions, any thread.
//
//     FrameLength n = tcpFrameLength(buffer);      // Incomplete, Invalid or the byte count
//     ModbusCrc::valid(frame)                       // core/modbuscrc.h
//     Request r = parseRequest(pdu);                // function, area, start, count, writes
#pragma once

#include <core/address.h>

#include <QtGlobal>

#include <span>

namespace PumpWatch::Sim::ModbusFrame {

constexpr int Incomplete = 0;
constexpr int Invalid = -1;
constexpr int TcpHeader = 7; ///< MBAP: transaction, protocol, length, unit id

/// Length of the TCP request at the front of `data`: Incomplete, Invalid (protocol id not 0,
/// length field out of 2..254) or the byte count including the MBAP header.
int tcpFrameLength(std::span<const quint8> data);
/// Length of the RTU request at the front of `data` from its function code: Incomplete,
/// Invalid (a function the simulator does not know) or the byte count including the CRC.
int rtuFrameLength(std::span<const quint8> data);

struct Request {
    quint8 function = 0;
    AddressArea area = AddressArea::Invalid; ///< the table it reads or writes
    quint16 start = 0;
    quint16 count = 0;
    bool write = false;
    /// 0 when libmodbus may answer; else the exception code to answer with (3: a quantity
    /// outside the protocol's limits, which libmodbus would answer after a blocking sleep).
    quint8 exception = 0;
};

/// What the PDU (function code onwards) asks for.
Request parseRequest(std::span<const quint8> pdu);

} // namespace PumpWatch::Sim::ModbusFrame
