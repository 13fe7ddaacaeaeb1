#include "symbollibrary.h"

#include "canvaspaint.h"
#include "svgstyler.h"

#include <QCache>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>

namespace PumpWatch::Graphics {

namespace {

// Everything that changes the pixels of a cached image, and nothing else.
struct RenderKey {
    const SymbolDef* symbol = nullptr;
    QString state;
    quint64 theme = 0;
    QSize size;
    int levelPercent = -1; // -1: no level; the level is shown to 1 %, not finer
    bool blinkOn = true;
    bool stale = false;
    QString text;
    bool operator==(const RenderKey&) const = default;
};

size_t qHash(const RenderKey& k, size_t seed = 0)
{
    return qHashMulti(seed, k.symbol, k.state, k.theme, k.size.width(), k.size.height(),
                      k.levelPercent, k.blinkOn, k.stale, k.text);
}

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

std::optional<PortDirection> directionFrom(const QString& s)
{
    if (s == QLatin1String("left"))
        return PortDirection::Left;
    if (s == QLatin1String("right"))
        return PortDirection::Right;
    if (s == QLatin1String("up"))
        return PortDirection::Up;
    if (s == QLatin1String("down"))
        return PortDirection::Down;
    return std::nullopt;
}

// Reads one entry of symbols.json and its SVG; `where` is "symbols.json: symbols[3] (id)".
bool readSymbol(const QJsonObject& o, const QDir& dir, const QString& where, SymbolDef* d,
                QString* error)
{
    const auto failAt = [&](const QString& key, const QString& text) {
        return fail(error, QStringLiteral("%1.%2: %3").arg(where, key, text));
    };
    d->id = o.value(QLatin1String("id")).toString();
    const QJsonObject name = o.value(QLatin1String("name")).toObject();
    d->nameEn = name.value(QLatin1String("en")).toString();
    d->nameZh = name.value(QLatin1String("zh")).toString();
    if (d->nameEn.isEmpty() || d->nameZh.isEmpty())
        return failAt(QStringLiteral("name"), QStringLiteral("needs both en and zh"));
    d->size = QSizeF(o.value(QLatin1String("width")).toDouble(),
                     o.value(QLatin1String("height")).toDouble());
    if (d->size.isEmpty())
        return failAt(QStringLiteral("width/height"), QStringLiteral("missing or zero"));

    const QString file = o.value(QLatin1String("file")).toString();
    QFile f(dir.filePath(file));
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        return failAt(QStringLiteral("file"), QStringLiteral("cannot read '%1'").arg(file));
    d->svg = f.readAll();
    if (!QSvgRenderer(d->svg).isValid())
        return failAt(QStringLiteral("file"), QStringLiteral("'%1' is not a valid SVG").arg(file));
    const QRectF viewBox = QSvgRenderer(d->svg).viewBoxF();
    if (viewBox.size() != d->size)
        return failAt(QStringLiteral("width/height"), QStringLiteral("the viewBox of %1 is %2×%3")
                                                          .arg(file)
                                                          .arg(viewBox.width())
                                                          .arg(viewBox.height()));

    static const QRegularExpression idRe(QStringLiteral("\\bid=\"([^\"]+)\""));
    QStringList svgIds;
    for (const auto& m : idRe.globalMatch(QString::fromUtf8(d->svg)))
        svgIds << m.captured(1);
    for (const QJsonValue p : o.value(QLatin1String("parts")).toArray()) {
        if (!svgIds.contains(p.toString()))
            return failAt(QStringLiteral("parts"),
                          QStringLiteral("'%1' is not an id in %2").arg(p.toString(), file));
        d->parts << p.toString();
    }
    if (!d->parts.contains(QLatin1String("body")))
        return failAt(QStringLiteral("parts"), QStringLiteral("every symbol needs a 'body'"));

    const QStringList known = SymbolLibrary::knownStates();
    for (const QJsonValue s : o.value(QLatin1String("states")).toArray()) {
        if (!known.contains(s.toString()) || s.toString() == QLatin1String("stale"))
            return failAt(QStringLiteral("states"),
                          QStringLiteral("'%1' is not a state code").arg(s.toString()));
        d->states << s.toString();
    }
    if (d->states.isEmpty())
        return failAt(QStringLiteral("states"), QStringLiteral("none"));

    const QJsonArray ports = o.value(QLatin1String("ports")).toArray();
    for (qsizetype i = 0; i < ports.size(); ++i) {
        const QJsonObject p = ports.at(i).toObject();
        Port port{p.value(QLatin1String("name")).toString(),
                  QPointF(p.value(QLatin1String("x")).toDouble(-1),
                          p.value(QLatin1String("y")).toDouble(-1)),
                  PortDirection::Left};
        const auto dirn = directionFrom(p.value(QLatin1String("direction")).toString());
        const QString key = QStringLiteral("ports[%1]").arg(i);
        if (port.name.isEmpty() || !dirn)
            return failAt(key, QStringLiteral("needs a name and a direction (left/right/up/down)"));
        if (!QRectF(QPointF(), d->size).contains(port.position))
            return failAt(key, QStringLiteral("(%1, %2) is outside the viewBox")
                                   .arg(port.position.x())
                                   .arg(port.position.y()));
        port.direction = *dirn;
        d->ports.push_back(port);
    }

    d->levelPart = o.value(QLatin1String("level")).toString();
    if (!d->levelPart.isEmpty() && !d->parts.contains(d->levelPart))
        return failAt(QStringLiteral("level"),
                      QStringLiteral("'%1' is not a part").arg(d->levelPart));
    const QJsonObject text = o.value(QLatin1String("text")).toObject();
    d->textPart = text.value(QLatin1String("part")).toString();
    d->defaultText = text.value(QLatin1String("default")).toString();
    for (const QJsonValue c : text.value(QLatin1String("choices")).toArray())
        d->textChoices << c.toString();
    if (!d->textPart.isEmpty() && !d->parts.contains(d->textPart))
        return failAt(QStringLiteral("text.part"),
                      QStringLiteral("'%1' is not a part").arg(d->textPart));
    return true;
}

// What an unknown symbol or state looks like: impossible to mistake for a real one.
void paintMissing(QPainter& p, const QRectF& target, const Theme& theme)
{
    p.save();
    p.setPen(QPen(theme.alarmColor(1), 1.5, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(target.adjusted(1, 1, -1, -1));
    p.drawText(target, Qt::AlignCenter, QStringLiteral("?"));
    p.restore();
}

} // namespace

struct SymbolLibrary::Cache {
    QCache<RenderKey, QImage> images{32 * 1024}; // cost in KiB
    int renders = 0;
};

SymbolLibrary::SymbolLibrary()
    : m_cache(std::make_unique<Cache>())
{}
SymbolLibrary::SymbolLibrary(SymbolLibrary&&) noexcept = default;
SymbolLibrary& SymbolLibrary::operator=(SymbolLibrary&&) noexcept = default;
SymbolLibrary::~SymbolLibrary() = default;

std::optional<SymbolLibrary> SymbolLibrary::load(const QString& folder, QString* error)
{
    const QDir dir(folder);
    QFile f(dir.filePath(QStringLiteral("symbols.json")));
    const QString source = f.fileName();
    if (!f.open(QIODevice::ReadOnly)) {
        fail(error, QStringLiteral("%1: %2").arg(source, f.errorString()));
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (doc.isNull()) {
        fail(error, QStringLiteral("%1: not JSON (%2)").arg(source, pe.errorString()));
        return std::nullopt;
    }
    if (doc.object().value(QLatin1String("schema")).toInt() != 1) {
        fail(error, QStringLiteral("%1: schema: expected 1").arg(source));
        return std::nullopt;
    }
    SymbolLibrary lib;
    const QJsonArray symbols = doc.object().value(QLatin1String("symbols")).toArray();
    for (qsizetype i = 0; i < symbols.size(); ++i) {
        const QJsonObject o = symbols.at(i).toObject();
        const QString where = QStringLiteral("%1: symbols[%2] (%3)")
                                  .arg(source)
                                  .arg(i)
                                  .arg(o.value(QLatin1String("id")).toString());
        SymbolDef d;
        if (!readSymbol(o, dir, where, &d, error))
            return std::nullopt;
        if (lib.find(d.id)) {
            fail(error, where + QStringLiteral(".id: used twice"));
            return std::nullopt;
        }
        lib.m_symbols.push_back(std::move(d));
    }
    if (lib.m_symbols.empty()) {
        fail(error, QStringLiteral("%1: symbols: none").arg(source));
        return std::nullopt;
    }
    return lib;
}

const SymbolDef* SymbolLibrary::find(QStringView id) const
{
    for (const SymbolDef& d : m_symbols) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

std::vector<QString> SymbolLibrary::ids() const
{
    std::vector<QString> out;
    for (const SymbolDef& d : m_symbols)
        out.push_back(d.id);
    return out;
}

const Port* SymbolDef::port(QStringView name) const
{
    for (const Port& p : ports) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QByteArray SymbolLibrary::styledSvg(const SymbolDef& def, QStringView state, const Theme& theme,
                                    const SymbolParams& params) const
{
    SvgStyleRequest request;
    for (const QString& part : def.parts)
        request.parts.insert(part, theme.style(state, part, params.stale));
    request.blinkOn = params.blinkOn;
    request.levelPart = def.levelPart;
    request.level = params.level;
    request.textPart = def.textPart;
    request.text = params.text.isEmpty() ? def.defaultText : params.text;
    return styleSvg(def.svg, request);
}

QImage SymbolLibrary::image(QStringView symbol, QStringView state, const Theme& theme,
                            QSize pixelSize, const SymbolParams& params) const
{
    const SymbolDef* def = find(symbol);
    if (!def || !def->hasState(state) || pixelSize.isEmpty())
        return {};
    RenderKey key;
    key.symbol = def;
    key.state = state.toString();
    key.theme = theme.cacheId();
    key.size = pixelSize;
    if (!def->levelPart.isEmpty() && !std::isnan(params.level))
        key.levelPercent = int(std::lround(std::clamp(params.level, 0.0, 1.0) * 100));
    // The phase only matters when something blinks: otherwise both phases share one image.
    key.blinkOn = params.blinkOn || params.stale || !theme.blinks(state);
    key.stale = params.stale;
    if (!def->textPart.isEmpty())
        key.text = params.text.isEmpty() ? def->defaultText : params.text;
    if (const QImage* hit = m_cache->images.object(key))
        return *hit;

    SymbolParams quantised = params;
    quantised.blinkOn = key.blinkOn;
    quantised.level =
        key.levelPercent < 0 ? std::numeric_limits<double>::quiet_NaN() : key.levelPercent / 100.0;
    QSvgRenderer renderer(styledSvg(*def, state, theme, quantised));
    QImage img(pixelSize, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    {
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        renderer.render(&p, QRectF(QPointF(), QSizeF(pixelSize)));
        if (params.stale)
            paintStaleHatch(p, QRectF(QPointF(), QSizeF(pixelSize)), theme);
    }
    ++m_cache->renders;
    const qint64 costKiB = std::max<qint64>(1, img.sizeInBytes() / 1024);
    m_cache->images.insert(key, new QImage(img), costKiB);
    return img;
}

void SymbolLibrary::paint(QPainter& p, const QRectF& target, QStringView symbol, QStringView state,
                          const Theme& theme, const SymbolParams& params) const
{
    const SymbolDef* def = find(symbol);
    if (!def || !def->hasState(state)) {
        paintMissing(p, target, theme);
        return;
    }
    // Render at the device's pixel size (zoom and high-DPI included), so the image is drawn 1:1.
    const QTransform& t = p.worldTransform();
    const double dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    double sx = std::hypot(t.m11(), t.m12()) * dpr;
    double sy = std::hypot(t.m21(), t.m22()) * dpr;
    if (params.rotation % 180 != 0)
        std::swap(sx, sy);
    const QSize px(std::clamp(int(std::lround(target.width() * sx)), 1, 2048),
                   std::clamp(int(std::lround(target.height() * sy)), 1, 2048));
    const QImage img = image(symbol, state, theme, px, params);

    p.save();
    if (params.rotation != 0 || params.mirrored) {
        const QPointF c = target.center();
        p.translate(c);
        p.rotate(params.rotation);
        if (params.mirrored)
            p.scale(-1, 1);
        p.translate(-c);
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(target, img);
    p.restore();
}

int SymbolLibrary::svgRenderCount() const
{
    return m_cache->renders;
}

void SymbolLibrary::setCacheLimit(qint64 bytes)
{
    m_cache->images.setMaxCost(std::max<qint64>(1, bytes / 1024));
}

qint64 SymbolLibrary::cacheBytes() const
{
    return m_cache->images.totalCost() * 1024;
}

void SymbolLibrary::clearCache()
{
    m_cache->images.clear();
}

} // namespace PumpWatch::Graphics
