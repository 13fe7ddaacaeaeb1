#include "drawingjson.h"

#include "symbolports.h"

#include <core/jsonwriter.h>
#include <core/projectreader_p.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace PumpWatch::Graphics {
namespace {

using namespace ProjectJson;

class Reader {
public:
    explicit Reader(Context& ctx)
        : m_ctx(ctx)
    {}

    std::optional<Drawing> read(const QJsonObject& root)
    {
        Node n(m_ctx, root, {},
               {"format", "version", "id", "name", "template", "zones", "canvas", "roles",
                "elements", "overrides"});
        if (const auto format = n.string("format", true); format && *format != u"pumpwatch-graphic")
            m_ctx.error(
                n.path("format"),
                DrawingJson::tr("expected \"pumpwatch-graphic\", found \"%1\"").arg(*format));
        if (const auto version = n.integer("version", 1, 1000000, true);
            version && *version > Drawing::FormatVersion)
            m_ctx.error(n.path("version"),
                        DrawingJson::tr("version %1 is newer than this PumpWatch reads (%2)")
                            .arg(*version)
                            .arg(Drawing::FormatVersion));
        m_drawing.id = n.string("id", true).value_or(QString());
        m_drawing.name = n.string("name").value_or(m_drawing.id);
        m_drawing.templateId = n.string("template", true).value_or(QString());
        const QJsonArray zones = n.array("zones");
        for (qsizetype i = 0; i < zones.size(); ++i) {
            const QString code = zones[i].toString();
            if (parseZone(code) == Zone::Invalid || m_drawing.zones.contains(code))
                m_ctx.error(index(n.path("zones"), i),
                            DrawingJson::tr("'%1' is not a zone (low, mid, high) or is repeated")
                                .arg(code));
            m_drawing.zones << code;
        }
        if (n.has("canvas")) {
            if (const auto size = point(root.value(QLatin1StringView("canvas")), n.path("canvas")))
                m_drawing.canvas = {size->x(), size->y()};
        }
        if (const auto roles = n.object("roles")) {
            for (auto it = roles->constBegin(); it != roles->constEnd(); ++it)
                readRole(it.key(), it.value(), n.path("roles") + u'.' + it.key());
        }
        n.forEachObject("elements", true, [this](const QJsonObject& o, const QString& p) {
            m_drawing.elements.push_back(readElement(o, p, {}));
        });
        if (const auto overrides = n.object("overrides")) {
            for (auto it = overrides->constBegin(); it != overrides->constEnd(); ++it)
                readOverrides(it.key(), it.value(), n.path("overrides") + u'.' + it.key());
        }
        if (m_ctx.hasErrors())
            return std::nullopt;
        return std::move(m_drawing);
    }

private:
    std::optional<QPointF> point(const QJsonValue& v, const QString& path)
    {
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() != 2 || !a[0].isDouble() || !a[1].isDouble()) {
            m_ctx.error(path, DrawingJson::tr("expected [x, y], found %1").arg(jsonTypeName(v)));
            return std::nullopt;
        }
        return QPointF(a[0].toDouble(), a[1].toDouble());
    }

    void readRole(const QString& role, const QJsonValue& v, const QString& path)
    {
        if (!v.isObject()) {
            m_ctx.error(path, DrawingJson::tr("expected an object, found %1").arg(jsonTypeName(v)));
            return;
        }
        Node n(m_ctx, v.toObject(), path, {"tag", "kind", "quantity", "writable", "optional"});
        RoleDef def;
        def.tag = n.string("tag", true).value_or(QString());
        if (const auto kind = n.string("kind", true)) {
            if (*kind == u"bit")
                def.kind = RoleDef::Kind::Bit;
            else if (*kind == u"analog")
                def.kind = RoleDef::Kind::Analog;
            else
                m_ctx.error(n.path("kind"),
                            DrawingJson::tr("'%1' is not a role kind (bit, analog)").arg(*kind));
        }
        if (const auto quantity = n.string("quantity")) {
            if (quantityFromCode(*quantity) == Quantity::Unknown)
                m_ctx.error(n.path("quantity"),
                            ProjectReader::tr("'%1' is not a quantity").arg(*quantity));
            def.quantity = *quantity;
        }
        def.writable = n.boolean("writable").value_or(false);
        def.optional = n.boolean("optional").value_or(false);
        if (role.count(u"[i]") != def.tag.count(u"{i}"))
            m_ctx.error(n.path("tag"),
                        DrawingJson::tr("the role and its tag must both use the pump index or "
                                        "neither ('[i]' in the role, '{i}' in the tag)"));
        m_drawing.roles[role] = def;
    }

