// Render baselines of the demo's station graphic in its three looks — normal, with a pump fault
// (its alarm mark, unacknowledged), and stale (the PLC silent: hatched, "last good hh:mm:ss") —
// from fixed values at a fixed time, compared with committed PNGs within a small tolerance
// (tests/common/imagebaseline.h; PUMPWATCH_UPDATE_BASELINES=1 rewrites them). Both themes.
#include "../common/imagebaseline.h"

#include <alarms/alarmservice.h>
#include <graphics/drawinglibrary.h>
#include <graphics/symbols/symbollibrary.h>
#include <graphics/symbols/theme.h>
#include <sim/citygenerator.h>
#include <ui/graphicitem.h>
#include <ui/stationgraphic.h>

#include <QTest>
#include <QTimeZone>

using namespace PumpWatch;

namespace {

const QString kBaselineDir = QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/data/baselines/graphics");
const QString kOutputDir = QStringLiteral(PUMPWATCH_BIN_DIR "/../test-output/graphic-baselines");

/// A pump house at a quiet hour: pump 1 running at 45 Hz, the tank at 3.2 m.
double valueOf(const QString& key)
{
    static const QHash<QString, double> values{{QStringLiteral("inlet_flow"), 80.0},
                                               {QStringLiteral("inlet_total"), 123456.0},
                                               {QStringLiteral("outlet_flow"), 60.5},
                                               {QStringLiteral("outlet_total"), 560000.0},
                                               {QStringLiteral("inlet_pressure"), 0.24},
                                               {QStringLiteral("outlet_pressure"), 0.40},
                                               {QStringLiteral("power"), 20.5},
                                               {QStringLiteral("energy"), 99000.0},
                                               {QStringLiteral("power_factor"), 0.93},
                                               {QStringLiteral("tank_level"), 3.2},
                                               {QStringLiteral("outlet_pressure_setpoint"), 0.40},
                                               {QStringLiteral("pump1_frequency"), 45.0},
                                               {QStringLiteral("pump1_current"), 30.0},
                                               {QStringLiteral("voltage"), 385.0},
                                               {QStringLiteral("turbidity"), 0.2},
                                               {QStringLiteral("residual_chlorine"), 0.4},
                                               {QStringLiteral("ph"), 7.2},
                                               {QStringLiteral("pump1_running"), 1.0},
                                               {QStringLiteral("inlet_valve_open"), 1.0},
                                               {QStringLiteral("pump1_command"), 1.0},
                                               {QStringLiteral("inlet_valve_command"), 1.0},
                                               {QStringLiteral("heartbeat"), 1.0}};
    return values.value(key, 0.0);
}

} // namespace

class tst_GraphicBaselines : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void demoGraphic_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QString>("look");
        for (const char* theme : {"isa101", "legacy"}) {
            for (const char* look : {"normal", "alarm", "stale"})
                QTest::addRow("%s-%s", theme, look)
                    << QString::fromLatin1(theme) << QString::fromLatin1(look);
        }
    }

    void demoGraphic()
    {
        QFETCH(QString, theme);
        QFETCH(QString, look);
        Project project = Sim::CityGenerator::generate({.stations = 1, .seed = 5});
        project.stations[0].devices[0].equipment = {3, true};
        project.graphics = {{QStringLiteral("std-pump-house"),
                             QStringLiteral(":/demo/graphics/std-pump-house.json")}};
        // The clock in the project's zone at a fixed instant: the stale banner prints it.
        qputenv("TZ", "Asia/Shanghai");
        ManualClock clock(QDateTime(QDate(2026, 12, 1), QTime(8, 30), QTimeZone("Asia/Shanghai")));
        RealtimeStore store(project.tagCount());
        Alarms::AlarmService alarms(project, clock);
        Ui::Session session;
        Ui::Services services{project, {},      {},      clock,        store,
                              alarms,  nullptr, nullptr, std::nullopt, session};
        const Device& d = project.stations[0].devices[0];
        std::vector<Sample> batch;
        for (TagId t = d.firstTag; t < d.firstTag + d.tagCount; ++t) {
            const QString& key = project.tag(t).key;
            double v = valueOf(key);
            if (look == u"alarm" && key == u"pump2_fault")
                v = 1.0;
            batch.push_back({clock.nowMs(), v, t, Quality::Good});
        }
        store.publish(batch);
        alarms.process(batch);

        const auto library = Graphics::SymbolLibrary::load();
        const auto colours = Graphics::Theme::builtIn(theme);
        QVERIFY(library && colours);
        const Graphics::DrawingLibrary drawings = Graphics::DrawingLibrary::load(project);
        const Graphics::Drawing* drawing = drawings.drawingFor(project, 0);
        QVERIFY(drawing);
        Ui::StationGraphic g(services, *library, *colours, Graphics::resolve(*drawing, project, 0));
        g.setAlarms(alarms.liveRecords());
        if (look == u"stale")
            clock.advanceMs(60'000); // past the 30 s a 1 s poll may age
        g.tick(clock.nowMs());

        // What the look is about, before the pixels.
        const Ui::ShownState pump2 = g.item(u"pump2")->shown();
        QCOMPARE(g.isStale(), look == u"stale");
        QCOMPARE(pump2.state,
                 look == u"alarm" ? QStringLiteral("fault") : QStringLiteral("stopped"));
        QCOMPARE(pump2.alarm > 0, look == u"alarm");
        QCOMPARE(g.item(u"pump1")->shown().state, QStringLiteral("running"));
        if (look == u"stale")
            QVERIFY2(g.staleText().contains(u"08:30:00"), qPrintable(g.staleText()));

        const QString name = theme + u'-' + look;
        const QString why = Test::ImageBaseline().check(
            g.image(0.5), kBaselineDir + u'/' + name + QStringLiteral(".png"),
            kOutputDir + u'/' + name);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
};

QTEST_MAIN(tst_GraphicBaselines)
#include "tst_graphicbaselines.moc"
