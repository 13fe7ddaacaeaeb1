#include "alarmsound.h"

#include <algorithm>

namespace PumpWatch::Ui {

AlarmSound::AlarmSound(QObject* parent)
    : QObject(parent)
{
    m_effect.setSource(QUrl(QStringLiteral("qrc:/sounds/critical.wav")));
    m_effect.setLoopCount(QSoundEffect::Infinite);
    m_effect.setVolume(0.8f);
}

void AlarmSound::update(std::span<const Alarms::AlarmRecord> live)
{
    std::set<quint64> sounding;
    for (const Alarms::AlarmRecord& r : live) {
        if (r.requiresSound())
            sounding.insert(r.key);
    }
    if (sounding == m_sounding)
        return;
    m_sounding = std::move(sounding);
    apply();
}

void AlarmSound::silence(const QString& user, qint64 nowMs)
{
    if (m_sounding.empty())
        return;
    m_silenced = m_sounding;
    m_silencedBy = user;
    m_silencedAtMs = nowMs;
    apply();
}

void AlarmSound::apply()
{
    // Sounds when something sounding was not silenced.
    const bool play =
        !std::includes(m_silenced.begin(), m_silenced.end(), m_sounding.begin(), m_sounding.end());
    if (m_sounding.empty())
        m_silenced.clear();
    if (play != m_playing) {
        m_playing = play;
        if (play) {
            m_silenced.clear();
            m_effect.play();
        } else {
            m_effect.stop();
        }
    }
    Q_EMIT changed();
}

} // namespace PumpWatch::Ui
