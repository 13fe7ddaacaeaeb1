// CityServer's control commands: time, inspection and fault injection (docs/simulator.md).
#include "cityserver_p.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace PumpWatch::Sim {
namespace {

QString ok(const QString& text = {})
{
    return text.isEmpty() ? QStringLiteral("ok") : QStringLiteral("ok ") + text;
}

QString error(const QString& text)
{
    return QStringLiteral("error: ") + text;
}

std::optional<bool> onOff(const QString& word)
{
    if (word == u"on")
        return true;
    if (word == u"off")
        return false;
    return std::nullopt;
}

/// "auto,start,stop": who runs each pump the house has (remote commands, PumpHouse::command).
QString pumpModes(const PumpHouse& h)
{
    QStringList modes;
    for (int i = 0; i < h.params().pumps; ++i) {
        const PumpMode m = h.pumpMode(i);
        modes << (m == PumpMode::Start  ? QStringLiteral("start")
                  : m == PumpMode::Stop ? QStringLiteral("stop")
                                        : QStringLiteral("auto"));
    }
    return modes.join(u',');
}

/// "100%,open", "40%,closing": the inlet valve's position and where it is going.
QString valveState(const InletValve& v)
{
    const double at = v.position();
    const QString where = v.opening()
                              ? (at >= 1.0 ? QStringLiteral("open") : QStringLiteral("opening"))
                              : (at <= 0.0 ? QStringLiteral("closed") : QStringLiteral("closing"));
    return QStringLiteral("%1%,%2").arg(std::round(100.0 * at)).arg(where);
}

} // namespace

