// Render baselines (control images, as QGIS keeps them): every symbol in every state, in the
// stale overlay and in the off phase of whatever blinks, in both built-in themes, plus the alarm
// indicators and pipes, each compared with a committed PNG under
// tests/data/baselines/symbols/<theme>/ within a small per-pixel tolerance and a small count of
// differing pixels (antialiasing and font hinting vary a little between machines).
//
// On a mismatch the rendered image and a diff (differing pixels red) are written under the
// build's test-output/symbol-baselines/ and named in the failure. PUMPWATCH_UPDATE_BASELINES=1
// rewrites the baselines and the contact sheets docs/images/symbols-<theme>.png instead.
#include "../../common/imagebaseline.h"

#include <graphics/symbols/canvaspaint.h>
#include <graphics/symbols/symbollibrary.h>

#include <QDir>
#include <QPainter>
#include <QTest>

using namespace PumpWatch::Graphics;

namespace {

const QString kBaselineDir = QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/data/baselines/symbols");
const QString kOutputDir = QStringLiteral(PUMPWATCH_BIN_DIR "/../test-output/symbol-baselines");

struct Case {
    QString name;   // file name without .png
    QString symbol; // empty: an indicator or pipe
    QString state;
    SymbolParams params;
};

std::vector<Case> casesFor(const SymbolLibrary& lib, const Theme& theme)
{
    std::vector<Case> out;
    for (const QString& id : lib.ids()) {
        const SymbolDef* def = lib.find(id);
        SymbolParams base;
        if (!def->levelPart.isEmpty())
            base.level = 0.6;
        for (const QString& state : def->states) {
            out.push_back({id + QLatin1Char('_') + state, id, state, base});
            if (theme.blinks(state)) {
                SymbolParams off = base;
                off.blinkOn = false;
                out.push_back(
                    {id + QLatin1Char('_') + state + QStringLiteral("_blinkoff"), id, state, off});
            }
        }
        SymbolParams stale = base;
        stale.stale = true;
        const QString shown = def->states.contains(QLatin1String("running"))
                                  ? QStringLiteral("running")
                                  : def->states.first();
        out.push_back({id + QStringLiteral("_stale"), id, shown, stale});
    }
    SymbolParams fqi;
    fqi.text = QStringLiteral("FQI");
    out.push_back({QStringLiteral("instrument_fqi"), QStringLiteral("instrument"),
                   QStringLiteral("normal"), fqi});
    for (const char* extra : {"alarm_indicators", "pipes"})
        out.push_back({QLatin1String(extra), {}, {}, {}});
    return out;
}

QImage render(const SymbolLibrary& lib, const Theme& theme, const Case& c)
{
    if (c.name == QLatin1String("alarm_indicators")) {
        QImage img(132, 48, QImage::Format_ARGB32_Premultiplied);
        img.fill(theme.canvas().background);
        QPainter p(&img);
        for (int prio = 1; prio <= 3; ++prio) {
            paintAlarmIndicator(p, QPointF(22.0 * prio - 8, 14), prio, true, theme);
            paintAlarmIndicator(p, QPointF(22.0 * prio + 58, 14), prio, true, theme);
            paintAlarmIndicator(p, QPointF(22.0 * prio - 8, 36), prio, false, theme);
        }
        return img;
    }
    if (c.name == QLatin1String("pipes")) {
        QImage img(160, 64, QImage::Format_ARGB32_Premultiplied);
        img.fill(theme.canvas().background);
        QPainter p(&img);
        const QPolygonF path(
            {QPointF(4, 12), QPointF(120, 12), QPointF(120, 52), QPointF(156, 52)});
        paintPipe(p, path, theme, PipeParams());
        PipeParams flowing;
        flowing.flowing = true;
        flowing.phase = 0.25;
        paintPipe(p, QPolygonF({QPointF(4, 32), QPointF(100, 32)}), theme, flowing);
        paintStaleHatch(p, QRectF(124, 4, 32, 32), theme);
        return img;
    }
    const SymbolDef* def = lib.find(c.symbol);
    QImage img(def->size.toSize(), QImage::Format_ARGB32_Premultiplied);
    img.fill(theme.canvas().background);
    QPainter p(&img);
    lib.paint(p, QRectF(QPointF(), def->size), c.symbol, c.state, theme, c.params);
    return img;
}

const PumpWatch::Test::ImageBaseline kBaseline;

bool updating()
{
    return PumpWatch::Test::ImageBaseline::updating();
}

int compare(const QImage& actual, const QImage& expected, QImage* diff)
{
    return kBaseline.compare(actual, expected, diff);
}

int allowedDiffering(QSize size)
{
    return kBaseline.allowed(size);
}

// All symbols × states (and stale) of one theme on one sheet, labelled, for people to judge.
QImage contactSheet(const SymbolLibrary& lib, const Theme& theme)
{
    constexpr double scale = 1.5;
    constexpr int cellW = 104, columnsPerSymbol = 6, symbolsPerRow = 2, headerH = 22, labelH = 18;
    const int rowH = headerH + int(96 * scale) + labelH + 8;
    const std::vector<QString> ids = lib.ids();
    const int rows = int((ids.size() + symbolsPerRow - 1) / symbolsPerRow);
    QImage sheet(cellW * columnsPerSymbol * symbolsPerRow + 24, rows * rowH + 44,
                 QImage::Format_ARGB32_Premultiplied);
    sheet.fill(theme.canvas().background);
    QPainter p(&sheet);
    p.setRenderHint(QPainter::Antialiasing);
    QFont title = p.font();
    title.setPixelSize(16);
    title.setBold(true);
    QFont label = p.font();
    label.setPixelSize(12);
    p.setFont(title);
    p.setPen(theme.canvas().text);
    p.drawText(QRectF(12, 6, sheet.width(), 28), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("PumpWatch symbols — theme %1").arg(theme.id()));
    for (size_t i = 0; i < ids.size(); ++i) {
        const SymbolDef* def = lib.find(ids[i]);
        const double x0 = 12 + double(i % symbolsPerRow) * cellW * columnsPerSymbol;
        const double y0 = 40 + double(i / symbolsPerRow) * rowH;
        p.setFont(title);
        p.setPen(theme.canvas().text);
        p.drawText(QRectF(x0, y0, cellW * columnsPerSymbol, headerH), Qt::AlignLeft,
                   QStringLiteral("%1  %2 (%3)").arg(def->nameZh, def->nameEn, def->id));
        QStringList columns = def->states;
        columns << QStringLiteral("stale");
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const bool stale = columns[c] == QLatin1String("stale");
            SymbolParams params;
            params.stale = stale;
            if (!def->levelPart.isEmpty())
                params.level = 0.6;
            const QString state = stale ? (def->hasState(u"running") ? QStringLiteral("running")
                                                                     : def->states.first())
                                        : columns[c];
            const QSizeF size = def->size * scale;
            const QRectF target(x0 + double(c) * cellW + (cellW - size.width()) / 2,
                                y0 + headerH + (96 * scale - size.height()) / 2, size.width(),
                                size.height());
            lib.paint(p, target, def->id, state, theme, params);
            p.setFont(label);
            p.setPen(theme.canvas().text);
            p.drawText(QRectF(x0 + double(c) * cellW, y0 + headerH + 96 * scale, cellW, labelH),
                       Qt::AlignHCenter | Qt::AlignTop,
                       stale ? QStringLiteral("stale (%1)").arg(state) : columns[c]);
        }
    }
    return sheet;
}

} // namespace

