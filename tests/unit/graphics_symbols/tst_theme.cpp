// Themes: the built-in ones load; a broken file is refused with an error naming the file and
// the key; styles resolve state → part → "*"; the stale overlay greys without changing what is
// visible; and in every theme each state of each symbol differs from its other states in shape
// (visible parts, filled or not, dashed or not), never by colour alone.
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>

#include <QTest>

using namespace PumpWatch::Graphics;

namespace {

// A small valid theme; JSON written with ' for " to keep it readable here.
QByteArray minimalTheme(const QByteArray& partsExtra = {})
{
    QByteArray json = "{'schema': 1, 'id': 't', 'name': {'en': 'T'},"
                      " 'canvas': {'background': '#c8c8c8', 'pipe': '#666666',"
                      " 'pipeFlowing': '#333333', 'text': '#000000', 'valueText': '#000080',"
                      " 'barNormal': '#999999', 'barAlarm': '#ffcc00', 'staleHatch': '#777777',"
                      " 'alarmText': '#000000', 'alarm': ['#ff0000', '#ffcc00', '#ff8800']},"
                      " 'parts': {'*': {'stroke': '#404040', 'strokeWidth': 2},"
                      " 'fault': {'visible': false}" +
                      partsExtra +
                      "}, 'states': {'running': {'state': {'fill': '#404040'}},"
                      " 'fault': {'fault': {'visible': true, 'blink': true}},"
                      " 'stale': {'*': {'stroke': '#888888'}, 'state': {'fill': '#aaaaaa'}}}}";
    return json.replace('\'', '"');
}

// How a part looks apart from its colours.
QString shapeSignature(const Theme& theme, const SymbolDef& def, const QString& state)
{
    QStringList out;
    for (const QString& part : def.parts) {
        const PartStyle s = theme.style(state, part);
        out << QStringLiteral("%1:%2%3%4")
                   .arg(part, s.visible ? u"v" : u"-", s.fill.isValid() ? u"f" : u"-",
                        s.dash.empty() ? u"-" : u"d");
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

class tst_Theme : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void builtInThemesLoad()
    {
        for (const QString& id : Theme::builtInIds()) {
            QString error;
            const auto theme = Theme::builtIn(id, &error);
            QVERIFY2(theme, qPrintable(error));
            QCOMPARE(theme->id(), id);
            QVERIFY(theme->canvas().background.isValid());
            QVERIFY(!theme->displayName().isEmpty());
        }
        QVERIFY(!Theme::builtIn(u"nope"));
    }

    void twoLoadsNeverShareCachedImages()
    {
        const auto a = Theme::builtIn(u"isa101");
        const auto b = Theme::builtIn(u"isa101");
        QVERIFY(a->cacheId() != b->cacheId());
        const Theme copy = *a;
        QCOMPARE(copy.cacheId(), a->cacheId());
    }

    void errorsNameFileAndKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad colour") << minimalTheme(", 'body': {'fill': 'blu'}")
                                    << "t.json: parts.body.fill: 'blu' is not a colour";
        QTest::newRow("unknown key") << minimalTheme(", 'body': {'colour': '#000000'}")
                                     << "t.json: parts.body.colour: unknown key";
        QTest::newRow("bad width") << minimalTheme(", 'body': {'strokeWidth': 'wide'}")
                                   << "t.json: parts.body.strokeWidth: expected a number";
        QTest::newRow("not json") << QByteArray("{") << "t.json: not JSON";
        QByteArray noPipe = minimalTheme();
        noPipe.replace("\"pipe\": \"#666666\",", "");
        QTest::newRow("missing canvas key") << noPipe << "t.json: canvas.pipe: missing";
    }
    void errorsNameFileAndKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!Theme::fromJson(json, QStringLiteral("t.json"), &error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    void resolvesStateThenPartThenDefault()
    {
        QString error;
        const auto t = Theme::fromJson(minimalTheme(), QStringLiteral("t.json"), &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->style(u"running", u"state").fill, QColor(0x40, 0x40, 0x40));
        QVERIFY(!t->style(u"stopped", u"state").fill.isValid()); // the default: none
        QCOMPARE(t->style(u"stopped", u"body").stroke, QColor(0x40, 0x40, 0x40));
        QCOMPARE(t->style(u"stopped", u"body").strokeWidth, 2.0);
        QVERIFY(!t->style(u"running", u"fault").visible);
        QVERIFY(t->style(u"fault", u"fault").visible);
        QVERIFY(t->blinks(u"fault"));
        QVERIFY(!t->blinks(u"running"));
    }

    void staleGreysButKeepsShape()
    {
        const auto t = Theme::fromJson(minimalTheme(), QStringLiteral("t.json"));
        QVERIFY(t);
        QCOMPARE(t->style(u"running", u"state", true).fill, QColor(0xaa, 0xaa, 0xaa));
        QCOMPARE(t->style(u"running", u"body", true).stroke, QColor(0x88, 0x88, 0x88));
        // An unfilled part stays unfilled: a stale stopped pump must not look running.
        QVERIFY(!t->style(u"stopped", u"state", true).fill.isValid());
        QVERIFY(t->style(u"fault", u"fault", true).visible);
        QVERIFY(!t->style(u"fault", u"fault", true).blink);
    }

    void statesDifferInShapeNotOnlyColour_data()
    {
        QTest::addColumn<QString>("themeId");
        for (const QString& id : Theme::builtInIds())
            QTest::newRow(qPrintable(id)) << id;
    }
    void statesDifferInShapeNotOnlyColour()
    {
        QFETCH(QString, themeId);
        const auto theme = Theme::builtIn(themeId);
        QString error;
        const auto lib = SymbolLibrary::load(QStringLiteral(":/symbols"), &error);
        QVERIFY2(lib, qPrintable(error));
        int pairs = 0;
        for (const QString& id : lib->ids()) {
            const SymbolDef* def = lib->find(id);
            for (qsizetype i = 0; i < def->states.size(); ++i) {
                for (qsizetype j = i + 1; j < def->states.size(); ++j) {
                    const QString a = shapeSignature(*theme, *def, def->states[i]);
                    const QString b = shapeSignature(*theme, *def, def->states[j]);
                    QVERIFY2(a != b,
                             qPrintable(QStringLiteral("%1: %2 and %3 differ only in colour")
                                            .arg(id, def->states[i], def->states[j])));
                    ++pairs;
                }
            }
        }
        QVERIFY(pairs > 50);
    }
};

QTEST_MAIN(tst_Theme)
#include "tst_theme.moc"
