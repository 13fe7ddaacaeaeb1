#include "project.h"

#include <algorithm>

namespace PumpWatch {

QString zoneCode(Zone zone)
{
    switch (zone) {
    case Zone::Low:
        return QStringLiteral("low");
    case Zone::Mid:
        return QStringLiteral("mid");
    case Zone::High:
        return QStringLiteral("high");
    case Zone::Invalid:
        break;
    }
    return {};
}

Zone parseZone(QStringView code)
{
    for (Zone z : {Zone::Low, Zone::Mid, Zone::High}) {
        if (code == zoneCode(z))
            return z;
    }
    return Zone::Invalid;
}

QString zoneDisplayName(Zone zone)
{
    switch (zone) {
    case Zone::Low:
        return Project::tr("Low zone");
    case Zone::Mid:
        return Project::tr("Middle zone");
    case Zone::High:
        return Project::tr("High zone");
    case Zone::Invalid:
        break;
    }
    return {};
}

DeviceSettings rebased(const DeviceSettings& current, const DeviceSettings& oldBase,
                       const DeviceSettings& newBase)
{
    DeviceSettings s = newBase;
    const auto keep = [](auto& field, const auto& now, const auto& old) {
        if (now != old)
            field = now;
    };
    keep(s.protocol, current.protocol, oldBase.protocol);
    keep(s.endpoint, current.endpoint, oldBase.endpoint);
    keep(s.broker, current.broker, oldBase.broker);
    keep(s.group, current.group, oldBase.group);
    keep(s.node, current.node, oldBase.node);
    keep(s.deviceId, current.deviceId, oldBase.deviceId);
    keep(s.unitId, current.unitId, oldBase.unitId);
    keep(s.pollMs, current.pollMs, oldBase.pollMs);
    keep(s.timeoutMs, current.timeoutMs, oldBase.timeoutMs);
    keep(s.retries, current.retries, oldBase.retries);
    keep(s.demoteAfter, current.demoteAfter, oldBase.demoteAfter);
    keep(s.demotionMs, current.demotionMs, oldBase.demotionMs);
    keep(s.wordOrder, current.wordOrder, oldBase.wordOrder);
    keep(s.addressing, current.addressing, oldBase.addressing);
    keep(s.holdStart, current.holdStart, oldBase.holdStart);
    keep(s.serial, current.serial, oldBase.serial);
    return s;
}

bool AlarmPeriod::contains(int minuteOfDay, int dayOfWeek) const
{
    const auto startsOn = [this](int day) { return (days >> ((day + 6) % 7)) & 1; };
    if (fromMinute < toMinute)
        return minuteOfDay >= fromMinute && minuteOfDay < toMinute && startsOn(dayOfWeek);
    // Runs past midnight: the evening part on a listed day, the morning part the day after.
    if (minuteOfDay >= fromMinute)
        return startsOn(dayOfWeek);
    return minuteOfDay < toMinute && startsOn(dayOfWeek == 1 ? 7 : dayOfWeek - 1);
}

const LimitValues& AlarmLimits::at(int minuteOfDay, int dayOfWeek) const
{
    for (const AlarmPeriod& p : periods) {
        if (p.contains(minuteOfDay, dayOfWeek))
            return p.limits;
    }
    return *this;
}

void StationTemplate::indexKeys()
{
    keyIndex.clear();
    keyIndex.reserve(static_cast<qsizetype>(tags.size()));
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (!keyIndex.contains(tags[i].key)) // the first of duplicates, as the reader reports
            keyIndex.insert(tags[i].key, static_cast<int>(i));
    }
}

QString Station::displayName() const
{
    return code.isEmpty() ? name : QStringLiteral("(%1)%2").arg(code, name);
}

std::vector<Zone> Station::zones() const
{
    std::vector<Zone> result;
    for (const Device& d : devices) {
        if (std::find(result.begin(), result.end(), d.zone) == result.end())
            result.push_back(d.zone);
    }
    std::sort(result.begin(), result.end());
    return result;
}

int Station::deviceIndex(QStringView deviceId) const
{
    for (std::size_t i = 0; i < devices.size(); ++i) {
        if (devices[i].id == deviceId)
            return static_cast<int>(i);
    }
    return -1;
}

