#include "serverlink.h"

#include <QCoreApplication>
#include <QDebug>

namespace PumpWatch::Server {

ServerLink::ServerLink(const Project& project, const Clock& clock, LinkSettings settings,
                       QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_clock(clock)
    , m_settings(std::move(settings))
{}

ServerLink::~ServerLink()
{
    stop();
}

QByteArray ServerLink::presence(bool online) const
{
    Remote::ServerState s;
    s.serverId = m_settings.serverId;
    s.epoch = m_epoch;
    s.online = online;
    s.active = online && m_pipeline != nullptr;
    s.database = m_database;
    s.ms = m_clock.nowMs();
    return Remote::encode(s);
}

void ServerLink::publishPresence(bool online)
{
    m_client->publish(Remote::Topic::serverMember(m_settings.shard, m_settings.serverId),
                      presence(online), 1, true);
}

bool ServerLink::start(PipelineFactory make, Runtime::Pipeline::AlarmObserver observer,
                       QString* error)
{
    m_make = std::move(make);
    m_observer = std::move(observer);
    Mqtt::ClientOptions o = m_settings.broker;
    o.clientId = QStringLiteral("pw-server-%1-%2").arg(m_settings.shard, m_settings.serverId);
    o.will = Mqtt::Will{Remote::Topic::serverMember(m_settings.shard, m_settings.serverId),
                        presence(false), 1, true};
    m_client = std::make_unique<Mqtt::Client>(o);
    m_client->setMessageHandler([this](std::span<const Mqtt::Message> batch) {
        if (!m_requests)
            return;
        for (const Mqtt::Message& m : batch)
            m_requests->handle(m);
    });
    m_client->subscribe(QByteArray("pw/req/+/") + m_settings.shard.toUtf8(), 1);
    connect(m_client.get(), &Mqtt::Client::connected, this, [this] {
        qInfo().noquote()
            << tr("broker %1:%2 connected").arg(m_settings.broker.host).arg(m_settings.broker.port);
        publishPresence(true);
    });
    connect(m_client.get(), &Mqtt::Client::disconnected, this, [this](const QString& reason) {
        qWarning().noquote() << tr("broker connection lost: %1; polling, alarms and history go "
                                   "on, workstations see old values until it is back")
                                    .arg(reason);
    });
    connect(m_client.get(), &Mqtt::Client::connectFailed, this, [this](const QString& reason) {
        qWarning().noquote() << tr("broker %1:%2 not reachable: %3")
                                    .arg(m_settings.broker.host)
                                    .arg(m_settings.broker.port)
                                    .arg(reason);
    });
    if (!m_client->open()) {
        *error = m_client->lastError();
        return false;
    }
    if (!m_settings.leaseDatabase) {
        // Alone (no shared database to elect in): active at once, the epoch from the clock so it
        // still grows across restarts.
        qInfo().noquote() << tr("no PostgreSQL to elect in: this server is the only one of shard "
                                "'%1'")
                                 .arg(m_settings.shard);
        becomeActive(quint64(m_clock.nowMs()));
        return true;
    }
    m_leadership = std::make_unique<Remote::Leadership>(*m_settings.leaseDatabase, m_settings.shard,
                                                        m_settings.serverId, m_settings.lease);
    connect(m_leadership.get(), &Remote::Leadership::acquired, this, &ServerLink::becomeActive);
    connect(m_leadership.get(), &Remote::Leadership::lost, this, [this](const QString& reason) {
        qCritical().noquote() << tr("no longer the active server: %1").arg(reason);
        Q_EMIT demoted(reason);
    });
    connect(m_leadership.get(), &Remote::Leadership::databaseChanged, this,
            [](bool reachable, const QString& e) {
                if (reachable)
                    qInfo().noquote() << tr("lease database reachable");
                else
                    qWarning().noquote() << tr("lease database unreachable: %1").arg(e);
            });
    qInfo().noquote() << tr("standby for shard '%1': waiting for its lease").arg(m_settings.shard);
    m_leadership->start();
    return true;
}

void ServerLink::becomeActive(quint64 epoch)
{
    m_epoch = epoch;
    qInfo().noquote()
        << tr("active server of shard '%1', epoch %2").arg(m_settings.shard).arg(epoch);
    m_pipeline = m_make();
    Runtime::Pipeline& p = *m_pipeline;
    m_publisher = std::make_unique<Remote::Publisher>(
        m_project, p.store(), p.alarms(), p.acquisition(), *m_client,
        Remote::PublisherOptions{.shard = m_settings.shard,
                                 .serverId = m_settings.serverId,
                                 .stations = m_settings.stations},
        m_clock);
    m_publisher->setControl(&p.control());
    Remote::Leadership* lease = m_leadership.get();
    if (lease)
        m_publisher->setMayPublish([lease] { return lease->mayPublish(); });
    p.setAlarmObserver([this](std::span<const Alarms::AlarmChange> changes) {
        if (m_observer)
            m_observer(changes);
        m_publisher->alarmChanges(changes);
    });
    if (History::HistoryService* h = p.history()) {
        connect(h, &History::HistoryService::databaseConnectionChanged, this,
                [this](bool connected) {
                    m_database = connected;
                    m_publisher->setDatabase(connected);
                    publishPresence(true);
                });
    }
    m_requests = std::make_unique<Remote::RequestServer>(m_project, p.alarms(), p.control(),
                                                         *m_publisher, *m_client, m_settings.shard,
                                                         m_settings.serverId, m_clock);
    m_requests->setEpoch(epoch);
    // Requests are answered while publishing is allowed (the database may be away); control
    // needs the lease proven and the database to audit it.
    m_requests->setGate({[lease] { return !lease || lease->mayPublish(); },
                         [this, lease] { return m_database && (!lease || lease->holds()); }});
    p.start();
    m_database = p.history() && p.history()->stats().connected;
    m_publisher->setDatabase(m_database);
    m_publisher->start(epoch);
    publishPresence(true);
    Q_EMIT activated(epoch);
}

void ServerLink::stop()
{
    if (!m_client)
        return;
    // The pipeline first (acquisition, alarms, the journal and history written), the lease
    // last: the standby restores the journal only once it is complete, and no write of ours
    // can reach a PLC after it took over.
    if (m_pipeline)
        m_pipeline->stop();
    if (m_publisher)
        m_publisher->stop();
    if (m_leadership)
        m_leadership->stop();
    m_client->disconnect(this); // a goodbye, not a lost connection
    m_client->close(Remote::Topic::serverMember(m_settings.shard, m_settings.serverId),
                    presence(false), 1, true);
    m_requests.reset();
    m_publisher.reset();
    m_client.reset();
}

std::function<QString()> ServerLink::writeGate() const
{
    const Remote::Leadership* lease = m_leadership.get();
    const QString shard = m_settings.shard;
    return [lease, shard] {
        return !lease || lease->holds()
                   ? QString()
                   : tr("this server does not hold the lease of shard '%1' now").arg(shard);
    };
}

QString ServerLink::statsText() const
{
    if (!m_publisher)
        return tr("link: standby");
    const Remote::PublisherStats p = m_publisher->stats();
    const Remote::RequestServerStats r = m_requests->stats();
    return tr("link: epoch %1; %2 deltas, %3 snapshots, %4 alarm messages, %5 kB; requests %6 "
              "carried out, %7 expired, %8 repeated, %9 refused, %10 ignored, %11 invalid; %12 "
              "resyncs")
        .arg(m_epoch)
        .arg(p.deltas)
        .arg(p.snapshots)
        .arg(p.alarmMessages)
        .arg(p.bytes / 1024)
        .arg(r.handled)
        .arg(r.expired)
        .arg(r.duplicates)
        .arg(r.refused)
        .arg(r.ignored)
        .arg(r.invalid)
        .arg(p.resyncs);
}

} // namespace PumpWatch::Server
