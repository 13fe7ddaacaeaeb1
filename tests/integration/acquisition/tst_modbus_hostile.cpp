// Modbus peers that answer wrongly (hostile_peer.py, python3 from the specifications): an answer
// that is not the answer to our request is never stored, each fault is named in the comm status,
// and dead or hostile units on a shared RS-485 line or TCP gateway do not starve the living ones.
//
// - pumpwatch-server against 16 TCP devices, one honest: every hostile device ends offline with
//   its cause, nothing it sent is stored as good, the honest one is exact throughout, RSS and
//   open files at the end within 10 % of those after the first minute;
// - an RTU line (a pseudo-terminal) and a TCP gateway, each with 4 honest and 6 dead or hostile
//   units (the gateway one more, answering late) polled every 1000 ms: each fault named, and
//   after demotion each honest unit keeps ≥ 90 % of its poll rate over 30 s.
#include "testpeers.h"

#include <acquisition/modbusdriver.h>
#include <core/projectreader.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace PumpWatch;
using namespace PumpWatch::Acquisition;
using PumpWatch::Test::bin;

namespace {

constexpr int Registers = 4; ///< HR0..HR3 per device, r0..r3

/// hostile_peer.py in one of its modes; its first line (JSON) says where it serves.
class HostilePeer {
public:
    ~HostilePeer()
    {
        m_process.closeWriteChannel(); // it stops when stdin closes
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }

    bool start(const QStringList& args)
    {
        m_process.setProgram(QStringLiteral("/usr/bin/python3"));
        m_process.setArguments(
            QStringList{QStringLiteral(PUMPWATCH_SOURCE_DIR
                                       "/tests/integration/acquisition/hostile_peer.py")} +
            args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10'000))
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 15'000) {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine().trimmed();
                if (line.startsWith('{'))
                    where = QJsonDocument::fromJson(line).object();
                else if (line == "ready")
                    return !where.isEmpty();
            }
            if (m_process.state() != QProcess::Running)
                return false;
            m_process.waitForReadyRead(200);
        }
        return false;
    }

    QJsonObject where;

private:
    QProcess m_process;
};

struct PeerUnit {
    QString endpoint;
    int unitId = 1;
    QString behaviour;
};

/// A project with one station per unit (S0001…), each a device "d" with r0..r3 at HR0..HR3.
QByteArray projectJson(const std::vector<PeerUnit>& units, const QString& protocol, int pollMs,
                       int timeoutMs)
{
    QJsonArray tags;
    for (int i = 0; i < Registers; ++i)
        tags.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("r%1").arg(i)},
                                {QStringLiteral("name"), QStringLiteral("寄存器%1").arg(i)},
                                {QStringLiteral("quantity"), QStringLiteral("level")},
                                {QStringLiteral("address"), QStringLiteral("HR%1").arg(i)},
                                {QStringLiteral("type"), QStringLiteral("int16")}});
    QJsonArray stations;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const QString id = QStringLiteral("S%1").arg(i + 1, 4, 10, QLatin1Char('0'));
        stations.append(
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("name"), units[i].behaviour},
                        {QStringLiteral("location"), QJsonObject{{QStringLiteral("lat"), 27.7},
                                                                 {QStringLiteral("lon"), 106.9}}},
                        {QStringLiteral("devices"),
                         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("d")},
                                                {QStringLiteral("template"), QStringLiteral("t")},
                                                {QStringLiteral("endpoint"), units[i].endpoint},
                                                {QStringLiteral("unitId"), units[i].unitId}}}}});
    }
    const QJsonObject device{{QStringLiteral("protocol"), protocol},
                             {QStringLiteral("pollMs"), pollMs},
                             {QStringLiteral("timeoutMs"), timeoutMs},
                             {QStringLiteral("retries"), 0}};
    const QJsonObject project{
        {QStringLiteral("format"), QStringLiteral("pumpwatch-project")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("hostile")},
        {QStringLiteral("timeZone"), QStringLiteral("Asia/Shanghai")},
        {QStringLiteral("templates"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("t")},
                                {QStringLiteral("name"), QStringLiteral("测试")},
                                {QStringLiteral("device"), device},
                                {QStringLiteral("tags"), tags}}}},
        {QStringLiteral("stations"), stations}};
    return QJsonDocument(project).toJson();
}

/// What an honest unit holds in register i (hostile_peer.py).
double honestValue(int unitId, int reg)
{
    return 1000 + 10 * unitId + reg;
}

