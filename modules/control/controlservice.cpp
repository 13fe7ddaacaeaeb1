#include "controlservice.h"

#include <core/valueformat.h>

#include <QDateTime>
#include <QLocale>

namespace PumpWatch::Control {
namespace {

bool isOn(double value)
{
    return value != 0.0;
}

/// Which commands an interlock refuses: setpoints count as "on" (they start something).
bool blocks(const Interlock& il, const ControlDef& def, double value)
{
    switch (il.blocks) {
    case Interlock::Blocks::Any:
        return true;
    case Interlock::Blocks::On:
        return def.kind == ControlKind::Setpoint || isOn(value);
    case Interlock::Blocks::Off:
        return def.kind != ControlKind::Setpoint && !isOn(value);
    }
    return true;
}

QString clockText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

ControlService::ControlService(const Project& project, const Clock& clock,
                               const RealtimeStore& store, Writer writer,
                               const ControlOptions& options, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_clock(clock)
    , m_store(store)
    , m_writer(std::move(writer))
    , m_options(options)
{}

ControlService::Resolved ControlService::resolve(const ControlAddress& a) const
{
    Resolved r;
    if (a.station < 0 || a.station >= int(m_project.stations.size()))
        return r;
    const Station& s = m_project.stations[std::size_t(a.station)];
    if (a.device < 0 || a.device >= int(s.devices.size()))
        return r;
    const Device& d = s.devices[std::size_t(a.device)];
    if (d.templateIndex < 0)
        return r;
    const StationTemplate& t = m_project.templates[std::size_t(d.templateIndex)];
    const ControlDef* def = findControl(t.controls, a.object);
    if (!def)
        return r;
    r.command = m_project.findTag(s.id, d.id, def->command);
    r.feedback = m_project.findTag(s.id, d.id, def->feedback);
    if (r.command == InvalidTagId || r.feedback == InvalidTagId)
        return r;
    r.def = def;
    r.device = &d;
    return r;
}

QString ControlService::objectName(const ControlAddress& a, const Resolved& r)
{
    return r.def ? r.def->name : a.object;
}

ControlService::Entry* ControlService::selectedBy(const Operator& who, const ControlAddress& a)
{
    const auto it = m_entries.find(a);
    return it != m_entries.end() && it->second.state.step == Step::Selected &&
                   it->second.state.holder.isSameHolder(who)
               ? &it->second
               : nullptr;
}

const ControlDef* ControlService::control(const ControlAddress& a) const
{
    return resolve(a).def;
}

Outcome ControlService::freshness(const Resolved& r) const
{
    const TagValue v = m_store.value(r.feedback);
    const qint64 now = m_clock.nowMs();
    if (v.quality == Quality::Good &&
        now - v.timestampMs <= ValueFormat::staleAfterMs(r.device->settings.pollMs))
        return {};
    if (v.timestampMs == 0)
        return {Cause::Stale, tr("%1: no value has been received yet").arg(r.def->name)};
    return {Cause::Stale,
            tr("%1: the last good value is from %2").arg(r.def->name, clockText(v.timestampMs))};
}

Outcome ControlService::interlocks(const ControlAddress& a, const Resolved& r, double value) const
{
    const Station& s = m_project.stations[std::size_t(a.station)];
    for (const Interlock& il : r.def->interlocks) {
        if (!blocks(il, *r.def, value))
            continue;
        const TagId tag = m_project.findTag(s.id, r.device->id, il.tag);
        const TagValue v = tag == InvalidTagId ? TagValue{} : m_store.value(tag);
        if (v.quality != Quality::Good)
            return {Cause::Interlock,
                    tr("interlock %1: %2 has no good value").arg(il.reason, il.tag)};
        const TagDef& def = m_project.tag(tag);
        if ((il.below && v.value < *il.below) || (il.above && v.value > *il.above))
            return {Cause::Interlock,
                    tr("interlock: %1 (%2 %3)")
                        .arg(il.reason, def.name, ValueFormat::text(def, v.value))};
    }
    return {};
}

Outcome ControlService::checkLocked(const Operator& who, const ControlAddress& a, const Resolved& r,
                                    std::optional<double> value, bool stepConfirmed) const
{
    if (!r.def)
        return {Cause::UnknownObject, tr("%1 is not a control of this station").arg(a.object)};
    const Action action =
        r.def->kind == ControlKind::Setpoint ? Action::ChangeSetpoints : Action::OperateEquipment;
    if (who.login.isEmpty())
        return {Cause::NotPermitted, tr("nobody is logged in")};
    if (!who.may(action))
        return {Cause::NotPermitted,
                tr("%1: the role %2 may not “%3”")
                    .arg(r.def->name, roleDisplayName(who.role), actionDisplayName(action))};
    if (const auto it = m_entries.find(a); it != m_entries.end()) {
        const ControlState& st = it->second.state;
        if ((st.step == Step::Selected || st.step == Step::Executing) &&
            !st.holder.isSameHolder(who))
            return {Cause::SelectedElsewhere,
                    tr("%1 is selected by %2 at %3")
                        .arg(r.def->name, st.holder.name, st.holder.workstation)};
        if (st.step == Step::Executing)
            return {Cause::Busy,
                    tr("%1: the last command is still waiting for its feedback").arg(r.def->name)};
    }
    if (Outcome o = freshness(r); !o.ok())
        return o;
    if (!value)
        return {};
    if (!std::isfinite(*value))
        return {Cause::OutOfRange, tr("%1: not a number").arg(r.def->name)};
    if (r.def->kind == ControlKind::Setpoint) {
        const TagDef& def = m_project.tag(r.command);
        if ((r.def->min && *value < *r.def->min) || (r.def->max && *value > *r.def->max))
            return {Cause::OutOfRange,
                    tr("%1 must be from %2 to %3")
                        .arg(r.def->name, ValueFormat::text(def, r.def->min.value_or(-qInf())),
                             ValueFormat::text(def, r.def->max.value_or(qInf())))};
        const TagValue now = m_store.value(r.feedback);
        if (r.def->maxStep && !stepConfirmed && std::abs(*value - now.value) > *r.def->maxStep)
            return {Cause::StepTooBig,
                    tr("%1: a change from %2 to %3 is larger than %4; enter it again to confirm")
                        .arg(r.def->name, ValueFormat::text(def, now.value),
                             ValueFormat::text(def, *value),
                             ValueFormat::number(*r.def->maxStep,
                                                 ValueFormat::decimals(def.quantity, def.unit)))};
    }
    return interlocks(a, r, *value);
}

Outcome ControlService::check(const Operator& who, const ControlAddress& a,
                              std::optional<double> value) const
{
    QMutexLocker lock(&m_mutex);
    return checkLocked(who, a, resolve(a), value, false);
}

Outcome ControlService::select(const Operator& who, const ControlAddress& a, double value,
                               bool stepConfirmed)
{
    if (m_forward) {
        m_forward(QStringLiteral("select"), who, a, value, stepConfirmed);
        return {};
    }
    Outcome o;
    {
        QMutexLocker lock(&m_mutex);
        const Resolved r = resolve(a);
        if (r.def && r.def->kind != ControlKind::Setpoint && std::isfinite(value))
            value = isOn(value) ? 1.0 : 0.0; // start/open or stop/close, nothing between
        o = checkLocked(who, a, r, value, stepConfirmed);
        if (o.ok()) {
            Entry& e = m_entries[a];
            e.state.step = Step::Selected;
            e.state.holder = who;
            e.state.value = value;
            e.state.untilMs = m_clock.nowMs() + m_options.selectMs;
            m_changed.push_back(a.station);
        }
        record(who, QStringLiteral("select"), a, r, value, o);
    }
    announce();
    return o;
}

Outcome ControlService::operate(const Operator& who, const ControlAddress& a)
{
    if (m_forward) {
        m_forward(QStringLiteral("operate"), who, a, 0, false);
        return {};
    }
    Outcome o;
    {
        QMutexLocker lock(&m_mutex);
        const Resolved r = resolve(a);
        Entry* held = selectedBy(who, a);
        const qint64 now = m_clock.nowMs();
        double value = std::nan("");
        if (!held) {
            o = {Cause::NotSelected, tr("%1 must be selected first").arg(objectName(a, r))};
        } else if (Entry& e = *held; now >= e.state.untilMs) {
            value = e.state.value;
            e.state.step = Step::Idle;
            o = {Cause::SelectExpired,
                 tr("%1: the selection has expired; select it again").arg(objectName(a, r))};
            m_changed.push_back(a.station);
        } else {
            value = e.state.value;
            e.state.step = Step::Idle; // judged again as if free: the data may have moved
            o = checkLocked(who, a, r, value, true);
            if (o.ok()) {
                e.state.step = Step::Executing;
                e.state.untilMs = now + qint64(r.def->feedbackS * 1000);
                e.written = false;
                e.request = m_writer(r.command, value, who.login);
            }
            m_changed.push_back(a.station);
        }
        record(who, QStringLiteral("operate"), a, r, value, o);
    }
    announce();
    return o;
}

Outcome ControlService::cancel(const Operator& who, const ControlAddress& a)
{
    if (m_forward) {
        m_forward(QStringLiteral("cancel"), who, a, 0, false);
        return {};
    }
    Outcome o;
    {
        QMutexLocker lock(&m_mutex);
        const Resolved r = resolve(a);
        Entry* held = selectedBy(who, a);
        double value = std::nan("");
        if (!held) {
            o = {Cause::NotSelected, tr("%1 is not selected by you").arg(objectName(a, r))};
        } else {
            value = held->state.value;
            held->state.step = Step::Idle;
            o = {Cause::Cancelled, {}};
            m_changed.push_back(a.station);
        }
        record(who, QStringLiteral("cancel"), a, r, value, o);
    }
    announce();
    return o.cause == Cause::Cancelled ? Outcome{} : o;
}

ControlState ControlService::state(const ControlAddress& a) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.find(a);
    return it == m_entries.end() ? ControlState{} : it->second.state;
}

std::vector<std::pair<ControlAddress, ControlState>> ControlService::states(int station) const
{
    QMutexLocker lock(&m_mutex);
    std::vector<std::pair<ControlAddress, ControlState>> out;
    for (auto it = m_entries.lower_bound({station, 0, {}});
         it != m_entries.end() && it->first.station == station; ++it)
        out.emplace_back(it->first, it->second.state);
    return out;
}

void ControlService::mirror(int station,
                            const std::vector<std::pair<ControlAddress, ControlState>>& states)
{
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_entries.lower_bound({station, 0, {}});
             it != m_entries.end() && it->first.station == station;)
            it = m_entries.erase(it);
        for (const auto& [a, st] : states)
            m_entries[a].state = st;
    }
    Q_EMIT changed(station);
}