    bool roleDeclared(const QString& role) const { return m_drawing.roles.count(role) > 0; }

    Element readElement(const QJsonObject& o, const QString& path, const QString& inheritedZone)
    {
        Node n(m_ctx, o, path,
               {"id",      "kind",  "symbol", "source", "layer", "at",   "size",     "rotation",
                "mirror",  "label", "style",  "points", "from",  "to",   "diameter", "slots",
                "control", "open",  "repeat", "offset", "when",  "zone", "elements"});
        Element e;
        e.id = n.string("id", true).value_or(QString());
        if (!e.id.isEmpty() && m_ids.contains(e.id))
            m_ctx.error(n.path("id"), DrawingJson::tr("duplicate element id '%1'").arg(e.id));
        m_ids.insert(e.id);
        if (const auto kind = n.string("kind", true)) {
            if (const auto k = parseElementKind(*kind))
                e.kind = *k;
            else
                m_ctx.error(n.path("kind"),
                            DrawingJson::tr("'%1' is not an element kind (symbol, pipe, value, "
                                            "bar, text, link, group, image)")
                                .arg(*kind));
        }
        if (const auto layer = n.string("layer")) {
            e.layer = parseLayer(*layer);
            if (!e.layer)
                m_ctx.error(n.path("layer"),
                            DrawingJson::tr("'%1' is not a layer (background, process, "
                                            "instruments, labels, notes)")
                                .arg(*layer));
        }
        const bool boxed = isBoxed(e.kind);
        if (n.has("at") || boxed) {
            if (!n.has("at"))
                m_ctx.error(n.path("at"), ProjectReader::tr("required, missing"));
            else if (const auto at = point(o.value(QLatin1StringView("at")), n.path("at")))
                e.position = *at;
        }
        if (n.has("size") || boxed) {
            if (!n.has("size"))
                m_ctx.error(n.path("size"), ProjectReader::tr("required, missing"));
            else if (const auto size = point(o.value(QLatin1StringView("size")), n.path("size")))
                e.size = {size->x(), size->y()};
        }
        e.rotationDeg = n.number("rotation").value_or(0);
        e.mirrored = n.boolean("mirror").value_or(false);
        e.label = n.string("label").value_or(QString());
        e.source = n.string("source", e.kind == ElementKind::Image).value_or(QString());
        if (n.has("source") && e.kind != ElementKind::Image)
            m_ctx.error(n.path("source"), DrawingJson::tr("only an image has a source"));
        else if (e.kind == ElementKind::Image && n.has("source") && e.source.isEmpty())
            m_ctx.error(n.path("source"), DrawingJson::tr("an image needs a file name"));
        e.style = n.string("style").value_or(QString());
        if (n.has("style") && !hasTextStyle(e.kind))
            m_ctx.error(n.path("style"),
                        DrawingJson::tr("only a text, value, link or bar has a style"));
        else if (n.has("style") && !isTextStyleRole(e.style) && !isRawColorStyle(e.style))
            m_ctx.error(n.path("style"),
                        DrawingJson::tr("'%1' is not a text style (text, valueText, alarmText, "
                                        "muted or a colour \"#rrggbb\")")
                            .arg(e.style));
        e.symbol = n.string("symbol", e.kind == ElementKind::Symbol).value_or(QString());
        if (e.kind == ElementKind::Symbol && !e.symbol.isEmpty() && !findSymbol(e.symbol))
            m_ctx.warning(n.path("symbol"),
                          DrawingJson::tr("'%1' is not a symbol this PumpWatch knows: drawn as a "
                                          "box without ports")
                              .arg(e.symbol));
        const QJsonArray points = n.array("points", e.kind == ElementKind::Pipe);
        for (qsizetype i = 0; i < points.size(); ++i) {
            if (const auto p = point(points[i], index(n.path("points"), i)))
                e.points.push_back(*p);
        }
        if (e.kind == ElementKind::Pipe && n.has("points") && points.size() < 2)
            m_ctx.error(n.path("points"), DrawingJson::tr("a pipe needs at least two points"));
        for (const char* key : {"from", "to"}) {
            if (const auto text = n.string(key)) {
                const auto end = PipeEnd::parse(*text);
                if (!end)
                    m_ctx.error(n.path(key),
                                DrawingJson::tr("'%1' is not \"element.port\", a pipe id, "
                                                "\"inlet\" or \"outlet\"")
                                    .arg(*text));
                else
                    (qstrcmp(key, "from") == 0 ? e.from : e.to) = *end;
            }
        }
        e.diameter = n.string("diameter").value_or(QString());
        if (const auto slots = n.object("slots")) {
            for (auto it = slots->constBegin(); it != slots->constEnd(); ++it) {
                const QString p = n.path("slots") + u'.' + it.key();
                if (!it->isString()) {
                    m_ctx.error(
                        p,
                        DrawingJson::tr("expected a role, found %1").arg(jsonTypeName(it.value())));
                    continue;
                }
                const QString role = it->toString();
                if (!roleDeclared(role))
                    m_ctx.error(p, DrawingJson::tr("role '%1' is not declared in roles").arg(role));
                e.slots[it.key()] = role;
            }
        }
        e.control = n.string("control").value_or(QString());
        e.open = n.string("open").value_or(QString());
        if (e.kind == ElementKind::Link && !e.open.startsWith(u"drawing:") && e.open != u"trend")
            m_ctx.error(n.path("open"),
                        DrawingJson::tr("a link opens \"drawing:<id>\" or \"trend\""));
        e.repeat = n.string("repeat").value_or(QString());
        if (!e.repeat.isEmpty() && e.repeat != u"pumps")
            m_ctx.error(n.path("repeat"),
                        DrawingJson::tr("'%1' cannot be repeated (only \"pumps\")").arg(e.repeat));
        if (n.has("offset")) {
            if (const auto offset = point(o.value(QLatin1StringView("offset")), n.path("offset")))
                e.offset = *offset;
        }
        e.when = n.string("when").value_or(QString());
        if (!e.when.isEmpty() && e.when != u"tank" && e.when != u"!tank")
            m_ctx.error(n.path("when"),
                        DrawingJson::tr("'%1' is not a condition (tank, !tank)").arg(e.when));
        e.zone = n.string("zone").value_or(QString());
        if (!e.zone.isEmpty() && !m_drawing.zones.contains(e.zone))
            m_ctx.error(n.path("zone"),
                        DrawingJson::tr("'%1' is not one of the drawing's zones").arg(e.zone));
        if (m_drawing.zones.size() > 1 && e.zone.isEmpty() && inheritedZone.isEmpty() &&
            (!e.slots.empty() || !e.control.isEmpty()))
            m_ctx.error(n.path("zone"),
                        DrawingJson::tr("a drawing of several zones must say which zone's device "
                                        "a bound element reads"));
        const QString zone = e.zone.isEmpty() ? inheritedZone : e.zone;
        if (e.kind == ElementKind::Group) {
            n.forEachObject("elements", true, [&](const QJsonObject& co, const QString& cp) {
                e.children.push_back(readElement(co, cp, zone));
            });
        } else if (n.has("elements") || !e.repeat.isEmpty()) {
            m_ctx.error(n.path(n.has("elements") ? "elements" : "repeat"),
                        DrawingJson::tr("only a group has elements or repeats"));
        }
        return e;
    }

