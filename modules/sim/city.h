// City: the pump houses of a project brought to life — one PumpHouse model per device, seeded
// from the station and device ids, and each device tag bound to the model variable of the same
// key and to its Modbus location under the device's addressing and word order. A device's
// stated equipment (pumps, break tank) is the pump house simulated; what it leaves unstated is
// derived from the seed and its name.
//
// Tags whose key the model does not know (a project's extra tags) have no binding; the server
// still maps their registers, as plain PLC memory. The local time of the demand curve is the
// project's time zone. Not thread-safe: one thread steps and reads it.
//
//     City city(project, /*seed*/ 1, startMs);
//     city.advance(startMs + 60'000);
//     for (int unit : city.find(u"S0001")) city.units()[unit].house.faults().burst = true;
#pragma once

#include "pumphouse.h"

#include <core/address.h>
#include <core/project.h>

#include <QTimeZone>

#include <vector>

namespace PumpWatch::Sim {

struct Binding {
    TagId tag = 0;
    Var var = Var::Count;
    ModbusLocation location;
    DataType type = DataType::Invalid;
    Scaling scale;
    bool writable = false;
};

struct CityUnit {
    int station = 0;
    int device = 0;
    PumpHouse house;
    std::vector<Binding> bindings;
};

/// The model's key of a device: the seed mixed with "station/device".
quint64 unitKey(quint64 seed, QStringView station, QStringView device);
/// The pumps and tank the model gives a device whose project does not state them; a project
/// that states them (Device::equipment) is simulated with what it states.
Equipment derivedEquipment(quint64 seed, QStringView station, QStringView device);

class City {
public:
    City(const Project& project, quint64 seed, qint64 startMs);

    const Project& project() const { return m_project; }
    std::vector<CityUnit>& units() { return m_units; }
    const std::vector<CityUnit>& units() const { return m_units; }
    const Device& device(const CityUnit& unit) const;
    /// "S0001/low"
    QString unitName(const CityUnit& unit) const;

    LocalTime localTime(qint64 utcMs) const;
    /// Steps every pump house to `nowMs`, sub-step by sub-step (PumpHouse::step).
    void advance(qint64 nowMs);
    qint64 timeMs() const { return m_timeMs; }

    /// The units of "S0001" (every device of the station) or "S0001/low"; empty if unknown.
    std::vector<int> find(QStringView target) const;

    /// The tag's value as a client decodes it: scaled to raw, stored as its data type in the
    /// device's word order, read back and scaled again (float32 rounding included).
    double shownValue(const CityUnit& unit, const Binding& binding) const;
    /// A client wrote the tag's registers: hand the decoded value to the model. A bit within a
    /// register is a command only when it changes (the client wrote its neighbours back as read).
    void applyWrite(CityUnit& unit, const Binding& binding, double raw);

private:
    const Project& m_project;
    QTimeZone m_zone;
    qint64 m_timeMs = 0;
    std::vector<CityUnit> m_units;
};

} // namespace PumpWatch::Sim
