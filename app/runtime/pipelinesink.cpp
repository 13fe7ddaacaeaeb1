#include "pipelinesink.h"

#include <QDateTime>
#include <QDebug>

namespace PumpWatch::Runtime {

PipelineSink::PipelineSink(const Project& project, RealtimeStore& store,
                           Alarms::AlarmService& alarms, History::HistoryService* history,
                           std::FILE* dump)
    : m_project(project)
    , m_store(store)
    , m_alarms(alarms)
    , m_history(history)
    , m_dump(dump)
    , m_zone(project.timeZone.toLatin1())
{
    if (m_dump) {
        std::fputs("time,station,device,tag,value,quality\n", m_dump);
        std::fflush(m_dump);
    }
}

void PipelineSink::samples(std::span<const Sample> batch)
{
    m_store.publish(batch);
    m_alarms.process(batch);
    if (m_history)
        m_history->append(batch);
    if (!m_dump)
        return;
    m_line.clear();
    for (const Sample& s : batch) {
        const Station& station = m_project.stationOfTag(s.tag);
        m_line += QDateTime::fromMSecsSinceEpoch(s.timestampMs, m_zone)
                      .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
                      .toLatin1();
        m_line += ',';
        m_line += station.id.toUtf8();
        m_line += ',';
        m_line += m_project.deviceOfTag(s.tag).id.toUtf8();
        m_line += ',';
        m_line += m_project.tag(s.tag).key.toUtf8();
        m_line += ',';
        m_line += QByteArray::number(s.value, 'g', 10);
        m_line += ',';
        m_line += qualityName(s.quality);
        m_line += '\n';
    }
    std::fwrite(m_line.constData(), 1, static_cast<std::size_t>(m_line.size()), m_dump);
    std::fflush(m_dump);
}

void PipelineSink::commStatusChanged(const Acquisition::CommStatus& status)
{
    using Acquisition::CommState;
    if (status.device >= 0 &&
        (status.state == CommState::Online || status.state == CommState::Offline))
        m_alarms.deviceStatus(status.station, status.device, status.state == CommState::Online,
                              status.sinceMs, status.lastError);
    const Station& station = m_project.stations[static_cast<std::size_t>(status.station)];
    const QString what =
        status.device < 0
            ? tr("station %1").arg(station.displayName())
            : station.id + u'/' + station.devices[static_cast<std::size_t>(status.device)].id;
    const QString state = QString::fromLatin1(Acquisition::commStateName(status.state));
    // Going offline always matters; the first contact of thousands of devices does not.
    if (status.state == Acquisition::CommState::Offline)
        qWarning().noquote() << tr("%1 %2: %3").arg(what, state, status.lastError);
    else if (status.previous == Acquisition::CommState::Unknown)
        qDebug().noquote() << tr("%1 %2").arg(what, state);
    else
        qInfo().noquote() << tr("%1 %2").arg(what, state);
}

void PipelineSink::brokerStatusChanged(const Acquisition::BrokerStatus& status)
{
    // One connection per broker and protocol: the alarm stands while any of them is down.
    const QString key = status.broker + u'/' + status.protocol;
    if (status.connected) {
        m_brokersDown.erase(key);
        qInfo().noquote() << tr("MQTT broker %1 connected").arg(status.name);
    } else {
        m_brokersDown[key] = status;
        qWarning().noquote() << tr("MQTT broker %1: %2").arg(status.name, status.error);
    }
    const Acquisition::BrokerStatus* first =
        m_brokersDown.empty() ? nullptr : &m_brokersDown.begin()->second;
    m_alarms.systemStatus(Alarms::SystemCondition::Broker, !first, status.sinceMs,
                          first ? tr("%1: %2").arg(first->name, first->error) : QString());
}

void PipelineSink::audit(const Acquisition::WriteRecord& r)
{
    const QString path =
        r.tag < m_project.tagCount() ? m_project.tagPath(r.tag) : QString::number(r.tag);
    const QString line =
        tr("audit: %1 wrote %2 %3 -> %4: %5")
            .arg(r.user, path)
            .arg(QString::number(r.oldValue, 'g', 12), QString::number(r.newValue, 'g', 12),
                 r.ok ? tr("ok, read back %1").arg(QString::number(r.readBack, 'g', 12)) : r.error);
    if (r.ok)
        qInfo().noquote() << line;
    else
        qWarning().noquote() << line;
    if (!m_history)
        return;
    // Acquisition knows the login only; it is the name the row is found by.
    History::AuditEntry e;
    e.ms = r.finishedMs;
    e.user = r.user;
    e.login = r.user;
    e.action = QStringLiteral("write");
    e.target = path;
    e.oldValue = QString::number(r.oldValue, 'g', 12);
    e.newValue = QString::number(r.newValue, 'g', 12);
    e.result = r.ok ? QStringLiteral("ok") : QStringLiteral("failed");
    e.detail = r.ok ? QStringLiteral("read_back=") + QString::number(r.readBack, 'g', 12) : r.error;
    m_history->journal({}, std::span(&e, 1));
}

} // namespace PumpWatch::Runtime
