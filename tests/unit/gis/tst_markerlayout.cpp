// Station markers: the level of detail by zoom, clusters that count their members and show the
// worst state, an alarmed station anchoring its cluster, no two placed boxes overlapping, and
// hit testing.
#include <gis/geo.h>
#include <gis/markerlayout.h>

#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Gis;

namespace {

std::vector<MarkerInput> grid(int n, double spacingDeg, StationState state = StationState::Normal)
{
    std::vector<MarkerInput> m;
    for (int i = 0; i < n; ++i) {
        const LonLat p(106.9 + (i % 10) * spacingDeg, 27.7 + (i / 10) * spacingDeg);
        m.push_back({i, WebMercator::toWorld(p, 0), state});
    }
    return m;
}

/// The view centred on the first marker at `zoom`.
QPointF originFor(const std::vector<MarkerInput>& m, double zoom, QSizeF view)
{
    return m.front().world * std::exp2(zoom) - QPointF(view.width() / 4, view.height() / 2);
}

} // namespace

class tst_MarkerLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detailByZoom()
    {
        MarkerLayout layout;
        QCOMPARE(layout.detail(9), Detail::Dot);
        QCOMPARE(layout.detail(12.5), Detail::Name);
        QCOMPARE(layout.detail(16), Detail::Card);
    }

    void offlineWithACriticalAlarmIsRedAndHatched_data()
    {
        QTest::addColumn<int>("offlineState"); // the offline station's state
        QTest::addColumn<int>("otherState");   // a neighbour's
        QTest::addColumn<int>("clusterState");
        QTest::addColumn<bool>("hatched");
        // A power outage: the station is cut off and carries a critical alarm.
        QTest::newRow("offline-critical-beats-warning")
            << int(StationState::Critical) << int(StationState::Warning)
            << int(StationState::Critical) << true;
        // Quietly offline: a warning elsewhere in the cluster still shows.
        QTest::newRow("warning-beats-quiet-offline")
            << int(StationState::Offline) << int(StationState::Warning)
            << int(StationState::Warning) << false;
        QTest::newRow("quiet-offline-beats-normal")
            << int(StationState::Offline) << int(StationState::Normal) << int(StationState::Offline)
            << true;
    }
    void offlineWithACriticalAlarmIsRedAndHatched()
    {
        QFETCH(int, offlineState);
        QFETCH(int, otherState);
        QFETCH(int, clusterState);
        QFETCH(bool, hatched);
        auto markers = grid(10, 0.001);
        markers[4].state = StationState(offlineState);
        markers[4].offline = true;
        markers[6].state = StationState(otherState);
        MarkerLayout layout;
        const QRectF view(0, 0, 1200, 800);
        const auto& placed = layout.place(markers, originFor(markers, 9, view.size()), 9, view);
        QCOMPARE(placed.size(), std::size_t(1));
        QCOMPARE(int(placed.front().state), clusterState);
        QCOMPARE(placed.front().offline, hatched);
        // Alone, the offline station keeps its alarm's colour and is hatched.
        const auto& single =
            layout.place({markers[4]}, originFor({markers[4]}, 9, view.size()), 9, view);
        QCOMPARE(int(single.front().state), offlineState);
        QVERIFY(single.front().offline);
    }

    void clustersCountAndShowTheWorst()
    {
        // 50 stations 0.002° apart (about 200 m): at zoom 10 they fall together.
        auto markers = grid(50, 0.002);
        markers[17].state = StationState::Critical;
        markers[3].state = StationState::Offline;
        MarkerLayout layout;
        const QRectF view(0, 0, 1200, 800);
        const auto& placed = layout.place(markers, originFor(markers, 10, view.size()), 10, view);
        int total = 0;
        for (const PlacedMarker& p : placed)
            total += p.isCluster() ? int(p.members.size()) : 1;
        QCOMPARE(total, 50); // every station is somewhere
        QVERIFY(placed.size() < 10);
        // The red station anchors its cluster, and the cluster is red.
        const auto red = std::find_if(placed.begin(), placed.end(),
                                      [](const PlacedMarker& p) { return p.station == 17; });
        QVERIFY(red != placed.end());
        QCOMPARE(red->state, StationState::Critical);
        const std::size_t zoomedOut = placed.size();

        // Closer in, the cards do not overlap and fewer stations share a cluster.
        const auto& cards = layout.place(markers, originFor(markers, 17, view.size()), 17, view);
        QCOMPARE(layout.currentDetail(), Detail::Card);
        for (std::size_t i = 0; i < cards.size(); ++i) {
            for (std::size_t j = i + 1; j < cards.size(); ++j)
                QVERIFY(!cards[i].box.intersects(cards[j].box));
        }
        QVERIFY(cards.size() > zoomedOut);
    }

    void farApartStationsStandAlone()
    {
        auto markers = grid(20, 0.05); // 5 km apart
        MarkerLayout layout;
        const QRectF view(0, 0, 4000, 4000);
        const auto& placed = layout.place(markers, originFor(markers, 12, view.size()), 12, view);
        QCOMPARE(layout.currentDetail(), Detail::Name);
        for (const PlacedMarker& p : placed)
            QVERIFY(!p.isCluster());
    }

    void hitTesting()
    {
        std::vector<MarkerInput> markers{
            {7, WebMercator::toWorld({106.9, 27.7}, 0), StationState::Warning}};
        MarkerLayout layout;
        const QRectF view(0, 0, 800, 600);
        const QPointF origin = markers[0].world * std::exp2(13) - QPointF(400, 300);
        layout.place(markers, origin, 13, view);
        QCOMPARE(layout.placed().size(), 1u);
        const QRectF box = layout.placed()[0].box;
        QCOMPARE(layout.placed()[0].anchor, QPointF(400, 300));
        QCOMPARE(layout.hit(box.center()), 0);
        QCOMPARE(layout.hit(box.topLeft() - QPointF(2, 2)), -1);
        // Off screen: not placed, not hit.
        layout.place(markers, origin + QPointF(5000, 0), 13, view);
        QVERIFY(layout.placed().empty());
    }
};

QTEST_GUILESS_MAIN(tst_MarkerLayout)
#include "tst_markerlayout.moc"
