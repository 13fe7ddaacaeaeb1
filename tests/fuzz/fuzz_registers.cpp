// libFuzzer target: decoding a device's answer — an address as a PLC table writes it ("VD1036",
// "V1100.3", "40001"), mapped to Modbus as acquisition maps it, then read from the registers the
// device answered. Input: the address text, then one byte each for the data type, the word order
// and the addressing mode, then the registers' bytes (big-endian, as on the wire).
#include <core/address.h>
#include <core/registercodec.h>

#include <cmath>
#include <cstdlib>
#include <vector>

using namespace PumpWatch;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    size_t i = 0;
    while (i < size && data[i] >= 0x20)
        ++i;
    if (size - i < 3)
        return 0;
    const QString text = QString::fromLatin1(reinterpret_cast<const char*>(data), qsizetype(i));
    const auto type = static_cast<DataType>(data[i] % 10);
    const auto order = static_cast<WordOrder>(data[i + 1] % 5);
    const auto mode = static_cast<AddressingMode>(data[i + 2] % 3);
    const AddressParse parsed = Address::parse(text);
    if (!parsed.address || type == DataType::Invalid || order == WordOrder::Invalid ||
        mode == AddressingMode::Invalid)
        return 0;
    const ModbusMapping mapping = toModbus(*parsed.address, type, mode, 1000);
    if (!mapping.location)
        return 0;
    const ModbusLocation& at = *mapping.location;
    if (at.count == 0 || at.count > 4)
        std::abort(); // no value spans more than four registers
    std::vector<quint16> regs(at.count, 0);
    for (size_t r = 0, b = i + 3; r < regs.size() && b + 1 < size; ++r, b += 2)
        regs[r] = quint16(data[b] << 8 | data[b + 1]);
    const double value = RegisterCodec::read(at, type, order, regs);
    // Integers and bits decode to whole numbers (or NaN when the location is too narrow for the
    // type, which validation refuses in a project); floats may be anything.
    if (type != DataType::Float32 && type != DataType::Float64 && !std::isnan(value) &&
        (!std::isfinite(value) || value != std::trunc(value)))
        std::abort();
    if (type == DataType::Bool && value != 0.0 && value != 1.0)
        std::abort();
    return 0;
}
