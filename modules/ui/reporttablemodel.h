// ReportTableModel: a Report's grid for a QTableView, exactly as the model lays it out — the
// header rows are the grid's first rows (the view spans them with spans()), numbers are
// Cell::displayText() right-aligned, a blank cell stays blank, a corrected cell is green, an
// estimated one italic, a missing or incomplete one shaded, and the cell's comment (with its
// flags in words) is its tooltip. Rows keep the report's order: it is the report's layout, so
// the model does not sort. Main thread.
//
//     ReportTableModel model;
//     model.setReport(report);
//     view->setModel(&model);
//     for (const Reports::CellRange& m : model.report().merges)
//         view->setSpan(m.row, m.column, m.rows, m.columns);
#pragma once

#include <reports/report.h>

#include <QAbstractTableModel>

namespace PumpWatch::Ui {

class ReportTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role { KeyRole = Qt::UserRole + 1, FlagsRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setReport(Reports::Report report);
    void clear();
    const Reports::Report& report() const { return m_report; }
    bool hasReport() const { return !m_report.rows.empty(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The fills the screen uses; the paper's green is the same.
    static QColor correctedFill();
    static QColor headerFill();
    static QColor missingFill();

private:
    QString toolTip(const Reports::Cell& cell) const;

    Reports::Report m_report;
};

} // namespace PumpWatch::Ui
