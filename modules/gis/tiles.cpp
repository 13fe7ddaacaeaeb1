#include "tiles.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <cmath>

namespace PumpWatch::Gis {

QString quadKey(TileId id)
{
    QString key;
    for (int i = id.z; i > 0; --i) {
        const int mask = 1 << (i - 1);
        int digit = 0;
        if (id.x & mask)
            digit += 1;
        if (id.y & mask)
            digit += 2;
        key += QChar(u'0' + digit);
    }
    return key;
}

QUrl TileSource::url(TileId tile) const
{
    QString text = urlTemplate;
    text.replace(QStringLiteral("{z}"), QString::number(tile.z));
    text.replace(QStringLiteral("{x}"), QString::number(tile.x));
    text.replace(QStringLiteral("{-y}"), QString::number((1 << tile.z) - 1 - tile.y));
    text.replace(QStringLiteral("{y}"), QString::number(tile.y));
    text.replace(QStringLiteral("{q}"), quadKey(tile));
    if (!subdomains.isEmpty())
        text.replace(QStringLiteral("{s}"),
                     subdomains[(tile.x + tile.y) % static_cast<int>(subdomains.size())]);
    return QUrl(text);
}

std::vector<TileId> coveringTiles(const QRectF& worldRect, int zoom)
{
    const int count = 1 << zoom;
    const int x0 = static_cast<int>(std::floor(worldRect.left() / 256.0));
    const int x1 = static_cast<int>(std::floor((worldRect.right() - 1e-9) / 256.0));
    const int y0 = std::max(0, static_cast<int>(std::floor(worldRect.top() / 256.0)));
    const int y1 =
        std::min(count - 1, static_cast<int>(std::floor((worldRect.bottom() - 1e-9) / 256.0)));
    const QPointF centre = worldRect.center() / 256.0;
    // The middle first; ties keep row order. Distances use the unwrapped column.
    std::vector<std::pair<double, TileId>> byDistance;
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x)
            byDistance.push_back({std::hypot(x + 0.5 - centre.x(), y + 0.5 - centre.y()),
                                  {zoom, ((x % count) + count) % count, y}});
    }
    std::stable_sort(byDistance.begin(), byDistance.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<TileId> tiles;
    tiles.reserve(byDistance.size());
    for (const auto& entry : byDistance)
        tiles.push_back(entry.second);
    return tiles;
}

TileCache::TileCache(const QString& directory, qint64 maxAgeS)
    : m_dir(directory)
    , m_maxAgeS(maxAgeS)
{}

QString TileCache::path(const QString& source, TileId id) const
{
    return m_dir.filePath(
        QStringLiteral("%1/%2/%3/%4.tile").arg(source).arg(id.z).arg(id.x).arg(id.y));
}

std::optional<QByteArray> TileCache::load(const QString& source, TileId id, qint64 nowMs,
                                          bool* stale) const
{
    QFile file(path(source, id));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    if (stale) {
        const qint64 modified = QFileInfo(file).lastModified().toMSecsSinceEpoch();
        *stale = nowMs - modified > m_maxAgeS * 1000;
    }
    return file.readAll();
}

bool TileCache::store(const QString& source, TileId id, const QByteArray& data,
                      QString* error) const
{
    const QString p = path(source, id);
    if (!QDir().mkpath(QFileInfo(p).path())) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QFileInfo(p).path());
        return false;
    }
    QSaveFile file(p);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(p, file.errorString());
        return false;
    }
    return true;
}

TileSource TileSource::from(const MapTiles& tiles)
{
    TileSource s;
    s.id = tiles.id;
    s.urlTemplate = tiles.url;
    s.datum = parseDatum(tiles.datum).value_or(Datum::Wgs84);
    s.minZoom = tiles.minZoom;
    s.maxZoom = tiles.maxZoom;
    for (QChar c : tiles.subdomains)
        s.subdomains << QString(c);
    return s;
}

MbTiles::MbTiles()
{
    static std::atomic<int> next{0};
    m_connection = QStringLiteral("pumpwatch-mbtiles-%1").arg(next++);
}

MbTiles::~MbTiles()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool MbTiles::open(const QString& path, QString* error)
{
    if (!QFileInfo::exists(path)) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        *error = QStringLiteral("%1: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT name, value FROM metadata"))) {
        *error = QStringLiteral("%1: not an MBTiles file (%2)").arg(path, q.lastError().text());
        return false;
    }
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QString value = q.value(1).toString();
        if (key == u"name")
            m_name = value;
        else if (key == u"format")
            m_format = value;
        else if (key == u"minzoom")
            m_minZoom = value.toInt();
        else if (key == u"maxzoom")
            m_maxZoom = value.toInt();
        else if (key == u"bounds") {
            const QStringList b = value.split(u',');
            if (b.size() == 4)
                m_bounds = QRectF(QPointF(b[0].toDouble(), b[1].toDouble()),
                                  QPointF(b[2].toDouble(), b[3].toDouble()));
        }
    }
    if (m_maxZoom == 0 &&
        q.exec(QStringLiteral("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles")) && q.next()) {
        m_minZoom = q.value(0).toInt();
        m_maxZoom = q.value(1).toInt();
    }
    return true;
}

std::optional<QByteArray> MbTiles::tile(TileId id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                             "AND tile_row = ?"));
    q.addBindValue(id.z);
    q.addBindValue(id.x);
    q.addBindValue((1 << id.z) - 1 - id.y); // TMS rows count from the south
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

} // namespace PumpWatch::Gis
