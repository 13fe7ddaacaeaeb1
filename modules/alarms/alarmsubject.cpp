#include "alarmsubject.h"

#include <QCoreApplication>

namespace PumpWatch::Alarms {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Alarms::AlarmSubject)
};

} // namespace

AlarmSubject alarmSubject(const Project& project, const AlarmRecord& r)
{
    AlarmSubject s;
    if (r.station < 0) {
        s.tag = r.type == AlarmType::Database ? QStringLiteral("database")
                                              : QStringLiteral("acquisition");
        s.tagName = r.type == AlarmType::Database ? Text::tr("history database")
                                                  : Text::tr("acquisition service");
        return s;
    }
    const Station& station = project.stations[static_cast<std::size_t>(r.station)];
    s.station = station.id;
    s.stationName = station.displayName();
    const Device& device = station.devices[static_cast<std::size_t>(std::max(r.device, 0))];
    if (r.type == AlarmType::Rule) {
        const AlarmRule& rule = project.alarmRules[static_cast<std::size_t>(r.rule)];
        s.tag = device.id + u'/' + rule.id;
        s.tagName = rule.name;
    } else if (r.tag != InvalidTagId) {
        const TagDef& def = project.tag(r.tag);
        s.tag = device.id + u'/' + def.key;
        s.tagName = def.name;
        s.unit = def.unit;
    } else {
        s.tag = device.id;
        // What stopped answering: the zone's PLC, or the gateway that brings it.
        s.tagName = isMqtt(device.settings.protocol)
                        ? Text::tr("%1 gateway").arg(zoneDisplayName(device.zone))
                        : Text::tr("%1 PLC").arg(zoneDisplayName(device.zone));
    }
    return s;
}

QString alarmTitle(const AlarmSubject& subject, const AlarmRecord& record)
{
    QString text =
        (subject.stationName.isEmpty() ? QString() : subject.stationName + u' ') + subject.tagName;
    if (record.type != AlarmType::Rule)
        text += u' ' + AlarmText::typeName(record.type);
    return text;
}

} // namespace PumpWatch::Alarms
