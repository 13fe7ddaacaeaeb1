#include "reportcorrectiondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace PumpWatch::Ui {

using Reports::CorrectionMethod;

ReportCorrectionDialog::ReportCorrectionDialog(const QString& where, const Reports::Cell& cell,
                                               QWidget* parent)
    : QDialog(parent)
    , m_method(new QComboBox(this))
    , m_value(new QDoubleSpinBox(this))
    , m_reason(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("reportCorrection"));
    setWindowTitle(tr("Correct a report value"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("Cell:"), new QLabel(where, this));
    const QString current = cell.isNumber() ? cell.displayText() : tr("blank (no data)");
    auto* currentLabel = new QLabel(current, this);
    currentLabel->setObjectName(QStringLiteral("currentValue"));
    form->addRow(tr("Current value:"), currentLabel);
    const QString flags = cell.flags ? Reports::Report::flagText(cell.flags) : tr("none");
    auto* flagsLabel = new QLabel(flags, this);
    flagsLabel->setObjectName(QStringLiteral("currentFlags"));
    form->addRow(tr("Flags:"), flagsLabel);
    if (!cell.comment.isEmpty()) {
        auto* comment = new QLabel(cell.comment, this);
        comment->setWordWrap(true);
        form->addRow(tr("Comment:"), comment);
    }
    for (CorrectionMethod m :
         {CorrectionMethod::Manual, CorrectionMethod::PairedMeter, CorrectionMethod::WeekdayAverage,
          CorrectionMethod::RunTimeFlow, CorrectionMethod::EnergyRatio})
        m_method->addItem(Reports::correctionMethodDisplayName(m), int(m));
    m_method->setObjectName(QStringLiteral("method"));
    form->addRow(tr("Method:"), m_method);
    m_value->setObjectName(QStringLiteral("newValue"));
    m_value->setDecimals(cell.decimals);
    m_value->setRange(0.0, 1e12);
    m_value->setGroupSeparatorShown(false);
    m_value->setValue(cell.value.value_or(0.0));
    form->addRow(tr("New value:"), m_value);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Required: why the value is wrong and where the new one "
                                    "comes from"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMinimumHeight(fontMetrics().height() * 4);
    form->addRow(tr("Reason:"), m_reason);
    auto* note = new QLabel(tr("The correction is recorded with your name and kept; the cell "
                               "is shown green in the report."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &ReportCorrectionDialog::updateOk);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    updateOk();
}

CorrectionMethod ReportCorrectionDialog::method() const
{
    return static_cast<CorrectionMethod>(m_method->currentData().toInt());
}

double ReportCorrectionDialog::value() const
{
    return m_value->value();
}

QString ReportCorrectionDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void ReportCorrectionDialog::setMethod(CorrectionMethod method)
{
    m_method->setCurrentIndex(m_method->findData(int(method)));
}

void ReportCorrectionDialog::setValue(double value)
{
    m_value->setValue(value);
}

void ReportCorrectionDialog::setReason(const QString& reason)
{
    m_reason->setPlainText(reason);
}

QPushButton* ReportCorrectionDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ReportCorrectionDialog::updateOk()
{
    okButton()->setEnabled(!reason().isEmpty());
}

} // namespace PumpWatch::Ui
