#include "alarmengine.h"

#include <core/projectwriter.h>

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace PumpWatch::Alarms {
namespace {

constexpr qint64 MinuteMs = 60'000;

qint64 toMs(double seconds)
{
    return static_cast<qint64>(std::llround(seconds * 1000.0));
}

AlarmType limitType(qint8 level)
{
    switch (level) {
    case -2:
        return AlarmType::LowLow;
    case -1:
        return AlarmType::Low;
    case 1:
        return AlarmType::High;
    default:
        return AlarmType::HighHigh;
    }
}

/// The limit level a value is at, with hysteresis: leaving or stepping down from a level needs
/// the value back inside by the deadband; entering or stepping up does not.
qint8 classify(double v, const LimitValues& l, double deadband, qint8 current)
{
    const auto above = [&](const std::optional<double>& limit, qint8 level) {
        return limit && v > *limit - (current >= level ? deadband : 0.0);
    };
    const auto below = [&](const std::optional<double>& limit, qint8 level) {
        return limit && v < *limit + (current <= level ? deadband : 0.0);
    };
    if (above(l.highHigh, 2))
        return 2;
    if (above(l.high, 1))
        return 1;
    if (below(l.lowLow, -2))
        return -2;
    if (below(l.low, -1))
        return -1;
    return 0;
}

bool isSensorFaultBit(const TagDef& def)
{
    return def.key.endsWith(u"sensor_fault");
}

} // namespace

AlarmEngine::AlarmEngine(const Project& project, const Clock& clock,
                         const AlarmEngineOptions& options)
    : m_project(project)
    , m_clock(clock)
    , m_options(options)
    , m_zone(project.timeZone.toLatin1())
    , m_rules(project, options.file)
    , m_tags(project.tagCount())
    , m_limitsOf(project.tagCount())
    , m_ruleConditions(m_rules.instances().size())
{
    for (std::size_t s = 0; s < project.stations.size(); ++s) {
        const Station& station = project.stations[s];
        m_firstDevice.push_back(static_cast<int>(m_devices.size()));
        for (std::size_t d = 0; d < station.devices.size(); ++d) {
            DeviceState ds;
            ds.station = static_cast<int>(s);
            ds.device = static_cast<int>(d);
            const Device& device = station.devices[d];
            bool hasPowerBit = false;
            for (TagId t = device.firstTag; t < device.firstTag + device.tagCount; ++t)
                hasPowerBit = hasPowerBit || project.tag(t).quantity == Quantity::PowerFail;
            for (TagId t = device.firstTag; t < device.firstTag + device.tagCount; ++t) {
                const TagDef& def = project.tag(t);
                TagState& ts = m_tags[t];
                ts.device = static_cast<int>(m_devices.size());
                m_limitsOf[t] = &def.alarm;
                if (def.quantity == Quantity::PowerFail)
                    ts.role = Role::PowerBit;
                else if (def.quantity == Quantity::Voltage && !hasPowerBit)
                    ts.role = Role::Voltage;
                else if (def.quantity == Quantity::Fault)
                    ts.role = Role::FaultBit;
                watch(t);
            }
            m_devices.push_back(ds);
        }
    }
}

AlarmEngine::~AlarmEngine() = default;

void AlarmEngine::watch(TagId tag)
{
    TagState& t = m_tags[tag];
    const AlarmLimits& a = limits(tag);
    // A voltage tag with limits is watched for both its limits and the station's power.
    if (t.role == Role::None || t.role == Role::Process)
        t.role = a.hasChecks() &&
                         quantityInfo(m_project.tag(tag).quantity).aggregation != Aggregation::State
                     ? Role::Process
                     : Role::None;
    t.watchesRate = a.ratePerMinute.has_value() ||
                    std::any_of(a.periods.begin(), a.periods.end(), [](const AlarmPeriod& p) {
                        return p.limits.ratePerMinute.has_value();
                    });
    const bool rangeDelayed = (a.rangeMin || a.rangeMax) && a.rangeDelayS() > 0;
    const bool timed = a.onDelayS > 0 || a.offDelayS > 0 || a.frozenS > 0 || !a.periods.empty() ||
                       t.watchesRate || rangeDelayed;
    const auto at = std::lower_bound(m_timed.begin(), m_timed.end(), tag); // kept sorted
    if (timed && (at == m_timed.end() || *at != tag))
        m_timed.insert(at, tag);
}

// --- settings ------------------------------------------------------------------------------

void AlarmEngine::setLimits(TagId tag, const AlarmLimits& limits, const Actor& who)
{
    if (tag >= m_tags.size() || limits == this->limits(tag))
        return;
    const qint64 now = m_clock.nowMs();
    m_audit.push_back({now, who, QStringLiteral("limits"), tag, QString(),
                       ProjectWriter::alarmText(this->limits(tag)),
                       ProjectWriter::alarmText(limits)});
    AlarmLimits& stored = m_edited[tag];
    stored = limits;
    m_limitsOf[tag] = &stored;
    watch(tag);

    // The standing value is judged against the new settings at once: an alarm its new limits no
    // longer call for ends, one they call for is raised (after the on-delay, as always).
    TagState& t = m_tags[tag];
    t.period = -2;
    if (t.watchesRate && t.recent.empty() && t.hasValue)
        t.recent.emplace_back(t.valueMs, t.value); // a new rate limit counts from the last value
    if (t.role == Role::PowerBit || t.role == Role::FaultBit)
        return;
    const bool judged = t.role == Role::Process || (t.role == Role::Voltage && limits.hasChecks());
    const auto clear = [&](Condition& c) {
        if (c.level != 0)
            move(c, 0, now, {});
        c.pending = 0;
    };
    if (!judged || !t.hasValue) {
        if (t.role != Role::Voltage)
            clear(t.level);
        clear(t.rate);
        clear(t.sensor);
        t.range = {};
        return;
    }
    if (m_devices[static_cast<std::size_t>(t.device)].suppressed() || evaluateSensor(tag, t, now))
        return;
    if (!limits.enabled) {
        if (t.role != Role::Voltage)
            clear(t.level);
        clear(t.rate);
        return;
    }
    evaluateLimits(tag, t, now);
    if (t.watchesRate)
        evaluateRate(tag, t, now, /*newValue=*/false);
    else
        clear(t.rate);
}

// --- samples -------------------------------------------------------------------------------

void AlarmEngine::process(std::span<const Sample> batch)
{
    // Power and fault bits first: a power outage read in the same batch as the pressure it
    // drops suppresses the pressure alarms instead of following them.
    for (const Sample& s : batch) {
        if (s.historical || s.tag >= m_tags.size() || !isGood(s.quality))
            continue;
        TagState& t = m_tags[s.tag];
        if (t.role == Role::PowerBit || t.role == Role::Voltage || t.role == Role::FaultBit)
            evaluateState(s.tag, t, s.value, s.timestampMs);
    }
    for (const Sample& s : batch) {
        if (s.historical) {
            ++m_stats.historical;
            continue;
        }
        if (s.tag >= m_tags.size() || !isGood(s.quality))
            continue;
        ++m_stats.samples;
        TagState& t = m_tags[s.tag];
        if (t.hasValue && s.timestampMs < t.valueMs)
            continue; // older than what we have: not live
        if (!t.hasValue || s.value != t.value)
            t.changedMs = s.timestampMs;
        t.hasValue = true;
        t.value = s.value;
        t.valueMs = s.timestampMs;
        if (t.role == Role::Process || (t.role == Role::Voltage && limits(s.tag).hasChecks()))
            evaluateProcess(s.tag, t, s.timestampMs);
        for (int i : m_rules.instancesOf(s.tag)) {
            RuleSet::Instance& in = m_rules.instances()[static_cast<std::size_t>(i)];
            m_rules.update(in, m_rules.variableOf(in, s.tag), s.timestampMs, s.value);
        }
    }
    const qint64 now = m_clock.nowMs();
    for (std::size_t i = 0; i < m_rules.instances().size(); ++i) {
        if (m_rules.instances()[i].dirty)
            evaluateRule(static_cast<int>(i), now);
    }
}

void AlarmEngine::evaluateState(TagId tag, TagState& t, double value, qint64 ms)
{
    DeviceState& d = m_devices[static_cast<std::size_t>(t.device)];
    if (d.offline)
        return;
    if (t.role == Role::PowerBit || t.role == Role::Voltage) {
        const bool failed =
            t.role == Role::PowerBit ? value != 0.0 : value < m_options.powerFailVolts;
        if (failed != (t.level.level != 0)) {
            t.level.level = failed ? 1 : 0;
            setPowerFail(d, failed, ms, tag, value);
        }
        return;
    }
    const AlarmLimits& a = limits(tag);
    if (d.suppressed() || !a.enabled)
        return;
    const qint8 target = value != 0.0 ? 1 : 0;
    qint64 at = ms;
    if (settle(t.level, target, ms, toMs(a.onDelayS), toMs(a.offDelayS), at)) {
        const TagDef& def = m_project.tag(tag);
        move(t.level, target, at,
             tagRecord(tag,
                       isSensorFaultBit(def) ? AlarmType::SensorFault : AlarmType::EquipmentFault,
                       value));
    }
}

void AlarmEngine::evaluateProcess(TagId tag, TagState& t, qint64 ms)
{
    if (m_devices[static_cast<std::size_t>(t.device)].suppressed())
        return;
    if (evaluateSensor(tag, t, ms))
        return; // a faulty sensor's value says nothing about the process
    if (!limits(tag).enabled)
        return;
    evaluateLimits(tag, t, ms);
    if (t.watchesRate)
        evaluateRate(tag, t, ms, /*newValue=*/true);
}

bool AlarmEngine::evaluateSensor(TagId tag, TagState& t, qint64 ms)
{
    const AlarmLimits& a = limits(tag);
    // A broken loop reads far outside the range; a value at its edge (an empty tank reading
    // −0.0005 m) is within the tolerance. Outside counts after the range delay, and ends once
    // the value is back inside by the deadband for as long.
    const double slack = a.rangeTolerance() - (t.range.level != 0 ? a.rangeDeadband() : 0.0);
    const bool outside = (a.rangeMin && t.value < *a.rangeMin - slack) ||
                         (a.rangeMax && t.value > *a.rangeMax + slack);
    const qint64 delayMs = toMs(a.rangeDelayS());
    qint64 rangeAt = ms;
    if (settle(t.range, outside ? 1 : 0, ms, delayMs, delayMs, rangeAt))
        t.range.level = t.range.pending = outside ? 1 : 0;
    const bool outOfRange = t.range.level != 0;
    const qint64 frozenMs = toMs(a.frozenS);
    const bool frozen = frozenMs > 0 && t.hasValue && ms - t.changedMs >= frozenMs;
    const qint8 target = outOfRange || frozen ? 1 : 0;
    if (target != t.sensor.level) {
        AlarmRecord r = tagRecord(tag, AlarmType::SensorFault, t.value);
        const QString unit = m_project.tag(tag).unit;
        if (outOfRange)
            r.detail = AlarmCause::sensorRange(a.rangeMin, a.rangeMax, unit);
        else if (frozen)
            r.detail = AlarmCause::frozen(a.frozenS);
        // Each is noticed the moment it has lasted long enough: the range delay, the frozen time.
        const qint64 at = outOfRange ? rangeAt : frozen ? t.changedMs + frozenMs : rangeAt;
        move(t.sensor, target, at, r);
    }
    // Outside and waiting for the delay, the value says nothing about the process either.
    return target != 0 || t.range.pending != 0;
}

void AlarmEngine::evaluateLimits(TagId tag, TagState& t, qint64 ms)
{
    const AlarmLimits& a = limits(tag);
    const LimitValues& limits = limitsAt(a, ms, &t.period);
    const qint8 target = classify(t.value, limits, a.deadband, t.level.level);
    qint64 at = ms;
    if (settle(t.level, target, ms, toMs(a.onDelayS), toMs(a.offDelayS), at))
        move(t.level, target, at, tagRecord(tag, limitType(target), t.value));
}

void AlarmEngine::evaluateRate(TagId tag, TagState& t, qint64 ms, bool newValue)
{
    const AlarmLimits& a = limits(tag);
    if (newValue)
        t.recent.emplace_back(ms, t.value);
    while (!t.recent.empty() && t.recent.front().first < ms - MinuteMs)
        t.recent.pop_front();
    const LimitValues& limits = limitsAt(a, ms, &t.period);
    if (!limits.ratePerMinute) {
        qint64 at = ms;
        if (settle(t.rate, 0, ms, 0, 0, at))
            move(t.rate, 0, at, {});
        return;
    }
    double lo = t.value;
    double hi = t.value;
    for (const auto& [when, v] : t.recent) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    // The change within the last minute, against the limit (less the deadband to return).
    const double change = hi - lo;
    const double limit = *limits.ratePerMinute - (t.rate.level ? a.deadband : 0.0);
    const qint8 target = change > limit ? 1 : 0;
    qint64 at = ms;
    if (settle(t.rate, target, ms, toMs(a.onDelayS), toMs(a.offDelayS), at)) {
        AlarmRecord r = tagRecord(tag, AlarmType::Rate, t.value);
        r.detail = AlarmCause::rate(change, m_project.tag(tag).unit);
        move(t.rate, target, at, r);
    }
}

void AlarmEngine::evaluateRule(int instance, qint64 ms)
{
    RuleSet::Instance& in = m_rules.instances()[static_cast<std::size_t>(instance)];
    const DeviceState& d = m_devices[static_cast<std::size_t>(
        m_firstDevice[static_cast<std::size_t>(in.station)] + in.device)];
    if (d.suppressed()) {
        in.dirty = false;
        return;
    }
    const std::optional<bool> result = m_rules.evaluate(in, ms);
    if (!result)
        return;
    const AlarmRule& rule = m_project.alarmRules[static_cast<std::size_t>(in.rule)];
    Condition& c = m_ruleConditions[static_cast<std::size_t>(instance)];
    qint64 at = ms;
    if (settle(c, *result ? 1 : 0, ms, toMs(rule.onDelayS), toMs(rule.offDelayS), at)) {
        AlarmRecord r;
        r.type = AlarmType::Rule;
        r.severity = rule.critical ? Severity::Critical : Severity::Warning;
        r.station = in.station;
        r.device = in.device;
        r.tag = in.tags.front();
        r.rule = in.rule;
        r.value = m_rules.leadValue(in);
        r.detail = AlarmCause::rule(rule.id, rule.name);
        move(c, *result ? 1 : 0, at, r);
    }
}

void AlarmEngine::setPowerFail(DeviceState& d, bool failed, qint64 ms, TagId tag, double value)
{
    const bool wasSuppressed = d.suppressed();
    d.powerFailures += failed ? 1 : -1;
    const qint8 target = d.powerFailures > 0 ? 1 : 0;
    if (target != d.power.level) {
        move(d.power, target, ms, tagRecord(tag, AlarmType::PowerFail, value));
    }
    setSuppressed(static_cast<int>(&d - m_devices.data()), wasSuppressed, ms);
}

void AlarmEngine::setSuppressed(int device, bool wasSuppressed, qint64 ms)
{
    DeviceState& d = m_devices[static_cast<std::size_t>(device)];
    const bool now = d.suppressed();
    if (now == wasSuppressed)
        return;
    for (auto& [key, r] : m_live) {
        if (r.station == d.station && r.device == d.device && r.type != AlarmType::CommFailure &&
            r.type != AlarmType::PowerFail)
            r.suppressed = now;
    }
    if (now)
        return;
    // Back: judge from fresh values, with no delay or frozen timer carried over the gap.
    const Device& dev = m_project.stations[static_cast<std::size_t>(d.station)]
                            .devices[static_cast<std::size_t>(d.device)];
    for (TagId tag = dev.firstTag; tag < dev.firstTag + dev.tagCount; ++tag) {
        TagState& t = m_tags[tag];
        t.changedMs = ms;
        t.hasValue = false;
        t.recent.clear();
        t.level.pending = t.level.level;
        t.rate.pending = t.rate.level;
        t.range.pending = t.range.level;
    }
}

// --- communication and system ----------------------------------------------------------------

void AlarmEngine::deviceStatus(int station, int device, bool online, qint64 ms,
                               const QString& error)
{
    if (station < 0 || static_cast<std::size_t>(station) >= m_firstDevice.size())
        return;
    const int index = m_firstDevice[static_cast<std::size_t>(station)] + device;
    DeviceState& d = m_devices[static_cast<std::size_t>(index)];
    if (d.offline == !online)
        return;
    const bool wasSuppressed = d.suppressed();
    d.offline = !online;
    AlarmRecord r;
    r.type = AlarmType::CommFailure;
    r.severity = defaultSeverity(r.type);
    r.station = station;
    r.device = device;
    // The seed's cause of a comm alarm: a station that lost power goes silent after its UPS.
    r.detail = d.powerFailures > 0 ? AlarmCause::powerOutage() : error;
    move(d.comm, online ? 0 : 1, ms, r);
    setSuppressed(index, wasSuppressed, ms);
}

void AlarmEngine::systemStatus(SystemCondition which, bool healthy, qint64 ms,
                               const QString& detail)
{
    AlarmRecord r;
    r.type = which == SystemCondition::Database ? AlarmType::Database
             : which == SystemCondition::Broker ? AlarmType::Broker
                                                : AlarmType::Service;
    r.severity = defaultSeverity(r.type);
    r.detail = detail;
    Condition& c = m_system[static_cast<int>(which)];
    if ((c.level != 0) != !healthy)
        move(c, healthy ? 0 : 1, ms, r);
}

void AlarmEngine::commandStatus(TagId commandTag, bool failed, qint64 ms, const QString& detail)
{
    if (commandTag >= m_tags.size())
        return;
    Condition& c = m_commands[commandTag];
    if ((c.level != 0) == failed)
        return;
    const Station& s = m_project.stationOfTag(commandTag);
    AlarmRecord r;
    r.type = AlarmType::CommandFailed;
    r.severity = defaultSeverity(r.type);
    r.station = m_project.stationIndexOfTag(commandTag);
    r.device = s.deviceIndex(m_project.deviceOfTag(commandTag).id);
    r.tag = commandTag;
    r.detail = detail;
    move(c, failed ? 1 : 0, ms, r);
}

// --- time ----------------------------------------------------------------------------------

void AlarmEngine::tick()
{
    const qint64 now = m_clock.nowMs();
    for (auto it = m_shelved.begin(); it != m_shelved.end();) {
        if (it->second.first > now) {
            ++it;
            continue;
        }
        const TagId tag = it->first;
        it = m_shelved.erase(it);
        for (auto& [key, r] : m_live) {
            if (r.tag == tag && r.type != AlarmType::PowerFail)
                r.shelved = false;
        }
        m_audit.push_back(
            {now, Actor(), QStringLiteral("unshelve"), tag, tr("shelving expired"), {}, {}});
    }
    for (TagId tag : m_timed) {
        TagState& t = m_tags[tag];
        if (!t.hasValue || t.role != Role::Process ||
            m_devices[static_cast<std::size_t>(t.device)].suppressed())
            continue;
        // Re-judging the last value at `now` settles expired delays, notices a frozen value,
        // applies a new period's limits and lets a rate window age.
        const qint64 saved = t.valueMs;
        if (evaluateSensor(tag, t, now) || !limits(tag).enabled)
            continue;
        evaluateLimits(tag, t, now);
        if (t.watchesRate)
            evaluateRate(tag, t, now, /*newValue=*/false);
        t.valueMs = saved;
    }
    for (std::size_t i = 0; i < m_rules.instances().size(); ++i)
        evaluateRule(static_cast<int>(i), now);
}

// --- operators -----------------------------------------------------------------------------

bool AlarmEngine::acknowledge(quint64 key, const Actor& who, const QString& note)
{
    const auto it = m_live.find(key);
    if (it == m_live.end() || it->second.isAcknowledged())
        return false;
    AlarmRecord& r = it->second;
    r.ackMs = std::max<qint64>(m_clock.nowMs(), 1);
    r.ackUser = who.name;
    r.ackLogin = who.login;
    r.note = note;
    m_changes.push_back({AlarmChange::Acknowledged, r});
    if (!r.isActive())
        m_live.erase(it); // returned and acknowledged: back to normal (ISA state A)
    return true;
}

int AlarmEngine::acknowledgeStation(int station, const Actor& who, const QString& note)
{
    std::vector<quint64> keys;
    for (const auto& [key, r] : m_live) {
        if (r.station == station && !r.isAcknowledged())
            keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    for (quint64 key : keys)
        acknowledge(key, who, note);
    return static_cast<int>(keys.size());
}

bool AlarmEngine::shelve(TagId tag, qint64 durationMs, const Actor& who, const QString& reason)
{
    if (tag >= m_tags.size() || durationMs <= 0 || who.login.isEmpty())
        return false;
    const qint64 now = m_clock.nowMs();
    m_shelved[tag] = {now + durationMs, who.name};
    for (auto& [key, r] : m_live) {
        if (r.tag == tag && r.type != AlarmType::PowerFail)
            r.shelved = true;
    }
    m_audit.push_back(
        {now,
         who,
         QStringLiteral("shelve"),
         tag,
         tr("for %1 min: %2").arg(static_cast<double>(durationMs) / 60'000.0).arg(reason),
         {},
         // Until when, as UTC: read back when another run or a standby takes the alarms over.
         QDateTime::fromMSecsSinceEpoch(now + durationMs, Qt::UTC).toString(Qt::ISODateWithMs)});
    return true;
}

bool AlarmEngine::restoreShelf(TagId tag, qint64 untilMs, const QString& by)
{
    if (tag >= m_tags.size() || untilMs <= m_clock.nowMs())
        return false;
    m_shelved[tag] = {untilMs, by};
    for (auto& [key, r] : m_live) {
        if (r.tag == tag && r.type != AlarmType::PowerFail)
            r.shelved = true;
    }
    return true;
}

bool AlarmEngine::unshelve(TagId tag, const Actor& who)
{
    if (m_shelved.erase(tag) == 0)
        return false;
    for (auto& [key, r] : m_live) {
        if (r.tag == tag)
            r.shelved = false;
    }
    m_audit.push_back({m_clock.nowMs(), who, QStringLiteral("unshelve"), tag, {}, {}, {}});
    return true;
}

void AlarmEngine::silence(const Actor& who, int sounding)
{
    m_audit.push_back({m_clock.nowMs(),
                       who,
                       QStringLiteral("silence"),
                       InvalidTagId,
                       tr("%n critical alarm(s) silenced", nullptr, sounding),
                       {},
                       {},
                       QStringLiteral("alarm-horn")});
}

// --- records -------------------------------------------------------------------------------

std::vector<quint64> AlarmEngine::restore(std::vector<AlarmRecord> records)
{
    std::vector<quint64> keys;
    for (AlarmRecord& r : records) {
        if (!r.isActive()) {
            // Ended but not acknowledged: it stays in the list until someone does, holding no
            // condition (ISA-18.2's "returned, unacknowledged").
            if (r.isAcknowledged() || r.endMs == 0) {
                keys.push_back(0);
                continue;
            }
            r.key = m_nextKey++;
            keys.push_back(r.key);
            m_live.emplace(r.key, std::move(r));
            continue;
        }
        Condition* c = nullptr;
        qint8 level = 1;
        const bool hasTag = r.tag < m_tags.size();
        const bool hasDevice = r.station >= 0 &&
                               static_cast<std::size_t>(r.station) < m_firstDevice.size() &&
                               r.device >= 0;
        DeviceState* d = hasDevice
                             ? &m_devices[static_cast<std::size_t>(
                                   m_firstDevice[static_cast<std::size_t>(r.station)] + r.device)]
                             : nullptr;
        switch (r.type) {
        case AlarmType::LowLow:
        case AlarmType::Low:
        case AlarmType::High:
        case AlarmType::HighHigh:
            level = r.type == AlarmType::LowLow ? -2
                    : r.type == AlarmType::Low  ? -1
                    : r.type == AlarmType::High ? 1
                                                : 2;
            c = hasTag ? &m_tags[r.tag].level : nullptr;
            break;
        case AlarmType::Rate:
            c = hasTag ? &m_tags[r.tag].rate : nullptr;
            break;
        case AlarmType::SensorFault:
        case AlarmType::EquipmentFault:
            if (hasTag) {
                TagState& t = m_tags[r.tag];
                c = t.role == Role::FaultBit ? &t.level : &t.sensor;
                if (c == &t.sensor && AlarmCause::parse(r.detail).value_or(AlarmCause{}).code ==
                                          AlarmCause::SensorRange)
                    t.range.level = t.range.pending = 1; // ends after the delay once back inside
            }
            break;
        case AlarmType::PowerFail:
            if (d && hasTag && d->power.record == 0) {
                c = &d->power;
                m_tags[r.tag].level.level = 1;
                ++d->powerFailures;
            }
            break;
        case AlarmType::CommFailure:
            if (d) {
                c = &d->comm;
                d->offline = true; // until acquisition reports it online again
            }
            break;
        case AlarmType::Rule:
            for (std::size_t i = 0; i < m_rules.instances().size(); ++i) {
                const RuleSet::Instance& in = m_rules.instances()[i];
                if (in.rule == r.rule && in.station == r.station && in.device == r.device)
                    c = &m_ruleConditions[i];
            }
            break;
        case AlarmType::Database:
        case AlarmType::Service:
        case AlarmType::Broker:
            c = &m_system[static_cast<int>(r.type == AlarmType::Database ? SystemCondition::Database
                                           : r.type == AlarmType::Broker
                                               ? SystemCondition::Broker
                                               : SystemCondition::AcquisitionService)];
            break;
        case AlarmType::CommandFailed:
            if (r.tag < m_tags.size())
                c = &m_commands[r.tag];
            break;
        }
        if (!c || c->record != 0) {
            keys.push_back(0);
            continue;
        }
        r.key = m_nextKey++;
        c->record = r.key;
        c->level = level;
        c->pending = level;
        keys.push_back(r.key);
        m_live.emplace(r.key, std::move(r));
    }
    // Suppression follows the restored comm and power states.
    for (auto& [key, r] : m_live) {
        if (r.station >= 0 && r.device >= 0 && r.type != AlarmType::CommFailure &&
            r.type != AlarmType::PowerFail)
            r.suppressed =
                m_devices[static_cast<std::size_t>(
                              m_firstDevice[static_cast<std::size_t>(r.station)] + r.device)]
                    .suppressed();
    }
    return keys;
}

void AlarmEngine::move(Condition& c, qint8 level, qint64 atMs, AlarmRecord proto)
{
    if (c.record != 0) {
        const auto it = m_live.find(c.record);
        if (it != m_live.end()) {
            AlarmRecord& old = it->second;
            old.endMs = atMs;
            old.endState = level != 0 ? EndState::BecameNewAlarm : EndState::ReturnedToNormal;
            m_changes.push_back({AlarmChange::Ended, old});
            ++m_stats.ended;
            if (old.isAcknowledged())
                m_live.erase(it);
        }
        c.record = 0;
    }
    c.level = level;
    c.pending = level;
    if (level == 0)
        return;
    proto.key = m_nextKey++;
    proto.startMs = atMs;
    if (proto.station >= 0 && proto.type != AlarmType::CommFailure &&
        proto.type != AlarmType::PowerFail) {
        const DeviceState& d = m_devices[static_cast<std::size_t>(
            m_firstDevice[static_cast<std::size_t>(proto.station)] + std::max(proto.device, 0))];
        proto.suppressed = d.suppressed();
    }
    proto.shelved = proto.tag != InvalidTagId && proto.type != AlarmType::PowerFail &&
                    tagShelved(proto.tag, atMs);
    c.record = proto.key;
    m_changes.push_back({AlarmChange::Raised, proto});
    m_live.emplace(proto.key, std::move(proto));
    ++m_stats.raised;
}

bool AlarmEngine::settle(Condition& c, qint8 target, qint64 ms, qint64 onMs, qint64 offMs,
                         qint64& atMs)
{
    if (target == c.level) {
        c.pending = c.level;
        return false;
    }
    if (target != c.pending) {
        c.pending = target;
        c.pendingSinceMs = ms;
    }
    // Worse (further out, or to the other side) waits for the on-delay; better for the off-delay.
    const bool worse = target != 0 && (std::abs(target) > std::abs(c.level) ||
                                       (c.level != 0 && (target > 0) != (c.level > 0)));
    const qint64 delay = worse ? onMs : offMs;
    if (ms - c.pendingSinceMs < delay)
        return false;
    atMs = c.pendingSinceMs + delay;
    return true;
}

AlarmRecord AlarmEngine::tagRecord(TagId tag, AlarmType type, double value) const
{
    AlarmRecord r;
    r.type = type;
    r.severity = defaultSeverity(type);
    r.station = m_project.stationIndexOfTag(tag);
    r.device = m_tags[tag].device - m_firstDevice[static_cast<std::size_t>(r.station)];
    r.tag = tag;
    r.value = value;
    return r;
}

bool AlarmEngine::tagShelved(TagId tag, qint64 ms) const
{
    const auto it = m_shelved.find(tag);
    return it != m_shelved.end() && it->second.first > ms;
}

const LimitValues& AlarmEngine::limitsAt(const AlarmLimits& a, qint64 ms, int* period)
{
    if (a.periods.empty()) {
        *period = -1;
        return a;
    }
    const Local& local = localTime(ms);
    for (std::size_t i = 0; i < a.periods.size(); ++i) {
        if (a.periods[i].contains(local.minuteOfDay, local.dayOfWeek)) {
            *period = static_cast<int>(i);
            return a.periods[i].limits;
        }
    }
    *period = -1;
    return a;
}

const AlarmEngine::Local& AlarmEngine::localTime(qint64 ms)
{
    const qint64 minuteStart = ms - ((ms % MinuteMs) + MinuteMs) % MinuteMs;
    if (minuteStart != m_local.minuteStartMs) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(minuteStart, m_zone);
        m_local.minuteStartMs = minuteStart;
        m_local.minuteOfDay = local.time().hour() * 60 + local.time().minute();
        m_local.dayOfWeek = local.date().dayOfWeek();
    }
    return m_local;
}

std::vector<AlarmChange> AlarmEngine::takeChanges()
{
    return std::exchange(m_changes, {});
}

std::vector<AlarmAudit> AlarmEngine::takeAudit()
{
    return std::exchange(m_audit, {});
}

std::vector<AlarmRecord> AlarmEngine::liveRecords() const
{
    std::vector<AlarmRecord> result;
    result.reserve(m_live.size());
    for (const auto& [key, r] : m_live)
        result.push_back(r);
    std::sort(result.begin(), result.end(), [](const AlarmRecord& a, const AlarmRecord& b) {
        return a.startMs != b.startMs ? a.startMs > b.startMs : a.key > b.key;
    });
    return result;
}

void AlarmEngine::replaceLive(std::vector<AlarmRecord> records)
{
    m_live.clear();
    for (AlarmRecord& r : records)
        m_live.emplace(r.key, std::move(r));
}

const AlarmRecord* AlarmEngine::record(quint64 key) const
{
    const auto it = m_live.find(key);
    return it == m_live.end() ? nullptr : &it->second;
}

bool AlarmEngine::soundRequired() const
{
    return std::any_of(m_live.begin(), m_live.end(),
                       [](const auto& entry) { return entry.second.requiresSound(); });
}

} // namespace PumpWatch::Alarms
