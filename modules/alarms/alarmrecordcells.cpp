#include "alarmrecordcells.h"

#include "alarmtypes.h"

#include <core/valueformat.h>

#include <QDateTime>

namespace PumpWatch::Alarms {

namespace {

QString valueText(const History::JournalRow& row, const Project* project)
{
    if (!row.value)
        return {};
    if (project) {
        const TagId tag = project->findTag(row.station + u'/' + row.tag);
        if (tag != InvalidTagId)
            return ValueFormat::text(project->tag(tag), *row.value);
    }
    // A tag no longer in the project (or no project): its unit as journalled.
    const QString number = ValueFormat::number(*row.value, 3);
    return row.unit.isEmpty() ? number : number + u' ' + row.unit;
}

} // namespace

QStringList AlarmRecordCells::headers()
{
    return {tr("Priority"), tr("Station"),      tr("Monitored value"),
            tr("Value"),    tr("Alarm type"),   tr("Start"),
            tr("End"),      tr("Acknowledged"), tr("Ack time"),
            tr("Ack user"), tr("End state"),    tr("Note"),
            tr("Cause")};
}

QString AlarmRecordCells::time(qint64 ms, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QStringList AlarmRecordCells::cells(const History::JournalRow& r, const Project* project,
                                    const QTimeZone& zone)
{
    const auto when = [&zone](std::optional<qint64> ms) {
        return ms ? time(*ms, zone) : QString();
    };
    const Severity severity = r.severity == 2 ? Severity::Critical : Severity::Warning;
    return {AlarmText::severityName(severity),
            r.station.isEmpty() ? tr("system") : r.stationName,
            r.tagName,
            valueText(r, project),
            AlarmText::typeName(r.type, r.tagName),
            time(r.startMs, zone),
            when(r.endMs),
            r.ackMs ? tr("yes") : tr("no"),
            when(r.ackMs),
            r.ackUser,
            AlarmText::endStateName(r.endState),
            r.note.trimmed(),
            AlarmText::cause(r.detail).trimmed()};
}

} // namespace PumpWatch::Alarms
