#include "requestserver.h"

#include "publisher.h"

#include <core/users.h>

#include <QCborArray>
#include <QDateTime>
#include <QDebug>
#include <QJsonDocument>

namespace PumpWatch::Remote {

namespace {
constexpr std::size_t KeptAnswers = 4096;
constexpr int ResponseExpiryS = 60;

Response answer(bool ok, const QString& code, const QString& message)
{
    Response r;
    r.ok = ok;
    r.code = code;
    r.message = message;
    return r;
}
} // namespace

RequestServer::RequestServer(const Project& project, Alarms::AlarmService& alarms,
                             Control::ControlService& control, Publisher& publisher,
                             Mqtt::Client& client, QString shard, QString serverId,
                             const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_alarms(alarms)
    , m_control(control)
    , m_publisher(publisher)
    , m_client(client)
    , m_shard(std::move(shard))
    , m_serverId(std::move(serverId))
    , m_clock(clock)
    , m_zone(project.timeZone.toUtf8())
{}

QByteArray RequestServer::filter() const
{
    return QByteArray("pw/req/+/") + m_shard.toUtf8();
}

QString RequestServer::timeText(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms).toTimeZone(m_zone).toString(
        QStringLiteral("HH:mm:ss"));
}

void RequestServer::handle(const Mqtt::Message& message)
{
    const Topic::Parsed topic = Topic::parse(message.topic);
    if (topic.kind != Topic::Parsed::Request || topic.shard != m_shard)
        return;
    const QString& client = topic.name; // proven by the broker's ACL
    if (m_gate.active && !m_gate.active()) {
        // Not (or no longer) the active server: the active one answers. A frozen leader that
        // wakes up with requests in its socket does nothing with them.
        ++m_stats.ignored;
        return;
    }
    QString error;
    const std::optional<Request> r = decodeRequest(message.payload, &error);
    if (!r) {
        ++m_stats.invalid;
        qWarning().noquote() << tr("request from workstation '%1' refused: %2").arg(client, error);
        return;
    }
    if (const auto it = m_answers.find(client + u'/' + r->id); it != m_answers.end()) {
        ++m_stats.duplicates;
        m_client.publish(Topic::response(client), encode(it->second), 1, false, ResponseExpiryS);
        return;
    }
    Response response;
    const qint64 now = m_clock.nowMs();
    if (r->kind == QLatin1String("resync")) {
        QStringList stations;
        for (const QCborValue& v : r->args.value(QLatin1String("stations")).toArray())
            stations.append(v.toString());
        m_publisher.resync(stations);
        return; // the snapshots are the answer
    }
    if (r->kind == QLatin1String("digest")) {
        // For tests and diagnosis: what this server has published, station by station.
        response = answer(
            true, QStringLiteral("ok"),
            QString::fromUtf8(QJsonDocument(m_publisher.digest()).toJson(QJsonDocument::Compact)));
        response.id = r->id;
        respond(client, std::move(response));
        return;
    }
    if (now > r->expiresMs) {
        ++m_stats.expired;
        qInfo().noquote()
            << tr("request %1 (%2) from %3@%4, sent %5, expired at %6: not carried out")
                   .arg(r->id, r->kind, r->login, client, timeText(r->sentMs),
                        timeText(r->expiresMs));
        response = answer(false, QStringLiteral("expired"),
                          tr("the request sent at %1 waited too long and was not carried out")
                              .arg(timeText(r->sentMs)));
    } else {
        response = execute(client, *r);
        ++m_stats.handled;
    }
    response.id = r->id;
    m_answers.emplace(client + u'/' + r->id, response);
    m_answerOrder.push_back(client + u'/' + r->id);
    if (m_answerOrder.size() > KeptAnswers) {
        m_answers.erase(m_answerOrder.front());
        m_answerOrder.pop_front();
    }
    respond(client, std::move(response));
}

void RequestServer::respond(const QString& client, Response response)
{
    response.serverId = m_serverId;
    response.epoch = m_epoch;
    response.ms = m_clock.nowMs();
    if (!response.ok && response.code != QLatin1String("already"))
        ++m_stats.refused;
    m_client.publish(Topic::response(client), encode(response), 1, false, ResponseExpiryS);
}

Response RequestServer::execute(const QString& client, const Request& r)
{
    const Alarms::Actor who{r.login, r.name};
    const QString kind = r.kind;
    if (kind == QLatin1String("select") || kind == QLatin1String("operate") ||
        kind == QLatin1String("cancel"))
        return control(client, r);
    if (Role(r.role) < Role::Operator)
        return answer(
            false, QStringLiteral("not_permitted"),
            tr("%1 may only watch: acknowledging and shelving need an operator").arg(r.name));
    if (kind == QLatin1String("ack"))
        return ack(r, who);
    if (kind == QLatin1String("ack-station"))
        return ackStation(r, who);
    if (kind == QLatin1String("shelve") || kind == QLatin1String("unshelve"))
        return shelve(r, who, kind == QLatin1String("shelve"));
    return answer(false, QStringLiteral("invalid"),
                  tr("this server does not know the request '%1'").arg(kind));
}

Response RequestServer::ack(const Request& r, const Alarms::Actor& who)
{
    const QString id = r.args.value(QLatin1String("alarm")).toString();
    const QString note = r.args.value(QLatin1String("note")).toString();
    for (const Alarms::AlarmRecord& rec : m_alarms.liveRecords()) {
        if (alarmId(rec) != id)
            continue;
        if (rec.isAcknowledged())
            return answer(false, QStringLiteral("already"),
                          tr("already acknowledged by %1 at %2")
                              .arg(rec.ackUser, timeText(rec.ackMs).left(5)));
        if (!m_alarms.acknowledge(rec.key, who, note))
            return answer(false, QStringLiteral("already"), tr("already acknowledged"));
        // An ended alarm leaves the list with its acknowledgement: remembered, so that a second
        // dispatcher still learns who was first.
        m_acked.insert(id, {who.name, m_clock.nowMs()});
        m_ackedOrder.push_back(id);
        if (m_ackedOrder.size() > KeptAnswers) {
            m_acked.remove(m_ackedOrder.front());
            m_ackedOrder.pop_front();
        }
        return answer(true, QStringLiteral("ok"), tr("acknowledged"));
    }
    if (const auto it = m_acked.constFind(id); it != m_acked.constEnd())
        return answer(
            false, QStringLiteral("already"),
            tr("already acknowledged by %1 at %2").arg(it->first, timeText(it->second).left(5)));
    return answer(false, QStringLiteral("unknown"),
                  tr("this alarm is no longer in the list (ended and acknowledged)"));
}

Response RequestServer::ackStation(const Request& r, const Alarms::Actor& who)
{
    const int station = m_project.stationIndex(r.args.value(QLatin1String("station")).toString());
    if (station < 0 || !m_publisher.owns(station))
        return answer(false, QStringLiteral("invalid"), tr("no such station on this server"));
    const int n =
        m_alarms.acknowledgeStation(station, who, r.args.value(QLatin1String("note")).toString());
    return answer(true, QStringLiteral("ok"), tr("%n alarms acknowledged", nullptr, n));
}

Response RequestServer::shelve(const Request& r, const Alarms::Actor& who, bool on)
{
    const QString path = r.args.value(QLatin1String("tag")).toString();
    const TagId tag = m_project.findTag(path);
    if (tag == InvalidTagId || !m_publisher.owns(m_project.stationIndexOfTag(tag)))
        return answer(false, QStringLiteral("invalid"), tr("no tag %1 on this server").arg(path));
    const qint64 durationMs = r.args.value(QLatin1String("ms")).toInteger();
    const bool done =
        on ? m_alarms.shelve(tag, durationMs, who, r.args.value(QLatin1String("reason")).toString())
           : m_alarms.unshelve(tag, who);
    if (!done)
        return answer(false, QStringLiteral("refused"),
                      on ? tr("%1 could not be shelved").arg(path)
                         : tr("%1 is not shelved").arg(path));
    return answer(true, QStringLiteral("ok"), on ? tr("shelved") : tr("unshelved"));
}

Response RequestServer::control(const QString& client, const Request& r)
{
    if (m_gate.auditable && !m_gate.auditable())
        return answer(false, QStringLiteral("refused"),
                      tr("control refused: the history database cannot be reached, so the "
                         "command could not be audited"));
    Control::ControlAddress a;
    a.station = m_project.stationIndex(r.args.value(QLatin1String("station")).toString());
    a.device = int(r.args.value(QLatin1String("device")).toInteger());
    a.object = r.args.value(QLatin1String("object")).toString();
    if (a.station < 0 || !m_publisher.owns(a.station))
        return answer(false, QStringLiteral("invalid"), tr("no such station on this server"));
    Control::Operator op{r.login, r.name, Role(r.role), client};
    Control::Outcome o;
    if (r.kind == QLatin1String("select"))
        o = m_control.select(op, a, r.args.value(QLatin1String("value")).toDouble(),
                             r.args.value(QLatin1String("confirmed")).toBool());
    else if (r.kind == QLatin1String("operate"))
        o = m_control.operate(op, a);
    else
        o = m_control.cancel(op, a);
    return answer(o.ok(), Control::causeCode(o.cause), o.message);
}

} // namespace PumpWatch::Remote
