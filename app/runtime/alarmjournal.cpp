#include "alarmjournal.h"

#include <alarms/alarmsubject.h>

#include <cmath>

namespace PumpWatch::Runtime {

using Alarms::AlarmChange;
using Alarms::AlarmRecord;
using Alarms::AlarmType;

History::JournalEntry AlarmJournalEntries::entry(const AlarmChange& change) const
{
    const AlarmRecord& r = change.record;
    History::JournalEntry e;
    e.kind = change.kind == AlarmChange::Raised  ? History::JournalEntry::Open
             : change.kind == AlarmChange::Ended ? History::JournalEntry::End
                                                 : History::JournalEntry::Acknowledge;
    e.key = r.key;
    e.type = QString::fromLatin1(Alarms::alarmTypeCode(r.type));
    e.severity = static_cast<int>(r.severity);
    if (!std::isnan(r.value))
        e.value = r.value;
    e.startMs = r.startMs;
    e.endMs = r.endMs;
    e.endState = QString::fromLatin1(Alarms::endStateCode(r.endState));
    e.ackMs = r.ackMs;
    e.ackUser = r.ackUser;
    e.ackLogin = r.ackLogin;
    e.note = r.note;
    e.detail = r.detail;
    const Alarms::AlarmSubject subject = Alarms::alarmSubject(m_project, r);
    e.station = subject.station;
    e.stationName = subject.stationName;
    e.tag = subject.tag;
    e.tagName = subject.tagName;
    e.unit = subject.unit;
    return e;
}

History::AuditEntry AlarmJournalEntries::audit(const Alarms::AlarmAudit& a) const
{
    History::AuditEntry e;
    e.ms = a.ms;
    e.user = a.who.name.isEmpty() ? QStringLiteral("system") : a.who.name;
    e.login = a.who.login;
    e.action = a.action;
    e.target = a.tag < m_project.tagCount() ? m_project.tagPath(a.tag) : a.target;
    e.result = QStringLiteral("ok");
    e.detail = a.detail;
    e.oldValue = a.oldValue;
    e.newValue = a.newValue;
    return e;
}

std::optional<AlarmRecord> AlarmJournalEntries::record(const History::JournalRow& row) const
{
    const auto type = Alarms::parseAlarmType(row.type);
    if (!type)
        return std::nullopt;
    AlarmRecord r;
    r.type = *type;
    r.severity = row.severity == 2 ? Alarms::Severity::Critical : Alarms::Severity::Warning;
    r.value = row.value.value_or(std::nan(""));
    r.startMs = row.startMs;
    r.endMs = row.endMs.value_or(0);
    r.endState = Alarms::parseEndState(row.endState).value_or(Alarms::EndState::Active);
    if (r.endMs == 0)
        r.endState = Alarms::EndState::Active;
    r.ackMs = row.ackMs.value_or(0);
    r.ackUser = row.ackUser;
    r.ackLogin = row.ackLogin;
    r.note = row.note;
    r.detail = row.detail;
    if (row.station.isEmpty())
        return r; // database, service
    r.station = m_project.stationIndex(row.station);
    if (r.station < 0)
        return std::nullopt;
    const Station& station = m_project.stations[static_cast<std::size_t>(r.station)];
    const QString deviceId = row.tag.section(u'/', 0, 0);
    const QString key = row.tag.section(u'/', 1);
    r.device = station.deviceIndex(deviceId);
    if (r.device < 0)
        return std::nullopt;
    if (r.type == AlarmType::Rule) {
        for (std::size_t i = 0; i < m_project.alarmRules.size(); ++i) {
            if (m_project.alarmRules[i].id == key)
                r.rule = static_cast<int>(i);
        }
        return r.rule < 0 ? std::nullopt : std::optional(r);
    }
    if (!key.isEmpty()) {
        r.tag = m_project.findTag(station.id, deviceId, key);
        if (r.tag == InvalidTagId)
            return std::nullopt;
    }
    return r;
}

QString AlarmJournalEntries::describe(const AlarmRecord& r) const
{
    const Alarms::AlarmSubject subject = Alarms::alarmSubject(m_project, r);
    QString text = Alarms::alarmTitle(subject, r);
    if (!std::isnan(r.value))
        text += u' ' + QString::number(r.value, 'g', 6) +
                (subject.unit.isEmpty() ? QString() : u' ' + subject.unit);
    if (!r.detail.isEmpty() && r.type != AlarmType::Rule)
        text += QStringLiteral(" (%1)").arg(Alarms::AlarmText::cause(r.detail));
    return text;
}

} // namespace PumpWatch::Runtime
