// Tag addresses as engineers write them in address tables, and their Modbus location.
//
// Accepted spellings:
//   S7-200 SMART V memory:  VB100, VW100, VD1000, V100.3 (byte.bit)
//   Modbus, 0-based PDU:    HR100, IR100, CO100, DI100, HR100.3 (bit 0..15 of a register)
//   Modbus, 1-based Modicon: 40001 / 400001 (holding), 30001 (input), 10001 (discrete), 00001
//   (coil),
//                            40001.3
// The text is kept as written so that project files round-trip. S7 V memory maps onto holding
// registers from the device's HoldStart V byte: register = (V byte − HoldStart) / 2, and the
// even byte is the high byte of its register (S7 is big-endian; PROTOCOLS.md §3).
// Pure value types and functions, any thread.
//
//     auto parsed = Address::parse(u"VD1000");           // parsed.address->widthBits == 32
//     auto loc = toModbus(*parsed.address, DataType::Float32, AddressingMode::S7V, 1000);
//     // loc.location.start == 0, loc.location.count == 2
#pragma once

#include "datatype.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace PumpWatch {

enum class AddressArea : quint8 {
    Invalid = 0,
    Coil,
    DiscreteInput,
    InputRegister,
    HoldingRegister,
    S7V,
};

struct AddressParse;

struct Address {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Address)

public:
    AddressArea area = AddressArea::Invalid;
    quint32 index = 0;    ///< 0-based coil/register number, or the V byte
    qint8 bit = -1;       ///< bit in the register (0..15) or V byte (0..7); -1 if none
    quint8 widthBits = 0; ///< fixed width (1 for bits, 8/16/32 for VB/VW/VD); 0 = by data type
    QString text;         ///< as written

    bool isValid() const { return area != AddressArea::Invalid; }
    bool isBit() const { return widthBits == 1; }

    static AddressParse parse(QStringView text);
    friend bool operator==(const Address&, const Address&) = default;
};

struct AddressParse {
    std::optional<Address> address;
    QString error; ///< why the text is not an address, when address is empty
};

/// Empty when a value of `type` fits the address; otherwise why not.
QString typeMismatch(const Address& address, DataType type);

struct ModbusLocation {
    AddressArea area =
        AddressArea::Invalid; ///< Coil, DiscreteInput, InputRegister, HoldingRegister
    quint16 start = 0;        ///< 0-based PDU address
    quint16 count = 0;        ///< coils or registers
    qint8 bit = -1;           ///< bit within the (single) register; -1 if none
    qint8 byte = -1; ///< for 8-bit values: 0 = high byte, 1 = low byte; -1 if whole registers
};

struct ModbusMapping {
    std::optional<ModbusLocation> location;
    QString error;
};

/// Where `address` holding a `type` lives on a Modbus device addressed with `mode`.
ModbusMapping toModbus(const Address& address, DataType type, AddressingMode mode,
                       quint32 holdStartByte);

} // namespace PumpWatch
