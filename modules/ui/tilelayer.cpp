#include "tilelayer.h"

#include <QDateTime>
#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <cmath>
#include <memory>

namespace PumpWatch::Ui {
namespace {

constexpr double TilePx = 256.0;
constexpr qint64 MaxAgeS = 30 * 24 * 3600; ///< older cached tiles are shown and fetched again
constexpr qint64 RetryMs = 30'000;
constexpr int MemoryTiles = 384; ///< about 100 MB of 256² tiles

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

/// The layer's files, on the layer's thread: the disk cache and the MBTiles file (an SQLite
/// connection belongs to the thread that opened it).
class TileReader : public QObject {
public:
    TileReader(const MapTiles& source, const QString& cacheDirectory)
        : m_source(source)
        , m_cache(cacheDirectory, MaxAgeS)
    {}

    /// Opens the MBTiles file, if that is the source; its zoom range, or an error.
    std::optional<std::pair<int, int>> open(QString* error)
    {
        if (m_source.file.isEmpty())
            return std::pair{m_source.minZoom, m_source.maxZoom};
        m_mbtiles = std::make_unique<Gis::MbTiles>();
        if (!m_mbtiles->open(m_source.file, error)) {
            m_mbtiles.reset();
            return std::nullopt;
        }
        return std::pair{std::max(m_source.minZoom, m_mbtiles->minZoom()),
                         std::min(m_source.maxZoom, m_mbtiles->maxZoom())};
    }

    std::optional<QByteArray> read(Gis::TileId id, bool* stale) const
    {
        *stale = false;
        if (m_mbtiles)
            return m_mbtiles->tile(id);
        if (!m_source.file.isEmpty())
            return std::nullopt; // the file could not be opened
        return m_cache.load(m_source.id, id, nowMs(), stale);
    }

