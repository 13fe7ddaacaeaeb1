#include "editorstubs.h"

#include <QGraphicsScene>

namespace PumpWatch::Ui {

EditorView::EditorView(Graphics::DrawingDocument& document, const Graphics::SymbolLibrary&,
                       const Graphics::Theme&, QWidget* parent)
    : QGraphicsView(parent)
    , m_document(document)
{
    setScene(new QGraphicsScene(QRectF(QPointF(), document.drawing().canvas), this));
    connect(&m_document, &Graphics::DrawingDocument::changed, this, [this] {
        QStringList kept;
        for (const QString& id : m_selected) {
            if (m_document.find(id))
                kept << id;
        }
        if (kept != m_selected)
            select(kept);
    });
}

void EditorView::select(const QStringList& ids)
{
    m_selected = ids;
    Q_EMIT selectionChanged();
}

void EditorView::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    Q_EMIT toolChanged(tool);
}

} // namespace PumpWatch::Ui
