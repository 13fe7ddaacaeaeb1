// Edits: what the palette places, the roles a new drawing starts with, the slots of an element
// (drawingedits.h).
#include "edittree_p.h"

#include <QRegularExpression>

#include <algorithm>

namespace PumpWatch::Graphics::Edits {

using namespace detail;

std::optional<Element> newElement(QStringView code)
{
    Element e;
    if (code.startsWith(u"symbol:")) {
        e.kind = ElementKind::Symbol;
        e.symbol = code.mid(7).toString();
        if (!findSymbol(e.symbol))
            return std::nullopt;
        e.id = e.symbol;
        const bool tall = e.symbol == u"pressure_tank" || e.symbol == u"stabiliser_tank";
        e.size = e.symbol == u"tank"                                          ? QSizeF(120, 190)
                 : tall                                                       ? QSizeF(60, 90)
                 : e.symbol == u"instrument" || e.symbol.endsWith(u"_sensor") ? QSizeF(50, 50)
                                                                              : QSizeF(60, 60);
        return e;
    }
    const auto kind = parseElementKind(code);
    if (!kind || *kind == ElementKind::Symbol || *kind == ElementKind::Pipe ||
        *kind == ElementKind::Group)
        return std::nullopt;
    e.kind = *kind;
    e.id = code.toString();
    switch (*kind) {
    case ElementKind::Value:
        e.size = {150, 26};
        break;
    case ElementKind::Bar:
        e.size = {26, 150};
        break;
    case ElementKind::Text:
        e.size = {160, 30};
        e.label = Text::tr("Text");
        break;
    case ElementKind::Link:
        e.size = {120, 36};
        e.label = Text::tr("Trend");
        e.open = QStringLiteral("trend");
        break;
    default:
        e.size = {100, 100};
        break;
    }
    return e;
}

std::pair<QString, QString> roleForTag(const QString& tagKey)
{
    static const QRegularExpression pumpTag(QStringLiteral("^pump(\\d+)_(.+)$"));
    if (const QRegularExpressionMatch m = pumpTag.match(tagKey); m.hasMatch())
        return {QStringLiteral("pump[i].") + m.captured(2),
                QStringLiteral("pump{i}_") + m.captured(2)};
    return {tagKey, tagKey};
}

RoleDef::Kind roleKindOf(const TagDef& tag)
{
    return tag.type == DataType::Bool ? RoleDef::Kind::Bit : RoleDef::Kind::Analog;
}

std::map<QString, RoleDef> templateRoles(const StationTemplate& tmpl)
{
    std::map<QString, RoleDef> roles;
    for (const TagDef& tag : tmpl.tags) {
        RoleDef def;
        def.kind = roleKindOf(tag);
        if (tag.quantity != Quantity::Unknown)
            def.quantity = quantityCode(tag.quantity);
        def.writable = tag.access == Access::ReadWrite;
        auto [role, pattern] = roleForTag(tag.key);
        def.tag = pattern;
        roles.emplace(role, def); // the first pump's tag stands for all
    }
    return roles;
}

std::vector<SlotSpec> slotsFor(const Element& e)
{
    using K = RoleDef::Kind;
    std::vector<SlotSpec> out;
    const auto slot = [&](const char* name, K kind, bool primary = true) {
        out.push_back({QString::fromLatin1(name), kind, primary});
    };
    switch (e.kind) {
    case ElementKind::Symbol:
        if (const SymbolInfo* info = findSymbol(e.symbol)) {
            if (info->flow == FlowRole::Pump || e.symbol == u"motor" || e.symbol == u"vfd") {
                slot("running", K::Bit);
                slot("fault", K::Bit);
                slot("frequency", K::Analog, false);
                slot("current", K::Analog, false);
            } else if (info->flow == FlowRole::Valve) {
                slot("open", K::Bit);
            } else if (info->flow == FlowRole::Tank) {
                slot("level", K::Analog);
            } else if (e.symbol == u"instrument" || e.symbol == u"kwh_meter") {
                slot("value", K::Analog);
                slot("alarm", K::Bit, false);
            } else if (e.symbol == u"door_sensor") {
                slot("door", K::Bit);
            } else if (e.symbol == u"flood_sensor") {
                slot("flood", K::Bit);
            }
        }
        break;
    case ElementKind::Value:
    case ElementKind::Bar:
        slot("value", K::Analog);
        break;
    case ElementKind::Link:
        slot("pressure", K::Analog, false);
        slot("flow", K::Analog, false);
        break;
    default:
        break;
    }
    for (const auto& [name, role] : e.slots) {
        if (std::none_of(out.begin(), out.end(), [&](const SlotSpec& s) { return s.slot == name; }))
            out.push_back({name, K::Analog, false});
    }
    return out;
}

} // namespace PumpWatch::Graphics::Edits
