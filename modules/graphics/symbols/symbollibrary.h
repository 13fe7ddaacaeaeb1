// SymbolLibrary: PumpWatch's own P&ID symbols (resources/symbols: one SVG per symbol and
// symbols.json listing ids, names, sizes, ports, named parts and supported states) and the
// cached renderer that draws them in a theme.
//
// Rendering SVG is slow; painting an image is not. A symbol is styled for its (state, theme)
// by rewriting its named parts (svgstyler.h), rendered once by QSvgRenderer into a QImage of
// the device pixel size, and that image is drawn on every later paint. The cache key is small
// (symbol, state, theme, pixel size, blink phase, level in whole percent, stale, text) and the
// cache is LRU, bounded in bytes. GUI thread only: the cache is not locked.
//
//     auto lib = SymbolLibrary::load();               // ":/symbols", compiled in
//     auto theme = Theme::builtIn(u"isa101");
//     lib->paint(painter, QRectF(100, 40, 48, 48), u"pump", u"running", *theme);
//     lib->paint(painter, rect, u"tank", u"normal", *theme, {.level = 0.62});
#pragma once

#include "theme.h"

#include <QImage>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

class QPainter;

namespace PumpWatch::Graphics {

enum class PortDirection { Left, Right, Up, Down };

/// Where a pipe attaches: a point in the symbol's viewBox and the direction the pipe leaves in.
struct Port {
    QString name; ///< "in", "out", "process"
    QPointF position;
    PortDirection direction = PortDirection::Left;
};

/// One symbol as symbols.json declares it.
struct SymbolDef {
    QString id;     ///< "pump", "gate_valve", …
    QString nameEn; ///< as in symbols.json; displayName() translates it
    QString nameZh; ///< as in symbols.json (the translation must agree; a test checks)
    QSizeF size;    ///< the viewBox, 64×64 or 64×96
    std::vector<Port> ports;
    QStringList parts;   ///< element ids the theme styles
    QStringList states;  ///< the state codes it supports ("stopped", "running", …)
    QString levelPart;   ///< a part whose height shows a 0..1 level ("level"), or empty
    QString textPart;    ///< a part whose text is a parameter ("tag"), or empty
    QString defaultText; ///< the text when none is given ("PT")
    QStringList textChoices;
    QByteArray svg; ///< the unstyled source

    QString displayName() const;
    const Port* port(QStringView name) const;
    bool hasState(QStringView state) const { return states.contains(state); }
};

/// What a drawing adds to (symbol, state, theme).
struct SymbolParams {
    double level = std::numeric_limits<double>::quiet_NaN(); ///< 0..1; NaN: none shown
    bool blinkOn = true;   ///< the phase of the one animation clock
    bool stale = false;    ///< the data is old: greyed and hatched
    int rotation = 0;      ///< degrees clockwise about the target's centre: 0, 90, 180, 270
    bool mirrored = false; ///< flipped left-right (before the rotation)
    QString text;          ///< an instrument's letters ("FQI"); empty: the symbol's default
};

class SymbolLibrary {
public:
    /// Loads symbols.json and the SVGs it names from `folder`. The error names the file and the
    /// key, as "symbols.json: symbols[3] (gate_valve).parts: 'stem' is not an id in
    /// gate_valve.svg".
    static std::optional<SymbolLibrary> load(const QString& folder = QStringLiteral(":/symbols"),
                                             QString* error = nullptr);
    SymbolLibrary(SymbolLibrary&&) noexcept;
    SymbolLibrary& operator=(SymbolLibrary&&) noexcept;
    ~SymbolLibrary();

    const SymbolDef* find(QStringView id) const;
    std::vector<QString> ids() const;

    /// Draws `symbol` in `state` into `target` (the unrotated symbol's rectangle, in the
    /// painter's coordinates). An unknown symbol or state draws a dashed box with "?".
    void paint(QPainter& p, const QRectF& target, QStringView symbol, QStringView state,
               const Theme& theme, const SymbolParams& params = {}) const;
    /// The cached image of `pixelSize` (null for an unknown symbol or state). No rotation.
    QImage image(QStringView symbol, QStringView state, const Theme& theme, QSize pixelSize,
                 const SymbolParams& params = {}) const;
    /// The SVG as styled for this (state, theme, params): what image() renders.
    QByteArray styledSvg(const SymbolDef& def, QStringView state, const Theme& theme,
                         const SymbolParams& params = {}) const;

    /// A state code's name in the user interface language ("running" → 运行).
    static QString stateDisplayName(QStringView state);
    /// Every state code a symbol may support, plus "stale" (an overlay, not a state).
    static QStringList knownStates();

    /// How many times an SVG has been rendered: the cache's effect, for tests.
    int svgRenderCount() const;
    /// Bounds the cache (LRU) to about `bytes` of images; default 32 MiB.
    void setCacheLimit(qint64 bytes);
    qint64 cacheBytes() const;
    void clearCache();

private:
    SymbolLibrary();
    struct Cache;

    std::vector<SymbolDef> m_symbols;
    std::unique_ptr<Cache> m_cache;
};

} // namespace PumpWatch::Graphics
