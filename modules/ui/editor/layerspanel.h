// LayersPanel: the drawing's five layers, bottom to top (背景, 工艺, 仪表, 标注, 备注) — for each,
// whether the editor's view shows it and whether it is locked against editing (the view's
// state, not the document's), how many elements it holds, and "移到此图层", which moves the
// selected elements there as one DrawingDocument::setLayer command. Follows the document
// (counts) and the view's selection. GUI thread.
//
//     auto* layers = new LayersPanel(*view, this);
#pragma once

#include "editorlayers.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;

namespace PumpWatch::Ui {

class EditorView;

class LayersPanel : public QWidget {
    Q_OBJECT

public:
    explicit LayersPanel(EditorView& view, QWidget* parent = nullptr);

    QCheckBox* visibleBox(Graphics::Layer layer) const { return row(layer).visible; }
    QCheckBox* lockedBox(Graphics::Layer layer) const { return row(layer).locked; }
    QPushButton* moveButton(Graphics::Layer layer) const { return row(layer).move; }
    /// The element count shown for `layer`.
    int shownCount(Graphics::Layer layer) const;

    /// Shows the view's layer state, the counts and what the buttons can do again.
    void refresh();

private:
    struct Row {
        QLabel* name = nullptr;
        QCheckBox* visible = nullptr;
        QCheckBox* locked = nullptr;
        QLabel* count = nullptr;
        QPushButton* move = nullptr;
    };
    const Row& row(Graphics::Layer layer) const { return m_rows[static_cast<std::size_t>(layer)]; }

    EditorView& m_view;
    std::array<Row, EditorLayers::Count> m_rows;
    std::array<int, EditorLayers::Count> m_counts{};
};

} // namespace PumpWatch::Ui
