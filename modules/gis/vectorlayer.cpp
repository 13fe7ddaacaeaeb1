#include "vectorlayer.h"

#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <limits>
#include <memory>
#include <mutex>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace PumpWatch::Gis {
namespace {

void registerDrivers()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

QList<QPointF> points(const OGRSimpleCurve& curve)
{
    QList<QPointF> out;
    out.reserve(curve.getNumPoints());
    for (int i = 0; i < curve.getNumPoints(); ++i)
        out << QPointF(curve.getX(i), curve.getY(i));
    return out;
}

void flatten(const OGRGeometry* g, Feature& f)
{
    if (!g)
        return;
    switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
        const auto* p = g->toPoint();
        f.kind = Feature::Kind::Point;
        f.parts.push_back({QPointF(p->getX(), p->getY())});
        break;
    }
    case wkbLineString:
        f.kind = Feature::Kind::Line;
        f.parts.push_back(points(*g->toLineString()));
        break;
    case wkbPolygon: {
        f.kind = Feature::Kind::Polygon;
        for (const OGRLinearRing* ring : *g->toPolygon())
            f.parts.push_back(points(*ring));
        break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
        for (const OGRGeometry* part : *g->toGeometryCollection())
            flatten(part, f);
        break;
    default:
        break; // curves and surfaces of other kinds are not drawn
    }
}

/// Bounds that keep points and straight lines (QRectF::united() drops empty rectangles).
QRectF boundsOf(const std::vector<QList<QPointF>>& parts)
{
    double x0 = std::numeric_limits<double>::max(), y0 = x0;
    double x1 = -x0, y1 = -x0;
    for (const auto& part : parts) {
        for (const QPointF& p : part) {
            x0 = std::min(x0, p.x());
            y0 = std::min(y0, p.y());
            x1 = std::max(x1, p.x());
            y1 = std::max(y1, p.y());
        }
    }
    return x0 > x1 ? QRectF() : QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

/// A Qt resource (":/demo/map/x.geojson") as a GDAL in-memory file for as long as it lives;
/// any other path as it is.
class ResourceFile {
public:
    explicit ResourceFile(const QString& file)
        : m_path(file)
    {
        if (!file.startsWith(u':'))
            return;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return; // GDAL then says it cannot open the ":/…" name
        m_data = f.readAll();
        static std::atomic<int> counter{0};
        m_memPath = "/vsimem/pumpwatch-" + QByteArray::number(++counter) + '/' +
                    QFileInfo(file).fileName().toUtf8();
        VSIFCloseL(VSIFileFromMemBuffer(m_memPath.constData(),
                                        reinterpret_cast<GByte*>(m_data.data()),
                                        static_cast<vsi_l_offset>(m_data.size()), FALSE));
    }
    ~ResourceFile()
    {
        if (!m_memPath.isEmpty())
            VSIUnlink(m_memPath.constData());
    }
    ResourceFile(const ResourceFile&) = delete;
    ResourceFile& operator=(const ResourceFile&) = delete;
    QByteArray gdalPath() const { return m_memPath.isEmpty() ? m_path.toUtf8() : m_memPath; }

private:
    QString m_path;
    QByteArray m_data;
    QByteArray m_memPath;
};

} // namespace

std::optional<VectorLayer> VectorLayer::load(const MapLayer& style, QString* error)
{
    registerDrivers();
    CPLErrorReset();
    const QString& file = style.file;
    const ResourceFile resource(file);
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(resource.gdalPath().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) {
        const QString why = QString::fromUtf8(CPLGetLastErrorMsg());
        *error = tr("%1: cannot be read as a vector layer%2")
                     .arg(file, why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why));
        return std::nullopt;
    }
    VectorLayer layer;
    layer.style = style;
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER); // x = longitude
    for (OGRLayer* l : ds->GetLayers()) {
        if (layer.name.isEmpty())
            layer.name = QString::fromUtf8(l->GetName());
        std::unique_ptr<OGRCoordinateTransformation> transform;
        if (const OGRSpatialReference* srs = l->GetSpatialRef(); srs && !srs->IsSame(&wgs84)) {
            OGRSpatialReference source(*srs);
            source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            transform.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
            if (!transform) {
                *error = tr("%1: layer %2: its coordinate system cannot be converted to WGS-84")
                             .arg(file, QString::fromUtf8(l->GetName()));
                return std::nullopt;
            }
        }
        const OGRFeatureDefn* defn = l->GetLayerDefn();
        int labelIndex = defn->GetFieldIndex(
            (style.labelField.isEmpty() ? QStringLiteral("name") : style.labelField)
                .toUtf8()
                .constData());
        for (auto& feature : *l) {
            OGRGeometry* g = feature->GetGeometryRef();
            if (!g)
                continue;
            if (transform && g->transform(transform.get()) != OGRERR_NONE) {
                *error = tr("%1: layer %2, feature %3: cannot be converted to WGS-84")
                             .arg(file, QString::fromUtf8(l->GetName()))
                             .arg(feature->GetFID());
                return std::nullopt;
            }
            Feature f;
            flatten(g, f);
            if (f.parts.empty())
                continue;
            if (labelIndex >= 0 && feature->IsFieldSetAndNotNull(labelIndex))
                f.label = QString::fromUtf8(feature->GetFieldAsString(labelIndex));
            f.bounds = boundsOf(f.parts);
            layer.bounds = layer.features.empty() ? f.bounds : layer.bounds.united(f.bounds);
            layer.features.push_back(std::move(f));
        }
    }
    return layer;
}

} // namespace PumpWatch::Gis
