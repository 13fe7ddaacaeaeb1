#include "pipeline.h"

#include "pipelinesink.h"

#include <history/auditlog.h>
#include <history/journal.h>

#include <QDateTime>
#include <QDebug>

#include <map>

namespace PumpWatch::Runtime {

Pipeline::Pipeline(const Project& project, const Clock& clock, PipelineOptions options)
    : m_project(project)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_store(project.tagCount())
    , m_history(m_options.history
                    ? std::make_unique<History::HistoryService>(project, clock, *m_options.history)
                    : nullptr)
    , m_alarms(project, clock, {m_options.projectPath})
    , m_entries(project)
{
    m_alarms.setJournal([this](std::span<const Alarms::AlarmChange> changes,
                               std::span<const Alarms::AlarmAudit> audit) {
        if (m_observer)
            m_observer(changes);
        if (!m_history)
            return;
        std::vector<History::JournalEntry> rows;
        rows.reserve(changes.size());
        for (const auto& c : changes)
            rows.push_back(m_entries.entry(c));
        std::vector<History::AuditEntry> audits;
        for (const auto& a : audit)
            audits.push_back(m_entries.audit(a));
        m_history->journal(rows, audits);
    });
    if (m_history) {
        QObject::connect(
            m_history.get(), &History::HistoryService::databaseConnectionChanged, &m_alarms,
            [this](bool connected, const QString& error) {
                m_alarms.systemStatus(Alarms::SystemCondition::Database, connected, m_clock.nowMs(),
                                      error);
            },
            Qt::DirectConnection);
    }
    m_sink =
        std::make_unique<PipelineSink>(project, m_store, m_alarms, m_history.get(), m_options.dump);
    Acquisition::AcquisitionOptions acquisition;
    acquisition.stations = m_options.stations;
    acquisition.writeGate = m_options.writeGate;
    m_acquisition =
        std::make_unique<Acquisition::AcquisitionService>(project, clock, *m_sink, acquisition);
    m_control = std::make_unique<Control::ControlService>(
        project, clock, m_store, [this](TagId tag, double value, const QString& login) {
            return m_acquisition->write(tag, value, login);
        });
    QObject::connect(m_acquisition.get(), &Acquisition::AcquisitionService::writeFinished,
                     m_control.get(), &Control::ControlService::writeFinished,
                     Qt::DirectConnection);
    m_control->setRecorder([this](const Control::ControlRecord& r) {
        const History::AuditEntry e = auditEntry(r);
        if (m_history) {
            m_history->journal({}, std::span(&e, 1));
            return;
        }
        // Without a database the log is the only record of who commanded what.
        qInfo().noquote() << tr("audit: %1 (%2, %3, %4) %5 %6/%7 %8 → %9: %10 %11")
                                 .arg(e.user, e.login, e.role, e.workstation, e.action, e.station,
                                      e.target, e.oldValue, e.newValue)
                                 .arg(e.result, e.detail);
    });
    m_control->setAlarmHook([this](TagId tag, bool failed, qint64 ms, const ControlDef& def,
                                   const Control::Outcome& outcome) {
        // A cause code, put into words in the reader's language when the alarm is shown.
        m_alarms.commandStatus(
            tag, failed, ms,
            failed ? Alarms::AlarmCause::commandFailed(
                         def.name, Control::causeCode(outcome.cause), def.feedbackS,
                         outcome.cause == Control::Cause::WriteFailed ? outcome.message : QString())
                   : QString());
    });
}

History::AuditEntry Pipeline::auditEntry(const Control::ControlRecord& r)
{
    History::AuditEntry e;
    e.ms = r.ms;
    e.user = r.who.name;
    e.login = r.who.login;
    e.role = roleCode(r.who.role);
    e.workstation = r.who.workstation;
    e.station = r.stationId;
    e.action = QStringLiteral("control.") + r.action;
    e.target = r.object;
    e.oldValue = r.oldValue;
    e.newValue = r.newValue;
    e.result = Control::causeCode(r.cause);
    e.detail = r.detail.isEmpty() ? r.objectName : r.objectName + QStringLiteral(": ") + r.detail;
    return e;
}

void Pipeline::checkAcquisition()
{
    // The acquisition thread beats once a second; ten missed beats raise the alarm.
    const qint64 silentMs = m_clock.nowMs() - m_acquisition->heartbeatMs();
    m_alarms.systemStatus(
        Alarms::SystemCondition::AcquisitionService,
        silentMs < 10 * Acquisition::AcquisitionService::HeartbeatMs, m_clock.nowMs(),
        tr("the acquisition thread has not answered for %1 s").arg(silentMs / 1000));
}

Pipeline::~Pipeline()
{
    stop();
}

void Pipeline::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_history) {
        m_history->start();
        restoreOpenAlarms();
    }
    m_acquisition->start();
    m_alarms.start();
    // In the alarm thread: a stalled acquisition thread cannot check itself, and the GUI thread
    // must not do the alarm work.
    m_alarms.thread().every(2000, [this] { checkAcquisition(); });
    m_alarms.thread().every(250, [this] { m_control->tick(); });
}

