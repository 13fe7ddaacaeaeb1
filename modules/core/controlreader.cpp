#include "controlreader.h"

#include "jsonwriter.h"
#include "projectreader_p.h"

namespace PumpWatch::ProjectJson {
namespace {

QString blocksCode(Interlock::Blocks b)
{
    switch (b) {
    case Interlock::Blocks::On:
        return QStringLiteral("on");
    case Interlock::Blocks::Off:
        return QStringLiteral("off");
    case Interlock::Blocks::Any:
        return QStringLiteral("any");
    }
    return {};
}

/// The key names a tag of the template; `writable` also asks for read-write access.
void checkTag(Context& ctx, Node& n, const char* key, const StationTemplate& t, bool writable)
{
    const auto k = n.string(key, true);
    if (!k)
        return;
    const int i = t.tagIndex(*k);
    if (i < 0)
        ctx.error(n.path(key),
                  ProjectReader::tr("'%1' is not a tag of template '%2'").arg(*k, t.id));
    else if (writable && t.tags[static_cast<std::size_t>(i)].access != Access::ReadWrite)
        ctx.error(n.path(key),
                  ProjectReader::tr("tag '%1' is read-only: it cannot be commanded").arg(*k));
}

Interlock readInterlock(Context& ctx, const QJsonObject& o, const QString& path,
                        const StationTemplate& t)
{
    Node n(ctx, o, path, {"tag", "below", "above", "blocks", "reason"});
    Interlock il;
    il.tag = n.string("tag", true).value_or(QString());
    checkTag(ctx, n, "tag", t, false);
    il.below = n.number("below");
    il.above = n.number("above");
    if (!il.below && !il.above)
        ctx.error(path, ProjectReader::tr("an interlock needs 'below' or 'above'"));
    if (const auto b = n.string("blocks")) {
        bool known = false;
        for (const auto v : {Interlock::Blocks::On, Interlock::Blocks::Off, Interlock::Blocks::Any})
            if (*b == blocksCode(v)) {
                il.blocks = v;
                known = true;
            }
        if (!known)
            ctx.error(n.path("blocks"),
                      ProjectReader::tr("'%1' is not one of on, off, any").arg(*b));
    }
    il.reason = n.string("reason", true).value_or(QString());
    return il;
}

} // namespace

void readControls(Context& ctx, const QJsonArray& items, const QString& path, StationTemplate& t)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString p = index(path, i);
        if (!items[i].isObject()) {
            ctx.error(
                p, ProjectReader::tr("expected an object, found %1").arg(jsonTypeName(items[i])));
            continue;
        }
        Node n(ctx, items[i].toObject(), p,
               {"object", "name", "kind", "command", "feedback", "feedbackS", "tolerance", "min",
                "max", "maxStep", "interlocks"});
        ControlDef c;
        c.object = n.string("object", true).value_or(QString());
        if (findControl(t.controls, c.object))
            ctx.error(n.path("object"),
                      ProjectReader::tr("control '%1' is declared twice").arg(c.object));
        c.name = n.string("name").value_or(c.object);
        if (const auto kind = n.string("kind", true)) {
            if (const auto k = parseControlKind(*kind))
                c.kind = *k;
            else
                ctx.error(n.path("kind"),
                          ProjectReader::tr("'%1' is not one of pump, valve, setpoint").arg(*kind));
        }
        c.command = n.string("command", true).value_or(QString());
        checkTag(ctx, n, "command", t, true);
        c.feedback = n.string("feedback", true).value_or(QString());
        checkTag(ctx, n, "feedback", t, false);
        if (const auto s = n.number("feedbackS")) {
            if (*s <= 0 || *s > 3600)
                ctx.error(n.path("feedbackS"),
                          ProjectReader::tr("expected seconds from 0 to 3600, found %1").arg(*s));
            else
                c.feedbackS = *s;
        }
        c.tolerance = n.number("tolerance").value_or(0.0);
        c.min = n.number("min");
        c.max = n.number("max");
        c.maxStep = n.number("maxStep");
        if (c.min && c.max && *c.min > *c.max)
            ctx.error(n.path("min"),
                      ProjectReader::tr("min %1 is above max %2").arg(*c.min).arg(*c.max));
        n.forEachObject("interlocks", false, [&](const QJsonObject& o, const QString& ip) {
            c.interlocks.push_back(readInterlock(ctx, o, ip, t));
        });
        t.controls.push_back(std::move(c));
    }
}

void writeControls(JsonWriter& w, const std::vector<ControlDef>& controls)
{
    w.beginArray();
    for (const ControlDef& c : controls) {
        w.beginObject(JsonWriter::Inline);
        w.key("object");
        w.value(c.object);
        w.key("name");
        w.value(c.name);
        w.key("kind");
        w.value(controlKindCode(c.kind));
        w.key("command");
        w.value(c.command);
        w.key("feedback");
        w.value(c.feedback);
        w.key("feedbackS");
        w.value(c.feedbackS);
        if (c.tolerance != 0.0) {
            w.key("tolerance");
            w.value(c.tolerance);
        }
        const std::pair<const char*, const std::optional<double>*> limits[] = {
            {"min", &c.min}, {"max", &c.max}, {"maxStep", &c.maxStep}};
        for (const auto& [key, v] : limits) {
            if (*v) {
                w.key(key);
                w.value(**v);
            }
        }
        if (!c.interlocks.empty()) {
            w.key("interlocks");
            w.beginArray(JsonWriter::Inline);
            for (const Interlock& il : c.interlocks) {
                w.beginObject(JsonWriter::Inline);
                w.key("tag");
                w.value(il.tag);
                if (il.below) {
                    w.key("below");
                    w.value(*il.below);
                }
                if (il.above) {
                    w.key("above");
                    w.value(*il.above);
                }
                w.key("blocks");
                w.value(blocksCode(il.blocks));
                w.key("reason");
                w.value(il.reason);
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
    }
    w.endArray();
}

} // namespace PumpWatch::ProjectJson
