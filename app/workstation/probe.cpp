#include "probe.h"

#include <core/clock.h>
#include <core/projectreader.h>
#include <core/shutdownsignals.h>
#include <core/translator.h>
#include <core/users.h>

#include <QCborArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSocketNotifier>

#include <algorithm>
#include <cstdio>
#include <remote/linkoptions.h>
#include <remote/remotesource.h>
#include <unistd.h>

namespace PumpWatch::Workstation {

namespace {

class Probe : public QObject {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Workstation::Probe)

public:
    Probe(const Project& project, Remote::RemoteOptions options, QString login, QString name,
          Role role)
        : m_project(project)
        , m_store(project.tagCount())
        , m_source(project, m_store, std::move(options), m_clock)
        , m_login(std::move(login))
        , m_name(std::move(name))
        , m_role(role)
        , m_stdin(STDIN_FILENO, QSocketNotifier::Read)
    {
        connect(&m_source, &Remote::RemoteSource::linkChanged, this,
                [this](bool up, const QString& reason) {
                    emitEvent({{QStringLiteral("ev"), QStringLiteral("link")},
                               {QStringLiteral("up"), up},
                               {QStringLiteral("reason"), reason}});
                    checkComplete();
                });
        connect(&m_source, &Remote::RemoteSource::serverChanged, this,
                [this](const QString& shard, const Remote::ServerState& s) {
                    emitEvent({{QStringLiteral("ev"), QStringLiteral("server")},
                               {QStringLiteral("shard"), shard},
                               {QStringLiteral("id"), s.serverId},
                               {QStringLiteral("epoch"), qint64(s.epoch)},
                               {QStringLiteral("online"), s.online},
                               {QStringLiteral("database"), s.database}});
                    checkComplete();
                });
        connect(&m_source, &Remote::RemoteSource::syncChanged, this, [this] { checkComplete(); });
        connect(&m_source, &Remote::RemoteSource::alarmsChanged, this, [this] { diffAlarms(); });
        connect(&m_source, &Remote::RemoteSource::controlsChanged, this,
                [this](int station, const auto& states) {
                    for (const auto& [a, st] : states)
                        emitEvent({{QStringLiteral("ev"), QStringLiteral("control")},
                                   {QStringLiteral("station"),
                                    m_project.stations[std::size_t(station)].id},
                                   {QStringLiteral("object"), a.object},
                                   {QStringLiteral("step"), int(st.step)},
                                   {QStringLiteral("holder"), st.holder.name},
                                   {QStringLiteral("workstation"), st.holder.workstation}});
                });
        connect(&m_source, &Remote::RemoteSource::responded, this,
                [this](const Remote::Response& r) {
                    emitEvent({{QStringLiteral("ev"), QStringLiteral("response")},
                               {QStringLiteral("req"), r.id},
                               {QStringLiteral("ok"), r.ok},
                               {QStringLiteral("code"), r.code},
                               {QStringLiteral("message"), r.message},
                               {QStringLiteral("server"), r.serverId},
                               {QStringLiteral("epoch"), qint64(r.epoch)}});
                });
        connect(&m_stdin, &QSocketNotifier::activated, this, &Probe::readInput);
        m_source.setLatencyProbe([this](qint64 ms) { m_latencies.push_back(double(ms)); });
    }

    bool start() { return m_source.start(); }
    void stop() { m_source.stop(); }

private:
    void emitEvent(QJsonObject o)
    {
        o.insert(QStringLiteral("ms"), m_clock.nowMs());
        const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
        std::fflush(stdout);
    }

    void checkComplete()
    {
        const bool complete = m_source.complete();
        if (complete == m_complete)
            return;
        m_complete = complete;
        emitEvent({{QStringLiteral("ev"),
                    complete ? QStringLiteral("complete") : QStringLiteral("incomplete")},
                   {QStringLiteral("stations"), m_source.stationsInSync()}});
    }

    void diffAlarms()
    {
        QSet<QString> live, acked;
        for (const Alarms::AlarmRecord& r : m_source.liveRecords()) {
            const QString id = Remote::alarmId(r);
            live.insert(id);
            if (!m_live.contains(id))
                emitEvent({{QStringLiteral("ev"), QStringLiteral("raised")},
                           {QStringLiteral("alarm"), id}});
            if (r.isAcknowledged()) {
                acked.insert(id);
                if (!m_acked.contains(id))
                    emitEvent({{QStringLiteral("ev"), QStringLiteral("acked")},
                               {QStringLiteral("alarm"), id},
                               {QStringLiteral("by"), r.ackUser}});
            }
        }
        m_live = live;
        m_acked = acked;
    }

    void readInput()
    {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            m_stdin.setEnabled(false);
            QCoreApplication::quit(); // stdin closed: the test is done with us
            return;
        }
        m_input.append(buffer, n);
        for (qsizetype eol = m_input.indexOf('\n'); eol >= 0; eol = m_input.indexOf('\n')) {
            const QString line = QString::fromUtf8(m_input.left(eol)).trimmed();
            m_input.remove(0, eol + 1);
            if (!line.isEmpty())
                command(line);
        }
    }

