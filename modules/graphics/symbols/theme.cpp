#include "theme.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>

namespace PumpWatch::Graphics {

namespace {

// The names of the built-in themes, for lupdate; the JSON carries the English one.
[[maybe_unused]] const char* const kThemeNames[] = {
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::Theme", "ISA-101 high performance (grey)"),
    QT_TRANSLATE_NOOP("PumpWatch::Graphics::Theme", "Legacy (running red, stopped green)"),
};

quint64 nextCacheId()
{
    // Not a singleton: a counter, so that two loads of the same file never share cached images
    // (a theme file may have changed between them).
    static std::atomic<quint64> counter{0};
    return ++counter;
}

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

bool readColor(const QJsonValue& v, const QString& where, QColor* out, QString* error)
{
    const QString text = v.toString();
    if (text == QLatin1String("none")) {
        *out = QColor();
        return true;
    }
    const QColor c = QColor::fromString(text);
    if (!v.isString() || !c.isValid())
        return fail(error, QStringLiteral("%1: '%2' is not a colour (#rrggbb or none)")
                               .arg(where, v.isString() ? text : QStringLiteral("<not a string>")));
    *out = c;
    return true;
}

} // namespace

bool Theme::readFields(const QJsonValue& v, const QString& where, Fields* out, QString* error)
{
    if (!v.isObject())
        return fail(error, QStringLiteral("%1: expected an object").arg(where));
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const QString at = where + QLatin1Char('.') + key;
        if (key == QLatin1String("fill") || key == QLatin1String("stroke")) {
            QColor c;
            if (!readColor(*it, at, &c, error))
                return false;
            (key == QLatin1String("fill") ? out->fill : out->stroke) = c;
        } else if (key == QLatin1String("strokeWidth")) {
            if (!it->isDouble() || it->toDouble() < 0)
                return fail(error, QStringLiteral("%1: expected a number ≥ 0").arg(at));
            out->strokeWidth = it->toDouble();
        } else if (key == QLatin1String("visible") || key == QLatin1String("blink")) {
            if (!it->isBool())
                return fail(error, QStringLiteral("%1: expected true or false").arg(at));
            (key == QLatin1String("visible") ? out->visible : out->blink) = it->toBool();
        } else if (key == QLatin1String("dash")) {
            std::vector<double> dash;
            for (const QJsonValue d : it->toArray()) {
                if (!d.isDouble() || d.toDouble() <= 0)
                    return fail(error, QStringLiteral("%1: expected positive numbers").arg(at));
                dash.push_back(d.toDouble());
            }
            if (!it->isArray())
                return fail(error, QStringLiteral("%1: expected an array").arg(at));
            out->dash = dash;
        } else {
            return fail(error, QStringLiteral("%1: unknown key").arg(at));
        }
    }
    return true;
}

std::optional<Theme> Theme::fromJson(const QByteArray& json, const QString& source, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (doc.isNull()) {
        fail(error, QStringLiteral("%1: not JSON (%2 at offset %3)")
                        .arg(source, pe.errorString())
                        .arg(pe.offset));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    const auto failAt = [&](const QString& text) {
        fail(error, source + QStringLiteral(": ") + text);
        return std::nullopt;
    };
    if (root.value(QLatin1String("schema")).toInt() != 1)
        return failAt(QStringLiteral("schema: expected 1"));

    Theme t;
    t.m_id = root.value(QLatin1String("id")).toString();
    if (t.m_id.isEmpty())
        return failAt(QStringLiteral("id: missing"));
    t.m_nameEn = root.value(QLatin1String("name")).toObject().value(QLatin1String("en")).toString();

    const QJsonObject canvas = root.value(QLatin1String("canvas")).toObject();
    const std::pair<const char*, QColor*> colours[] = {
        {"background", &t.m_canvas.background},   {"pipe", &t.m_canvas.pipe},
        {"pipeFlowing", &t.m_canvas.pipeFlowing}, {"text", &t.m_canvas.text},
        {"valueText", &t.m_canvas.valueText},     {"barNormal", &t.m_canvas.barNormal},
        {"barAlarm", &t.m_canvas.barAlarm},       {"staleHatch", &t.m_canvas.staleHatch},
        {"alarmText", &t.m_canvas.alarmText},
    };
    QString err;
    for (const auto& [key, colour] : colours) {
        const QString where = QStringLiteral("canvas.") + QLatin1String(key);
        if (!canvas.contains(QLatin1String(key)))
            return failAt(where + QStringLiteral(": missing"));
        if (!readColor(canvas.value(QLatin1String(key)), where, colour, &err))
            return failAt(err);
    }
    // Optional (added after the first themes): halfway from the text to the background.
    if (canvas.contains(QLatin1String("muted"))) {
        if (!readColor(canvas.value(QLatin1String("muted")), QStringLiteral("canvas.muted"),
                       &t.m_canvas.muted, &err))
            return failAt(err);
    } else {
        const QColor a = t.m_canvas.text, b = t.m_canvas.background;
        t.m_canvas.muted =
            QColor((a.red() + b.red()) / 2, (a.green() + b.green()) / 2, (a.blue() + b.blue()) / 2);
    }
    t.m_canvas.pipeWidth = canvas.value(QLatin1String("pipeWidth")).toDouble(4.0);
    const QJsonArray alarm = canvas.value(QLatin1String("alarm")).toArray();
    if (alarm.size() != 3)
        return failAt(QStringLiteral("canvas.alarm: expected 3 colours (priority 1, 2, 3)"));
    for (int i = 0; i < 3; ++i) {
        if (!readColor(alarm.at(i), QStringLiteral("canvas.alarm[%1]").arg(i), &t.m_canvas.alarm[i],
                       &err))
            return failAt(err);
    }

    const QJsonObject parts = root.value(QLatin1String("parts")).toObject();
    for (auto it = parts.begin(); it != parts.end(); ++it) {
        if (!readFields(*it, QStringLiteral("parts.") + it.key(), &t.m_parts[it.key()], &err))
            return failAt(err);
    }
    if (!t.m_parts.contains(QStringLiteral("*")))
        return failAt(QStringLiteral("parts.*: missing (the style every part starts from)"));
    const QJsonObject states = root.value(QLatin1String("states")).toObject();
    for (auto s = states.begin(); s != states.end(); ++s) {
        if (!s->isObject())
            return failAt(QStringLiteral("states.%1: expected an object").arg(s.key()));
        const QJsonObject byPart = s->toObject();
        PartTable& table = t.m_states[s.key()];
        for (auto p = byPart.begin(); p != byPart.end(); ++p) {
            if (!readFields(*p, QStringLiteral("states.%1.%2").arg(s.key(), p.key()),
                            &table[p.key()], &err))
                return failAt(err);
        }
    }
    t.m_cacheId = nextCacheId();
    return t;
}

std::optional<Theme> Theme::load(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        fail(error, QStringLiteral("%1: %2").arg(path, f.errorString()));
        return std::nullopt;
    }
    return fromJson(f.readAll(), QFileInfo(path).fileName(), error);
}

