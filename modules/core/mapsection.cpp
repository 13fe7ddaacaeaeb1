#include "mapsection.h"

#include "jsonwriter.h"
#include "projectreader_p.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace PumpWatch::ProjectJson {
namespace {

const MapLayer defaultLayer;

bool isColour(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$"));
    return text.isEmpty() || re.match(text).hasMatch();
}

void readColour(Context& ctx, Node& n, const char* key, QString& colour)
{
    if (const auto text = n.string(key)) {
        if (!isColour(*text))
            ctx.error(n.path(key),
                      ProjectReader::tr("'%1' is not a colour (#rrggbb or #aarrggbb)").arg(*text));
        colour = *text;
    }
}

MapLayer readLayer(Context& ctx, const QJsonObject& o, const QString& path)
{
    Node n(ctx, o, path,
           {"file", "name", "stroke", "fill", "width", "labelField", "labelColour", "labelMinZoom",
            "visible"});
    MapLayer layer;
    if (const auto file = n.string("file", true))
        layer.file = *file;
    layer.name = n.string("name").value_or(QFileInfo(layer.file).completeBaseName());
    readColour(ctx, n, "stroke", layer.stroke);
    readColour(ctx, n, "fill", layer.fill);
    if (const auto width = n.number("width")) {
        if (*width < 0 || *width > 50)
            ctx.error(n.path("width"), ProjectReader::tr("expected 0 to 50 pixels"));
        layer.width = *width;
    }
    layer.labelField = n.string("labelField").value_or(QString());
    readColour(ctx, n, "labelColour", layer.labelColour);
    if (const auto zoom = n.number("labelMinZoom")) {
        if (*zoom < 0 || *zoom > 24)
            ctx.error(n.path("labelMinZoom"), ProjectReader::tr("expected a zoom from 0 to 24"));
        layer.labelMinZoom = *zoom;
    }
    layer.visible = n.boolean("visible").value_or(true);
    return layer;
}

MapTiles readTiles(Context& ctx, const QJsonObject& o, const QString& path)
{
    Node n(ctx, o, path,
           {"id", "name", "url", "file", "datum", "minZoom", "maxZoom", "subdomains"});
    MapTiles t;
    if (const auto id = n.string("id", true))
        t.id = *id;
    t.name = n.string("name").value_or(t.id);
    t.url = n.string("url").value_or(QString());
    t.file = n.string("file").value_or(QString());
    if (t.url.isEmpty() == t.file.isEmpty())
        ctx.error(path, ProjectReader::tr("needs either \"url\" (an XYZ template) or \"file\" "
                                          "(an MBTiles file)"));
    if (!t.url.isEmpty() && !t.url.contains(u"{q}") &&
        !(t.url.contains(u"{z}") && t.url.contains(u"{x}") &&
          (t.url.contains(u"{y}") || t.url.contains(u"{-y}"))))
        ctx.error(
            n.path("url"),
            ProjectReader::tr("'%1' has no {z}/{x}/{y} (or {-y}, {q}) to fill in").arg(t.url));
    if (const auto datum = n.string("datum")) {
        if (*datum != u"wgs84" && *datum != u"gcj02" && *datum != u"bd09")
            ctx.error(n.path("datum"),
                      ProjectReader::tr("'%1' is not a datum (wgs84, gcj02 or bd09)").arg(*datum));
        t.datum = *datum;
    }
    t.minZoom = static_cast<int>(n.integer("minZoom", 0, 24).value_or(t.minZoom));
    t.maxZoom = static_cast<int>(n.integer("maxZoom", 0, 24).value_or(t.maxZoom));
    if (t.minZoom > t.maxZoom)
        ctx.error(
            n.path("minZoom"),
            ProjectReader::tr("minZoom %1 is above maxZoom %2").arg(t.minZoom).arg(t.maxZoom));
    t.subdomains = n.string("subdomains").value_or(QString());
    if (t.url.contains(u"{s}") && t.subdomains.isEmpty())
        ctx.error(n.path("subdomains"),
                  ProjectReader::tr("the URL has {s}; list the hosts' letters, e.g. \"abc\""));
    return t;
}

bool isRelative(const QString& file)
{
    return !file.isEmpty() && !file.startsWith(u':') && QDir::isRelativePath(file);
}

QString relativeTo(const QString& file, const QString& baseDir)
{
    if (baseDir.isEmpty() || file.isEmpty() || file.startsWith(u':') || isRelative(file))
        return file;
    const QString relative = QDir(baseDir).relativeFilePath(file);
    return relative.startsWith(QStringLiteral("..")) ? file : relative;
}

} // namespace

