// AlarmCenter: the workstation's alarm state in the GUI thread. It follows the AlarmService
// (whose changed() comes from any thread), feeds the alarm list, the station list and the horn,
// runs the flashing phase, and carries out acknowledgement and silencing in the name of the
// logged-in user (silencing is audited).
#pragma once

#include "alarmlistmodel.h"
#include "alarmsound.h"
#include "services.h"

#include <QObject>
#include <QTimer>

namespace PumpWatch::Ui {

class AlarmCenter : public QObject {
    Q_OBJECT

public:
    explicit AlarmCenter(Services& services, QObject* parent = nullptr);

    AlarmListModel& model() { return m_model; }
    AlarmSound& sound() { return m_sound; }
    const std::vector<Alarms::AlarmRecord>& live() const { return m_live; }
    bool blinkPhase() const { return m_blink; }

    /// In the session user's name; false when nobody is logged in or the record is gone or
    /// already acknowledged.
    bool acknowledge(quint64 key, const QString& note);
    int acknowledgeStation(int station, const QString& note);
    void silence();
    /// Pulls the live records now (normally on the service's changed(), coalesced).
    void refresh();

Q_SIGNALS:
    void recordsChanged();
    void blink(bool bright);

private:
    Services& m_services;
    AlarmListModel m_model;
    AlarmSound m_sound;
    std::vector<Alarms::AlarmRecord> m_live;
    QTimer m_blinkTimer;
    QTimer m_coalesce;
    bool m_blink = false;
};

} // namespace PumpWatch::Ui
