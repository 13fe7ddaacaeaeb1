#include "stationtiles.h"

#include "theme.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace PumpWatch::Ui {

namespace {
constexpr int TileWidth = 118;
constexpr int TileHeight = 46;
constexpr int Gap = 6;
} // namespace

StationTiles::StationTiles(StationListModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setAutoFillBackground(true);
    connect(&model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
}

int StationTiles::columns() const
{
    return std::max(1, (width() - Gap) / (TileWidth + Gap));
}

QRect StationTiles::tileRect(int i) const
{
    const int c = columns();
    return {Gap + (i % c) * (TileWidth + Gap), Gap + (i / c) * (TileHeight + Gap), TileWidth,
            TileHeight};
}

int StationTiles::stationAt(const QPoint& pos) const
{
    for (int i = 0; i < m_model.rowCount(); ++i) {
        if (tileRect(i).contains(pos))
            return i;
    }
    return -1;
}

void StationTiles::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor base = palette().color(QPalette::Button);
    QFont nameFont = font();
    nameFont.setBold(true);
    QFont valueFont = font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 0.9);
    for (int i = 0; i < m_model.rowCount(); ++i) {
        const QRect r = tileRect(i);
        if (!event->rect().intersects(r))
            continue;
        const QModelIndex name = m_model.index(i, StationListModel::Name);
        const auto state =
            static_cast<StationState>(name.data(StationListModel::StateRole).toInt());
        const bool flash = name.data(StationListModel::FlashRole).toBool();
        const bool offline = m_model.isOffline(i);
        const QColor edge = stateColour(state);
        // An offline station is filled in its state's colour (red when it carries a critical
        // alarm) and hatched; an alarm waiting for acknowledgement fills in the bright phase.
        const bool filled = flash || offline;
        p.setPen(QPen(edge, 2));
        p.setBrush(filled ? edge : base);
        QPainterPath shape;
        shape.addRoundedRect(QRectF(r).adjusted(1, 1, -1, -1), 4, 4);
        p.drawPath(shape);
        if (offline)
            paintOfflineHatch(p, shape);
        const QColor text = filled ? stateTextColour(state) : palette().color(QPalette::ButtonText);
        p.setPen(text);
        p.setFont(nameFont);
        const QRect inner = r.adjusted(6, 3, -6, -3);
        p.drawText(
            inner, Qt::AlignLeft | Qt::AlignTop,
            p.fontMetrics().elidedText(name.data().toString(), Qt::ElideRight, inner.width()));
        p.setFont(valueFont);
        const QString value = offline
                                  ? m_model.index(i, StationListModel::Comm).data().toString()
                                  : m_model.index(i, StationListModel::Pressure).data().toString() +
                                        u' ' + m_model.unit(StationListModel::Pressure);
        p.drawText(inner, Qt::AlignLeft | Qt::AlignBottom,
                   p.fontMetrics().elidedText(value, Qt::ElideRight, inner.width()));
    }
}

void StationTiles::mousePressEvent(QMouseEvent* event)
{
    const int s = stationAt(event->position().toPoint());
    if (s >= 0)
        Q_EMIT stationSelected(s);
}

void StationTiles::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int s = stationAt(event->position().toPoint());
    if (s >= 0)
        Q_EMIT stationActivated(s);
}

} // namespace PumpWatch::Ui