    void readOverrides(const QString& station, const QJsonValue& v, const QString& path)
    {
        if (!v.isArray()) {
            m_ctx.error(path, DrawingJson::tr("expected an array, found %1").arg(jsonTypeName(v)));
            return;
        }
        std::vector<Override>& patch = m_drawing.overrides[station];
        const QJsonArray items = v.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString p = index(path, i);
            if (!items[i].isObject()) {
                m_ctx.error(
                    p, DrawingJson::tr("expected an object, found %1").arg(jsonTypeName(items[i])));
                continue;
            }
            Node n(m_ctx, items[i].toObject(), p, {"element", "move", "hidden", "set"});
            Override o;
            o.element = n.string("element", true).value_or(QString());
            if (n.has("move"))
                o.move =
                    point(items[i].toObject().value(QLatin1StringView("move")), n.path("move"));
            o.hidden = n.boolean("hidden").value_or(false);
            if (const auto set = n.object("set")) {
                Node sn(m_ctx, *set, n.path("set"), {"label"});
                o.label = sn.string("label");
            }
            patch.push_back(std::move(o));
        }
    }

    Context& m_ctx;
    Drawing m_drawing;
    QSet<QString> m_ids;
};

void writePoint(JsonWriter& w, QPointF p)
{
    w.beginArray(JsonWriter::Inline);
    w.value(p.x());
    w.value(p.y());
    w.endArray();
}

