// Gateways end to end: the simulated city (two Modbus stations, two Sparkplug B edge nodes, two
// Neuron gateways) against the whole pipeline — acquisition, realtime store, alarms, history in
// SQLite, control — through a real mosquitto started here. Gateway stations must look exactly
// like Modbus ones (list, history, alarms, control), a 20 s broker outage must lose no sample and
// raise no alarm for old values, and the Sparkplug host must keep its session rules.
#include "../../common/mosquittobroker.h"
#include "scriptedgateway.h"

#include <sim/citygenerator.h>
#include <sim/gateways.h>
#include <sim/localcity.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <runtime/pipeline.h>

using namespace PumpWatch;
using namespace PumpWatch::Test;
using Acquisition::CommState;

namespace {

const QStringList Modbus = {QStringLiteral("S0001"), QStringLiteral("S0002")};
const QStringList Sparkplug = {QStringLiteral("S0003"), QStringLiteral("S0004")};
const QStringList Neuron = {QStringLiteral("S0005"), QStringLiteral("S0006")};

} // namespace

class TestGatewayPipeline : public QObject {
    Q_OBJECT

private:
    SystemClock m_clock;
    QTemporaryDir m_dir;
    std::unique_ptr<MosquittoBroker> m_broker;
    Project m_project;
    std::unique_ptr<Sim::LocalCity> m_city;
    std::unique_ptr<Runtime::Pipeline> m_pipeline;
    QSqlDatabase m_db;

