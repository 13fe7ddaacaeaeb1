// The check behind `pumpwatch-cli graphics check` and the editor's save dialog: which stations a
// drawing serves once edited, and each binding that breaks at them.
#include "graphicstestdata.h"

#include <graphics/drawingcheck.h>

using namespace PumpWatch;
using namespace PumpWatch::Graphics;
using TestData::pumps;

namespace {

/// S1 and S3 one device (served by std-pump-house), S2 two zones (std-pump-house-2z).
Project threeStations()
{
    return TestData::project({{"S1", {pumps(3, true)}},
                              {"S2", {pumps(2, false), pumps(3, false)}},
                              {"S3", {pumps(2, false)}}});
}

std::vector<Drawing> demoDrawings()
{
    return {TestData::demo(QStringLiteral("std-pump-house")),
            TestData::demo(QStringLiteral("std-pump-house-2z"))};
}

QStringList stationIds(const Project& p, const CheckResult& r)
{
    QStringList ids;
    for (const StationCheck& s : r.stations)
        ids << p.stations[std::size_t(s.station)].id;
    return ids;
}

} // namespace

class TestDrawingCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theDemoDrawingsServeEveryStationWithoutProblems()
    {
        const Project p = threeStations();
        const CheckResult r = checkDrawings(demoDrawings(), p);
        QCOMPARE(int(r.stations.size()), 3);
        QCOMPARE(r.stations[0].drawing, 0);
        QCOMPARE(r.stations[1].drawing, 1);
        QCOMPARE(r.stations[2].drawing, 0);
        QCOMPARE(r.problemCount(), 0);
        QCOMPARE(r.stationsWithProblems(), 0);
    }

    void anEditChecksOnlyTheStationsItServes_data()
    {
        QTest::addColumn<QString>("drawing");
        QTest::addColumn<QStringList>("stations");
        QTest::newRow("one device") << QStringLiteral("std-pump-house")
                                    << QStringList{QStringLiteral("S1"), QStringLiteral("S3")};
        QTest::newRow("two zones")
            << QStringLiteral("std-pump-house-2z") << QStringList{QStringLiteral("S2")};
    }
    void anEditChecksOnlyTheStationsItServes()
    {
        QFETCH(QString, drawing);
        QFETCH(QStringList, stations);
        const Project p = threeStations();
        const CheckResult r = checkEdited(demoDrawings(), TestData::demo(drawing), p);
        QCOMPARE(stationIds(p, r), stations);
        QCOMPARE(r.problemCount(), 0);
        QCOMPARE(int(stationsServedBy(demoDrawings(), TestData::demo(drawing), p).size()),
                 int(stations.size()));
    }

    void aRoleWhoseTagTheStationsLackIsAProblemAtEach()
    {
        const Project p = threeStations();
        Drawing edited = TestData::demo(QStringLiteral("std-pump-house"));
        edited.roles[QStringLiteral("door")].tag = QStringLiteral("door_opened");
        const CheckResult r = checkEdited(demoDrawings(), edited, p);
        QCOMPARE(int(r.stations.size()), 2);
        QCOMPARE(r.stationsWithProblems(), 2);
        for (const StationCheck& s : r.stations) {
            QVERIFY(!s.problems.empty());
            QCOMPARE(s.problems.front().role, QStringLiteral("door"));
        }
        // The whole project's check agrees about the same drawing set.
        std::vector<Drawing> all = demoDrawings();
        all[0] = edited;
        QCOMPARE(checkDrawings(all, p).problemCount(), r.problemCount());
    }

    void aTemplateChangeLeavesTheStationsItServedWithout()
    {
        const Project p = threeStations();
        Drawing edited = TestData::demo(QStringLiteral("std-pump-house"));
        edited.templateId = QStringLiteral("another-template");
        const CheckResult r = checkEdited(demoDrawings(), edited, p);
        QCOMPARE(stationIds(p, r), (QStringList{QStringLiteral("S1"), QStringLiteral("S3")}));
        for (const StationCheck& s : r.stations)
            QVERIFY(!s.hasDrawing());
        QCOMPARE(r.problemCount(), 2);
        QVERIFY(stationsServedBy(demoDrawings(), edited, p).empty());
    }

    void overridesForAStationTheProjectLacksAreReported()
    {
        const Project p = threeStations();
        Drawing edited = TestData::demo(QStringLiteral("std-pump-house"));
        edited.overrides[QStringLiteral("S9")] = {Override{QStringLiteral("pump1"), {}, true, {}}};
        const CheckResult r = checkEdited(demoDrawings(), edited, p);
        QCOMPARE(int(r.strayOverrides.size()), 1);
        QCOMPARE(r.strayOverrides.front().station, QStringLiteral("S9"));
        QCOMPARE(r.problemCount(), 1);
    }

    void aNewDrawingIsAddedAfterTheOthers()
    {
        const Project p = threeStations();
        Drawing fresh;
        fresh.id = QStringLiteral("new");
        fresh.templateId = QStringLiteral("std-pump-house");
        // The demo drawing comes first in the list, so the new one serves no station.
        QVERIFY(stationsServedBy(demoDrawings(), fresh, p).empty());
        QVERIFY(checkEdited(demoDrawings(), fresh, p).stations.empty());
    }
};

QTEST_GUILESS_MAIN(TestDrawingCheck)
#include "tst_drawingcheck.moc"
