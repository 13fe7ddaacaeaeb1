// The symbol library: every symbol the pump house needs is there with its ports, parts and
// states; a broken symbols.json is refused with the file and key named; names and states are
// translated; and the renderer renders each (symbol, state, theme, size, …) once and then
// draws from its bounded cache.
#include <core/translator.h>
#include <graphics/symbols/symbollibrary.h>

#include <QDir>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch::Graphics;

namespace {

const QStringList kMachineStates = {QStringLiteral("stopped"), QStringLiteral("running"),
                                    QStringLiteral("starting"), QStringLiteral("fault"),
                                    QStringLiteral("unknown")};
const QStringList kValveStates = {QStringLiteral("closed"), QStringLiteral("open"),
                                  QStringLiteral("travelling"), QStringLiteral("fault"),
                                  QStringLiteral("unknown")};
const QStringList kSignalStates = {QStringLiteral("normal"), QStringLiteral("alarm"),
                                   QStringLiteral("unknown")};

// A copy of the compiled-in library in a folder, for tests that break it.
bool copyLibrary(const QString& to)
{
    for (const QString& name : QDir(QStringLiteral(":/symbols")).entryList(QDir::Files)) {
        if (!QFile::copy(QStringLiteral(":/symbols/") + name, to + QLatin1Char('/') + name))
            return false;
        QFile::setPermissions(to + QLatin1Char('/') + name, QFile::ReadOwner | QFile::WriteOwner);
    }
    return true;
}

bool replaceInFile(const QString& path, const QByteArray& from, const QByteArray& to)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QByteArray text = f.readAll();
    f.close();
    if (!text.contains(from))
        return false;
    text.replace(from, to);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

SymbolParams withLevel(double level)
{
    SymbolParams p;
    p.level = level;
    return p;
}

SymbolParams withText(const QString& text)
{
    SymbolParams p;
    p.text = text;
    return p;
}

SymbolParams blinkOff()
{
    SymbolParams p;
    p.blinkOn = false;
    return p;
}

SymbolParams turned(int rotation, bool mirrored)
{
    SymbolParams p;
    p.rotation = rotation;
    p.mirrored = mirrored;
    return p;
}

} // namespace

