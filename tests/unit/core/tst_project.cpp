// The project model: templates shared by stations, dense tag ids, lookups, round-trips.
#include <core/projectedit.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>
#include <sim/citygenerator.h>

#include <QTemporaryDir>
#include <QTest>

#include <demoproject.h>

using namespace PumpWatch;

namespace {

Project demo()
{
    ProjectLoad load = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath));
    if (!load.project)
        qFatal("the demo project does not load");
    return std::move(*load.project);
}

} // namespace

class tst_Project : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void demoCity()
    {
        const ProjectLoad load = ProjectReader::readFile(QString::fromLatin1(DemoProjectPath));
        QVERIFY(load.diagnostics.empty()); // not even a warning
        const Project& p = *load.project;
        QCOMPARE(p.stations.size(), std::size_t(60));
        QCOMPARE(p.plants.size(), std::size_t(3));
        QCOMPARE(p.lines.size(), std::size_t(6));
        QCOMPARE(p.templates.size(), std::size_t(1));
        QVERIFY(p.templates[0].tags.size() >= 30);
        for (const Station& s : p.stations) {
            QVERIFY(s.line >= 0);
            QVERIFY(!s.code.isEmpty());
            // Around Zunyi: within about 15 km of the city centre.
            QVERIFY(qAbs(s.location.latitude - 27.7256) < 0.14);
            QVERIFY(qAbs(s.location.longitude - 106.9272) < 0.16);
            for (const Device& d : s.devices)
                QCOMPARE(d.templateIndex, 0); // all on one standard template
        }
        QCOMPARE(p.stations[0].displayName(), QStringLiteral("(A)澳门路口"));
    }

    void tagIdsAreDenseAndOrdered()
    {
        const Project p = demo();
        TagId next = 0;
        for (const Station& s : p.stations) {
            QCOMPARE(s.firstTag, next);
            for (const Device& d : s.devices) {
                QCOMPARE(d.firstTag, next);
                next += d.tagCount;
            }
            QCOMPARE(s.firstTag + s.tagCount, next);
        }
        QCOMPARE(p.tagCount(), next);
        for (TagId id = 0; id < p.tagCount(); ++id) {
            QCOMPARE(p.findTag(p.tagPath(id)), id);
            const Station& s = p.stationOfTag(id);
            QVERIFY(id >= s.firstTag && id < s.firstTag + s.tagCount);
        }
    }

    /// A station without overrides holds no copy of the address table: its tags are the
    /// template's own definitions.
    void templatesAreShared()
    {
        const Project p = demo();
        const StationTemplate& t = p.templates[0];
        const Station& plain = p.stations[0]; // S0001: no overrides
        QVERIFY(plain.tags.empty());
        for (std::size_t i = 0; i < t.tags.size(); ++i)
            QCOMPARE(&p.tag(plain.firstTag + static_cast<TagId>(i)), &t.tags[i]);

        const Station& own = p.stations[1]; // S0002 has its own outlet pressure limits
        QCOMPARE(own.tags.size(), std::size_t(1));
        const TagId pressure = p.findTag(u"S0002/low/outlet_pressure");
        QCOMPARE(pressure,
                 own.firstTag + static_cast<TagId>(t.tagIndex(QStringLiteral("outlet_pressure"))));
        QCOMPARE(&p.tag(pressure), &own.tags[0].def);
        QVERIFY(
            p.tag(pressure).alarm !=
            t.tags[static_cast<std::size_t>(t.tagIndex(QStringLiteral("outlet_pressure")))].alarm);
        QCOMPARE(p.tag(pressure).address.text, QStringLiteral("VD1020")); // the rest is inherited
    }

    void twoZoneStation()
    {
        const Project p = demo();
        const Station& s = p.stations[3]; // S0004: low and high zone, each its own PLC
        QCOMPARE(s.zones(), (std::vector<Zone>{Zone::Low, Zone::High}));
        const TagId low = p.findTag(u"S0004/low/outlet_pressure");
        const TagId high = p.findTag(u"S0004/high/outlet_pressure");
        QVERIFY(low != InvalidTagId && high != InvalidTagId && low != high);
        QCOMPARE(p.deviceOfTag(high).zone, Zone::High);
        QCOMPARE(p.findTag(u"S0004/outlet_pressure"), InvalidTagId); // ambiguous without the device
        QCOMPARE(p.findTag(u"S0001/outlet_pressure"), p.findTag(u"S0001/low/outlet_pressure"));
        QCOMPARE(p.findTag(u"S9999/low/outlet_pressure"), InvalidTagId);
        QCOMPARE(p.findTag(u"S0001/low/nothing"), InvalidTagId);
    }

    void overridesAndExtras()
    {
        const QByteArray json = R"({"format": "pumpwatch-project", "version": 1, "name": "x",
          "templates": [{"id": "t", "device": {"addressing": "s7-v", "holdStart": 1000, "pollMs": 1000},
            "tags": [{"key": "p", "name": "压力", "quantity": "pressure", "address": "VD1000", "type": "float32",
                      "alarm": {"L": 0.2, "H": 0.5, "rate": 0.3}},
                     {"key": "q", "name": "流量", "quantity": "flow", "unit": "m3/h", "address": "VD1004", "type": "float32"}]}],
          "stations": [{"id": "s", "name": "站", "location": {"lat": 1, "lon": 2},
            "devices": [{"id": "d", "template": "t", "endpoint": "10.0.0.1:502", "pollMs": 2000}],
            "tags": [{"key": "extra", "name": "液位", "quantity": "level", "address": "VD1008", "type": "float32"},
                     {"key": "p", "alarm": {"H": null, "HH": 0.7}}]}]})";
        const ProjectLoad load = ProjectReader::read(json, QStringLiteral("x.json"));
        QVERIFY(load.diagnostics.empty());
        const Project& p = *load.project;
        QCOMPARE(p.tagCount(), 3u);
        // Template order first (the override takes its template tag's place), then extras.
        QCOMPARE(p.tag(0).key, QStringLiteral("p"));
        QCOMPARE(p.tag(1).key, QStringLiteral("q"));
        QCOMPARE(p.tag(2).key, QStringLiteral("extra"));
        QCOMPARE(p.tag(0).alarm.low, std::optional<double>(0.2));
        QCOMPARE(p.tag(0).alarm.high, std::nullopt); // null cleared the template's limit
        QCOMPARE(p.tag(0).alarm.highHigh, std::optional<double>(0.7));
        QCOMPARE(p.tag(0).alarm.ratePerMinute, std::optional<double>(0.3));
        QCOMPARE(p.tag(1).unit, QStringLiteral("m³/h")); // spelled canonically
        QCOMPARE(p.tag(2).unit, QStringLiteral("m"));    // the quantity's unit when none is given
        QCOMPARE(p.stations[0].devices[0].settings.pollMs, 2000);
        QCOMPARE(p.stations[0].devices[0].settings.holdStart, 1000u);

        // Writing keeps only what differs from the template, and reads back equal.
        const QByteArray written = ProjectWriter::write(p);
        QVERIFY(written.contains(
            R"({"key": "p", "alarm": {"L": 0.2, "H": null, "HH": 0.7, "rate": 0.3}})"));
        QVERIFY(written.contains(
            R"({"id": "d", "template": "t", "endpoint": "10.0.0.1:502", "pollMs": 2000})"));
        const ProjectLoad again = ProjectReader::read(written, QStringLiteral("again.json"));
        QVERIFY(again.project);
        QVERIFY(*again.project == p);
    }

    /// The range check's tolerance, delay and deadband: defaults from the span when unset, set
    /// per template, undone per station with null, and written back as they were read.
    void rangeSettingsRoundTrip()
    {
        const QByteArray json = R"({"format": "pumpwatch-project", "version": 1, "name": "x",
          "templates": [{"id": "t", "device": {"addressing": "s7-v", "holdStart": 1000},
            "tags": [{"key": "level", "name": "液位", "quantity": "level", "address": "VD1000", "type": "float32",
                      "alarm": {"range": [0, 5], "rangeTolerance": 0.2, "rangeDelay": 30, "rangeDeadband": 0.1}},
                     {"key": "p", "name": "压力", "quantity": "pressure", "address": "VD1004", "type": "float32",
                      "alarm": {"range": [0, 1.6]}}]}],
          "stations": [{"id": "s", "name": "站", "location": {"lat": 1, "lon": 2},
            "devices": [{"id": "d", "template": "t", "endpoint": "10.0.0.1:502"}],
            "tags": [{"key": "level", "alarm": {"rangeTolerance": null, "rangeDelay": 5}}]}]})";
        const ProjectLoad load = ProjectReader::read(json, QStringLiteral("x.json"));
        QVERIFY(load.diagnostics.empty());
        const Project& p = *load.project;
        const AlarmLimits& level = p.tag(0).alarm;
        QCOMPARE(level.rangeToleranceSet, std::nullopt); // null: back to the default
        QCOMPARE(level.rangeTolerance(), 0.1);           // 2 % of the 5 m span
        QCOMPARE(level.rangeDelayS(), 5.0);
        QCOMPARE(level.rangeDeadband(), 0.1); // the template's
        const AlarmLimits& pressure = p.tag(1).alarm;
        QCOMPARE(pressure.rangeTolerance(), 0.032);
        QCOMPARE(pressure.rangeDelayS(), 10.0);
        QCOMPARE(pressure.rangeDeadband(), 0.016);

        const QByteArray written = ProjectWriter::write(p);
        QVERIFY(written.contains(
            R"("alarm": {"range": [0, 5], "rangeTolerance": 0.2, "rangeDelay": 30, "rangeDeadband": 0.1}})"));
        QVERIFY(written.contains(
            R"({"key": "level", "alarm": {"rangeTolerance": null, "rangeDelay": 5}})"));
        const ProjectLoad again = ProjectReader::read(written, QStringLiteral("again.json"));
        QVERIFY(again.project);
        QVERIFY(*again.project == p);
        QCOMPARE(ProjectWriter::write(*again.project), written);
    }

    void editedAlarmSettingsKeepTheTemplateShared()
    {
        Project p = demo();
        const QByteArray original = ProjectWriter::write(p);
        const TagId tag = p.findTag(u"S0002/low/outlet_pressure");
        const TagId other = p.findTag(u"S0003/low/outlet_pressure");
        QVERIFY(tag != InvalidTagId && other != InvalidTagId);
        const AlarmLimits templateAlarm = p.tag(tag).alarm;
        const AlarmLimits otherAlarm = p.tag(other).alarm;
        QStringList paths;
        for (TagId t = 0; t < p.tagCount(); ++t)
            paths << p.tagPath(t);

        AlarmLimits edited = templateAlarm;
        QVERIFY(templateAlarm.highHigh && templateAlarm.high);
        edited.high = *templateAlarm.high + 0.01;
        edited.periods = {{360, 540, 0x1f, edited}};
        edited.periods.back().limits.high = *templateAlarm.highHigh;
        setTagAlarm(p, tag, edited);
        QCOMPARE(p.tag(tag).alarm, edited);
        QCOMPARE(p.tag(other).alarm, otherAlarm); // the other stations keep theirs
        QStringList after;
        for (TagId t = 0; t < p.tagCount(); ++t)
            after << p.tagPath(t);
        QCOMPARE(after, paths); // ids do not move: a running engine can take the edit by id

        const QByteArray written = ProjectWriter::write(p);
        QVERIFY(
            written.contains(R"("periods": [{"from": "06:00", "to": "09:00", "days": "mon-fri")"));
        const ProjectLoad again = ProjectReader::read(written, QStringLiteral("again.json"));
        QVERIFY2(again.diagnostics.empty(), qPrintable(toStrings(again.diagnostics).join(u'\n')));
        QVERIFY(*again.project == p);

        // Editing it again changes the override; going back to what it was drops it.
        edited.enabled = false;
        setTagAlarm(p, tag, edited);
        QVERIFY(!p.tag(tag).alarm.enabled);
        setTagAlarm(p, tag, templateAlarm);
        QCOMPARE(ProjectWriter::write(p), original);
    }

    void savingEditedAlarmsChecksThemFirst()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.json"));
        QString error;
        QVERIFY(ProjectWriter::writeFile(demo(), path, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        const Project p = demo();
        const QString tagPath = QStringLiteral("S0002/low/outlet_pressure");
        AlarmLimits bad = p.tag(p.findTag(tagPath)).alarm;
        bad.low = 9.0; // above H and HH
        QStringList errors;
        QVERIFY(!ProjectEdit::saveTagAlarms(
            path, path,
            std::vector<TagAlarmEdit>{{tagPath, bad}, {QStringLiteral("S9999/low/x"), bad}},
            &errors));
        QCOMPARE(errors.size(), 2);
        QVERIFY2(errors[0].startsWith(p.stations[1].displayName() + u' ') &&
                     errors[0].contains(u"limits out of order: L 9 > H"),
                 qPrintable(errors[0]));
        QVERIFY2(errors[1].contains(u"S9999/low/x is no longer in the project"),
                 qPrintable(errors[1]));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before); // nothing written
        file.close();

        AlarmLimits good = p.tag(p.findTag(tagPath)).alarm;
        good.ratePerMinute = 0.05;
        const QString copy = dir.filePath(QStringLiteral("copy.json"));
        QVERIFY(ProjectEdit::saveTagAlarms(path, copy, std::vector<TagAlarmEdit>{{tagPath, good}},
                                           &errors));
        const ProjectLoad saved = ProjectReader::readFile(copy);
        QVERIFY(saved.project);
        QCOMPARE(saved.project->tag(saved.project->findTag(tagPath)).alarm, good);
    }

    void editedAlarmOfAnExtraTag()
    {
        const QByteArray json = R"({"format": "pumpwatch-project", "version": 1, "name": "x",
          "stations": [{"id": "s", "name": "站", "location": {"lat": 1, "lon": 2},
            "devices": [{"id": "a", "endpoint": "10.0.0.1:502"}, {"id": "b", "endpoint": "10.0.0.2:502"}],
            "tags": [{"key": "p", "device": "a", "name": "压力", "quantity": "pressure", "address": "HR0", "type": "float32"},
                     {"key": "p", "device": "b", "name": "压力", "quantity": "pressure", "address": "HR0", "type": "float32"},
                     {"key": "q", "device": "b", "name": "流量", "quantity": "flow", "address": "HR2", "type": "float32"}]}]})";
        ProjectLoad load = ProjectReader::read(json, QStringLiteral("x.json"));
        QVERIFY2(load.diagnostics.empty(), qPrintable(toStrings(load.diagnostics).join(u'\n')));
        Project& p = *load.project;
        const TagId q = p.findTag(u"s/b/q");
        AlarmLimits a;
        a.high = 30;
        setTagAlarm(p, q, a);
        QCOMPARE(p.tag(q).alarm.high, 30.0);
        QVERIFY(!p.tag(p.findTag(u"s/b/p")).alarm.hasLimits());
        QVERIFY(!p.tag(p.findTag(u"s/a/p")).alarm.hasLimits());
    }

    void rebasedKeepsWhatTheStationSet()
    {
        DeviceSettings oldBase;
        oldBase.holdStart = 1000;
        oldBase.addressing = AddressingMode::S7V;
        DeviceSettings current = oldBase;
        current.endpoint = QStringLiteral("10.0.0.1:502"); // the station's own
        current.pollMs = 2000;                             // the station's own
        DeviceSettings newBase = oldBase;
        newBase.holdStart = 1100;
        newBase.timeoutMs = 800;
        newBase.pollMs = 500;
        const DeviceSettings s = rebased(current, oldBase, newBase);
        QCOMPARE(s.endpoint, QStringLiteral("10.0.0.1:502"));
        QCOMPARE(s.pollMs, 2000);
        QCOMPARE(s.holdStart, 1100u);
        QCOMPARE(s.timeoutMs, 800);
        QCOMPARE(s.addressing, AddressingMode::S7V);
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("stations");
        QTest::newRow("demo size") << 60;
        QTest::newRow("benchmark city") << 2000;
    }

    void roundTrip()
    {
        QFETCH(int, stations);
        const Project generated = Sim::CityGenerator::generate({.stations = stations});
        const QByteArray first = ProjectWriter::write(generated);
        const ProjectLoad load = ProjectReader::read(first, QStringLiteral("city.json"));
        QVERIFY(load.diagnostics.empty());
        QVERIFY(*load.project == generated);
        QCOMPARE(ProjectWriter::write(*load.project), first);
    }

    void committedDemoIsWhatTheWriterWrites()
    {
        QFile file(QString::fromLatin1(DemoProjectPath));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QCOMPARE(ProjectWriter::write(*ProjectReader::read(text, QStringLiteral("demo")).project),
                 text);
    }
};

QTEST_APPLESS_MAIN(tst_Project)
#include "tst_project.moc"