std::optional<Theme> Theme::builtIn(QStringView id, QString* error)
{
    if (!builtInIds().contains(id)) {
        fail(error, QStringLiteral("no built-in theme '%1'").arg(id));
        return std::nullopt;
    }
    return load(QStringLiteral(":/themes/%1.json").arg(id), error);
}

QStringList Theme::builtInIds()
{
    return {QStringLiteral("isa101"), QStringLiteral("legacy")};
}

QString Theme::displayName() const
{
    return QCoreApplication::translate("PumpWatch::Graphics::Theme", m_nameEn.toUtf8().constData());
}

QColor Theme::alarmColor(int priority) const
{
    return m_canvas.alarm[std::clamp(priority, 1, 3) - 1];
}

void Theme::apply(const Fields& f, PartStyle* s, bool coloursOnly)
{
    if (f.fill && !(coloursOnly && !s->fill.isValid()))
        s->fill = *f.fill;
    if (f.stroke && !(coloursOnly && !s->stroke.isValid()))
        s->stroke = *f.stroke;
    if (coloursOnly)
        return;
    if (f.strokeWidth)
        s->strokeWidth = *f.strokeWidth;
    if (f.visible)
        s->visible = *f.visible;
    if (f.blink)
        s->blink = *f.blink;
    if (f.dash)
        s->dash = *f.dash;
}

PartStyle Theme::style(QStringView state, QStringView part, bool stale) const
{
    // Least specific first, each later layer overriding the fields it names.
    PartStyle s;
    const QString partKey = part.toString();
    apply(m_parts.value(QStringLiteral("*")), &s, false);
    if (const auto p = m_parts.constFind(partKey); p != m_parts.cend())
        apply(*p, &s, false);
    if (const auto st = m_states.constFind(state.toString()); st != m_states.cend()) {
        if (const auto p = st->constFind(partKey); p != st->cend())
            apply(*p, &s, false);
    }
    if (stale) {
        const PartTable overlay = m_states.value(QStringLiteral("stale"));
        apply(overlay.value(QStringLiteral("*")), &s, true);
        if (const auto p = overlay.constFind(partKey); p != overlay.cend())
            apply(*p, &s, true);
        s.blink = false; // stale data does not flash: nothing about it is news
    }
    return s;
}

bool Theme::blinks(QStringView state) const
{
    const auto st = m_states.constFind(state.toString());
    if (st == m_states.cend())
        return false;
    for (const Fields& f : *st) {
        if (f.blink.value_or(false))
            return true;
    }
    for (const Fields& f : m_parts) {
        if (f.blink.value_or(false))
            return true;
    }
    return false;
}

QColor Theme::textStyleColor(QStringView style) const
{
    if (style == u"text")
        return m_canvas.text;
    if (style == u"valueText")
        return m_canvas.valueText;
    if (style == u"muted")
        return m_canvas.muted;
    if (style == u"alarmText")
        return alarmColor(1);
    if (style.startsWith(u'#') && style.size() == 7)
        return QColor::fromString(style);
    return {};
}

QStringList Theme::stateNames() const
{
    QStringList names;
    for (auto it = m_states.cbegin(); it != m_states.cend(); ++it) {
        if (it.key() != u"stale")
            names << it.key();
    }
    names.sort();
    return names;
}

QStringList Theme::partNames() const
{
    QStringList names;
    const auto add = [&names](const PartTable& table) {
        for (auto it = table.cbegin(); it != table.cend(); ++it) {
            if (it.key() != u"*" && !names.contains(it.key()))
                names << it.key();
        }
    };
    add(m_parts);
    for (const PartTable& table : m_states)
        add(table);
    names.sort();
    return names;
}

} // namespace PumpWatch::Graphics
