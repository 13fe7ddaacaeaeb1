// HP-HMI lint (ISA-101): the legacy red-running theme is told that running looks like an alarm,
// the ISA-101 theme is not; a drawing that colours its own text, or uses the alarm colour on
// something that is no alarm, is named element by element.
#include <graphics/symbols/hmilint.h>

#include <QTest>

using namespace PumpWatch::Graphics;

namespace {

Theme builtIn(const char* id)
{
    QString error;
    auto theme = Theme::builtIn(QString::fromLatin1(id), &error);
    if (!theme)
        qFatal("%s", qPrintable(error));
    return *theme;
}

QStringList texts(const std::vector<LintWarning>& warnings)
{
    QStringList out;
    for (const LintWarning& w : warnings)
        out << w.toString();
    return out;
}

Element text(const char* id, const char* style)
{
    Element e;
    e.id = QString::fromLatin1(id);
    e.kind = ElementKind::Text;
    e.size = {100, 20};
    e.label = QStringLiteral("出水压力");
    e.style = QString::fromLatin1(style);
    return e;
}

Drawing drawingOf(std::vector<Element> elements)
{
    Drawing d;
    d.file = QStringLiteral("d.json");
    d.id = QStringLiteral("d");
    d.roles[QStringLiteral("flood")] = {
        QStringLiteral("flood"), RoleDef::Kind::Bit, {}, false, false};
    d.elements = std::move(elements);
    return d;
}

} // namespace

class tst_HmiLint : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void legacyThemeWarnsThatRunningLooksLikeAnAlarm()
    {
        const QStringList got = texts(lintTheme(builtIn("legacy")));
        QVERIFY2(got.contains(QStringLiteral(
                     "legacy: state 'running' part 'state' uses alarm colour #e02020 (an alarm "
                     "is #ff2020): ISA-101 keeps bright colour for abnormal states")),
                 qPrintable(got.join(u'\n')));
        QVERIFY2(got.filter(QStringLiteral("state 'open'")).size() > 0,
                 qPrintable(got.join(u'\n')));
        // Abnormal states may be bright and blink: fault, alarm, starting, travelling.
        for (const char* state : {"'fault'", "'alarm'", "'starting'", "'travelling'"})
            QVERIFY2(got.filter(QString::fromLatin1(state)).isEmpty(), state);
    }

    void isa101ThemeIsClean()
    {
        const QStringList got = texts(lintTheme(builtIn("isa101")));
        QVERIFY2(got.isEmpty(), qPrintable(got.join(u'\n')));
    }

    void blinkingInANormalStateWarns()
    {
        const QByteArray json =
            "{\"schema\": 1, \"id\": \"t\", \"canvas\": {\"background\": \"#c8c8c8\", \"pipe\": "
            "\"#666666\", \"pipeFlowing\": \"#333333\", \"text\": \"#000000\", \"valueText\": "
            "\"#000080\", \"barNormal\": \"#999999\", \"barAlarm\": \"#ffcc00\", \"staleHatch\": "
            "\"#777777\", \"alarmText\": \"#000000\", \"alarm\": [\"#e00000\", \"#f0c000\", "
            "\"#ff8c00\"]}, \"parts\": {\"*\": {\"stroke\": \"#404040\"}}, \"states\": "
            "{\"running\": {\"state\": {\"fill\": \"#404040\", \"blink\": true}}}}";
        QString error;
        const auto theme = Theme::fromJson(json, QStringLiteral("t.json"), &error);
        QVERIFY2(theme, qPrintable(error));
        QCOMPARE(texts(lintTheme(*theme)),
                 QStringList{QStringLiteral("t: state 'running' part 'state' blinks: ISA-101 "
                                            "blinks only for starting and unacknowledged alarms")});
    }

    void alarmColoursAreNearWhatTheyLookLike_data()
    {
        QTest::addColumn<QString>("colour");
        QTest::addColumn<bool>("near");
        QTest::newRow("the alarm colour itself") << QStringLiteral("#e00000") << true;
        QTest::newRow("a darker red") << QStringLiteral("#c00000") << true;
        QTest::newRow("a vivid orange-red") << QStringLiteral("#ff3010") << true;
        QTest::newRow("amber like priority 2") << QStringLiteral("#ffc820") << true;
        QTest::newRow("dark grey") << QStringLiteral("#404040") << false;
        QTest::newRow("navy value text") << QStringLiteral("#0a2a6a") << false;
        QTest::newRow("muted dark red") << QStringLiteral("#603030") << false;
        QTest::newRow("green") << QStringLiteral("#00c060") << false;
    }
    void alarmColoursAreNearWhatTheyLookLike()
    {
        QFETCH(QString, colour);
        QFETCH(bool, near);
        QCOMPARE(isNearAlarmColour(QColor::fromString(colour), builtIn("isa101")), near);
    }

    void rawColourWarnsWithTheElement()
    {
        const Drawing d = drawingOf({text("title", "#3a4b5c")});
        QCOMPARE(texts(lintDrawing(d, builtIn("isa101"))),
                 QStringList{QStringLiteral(
                     "d.json: title: style '#3a4b5c' is a raw colour: name a theme role (text, "
                     "valueText, alarmText, muted) so that the theme, not the drawing, says what "
                     "colour means")});
    }

    void themeRoleDoesNotWarn_data()
    {
        QTest::addColumn<QString>("style");
        for (const char* role : {"", "text", "valueText", "muted"})
            QTest::newRow(*role ? role : "none") << QString::fromLatin1(role);
    }
    void themeRoleDoesNotWarn()
    {
        QFETCH(QString, style);
        const Drawing d = drawingOf({text("title", style.toLatin1().constData())});
        QVERIFY(lintDrawing(d, builtIn("isa101")).empty());
    }

    void alarmStyleOnlyOnAlarms()
    {
        Element flood = text("flood_text", "alarmText");
        flood.kind = ElementKind::Value;
        flood.slots[QStringLiteral("flood")] = QStringLiteral("flood");
        Element bar = text("bar", "#e81010");
        bar.kind = ElementKind::Bar;
        Element group;
        group.id = QStringLiteral("g");
        group.kind = ElementKind::Group;
        group.children = {text("caption", "alarmText"), bar};
        const QStringList got = texts(lintDrawing(drawingOf({flood, group}), builtIn("isa101")));
        QVERIFY2(got.filter(QStringLiteral("flood_text")).isEmpty(), qPrintable(got.join(u'\n')));
        const QString notAlarm =
            QStringLiteral("is an alarm colour on an element bound to no alarm: it looks abnormal "
                           "while the plant is normal");
        QVERIFY2(got.contains(QStringLiteral("d.json: caption: style 'alarmText' ") + notAlarm),
                 qPrintable(got.join(u'\n')));
        QVERIFY2(got.contains(QStringLiteral("d.json: bar: style '#e81010' ") + notAlarm),
                 qPrintable(got.join(u'\n')));
    }

    void fixedTextThatReadsAsAnAlarmWarns()
    {
        Element fault = text("note", "");
        fault.label = QStringLiteral("故障时请联系值班室");
        const QStringList got = texts(lintDrawing(drawingOf({fault}), builtIn("isa101")));
        QCOMPARE(got.size(), 1);
        QVERIFY2(got[0].startsWith(QStringLiteral("d.json: note: the text '故障时请联系值班室' "
                                                  "reads as an alarm")),
                 qPrintable(got[0]));
    }
};

QTEST_MAIN(tst_HmiLint)
#include "tst_hmilint.moc"