/// Counts, per tag, the good samples in the measured period, and remembers any good sample that
/// is not what an honest unit holds.
class CountingSink final : public AcquisitionSink {
public:
    explicit CountingSink(const Project& project, std::vector<PeerUnit> units)
        : m_project(project)
        , m_units(std::move(units))
        , good(project.tagCount(), 0)
    {}

    void samples(std::span<const Sample> batch) override
    {
        for (const Sample& s : batch) {
            if (s.quality != Quality::Good)
                continue;
            const int station = m_project.stationIndexOfTag(s.tag);
            const PeerUnit& unit = m_units[static_cast<std::size_t>(station)];
            const int reg = static_cast<int>(s.tag - m_project.deviceOfTag(s.tag).firstTag);
            if (unit.behaviour != u"honest" || s.value != honestValue(unit.unitId, reg))
                wrong << QStringLiteral("%1 = %2 (%3)")
                             .arg(m_project.tagPath(s.tag))
                             .arg(s.value)
                             .arg(unit.behaviour);
            if (from > 0 && s.timestampMs >= from && (to == 0 || s.timestampMs < to))
                ++good[s.tag];
        }
    }

    const Project& m_project;
    std::vector<PeerUnit> m_units;
    std::vector<int> good;
    QStringList wrong;
    qint64 from = 0; ///< wall ms: the measured period, once settled
    qint64 to = 0;
};

/// The largest of five readings a second apart: a reconnect in flight is not a leak.
Test::ProcessUsage peakUsage(qint64 pid)
{
    Test::ProcessUsage peak;
    for (int i = 0; i < 5; ++i) {
        const Test::ProcessUsage u = Test::processUsage(pid);
        peak.rssKb = std::max(peak.rssKb, u.rssKb);
        peak.files = std::max(peak.files, u.files);
        QTest::qWait(1000); // spacing the readings (a measurement, not synchronisation)
    }
    return peak;
}

} // namespace

class tst_ModbusHostile : public QObject {
    Q_OBJECT

    /// Polls `units` with the driver in this process for `settle` + 30 s: each hostile unit
    /// ends offline (demoted) with `cause[behaviour]` in its comm status, each honest one is
    /// exact and keeps ≥ 90 % of its 1000 ms poll rate over the last 30 s.
    void pollSharedLink(const std::vector<PeerUnit>& units, const QString& protocol,
                        const std::map<QString, QString>& cause)
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(projectJson(units, protocol, 1000, 500));
        f.close();
        ProjectLoad load = ProjectReader::readFile(path);
        QVERIFY2(load.project, qPrintable(toStrings(load.diagnostics).join(u'\n')));
        const Project& project = *load.project;
        SystemClock clock;
        CountingSink sink(project, units);
        ModbusDriver driver(project, clock, sink);
        driver.start();