bool ControlService::feedbackMatches(const Resolved& r, double value, qint64 sinceMs) const
{
    const TagValue v = m_store.value(r.feedback);
    if (v.quality != Quality::Good || v.timestampMs < sinceMs)
        return false;
    if (r.def->kind == ControlKind::Setpoint)
        return std::abs(v.value - value) <= std::max(r.def->tolerance, 1e-9 * std::abs(value));
    return isOn(v.value) == isOn(value);
}

void ControlService::writeFinished(quint64 request,
                                   const PumpWatch::Acquisition::WriteRecord& written)
{
    {
        QMutexLocker lock(&m_mutex);
        for (auto& [a, e] : m_entries) {
            if (e.state.step != Step::Executing || e.request != request)
                continue;
            const Resolved r = resolve(a);
            if (!written.ok) {
                finish(a, e, r, {Cause::WriteFailed, written.error});
            } else {
                e.written = true;
                e.writtenMs = written.finishedMs;
                if (feedbackMatches(r, e.state.value, e.writtenMs))
                    finish(a, e, r, {});
            }
            break;
        }
    }
    announce();
}

void ControlService::tick()
{
    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = m_clock.nowMs();
        for (auto& [a, e] : m_entries) {
            if (e.state.step == Step::Selected && now >= e.state.untilMs) {
                e.state.step = Step::Idle;
                const Resolved r = resolve(a);
                record(e.state.holder, QStringLiteral("expire"), a, r, e.state.value,
                       {Cause::SelectExpired, tr("%1: not operated within %2 s")
                                                  .arg(objectName(a, r))
                                                  .arg(m_options.selectMs / 1000)});
                m_changed.push_back(a.station);
            } else if (e.state.step == Step::Executing) {
                const Resolved r = resolve(a);
                if (e.written && feedbackMatches(r, e.state.value, e.writtenMs))
                    finish(a, e, r, {});
                else if (now >= e.state.untilMs && !e.written)
                    finish(a, e, r,
                           {Cause::WriteFailed, tr("%1: the PLC did not acknowledge the write "
                                                   "within %2 s")
                                                    .arg(r.def->name)
                                                    .arg(r.def->feedbackS)});
                else if (now >= e.state.untilMs)
                    finish(a, e, r,
                           {Cause::NoFeedback,
                            tr("%1: %2 was written but %3 did not follow within %4 s")
                                .arg(r.def->name, valueText(r, e.state.value),
                                     m_project.tag(r.feedback).name)
                                .arg(r.def->feedbackS)});
            }
        }
    }
    announce();
}

