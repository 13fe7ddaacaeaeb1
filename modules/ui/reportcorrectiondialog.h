// ReportCorrectionDialog: an administrator's correction of one report cell (修正) — where it
// is, its current value and flags, how the new value was obtained (CorrectionMethod), the new
// value and the reason, which is required: OK stays disabled without one. The dialog only asks;
// the reports panel writes the correction (ReportStore::addCorrection, audited). Main thread.
//
//     auto* d = new ReportCorrectionDialog(where, cell, this);
//     connect(d, &QDialog::accepted, this, [d] { use(d->method(), d->value(), d->reason()); });
//     d->open();
#pragma once

#include <reports/report.h>
#include <reports/reportstore.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QPlainTextEdit;

namespace PumpWatch::Ui {

class ReportCorrectionDialog : public QDialog {
    Q_OBJECT

public:
    /// `where`: the cell's place in words ("2026-11-02 北郊水厂 二号线").
    ReportCorrectionDialog(const QString& where, const Reports::Cell& cell,
                           QWidget* parent = nullptr);

    Reports::CorrectionMethod method() const;
    double value() const;
    QString reason() const;

    void setMethod(Reports::CorrectionMethod method);
    void setValue(double value);
    void setReason(const QString& reason);
    /// OK, enabled once a reason is given.
    QPushButton* okButton() const;

private:
    void updateOk();

    QComboBox* m_method;
    QDoubleSpinBox* m_value;
    QPlainTextEdit* m_reason;
    QDialogButtonBox* m_buttons;
};

} // namespace PumpWatch::Ui
