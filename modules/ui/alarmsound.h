// AlarmSound: the horn. It sounds, repeating, while any critical alarm is unacknowledged, and
// stops when the last one is acknowledged. Silencing is separate from acknowledging: it mutes the
// alarms sounding now (and says who silenced them, when, for the rest of the shift to see), and a
// new critical alarm sounds again.
#pragma once

#include <alarms/alarmtypes.h>

#include <QObject>
#include <QSoundEffect>

#include <set>
#include <span>

namespace PumpWatch::Ui {

class AlarmSound : public QObject {
    Q_OBJECT

public:
    explicit AlarmSound(QObject* parent = nullptr);

    void update(std::span<const Alarms::AlarmRecord> live);
    void silence(const QString& user, qint64 nowMs);

    bool isPlaying() const { return m_effect.isPlaying(); }
    /// True while alarms that require the sound are silenced.
    bool isSilenced() const { return !m_sounding.empty() && !m_playing; }
    const QString& silencedBy() const { return m_silencedBy; }
    qint64 silencedAtMs() const { return m_silencedAtMs; }
    const QSoundEffect& effect() const { return m_effect; }

Q_SIGNALS:
    void changed();

private:
    void apply();

    QSoundEffect m_effect;
    std::set<quint64> m_sounding; ///< critical and unacknowledged now
    std::set<quint64> m_silenced; ///< the ones muted by the last silence
    QString m_silencedBy;
    qint64 m_silencedAtMs = 0;
    bool m_playing = false;
};

} // namespace PumpWatch::Ui