class tst_SymbolBaselines : public QObject {
    Q_OBJECT

private:
    std::optional<SymbolLibrary> m_lib;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_lib = SymbolLibrary::load(QStringLiteral(":/symbols"), &error);
        QVERIFY2(m_lib, qPrintable(error));
    }

    void matchesBaseline_data()
    {
        QTest::addColumn<QString>("themeId");
        QTest::addColumn<int>("index");
        for (const QString& id : Theme::builtInIds()) {
            const auto theme = Theme::builtIn(id);
            QVERIFY(theme);
            const auto cases = casesFor(*m_lib, *theme);
            for (size_t i = 0; i < cases.size(); ++i)
                QTest::addRow("%s/%s", qPrintable(id), qPrintable(cases[i].name)) << id << int(i);
        }
    }
    void matchesBaseline()
    {
        QFETCH(QString, themeId);
        QFETCH(int, index);
        const auto theme = Theme::builtIn(themeId);
        const Case c = casesFor(*m_lib, *theme).at(size_t(index));
        const QString why =
            kBaseline.check(render(*m_lib, *theme, c),
                            QStringLiteral("%1/%2/%3.png").arg(kBaselineDir, themeId, c.name),
                            QStringLiteral("%1/%2_%3").arg(kOutputDir, themeId, c.name));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // The comparison must be able to fail: two states of one symbol differ beyond the
    // tolerance, and an image matches itself.
    void comparisonTellsStatesApart()
    {
        const auto theme = Theme::builtIn(u"isa101");
        const Case running{
            QStringLiteral("a"), QStringLiteral("pump"), QStringLiteral("running"), {}};
        const Case stopped{
            QStringLiteral("b"), QStringLiteral("pump"), QStringLiteral("stopped"), {}};
        const Case fault{
            QStringLiteral("c"), QStringLiteral("gate_valve"), QStringLiteral("fault"), {}};
        const Case unknown{
            QStringLiteral("d"), QStringLiteral("gate_valve"), QStringLiteral("unknown"), {}};
        const QImage a = render(*m_lib, *theme, running).convertToFormat(QImage::Format_ARGB32);
        QImage diff;
        QCOMPARE(compare(a, a, &diff), 0);
        for (const auto& [x, y] : {std::pair(running, stopped), std::pair(fault, unknown)}) {
            const QImage ix = render(*m_lib, *theme, x).convertToFormat(QImage::Format_ARGB32);
            const QImage iy = render(*m_lib, *theme, y).convertToFormat(QImage::Format_ARGB32);
            QVERIFY2(compare(ix, iy, &diff) > allowedDiffering(ix.size()),
                     qPrintable(x.state + QStringLiteral(" vs ") + y.state));
        }
    }

    void contactSheets()
    {
        if (!updating())
            QSKIP("written with PUMPWATCH_UPDATE_BASELINES=1");
        for (const QString& id : Theme::builtInIds()) {
            const QImage sheet = contactSheet(*m_lib, *Theme::builtIn(id));
            QVERIFY(sheet.save(
                QStringLiteral(PUMPWATCH_SOURCE_DIR "/docs/images/symbols-%1.png").arg(id)));
        }
    }
};

QTEST_MAIN(tst_SymbolBaselines)
#include "tst_symbolbaselines.moc"
