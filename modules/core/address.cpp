#include "address.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace PumpWatch {
namespace {

AddressParse failure(const QString& error)
{
    return {std::nullopt, error};
}

AddressParse parseS7(QStringView text)
{
    static const QRegularExpression sized(QStringLiteral("^V([BWD])(\\d{1,5})$"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression bit(QStringLiteral("^V(\\d{1,5})\\.([0-7])$"),
                                        QRegularExpression::CaseInsensitiveOption);
    Address a;
    a.area = AddressArea::S7V;
    a.text = text.toString();
    if (const auto m = sized.match(text.toString()); m.hasMatch()) {
        const QChar size = m.capturedView(1).at(0).toUpper();
        a.widthBits = size == u'B' ? 8 : size == u'W' ? 16 : 32;
        a.index = m.capturedView(2).toUInt();
        return {a, {}};
    }
    if (const auto m = bit.match(text.toString()); m.hasMatch()) {
        a.widthBits = 1;
        a.index = m.capturedView(1).toUInt();
        a.bit = static_cast<qint8>(m.capturedView(2).toInt());
        return {a, {}};
    }
    return failure(Address::tr("'%1' is not an S7 V address").arg(text));
}

AddressParse parseModbus(QStringView text)
{
    static const QRegularExpression named(
        QStringLiteral("^(HR|IR|CO|DI)(\\d{1,5})(?:\\.(\\d{1,2}))?$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression modicon(
        QStringLiteral("^([0134])(\\d{4,5})(?:\\.(\\d{1,2}))?$"));
    const QString notModbus = Address::tr("'%1' is not a Modbus address").arg(text);

    Address a;
    a.text = text.toString();
    QStringView bitText;
    if (const auto m = named.match(text.toString()); m.hasMatch()) {
        const QString area = m.captured(1).toUpper();
        a.area = area == QLatin1StringView("HR")   ? AddressArea::HoldingRegister
                 : area == QLatin1StringView("IR") ? AddressArea::InputRegister
                 : area == QLatin1StringView("CO") ? AddressArea::Coil
                                                   : AddressArea::DiscreteInput;
        a.index = m.capturedView(2).toUInt();
        bitText = m.capturedView(3);
    } else if (const auto mm = modicon.match(text.toString()); mm.hasMatch()) {
        const QChar kind = mm.capturedView(1).at(0);
        a.area = kind == u'4'   ? AddressArea::HoldingRegister
                 : kind == u'3' ? AddressArea::InputRegister
                 : kind == u'1' ? AddressArea::DiscreteInput
                                : AddressArea::Coil;
        const quint32 reference = mm.capturedView(2).toUInt();
        if (reference == 0)
            return failure(notModbus);
        a.index = reference - 1;
        bitText = mm.capturedView(3);
    } else {
        return failure(notModbus);
    }
    if (a.index > 65535)
        return failure(notModbus);

    const bool isRegister =
        a.area == AddressArea::HoldingRegister || a.area == AddressArea::InputRegister;
    if (!bitText.isEmpty()) {
        const int bit = bitText.toInt();
        if (!isRegister || bit > 15)
            return failure(notModbus);
        a.bit = static_cast<qint8>(bit);
        a.widthBits = 1;
    } else if (!isRegister) {
        a.widthBits = 1;
    }
    return {a, {}};
}

} // namespace

AddressParse Address::parse(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty())
        return failure(Address::tr("empty address"));
    if (t.front() == u'V' || t.front() == u'v')
        return parseS7(t);
    return parseModbus(t);
}

QString typeMismatch(const Address& address, DataType type)
{
    const int bits = dataTypeBits(type);
    if (address.isBit()) {
        if (type == DataType::Bool)
            return {};
        return Address::tr("'%1' is a single bit; type must be bool, not %2")
            .arg(address.text, dataTypeName(type));
    }
    if (type == DataType::Bool)
        return Address::
            tr("bool needs a bit address (a coil, a discrete input, V byte.bit or register.bit), "
               "not '%1'")
                .arg(address.text);
    if (address.widthBits != 0) {
        if (bits == address.widthBits)
            return {};
        return Address::tr("%1 is %2 bits wide but '%3' holds %4 bits")
            .arg(dataTypeName(type))
            .arg(bits)
            .arg(address.text)
            .arg(address.widthBits);
    }
    if (bits < 16)
        return Address::tr("%1 needs a V byte address (VB…), not the register '%2'")
            .arg(dataTypeName(type), address.text);
    return {};
}

ModbusMapping toModbus(const Address& address, DataType type, AddressingMode mode,
                       quint32 holdStartByte)
{
    if (address.area != AddressArea::S7V) {
        ModbusLocation loc;
        loc.area = address.area;
        loc.start = static_cast<quint16>(address.index);
        loc.bit = address.bit;
        const int bits = dataTypeBits(type);
        loc.count = static_cast<quint16>(address.isBit() ? 1 : (bits + 15) / 16);
        if (address.index + loc.count > 65536)
            return {std::nullopt,
                    Address::tr("'%1' runs past the last Modbus address").arg(address.text)};
        return {loc, {}};
    }

    if (mode != AddressingMode::S7V)
        return {std::nullopt,
                Address::tr("'%1' is an S7 V address but the device is addressed as %2")
                    .arg(address.text, addressingModeName(mode))};
    if (address.index < holdStartByte)
        return {std::nullopt, Address::tr("'%1' lies below the device's holdStart VB%2")
                                  .arg(address.text)
                                  .arg(holdStartByte)};
    const quint32 offset = address.index - holdStartByte;
    ModbusLocation loc;
    loc.area = AddressArea::HoldingRegister;
    const quint32 reg = offset / 2;
    if (address.widthBits == 1) {
        loc.count = 1;
        // The even V byte is the high byte of its register.
        loc.bit = static_cast<qint8>((offset % 2 == 0 ? 8 : 0) + address.bit);
    } else if (address.widthBits == 8) {
        loc.count = 1;
        loc.byte = static_cast<qint8>(offset % 2);
    } else {
        if (offset % 2 != 0)
            return {std::nullopt,
                    Address::tr(
                        "'%1' starts on an odd byte from holdStart VB%2 and does not map to whole "
                        "holding registers")
                        .arg(address.text)
                        .arg(holdStartByte)};
        loc.count = static_cast<quint16>(address.widthBits / 16);
    }
    if (reg + loc.count > 65536)
        return {std::nullopt,
                Address::tr("'%1' runs past the last Modbus address").arg(address.text)};
    loc.start = static_cast<quint16>(reg);
    return {loc, {}};
}

} // namespace PumpWatch
