#include "reporttablemodel.h"

#include <QBrush>
#include <QFont>

namespace PumpWatch::Ui {

using Reports::Cell;
using Reports::CellFlag;
using Reports::CellRole;

void ReportTableModel::setReport(Reports::Report report)
{
    beginResetModel();
    m_report = std::move(report);
    endResetModel();
}

void ReportTableModel::clear()
{
    setReport({});
}

int ReportTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_report.rowCount();
}

int ReportTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_report.columnCount();
}

QColor ReportTableModel::correctedFill()
{
    return {0xc6, 0xef, 0xce}; // the seed's green, as on paper and in Excel
}

QColor ReportTableModel::headerFill()
{
    return {0xe4, 0xe8, 0xee};
}

QColor ReportTableModel::missingFill()
{
    return {0xf2, 0xf2, 0xf2};
}

QString ReportTableModel::toolTip(const Cell& cell) const
{
    QStringList lines;
    if (cell.flags)
        lines << Reports::Report::flagText(cell.flags);
    if (!cell.comment.isEmpty())
        lines << cell.comment;
    return lines.join(u'\n');
}

QVariant ReportTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const Cell& cell = m_report.cell(index.row(), index.column());
    const bool header = cell.role == CellRole::Header;
    switch (role) {
    case Qt::DisplayRole:
        return cell.displayText();
    case Qt::ToolTipRole: {
        const QString tip = toolTip(cell);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::TextAlignmentRole:
        if (header)
            return int(Qt::AlignCenter);
        return int((cell.isNumber() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (cell.flags.testFlag(CellFlag::Corrected))
            return QBrush(correctedFill());
        if (header)
            return QBrush(headerFill());
        if (!cell.isNumber() && cell.text.isEmpty() &&
            cell.flags & (CellFlag::Missing | CellFlag::Incomplete))
            return QBrush(missingFill());
        return {};
    case Qt::ForegroundRole:
        if (cell.flags.testFlag(CellFlag::Incomplete) && cell.isNumber())
            return QBrush(QColor(0x75, 0x75, 0x75)); // a value that may still grow
        return QBrush(Qt::black);
    case Qt::FontRole: {
        QFont f;
        f.setBold(header || cell.role == CellRole::Total);
        f.setItalic(cell.flags.testFlag(CellFlag::Estimated));
        return f;
    }
    case KeyRole:
        return cell.key;
    case FlagsRole:
        return cell.flags.toInt();
    default:
        return {};
    }
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // The view hides its headers (the report's own header rows are in the grid); screen readers
    // still get the column's name.
    if (role == Qt::DisplayRole && orientation == Qt::Horizontal && section >= 0 &&
        section < columnCount())
        return m_report.columns[section].name;
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace PumpWatch::Ui