void writeElement(JsonWriter& w, const Element& e)
{
    w.beginObject(e.kind == ElementKind::Group ? JsonWriter::Block : JsonWriter::Inline);
    w.key("id");
    w.value(e.id);
    w.key("kind");
    w.value(elementKindCode(e.kind));
    if (!e.symbol.isEmpty()) {
        w.key("symbol");
        w.value(e.symbol);
    }
    if (!e.source.isEmpty()) {
        w.key("source");
        w.value(e.source);
    }
    if (e.layer) {
        w.key("layer");
        w.value(layerCode(*e.layer));
    }
    if (isBoxed(e.kind)) {
        w.key("at");
        writePoint(w, e.position);
        w.key("size");
        writePoint(w, {e.size.width(), e.size.height()});
    }
    if (e.rotationDeg != 0) {
        w.key("rotation");
        w.value(e.rotationDeg);
    }
    if (e.mirrored) {
        w.key("mirror");
        w.value(true);
    }
    if (!e.label.isEmpty()) {
        w.key("label");
        w.value(e.label);
    }
    if (!e.style.isEmpty()) {
        w.key("style");
        w.value(e.style);
    }
    if (!e.points.empty()) {
        w.key("points");
        w.beginArray(JsonWriter::Inline);
        for (QPointF p : e.points)
            writePoint(w, p);
        w.endArray();
    }
    if (!e.from.isEmpty()) {
        w.key("from");
        w.value(e.from.toString());
    }
    if (!e.to.isEmpty()) {
        w.key("to");
        w.value(e.to.toString());
    }
    if (!e.diameter.isEmpty()) {
        w.key("diameter");
        w.value(e.diameter);
    }
    if (!e.slots.empty()) {
        w.key("slots");
        w.beginObject(JsonWriter::Inline);
        for (const auto& [slot, role] : e.slots) {
            w.key(slot.toUtf8().constData());
            w.value(role);
        }
        w.endObject();
    }
    if (!e.control.isEmpty()) {
        w.key("control");
        w.value(e.control);
    }
    if (!e.open.isEmpty()) {
        w.key("open");
        w.value(e.open);
    }
    if (!e.repeat.isEmpty()) {
        w.key("repeat");
        w.value(e.repeat);
    }
    if (!e.offset.isNull()) {
        w.key("offset");
        writePoint(w, e.offset);
    }
    if (!e.when.isEmpty()) {
        w.key("when");
        w.value(e.when);
    }
    if (!e.zone.isEmpty()) {
        w.key("zone");
        w.value(e.zone);
    }
    if (e.kind == ElementKind::Group) {
        w.key("elements");
        w.beginArray();
        for (const Element& child : e.children)
            writeElement(w, child);
        w.endArray();
    }
    w.endObject();
}

