// The Modbus RTU CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF, low byte first on the
// wire), shared by the simulator's servers and acquisition's driver. Pure functions, any thread.
//
//     const quint16 crc = ModbusCrc::crc16(frame.first(n));   // 01 03 00 00 00 02 → 0x0BC4
//     ModbusCrc::valid(frame);                                // its last two bytes are the CRC
#pragma once
#include <QtGlobal>

#include <span>

namespace PumpWatch::ModbusCrc {

quint16 crc16(std::span<const quint8> data);
/// The last two bytes are the CRC of the rest, low byte first (false under 4 bytes).
bool valid(std::span<const quint8> frame);

} // namespace PumpWatch::ModbusCrc
