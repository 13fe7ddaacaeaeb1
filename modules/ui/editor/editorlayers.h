// EditorLayers: the five layers of a drawing as the editor's panels show them — bottom to top,
// by their Chinese names (背景, 工艺, 仪表, 标注, 备注) — and how many elements each holds.
// Plain functions; any thread.
#pragma once

#include <graphics/drawing.h>

#include <QCoreApplication>

#include <array>

namespace PumpWatch::Ui {

class EditorLayers {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Ui::EditorLayers)

public:
    static constexpr int Count = 5;
    /// Bottom to top.
    static constexpr std::array<Graphics::Layer, Count> all = {
        Graphics::Layer::Background, Graphics::Layer::Process, Graphics::Layer::Instruments,
        Graphics::Layer::Labels, Graphics::Layer::Notes};

    static QString displayName(Graphics::Layer layer);
    /// The elements on each layer (index: the layer's value), at any depth; a group is a
    /// container and counts only its children.
    static std::array<int, Count> counts(const Graphics::Drawing& drawing);
};

} // namespace PumpWatch::Ui