QString CityServer::Impl::execute(const QString& line)
{
    const QStringList w = line.simplified().split(u' ', Qt::SkipEmptyParts);
    if (w.isEmpty())
        return error(CityServer::tr("empty command; try 'help'"));
    const QString& verb = w[0];
    const qint64 wall = wallClockMs();

    if (verb == u"help")
        return ok(QStringLiteral(
                      "time | pause | resume | speed X | get STATION/DEVICE/TAG | status TARGET | "
                      "drop TARGET | silence TARGET on|off | misanswer TARGET on|off | latency "
                      "TARGET MS | "
                      "exception TARGET START COUNT [CODE] | exception TARGET off | outage TARGET "
                      "on|off | "
                      "sensor TARGET KEY freeze|range|off | burst|overflow|lowlow TARGET on|off | "
                      "pumpfault TARGET N on|off | auto TARGET | clear TARGET") +
                  (hook ? QStringLiteral(" | ") + hook->help() : QString()));
    if (verb == u"time") {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(
            simNow(wall), QTimeZone(city.project().timeZone.toLatin1()));
        return ok(QStringLiteral("%1 speed %2%3")
                      .arg(t.toString(Qt::ISODate))
                      .arg(options.speed)
                      .arg(paused ? QStringLiteral(" paused") : QString()));
    }
    if (verb == u"pause" || verb == u"resume") {
        tick(); // the registers show the instant the clock stops at
        rebase(wall);
        paused = verb == u"pause";
        return ok();
    }
    if (verb == u"speed") {
        bool valid = false;
        const double speed = w.value(1).toDouble(&valid);
        if (!valid || speed <= 0 || speed > 100000)
            return error(CityServer::tr("speed must be a number above 0"));
        rebase(wall);
        options.speed = speed;
        return ok();
    }
    if (verb == u"get") {
        const QStringList parts = w.value(1).split(u'/');
        if (parts.size() != 3)
            return error(CityServer::tr("get takes STATION/DEVICE/TAG"));
        for (const int u : city.find(QString(parts[0] + u'/' + parts[1]))) {
            const CityUnit& unit = city.units()[static_cast<std::size_t>(u)];
            for (const Binding& b : unit.bindings) {
                if (city.project().tag(b.tag).key == parts[2])
                    return ok(QString::number(city.shownValue(unit, b), 'g', 9));
            }
        }
        return error(CityServer::tr("no simulated tag %1").arg(w.value(1)));
    }

    if (hook) { // the gateways' commands (gateways.h)
        const QString answer = hook->command(w);
        if (!answer.isNull())
            return answer;
    }
    if (verb.startsWith(u"gateway"))
        return error(CityServer::tr("this city has no gateways (devices mqtt-neuron or "
                                    "mqtt-sparkplug)"));

    // The rest act on a target: a station, or one of its devices.
    static const QStringList targeted =
        CityServer::faultCommands() + QStringList{QStringLiteral("status"), QStringLiteral("drop"),
                                                  QStringLiteral("clear"), QStringLiteral("auto")};
    if (!targeted.contains(verb))
        return error(CityServer::tr("unknown command '%1'; try 'help'").arg(verb));
    const std::vector<int> units = city.find(w.value(1));
    if (units.empty())
        return error(CityServer::tr("no station or device '%1'").arg(w.value(1)));
    std::vector<ServedDevice*> targets;
    for (ServedDevice& d : devices) {
        if (std::find(units.begin(), units.end(), d.unit) != units.end())
            targets.push_back(&d);
    }
    auto house = [this](ServedDevice* d) -> PumpHouse& {
        return city.units()[static_cast<std::size_t>(d->unit)].house;
    };
    const std::optional<bool> state = onOff(w.value(2));
    auto needState = [&] { return error(CityServer::tr("%1 takes TARGET on|off").arg(verb)); };

    if (verb == u"status") {
        QStringList out;
        for (ServedDevice* d : targets) {
            const CityUnit& unit = city.units()[static_cast<std::size_t>(d->unit)];
            const PumpHouse& h = unit.house;
            const ProcessFaults& f = h.faults();
            QStringList faults;
            if (deviceSilent(*d, wall))
                faults << QStringLiteral("silent");
            if (d->latencyMs)
                faults << QStringLiteral("latency=%1").arg(d->latencyMs);
            if (d->misanswer)
                faults << QStringLiteral("misanswer");
            if (d->exceptionCount)
                faults << QStringLiteral("exception=%1+%2")
                              .arg(d->exceptionStart)
                              .arg(d->exceptionCount);
            if (f.powerFail)
                faults << QStringLiteral("outage");
            if (f.burst)
                faults << QStringLiteral("burst");
            if (f.overflow)
                faults << QStringLiteral("overflow");
            if (f.lowLow)
                faults << QStringLiteral("lowlow");
            for (int i = 0; i < MaxPumps; ++i) {
                if (f.pumpFault[static_cast<std::size_t>(i)])
                    faults << QStringLiteral("pumpfault=%1").arg(i + 1);
            }
            out << QStringLiteral("%1 pumps=%2 tank=%3 running=%4%5%6 mode=%11 valve=%12 "
                                  "outlet_pressure=%7 outlet_flow=%8 tank_level=%9 faults=%10")
                       .arg(city.unitName(unit))
                       .arg(h.params().pumps)
                       .arg(h.params().breakTank ? QStringLiteral("break")
                                                 : QStringLiteral("suction"))
                       .arg(h.value(Var::Pump1Running))
                       .arg(h.value(Var::Pump2Running))
                       .arg(h.value(Var::Pump3Running))
                       .arg(h.value(Var::OutletPressure), 0, 'f', 4)
                       .arg(h.value(Var::OutletFlow), 0, 'f', 2)
                       .arg(h.value(Var::TankLevel), 0, 'f', 3)
                       .arg(faults.isEmpty() ? QStringLiteral("none") : faults.join(u','))
                       .arg(pumpModes(h), valveState(h.inletValve()));
        }
        return ok(out.join(QStringLiteral("; ")));
    }
    if (verb == u"drop") {
        int dropped = 0;
        for (ServedDevice* d : targets) {
            for (const auto& [fd, c] : connections)
                dropped += c.port == d->port ? 1 : 0;
            dropConnections(d->port);
        }
        return ok(QString::number(dropped));
    }
    if (verb == u"silence") {
        if (!state)
            return needState();
        for (ServedDevice* d : targets)
            d->silent = *state;
        return ok();
    }
    if (verb == u"misanswer") {
        if (!state)
            return needState();
        for (ServedDevice* d : targets)
            d->misanswer = *state;
        return ok();
    }
    if (verb == u"latency") {
        bool valid = false;
        const int ms = w.value(2).toInt(&valid);
        if (!valid || ms < 0 || ms > 600000)
            return error(CityServer::tr("latency takes TARGET MILLISECONDS"));
        for (ServedDevice* d : targets)
            d->latencyMs = ms;
        return ok();
    }
    if (verb == u"exception") {
        if (w.value(2) == u"off") {
            for (ServedDevice* d : targets)
                d->exceptionCount = 0;
            return ok();
        }
        bool a = false, b = false, c = true;
        const int start = w.value(2).toInt(&a);
        const int count = w.value(3).toInt(&b);
        const int code =
            w.size() > 4 ? w.value(4).toInt(&c) : MODBUS_EXCEPTION_ILLEGAL_DATA_ADDRESS;
        if (!a || !b || !c || start < 0 || count < 1 || start + count > 65536 || code < 1 ||
            code > 255)
            return error(CityServer::tr("exception takes TARGET START COUNT [CODE] or TARGET off"));
        for (ServedDevice* d : targets) {
            d->exceptionStart = static_cast<quint16>(start);
            d->exceptionCount = static_cast<quint16>(count);
            d->exceptionCode = static_cast<quint8>(code);
        }
        return ok();
    }
    if (verb == u"outage") {
        if (!state)
            return needState();
        for (ServedDevice* d : targets) {
            house(d).faults().powerFail = *state;
            d->deadAtWallMs = *state ? wall + options.outageHoldupMs : -1;
        }
        tick();
        return ok();
    }
    if (verb == u"sensor") {
        const std::optional<Var> var = varOfKey(w.value(2));
        const QString mode = w.value(3);
        if (!var || (mode != u"freeze" && mode != u"range" && mode != u"off"))
            return error(CityServer::tr("sensor takes TARGET KEY freeze|range|off"));
        for (ServedDevice* d : targets)
            house(d).setSensor(*var, mode == u"freeze"  ? SensorMode::Frozen
                                     : mode == u"range" ? SensorMode::OutOfRange
                                                        : SensorMode::Normal);
        tick();
        return ok();
    }
    if (verb == u"burst" || verb == u"overflow" || verb == u"lowlow") {
        if (!state)
            return needState();
        for (ServedDevice* d : targets) {
            ProcessFaults& f = house(d).faults();
            (verb == u"burst" ? f.burst : verb == u"overflow" ? f.overflow : f.lowLow) = *state;
        }
        return ok();
    }
    if (verb == u"pumpfault") {
        bool valid = false;
        const int pump = w.value(2).toInt(&valid);
        const std::optional<bool> on = onOff(w.value(3));
        if (!valid || pump < 1 || pump > MaxPumps || !on)
            return error(CityServer::tr("pumpfault takes TARGET PUMP(1-3) on|off"));
        for (ServedDevice* d : targets) {
            if (pump > house(d).params().pumps)
                return error(
                    CityServer::tr("%1 has %n pump(s)", nullptr, house(d).params().pumps)
                        .arg(city.unitName(city.units()[static_cast<std::size_t>(d->unit)])));
        }
        for (ServedDevice* d : targets)
            house(d).faults().pumpFault[static_cast<std::size_t>(pump - 1)] = *on;
        return ok();
    }
    if (verb == u"auto") { // the panel's selector back to automatic: remote commands released
        for (ServedDevice* d : targets)
            house(d).resetRemote();
        tick(); // the command bits show the staging's run commands at once
        return ok();
    }
    if (verb == u"clear") {
        for (ServedDevice* d : targets) {
            d->silent = false;
            d->deadAtWallMs = -1;
            d->latencyMs = 0;
            d->misanswer = false;
            d->exceptionCount = 0;
            PumpHouse& h = house(d);
            for (int v = 0; v < VarCount; ++v)
                h.setSensor(static_cast<Var>(v), SensorMode::Normal);
            h.faults() = ProcessFaults{};
        }
        tick();
        return ok();
    }
    return error(CityServer::tr("%1 is not implemented").arg(verb));
}

const QStringList& CityServer::faultCommands()
{
    static const QStringList verbs = {
        QStringLiteral("outage"),    QStringLiteral("burst"),     QStringLiteral("overflow"),
        QStringLiteral("lowlow"),    QStringLiteral("pumpfault"), QStringLiteral("sensor"),
        QStringLiteral("silence"),   QStringLiteral("latency"),   QStringLiteral("exception"),
        QStringLiteral("misanswer"), QStringLiteral("gateway"),   QStringLiteral("gateway-link")};
    return verbs;
}

} // namespace PumpWatch::Sim
