// One drawing for every station of a template: the pumps a device has, with or without a tank,
// two zones, a station's own patch, and every binding that does not hold named.
#include "graphicstestdata.h"

#include <graphics/drawinglibrary.h>
#include <graphics/resolve.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace PumpWatch;
using namespace PumpWatch::Graphics;
using TestData::pumps;

namespace {

QStringList problemTexts(const ResolvedDrawing& r)
{
    QStringList lines;
    for (const Problem& p : r.problems)
        lines << p.toString();
    return lines;
}

QStringList idsStartingWith(const ResolvedDrawing& r, const QString& prefix)
{
    QStringList ids;
    for (const ResolvedElement& e : r.elements) {
        if (e.id.startsWith(prefix))
            ids << e.id;
    }
    return ids;
}

const ResolvedElement& element(const ResolvedDrawing& r, const char* id)
{
    const int i = r.indexOf(QString::fromLatin1(id));
    if (i < 0)
        qFatal("no element %s", id);
    return r.elements[std::size_t(i)];
}

} // namespace

class TestResolve : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pumpsAndTankFollowTheDevice_data()
    {
        QTest::addColumn<int>("statedPumps");
        QTest::addColumn<int>("tank"); // -1 not stated, 0 no, 1 yes
        QTest::addColumn<QStringList>("pumpIds");
        QTest::addColumn<bool>("hasTank");
        const QStringList two = {QStringLiteral("pump1"), QStringLiteral("pump2")};
        const QStringList three = two + QStringList{QStringLiteral("pump3")};
        QTest::newRow("2 pumps, tank") << 2 << 1 << two << true;
        QTest::newRow("3 pumps, no tank") << 3 << 0 << three << false;
        QTest::newRow("not stated: as the template's tags allow") << 0 << -1 << three << true;
    }
    void pumpsAndTankFollowTheDevice()
    {
        QFETCH(int, statedPumps);
        QFETCH(int, tank);
        QFETCH(QStringList, pumpIds);
        QFETCH(bool, hasTank);
        const Project p = TestData::project(
            {{"S1", {pumps(statedPumps, tank < 0 ? std::nullopt : std::optional(tank == 1))}}});
        const ResolvedDrawing r = resolve(TestData::demo(QStringLiteral("std-pump-house")), p, 0);
        QVERIFY2(r.problems.empty(), qPrintable(problemTexts(r).join(u'\n')));
        QCOMPARE(idsStartingWith(r, QStringLiteral("pump")), pumpIds);
        QCOMPARE(r.indexOf(u"tank") >= 0, hasTank);
        QCOMPARE(r.indexOf(u"stabiliser") >= 0, !hasTank);
        QCOMPARE(r.indexOf(u"bar_level") >= 0, hasTank);

        // Each pump binds its own tags, one row lower than the one before.
        for (int i = 1; i <= int(pumpIds.size()); ++i) {
            const ResolvedElement& pump =
                r.elements[std::size_t(r.indexOf(QStringLiteral("pump%1").arg(i)))];
            QCOMPARE(pump.tag(u"running"),
                     p.findTag(u"S1", u"low", QStringLiteral("pump%1_running").arg(i)));
            QCOMPARE(pump.tag(u"frequency"),
                     p.findTag(u"S1", u"low", QStringLiteral("pump%1_frequency").arg(i)));
            QCOMPARE(pump.label, QStringLiteral("%1#泵").arg(i));
            QCOMPARE(pump.position.y(), 640.0 - 160 * (i - 1));
            QCOMPARE(pump.control, QStringLiteral("pump[%1]").arg(i));
            QVERIFY(pump.controlDef);
            QCOMPARE(pump.commandTag,
                     p.findTag(u"S1", u"low", QStringLiteral("pump%1_command").arg(i)));
        }
    }

    void valueTakesUnitPrecisionAndBands()
    {
        const Project p = TestData::project({{"S1", {pumps(2, true)}}});
        const ResolvedDrawing r = resolve(TestData::demo(QStringLiteral("std-pump-house")), p, 0);
        const ResolvedElement& bar = element(r, "bar_outlet_pressure");
        QCOMPARE(bar.kind, ElementKind::Bar);
        QCOMPARE(bar.unit, QStringLiteral("MPa"));
        QCOMPARE(bar.decimals, 3);
        QCOMPARE(bar.limits.low, std::optional(0.25));
        QCOMPARE(bar.limits.highHigh, std::optional(0.60));
        // The standard template has no flood sensor: an optional role, not a problem.
        QCOMPARE(element(r, "flood").tag(u"flood"), InvalidTagId);
    }

    void twoZonesBindEachZonesDevice()
    {
        const Project p = TestData::project({{"S1", {pumps(2, true), pumps(3, false)}}});
        const ResolvedDrawing r =
            resolve(TestData::demo(QStringLiteral("std-pump-house-2z")), p, 0);
        QVERIFY2(r.problems.empty(), qPrintable(problemTexts(r).join(u'\n')));
        QCOMPARE(idsStartingWith(r, QStringLiteral("lo_pump")),
                 (QStringList{QStringLiteral("lo_pump1"), QStringLiteral("lo_pump2")}));
        QCOMPARE(idsStartingWith(r, QStringLiteral("hi_pump")).size(), 3);
        QVERIFY(r.indexOf(u"lo_tank") >= 0);
        QVERIFY(r.indexOf(u"hi_tank") < 0);
        QVERIFY(r.indexOf(u"hi_stabiliser") >= 0);
        QCOMPARE(element(r, "lo_pump1").tag(u"running"),
                 p.findTag(u"S1", u"low", u"pump1_running"));
        QCOMPARE(element(r, "hi_pump1").tag(u"running"),
                 p.findTag(u"S1", u"high", u"pump1_running"));
        QCOMPARE(element(r, "hi_pump3").device, 1);
    }

    void stationOpensTheDrawingOfItsZones()
    {
        Project p = TestData::project({{"S1", {pumps(2)}}, {"S2", {pumps(2), pumps(2)}}});
        std::vector<Drawing> drawings = {TestData::demo(QStringLiteral("std-pump-house")),
                                         TestData::demo(QStringLiteral("std-pump-house-2z"))};
        QCOMPARE(drawingFor(drawings, p, 0), 0);
        QCOMPARE(drawingFor(drawings, p, 1), 1);
        drawings.pop_back(); // without a two-zone drawing, the one-zone drawing per device
        QCOMPARE(drawingFor(drawings, p, 1), 0);
        drawings[0].templateId = QStringLiteral("other");
        QCOMPARE(drawingFor(drawings, p, 0), -1);
    }

    void brokenBindingsAreNamed()
    {
        Project p = TestData::project({{"S7", {pumps(4, true)}}});
        // A control whose command the PLC table made read-only.
        StationTemplate& t = p.templates[0];
        t.tags[std::size_t(t.tagIndex(QStringLiteral("inlet_valve_command")))].access =
            Access::Read;
        Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
        d.file = QStringLiteral("d.json");
        d.roles[QStringLiteral("tank_level")].tag = QStringLiteral("tank_lvl");  // missing
        d.roles[QStringLiteral("door")].tag = QStringLiteral("outlet_pressure"); // bit ← float
        d.roles[QStringLiteral("power")].quantity = QStringLiteral("energy");    // quantity
        d.roles[QStringLiteral("outlet_flow")].writable = true;                  // read-only
        const ResolvedDrawing r = resolve(d, p, 0);
        const QStringList got = problemTexts(r);
        const QString at = QStringLiteral("d.json: S7 站S7 [low] ");
        for (const QString& expected : {
                 at + QStringLiteral("pump4 pump[4].running: no tag 'pump4_running'"),
                 at + QStringLiteral(
                          "pump4 pump[4]: the template declares no control of this object"),
                 at + QStringLiteral("lt tank_level: no tag 'tank_lvl'"),
                 at + QStringLiteral(
                          "door door: the role needs a bit, tag 'outlet_pressure' is an analog "
                          "value (float32)"),
                 at +
                     QStringLiteral(
                         "v_power power: the role needs quantity 'energy', tag 'power' is 'power'"),
                 at + QStringLiteral(
                          "v_outlet_flow outlet_flow: tag 'outlet_flow' is read-only, the role "
                          "writes it"),
                 at + QStringLiteral(
                          "inlet_valve inlet_valve: the command tag 'inlet_valve_command' is "
                          "read-only"),
             }) {
            QVERIFY2(got.contains(expected),
                     qPrintable(expected + QStringLiteral("\n--- got:\n") + got.join(u'\n')));
        }
        // A broken binding is not bound at all: the view must not show a wrong value.
        QCOMPARE(element(r, "door").tag(u"door"), InvalidTagId);
    }

    void overridesPatchOneStation()
    {
        const Project p = TestData::project({{"S1", {pumps(2, true)}}, {"S2", {pumps(2, true)}}});
        Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
        d.overrides[QStringLiteral("S2")] = {
            {QStringLiteral("v_p1_hz"), QPointF(10, -5), false, {}},
            {QStringLiteral("inlet_valve"), {}, true, {}},
            {QStringLiteral("v_outlet_pressure"), {}, false, QStringLiteral("供水压力")},
            {QStringLiteral("pump3"), {}, true, {}},
        };
        const ResolvedDrawing plain = resolve(d, p, 0);
        const ResolvedDrawing patched = resolve(d, p, 1);
        QVERIFY(plain.problems.empty());
        QCOMPARE(element(patched, "v_p1_hz").position,
                 element(plain, "v_p1_hz").position + QPointF(10, -5));
        QVERIFY(!element(plain, "inlet_valve").hidden);
        QVERIFY(element(patched, "inlet_valve").hidden);
        QCOMPARE(element(patched, "v_outlet_pressure").label, QStringLiteral("供水压力"));
        QCOMPARE(problemTexts(patched),
                 QStringList{QStringLiteral(":/demo/graphics/std-pump-house.json: S2 站S2 pump3: "
                                            "the station's override names an element the "
                                            "drawing does not have")});
    }

    /// An image's source is found beside the drawing file, wherever the program runs; an
    /// absolute path stays as it is; a missing file is a problem naming it, and the element is
    /// still there (the view draws a dashed box with the name).
    void imageSourceIsFoundBesideTheDrawing()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("graphics/images")));
        QFile plan(dir.filePath(QStringLiteral("graphics/images/plan.svg")));
        QVERIFY(plan.open(QIODevice::WriteOnly));
        plan.write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"/>");
        plan.close();
        const Project p = TestData::project({{"S1", {pumps(2, true)}}});
        Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
        d.file = dir.filePath(QStringLiteral("graphics/std.json"));
        const auto image = [](const char* id, const QString& source) {
            Element e;
            e.id = QString::fromLatin1(id);
            e.kind = ElementKind::Image;
            e.source = source;
            e.size = {100, 50};
            return e;
        };
        d.elements.push_back(image("plan", QStringLiteral("images/plan.svg")));
        d.elements.push_back(image("absolute", plan.fileName()));
        d.elements.push_back(image("photo", QStringLiteral("images/photo.png")));
        const ResolvedDrawing r = resolve(d, p, 0);
        QCOMPARE(element(r, "plan").source, plan.fileName());
        QCOMPARE(element(r, "plan").layer, Layer::Background);
        QCOMPARE(element(r, "absolute").source, plan.fileName());
        const QString missing = dir.filePath(QStringLiteral("graphics/images/photo.png"));
        QCOMPARE(element(r, "photo").source, missing);
        QCOMPARE(problemTexts(r),
                 QStringList{d.file + QStringLiteral(": S1 站S1 [low] photo: no image file '") +
                             missing + u'\''});
    }
};

QTEST_GUILESS_MAIN(TestResolve)
#include "tst_resolve.moc"
