// AlarmPanel: the active alarm list (seed 000 §4.2.4–4.2.5) with acknowledge (Enter, or the
// button; a note is asked for), acknowledge-the-station and silence. AlarmBanner: the strip at
// the top of the main window that stays visible when the panel is closed — counts, the newest
// unacknowledged alarm of the highest priority on that priority's colour, flashing (bright and
// dim on the alarm centre's one clock) until acknowledged, and the horn's state ("silenced by
// 张三 at 10:32").
#pragma once

#include "alarmcenter.h"

#include <QFrame>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace PumpWatch::Ui {

/// Asks for the handling note; returns false when cancelled.
bool askAcknowledgeNote(QWidget* parent, const QString& what, QString* note);

class AlarmPanel : public QWidget {
    Q_OBJECT

public:
    AlarmPanel(AlarmCenter& center, Session& session, QWidget* parent = nullptr);
    QTableView* table() const { return m_table; }
    /// Acknowledges the selected alarms, asking for the note.
    void acknowledgeSelected();

Q_SIGNALS:
    void stationActivated(int station);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateButtons();

    AlarmCenter& m_center;
    Session& m_session;
    QTableView* m_table;
    QPushButton* m_ack;
    QPushButton* m_ackStation;
    QPushButton* m_silence;
    QLabel* m_counts;
};

class AlarmBanner : public QFrame {
    Q_OBJECT

public:
    AlarmBanner(AlarmCenter& center, Session& session, QWidget* parent = nullptr);

    /// What the banner shows now: the alarm's line, its key (0: none) and the fill colour.
    QString alarmText() const;
    quint64 shownKey() const { return m_latestKey; }
    QColor fill() const { return m_fill; }

Q_SIGNALS:
    void showAlarms();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void update();

    AlarmCenter& m_center;
    Session& m_session;
    QLabel* m_counts;
    QLabel* m_latest;
    QLabel* m_horn;
    QLabel* m_user;
    QPushButton* m_ack;
    QPushButton* m_silence;
    quint64 m_latestKey = 0;
    QColor m_fill;
};

} // namespace PumpWatch::Ui
