#include "datatype.h"

#include <array>
#include <utility>

namespace PumpWatch {
namespace {

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
{
    for (const auto& [e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return QString();
}

template <typename Enum, std::size_t N>
Enum parse(const std::array<std::pair<Enum, const char*>, N>& table, QStringView text)
{
    for (const auto& [e, name] : table) {
        if (QLatin1StringView(name).compare(text, Qt::CaseInsensitive) == 0)
            return e;
    }
    return Enum::Invalid;
}

constexpr std::array<std::pair<DataType, const char*>, 9> dataTypes{{
    {DataType::Bool, "bool"},
    {DataType::Int8, "int8"},
    {DataType::UInt8, "uint8"},
    {DataType::Int16, "int16"},
    {DataType::UInt16, "uint16"},
    {DataType::Int32, "int32"},
    {DataType::UInt32, "uint32"},
    {DataType::Float32, "float32"},
    {DataType::Float64, "float64"},
}};

constexpr std::array<std::pair<WordOrder, const char*>, 4> wordOrders{{
    {WordOrder::ABCD, "ABCD"},
    {WordOrder::CDAB, "CDAB"},
    {WordOrder::BADC, "BADC"},
    {WordOrder::DCBA, "DCBA"},
}};

constexpr std::array<std::pair<Access, const char*>, 2> accesses{{
    {Access::Read, "r"},
    {Access::ReadWrite, "rw"},
}};

constexpr std::array<std::pair<Protocol, const char*>, 4> protocols{{
    {Protocol::ModbusTcp, "modbus-tcp"},
    {Protocol::ModbusRtu, "modbus-rtu"},
    {Protocol::MqttNeuron, "mqtt-neuron"},
    {Protocol::MqttSparkplug, "mqtt-sparkplug"},
}};

constexpr std::array<std::pair<AddressingMode, const char*>, 2> addressingModes{{
    {AddressingMode::Modbus, "modbus"},
    {AddressingMode::S7V, "s7-v"},
}};

} // namespace

int dataTypeBits(DataType type)
{
    switch (type) {
    case DataType::Invalid:
        return 0;
    case DataType::Bool:
        return 1;
    case DataType::Int8:
    case DataType::UInt8:
        return 8;
    case DataType::Int16:
    case DataType::UInt16:
        return 16;
    case DataType::Int32:
    case DataType::UInt32:
    case DataType::Float32:
        return 32;
    case DataType::Float64:
        return 64;
    }
    return 0;
}

bool isIntegerType(DataType type)
{
    return type != DataType::Invalid && type != DataType::Bool && type != DataType::Float32 &&
           type != DataType::Float64;
}

QString dataTypeName(DataType type)
{
    return nameOf(dataTypes, type);
}
DataType parseDataType(QStringView text)
{
    return parse(dataTypes, text);
}
QString wordOrderName(WordOrder order)
{
    return nameOf(wordOrders, order);
}
WordOrder parseWordOrder(QStringView text)
{
    return parse(wordOrders, text);
}
QString accessName(Access access)
{
    return nameOf(accesses, access);
}
Access parseAccess(QStringView text)
{
    return parse(accesses, text);
}
QString protocolName(Protocol protocol)
{
    return nameOf(protocols, protocol);
}
Protocol parseProtocol(QStringView text)
{
    return parse(protocols, text);
}
QString addressingModeName(AddressingMode mode)
{
    return nameOf(addressingModes, mode);
}
AddressingMode parseAddressingMode(QStringView text)
{
    return parse(addressingModes, text);
}

} // namespace PumpWatch
