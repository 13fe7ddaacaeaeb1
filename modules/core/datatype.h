// Small enums of the device model and their stable spellings in project files.
//
// Each enum has 0 = Invalid; the `parse...` functions return Invalid for unknown text so the
// project reader can report it. Pure functions, any thread.
#pragma once

#include <QString>

namespace PumpWatch {

enum class DataType : quint8 {
    Invalid = 0,
    Bool,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
    Float64,
};

/// Register word and byte order of multi-register values; 123.45f = 0x42F6E666 reads as
/// ABCD: 42F6 E666, CDAB: E666 42F6, BADC: F642 66E6, DCBA: 66E6 F642.
enum class WordOrder : quint8 { Invalid = 0, ABCD, CDAB, BADC, DCBA };

enum class Access : quint8 { Invalid = 0, Read, ReadWrite };

/// How a device is reached: a PLC polled over Modbus, or an IoT gateway publishing over MQTT
/// (EMQ Neuron's JSON, or a Sparkplug B edge node; PROTOCOLS.md §1–2).
enum class Protocol : quint8 { Invalid = 0, ModbusTcp, ModbusRtu, MqttNeuron, MqttSparkplug };

constexpr bool isMqtt(Protocol protocol)
{
    return protocol == Protocol::MqttNeuron || protocol == Protocol::MqttSparkplug;
}

/// How a device's tag addresses reach Modbus: plain Modbus references, or S7-200 SMART V memory
/// mapped onto holding registers from a HoldStart V byte (PROTOCOLS.md §3).
enum class AddressingMode : quint8 { Invalid = 0, Modbus, S7V };

/// Width of the value in bits (Bool = 1).
int dataTypeBits(DataType type);
bool isIntegerType(DataType type);

QString dataTypeName(DataType type);
DataType parseDataType(QStringView text);
QString wordOrderName(WordOrder order);
WordOrder parseWordOrder(QStringView text);
QString accessName(Access access);
Access parseAccess(QStringView text);
QString protocolName(Protocol protocol);
Protocol parseProtocol(QStringView text);
QString addressingModeName(AddressingMode mode);
AddressingMode parseAddressingMode(QStringView text);

} // namespace PumpWatch
