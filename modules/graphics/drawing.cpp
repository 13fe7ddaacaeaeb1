#include "drawing.h"

#include <algorithm>
#include <array>

namespace PumpWatch::Graphics {
namespace {

constexpr std::array<const char*, 5> layerCodes = {"background", "process", "instruments", "labels",
                                                   "notes"};
constexpr std::array<const char*, 8> kindCodes = {"symbol", "pipe", "value", "bar",
                                                  "text",   "link", "group", "image"};

template <std::size_t N>
int indexOf(const std::array<const char*, N>& codes, QStringView code)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (code == QLatin1StringView(codes[i]))
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace

QString layerCode(Layer layer)
{
    return QString::fromLatin1(layerCodes[static_cast<std::size_t>(layer)]);
}

std::optional<Layer> parseLayer(QStringView code)
{
    const int i = indexOf(layerCodes, code);
    return i < 0 ? std::nullopt : std::optional(static_cast<Layer>(i));
}

QString elementKindCode(ElementKind kind)
{
    return QString::fromLatin1(kindCodes[static_cast<std::size_t>(kind)]);
}

std::optional<ElementKind> parseElementKind(QStringView code)
{
    const int i = indexOf(kindCodes, code);
    return i < 0 ? std::nullopt : std::optional(static_cast<ElementKind>(i));
}

Layer defaultLayer(ElementKind kind)
{
    switch (kind) {
    case ElementKind::Value:
    case ElementKind::Bar:
        return Layer::Instruments;
    case ElementKind::Text:
    case ElementKind::Link:
        return Layer::Labels;
    case ElementKind::Image:
        return Layer::Background;
    case ElementKind::Symbol:
    case ElementKind::Pipe:
    case ElementKind::Group:
        break;
    }
    return Layer::Process;
}

bool isBoxed(ElementKind kind)
{
    return kind != ElementKind::Pipe && kind != ElementKind::Group;
}

bool hasTextStyle(ElementKind kind)
{
    return kind == ElementKind::Text || kind == ElementKind::Value || kind == ElementKind::Link ||
           kind == ElementKind::Bar;
}

const QStringList& textStyleRoles()
{
    static const QStringList roles = {QStringLiteral("text"), QStringLiteral("valueText"),
                                      QStringLiteral("alarmText"), QStringLiteral("muted")};
    return roles;
}

bool isTextStyleRole(QStringView style)
{
    return textStyleRoles().contains(style);
}

bool isRawColorStyle(QStringView style)
{
    if (style.size() != 7 || style[0] != u'#')
        return false;
    return std::all_of(style.begin() + 1, style.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    });
}

QString PipeEnd::toString() const
{
    switch (boundary) {
    case Boundary::Inlet:
        return QStringLiteral("inlet");
    case Boundary::Outlet:
        return QStringLiteral("outlet");
    case Boundary::None:
        break;
    }
    return port.isEmpty() ? element : element + u'.' + port;
}

std::optional<PipeEnd> PipeEnd::parse(QStringView text)
{
    PipeEnd end;
    if (text == u"inlet") {
        end.boundary = Boundary::Inlet;
        return end;
    }
    if (text == u"outlet") {
        end.boundary = Boundary::Outlet;
        return end;
    }
    const qsizetype dot = text.indexOf(u'.');
    end.element = (dot < 0 ? text : text.left(dot)).toString();
    if (dot >= 0)
        end.port = text.mid(dot + 1).toString();
    if (end.element.isEmpty() || (dot >= 0 && end.port.isEmpty()))
        return std::nullopt;
    return end;
}

} // namespace PumpWatch::Graphics
