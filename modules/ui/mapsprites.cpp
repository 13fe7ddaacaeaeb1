#include "mapsprites.h"

#include <QPainter>

#include <cmath>
#include <functional>

namespace PumpWatch::Ui {
namespace {

enum Kind : quint64 { Dot = 1, Pin = 2, Cluster = 3 };

quint64 sharedKey(Kind kind, const QColor& colour, int extra = 0)
{
    return kind << 60 | quint64(quint32(extra) & 0xfffffff) << 32 | colour.rgba();
}

} // namespace

void MarkerSprites::setStyle(const QPalette& palette, const QFont& font, qreal devicePixelRatio)
{
    if (m_styled && palette == m_palette && font == m_font && devicePixelRatio == m_dpr)
        return;
    m_styled = true;
    m_palette = palette;
    m_font = font;
    m_bold = font;
    m_bold.setBold(true);
    m_dpr = devicePixelRatio;
    m_shared.clear();
    reset(m_stations.size());
}

void MarkerSprites::reset(std::size_t count)
{
    m_stations.assign(count, {});
}

double MarkerSprites::clusterRadius(int count)
{
    return 11 + std::min(9.0, std::log2(double(count)) * 2);
}

QPixmap MarkerSprites::blank(QSizeF size) const
{
    QPixmap pixmap((size * m_dpr).toSize());
    pixmap.setDevicePixelRatio(m_dpr);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

const QPixmap& MarkerSprites::shared(quint64 key, const std::function<QPixmap()>& draw)
{
    auto it = m_shared.find(key);
    if (it == m_shared.end())
        it = m_shared.insert(key, draw());
    return *it;
}

const QPixmap& MarkerSprites::dot(const QColor& colour)
{
    return shared(sharedKey(Dot, colour), [&] {
        QPixmap pixmap = blank({DotSize, DotSize});
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(m_palette.color(QPalette::Window), 1.5));
        p.setBrush(colour);
        p.drawEllipse(QPointF(DotSize / 2, DotSize / 2), 6, 6);
        return pixmap;
    });
}

const QPixmap& MarkerSprites::pin(const QColor& colour)
{
    return shared(sharedKey(Pin, colour), [&] {
        QPixmap pixmap = blank({PinSize, PinSize});
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawEllipse(QPointF(PinSize / 2, PinSize / 2), 4.5, 4.5);
        return pixmap;
    });
}

const QPixmap& MarkerSprites::cluster(const QColor& colour, int count, bool darkText)
{
    return shared(sharedKey(Cluster, colour, count * 2 + (darkText ? 1 : 0)), [&] {
        const double r = clusterRadius(count);
        const double side = 2 * r + 4;
        QPixmap pixmap = blank({side, side});
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const QPointF centre(side / 2, side / 2);
        p.setPen(QPen(m_palette.color(QPalette::Window), 2));
        p.setBrush(colour);
        p.drawEllipse(centre, r, r);
        p.setPen(darkText ? QColor(Qt::black) : QColor(Qt::white));
        p.setFont(m_bold);
        p.drawText(QRectF(centre - QPointF(r, r), QSizeF(2 * r, 2 * r)), Qt::AlignCenter,
                   QString::number(count));
        return pixmap;
    });
}

const QPixmap& MarkerSprites::box(std::size_t station, Gis::Detail detail, QSizeF box,
                                  const QColor& colour, bool dim, const QString& name,
                                  const QStringList& card)
{
    Sprite& sprite = m_stations[station];
    const quint64 key = quint64(detail) << 56 ^ quint64(qRound(box.width())) << 44 ^
                        quint64(qRound(box.height())) << 32 ^ colour.rgba() ^ (1ULL << 63);
    const int slot = dim ? 1 : 0;
    if (sprite.key[slot] == key)
        return sprite.pixmap[slot];
    // Drawn with a pixel's margin for the frame's pen.
    QPixmap pixmap = blank(box + QSizeF(2, 2));
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame(QPointF(1, 1), box);
    QColor panel = m_palette.color(QPalette::Window);
    panel.setAlpha(235);
    p.setPen(QPen(colour, 1.5));
    p.setBrush(panel);
    p.drawRoundedRect(frame, 4, 4);
    p.fillRect(QRectF(frame.topLeft(), QSizeF(5, frame.height())).adjusted(1, 2, 0, -2), colour);
    p.setFont(m_bold);
    p.setPen(m_palette.color(QPalette::WindowText));
    const QRectF inner = frame.adjusted(10, 2, -4, -2);
    const auto elided = [&](const QString& text) {
        return p.fontMetrics().elidedText(text, Qt::ElideRight, int(inner.width()));
    };
    if (detail == Gis::Detail::Name) {
        p.drawText(inner, Qt::AlignVCenter | Qt::AlignLeft, elided(name));
    } else {
        const double line = inner.height() / double(card.size() + 1);
        p.drawText(QRectF(inner.topLeft(), QSizeF(inner.width(), line)),
                   Qt::AlignVCenter | Qt::AlignLeft, elided(name));
        p.setFont(m_font); // the state is the frame and the bar; the lines are plain text
        for (qsizetype i = 0; i < card.size(); ++i)
            p.drawText(
                QRectF(inner.left(), inner.top() + line * double(i + 1), inner.width(), line),
                Qt::AlignVCenter | Qt::AlignLeft, elided(card[i]));
    }
    p.end();
    sprite.key[slot] = key;
    sprite.pixmap[slot] = std::move(pixmap);
    return sprite.pixmap[slot];
}

} // namespace PumpWatch::Ui