    int station(const QString& id) const { return m_project.stationIndex(id); }
    CommState stationState(const QString& id) const
    {
        return m_pipeline->acquisition()
            .stationStatuses()[static_cast<std::size_t>(station(id))]
            .state;
    }
    TagId tag(const QString& stationId, const QString& key) const
    {
        const Station& s = m_project.stations[static_cast<std::size_t>(station(stationId))];
        return m_project.findTag(s.id, s.devices.front().id, key);
    }
    QString command(const QString& line) { return m_city->command(line); }
    Sim::GatewayDeviceStats simStats(const QString& stationId) const
    {
        for (const Sim::GatewayDeviceStats& s : m_city->gateways()->stats()) {
            if (s.name.startsWith(stationId + u'/'))
                return s;
        }
        return {};
    }
    /// An active alarm of `type` (on `t`); with `orEnded`, any record not yet acknowledged.
    bool live(Alarms::AlarmType type, TagId t = InvalidTagId, bool orEnded = false) const
    {
        const auto records = m_pipeline->alarms().liveRecords();
        return std::any_of(records.begin(), records.end(), [&](const Alarms::AlarmRecord& r) {
            return r.type == type && (t == InvalidTagId || r.tag == t) && (orEnded || r.isActive());
        });
    }
    QString detailOf(Alarms::AlarmType type) const
    {
        for (const Alarms::AlarmRecord& r : m_pipeline->alarms().liveRecords()) {
            if (r.type == type)
                return r.detail;
        }
        return {};
    }
    /// Sample timestamps of a tag stored in history within [from, to].
    std::vector<qint64> stored(TagId t, qint64 from, qint64 to)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT s.ts FROM samples s JOIN series r ON r.id = s.series "
                                 "WHERE r.path = ? AND s.ts BETWEEN ? AND ? ORDER BY s.ts"));
        q.addBindValue(m_project.tagPath(t));
        q.addBindValue(from);
        q.addBindValue(to);
        std::vector<qint64> ts;
        if (!q.exec())
            qWarning() << q.lastError().text();
        while (q.next())
            ts.push_back(q.value(0).toLongLong());
        return ts;
    }
    std::vector<TagId> gatewayTags() const
    {
        std::vector<TagId> tags;
        for (const QString& id : Sparkplug + Neuron) {
            const Station& s = m_project.stations[static_cast<std::size_t>(station(id))];
            for (quint32 i = 0; i < s.tagCount; ++i)
                tags.push_back(s.firstTag + i);
        }
        return tags;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // As a control room should run it for Neuron (docs/project-format.md § Brokers): the
        // host's persistent session and what is queued for it survive a broker crash, QoS 0
        // uploads (Neuron's default) included.
        m_broker = std::make_unique<MosquittoBroker>(
            QStringLiteral("persistence true\npersistence_location %1/\nautosave_interval 1\n"
                           "queue_qos0_messages true\n")
                .arg(m_dir.path()));
        QVERIFY2(m_broker->isRunning(), qPrintable(m_broker->errorString()));
        Sim::CityOptions o;
        o.stations = 6;
        o.sparkplugStations = 2;
        o.neuronStations = 2;
        o.broker = QStringLiteral("127.0.0.1:%1").arg(m_broker->port());
        m_project = Sim::CityGenerator::generate(o);
        QCOMPARE(m_project.brokers.size(), 1u);
        m_project.brokers[0].reorderTimeoutMs = 1500;
        m_project.brokers[0].liveWindowS = 3;
        QString error;
        QVERIFY2(Sim::LocalCity::assignFreePorts(m_project, &error), qPrintable(error));
        m_city = std::make_unique<Sim::LocalCity>(m_project, m_clock.nowMs());
        QVERIFY2(m_city->start(&error), qPrintable(error));
        QVERIFY(m_city->gateways());
        History::HistoryOptions history;
        history.database = *History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("h.sqlite")), &error);
        history.spoolDirectory = m_dir.path();
        m_pipeline = std::make_unique<Runtime::Pipeline>(
            m_project, m_clock, Runtime::PipelineOptions{history, nullptr, {}, {}});
        m_pipeline->start();
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("read"));
        m_db.setDatabaseName(m_dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(m_db.open());
    }

    void cleanupTestCase()
    {
        m_db.close();
        m_db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("read"));
        m_pipeline.reset();
        m_city.reset();
        m_broker.reset();
    }

    /// Every station online and every tag good, whatever brings it; history and alarms alike.
    void gatewayStationsLikeModbus()
    {
        for (const QString& id : Modbus + Sparkplug + Neuron)
            QTRY_COMPARE_WITH_TIMEOUT(stationState(id), CommState::Online, 15'000);
        for (const QString& id : Modbus + Sparkplug + Neuron) {
            const Station& s = m_project.stations[static_cast<std::size_t>(station(id))];
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (quint32 i = 0; i < s.tagCount; ++i) {
                        if (m_pipeline->store().value(s.firstTag + i).quality != Quality::Good)
                            return false;
                    }
                    return true;
                }(),
                10'000);
        }
        // The same model behind every protocol: a gateway's values are the PLC's.
        for (const QString& id : Sparkplug + Neuron) {
            const TagId pressure = tag(id, QStringLiteral("outlet_pressure"));
            const double shown = command(QStringLiteral("get %1").arg(m_project.tagPath(pressure)))
                                     .mid(3)
                                     .toDouble();
            QVERIFY2(std::abs(m_pipeline->store().value(pressure).value - shown) < 0.05,
                     qPrintable(id));
        }
        // History has them.
        QTRY_VERIFY_WITH_TIMEOUT(
            !stored(tag(QStringLiteral("S0004"), QStringLiteral("outlet_flow")), 0, m_clock.nowMs())
                 .empty(),
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !stored(tag(QStringLiteral("S0006"), QStringLiteral("outlet_flow")), 0, m_clock.nowMs())
                 .empty(),
            5000);
        // A pump fault raises the same alarm at a Modbus, a Sparkplug and a Neuron station.
        for (const QString& id : {Modbus[0], Sparkplug[0], Neuron[0]})
            QVERIFY(command(QStringLiteral("pumpfault %1 1 on").arg(id)).startsWith(u"ok"));
        for (const QString& id : {Modbus[0], Sparkplug[0], Neuron[0]})
            QTRY_VERIFY_WITH_TIMEOUT(
                live(Alarms::AlarmType::EquipmentFault, tag(id, QStringLiteral("pump1_fault"))),
                10'000);
        for (const QString& id : {Modbus[0], Sparkplug[0], Neuron[0]})
            QVERIFY(command(QStringLiteral("pumpfault %1 1 off").arg(id)).startsWith(u"ok"));
    }

    /// A pump started and stopped through each protocol: select → operate → the command read
    /// back from the gateway → the running bit as feedback.
    void controlThroughEachProtocol()
    {
        using namespace Control;
        const Operator zhangsan{QStringLiteral("zhangsan"), QStringLiteral("张三"), Role::Operator,
                                QStringLiteral("WS-TEST")};
        for (const QString& id : {Sparkplug[1], Neuron[1]}) {
            const int s = station(id);
            const Device& d = m_project.stations[static_cast<std::size_t>(s)].devices.front();
            const int pumps = d.equipment.pumps > 0 ? d.equipment.pumps : 3;
            int standby = 0;
            for (int i = pumps; i >= 1 && standby == 0; --i) {
                if (m_pipeline->store()
                        .value(tag(id, QStringLiteral("pump%1_running").arg(i)))
                        .value == 0)
                    standby = i;
            }
            QVERIFY2(standby > 0, qPrintable(id));
            const ControlAddress pump{s, 0, QStringLiteral("pump[%1]").arg(standby)};
            const TagId running = tag(id, QStringLiteral("pump%1_running").arg(standby));
            QVERIFY(m_pipeline->control().select(zhangsan, pump, 1).ok());
            QVERIFY(m_pipeline->control().operate(zhangsan, pump).ok());
            QTRY_COMPARE_WITH_TIMEOUT(m_pipeline->control().state(pump).step, Step::Done, 20'000);
            QCOMPARE(m_pipeline->store().value(running).value, 1.0);
            QVERIFY(m_pipeline->control().select(zhangsan, pump, 0).ok());
            QVERIFY(m_pipeline->control().operate(zhangsan, pump).ok());
            QTRY_COMPARE_WITH_TIMEOUT(m_pipeline->control().state(pump).step, Step::Done, 20'000);
            QCOMPARE(m_pipeline->store().value(running).value, 0.0);
            QVERIFY(command(QStringLiteral("auto %1").arg(id)).startsWith(u"ok"));
        }
    }

    /// The broker killed for 20 s: the gateway stations go offline with the broker named and one
    /// system alarm; the gateways cache and replay; history gets every second of every tag; a
    /// fault during the outage is in history and raised no alarm.
    void brokerOutageLosesNoSample()
    {
        const qint64 killed = m_clock.nowMs();
        m_broker->kill();
        for (const QString& id : Sparkplug + Neuron)
            QTRY_COMPARE_WITH_TIMEOUT(stationState(id), CommState::Offline, 10'000);
        for (const QString& id : Modbus)
            QCOMPARE(stationState(id), CommState::Online);
        QTRY_VERIFY_WITH_TIMEOUT(live(Alarms::AlarmType::Broker), 5000);
        QVERIFY2(detailOf(Alarms::AlarmType::Broker).contains(u"127.0.0.1"),
                 qPrintable(detailOf(Alarms::AlarmType::Broker)));
        QTest::qWait(2000);
        const qint64 faultFrom = m_clock.nowMs();
        for (const QString& id : {Sparkplug[1], Neuron[1]})
            QVERIFY(command(QStringLiteral("pumpfault %1 2 on").arg(id)).startsWith(u"ok"));
        QTest::qWait(4000);
        for (const QString& id : {Sparkplug[1], Neuron[1]})
            QVERIFY(command(QStringLiteral("pumpfault %1 2 off").arg(id)).startsWith(u"ok"));
        const qint64 faultTo = m_clock.nowMs();
        QTest::qWait(int(std::max<qint64>(0, killed + 20'000 - m_clock.nowMs())));
        QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
        const qint64 restarted = m_clock.nowMs();
        for (const QString& id : Sparkplug + Neuron)
            QTRY_COMPARE_WITH_TIMEOUT(stationState(id), CommState::Online, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(!live(Alarms::AlarmType::Broker), 5000);
        // Every cached message replayed.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QString& id : Sparkplug + Neuron) {
                    const Sim::GatewayDeviceStats s = simStats(id);
                    if (s.cached == 0 || s.replayed != s.cached)
                        return false;
                }
                return true;
            }(),
            20'000);
        QTest::qWait(3000); // history's batch and the rollups' recomputation

        // Counted per tag: one sample per poll for the whole outage, none missing.
        const qint64 from = killed + 1000;
        const qint64 to = restarted - 4000; // beyond: the live window, stored as changes
        const qint64 expected = (to - from) / 1000;
        int tags = 0;
        for (const TagId t : gatewayTags()) {
            const std::vector<qint64> ts = stored(t, from, to);
            QVERIFY2(qint64(ts.size()) >= expected - 1,
                     qPrintable(QStringLiteral("%1: %2 samples in %3 s")
                                    .arg(m_project.tagPath(t))
                                    .arg(ts.size())
                                    .arg((to - from) / 1000)));
            for (std::size_t i = 1; i < ts.size(); ++i)
                QVERIFY2(ts[i] - ts[i - 1] <= 1500, qPrintable(QStringLiteral("%1: a gap of %2 ms")
                                                                   .arg(m_project.tagPath(t))
                                                                   .arg(ts[i] - ts[i - 1])));
            ++tags;
        }
        QVERIFY(tags > 100);
        QVERIFY(m_pipeline->acquisition().mqttStats().historical > quint64(tags) * 10);

        // The fault is history, and no alarm: old values never reach alarms.
        for (const QString& id : {Sparkplug[1], Neuron[1]}) {
            const TagId fault = tag(id, QStringLiteral("pump2_fault"));
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral(
                "SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series WHERE r.path = ? "
                "AND s.ts BETWEEN ? AND ? AND s.value = 1"));
            q.addBindValue(m_project.tagPath(fault));
            q.addBindValue(faultFrom);
            q.addBindValue(faultTo + 1000);
            QVERIFY(q.exec() && q.next());
            QVERIFY2(q.value(0).toInt() >= 3, qPrintable(id));
            QVERIFY(!live(Alarms::AlarmType::EquipmentFault, fault, true));
            QSqlQuery j(m_db);
            j.prepare(QStringLiteral("SELECT COUNT(*) FROM alarm_journal WHERE tag = ? AND "
                                     "alarm_type = 'equipment_fault'"));
            j.addBindValue(m_project.tagPath(fault));
            QVERIFY(j.exec() && j.next());
            QCOMPARE(j.value(0).toInt(), 0);
        }
    }

    /// tck-id-operational-behavior-host-reordering-rebirth with the simulator's edge node.
    void seqGapAsksForRebirth()
    {
        const quint64 before = m_pipeline->acquisition().mqttStats().rebirths;
        const quint64 simBefore = simStats(Sparkplug[0]).rebirths;
        QVERIFY(command(QStringLiteral("gateway %1 skip-seq").arg(Sparkplug[0])).startsWith(u"ok"));
        QTRY_VERIFY_WITH_TIMEOUT(m_pipeline->acquisition().mqttStats().rebirths > before, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(simStats(Sparkplug[0]).rebirths > simBefore, 5000);
        QCOMPARE(stationState(Sparkplug[0]), CommState::Online);
    }

    /// tck-id-payloads-ndeath-bdseq: a death certificate of an earlier session is ignored; the
    /// real one (the broker sends the Will when the node drops) takes the station offline.
    void staleNdeathIgnored()
    {
        const quint64 bdSeq = simStats(Sparkplug[0]).bdSeq;
        ScriptedGateway intruder(m_broker->port(), QStringLiteral("late-will"));
        QVERIFY(intruder.open({}));
        const quint64 ignoredBefore = m_pipeline->acquisition().mqttStats().staleDeaths;
        intruder.publish(
            QByteArrayLiteral("spBv1.0/zunyi/NDEATH/") + Sparkplug[0].toUtf8(),
            ScriptedGateway::payload(
                {}, {ScriptedGateway::metric(QStringLiteral("bdSeq"), {}, Spb::DataType::Int64,
                                             double(bdSeq == 0 ? 255 : bdSeq - 1))}),
            1);
        QTRY_VERIFY_WITH_TIMEOUT(m_pipeline->acquisition().mqttStats().staleDeaths > ignoredBefore,
                                 5000);
        QCOMPARE(stationState(Sparkplug[0]), CommState::Online);
        QVERIFY(command(QStringLiteral("gateway %1 off").arg(Sparkplug[0])).startsWith(u"ok"));
        QTRY_COMPARE_WITH_TIMEOUT(stationState(Sparkplug[0]), CommState::Offline, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(live(Alarms::AlarmType::CommFailure), 5000);
        QVERIFY(command(QStringLiteral("gateway %1 on").arg(Sparkplug[0])).startsWith(u"ok"));
        QTRY_COMPARE_WITH_TIMEOUT(stationState(Sparkplug[0]), CommState::Online, 10'000);
    }

    /// A malformed message from each kind of gateway is counted; nothing else happens.
    void malformedPayloadsCounted()
    {
        const quint64 before = m_pipeline->acquisition().mqttStats().badPayloads;
        QVERIFY(command(QStringLiteral("gateway %1 malformed").arg(Neuron[0])).startsWith(u"ok"));
        QVERIFY(
            command(QStringLiteral("gateway %1 malformed").arg(Sparkplug[1])).startsWith(u"ok"));
        QTRY_VERIFY_WITH_TIMEOUT(m_pipeline->acquisition().mqttStats().badPayloads >= before + 2,
                                 5000);
        QTest::qWait(2000);
        for (const QString& id : Sparkplug + Neuron)
            QCOMPARE(stationState(id), CommState::Online);
    }
};

QTEST_GUILESS_MAIN(TestGatewayPipeline)
#include "tst_pipeline.moc"