void ControlService::finish(const ControlAddress& a, Entry& e, const Resolved& r,
                            const Outcome& outcome)
{
    const qint64 now = m_clock.nowMs();
    e.state.step = outcome.ok() ? Step::Done : Step::Failed;
    e.state.last = outcome;
    e.state.lastMs = now;
    record(e.state.holder, outcome.ok() ? QStringLiteral("done") : QStringLiteral("fail"), a, r,
           e.state.value, outcome);
    // A success ends a standing failure alarm of the object, also one taken over from an
    // earlier run (the engine ignores the call when none stands).
    if (m_alarmHook)
        m_alarmHook(r.command, !outcome.ok(), now, *r.def, outcome);
    m_changed.push_back(a.station);
}

QString ControlService::valueText(const Resolved& r, double value)
{
    if (!r.def || std::isnan(value))
        return {};
    switch (r.def->kind) {
    case ControlKind::Pump:
        return isOn(value) ? tr("start") : tr("stop");
    case ControlKind::Valve:
        return isOn(value) ? tr("open") : tr("close");
    case ControlKind::Setpoint:
        break;
    }
    return QString::number(value, 'g', 6);
}

QString ControlService::currentText(const Resolved& r) const
{
    if (!r.def)
        return {};
    const TagValue v = m_store.value(r.feedback);
    if (v.quality == Quality::Unknown)
        return {};
    if (r.def->kind == ControlKind::Setpoint)
        return QString::number(v.value, 'g', 6);
    return ValueFormat::text(m_project.tag(r.feedback), v.value);
}

void ControlService::record(const Operator& who, const QString& action, const ControlAddress& a,
                            const Resolved& r, double value, const Outcome& outcome)
{
    if (!m_recorder)
        return;
    ControlRecord c;
    c.ms = m_clock.nowMs();
    c.who = who;
    c.action = action;
    if (a.station >= 0 && a.station < int(m_project.stations.size()))
        c.stationId = m_project.stations[std::size_t(a.station)].id;
    c.object = a.object;
    c.objectName = objectName(a, r);
    c.oldValue = currentText(r);
    c.newValue = valueText(r, value);
    c.cause = outcome.cause;
    c.detail = outcome.message;
    m_recorder(c);
}

void ControlService::announce()
{
    std::vector<int> stations;
    {
        QMutexLocker lock(&m_mutex);
        stations.swap(m_changed);
    }
    std::sort(stations.begin(), stations.end());
    stations.erase(std::unique(stations.begin(), stations.end()), stations.end());
    for (const int s : stations)
        Q_EMIT changed(s);
}

} // namespace PumpWatch::Control
