// The drawing file as an engineer meets it: saved bytes that never drift, and a broken file
// whose every problem names the JSON path at fault.
#include <graphics/drawingjson.h>

#include <QFile>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Graphics;

namespace {

QByteArray resource(const char* path)
{
    QFile f(QString::fromLatin1(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A drawing using every kind of element and every field once.
Drawing everything()
{
    Drawing d;
    d.id = QStringLiteral("t");
    d.name = QStringLiteral("测试图");
    d.templateId = QStringLiteral("std");
    d.zones = {QStringLiteral("low"), QStringLiteral("high")};
    d.canvas = {1280, 720.5};
    d.roles[QStringLiteral("pump[i].running")] = {QStringLiteral("pump{i}_running"),
                                                  RoleDef::Kind::Bit, QStringLiteral("running"),
                                                  false, false};
    d.roles[QStringLiteral("sp")] = {QStringLiteral("sp"), RoleDef::Kind::Analog, {}, true, true};
    Element pump;
    pump.id = QStringLiteral("pump{i}");
    pump.kind = ElementKind::Symbol;
    pump.symbol = QStringLiteral("pump");
    pump.position = {10.25, 20};
    pump.size = {60, 60};
    pump.rotationDeg = 90;
    pump.mirrored = true;
    pump.label = QStringLiteral("{i}#泵");
    pump.slots[QStringLiteral("running")] = QStringLiteral("pump[i].running");
    pump.control = QStringLiteral("pump[i]");
    Element pipe;
    pipe.id = QStringLiteral("pipe{i}");
    pipe.kind = ElementKind::Pipe;
    pipe.points = {{0, 0}, {10, 0}, {10, 0.1}};
    pipe.from = *PipeEnd::parse(u"inlet");
    pipe.to = *PipeEnd::parse(u"pump{i}.in");
    pipe.diameter = QStringLiteral("DN80");
    pipe.layer = Layer::Background;
    Element group;
    group.id = QStringLiteral("pumps");
    group.kind = ElementKind::Group;
    group.repeat = QStringLiteral("pumps");
    group.offset = {0, 190};
    group.when = QStringLiteral("!tank");
    group.zone = QStringLiteral("high");
    group.children = {pump, pipe};
    Element value;
    value.id = QStringLiteral("sp");
    value.kind = ElementKind::Value;
    value.position = {1, 2};
    value.size = {3, 4};
    value.slots[QStringLiteral("value")] = QStringLiteral("sp");
    value.zone = QStringLiteral("low");
    Element link;
    link.id = QStringLiteral("link");
    link.kind = ElementKind::Link;
    link.position = {5, 6};
    link.size = {7, 8};
    link.open = QStringLiteral("drawing:other");
    link.label = QStringLiteral("\"引号\"");
    link.style = QStringLiteral("muted");
    Element plan;
    plan.id = QStringLiteral("plan");
    plan.kind = ElementKind::Image;
    plan.source = QStringLiteral("images/plan.svg");
    plan.position = {0, 0};
    plan.size = {1280, 720.5};
    Element note;
    note.id = QStringLiteral("note");
    note.kind = ElementKind::Text;
    note.position = {9, 9};
    note.size = {100, 20};
    note.label = QStringLiteral("注");
    note.style = QStringLiteral("#3a4b5c");
    d.elements = {plan, group, value, link, note};
    d.overrides[QStringLiteral("S0007")] = {{QStringLiteral("pump1"), QPointF(5, -5), false, {}},
                                            {QStringLiteral("sp"), {}, true, QStringLiteral("x")}};
    return d;
}

} // namespace

class TestDrawing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void savedTwiceIsTheSameBytes()
    {
        const Drawing d = everything();
        const QByteArray first = DrawingJson::write(d);
        const DrawingLoad load = DrawingJson::read(first, QStringLiteral("t.json"));
        QVERIFY2(load.drawing, qPrintable(toStrings(load.diagnostics).join(u'\n')));
        QVERIFY(load.diagnostics.empty());
        QVERIFY(*load.drawing == d);
        QCOMPARE(DrawingJson::write(*load.drawing), first);
    }

    /// An image is written with its source and no layer (the background is its default), and
    /// a style after the label: the bytes an engineer diffs.
    void imageAndStyleAreWrittenCanonically()
    {
        const QByteArray text = DrawingJson::write(everything());
        QVERIFY2(text.contains(R"({"id": "plan", "kind": "image", "source": "images/plan.svg", )"
                               R"("at": [0, 0], "size": [1280, 720.5]})"),
                 text.constData());
        QVERIFY2(text.contains(R"("label": "注", "style": "#3a4b5c"})"), text.constData());
        const DrawingLoad load = DrawingJson::read(text, QStringLiteral("t.json"));
        QVERIFY(load.drawing);
        QCOMPARE(load.drawing->elements[0].effectiveLayer(), Layer::Background);
        QCOMPARE(load.drawing->elements[0].source, QStringLiteral("images/plan.svg"));
    }

    void shippedDrawingsAreCanonical_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("one zone") << QStringLiteral(":/demo/graphics/std-pump-house.json");
        QTest::newRow("two zones") << QStringLiteral(":/demo/graphics/std-pump-house-2z.json");
    }
    void shippedDrawingsAreCanonical()
    {
        QFETCH(QString, path);
        const QByteArray text = resource(path.toLatin1().constData());
        QVERIFY(!text.isEmpty());
        const DrawingLoad load = DrawingJson::read(text, path);
        QVERIFY2(load.diagnostics.empty(), qPrintable(toStrings(load.diagnostics).join(u'\n')));
        QCOMPARE(DrawingJson::write(*load.drawing), text);
    }

    void brokenFileNamesThePath_data()
    {
        QTest::addColumn<QByteArray>("elements");
        QTest::addColumn<QString>("expected");
        QTest::newRow("undeclared role")
            << QByteArray(R"([{"id": "p", "kind": "symbol", "symbol": "pump", "at": [0, 0],
                 "size": [1, 1], "slots": {"running": "pump[i].runing"}}])")
            << QStringLiteral("d.json: elements[0].slots.running: role 'pump[i].runing' is not "
                              "declared in roles");
        QTest::newRow("pipe of one point")
            << QByteArray(R"([{"id": "a", "kind": "pipe", "points": [[0, 0]]}])")
            << QStringLiteral("d.json: elements[0].points: a pipe needs at least two points");
        QTest::newRow("bad pipe end")
            << QByteArray(R"([{"id": "a", "kind": "pipe", "points": [[0, 0], [1, 1]],
                 "to": "pump."}])")
            << QStringLiteral("d.json: elements[0].to: 'pump.' is not \"element.port\", a pipe "
                              "id, \"inlet\" or \"outlet\"");
        QTest::newRow("point not a pair")
            << QByteArray(R"([{"id": "t", "kind": "text", "at": [0], "size": [1, 1]}])")
            << QStringLiteral("d.json: elements[0].at: expected [x, y], found an array");
        QTest::newRow("condition in a group")
            << QByteArray(R"([{"id": "g", "kind": "group", "elements": [
                 {"id": "g2", "kind": "group", "when": "tanks", "elements": []}]}])")
            << QStringLiteral("d.json: elements[0].elements[0].when: 'tanks' is not a condition "
                              "(tank, !tank)");
        QTest::newRow("duplicate id")
            << QByteArray(R"([{"id": "t", "kind": "text", "at": [0, 0], "size": [1, 1]},
                 {"id": "t", "kind": "text", "at": [0, 0], "size": [1, 1]}])")
            << QStringLiteral("d.json: elements[1].id: duplicate element id 't'");
        QTest::newRow("unknown zone")
            << QByteArray(R"([{"id": "t", "kind": "text", "at": [0, 0], "size": [1, 1],
                 "zone": "mid"}])")
            << QStringLiteral("d.json: elements[0].zone: 'mid' is not one of the drawing's zones");
        QTest::newRow("image without a source")
            << QByteArray(R"([{"id": "bg", "kind": "image", "at": [0, 0], "size": [1, 1]}])")
            << QStringLiteral("d.json: elements[0].source: required, missing");
        QTest::newRow("image without a box")
            << QByteArray(R"([{"id": "bg", "kind": "image", "source": "a.png"}])")
            << QStringLiteral("d.json: elements[0].at: required, missing");
        QTest::newRow("source on a text")
            << QByteArray(R"([{"id": "t", "kind": "text", "at": [0, 0], "size": [1, 1],
                 "source": "a.png"}])")
            << QStringLiteral("d.json: elements[0].source: only an image has a source");
        QTest::newRow("unknown kind lists image")
            << QByteArray(R"([{"id": "t", "kind": "picture", "at": [0, 0], "size": [1, 1]}])")
            << QStringLiteral("d.json: elements[0].kind: 'picture' is not an element kind "
                              "(symbol, pipe, value, bar, text, link, group, image)");
        QTest::newRow("style not a role or colour")
            << QByteArray(R"([{"id": "t", "kind": "text", "at": [0, 0], "size": [1, 1],
                 "style": "red"}])")
            << QStringLiteral("d.json: elements[0].style: 'red' is not a text style (text, "
                              "valueText, alarmText, muted or a colour \"#rrggbb\")");
        QTest::newRow("style on a symbol")
            << QByteArray(R"([{"id": "s", "kind": "symbol", "symbol": "pump", "at": [0, 0],
                 "size": [1, 1], "style": "text"}])")
            << QStringLiteral("d.json: elements[0].style: only a text, value, link or bar has a "
                              "style");
        QTest::newRow("unknown symbol is a warning")
            << QByteArray(R"([{"id": "s", "kind": "symbol", "symbol": "uv_unit", "at": [0, 0],
                 "size": [1, 1]}])")
            << QStringLiteral("d.json: warning: elements[0].symbol: 'uv_unit' is not a symbol "
                              "this PumpWatch knows: drawn as a box without ports");
    }
    void brokenFileNamesThePath()
    {
        QFETCH(QByteArray, elements);
        QFETCH(QString, expected);
        const QByteArray text = R"({"format": "pumpwatch-graphic", "version": 1, "id": "d",
            "template": "std", "roles": {"pump[i].running": {"tag": "pump{i}_running",
            "kind": "bit"}}, "elements": )" +
                                elements + "}";
        const DrawingLoad load = DrawingJson::read(text, QStringLiteral("d.json"));
        const QStringList got = toStrings(load.diagnostics);
        QVERIFY2(got.contains(expected), qPrintable(got.join(u'\n')));
        QCOMPARE(load.drawing.has_value(), !hasErrors(load.diagnostics));
    }

    void syntaxErrorHasLineAndColumn()
    {
        const DrawingLoad load = DrawingJson::read("{\n  \"id\": \"x\",\n  \"kind\" \"pipe\"\n}",
                                                   QStringLiteral("d.json"));
        QVERIFY(!load.drawing);
        QCOMPARE(load.diagnostics.size(), 1u);
        QCOMPARE(load.diagnostics[0].line, 3);
        QVERIFY(load.diagnostics[0].toString().startsWith(u"d.json:3:"));
    }

    void newerVersionIsRefused()
    {
        const DrawingLoad load = DrawingJson::read(
            R"({"format": "pumpwatch-graphic", "version": 2, "id": "d", "template": "t",
                "elements": []})",
            QStringLiteral("d.json"));
        QVERIFY(!load.drawing);
        QCOMPARE(toStrings(load.diagnostics),
                 QStringList{QStringLiteral(
                     "d.json: version: version 2 is newer than this PumpWatch reads (1)")});
    }
};

QTEST_GUILESS_MAIN(TestDrawing)
#include "tst_drawing.moc"
