// ServerLink: pumpwatch-server in a control room (--broker). It announces itself on the broker
// (pw/srv/<shard>/<id>, its Will says offline), competes for its shard's lease in PostgreSQL
// (Remote::Leadership; without PostgreSQL it is the only server and active at once), and only
// when it holds the lease builds and starts the pipeline — acquisition, alarms, journal,
// audit, control — and publishes and answers requests for its stations (Remote::Publisher,
// Remote::RequestServer). One owner per fact: a standby polls nothing and writes nothing.
//
// Losing the lease (another server took over while this one was frozen or cut off) is final:
// demoted() is emitted and the program exits, to come back as a standby (systemd restarts it).
#pragma once

#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <remote/leadership.h>
#include <remote/publisher.h>
#include <remote/requestserver.h>
#include <runtime/pipeline.h>

namespace PumpWatch::Server {

struct LinkSettings {
    Mqtt::ClientOptions broker;
    QString serverId;
    QString shard = QStringLiteral("main");
    StationSet stations;                               ///< empty: all
    std::optional<History::DatabaseUrl> leaseDatabase; ///< PostgreSQL: hot standby possible
    Remote::LeaseOptions lease;
};

class ServerLink : public QObject {
    Q_OBJECT

public:
    using PipelineFactory = std::function<std::unique_ptr<Runtime::Pipeline>()>;

    ServerLink(const Project& project, const Clock& clock, LinkSettings settings,
               QObject* parent = nullptr);
    ~ServerLink() override;

    /// Connects and competes. `make` builds (not starts) the pipeline when this server becomes
    /// active; `observer` sees its alarm changes (the log).
    bool start(PipelineFactory make, Runtime::Pipeline::AlarmObserver observer, QString* error);
    /// A clean stop: the shard's state offline, the lease given up, the pipeline stopped.
    void stop();
    /// Null until active.
    Runtime::Pipeline* pipeline() { return m_pipeline.get(); }
    QString statsText() const;
    /// For the pipeline's acquisition (PipelineOptions::writeGate): why a control write may not
    /// reach a PLC now, empty when it may. Thread-safe.
    std::function<QString()> writeGate() const;

Q_SIGNALS:
    void activated(quint64 epoch);
    void demoted(const QString& reason);

private:
    void becomeActive(quint64 epoch);
    void publishPresence(bool online);
    QByteArray presence(bool online) const;

    const Project& m_project;
    const Clock& m_clock;
    LinkSettings m_settings;
    PipelineFactory m_make;
    Runtime::Pipeline::AlarmObserver m_observer;
    std::unique_ptr<Mqtt::Client> m_client;
    std::unique_ptr<Remote::Leadership> m_leadership;
    std::unique_ptr<Runtime::Pipeline> m_pipeline;
    std::unique_ptr<Remote::Publisher> m_publisher;
    std::unique_ptr<Remote::RequestServer> m_requests;
    quint64 m_epoch = 0;
    bool m_database = false; ///< the pipeline's history is connected
};

} // namespace PumpWatch::Server