    bool store(Gis::TileId id, const QByteArray& data, QString* error) const
    {
        return m_cache.store(m_source.id, id, data, error);
    }

private:
    MapTiles m_source;
    Gis::TileCache m_cache;
    std::unique_ptr<Gis::MbTiles> m_mbtiles;
};

TileLayer::TileLayer(const MapTiles& source, const QString& cacheDirectory, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_xyz(Gis::TileSource::from(source))
    , m_thread(new QThread(this))
    , m_reader(new TileReader(source, cacheDirectory))
    , m_memory(MemoryTiles)
{
    m_thread->setObjectName(QStringLiteral("tiles-%1").arg(source.id));
    m_reader->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    m_thread->start(QThread::LowPriority);
    if (source.file.isEmpty()) {
        m_network = new QNetworkAccessManager(this);
        m_network->setAutoDeleteReplies(true);
    }
    QMetaObject::invokeMethod(m_reader, [this, reader = m_reader] {
        QString error;
        const auto zooms = reader->open(&error);
        QMetaObject::invokeMethod(this, [this, zooms, error] {
            if (!zooms) {
                setProblem(tr("Base map %1 cannot be read: %2").arg(m_source.name, error));
                return;
            }
            m_xyz.minZoom = zooms->first;
            m_xyz.maxZoom = zooms->second;
            Q_EMIT tileArrived(); // draw with the file's own zoom range
        });
    });
}

TileLayer::~TileLayer()
{
    m_thread->quit();
    m_thread->wait();
}

quint64 TileLayer::key(Gis::TileId id)
{
    return quint64(id.z) << 58 | quint64(quint32(id.x)) << 29 | quint64(quint32(id.y));
}

const QPixmap* TileLayer::find(Gis::TileId id) const
{
    return m_memory.object(key(id));
}

void TileLayer::paint(QPainter& p, QPointF centreWorld, double zoom, QSizeF size)
{
    if (m_xyz.minZoom - zoom > 2 || m_xyz.maxZoom < m_xyz.minZoom)
        return; // far below what the source has: thousands of tiles for a blur
    const int z = std::clamp(static_cast<int>(std::lround(zoom)), m_xyz.minZoom, m_xyz.maxZoom);
    const double scale = std::exp2(zoom - z); // world pixels at z → screen pixels
    const QSizeF span = size / scale;
    const QRectF view(centreWorld * std::exp2(z) - QPointF(span.width(), span.height()) / 2, span);
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, std::abs(scale - 1) > 1e-6);
    for (const Gis::TileId& t : Gis::coveringTiles(view, z)) {
        const QPointF topLeft = (QPointF(t.x, t.y) * TilePx - view.topLeft()) * scale;
        const QPointF bottomRight = (QPointF(t.x + 1, t.y + 1) * TilePx - view.topLeft()) * scale;
        const QRect target(
            QPoint(int(std::lround(topLeft.x())), int(std::lround(topLeft.y()))),
            QPoint(int(std::lround(bottomRight.x())) - 1, int(std::lround(bottomRight.y())) - 1));
        const QPixmap* pix = find(t);
        if (pix && !pix->isNull()) {
            p.drawPixmap(target, *pix, pix->rect());
            continue;
        }
        if (!pix)
            request(t);
        // Meanwhile the nearest coarser tile this one lies in, its quarter (or less) scaled up.
        for (int k = 1; k <= 5 && z - k >= m_xyz.minZoom; ++k) {
            const QPixmap* parent = find({z - k, t.x >> k, t.y >> k});
            if (!parent || parent->isNull())
                continue;
            const double part = parent->width() / double(1 << k);
            const int mask = (1 << k) - 1;
            p.drawPixmap(QRectF(target), *parent,
                         QRectF((t.x & mask) * part, (t.y & mask) * part, part, part));
            break;
        }
    }
    p.restore();
}

void TileLayer::request(Gis::TileId id)
{
    const quint64 k = key(id);
    if (m_pending.contains(k))
        return;
    m_pending.insert(k);
    QMetaObject::invokeMethod(m_reader, [this, reader = m_reader, id] {
        bool stale = false;
        const std::optional<QByteArray> bytes = reader->read(id, &stale);
        QImage image;
        if (bytes)
            image.loadFromData(*bytes);
        QMetaObject::invokeMethod(this,
                                  [this, id, image, stale] { arrived(id, image, stale, false); });
    });
}

void TileLayer::arrived(Gis::TileId id, const QImage& image, bool stale, bool fromNetwork)
{
    const quint64 k = key(id);
    if (!image.isNull()) {
        m_memory.insert(k, new QPixmap(QPixmap::fromImage(image)));
        Q_EMIT tileArrived();
    }
    const bool fetchIt =
        m_network && !fromNetwork && (image.isNull() || (stale && !m_refetched.contains(k)));
    if (!fetchIt) {
        m_pending.remove(k);
        if (image.isNull())
            m_memory.insert(k, new QPixmap); // known to be missing: not asked for again
        return;
    }
    const qint64 wait = m_retryAfterMs - nowMs();
    if (wait <= 0) {
        fetch(id);
        return;
    }
    // The service is down: stay pending until it may be tried again.
    QTimer::singleShot(std::chrono::milliseconds(wait), this, [this, k] { m_pending.remove(k); });
}

void TileLayer::fetch(Gis::TileId id)
{
    m_refetched.insert(key(id));
    QNetworkRequest request(m_xyz.url(id));
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("PumpWatch/1.0"));
    request.setTransferTimeout(10'000);
    QNetworkReply* reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, id] { fetched(reply, id); });
}

void TileLayer::fetched(QNetworkReply* reply, Gis::TileId id)
{
    const quint64 k = key(id);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    if (reply->error() != QNetworkReply::NoError || data.isEmpty()) {
        m_pending.remove(k);
        if (status == 404 || status == 204) { // the service has no such tile
            m_memory.insert(k, new QPixmap);
            return;
        }
        // The service is down or unreachable: say so once, keep the cache on show, retry later.
        m_retryAfterMs = nowMs() + RetryMs;
        m_refetched.remove(k);
        setProblem(tr("Tiles from %1 cannot be fetched (%2); the map shows what the cache holds")
                       .arg(reply->url().host(), reply->errorString()));
        return;
    }
    setProblem({});
    QMetaObject::invokeMethod(m_reader, [this, reader = m_reader, id, data, url = reply->url()] {
        QImage image;
        QString error;
        if (!image.loadFromData(data))
            error = tr("%1 did not send an image").arg(url.toString());
        else if (!reader->store(id, data, &error))
            error = tr("Tile cache: %1").arg(error);
        QMetaObject::invokeMethod(this, [this, id, image, error] {
            if (!error.isEmpty())
                setProblem(error);
            arrived(id, image, false, true);
        });
    });
}

void TileLayer::setProblem(const QString& problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT problemChanged(problem);
}

} // namespace PumpWatch::Ui
