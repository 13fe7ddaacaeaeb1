// Theme: what colour, line and blink every named part of a symbol gets in every state, and the
// canvas colours around the symbols (background, pipes, text, value bars, alarm indicators).
//
// Colour meaning belongs to the project, never to a drawing (GRAPHICS.md, ISA-101): the same
// symbols are shown with the ISA-101 grey theme by default or with the legacy Chinese profile
// where running is red. A theme is a JSON file (resources/themes/*.json):
//
//     "parts":  { "*": {"stroke": "#404040", "strokeWidth": 2}, "fault": {"visible": false} }
//     "states": { "running": {"state": {"fill": "#404040"}}, "fault": {"fault": {"visible": true}}
//     }
//
// A part's style is resolved field by field: states[state][part], then parts[part], then
// parts["*"]. The "stale" entry of states is laid over the result for stale data: it changes
// colours only (never what is visible) and leaves unfilled parts unfilled, so a stale stopped
// pump still reads as stopped, only greyed.
//
//     std::optional<Theme> theme = Theme::builtIn(u"isa101");
//     PartStyle s = theme->style(u"fault", u"fault", false); // s.visible == true
#pragma once

#include <QColor>
#include <QHash>
#include <QJsonValue>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace PumpWatch::Graphics {

/// The resolved look of one part. An invalid `fill` or `stroke` colour means "none".
struct PartStyle {
    QColor fill;
    QColor stroke;
    double strokeWidth = 2.0;
    bool visible = true;
    bool blink = false;       ///< alternates with an unfilled look on the blink clock
    std::vector<double> dash; ///< SVG stroke-dasharray in viewBox units; empty = solid
    bool operator==(const PartStyle&) const = default;
};

/// Colours of everything the renderer draws around the symbols.
struct CanvasColors {
    QColor background;
    QColor pipe;
    QColor pipeFlowing;
    double pipeWidth = 4.0;
    QColor text;
    QColor valueText;
    QColor barNormal;
    QColor barAlarm;
    QColor staleHatch;
    QColor alarmText; ///< text drawn on an alarm-coloured frame or fill (the stale banner)
    QColor muted;     ///< secondary text: notes, units, inactive labels ("muted" style)
    std::array<QColor, 3> alarm; ///< by priority 1 (most urgent), 2, 3
};

class Theme {
public:
    /// Parses a theme document. `source` names the file in error messages, which also name the
    /// offending key ("isa101.json: states.running.state.fill: 'blu' is not a colour").
    static std::optional<Theme> fromJson(const QByteArray& json, const QString& source,
                                         QString* error = nullptr);
    static std::optional<Theme> load(const QString& path, QString* error = nullptr);
    /// A theme compiled into the program (":/themes/<id>.json"): "isa101" or "legacy".
    static std::optional<Theme> builtIn(QStringView id, QString* error = nullptr);
    /// Ids of the built-in themes, the default first.
    static QStringList builtInIds();

    QString id() const { return m_id; }
    /// The theme's name in the user interface language.
    QString displayName() const;
    const CanvasColors& canvas() const { return m_canvas; }
    /// The colour of alarm priority 1..3 (clamped).
    QColor alarmColor(int priority) const;

    /// The style of `part` in `state`, with the stale overlay when `stale`.
    PartStyle style(QStringView state, QStringView part, bool stale = false) const;
    /// True when some part blinks in `state`: only then does the blink phase change the image.
    bool blinks(QStringView state) const;

    /// The colour of an element's text style (Element::style): "text", "valueText", "muted",
    /// "alarmText" (the priority-1 alarm colour: text that is itself an alarm) or a raw
    /// "#rrggbb". Invalid for anything else, and for an empty style.
    QColor textStyleColor(QStringView style) const;
    /// The states the theme styles, sorted ("stale", the overlay, excluded).
    QStringList stateNames() const;
    /// Every part the theme names in "parts" or under a state, sorted ("*" excluded).
    QStringList partNames() const;

    /// Identifies this theme's content in render caches; copies share it, loads never do.
    quint64 cacheId() const { return m_cacheId; }

private:
    struct Fields { // one JSON style object: every field optional
        std::optional<QColor> fill, stroke;
        std::optional<double> strokeWidth;
        std::optional<bool> visible, blink;
        std::optional<std::vector<double>> dash;
    };
    using PartTable = QHash<QString, Fields>;

    static bool readFields(const QJsonValue& v, const QString& where, Fields* out, QString* error);
    static void apply(const Fields& f, PartStyle* s, bool coloursOnly);

    QString m_id;
    QString m_nameEn;
    CanvasColors m_canvas;
    PartTable m_parts;
    QHash<QString, PartTable> m_states;
    quint64 m_cacheId = 0;
};

} // namespace PumpWatch::Graphics