    void send(const QString& kind, int station, QCborMap args, const QString& ref)
    {
        const QString id =
            m_source.send(kind, station, std::move(args), m_login, m_name, quint8(m_role));
        emitEvent({{QStringLiteral("ev"), QStringLiteral("sent")},
                   {QStringLiteral("req"), id},
                   {QStringLiteral("kind"), kind},
                   {QStringLiteral("ref"), ref}});
    }

    void command(const QString& line)
    {
        const QStringList w = line.split(u' ', Qt::SkipEmptyParts);
        const QString& c = w.first();
        const int station = w.size() > 1 ? m_project.stationIndex(w[1]) : -1;
        if (c == QLatin1String("quit")) {
            QCoreApplication::quit();
        } else if (c == QLatin1String("alarms")) {
            QJsonArray list;
            for (const Alarms::AlarmRecord& r : m_source.liveRecords())
                list.append(QJsonObject{{QStringLiteral("alarm"), Remote::alarmId(r)},
                                        {QStringLiteral("station"), r.station},
                                        {QStringLiteral("active"), r.isActive()},
                                        {QStringLiteral("acked"), r.isAcknowledged()},
                                        {QStringLiteral("shelved"), r.shelved},
                                        {QStringLiteral("by"), r.ackUser}});
            emitEvent(
                {{QStringLiteral("ev"), QStringLiteral("alarms")}, {QStringLiteral("list"), list}});
        } else if (c == QLatin1String("ack") && w.size() >= 2) {
            const QString alarm = w[1];
            const int s = alarm.section(u'/', 1, 1).toInt();
            send(QStringLiteral("ack"), s,
                 {{QStringLiteral("alarm"), alarm}, {QStringLiteral("note"), w.mid(2).join(u' ')}},
                 alarm);
        } else if (c == QLatin1String("shelve") && w.size() >= 3) {
            const TagId tag = m_project.findTag(w[1]);
            send(QStringLiteral("shelve"),
                 tag == InvalidTagId ? -1 : m_project.stationIndexOfTag(tag),
                 {{QStringLiteral("tag"), w[1]},
                  {QStringLiteral("ms"), qint64(w[2].toDouble() * 60'000)},
                  {QStringLiteral("reason"), w.mid(3).join(u' ')}},
                 w[1]);
        } else if (c == QLatin1String("ack-station") && station >= 0) {
            send(QStringLiteral("ack-station"), station, {{QStringLiteral("station"), w[1]}}, w[1]);
        } else if ((c == QLatin1String("select") && w.size() == 5) ||
                   ((c == QLatin1String("operate") || c == QLatin1String("cancel")) &&
                    w.size() == 4)) {
            QCborMap args{{QStringLiteral("station"), w[1]},
                          {QStringLiteral("device"), w[2].toInt()},
                          {QStringLiteral("object"), w[3]}};
            if (w.size() == 5)
                args.insert(QStringLiteral("value"), w[4].toDouble());
            send(c, station, args, w[1] + u'/' + w[3]);
        } else if (c == QLatin1String("values") && station >= 0) {
            emitEvent({{QStringLiteral("ev"), QStringLiteral("values")},
                       {QStringLiteral("station"), w[1]},
                       {QStringLiteral("values"), stationValues(station)}});
        } else if (c == QLatin1String("latency")) {
            latency();
        } else if (c == QLatin1String("server-digest")) {
            // The server's own digest, as the answer's message (JSON).
            send(QStringLiteral("digest"), -1, {}, QStringLiteral("server"));
        } else if (c == QLatin1String("digest")) {
            digest();
        } else if (c == QLatin1String("stats")) {
            const Remote::RemoteStats s = m_source.stats();
            emitEvent({{QStringLiteral("ev"), QStringLiteral("stats")},
                       {QStringLiteral("messages"), qint64(s.messages)},
                       {QStringLiteral("deltas"), qint64(s.deltas)},
                       {QStringLiteral("snapshots"), qint64(s.snapshots)},
                       {QStringLiteral("oldEpoch"), qint64(s.oldEpoch)},
                       {QStringLiteral("gaps"), qint64(s.gaps)},
                       {QStringLiteral("resyncs"), qint64(s.resyncRequests)},
                       {QStringLiteral("invalid"), qint64(s.invalid)},
                       {QStringLiteral("inSync"), m_source.stationsInSync()},
                       {QStringLiteral("complete"), m_source.complete()}});
        } else {
            emitEvent({{QStringLiteral("ev"), QStringLiteral("error")},
                       {QStringLiteral("message"), tr("unknown command: %1").arg(line)}});
        }
    }

    /// From a value's acquisition on the server to this store, over the deltas since the last
    /// call: count, p50, p99, max (ms); then starts again.
    void latency()
    {
        std::vector<double> l;
        l.swap(m_latencies);
        std::sort(l.begin(), l.end());
        const auto at = [&](double p) {
            return l.empty() ? 0.0 : l[std::min(l.size() - 1, std::size_t(p * double(l.size())))];
        };
        emitEvent({{QStringLiteral("ev"), QStringLiteral("latency")},
                   {QStringLiteral("count"), qint64(l.size())},
                   {QStringLiteral("p50"), at(0.5)},
                   {QStringLiteral("p99"), at(0.99)},
                   {QStringLiteral("max"), l.empty() ? 0.0 : l.back()}});
    }

    QJsonArray stationValues(int station) const
    {
        QJsonArray out;
        const Station& st = m_project.stations[std::size_t(station)];
        for (quint32 i = 0; i < st.tagCount; ++i) {
            const TagValue v = m_store.value(st.firstTag + i);
            out.append(QJsonArray{qint64(v.timestampMs), v.value, int(v.quality)});
        }
        return out;
    }

    /// Per station: epoch, seq and a hash of every value, so two probes (or a probe and the
    /// server's state at the same seq) can be compared cheaply.
    void digest()
    {
        QJsonObject stations;
        for (int s = 0; s < int(m_project.stations.size()); ++s) {
            const Remote::RemoteStation& rs = m_source.station(s);
            if (!rs.synced)
                continue;
            const Station& st = m_project.stations[std::size_t(s)];
            std::vector<TagValue> values;
            values.reserve(st.tagCount);
            for (quint32 i = 0; i < st.tagCount; ++i)
                values.push_back(m_store.value(st.firstTag + i));
            stations.insert(
                st.id, QJsonArray{qint64(rs.epoch), qint64(rs.seq), Remote::valuesDigest(values)});
        }
        emitEvent({{QStringLiteral("ev"), QStringLiteral("digest")},
                   {QStringLiteral("stations"), stations}});
    }

    const Project& m_project;
    SystemClock m_clock;
    RealtimeStore m_store;
    Remote::RemoteSource m_source;
    QString m_login, m_name;
    Role m_role;
    QSocketNotifier m_stdin;
    QByteArray m_input;
    bool m_complete = false;
    QSet<QString> m_live, m_acked;
    std::vector<double> m_latencies;
};

} // namespace

int runProbe(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pumpwatch"));
    installTranslators(app, QLocale::system());
    QCommandLineParser parser;
    const QCommandLineOption probe(QStringLiteral("probe"), Probe::tr("run without windows"));
    const QCommandLineOption project(QStringLiteral("project"), Probe::tr("project file"),
                                     QStringLiteral("FILE"));
    const QCommandLineOption remote(QStringLiteral("remote"),
                                    Probe::tr("the broker, mqtt://workstation@host:port"),
                                    QStringLiteral("URL"));
    const QCommandLineOption password(QStringLiteral("remote-password-file"),
                                      Probe::tr("the broker password, first line of FILE"),
                                      QStringLiteral("FILE"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  Probe::tr("who acts: login:name:role (default "
                                            "probe:probe:operator)"),
                                  QStringLiteral("WHO"), QStringLiteral("probe:probe:operator"));
    const QCommandLineOption timeout(QStringLiteral("request-timeout"),
                                     Probe::tr("ms a request may wait (default 5000)"),
                                     QStringLiteral("MS"), QStringLiteral("5000"));
    parser.addOptions({probe, project, remote, password, user, timeout});
    parser.process(app);
    const auto fail = [](const QString& text) {
        std::fprintf(stderr, "%s\n", qPrintable(text));
        return 2;
    };
    if (!parser.isSet(project) || !parser.isSet(remote))
        return fail(Probe::tr("--probe needs --project FILE and --remote URL"));
    const ProjectLoad load = ProjectReader::readFile(parser.value(project));
    if (!load.project)
        return fail(toStrings(load.diagnostics).join(u'\n'));
    QString error;
    const auto broker =
        Remote::LinkOptions::broker(parser.value(remote), parser.value(password), &error);
    if (!broker)
        return fail(error);
    const QStringList who = parser.value(user).split(u':');
    const std::optional<Role> role = who.size() == 3 ? parseRole(who[2]) : std::nullopt;
    if (!role)
        return fail(Probe::tr("--user: write login:name:role"));
    Remote::RemoteOptions options;
    options.mqtt = *broker;
    options.mqtt.clientId = QStringLiteral("pw-ws-%1-%2").arg(broker->user).arg(getpid());
    options.requestTimeoutMs = parser.value(timeout).toInt();
    Probe p(*load.project, options, who[0], who[1], *role);
    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::shutdownRequested, &app,
                     [] { QCoreApplication::quit(); });
    if (!p.start())
        return fail(Probe::tr("broker: the connection could not be set up"));
    const int code = QCoreApplication::exec();
    p.stop();
    return code;
}

} // namespace PumpWatch::Workstation
