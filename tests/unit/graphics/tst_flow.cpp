// Flow from topology: which pipes carry water for a set of pump and valve states, on the demo
// drawing resolved for a three-pump station with a break tank, and for one without a tank.
#include "graphicstestdata.h"

#include <graphics/flow.h>

using namespace PumpWatch;
using namespace PumpWatch::Graphics;
using TestData::pumps;

class TestFlow : public QObject {
    Q_OBJECT

    static QStringList flowingIds(const ResolvedDrawing& r, const QStringList& running,
                                  const QStringList& closed)
    {
        std::vector<ElementState> states(r.elements.size());
        for (const QString& id : running)
            states[std::size_t(r.indexOf(id))].running = true;
        for (const QString& id : closed)
            states[std::size_t(r.indexOf(id))].open = false;
        const std::vector<bool> flowing = FlowNetwork(r).flowing(states);
        QStringList ids;
        for (std::size_t i = 0; i < flowing.size(); ++i) {
            if (flowing[i])
                ids << r.elements[i].id;
        }
        ids.sort();
        return ids;
    }

private Q_SLOTS:
    void pipesFlowWhereWaterMoves_data()
    {
        QTest::addColumn<bool>("tank");
        QTest::addColumn<QStringList>("running");
        QTest::addColumn<QStringList>("closed");
        QTest::addColumn<QStringList>("flowing");
        const auto list = [](const char* text) {
            QStringList l = QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts);
            l.sort();
            return l;
        };
        // The mains fill the tank through the open inlet valve, pumps or not.
        QTest::newRow("all stopped: only the tank fills")
            << true << QStringList() << QStringList() << list("p_inlet p_fill");
        QTest::newRow("closed inlet valve: the inlet pipe does not flow")
            << true << QStringList() << list("inlet_valve") << QStringList();
        QTest::newRow("pump 2 running: its branch, not the others'")
            << true << list("pump2") << QStringList()
            << list("p_inlet p_fill p_tank_out p0_manifold p1_manifold p2_manifold p2_suction "
                    "p2_d1 p2_d2 p2_d3 p2_riser p1_riser p0_riser");
        QTest::newRow("running against its closed discharge valve: nothing moves")
            << true << list("pump2") << list("gate2") << list("p_inlet p_fill");
        QTest::newRow("two running, one shut off: the other still supplies")
            << true << list("pump1 pump3") << list("gate1")
            << list("p_inlet p_fill p_tank_out p0_manifold p1_manifold p2_manifold p3_manifold "
                    "p3_suction p3_d1 p3_d2 p3_d3 p3_riser p2_riser p1_riser p0_riser");
        QTest::newRow("tank empty of pressure: the outlet needs a pump")
            << true << QStringList() << list("inlet_valve") << QStringList();
        // 叠压: the pump draws from the mains through the stabilising tank.
        QTest::newRow("no tank, pump running")
            << false << list("pump1") << QStringList()
            << list("p_inlet p_stab_in p_stab_out p0_manifold p1_manifold p1_suction p1_d1 p1_d2 "
                    "p1_d3 p1_riser p0_riser");
        QTest::newRow("no tank, inlet closed: nothing")
            << false << list("pump1") << list("inlet_valve") << QStringList();
    }
    void pipesFlowWhereWaterMoves()
    {
        QFETCH(bool, tank);
        QFETCH(QStringList, running);
        QFETCH(QStringList, closed);
        QFETCH(QStringList, flowing);
        const Project p = TestData::project({{"S1", {pumps(3, tank)}}});
        const ResolvedDrawing r = resolve(TestData::demo(QStringLiteral("std-pump-house")), p, 0);
        QVERIFY(r.problems.empty());
        QCOMPARE(flowingIds(r, running, closed), flowing);
    }

    void hiddenValveStillConducts()
    {
        const Project p = TestData::project({{"S1", {pumps(2, true)}}});
        Drawing d = TestData::demo(QStringLiteral("std-pump-house"));
        d.overrides[QStringLiteral("S1")] = {{QStringLiteral("gate1"), {}, true, {}}};
        const ResolvedDrawing r = resolve(d, p, 0);
        // The station has no valve there: its (unknown, closed-looking) state is ignored.
        QVERIFY(flowingIds(r, {QStringLiteral("pump1")}, {QStringLiteral("gate1")})
                    .contains(QStringLiteral("p0_riser")));
    }

    void statesComeFromTheBoundTags()
    {
        const Project p = TestData::project({{"S1", {pumps(2, true)}}});
        const ResolvedDrawing r = resolve(TestData::demo(QStringLiteral("std-pump-house")), p, 0);
        const TagId running2 = p.findTag(u"S1", u"low", u"pump2_running");
        const TagId valve = p.findTag(u"S1", u"low", u"inlet_valve_open");
        const auto states = FlowNetwork::statesFrom(r, [&](TagId id) -> std::optional<double> {
            if (id == running2)
                return 1.0;
            if (id == valve)
                return 0.0;
            return std::nullopt;
        });
        QCOMPARE(states[std::size_t(r.indexOf(u"pump2"))].running, std::optional(true));
        QCOMPARE(states[std::size_t(r.indexOf(u"pump1"))].running, std::nullopt);
        QCOMPARE(states[std::size_t(r.indexOf(u"inlet_valve"))].open, std::optional(false));
        const std::vector<bool> flowing = FlowNetwork(r).flowing(states);
        QVERIFY(flowing[std::size_t(r.indexOf(u"p2_d3"))]);
        QVERIFY(!flowing[std::size_t(r.indexOf(u"p1_d3"))]);
        QVERIFY(!flowing[std::size_t(r.indexOf(u"p_inlet"))]);
    }
};

QTEST_GUILESS_MAIN(TestFlow)
#include "tst_flow.moc"
