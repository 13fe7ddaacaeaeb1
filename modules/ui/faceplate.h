// Faceplate: one control object of a station (a pump, a valve, a setpoint), opened from its
// symbol in the process graphic (ISA-101 level 3). It shows the object's state and values, its
// commands, and walks the dispatcher through select → confirm → feedback: a command button
// selects, the confirmation bar (with the selection's countdown) operates or cancels, and the
// step line follows the feedback until done or failed. What the user may not do stays visible
// but disabled, with the reason beside it; the control service refuses on its own as well. A
// setpoint step larger than allowed asks for the value to be typed a second time.
#pragma once

#include "services.h"

#include <QDialog>

class QDoubleSpinBox;
class QFormLayout;
class QFrame;
class QLabel;
class QPushButton;
class QTimer;

namespace PumpWatch::Ui {

class Faceplate : public QDialog {
    Q_OBJECT

public:
    /// `values` are shown under the state (a pump's frequency and current); the feedback tag
    /// is always shown first.
    Faceplate(Services& services, const Control::ControlAddress& address, std::vector<TagId> values,
              QWidget* parent = nullptr);
    /// Cancels the user's selection of the object, if it holds one.
    ~Faceplate() override;

    const Control::ControlAddress& address() const { return m_address; }
    /// Re-reads values, the object's step and what the user may do.
    void refresh();

    // For tests and the walkthrough: the buttons a dispatcher clicks.
    QPushButton* onButton() const { return m_on; }
    QPushButton* offButton() const { return m_off; }
    QPushButton* setButton() const { return m_set; }
    QDoubleSpinBox* setpointBox() const { return m_setpoint; }
    QDoubleSpinBox* againBox() const { return m_againBox; }
    QPushButton* againButton() const { return m_againButton; }
    QPushButton* executeButton() const { return m_execute; }
    QPushButton* cancelButton() const { return m_cancel; }
    QString reasonText() const;
    QString stepText() const;

Q_SIGNALS:
    void trendRequested(TagId tag);

private:
    void request(double value, bool stepConfirmed = false);
    void execute();
    void cancelSelection();
    void showOutcome(const Control::Outcome& outcome);
    QString commandText(double value) const;

    Services& m_services;
    Control::ControlAddress m_address;
    const ControlDef* m_def = nullptr;
    TagId m_feedback = InvalidTagId;
    std::vector<TagId> m_values; ///< feedback first
    std::vector<QLabel*> m_valueLabels;
    double m_pending = 0.0; ///< the value waiting to be typed again
    Control::Step m_lastStep = Control::Step::Idle;
    QLabel* m_step;
    QLabel* m_reason;
    QPushButton* m_on = nullptr;
    QPushButton* m_off = nullptr;
    QDoubleSpinBox* m_setpoint = nullptr;
    QPushButton* m_set = nullptr;
    QFrame* m_again;
    QDoubleSpinBox* m_againBox = nullptr;
    QPushButton* m_againButton;
    QFrame* m_confirm;
    QLabel* m_confirmText;
    QPushButton* m_execute;
    QPushButton* m_cancel;
    QTimer* m_timer;
};

} // namespace PumpWatch::Ui
