// RegisterCodec: values in Modbus registers, by data type and word order, done in our own code
// (libmodbus 3.1.6's float setters are broken, Qt has no float helpers; PROTOCOLS.md §6).
//
// Word orders name the byte layout of a 32-bit value A B C D (A most significant):
//   ABCD  registers AB CD       (S7, Modicon "big endian")
//   CDAB  registers CD AB       (word swap)
//   BADC  registers BA DC       (byte swap in each register)
//   DCBA  registers DC BA       (both)
// The same two rules generalise to 16 and 64 bits: CDAB/DCBA reverse the order of the
// registers, BADC/DCBA swap the two bytes of each register. A bit or an 8-bit value inside a
// register is not affected by the order. Raw values are numbers before scaling: integers are
// rounded to the nearest and saturated at the type's range; a NaN integer is written as 0.
// Pure functions, any thread.
//
//     quint16 regs[2];
//     RegisterCodec::encode(123.45, DataType::Float32, WordOrder::CDAB, regs); // E666 42F6
//     RegisterCodec::decode(regs, DataType::Float32, WordOrder::CDAB);         // 123.45f
#pragma once

#include "address.h"
#include "datatype.h"

#include <span>

namespace PumpWatch::RegisterCodec {

/// Registers a value of `type` takes when it fills whole registers (1 for 8/16 bits, 2, 4).
int registerCount(DataType type);

/// Writes `raw` as `type` into regs[0..registerCount(type)).
void encode(double raw, DataType type, WordOrder order, std::span<quint16> regs);
double decode(std::span<const quint16> regs, DataType type, WordOrder order);

/// A value at a register location: a bit, a byte or whole registers (ModbusLocation::bit /
/// byte decide). `regs` starts at location.start. Bits and bytes are read-modify-write.
void write(const ModbusLocation& location, DataType type, WordOrder order, double raw,
           std::span<quint16> regs);
double read(const ModbusLocation& location, DataType type, WordOrder order,
            std::span<const quint16> regs);

} // namespace PumpWatch::RegisterCodec
