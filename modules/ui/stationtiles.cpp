#include "stationtiles.h"

#include "theme.h"

#include <QMouseEvent>
#include <QPainter>

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
    const StateColours& c = stateColours();
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
        QColor edge = c.normal;
        switch (state) {
        case StationState::Critical:
            edge = c.critical;
            break;
        case StationState::Warning:
            edge = c.warning;
            break;
        case StationState::Offline:
        case StationState::Unknown:
            edge = c.offline;
            break;
        case StationState::Stale:
            edge = c.staleText;
            break;
        case StationState::Normal:
            break;
        }
        const bool filled = flash || state == StationState::Offline;
        p.setPen(QPen(edge, 2));
        p.setBrush(filled ? edge : base);
        p.drawRoundedRect(QRectF(r).adjusted(1, 1, -1, -1), 4, 4);
        const QColor text = filled ? (state == StationState::Warning ? c.warningText : Qt::white)
                                   : palette().color(QPalette::ButtonText);
        p.setPen(text);
        p.setFont(nameFont);
        const QRect inner = r.adjusted(6, 3, -6, -3);
        p.drawText(
            inner, Qt::AlignLeft | Qt::AlignTop,
            p.fontMetrics().elidedText(name.data().toString(), Qt::ElideRight, inner.width()));
        p.setFont(valueFont);
        const QString value = state == StationState::Offline
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
