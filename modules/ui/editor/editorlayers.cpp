#include "editorlayers.h"

namespace PumpWatch::Ui {

namespace {

void count(const std::vector<Graphics::Element>& elements, std::array<int, EditorLayers::Count>& n)
{
    for (const Graphics::Element& e : elements) {
        if (e.kind == Graphics::ElementKind::Group)
            count(e.children, n);
        else
            ++n[static_cast<std::size_t>(e.effectiveLayer())];
    }
}

} // namespace

QString EditorLayers::displayName(Graphics::Layer layer)
{
    switch (layer) {
    case Graphics::Layer::Background:
        return tr("Background");
    case Graphics::Layer::Process:
        return tr("Process");
    case Graphics::Layer::Instruments:
        return tr("Instruments");
    case Graphics::Layer::Labels:
        return tr("Labels");
    case Graphics::Layer::Notes:
        return tr("Notes");
    }
    return {};
}

std::array<int, EditorLayers::Count> EditorLayers::counts(const Graphics::Drawing& drawing)
{
    std::array<int, Count> n{};
    count(drawing.elements, n);
    return n;
}

} // namespace PumpWatch::Ui
