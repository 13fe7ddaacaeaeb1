// MarkerSprites: the map's station markers drawn once into pixmaps and then only blitted — a
// dot per colour, a pin per colour, a cluster per colour and count, and each station's name or
// card per station (its text changes only when its values do). A state change or a flash picks
// another cached pixmap instead of painting paths and text again, which keeps a full repaint
// of 2000 stations near the cost of a plain loop of drawPixmap calls (tests/bench/bench_map).
#pragma once

#include <gis/markerlayout.h>

#include <QColor>
#include <QFont>
#include <QHash>
#include <QPalette>
#include <QPixmap>
#include <QStringList>

#include <functional>
#include <vector>

namespace PumpWatch::Ui {

class MarkerSprites {
public:
    /// Colours and fonts of the boxes; clears every sprite when they change.
    void setStyle(const QPalette& palette, const QFont& font, qreal devicePixelRatio);
    /// Per-station sprites for `count` stations, all invalid.
    void reset(std::size_t count);
    /// The station's text changed: its name/card sprite is drawn again when next needed.
    void invalidate(std::size_t station) { m_stations[station] = {}; }

    /// Centred on the station; `size` × `size` logical pixels.
    const QPixmap& dot(const QColor& colour);
    const QPixmap& pin(const QColor& colour);
    const QPixmap& cluster(const QColor& colour, int count, bool darkText);
    /// The station's name or card box of `box` size, framed in `colour`.
    const QPixmap& box(std::size_t station, Gis::Detail detail, QSizeF box, const QColor& colour,
                       bool dim, const QString& name, const QStringList& card);

    static constexpr double DotSize = 16;
    static constexpr double PinSize = 11;
    static double clusterRadius(int count);

private:
    QPixmap blank(QSizeF size) const;
    const QPixmap& shared(quint64 key, const std::function<QPixmap()>& draw);

    QPalette m_palette;
    QFont m_font;
    QFont m_bold;
    qreal m_dpr = 1;
    bool m_styled = false;
    QHash<quint64, QPixmap> m_shared;
    struct Sprite {
        quint64 key[2] = {0, 0}; ///< bright, dim
        QPixmap pixmap[2];
    };
    std::vector<Sprite> m_stations;
};

} // namespace PumpWatch::Ui
