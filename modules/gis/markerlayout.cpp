#include "markerlayout.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace PumpWatch::Gis {

Detail MarkerLayout::detail(double zoom) const
{
    if (zoom >= m_options.cardZoom)
        return Detail::Card;
    if (zoom >= m_options.nameZoom)
        return Detail::Name;
    return Detail::Dot;
}

QSizeF MarkerLayout::boxSize(Detail d) const
{
    switch (d) {
    case Detail::Dot:
        return m_options.dot;
    case Detail::Name:
        return m_options.name;
    case Detail::Card:
        return m_options.card;
    }
    return m_options.dot;
}

const std::vector<PlacedMarker>& MarkerLayout::place(const std::vector<MarkerInput>& markers,
                                                     QPointF origin, double zoom,
                                                     const QRectF& viewport)
{
    m_detail = detail(zoom);
    const QSizeF size = boxSize(m_detail);
    const double scale = std::exp2(zoom);
    m_placed.clear();

    // Worst first, so alarmed stations anchor the clusters they are in.
    m_order.resize(markers.size());
    for (std::size_t i = 0; i < markers.size(); ++i)
        m_order[i] = i;
    std::stable_sort(m_order.begin(), m_order.end(), [&](std::size_t a, std::size_t b) {
        return markers[a].state > markers[b].state;
    });

    // A grid of cells the size of a box: a box can only overlap boxes in its 3×3 neighbourhood.
    const double cw = size.width();
    const double ch = size.height();
    std::unordered_map<qint64, std::vector<int>> grid;
    const auto cellKey = [](qint64 cx, qint64 cy) { return (cx << 32) ^ (cy & 0xffffffff); };
    const QRectF visible = viewport.adjusted(-cw, -ch, cw, ch);

    for (std::size_t i : m_order) {
        const MarkerInput& m = markers[i];
        const QPointF screen = m.world * scale - origin;
        if (!visible.contains(screen))
            continue;
        // Dots centre on the station; names and cards hang from it, above and to the right.
        const QRectF box = m_detail == Detail::Dot ? QRectF(screen - QPointF(cw / 2, ch / 2), size)
                                                   : QRectF(screen + QPointF(-10, -ch - 4), size);
        const qint64 cx = static_cast<qint64>(std::floor(box.left() / cw));
        const qint64 cy = static_cast<qint64>(std::floor(box.top() / ch));
        int into = -1;
        for (qint64 dx = -1; dx <= 1 && into < 0; ++dx) {
            for (qint64 dy = -1; dy <= 1 && into < 0; ++dy) {
                const auto it = grid.find(cellKey(cx + dx, cy + dy));
                if (it == grid.end())
                    continue;
                for (int p : it->second) {
                    if (m_placed[static_cast<std::size_t>(p)].box.intersects(box)) {
                        into = p;
                        break;
                    }
                }
            }
        }
        if (into >= 0) {
            PlacedMarker& cluster = m_placed[static_cast<std::size_t>(into)];
            if (cluster.members.empty())
                cluster.members.push_back(cluster.station);
            cluster.members.push_back(m.station);
            if (m.state > cluster.state) {
                cluster.state = m.state;
                cluster.offline = m.offline;
            } else if (m.state == cluster.state) {
                cluster.offline = cluster.offline || m.offline;
            }
            continue;
        }
        PlacedMarker placed;
        placed.station = m.station;
        placed.anchor = screen;
        placed.box = box;
        placed.state = m.state;
        placed.offline = m.offline;
        grid[cellKey(cx, cy)].push_back(static_cast<int>(m_placed.size()));
        m_placed.push_back(std::move(placed));
    }
    return m_placed;
}

int MarkerLayout::hit(QPointF pos) const
{
    for (int i = static_cast<int>(m_placed.size()) - 1; i >= 0; --i) {
        if (m_placed[static_cast<std::size_t>(i)].box.contains(pos))
            return i;
    }
    return -1;
}

} // namespace PumpWatch::Gis
