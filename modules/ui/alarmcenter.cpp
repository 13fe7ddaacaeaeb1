#include "alarmcenter.h"

#include <algorithm>

namespace PumpWatch::Ui {

AlarmCenter::AlarmCenter(Services& services, QObject* parent)
    : QObject(parent)
    , m_services(services)
    , m_model(services.project)
{
    // The service signals from the acquisition thread, once per change batch; a burst of them
    // becomes one refresh in the GUI thread.
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(50);
    connect(&m_coalesce, &QTimer::timeout, this, &AlarmCenter::refresh);
    connect(
        &services.alarms, &Alarms::AlarmService::changed, this, [this] { m_coalesce.start(); },
        Qt::QueuedConnection);
    m_blinkTimer.setInterval(500);
    connect(&m_blinkTimer, &QTimer::timeout, this, [this] {
        m_blink = !m_blink;
        m_model.setBlink(m_blink);
        Q_EMIT blink(m_blink);
    });
    m_blinkTimer.start();
    refresh();
}

void AlarmCenter::refresh()
{
    m_live = m_services.alarms.liveRecords();
    m_model.setRecords(m_live);
    m_sound.update(m_live);
    Q_EMIT recordsChanged();
}

bool AlarmCenter::acknowledge(quint64 key, const QString& note)
{
    if (!m_services.session.may(
            Action::AcknowledgeAlarms)) // a viewer watches, an operator acknowledges
        return false;
    const bool ok = m_services.alarms.acknowledge(key, m_services.session.actor(), note);
    refresh();
    return ok;
}

int AlarmCenter::acknowledgeStation(int station, const QString& note)
{
    if (!m_services.session.may(Action::AcknowledgeAlarms))
        return 0;
    const int n = m_services.alarms.acknowledgeStation(station, m_services.session.actor(), note);
    refresh();
    return n;
}

void AlarmCenter::silence()
{
    if (!m_services.session.may(Action::AcknowledgeAlarms) || !m_sound.isPlaying())
        return;
    const qint64 now = m_services.clock.nowMs();
    m_sound.silence(m_services.session.userName(), now);
    m_services.alarms.silence(
        m_services.session.actor(),
        static_cast<int>(std::count_if(m_live.begin(), m_live.end(),
                                       [](const auto& r) { return r.requiresSound(); })));
}

} // namespace PumpWatch::Ui
