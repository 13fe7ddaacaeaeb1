#include "leadership.h"

#include <history/dialect.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace PumpWatch::Remote {

namespace {
const QString ConnectionName = QStringLiteral("pumpwatch-leader");
} // namespace

Leadership::Leadership(History::DatabaseUrl url, QString shard, QString serverId,
                       LeaseOptions options, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_shard(std::move(shard))
    , m_serverId(std::move(serverId))
    , m_options(options)
{
    m_mono.start();
}

Leadership::~Leadership()
{
    if (m_thread.isRunning())
        m_thread.stop([] { History::Dialect::close(ConnectionName); });
}

bool Leadership::holds() const
{
    return m_mono.elapsed() < m_validUntil.load();
}

bool Leadership::mayPublish() const
{
    return holds() || (m_activeFlag.load() && !m_reachable.load());
}

void Leadership::start()
{
    m_thread.start();
    m_thread.post([this] { attempt(); });
    m_thread.every(std::min(m_options.pollMs, m_options.renewMs), [this] { attempt(); });
}

void Leadership::stop()
{
    if (!m_thread.isRunning())
        return;
    m_thread.stop([this] {
        if (m_active && m_open) {
            QSqlQuery q(QSqlDatabase::database(ConnectionName, false));
            q.prepare(QStringLiteral("UPDATE server_leases SET expires = clock_timestamp() "
                                     "WHERE shard = ? AND holder = ? AND epoch = ?"));
            q.addBindValue(m_shard);
            q.addBindValue(m_serverId);
            q.addBindValue(qint64(m_epoch.load()));
            q.exec();
        }
        m_validUntil = -1;
        History::Dialect::close(ConnectionName);
    });
}

void Leadership::dropConnection(const QString& error)
{
    // Opened again at the next attempt; the standby's wait after a reconnect starts then.
    m_open = false;
    History::Dialect::close(ConnectionName);
    setReachable(false, error);
}

void Leadership::setReachable(bool reachable, const QString& error)
{
    if (m_reachable.exchange(reachable) != reachable)
        Q_EMIT databaseChanged(reachable, error);
}

bool Leadership::ensureOpen()
{
    if (m_open)
        return true;
    // A connection of its own, never pooled, that notices a dead or black-holed database within
    // seconds (keepalives, tcp_user_timeout) and never waits long on a statement: a renewal
    // stuck in TCP retransmission would silence the active server for minutes.
    QSqlDatabase db = QSqlDatabase::contains(ConnectionName)
                          ? QSqlDatabase::database(ConnectionName, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), ConnectionName);
    db.setHostName(m_url.host);
    db.setPort(m_url.port);
    db.setUserName(m_url.user);
    db.setPassword(m_url.password);
    db.setDatabaseName(m_url.database);
    db.setConnectOptions(QStringLiteral("connect_timeout=2;keepalives=1;keepalives_idle=2;"
                                        "keepalives_interval=1;keepalives_count=2;"
                                        "tcp_user_timeout=3000;application_name=pumpwatch-leader"));
    if (!db.open()) {
        setReachable(false, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    q.exec(QStringLiteral("SET statement_timeout = 1500"));
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS server_leases (shard TEXT PRIMARY KEY, "
                               "holder TEXT NOT NULL, epoch BIGINT NOT NULL, "
                               "expires TIMESTAMPTZ NOT NULL, renewed TIMESTAMPTZ NOT NULL)"))) {
        setReachable(false, q.lastError().text());
        return false;
    }
    m_open = true;
    m_connectedMs = m_mono.elapsed();
    m_sawRenewal = false;
    setReachable(true, {});
    return true;
}

void Leadership::attempt()
{
    const qint64 sentMs = m_mono.elapsed();
    if (m_active && sentMs - m_lastRenewMs < m_options.renewMs - m_options.pollMs / 2)
        return;
    if (!ensureOpen())
        return;
    QSqlQuery q(QSqlDatabase::database(ConnectionName, false));
    const QString lease = QStringLiteral("%1 milliseconds").arg(m_options.leaseMs);
    if (m_active) {
        // Renew our own epoch. Even after it ran out (the database was away): if nobody took it
        // meanwhile, nobody acted with a newer epoch, and it is still ours.
        q.prepare(QStringLiteral("UPDATE server_leases SET expires = clock_timestamp() + "
                                 "CAST(? AS INTERVAL), renewed = clock_timestamp() WHERE shard = ? "
                                 "AND holder = ? AND epoch = ?"));
        q.addBindValue(lease);
        q.addBindValue(m_shard);
        q.addBindValue(m_serverId);
        q.addBindValue(qint64(m_epoch.load()));
        if (!q.exec()) {
            dropConnection(q.lastError().text());
            return; // holds() runs out on its own; control stops with it
        }
        if (q.numRowsAffected() == 1) {
            m_lastRenewMs = sentMs;
            m_validUntil = sentMs + m_options.leaseMs;
            return;
        }
        m_active = false;
        m_activeFlag = false;
        m_validUntil = -1;
        Q_EMIT lost(tr("another server took over shard '%1' after epoch %2")
                        .arg(m_shard)
                        .arg(m_epoch.load()));
        return;
    }
    // A standby that has just (re)connected — after a database outage, say — and finds the
    // lease run out cannot tell a dead active server from one that is reconnecting too: it
    // waits one lease time of its own, so an active server that renews meanwhile keeps its
    // shard. Seen renewed since connecting, a lease that runs out is taken at once (a crash).
    q.prepare(
        QStringLiteral("SELECT expires > clock_timestamp() FROM server_leases WHERE shard = ?"));
    q.addBindValue(m_shard);
    if (!q.exec()) {
        dropConnection(q.lastError().text());
        return;
    }
    if (q.next()) {
        if (q.value(0).toBool()) {
            m_sawRenewal = true;
            return; // held
        }
        if (!m_sawRenewal && sentMs - m_connectedMs < m_options.leaseMs)
            return;
    }
    // Take the lease if nobody holds it or it has run out; the epoch only grows (and starts from
    // the wall clock, so it also grows across a lost table).
    q.prepare(QStringLiteral(
        "INSERT INTO server_leases (shard, holder, epoch, expires, renewed) VALUES (?, ?, "
        "CAST(extract(epoch FROM clock_timestamp()) * 1000 AS BIGINT), clock_timestamp() + "
        "CAST(? AS INTERVAL), clock_timestamp()) ON CONFLICT (shard) DO UPDATE SET holder = "
        "EXCLUDED.holder, epoch = GREATEST(server_leases.epoch + 1, EXCLUDED.epoch), expires = "
        "EXCLUDED.expires, renewed = EXCLUDED.renewed WHERE server_leases.expires < "
        "clock_timestamp() RETURNING epoch"));
    q.addBindValue(m_shard);
    q.addBindValue(m_serverId);
    q.addBindValue(lease);
    if (!q.exec()) {
        dropConnection(q.lastError().text());
        return;
    }
    if (!q.next())
        return; // held by someone else, and not expired
    m_epoch = quint64(q.value(0).toLongLong());
    m_active = true;
    m_activeFlag = true;
    m_lastRenewMs = sentMs;
    m_validUntil = sentMs + m_options.leaseMs;
    Q_EMIT acquired(m_epoch.load());
}

} // namespace PumpWatch::Remote
