#include "modbuscrc.h"

namespace PumpWatch::ModbusCrc {

quint16 crc16(std::span<const quint8> data)
{
    quint16 crc = 0xFFFF;
    for (const quint8 b : data) {
        crc ^= b;
        for (int i = 0; i < 8; ++i)
            crc = (crc & 1) ? static_cast<quint16>((crc >> 1) ^ 0xA001)
                            : static_cast<quint16>(crc >> 1);
    }
    return crc;
}

bool valid(std::span<const quint8> frame)
{
    if (frame.size() < 4)
        return false;
    const quint16 crc = crc16(frame.first(frame.size() - 2));
    return frame[frame.size() - 2] == (crc & 0xFF) && frame[frame.size() - 1] == (crc >> 8);
}

} // namespace PumpWatch::ModbusCrc
