// AlarmPeriodDialog: a tag's time schedules (seed 000 §4.2.4: "不同时段有不同的报警限值") —
// periods of the day, on chosen days, each with its own LL, L, H, HH and rate. The first period
// containing a moment wins; outside every period the row's own limits apply. A new period starts
// from the row's limits. OK is refused, with the row and the reason, until every period reads.
#pragma once

#include <core/project.h>

#include <QDialog>

class QLabel;
class QTableWidget;

namespace PumpWatch::Ui {

class AlarmPeriodDialog : public QDialog {
    Q_OBJECT

public:
    AlarmPeriodDialog(const QString& title, const AlarmLimits& limits, Quantity quantity,
                      bool editable, QWidget* parent = nullptr);

    /// The periods as entered; valid after accept().
    const std::vector<AlarmPeriod>& periods() const { return m_periods; }
    QTableWidget* table() const { return m_table; }
    void addPeriod(const AlarmPeriod& period);
    /// Reads the table; false with the reason shown when a cell does not read.
    bool read();

    void accept() override;

private:
    enum Column { From, To, Days, LowLow, Low, High, HighHigh, Rate, ColumnCount };

    const AlarmLimits m_base;
    const Quantity m_quantity;
    const bool m_editable;
    QTableWidget* m_table;
    QLabel* m_error;
    std::vector<AlarmPeriod> m_periods;
};

} // namespace PumpWatch::Ui
