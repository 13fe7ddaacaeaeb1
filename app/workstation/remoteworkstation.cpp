#include "remoteworkstation.h"

#include <core/users.h>

#include <QDateTime>
#include <QSysInfo>
#include <QTimeZone>

#include <remote/protocol.h>

namespace PumpWatch::Workstation {

RemoteWorkstation::RemoteWorkstation(const Project& project, const Clock& clock,
                                     Remote::RemoteOptions options, std::function<Role()> role,
                                     QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_clock(clock)
    , m_store(project.tagCount())
    , m_alarms(project, clock)
    , m_control(project, clock, m_store,
                [](TagId, double, const QString&) { return quint64(0); }) // never writes
    , m_source(project, m_store, std::move(options), clock)
    , m_role(std::move(role))
{
    Alarms::AlarmService::Forward forward;
    forward.acknowledge = [this](const Alarms::AlarmRecord& r, const Alarms::Actor& who,
                                 const QString& note) {
        send(QStringLiteral("ack"), r.station,
             {{QStringLiteral("alarm"), Remote::alarmId(r)}, {QStringLiteral("note"), note}}, who);
    };
    forward.acknowledgeStation = [this](int station, const Alarms::Actor& who,
                                        const QString& note) {
        send(QStringLiteral("ack-station"), station,
             {{QStringLiteral("station"), m_project.stations[std::size_t(station)].id},
              {QStringLiteral("note"), note}},
             who);
    };
    forward.shelve = [this](TagId tag, qint64 ms, const Alarms::Actor& who, const QString& why) {
        send(QStringLiteral("shelve"), m_project.stationIndexOfTag(tag),
             {{QStringLiteral("tag"), m_project.tagPath(tag)},
              {QStringLiteral("ms"), ms},
              {QStringLiteral("reason"), why}},
             who);
    };
    forward.unshelve = [this](TagId tag, const Alarms::Actor& who) {
        send(QStringLiteral("unshelve"), m_project.stationIndexOfTag(tag),
             {{QStringLiteral("tag"), m_project.tagPath(tag)}}, who);
    };
    forward.setLimits = [this](std::span<const std::pair<TagId, AlarmLimits>>,
                               const Alarms::Actor&) {
        Q_EMIT message(tr("Alarm limits are changed on the server's project in a control room; "
                          "nothing was changed"));
    };
    m_alarms.setForward(std::move(forward));
    m_control.setForward([this](const QString& kind, const Control::Operator& who,
                                const Control::ControlAddress& a, double value, bool confirmed) {
        QCborMap args{{QStringLiteral("station"), m_project.stations[std::size_t(a.station)].id},
                      {QStringLiteral("device"), a.device},
                      {QStringLiteral("object"), a.object}};
        if (kind == QLatin1String("select")) {
            args.insert(QStringLiteral("value"), value);
            args.insert(QStringLiteral("confirmed"), confirmed);
        }
        m_source.send(kind, a.station, std::move(args), who.login, who.name, quint8(who.role));
    });
    // The server knows this workstation by its broker login; the faceplate knows itself by the
    // computer's name (Session::controlOperator): a selection made here is shown as ours.
    const QString client = m_source.client();
    connect(&m_source, &Remote::RemoteSource::controlsChanged, this,
            [this, client](int station, auto states) {
                for (auto& [a, st] : states)
                    if (st.holder.workstation == client)
                        st.holder.workstation = QSysInfo::machineHostName();
                m_control.mirror(station, states);
            });
    connect(&m_source, &Remote::RemoteSource::alarmsChanged, this,
            [this] { m_alarms.mirror(m_source.liveRecords()); });
    connect(&m_source, &Remote::RemoteSource::responded, this, [this](const Remote::Response& r) {
        if (!r.ok)
            Q_EMIT message(r.message);
    });
}

void RemoteWorkstation::send(const QString& kind, int station, QCborMap args,
                             const Alarms::Actor& who)
{
    m_source.send(kind, station, std::move(args), who.login, who.name, quint8(m_role()));
}

std::vector<Acquisition::CommStatus> RemoteWorkstation::commStatuses() const
{
    std::vector<Acquisition::CommStatus> out;
    out.reserve(m_project.stations.size());
    for (int s = 0; s < int(m_project.stations.size()); ++s) {
        const Remote::RemoteStation& st = m_source.station(s);
        Acquisition::CommStatus c;
        c.station = s;
        c.device = 0;
        // A station no server speaks for (or whose values are not current) is not "online".
        c.state =
            st.snapshot ? Acquisition::CommState(st.status.state) : Acquisition::CommState::Unknown;
        c.sinceMs = st.status.sinceMs;
        c.lastError = st.status.error;
        out.push_back(c);
    }
    return out;
}

QString RemoteWorkstation::linkProblem() const
{
    const auto since = [this](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(m_project.timeZone.toLatin1()))
            .toString(QStringLiteral("HH:mm:ss"));
    };
    if (!m_source.linkUp())
        return tr("Realtime link lost since %1: values are old, control is disabled")
            .arg(since(m_source.linkDownSinceMs()));
    for (const auto& [shard, state] : m_source.servers())
        if (!state.online)
            return tr("Server %1 is offline: waiting for its standby").arg(state.serverId);
    if (m_source.servers().empty())
        return tr("No server has announced itself on the broker yet");
    if (!m_source.complete())
        return tr("Receiving the stations' state: %1 of %2")
            .arg(m_source.stationsInSync())
            .arg(m_project.stations.size());
    return {};
}

} // namespace PumpWatch::Workstation
