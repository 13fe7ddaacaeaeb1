// Leadership: which pumpwatch-server of a shard is active, decided in the shared PostgreSQL by a
// lease with an epoch (table server_leases: shard, holder, epoch, expires).
//
// Why a lease and not only pg_try_advisory_lock: a session lock is freed when the database sees
// the holder's connection die. A server stopped with SIGSTOP (or frozen by a hung disk, a VM
// pause) keeps its TCP connection — its kernel still answers keepalives — so the lock would never
// move to the standby. A lease expires on the database's clock whatever the holder does.
//
// The active renews every renewMs; a renewal succeeds while the row still holds its epoch (a
// standby that took an expired lease has changed it). Locally the lease counts from the moment the
// renewal was *sent* (a monotonic clock, which keeps running while the process is stopped), so the
// holder's own view always ends before the database's: holds() says no before anybody else can take
// over, and the server publishes and writes nothing once it says no. A standby polls every pollMs
// and takes an expired lease with epoch + 1; the epoch goes on every message, and receivers drop
// older ones.
//
// If the database cannot be reached at all, the active keeps its epoch and goes on (realtime and
// alarms continue: DISTRIBUTED.md's degraded modes), but holds() turns false when the lease runs
// out, so control is refused; a standby cannot take over either, since it cannot reach it.
//
// Runs its SQL on a thread of its own (a slow connect never stalls the server's loop); signals
// arrive in the owner's thread.
#pragma once

#include <core/servicethread.h>
#include <history/databaseurl.h>

#include <QElapsedTimer>
#include <QObject>

#include <atomic>

namespace PumpWatch::Remote {

struct LeaseOptions {
    int leaseMs = 1500;
    int renewMs = 300;
    int pollMs = 200;
};

class Leadership : public QObject {
    Q_OBJECT

public:
    Leadership(History::DatabaseUrl url, QString shard, QString serverId, LeaseOptions options = {},
               QObject* parent = nullptr);
    ~Leadership() override;

    /// Creates the table if needed and starts competing for the lease.
    void start();
    /// Gives the lease up (expires it now) so a standby takes over at once; a clean stop.
    void stop();
    /// The lease is held and, by the local monotonic clock, not expired. Any thread.
    bool holds() const;
    /// holds(), or the lease ran out while the database cannot be reached at all: the active
    /// server goes on publishing realtime data and alarms with its epoch (nobody else can take
    /// over meanwhile), but nothing that needs holds(). Any thread.
    bool mayPublish() const;
    quint64 epoch() const { return m_epoch.load(); }
    bool databaseReachable() const { return m_reachable.load(); }

Q_SIGNALS:
    void acquired(quint64 epoch);
    /// Another server holds the shard now, or the lease ran out: stop being active.
    void lost(const QString& reason);
    void databaseChanged(bool reachable, const QString& error);

private:
    void attempt();
    bool ensureOpen();
    void setReachable(bool reachable, const QString& error);
    void dropConnection(const QString& error);

    History::DatabaseUrl m_url;
    QString m_shard, m_serverId;
    LeaseOptions m_options;
    ServiceThread m_thread{QStringLiteral("leader")};
    QElapsedTimer m_mono; ///< started at construction; all times below are its ms
    std::atomic<qint64> m_validUntil{-1};
    std::atomic<quint64> m_epoch{0};
    std::atomic<bool> m_reachable{false};
    std::atomic<bool> m_activeFlag{false}; ///< m_active for other threads
    bool m_active = false;                 ///< leader thread only
    qint64 m_lastRenewMs = 0;              ///< leader thread only
    qint64 m_connectedMs = 0;  ///< leader thread only: when the connection was (re)opened
    bool m_sawRenewal = false; ///< leader thread only: the lease was seen held since then
    bool m_open = false;       ///< leader thread only
};

} // namespace PumpWatch::Remote