        // Settled: every hostile unit demoted (three failures in a row).
        const auto settled = [&] {
            for (int i = 0; i < driver.deviceCount(); ++i) {
                if (units[static_cast<std::size_t>(i)].behaviour != u"honest" &&
                    !driver.deviceStatus(i).demoted)
                    return false;
            }
            return true;
        };
        QVERIFY(QTest::qWaitFor(settled, 30'000));
        sink.from = clock.nowMs();
        QTest::qWait(30'000); // the measured period
        sink.to = sink.from + 30'000;
        const int expected = 30;
        for (int i = 0; i < driver.deviceCount(); ++i) {
            const PeerUnit& unit = units[static_cast<std::size_t>(i)];
            const CommStatus s = driver.deviceStatus(i);
            const QString name =
                QStringLiteral("unit %1 (%2)").arg(unit.unitId).arg(unit.behaviour);
            if (unit.behaviour == u"honest") {
                QCOMPARE(s.state, CommState::Online);
                const int reads =
                    sink.good[project.stations[static_cast<std::size_t>(i)].devices[0].firstTag];
                qInfo("%s: %d reads in 30 s", qPrintable(name), reads);
                QVERIFY2(reads >= expected * 9 / 10, qPrintable(name));
                QVERIFY2(reads <= expected + 1, qPrintable(name));
            } else {
                QVERIFY2(s.state == CommState::Offline, qPrintable(name));
                QVERIFY2(s.demoted, qPrintable(name));
                QVERIFY2(s.lastError.contains(cause.at(unit.behaviour)),
                         qPrintable(name + QStringLiteral(": ") + s.lastError));
            }
        }
        QVERIFY2(sink.wrong.isEmpty(), qPrintable(sink.wrong.join(u'\n')));
        // The living keep their line: it was never dropped for the others' sake.
        QCOMPARE(driver.stats().linkFailures, quint64{0});
        driver.stop();
    }

private Q_SLOTS:
    void serverRejectsEveryWrongAnswerOverTcp()
    {
        // What each device does, and the cause the server must name for it.
        const std::vector<std::pair<QString, QString>> cases = {
            {QStringLiteral("honest"), {}},
            {QStringLiteral("fc04"), QStringLiteral("function code 04, expected 03")},
            {QStringLiteral("pid7"), QStringLiteral("protocol id 7")},
            {QStringLiteral("extra"), QStringLiteral("byte count 18, expected 8")},
            {QStringLiteral("unit"), QStringLiteral("unit id 2, expected 1")},
            {QStringLiteral("tid"), QStringLiteral("transaction id")},
            {QStringLiteral("short"), QStringLiteral("cut short")},
            {QStringLiteral("oversize"), QStringLiteral("MBAP length 65535")},
            {QStringLiteral("garbage"), QStringLiteral("invalid answer")},
            {QStringLiteral("close"), QStringLiteral("closed by the device")},
            {QStringLiteral("drip"), QStringLiteral("incomplete answer")},
            {QStringLiteral("badcount"), QStringLiteral("byte count 255, expected 8")},
            {QStringLiteral("zerolen"), QStringLiteral("MBAP length 0")},
            {QStringLiteral("silent"), QStringLiteral("no answer within")},
            {QStringLiteral("flood"), QStringLiteral("transaction id")},
            {QStringLiteral("gateway"), QStringLiteral("exception 0B")},
        };
        QStringList behaviours;
        for (const auto& c : cases)
            behaviours << c.first;
        HostilePeer peer;
        QVERIFY(peer.start(QStringList{QStringLiteral("tcp")} + behaviours));
        const QJsonArray ports = peer.where.value(QStringLiteral("ports")).toArray();
        QCOMPARE(ports.size(), qsizetype(cases.size()));
        std::vector<PeerUnit> units;
        for (qsizetype i = 0; i < ports.size(); ++i)
            units.push_back({QStringLiteral("127.0.0.1:%1").arg(ports[i].toInt()), 1,
                             cases[static_cast<std::size_t>(i)].first});

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(projectJson(units, QStringLiteral("modbus-tcp"), 500, 1000));
        f.close();

        QProcess server;
        server.start(bin("pumpwatch-server"),
                     {QStringLiteral("--project"), path, QStringLiteral("--dump"),
                      QStringLiteral("--stats"), QStringLiteral("20")});
        QVERIFY(server.waitForStarted());
        const qint64 pid = server.processId();
        // Every line of the dump: honest values exact, nothing good from the others.
        QByteArray pending;
        QStringList wrong;
        int honestReads = 0;
        const auto readDump = [&] {
            pending += server.readAllStandardOutput();
            qsizetype nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QStringList field = QString::fromUtf8(pending.left(nl)).split(u',');
                pending.remove(0, nl + 1);
                if (field.size() != 6 || field[5] != u"good")
                    continue;
                const int station = field[1].mid(1).toInt() - 1;
                const int reg = field[3].mid(1).toInt();
                const double value = field[4].toDouble();
                if (station < 0 || station >= static_cast<int>(units.size()) ||
                    units[static_cast<std::size_t>(station)].behaviour != u"honest" ||
                    value != honestValue(1, reg))
                    wrong << field.join(u',');
                else if (reg == 0)
                    ++honestReads;
            }
        };
        QElapsedTimer clock;
        clock.start();
        QVERIFY(QTest::qWaitFor(
            [&] {
                readDump();
                return clock.elapsed() >= 55'000;
            },
            70'000));
        const Test::ProcessUsage firstMinute = peakUsage(pid);
        QVERIFY(QTest::qWaitFor(
            [&] {
                readDump();
                return clock.elapsed() >= 85'000;
            },
            40'000));
        const Test::ProcessUsage end = peakUsage(pid);
        readDump();
        const qint64 seconds = clock.elapsed() / 1000;
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        QVERIFY(server.waitForFinished(30'000)); // a loaded CI machine may take its time
        readDump();
        QCOMPARE(server.exitCode(), 0);
        const QString log = QString::fromUtf8(server.readAllStandardError());

        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.mid(0, 20).join(u'\n')));
        qInfo("honest device: %d reads of r0 in %lld s at 500 ms", honestReads,
              static_cast<long long>(seconds));
        QVERIFY(honestReads >= seconds * 2 * 9 / 10);
        // The last comm status of each hostile device names its fault.
        for (std::size_t i = 1; i < units.size(); ++i) {
            const QString device =
                QStringLiteral("S%1/d offline: ").arg(i + 1, 4, 10, QLatin1Char('0'));
            const qsizetype at = log.lastIndexOf(device);
            QVERIFY2(at >= 0, qPrintable(units[i].behaviour +
                                         QStringLiteral(" never went offline\n") + log));
            const QString line = log.mid(at, log.indexOf(u'\n', at) - at);
            QVERIFY2(line.contains(cases[i].second),
                     qPrintable(units[i].behaviour + QStringLiteral(": ") + line));
        }
        QVERIFY2(!log.contains(u"S0001/d offline"), qPrintable(log));
        // --stats counts them.
        static const QRegularExpression invalid(QStringLiteral("(\\d+) invalid answers"));
        const QRegularExpressionMatch m = invalid.match(log, log.lastIndexOf(u"acquisition:"));
        QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 10, qPrintable(log.right(2000)));

        qInfo("server after the first minute: %lld kB, %lld files; at the end: %lld kB, %lld "
              "files",
              static_cast<long long>(firstMinute.rssKb), static_cast<long long>(firstMinute.files),
              static_cast<long long>(end.rssKb), static_cast<long long>(end.files));
        QVERIFY(end.rssKb <= firstMinute.rssKb * 11 / 10);
        QVERIFY(end.files <= firstMinute.files * 11 / 10 + 1);
    }

    void rtuLineKeepsItsHonestSlaves()
    {
        // Slaves 1..4 honest; 5..10 each wrong in its own way.
        const QStringList table = {QStringLiteral("1=honest"), QStringLiteral("2=honest"),
                                   QStringLiteral("3=honest"), QStringLiteral("4=honest"),
                                   QStringLiteral("5=unit"),   QStringLiteral("6=crc"),
                                   QStringLiteral("7=short"),  QStringLiteral("8=extra"),
                                   QStringLiteral("9=silent"), QStringLiteral("10=trailing")};
        HostilePeer peer;
        QVERIFY(peer.start(QStringList{QStringLiteral("rtu")} + table));
        const QString tty = peer.where.value(QStringLiteral("tty")).toString();
        QVERIFY(!tty.isEmpty());
        std::vector<PeerUnit> units;
        for (const QString& t : table)
            units.push_back({tty, t.section(u'=', 0, 0).toInt(), t.section(u'=', 1)});
        pollSharedLink(
            units, QStringLiteral("modbus-rtu"),
            {{QStringLiteral("unit"), QStringLiteral("unit id 6, expected 5")},
             {QStringLiteral("crc"), QStringLiteral("CRC error")},
             {QStringLiteral("short"), QStringLiteral("cut short")},
             {QStringLiteral("extra"), QStringLiteral("byte count 18, expected 8")},
             {QStringLiteral("silent"), QStringLiteral("no answer within")},
             {QStringLiteral("trailing"), QStringLiteral("bytes where the answer has")}});
    }

    void tcpGatewayKeepsItsHonestUnits()
    {
        const QStringList table = {
            QStringLiteral("1=honest"),  QStringLiteral("2=honest"), QStringLiteral("3=honest"),
            QStringLiteral("4=honest"),  QStringLiteral("5=silent"), QStringLiteral("6=silent"),
            QStringLiteral("7=gateway"), QStringLiteral("8=unit"),   QStringLiteral("9=extra"),
            QStringLiteral("10=fc04"),   QStringLiteral("11=late")};
        HostilePeer peer;
        QVERIFY(peer.start(QStringList{QStringLiteral("gateway")} + table));
        // By name: the driver looks host names up (off its thread) before it connects.
        const QString endpoint =
            QStringLiteral("localhost:%1").arg(peer.where.value(QStringLiteral("port")).toInt());
        std::vector<PeerUnit> units;
        for (const QString& t : table)
            units.push_back({endpoint, t.section(u'=', 0, 0).toInt(), t.section(u'=', 1)});
        pollSharedLink(units, QStringLiteral("modbus-tcp"),
                       {{QStringLiteral("silent"), QStringLiteral("no answer within")},
                        {QStringLiteral("gateway"), QStringLiteral("exception 0B")},
                        {QStringLiteral("unit"), QStringLiteral("unit id 9, expected 8")},
                        {QStringLiteral("extra"), QStringLiteral("byte count 18, expected 8")},
                        {QStringLiteral("fc04"), QStringLiteral("function code 04, expected 03")},
                        // Its answers come after the timeout, often while the connection is
                        // idle: dropped as late, never taken for another request nor a reason
                        // to drop the connection (the honest units' rate shows it).
                        {QStringLiteral("late"), QStringLiteral("no answer within")}});
    }
};

QTEST_GUILESS_MAIN(tst_ModbusHostile)
#include "tst_modbus_hostile.moc"