class tst_Symbols : public QObject {
    Q_OBJECT

private:
    std::optional<SymbolLibrary> m_lib;
    std::optional<Theme> m_isa;
    std::optional<Theme> m_legacy;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_lib = SymbolLibrary::load(QStringLiteral(":/symbols"), &error);
        QVERIFY2(m_lib, qPrintable(error));
        m_isa = Theme::builtIn(u"isa101", &error);
        QVERIFY2(m_isa, qPrintable(error));
        m_legacy = Theme::builtIn(u"legacy", &error);
        QVERIFY2(m_legacy, qPrintable(error));
    }

    void everySymbolAPumpHouseNeeds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("states");
        QTest::addColumn<QString>("ports"); // "in:left out:right"
        const auto row = [](const char* id, const QStringList& states, const char* ports) {
            QTest::newRow(id) << QString::fromLatin1(id) << states << QString::fromLatin1(ports);
        };
        row("pump", kMachineStates, "in:left out:right");
        row("pump_vertical", kMachineStates, "in:left out:right");
        row("motor", kMachineStates, "");
        row("vfd", kMachineStates, "");
        for (const char* v :
             {"check_valve", "gate_valve", "butterfly_valve", "motorised_valve", "prv"})
            row(v, kValveStates, "in:left out:right");
        row("tank", kSignalStates, "in:up out:right");
        row("pressure_tank", kSignalStates, "in:down");
        row("stabiliser_tank", kSignalStates, "in:left out:right");
        row("instrument", kSignalStates, "process:down");
        row("kwh_meter", kSignalStates, "");
        row("door_sensor", kSignalStates, "");
        row("flood_sensor", kSignalStates, "");
    }
    void everySymbolAPumpHouseNeeds()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, states);
        QFETCH(QString, ports);
        const SymbolDef* def = m_lib->find(id);
        QVERIFY2(def, qPrintable(id));
        QCOMPARE(def->states, states);
        QVERIFY(def->parts.contains(QStringLiteral("body")));
        QVERIFY(def->size == QSizeF(64, 64) || def->size == QSizeF(64, 96));
        QStringList got;
        const char* const names[] = {"left", "right", "up", "down"};
        for (const Port& p : def->ports) {
            got << p.name + QLatin1Char(':') + QLatin1String(names[int(p.direction)]);
            // A port lies on the edge it leaves through.
            switch (p.direction) {
            case PortDirection::Left:
                QCOMPARE(p.position.x(), 0.0);
                break;
            case PortDirection::Right:
                QCOMPARE(p.position.x(), def->size.width());
                break;
            case PortDirection::Up:
                QCOMPARE(p.position.y(), 0.0);
                break;
            case PortDirection::Down:
                QCOMPARE(p.position.y(), def->size.height());
                break;
            }
        }
        QCOMPARE(got.join(QLatin1Char(' ')), ports);
        QVERIFY(def->hasState(states.first()));
        QVERIFY(!def->hasState(u"stale")); // an overlay, not a state
    }

    void brokenLibraryIsRefusedWithFileAndKey_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("part not in svg")
            << "gate_valve.svg" << QByteArray("id=\"closed\"") << QByteArray("id=\"shut\"")
            << "symbols.json: symbols[5] (gate_valve).parts: 'closed' is not an id in "
               "gate_valve.svg";
        QTest::newRow("unknown state")
            << "symbols.json" << QByteArray("\"travelling\"") << QByteArray("\"moving\"")
            << "symbols.json: symbols[4] (check_valve).states: 'moving' is not a state code";
        QTest::newRow("port outside")
            << "symbols.json" << QByteArray("\"x\": 64,\n          \"y\": 32")
            << QByteArray("\"x\": 65,\n          \"y\": 32")
            << "symbols.json: symbols[0] (pump).ports[1]: (65, 32) is outside the viewBox";
        QTest::newRow("svg missing")
            << "symbols.json" << QByteArray("\"file\": \"motor.svg\"")
            << QByteArray("\"file\": \"motr.svg\"")
            << "symbols.json: symbols[2] (motor).file: cannot read 'motr.svg'";
    }
    void brokenLibraryIsRefusedWithFileAndKey()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(copyLibrary(dir.path()));
        QVERIFY(SymbolLibrary::load(dir.path())); // the copy itself is fine
        QVERIFY(replaceInFile(dir.filePath(file), from, to));
        QString error;
        QVERIFY(!SymbolLibrary::load(dir.path(), &error));
        QVERIFY2(error.endsWith(expected), qPrintable(error));
    }

    void namesAndStatesAreTranslated()
    {
        QVERIFY(PumpWatch::setUpLanguage(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
        for (const QString& id : m_lib->ids()) {
            const SymbolDef* def = m_lib->find(id);
            QCOMPARE(def->displayName(), def->nameZh);
        }
        QCOMPARE(SymbolLibrary::stateDisplayName(u"running"), QStringLiteral("运行"));
        QCOMPARE(SymbolLibrary::stateDisplayName(u"stale"), QStringLiteral("数据过期"));
        for (const QString& s : SymbolLibrary::knownStates())
            QVERIFY2(SymbolLibrary::stateDisplayName(s) != s, qPrintable(s));
        QVERIFY(m_isa->displayName().contains(QStringLiteral("灰色")));
        QVERIFY(PumpWatch::setUpLanguage(*QCoreApplication::instance(), QStringLiteral("en")));
        QCOMPARE(m_lib->find(u"pump")->displayName(), QStringLiteral("Centrifugal pump"));
    }

    void styledSvgCarriesThemeLevelAndText()
    {
        const SymbolDef* tank = m_lib->find(u"tank");
        const QByteArray half = m_lib->styledSvg(*tank, u"normal", *m_isa, withLevel(0.5));
        QVERIFY2(half.contains("id=\"level\" x=\"8\" y=\"55\" width=\"48\" height=\"33\""), half);
        QVERIFY(half.contains("fill=\"#8ea2b6\""));
        const QByteArray none = m_lib->styledSvg(*tank, u"normal", *m_isa);
        const qsizetype at = none.indexOf("<rect id=\"level\"");
        QVERIFY(at >= 0);
        const QByteArray levelElement = none.mid(at, none.indexOf('>', at) - at);
        QVERIFY2(levelElement.contains("display=\"none\""), levelElement); // no level: hidden
        const SymbolDef* fi = m_lib->find(u"instrument");
        QVERIFY(m_lib->styledSvg(*fi, u"normal", *m_isa, withText(QStringLiteral("FQI")))
                    .contains(">FQI</text>"));
        QVERIFY(m_lib->styledSvg(*fi, u"normal", *m_isa).contains(">PT</text>"));
        const SymbolDef* pump = m_lib->find(u"pump");
        const QByteArray fault = m_lib->styledSvg(*pump, u"fault", *m_isa);
        QVERIFY(fault.contains("<g id=\"fault\" display=\"inline\""));
        QVERIFY(m_lib->styledSvg(*pump, u"running", *m_isa)
                    .contains("<g id=\"fault\" display=\"none\""));
    }

    void rendersOnceThenDrawsFromCache()
    {
        m_lib->clearCache();
        const int before = m_lib->svgRenderCount();
        QImage canvas(200, 200, QImage::Format_ARGB32_Premultiplied);
        canvas.fill(Qt::white);
        QPainter p(&canvas);
        const QRectF r(10, 10, 48, 48);
        m_lib->paint(p, r, u"pump", u"running", *m_isa);
        QCOMPARE(m_lib->svgRenderCount(), before + 1);
        m_lib->paint(p, r, u"pump", u"running", *m_isa);
        m_lib->paint(p, r.translated(100, 0), u"pump", u"running", *m_isa); // same size elsewhere
        QCOMPARE(m_lib->svgRenderCount(), before + 1);
        // Running does not blink: both phases are one image.
        m_lib->paint(p, r, u"pump", u"running", *m_isa, blinkOff());
        QCOMPARE(m_lib->svgRenderCount(), before + 1);
        // Starting blinks: the off phase is a second image, then cached too.
        m_lib->paint(p, r, u"pump", u"starting", *m_isa);
        m_lib->paint(p, r, u"pump", u"starting", *m_isa, blinkOff());
        m_lib->paint(p, r, u"pump", u"starting", *m_isa, blinkOff());
        QCOMPARE(m_lib->svgRenderCount(), before + 3);
        // Another state, theme or size is another image.
        m_lib->paint(p, r, u"pump", u"stopped", *m_isa);
        m_lib->paint(p, r, u"pump", u"running", *m_legacy);
        m_lib->paint(p, QRectF(10, 10, 96, 96), u"pump", u"running", *m_isa);
        QCOMPARE(m_lib->svgRenderCount(), before + 6);
        // Painting zoomed renders at the device size, once.
        p.scale(2, 2);
        m_lib->paint(p, r, u"pump", u"running", *m_isa);
        QCOMPARE(m_lib->svgRenderCount(), before + 6); // 2 × 48 = 96 px: already there
        p.end();
    }

    void levelIsCachedInWholePercent()
    {
        m_lib->clearCache();
        const int before = m_lib->svgRenderCount();
        const QSize px(64, 96);
        const QImage a = m_lib->image(u"tank", u"normal", *m_isa, px, withLevel(0.501));
        const QImage b = m_lib->image(u"tank", u"normal", *m_isa, px, withLevel(0.504));
        QCOMPARE(m_lib->svgRenderCount(), before + 1);
        QCOMPARE(a, b);
        const QImage c = m_lib->image(u"tank", u"normal", *m_isa, px, withLevel(0.8));
        QCOMPARE(m_lib->svgRenderCount(), before + 2);
        QVERIFY(a != c);
        // A level means nothing to a pump: it does not split the pump's cache.
        m_lib->image(u"pump", u"running", *m_isa, QSize(64, 64), withLevel(0.1));
        m_lib->image(u"pump", u"running", *m_isa, QSize(64, 64), withLevel(0.9));
        QCOMPARE(m_lib->svgRenderCount(), before + 3);
    }

    void cacheIsBounded()
    {
        m_lib->clearCache();
        m_lib->setCacheLimit(256 * 1024);
        const int before = m_lib->svgRenderCount();
        for (int size = 40; size < 140; ++size)
            m_lib->image(u"pump", u"running", *m_isa, QSize(size, size));
        QVERIFY(m_lib->cacheBytes() <= 256 * 1024);
        QCOMPARE(m_lib->svgRenderCount(), before + 100);
        // The most recent stays; the oldest was evicted and renders again.
        m_lib->image(u"pump", u"running", *m_isa, QSize(139, 139));
        QCOMPARE(m_lib->svgRenderCount(), before + 100);
        m_lib->image(u"pump", u"running", *m_isa, QSize(40, 40));
        QCOMPARE(m_lib->svgRenderCount(), before + 101);
        m_lib->setCacheLimit(32 * 1024 * 1024);
    }

    void unknownSymbolOrStateIsVisibleNotACrash()
    {
        QVERIFY(m_lib->image(u"nope", u"running", *m_isa, QSize(64, 64)).isNull());
        QVERIFY(m_lib->image(u"pump", u"open", *m_isa, QSize(64, 64)).isNull());
        QImage canvas(64, 64, QImage::Format_ARGB32_Premultiplied);
        canvas.fill(Qt::transparent);
        QPainter p(&canvas);
        m_lib->paint(p, QRectF(0, 0, 64, 64), u"pump", u"open", *m_isa);
        p.end();
        QCOMPARE(canvas.pixelColor(1, 32).red(), m_isa->alarmColor(1).red()); // dashed edge
    }

    void rotationAndMirrorTurnTheImage()
    {
        const auto draw = [&](const SymbolParams& params) {
            QImage canvas(64, 64, QImage::Format_ARGB32_Premultiplied);
            canvas.fill(Qt::white);
            QPainter p(&canvas);
            m_lib->paint(p, QRectF(0, 0, 64, 64), u"pump", u"running", *m_isa, params);
            return canvas;
        };
        const QImage plain = draw({});
        const auto differing = [](const QImage& a, const QImage& b) {
            int n = 0;
            for (int y = 0; y < a.height(); ++y) {
                for (int x = 0; x < a.width(); ++x)
                    n += qGray(a.pixel(x, y)) / 32 != qGray(b.pixel(x, y)) / 32 ? 1 : 0;
            }
            return n;
        };
        QVERIFY(differing(plain, plain.mirrored(true, false)) > 100); // the pump is not symmetric
        QCOMPARE(differing(draw(turned(0, true)), plain.mirrored(true, false)), 0);
        QCOMPARE(differing(draw(turned(180, false)), plain.mirrored(true, true)), 0);
    }
};

QTEST_MAIN(tst_Symbols)
#include "tst_symbols.moc"
