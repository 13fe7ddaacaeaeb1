#include "registercodec.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace PumpWatch::RegisterCodec {
namespace {

template <typename T>
T saturate(double raw)
{
    if (std::isnan(raw))
        return 0;
    const double r = std::round(raw);
    if (r <= static_cast<double>(std::numeric_limits<T>::min()))
        return std::numeric_limits<T>::min();
    if (r >= static_cast<double>(std::numeric_limits<T>::max()))
        return std::numeric_limits<T>::max();
    return static_cast<T>(r);
}

quint16 swapBytes(quint16 v)
{
    return static_cast<quint16>((v >> 8) | (v << 8));
}

bool reversesWords(WordOrder order)
{
    return order == WordOrder::CDAB || order == WordOrder::DCBA;
}

bool swapsBytes(WordOrder order)
{
    return order == WordOrder::BADC || order == WordOrder::DCBA;
}

/// Big-endian words of `bits` (most significant first) laid out in `order`.
void put(quint64 bits, int words, WordOrder order, std::span<quint16> regs)
{
    for (int i = 0; i < words; ++i) {
        auto w = static_cast<quint16>(bits >> (16 * (words - 1 - i)));
        if (swapsBytes(order))
            w = swapBytes(w);
        regs[static_cast<std::size_t>(reversesWords(order) ? words - 1 - i : i)] = w;
    }
}

quint64 take(std::span<const quint16> regs, int words, WordOrder order)
{
    quint64 bits = 0;
    for (int i = 0; i < words; ++i) {
        quint16 w = regs[static_cast<std::size_t>(reversesWords(order) ? words - 1 - i : i)];
        if (swapsBytes(order))
            w = swapBytes(w);
        bits = (bits << 16) | w;
    }
    return bits;
}

} // namespace

int registerCount(DataType type)
{
    return std::max(1, dataTypeBits(type) / 16);
}

void encode(double raw, DataType type, WordOrder order, std::span<quint16> regs)
{
    switch (type) {
    case DataType::Bool:
        regs[0] = raw != 0 ? 1 : 0;
        return;
    case DataType::Int8:
        regs[0] = static_cast<quint8>(saturate<qint8>(raw));
        return;
    case DataType::UInt8:
        regs[0] = saturate<quint8>(raw);
        return;
    case DataType::Int16:
        put(static_cast<quint16>(saturate<qint16>(raw)), 1, order, regs);
        return;
    case DataType::UInt16:
        put(saturate<quint16>(raw), 1, order, regs);
        return;
    case DataType::Int32:
        put(static_cast<quint32>(saturate<qint32>(raw)), 2, order, regs);
        return;
    case DataType::UInt32:
        put(saturate<quint32>(raw), 2, order, regs);
        return;
    case DataType::Float32:
        put(std::bit_cast<quint32>(static_cast<float>(raw)), 2, order, regs);
        return;
    case DataType::Float64:
        put(std::bit_cast<quint64>(raw), 4, order, regs);
        return;
    case DataType::Invalid:
        return;
    }
}

double decode(std::span<const quint16> regs, DataType type, WordOrder order)
{
    // Fewer registers than the type needs (a byte address read as a 32-bit value, a short
    // answer): no value, never a read past the answer.
    if (type == DataType::Invalid || std::ssize(regs) < registerCount(type))
        return std::numeric_limits<double>::quiet_NaN();
    switch (type) {
    case DataType::Bool:
        return regs[0] != 0 ? 1 : 0;
    case DataType::Int8:
        return static_cast<qint8>(regs[0] & 0xFF);
    case DataType::UInt8:
        return regs[0] & 0xFF;
    case DataType::Int16:
        return static_cast<qint16>(take(regs, 1, order));
    case DataType::UInt16:
        return static_cast<quint16>(take(regs, 1, order));
    case DataType::Int32:
        return static_cast<qint32>(take(regs, 2, order));
    case DataType::UInt32:
        return static_cast<quint32>(take(regs, 2, order));
    case DataType::Float32:
        return std::bit_cast<float>(static_cast<quint32>(take(regs, 2, order)));
    case DataType::Float64:
        return std::bit_cast<double>(take(regs, 4, order));
    case DataType::Invalid:
        break;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

void write(const ModbusLocation& location, DataType type, WordOrder order, double raw,
           std::span<quint16> regs)
{
    if (location.bit >= 0) {
        const auto mask = static_cast<quint16>(1u << location.bit);
        regs[0] = raw != 0 ? (regs[0] | mask) : (regs[0] & ~mask);
        return;
    }
    if (location.byte >= 0) {
        quint16 b = 0;
        encode(raw, type, order, {&b, 1});
        regs[0] = location.byte == 0 ? static_cast<quint16>((regs[0] & 0x00FF) | (b << 8))
                                     : static_cast<quint16>((regs[0] & 0xFF00) | (b & 0xFF));
        return;
    }
    encode(raw, type, order, regs);
}

double read(const ModbusLocation& location, DataType type, WordOrder order,
            std::span<const quint16> regs)
{
    if (regs.empty())
        return std::numeric_limits<double>::quiet_NaN();
    if (location.bit >= 0)
        return (regs[0] >> location.bit) & 1u;
    if (location.byte >= 0) {
        const quint16 b = location.byte == 0 ? regs[0] >> 8 : regs[0] & 0xFF;
        return decode({&b, 1}, type, order);
    }
    return decode(regs, type, order);
}

} // namespace PumpWatch::RegisterCodec