void Pipeline::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_alarms.stop(); // the tick and the watchdog, before acquisition goes quiet
    m_acquisition->stop();
    if (m_history)
        m_history->stop(); // writes what is queued and the open rollups
}

bool Pipeline::owns(int station) const
{
    return inStationSet(m_options.stations, station);
}

void Pipeline::restoreOpenAlarms()
{
    QString error;
    History::AlarmJournal journal(m_options.history->database);
    std::optional<std::vector<History::JournalRow>> rows;
    const qint64 nowMs = m_clock.nowMs();
    if (journal.open(&error))
        rows = journal.list({0, nowMs + 86'400'000, {}, true}, &error);
    if (rows) {
        // And those that ended but nobody acknowledged: still in the dispatchers' list.
        // A week back: older unacknowledged records are history, not a shift's list.
        History::JournalFilter unacked{nowMs - 7 * 86'400'000LL, nowMs + 86'400'000, {}, false};
        unacked.acknowledged = false;
        const auto ended = journal.list(unacked, &error);
        if (!ended)
            rows.reset();
        else
            for (const History::JournalRow& row : *ended)
                if (row.endMs)
                    rows->push_back(row);
    }
    if (!rows) {
        qWarning().noquote() << tr("open alarms of the last run not read: %1").arg(error);
        return;
    }
    std::vector<Alarms::AlarmRecord> records;
    std::vector<qint64> ids;
    for (const auto& row : *rows) {
        const auto r = m_entries.record(row);
        if (r && owns(r->station)) {
            records.push_back(*r);
            ids.push_back(row.id);
        }
    }
    const std::vector<quint64> keys = m_alarms.restore(records);
    std::vector<History::JournalEntry> adopted;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == 0)
            continue;
        History::JournalEntry e;
        e.kind = History::JournalEntry::Adopt;
        e.key = keys[i];
        e.rowId = ids[i];
        adopted.push_back(e);
    }
    m_history->journal(adopted);
    if (!adopted.empty())
        qInfo().noquote() << tr("%1 alarms still open from the last run").arg(adopted.size());
    restoreShelves(nowMs);
}

void Pipeline::restoreShelves(qint64 nowMs)
{
    // The newest shelve or unshelve of each tag in the audit of the last week says whether it
    // is still shelved (a restart, or a standby taking over, keeps the operators' shelves).
    QString error;
    History::AuditLog log(m_options.history->database);
    std::optional<std::vector<History::AuditRow>> rows;
    if (log.open(&error))
        rows =
            log.list({nowMs - 7 * 86'400'000LL, nowMs + 1, {}, QStringLiteral("%shelve")}, &error);
    if (!rows) {
        qWarning().noquote() << tr("shelved alarms of the last run not read: %1").arg(error);
        return;
    }
    std::map<QString, const History::AuditRow*> newest;
    for (const History::AuditRow& row : *rows)
        if (!newest.contains(row.target) || newest[row.target]->ms <= row.ms)
            newest[row.target] = &row;
    int restored = 0;
    for (const auto& [target, row] : newest) {
        const TagId tag = m_project.findTag(target);
        if (row->action != QLatin1String("shelve") || tag == InvalidTagId ||
            !owns(m_project.stationIndexOfTag(tag)))
            continue;
        const QDateTime until = QDateTime::fromString(row->newValue, Qt::ISODateWithMs);
        if (until.isValid() && m_alarms.restoreShelf(tag, until.toMSecsSinceEpoch(), row->user))
            ++restored;
    }
    if (restored > 0)
        qInfo().noquote() << tr("%1 shelved tags still shelved from the last run").arg(restored);
}

} // namespace PumpWatch::Runtime
