// Stand-ins with the declared API of the editor's canvas and panels, compiled only until the real
// ones (editorview.h, symbolpalette.h, propertiespanel.h, layerspanel.h) are merged. DELETE THEN.
#pragma once

#include <core/project.h>
#include <graphics/editing/drawingdocument.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>

#include <QGraphicsView>

namespace PumpWatch::Ui {

class EditorView : public QGraphicsView {
    Q_OBJECT

public:
    enum class Tool { Select, Pipe };
    EditorView(Graphics::DrawingDocument& document, const Graphics::SymbolLibrary& symbols,
               const Graphics::Theme& theme, QWidget* parent = nullptr);
    QStringList selectedIds() const { return m_selected; }
    void select(const QStringList& ids);
    Tool tool() const { return m_tool; }
    void setTool(Tool tool);
    bool gridVisible() const { return m_grid; }
    void setGridVisible(bool on) { m_grid = on; }
    bool snapToGrid() const { return m_snap; }
    void setSnapToGrid(bool on) { m_snap = on; }
    double gridSize() const { return 10; }
    bool layerVisible(Graphics::Layer) const { return true; }
    void setLayerVisible(Graphics::Layer, bool) {}
    bool layerLocked(Graphics::Layer) const { return false; }
    void setLayerLocked(Graphics::Layer, bool) {}
    void zoomIn() {}
    void zoomOut() {}
    void zoomToFit() {}
    QPointF pastePosition() const { return {40, 40}; }
    void setTheme(const Graphics::Theme&) {}

Q_SIGNALS:
    void selectionChanged();
    void toolChanged(PumpWatch::Ui::EditorView::Tool tool);
    void statusMessage(const QString& text);

private:
    Graphics::DrawingDocument& m_document;
    QStringList m_selected;
    Tool m_tool = Tool::Select;
    bool m_grid = true;
    bool m_snap = true;
};

class SymbolPalette : public QWidget {
    Q_OBJECT

public:
    explicit SymbolPalette(const Graphics::SymbolLibrary&, QWidget* parent = nullptr)
        : QWidget(parent)
    {}

Q_SIGNALS:
    void placeRequested(const QString& code);
};

class PropertiesPanel : public QWidget {
    Q_OBJECT

public:
    PropertiesPanel(Graphics::DrawingDocument&, const Project&, QWidget* parent = nullptr)
        : QWidget(parent)
    {}
    void setSelection(const QStringList&) {}
};

class LayersPanel : public QWidget {
    Q_OBJECT

public:
    explicit LayersPanel(EditorView&, QWidget* parent = nullptr)
        : QWidget(parent)
    {}
};

} // namespace PumpWatch::Ui