MapSettings readMap(Context& ctx, const QJsonObject& object, const QString& path)
{
    Node n(ctx, object, path, {"tiles", "layers"});
    MapSettings map;
    IdRegistry ids(ctx, ProjectReader::tr("tile source id"));
    n.forEachObject("tiles", false, [&](const QJsonObject& o, const QString& p) {
        map.tiles.push_back(readTiles(ctx, o, p));
        ids.add(map.tiles.back().id, p + QStringLiteral(".id"));
    });
    n.forEachObject("layers", false, [&](const QJsonObject& o, const QString& p) {
        map.layers.push_back(readLayer(ctx, o, p));
    });
    return map;
}

QString resolvedFile(const QString& file, const QString& baseDir)
{
    return isRelative(file) ? QDir::cleanPath(QDir(baseDir).filePath(file)) : file;
}

QString relativeFile(const QString& file, const QString& baseDir)
{
    return relativeTo(file, baseDir);
}

void resolveMapFiles(MapSettings& map, const QString& baseDir)
{
    const QDir dir(baseDir);
    for (MapLayer& l : map.layers) {
        if (isRelative(l.file))
            l.file = QDir::cleanPath(dir.filePath(l.file));
    }
    for (MapTiles& t : map.tiles) {
        if (isRelative(t.file))
            t.file = QDir::cleanPath(dir.filePath(t.file));
    }
}

void writeMap(JsonWriter& w, const MapSettings& map, const QString& baseDir)
{
    w.beginObject();
    if (!map.tiles.empty()) {
        w.key("tiles");
        w.beginArray();
        for (const MapTiles& t : map.tiles) {
            w.beginObject(JsonWriter::Inline);
            w.key("id");
            w.value(t.id);
            if (t.name != t.id) {
                w.key("name");
                w.value(t.name);
            }
            w.key(t.url.isEmpty() ? "file" : "url");
            w.value(t.url.isEmpty() ? relativeTo(t.file, baseDir) : t.url);
            w.key("datum");
            w.value(t.datum);
            w.key("minZoom");
            w.value(t.minZoom);
            w.key("maxZoom");
            w.value(t.maxZoom);
            if (!t.subdomains.isEmpty()) {
                w.key("subdomains");
                w.value(t.subdomains);
            }
            w.endObject();
        }
        w.endArray();
    }
    if (!map.layers.empty()) {
        w.key("layers");
        w.beginArray();
        for (const MapLayer& l : map.layers) {
            w.beginObject(JsonWriter::Inline);
            w.key("file");
            w.value(relativeTo(l.file, baseDir));
            w.key("name");
            w.value(l.name);
            w.key("stroke");
            w.value(l.stroke);
            if (!l.fill.isEmpty()) {
                w.key("fill");
                w.value(l.fill);
            }
            w.key("width");
            w.value(l.width);
            if (!l.labelField.isEmpty()) {
                w.key("labelField");
                w.value(l.labelField);
            }
            if (l.labelColour != defaultLayer.labelColour) {
                w.key("labelColour");
                w.value(l.labelColour);
            }
            w.key("labelMinZoom");
            w.value(l.labelMinZoom);
            if (!l.visible) {
                w.key("visible");
                w.value(false);
            }
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
}

} // namespace PumpWatch::ProjectJson