void Project::reindex()
{
    for (StationTemplate& t : templates)
        t.indexKeys();

    m_tags.clear();
    m_stationIndex.clear();
    m_stationIndex.reserve(static_cast<qsizetype>(stations.size()));
    std::vector<qint32> overrideOf; // per template tag of the current device: station tag or 0
    for (std::size_t s = 0; s < stations.size(); ++s) {
        Station& station = stations[s];
        m_stationIndex.insert(station.id, static_cast<int>(s));
        station.firstTag = static_cast<TagId>(m_tags.size());
        for (std::size_t d = 0; d < station.devices.size(); ++d) {
            Device& device = station.devices[d];
            device.firstTag = static_cast<TagId>(m_tags.size());
            const auto ref = [&](qint32 def) {
                m_tags.push_back({static_cast<quint32>(s), static_cast<quint16>(d), def});
            };
            if (device.templateIndex >= 0) {
                const StationTemplate& t =
                    templates[static_cast<std::size_t>(device.templateIndex)];
                overrideOf.assign(t.tags.size(), 0);
                for (std::size_t k = 0; k < station.tags.size(); ++k) {
                    const StationTag& st = station.tags[k];
                    if (st.device == static_cast<int>(d) && st.overrides >= 0)
                        overrideOf[static_cast<std::size_t>(st.overrides)] =
                            -static_cast<qint32>(k) - 1;
                }
                for (std::size_t i = 0; i < t.tags.size(); ++i)
                    ref(overrideOf[i] != 0 ? overrideOf[i] : static_cast<qint32>(i));
            }
            for (std::size_t k = 0; k < station.tags.size(); ++k) {
                const StationTag& st = station.tags[k];
                if (st.device == static_cast<int>(d) && st.overrides < 0)
                    ref(-static_cast<qint32>(k) - 1);
            }
            device.tagCount = static_cast<quint32>(m_tags.size()) - device.firstTag;
        }
        station.tagCount = static_cast<quint32>(m_tags.size()) - station.firstTag;
    }
}

const TagDef& Project::tag(TagId id) const
{
    const TagRef& r = m_tags[id];
    const Station& station = stations[r.station];
    if (r.def < 0)
        return station.tags[static_cast<std::size_t>(-(r.def + 1))].def;
    const Device& device = station.devices[r.device];
    return templates[static_cast<std::size_t>(device.templateIndex)]
        .tags[static_cast<std::size_t>(r.def)];
}

const Device& Project::deviceOfTag(TagId id) const
{
    const TagRef& r = m_tags[id];
    return stations[r.station].devices[r.device];
}

QString Project::tagPath(TagId id) const
{
    return QStringLiteral("%1/%2/%3").arg(stationOfTag(id).id, deviceOfTag(id).id, tag(id).key);
}

int Project::stationIndex(QStringView id) const
{
    return m_stationIndex.value(id.toString(), -1);
}

namespace {
template <typename T>
int indexById(const std::vector<T>& items, QStringView id)
{
    const auto it =
        std::find_if(items.begin(), items.end(), [id](const T& x) { return x.id == id; });
    return it == items.end() ? -1 : static_cast<int>(it - items.begin());
}
} // namespace

int Project::templateIndex(QStringView id) const
{
    return indexById(templates, id);
}
int Project::lineIndex(QStringView id) const
{
    return indexById(lines, id);
}

int Project::brokerIndex(QStringView id) const
{
    return indexById(brokers, id);
}

bool Project::hasGateways() const
{
    for (const Station& s : stations) {
        for (const Device& d : s.devices) {
            if (isMqtt(d.settings.protocol))
                return true;
        }
    }
    return false;
}

TagId Project::findTag(QStringView stationId, QStringView deviceId, QStringView key) const
{
    const int s = stationIndex(stationId);
    if (s < 0)
        return InvalidTagId;
    const Station& station = stations[static_cast<std::size_t>(s)];
    const int d = station.deviceIndex(deviceId);
    if (d < 0)
        return InvalidTagId;
    const Device& device = station.devices[static_cast<std::size_t>(d)];
    if (device.templateIndex >= 0) {
        const int i =
            templates[static_cast<std::size_t>(device.templateIndex)].tagIndex(key.toString());
        if (i >= 0)
            return device.firstTag + static_cast<TagId>(i);
    }
    for (TagId id = device.firstTag; id < device.firstTag + device.tagCount; ++id) {
        if (tag(id).key == key)
            return id;
    }
    return InvalidTagId;
}

TagId Project::findTag(QStringView path) const
{
    const auto parts = path.split(u'/');
    if (parts.size() == 3)
        return findTag(parts[0], parts[1], parts[2]);
    if (parts.size() == 2) {
        const int s = stationIndex(parts[0]);
        if (s >= 0 && stations[static_cast<std::size_t>(s)].devices.size() == 1)
            return findTag(parts[0], stations[static_cast<std::size_t>(s)].devices[0].id, parts[1]);
    }
    return InvalidTagId;
}

} // namespace PumpWatch