void writeRole(JsonWriter& w, const RoleDef& r)
{
    w.beginObject(JsonWriter::Inline);
    w.key("tag");
    w.value(r.tag);
    w.key("kind");
    w.value(r.kind == RoleDef::Kind::Bit ? u"bit" : u"analog");
    if (!r.quantity.isEmpty()) {
        w.key("quantity");
        w.value(r.quantity);
    }
    if (r.writable) {
        w.key("writable");
        w.value(true);
    }
    if (r.optional) {
        w.key("optional");
        w.value(true);
    }
    w.endObject();
}

void writeOverride(JsonWriter& w, const Override& o)
{
    w.beginObject(JsonWriter::Inline);
    w.key("element");
    w.value(o.element);
    if (o.move) {
        w.key("move");
        writePoint(w, *o.move);
    }
    if (o.hidden) {
        w.key("hidden");
        w.value(true);
    }
    if (o.label) {
        w.key("set");
        w.beginObject(JsonWriter::Inline);
        w.key("label");
        w.value(*o.label);
        w.endObject();
    }
    w.endObject();
}

/// 1-based line and column of a byte offset in UTF-8 text.
std::pair<int, int> lineColumn(const QByteArray& text, qsizetype offset)
{
    const QByteArray before = text.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    return {static_cast<int>(before.count('\n')) + 1,
            static_cast<int>(QString::fromUtf8(before.mid(lineStart)).size()) + 1};
}

} // namespace

DrawingLoad DrawingJson::read(const QByteArray& json, const QString& fileName)
{
    Context ctx(fileName);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineColumn(json, error.offset);
        ctx.syntaxError(line, column,
                        ProjectReader::tr("JSON syntax error: %1").arg(error.errorString()));
        return {std::nullopt, ctx.take()};
    }
    if (!doc.isObject()) {
        ctx.error({}, tr("a drawing file must hold a JSON object"));
        return {std::nullopt, ctx.take()};
    }
    Reader reader(ctx);
    std::optional<Drawing> drawing = reader.read(doc.object());
    if (drawing)
        drawing->file = fileName;
    return {std::move(drawing), ctx.take()};
}

DrawingLoad DrawingJson::readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Diagnostic d;
        d.file = path;
        d.message = ProjectReader::tr("cannot open: %1").arg(file.errorString());
        return {std::nullopt, {d}};
    }
    return read(file.readAll(), path);
}

QByteArray DrawingJson::write(const Drawing& d)
{
    JsonWriter w;
    w.beginObject();
    w.key("format");
    w.value(u"pumpwatch-graphic");
    w.key("version");
    w.value(Drawing::FormatVersion);
    w.key("id");
    w.value(d.id);
    if (d.name != d.id) {
        w.key("name");
        w.value(d.name);
    }
    w.key("template");
    w.value(d.templateId);
    if (!d.zones.isEmpty()) {
        w.key("zones");
        w.beginArray(JsonWriter::Inline);
        for (const QString& z : d.zones)
            w.value(z);
        w.endArray();
    }
    w.key("canvas");
    writePoint(w, {d.canvas.width(), d.canvas.height()});
    w.key("roles");
    w.beginObject();
    for (const auto& [role, def] : d.roles) {
        w.key(role.toUtf8().constData());
        writeRole(w, def);
    }
    w.endObject();
    w.key("elements");
    w.beginArray();
    for (const Element& e : d.elements)
        writeElement(w, e);
    w.endArray();
    if (!d.overrides.empty()) {
        w.key("overrides");
        w.beginObject();
        for (const auto& [station, patch] : d.overrides) {
            w.key(station.toUtf8().constData());
            w.beginArray();
            for (const Override& o : patch)
                writeOverride(w, o);
            w.endArray();
        }
        w.endObject();
    }
    w.endObject();
    return w.finish();
}

bool DrawingJson::writeFile(const Drawing& drawing, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(write(drawing)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace PumpWatch::Graphics
