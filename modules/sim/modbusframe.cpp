#include "modbusframe.h"

namespace PumpWatch::Sim::ModbusFrame {
namespace {

quint16 word(std::span<const quint8> d, std::size_t at)
{
    return static_cast<quint16>((d[at] << 8) | d[at + 1]);
}

constexpr quint8 IllegalDataValue = 3;

} // namespace

int tcpFrameLength(std::span<const quint8> data)
{
    if (data.size() < 6)
        return Incomplete;
    if (word(data, 2) != 0)
        return Invalid;
    const int length = word(data, 4);
    if (length < 2 || length > 254)
        return Invalid;
    return static_cast<int>(data.size()) >= 6 + length ? 6 + length : Incomplete;
}

int rtuFrameLength(std::span<const quint8> data)
{
    if (data.size() < 2)
        return Incomplete;
    int length = Invalid;
    switch (data[1]) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
        length = 8;
        break;
    case 7:
    case 11:
    case 12:
    case 17:
        length = 4;
        break;
    case 15:
    case 16:
        if (data.size() < 7)
            return Incomplete;
        length = 9 + data[6];
        break;
    case 22:
        length = 10;
        break;
    case 23:
        if (data.size() < 11)
            return Incomplete;
        length = 13 + data[10];
        break;
    default:
        return Invalid;
    }
    return static_cast<int>(data.size()) >= length ? length : Incomplete;
}

Request parseRequest(std::span<const quint8> pdu)
{
    Request r;
    if (pdu.empty())
        return r;
    r.function = pdu[0];
    if (pdu.size() < 5)
        return r;
    r.start = word(pdu, 1);
    r.count = word(pdu, 3);
    auto limit = [&r](int max) {
        if (r.count < 1 || r.count > max)
            r.exception = IllegalDataValue;
    };
    switch (r.function) {
    case 1:
        r.area = AddressArea::Coil;
        limit(2000);
        break;
    case 2:
        r.area = AddressArea::DiscreteInput;
        limit(2000);
        break;
    case 3:
        r.area = AddressArea::HoldingRegister;
        limit(125);
        break;
    case 4:
        r.area = AddressArea::InputRegister;
        limit(125);
        break;
    case 5:
        r.area = AddressArea::Coil;
        r.count = 1;
        r.write = true;
        break;
    case 6:
        r.area = AddressArea::HoldingRegister;
        r.count = 1;
        r.write = true;
        break;
    case 15:
        r.area = AddressArea::Coil;
        r.write = true;
        limit(1968);
        break;
    case 16:
        r.area = AddressArea::HoldingRegister;
        r.write = true;
        limit(123);
        break;
    case 22:
        r.area = AddressArea::HoldingRegister;
        r.count = 1;
        r.write = true;
        break;
    case 23: // read/write multiple: the write part is what changes the PLC
        r.area = AddressArea::HoldingRegister;
        if (pdu.size() >= 9) {
            const Request read{23, r.area, r.start, r.count};
            r.start = word(pdu, 5);
            r.count = word(pdu, 7);
            r.write = true;
            limit(121);
            if (read.count < 1 || read.count > 125)
                r.exception = IllegalDataValue;
        }
        break;
    default:
        break;
    }
    return r;
}

} // namespace PumpWatch::Sim::ModbusFrame
