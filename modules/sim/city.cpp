#include "city.h"

#include <core/registercodec.h>

#include <QDateTime>

#include <algorithm>
#include <array>
#include <cmath>

namespace PumpWatch::Sim {
namespace {

constexpr qint64 MsPerDay = 86'400'000;
constexpr double DefaultSetpointMPa = 0.40;

/// The outlet pressure a station is run at: the middle of its L..H alarm band.
double setpointOf(const Project& project, const Station& station, const Device& device)
{
    const TagId id = project.findTag(station.id, device.id, u"outlet_pressure");
    if (id == InvalidTagId)
        return DefaultSetpointMPa;
    const AlarmLimits& a = project.tag(id).alarm;
    if (a.low && a.high)
        return (*a.low + *a.high) / 2.0;
    return DefaultSetpointMPa;
}

} // namespace

quint64 unitKey(quint64 seed, QStringView station, QStringView device)
{
    QString name = station.toString();
    name += u'/';
    name += device;
    return mixKey(seed, textKey(name));
}

Equipment derivedEquipment(quint64 seed, QStringView station, QStringView device)
{
    // The setpoint and zone size the pumps, they do not choose how many or the tank.
    const PumpHouseParams p =
        PumpHouseParams::derive(unitKey(seed, station, device), DefaultSetpointMPa, false);
    return {p.pumps, p.breakTank};
}

City::City(const Project& project, quint64 seed, qint64 startMs)
    : m_project(project)
    , m_zone(project.timeZone.toLatin1())
    , m_timeMs(startMs)
{
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();
    const LocalTime local = localTime(startMs);
    for (int s = 0; s < static_cast<int>(project.stations.size()); ++s) {
        const Station& station = project.stations[static_cast<std::size_t>(s)];
        for (int d = 0; d < static_cast<int>(station.devices.size()); ++d) {
            const Device& device = station.devices[static_cast<std::size_t>(d)];
            const PumpHouseParams params = PumpHouseParams::derive(
                unitKey(seed, station.id, device.id), setpointOf(project, station, device),
                device.zone == Zone::High, device.equipment.pumps, device.equipment.tank);
            CityUnit unit{s, d, PumpHouse(params, startMs, local), {}};
            for (TagId id = device.firstTag; id < device.firstTag + device.tagCount; ++id) {
                const TagDef& def = project.tag(id);
                const std::optional<Var> var = varOfKey(def.key);
                const ModbusMapping where = toModbus(
                    def.address, def.type, device.settings.addressing, device.settings.holdStart);
                if (!var || !where.location)
                    continue;
                unit.bindings.push_back({id, *var, *where.location, def.type, def.scale,
                                         def.access == Access::ReadWrite});
            }
            m_units.push_back(std::move(unit));
        }
    }
}

const Device& City::device(const CityUnit& unit) const
{
    return m_project.stations[static_cast<std::size_t>(unit.station)]
        .devices[static_cast<std::size_t>(unit.device)];
}

QString City::unitName(const CityUnit& unit) const
{
    return m_project.stations[static_cast<std::size_t>(unit.station)].id + u'/' + device(unit).id;
}

LocalTime City::localTime(qint64 utcMs) const
{
    const qint64 offsetMs =
        1000LL * m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()));
    const qint64 localMs = utcMs + offsetMs;
    const qint64 day = localMs >= 0 ? localMs / MsPerDay : (localMs - MsPerDay + 1) / MsPerDay;
    LocalTime t;
    t.dayNumber = day;
    t.secondsOfDay = static_cast<double>(localMs - day * MsPerDay) / 1000.0;
    t.dayOfWeek = static_cast<int>(((day + 3) % 7 + 7) % 7) + 1; // 1970-01-01 was a Thursday
    return t;
}

void City::advance(qint64 nowMs)
{
    // The model's sub-steps one at a time, each with the local time of its own end: a jump over
    // hours (the demo's live city from its anchor to now) passes midnight on the right weekday
    // and a change of the zone's offset at its instant, and takes exactly the sub-steps, with
    // the same local times to the bit, of a run stepped every minute (the backfill).
    while (m_timeMs < nowMs) {
        const qint64 t =
            std::min(nowMs, (m_timeMs / PumpHouse::MaxStepMs + 1) * PumpHouse::MaxStepMs);
        const LocalTime local = localTime(t);
        for (CityUnit& unit : m_units)
            unit.house.step(t, local);
        m_timeMs = t;
    }
}

std::vector<int> City::find(QStringView target) const
{
    const qsizetype slash = target.indexOf(u'/');
    const QStringView stationId = slash < 0 ? target : target.left(slash);
    const QStringView deviceId = slash < 0 ? QStringView() : target.mid(slash + 1);
    std::vector<int> found;
    for (int i = 0; i < static_cast<int>(m_units.size()); ++i) {
        const CityUnit& unit = m_units[static_cast<std::size_t>(i)];
        if (m_project.stations[static_cast<std::size_t>(unit.station)].id != stationId)
            continue;
        if (slash < 0 || device(unit).id == deviceId)
            found.push_back(i);
    }
    return found;
}

double City::shownValue(const CityUnit& unit, const Binding& binding) const
{
    const WordOrder order = device(unit).settings.wordOrder;
    std::array<quint16, 4> regs{};
    RegisterCodec::write(binding.location, binding.type, order,
                         binding.scale.toRaw(unit.house.value(binding.var)), regs);
    return binding.scale.toEngineering(
        RegisterCodec::read(binding.location, binding.type, order, regs));
}

void City::applyWrite(CityUnit& unit, const Binding& binding, double raw)
{
    if (!binding.writable)
        return;
    const double value = binding.scale.toEngineering(raw);
    // A bit shares its register with others, and clients write the whole register back (read,
    // modify, write): only the bits that change are commands, as for the PLC's edge detection.
    if (binding.location.bit >= 0 && value == shownValue(unit, binding))
        return;
    unit.house.command(binding.var, value);
}

} // namespace PumpWatch::Sim
