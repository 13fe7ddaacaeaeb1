#include "layerspanel.h"

#include "editorview.h"

#include <graphics/editing/drawingdocument.h>

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace PumpWatch::Ui {

using Graphics::Layer;

LayersPanel::LayersPanel(EditorView& view, QWidget* parent)
    : QWidget(parent)
    , m_view(view)
{
    auto* grid = new QGridLayout(this);
    grid->addWidget(new QLabel(tr("Layer"), this), 0, 0);
    grid->addWidget(new QLabel(tr("Shown"), this), 0, 1);
    grid->addWidget(new QLabel(tr("Locked"), this), 0, 2);
    grid->addWidget(new QLabel(tr("Elements"), this), 0, 3);
    int line = 1;
    for (Layer layer : EditorLayers::all) {
        Row& r = m_rows[static_cast<std::size_t>(layer)];
        const QString name = EditorLayers::displayName(layer);
        r.name = new QLabel(name, this);
        r.visible = new QCheckBox(this);
        r.visible->setAccessibleName(tr("Show layer %1").arg(name));
        r.visible->setToolTip(tr("Show layer %1 in the editor").arg(name));
        r.locked = new QCheckBox(this);
        r.locked->setAccessibleName(tr("Lock layer %1").arg(name));
        r.locked->setToolTip(
            tr("Lock layer %1: its elements cannot be selected or moved").arg(name));
        r.count = new QLabel(this);
        r.count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        r.move = new QPushButton(tr("Move here"), this);
        r.move->setToolTip(tr("Move the selected elements to layer %1").arg(name));
        grid->addWidget(r.name, line, 0);
        grid->addWidget(r.visible, line, 1, Qt::AlignCenter);
        grid->addWidget(r.locked, line, 2, Qt::AlignCenter);
        grid->addWidget(r.count, line, 3);
        grid->addWidget(r.move, line, 4);
        ++line;
        connect(r.visible, &QCheckBox::toggled, this,
                [this, layer](bool on) { m_view.setLayerVisible(layer, on); });
        connect(r.locked, &QCheckBox::toggled, this,
                [this, layer](bool on) { m_view.setLayerLocked(layer, on); });
        connect(r.move, &QPushButton::clicked, this,
                [this, layer] { m_view.document().setLayer(m_view.selectedIds(), layer); });
    }
    grid->setRowStretch(line, 1);
    grid->setColumnStretch(0, 1);
    connect(&m_view.document(), &Graphics::DrawingDocument::changed, this, &LayersPanel::refresh);
    connect(&m_view, &EditorView::selectionChanged, this, &LayersPanel::refresh);
    refresh();
}

int LayersPanel::shownCount(Layer layer) const
{
    return m_counts[static_cast<std::size_t>(layer)];
}

void LayersPanel::refresh()
{
    m_counts = EditorLayers::counts(m_view.document().drawing());
    const bool selected = !m_view.selectedIds().isEmpty();
    for (Layer layer : EditorLayers::all) {
        const Row& r = row(layer);
        const QSignalBlocker b1(r.visible), b2(r.locked);
        r.visible->setChecked(m_view.layerVisible(layer));
        r.locked->setChecked(m_view.layerLocked(layer));
        r.count->setText(QString::number(shownCount(layer)));
        r.name->setEnabled(m_view.layerVisible(layer));
        r.move->setEnabled(selected);
    }
}

} // namespace PumpWatch::Ui
