#include "periodcomparemodel.h"

#include "reporttablemodel.h"

#include <reports/queryreport.h>

#include <QColor>
#include <QFont>

namespace PumpWatch::Ui {

namespace {

bool isMarked(Reports::CellFlags flags)
{
    return flags & ~Reports::CellFlags(Reports::CellFlag::Incomplete);
}

} // namespace

PeriodCompareModel::PeriodCompareModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

QColor PeriodCompareModel::outsideColour()
{
    return QColor(0x9e, 0x9e, 0x9e);
}

void PeriodCompareModel::clear()
{
    beginResetModel();
    m_result.reset();
    m_lines.clear();
    m_totals.clear();
    endResetModel();
}

void PeriodCompareModel::setResult(const Reports::PeriodCompareResult& result)
{
    beginResetModel();
    m_result = result;
    m_lines.clear();
    m_totals.clear();
    for (const Reports::PeriodCompareRow& r : result.rows)
        m_lines.push_back(
            {r.station, r.current, r.previous, r.lastYear, r.inPrevious, r.inLastYear, false});
    const Reports::PeriodTotals& p = result.previousTotals;
    const Reports::PeriodTotals& y = result.lastYearTotals;
    // One total when 环比 and 同比 compare the same stations, else one for each; a ratio or an
    // average (吨水电耗, a pressure) is pooled, not summed: 总体 rather than 合计.
    const bool sum = result.additive;
    if (p.stations == y.stations && p.current.value == y.current.value) {
        m_totals.push_back({sum ? tr("Total (comparable, %n station(s))", "", p.stations)
                                : tr("Overall (comparable, %n station(s))", "", p.stations),
                            p.current, p.base, y.base, true, true, true});
    } else {
        m_totals.push_back(
            {sum ? tr("Month-on-month total (comparable, %n station(s))", "", p.stations)
                 : tr("Month-on-month overall (comparable, %n station(s))", "", p.stations),
             p.current, p.base, std::nullopt, true, true, true});
        m_totals.push_back(
            {sum ? tr("Year-on-year total (comparable, %n station(s))", "", y.stations)
                 : tr("Year-on-year overall (comparable, %n station(s))", "", y.stations),
             y.current, std::nullopt, y.base, true, true, true});
    }
    endResetModel();
}

const PeriodCompareModel::Line& PeriodCompareModel::lineAt(int row) const
{
    return row < int(m_lines.size()) ? m_lines[std::size_t(row)]
                                     : m_totals[std::size_t(row) - m_lines.size()];
}

int PeriodCompareModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size() + m_totals.size());
}

int PeriodCompareModel::columnCount(const QModelIndex& parent) const
{
    // 日均 of a ratio or an average means nothing (吨水电耗): the column is there for sums only,
    // as in the exported report.
    if (parent.isValid())
        return 0;
    return m_result && !m_result->additive ? int(PerDay) : int(Columns);
}

QString PeriodCompareModel::valueText(const Reports::PeriodValue& v) const
{
    return v.value ? QString::number(*v.value, 'f', m_result->decimals) : QString();
}

QString PeriodCompareModel::amountText(const Reports::Change& c) const
{
    if (!c.amount)
        return QStringLiteral("—");
    const QString text = QString::number(*c.amount, 'f', m_result->decimals);
    // A rise is signed; what rounds to 0 is 0 (not "+0" or "-0").
    if (text.toDouble() == 0.0)
        return QString::number(0.0, 'f', m_result->decimals);
    return *c.amount > 0 ? u'+' + text : text;
}

QVariant PeriodCompareModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const Line& line = lineAt(index.row());
    const auto column = Column(index.column());
    const bool previousPart = column >= Previous && column <= PreviousPercent;
    const bool lastYearPart = column >= LastYear && column <= LastYearPercent;
    const bool outside = (previousPart && !line.inPrevious) || (lastYearPart && !line.inLastYear) ||
                         (column == Station && !line.inPrevious && !line.inLastYear);
    const std::optional<Reports::PeriodValue>& base = previousPart ? line.previous : line.lastYear;
    const Reports::PeriodValue* shown = nullptr;
    if (column == Current || column == PerDay)
        shown = &line.current;
    else if ((column == Previous || column == LastYear) && base)
        shown = &*base;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Station:
            return line.label;
        case Current:
        case Previous:
        case LastYear:
            return shown ? valueText(*shown) : QString();
        case PerDay: {
            const std::optional<double> d = line.current.perDay();
            return d ? QString::number(*d, 'f', m_result->decimals) : QString();
        }
        case PreviousChange:
        case LastYearChange:
        case PreviousPercent:
        case LastYearPercent: {
            if (!base)
                return QString();
            const Reports::Change c =
                Reports::Change::between(*base, line.current, m_result->percentUnit);
            return column == PreviousChange || column == LastYearChange
                       ? amountText(c)
                       : Reports::QueryReport::changeText(c);
        }
        case Columns:
            break;
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == Station ? QVariant()
                                 : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return outside ? QVariant(outsideColour()) : QVariant();
    case Qt::BackgroundRole:
        if (shown && !shown->value && column != PerDay)
            return ReportTableModel::missingFill();
        return {};
    case Qt::FontRole: {
        if (!line.total && !(shown && isMarked(shown->flags)))
            return {};
        QFont f;
        f.setBold(line.total);
        f.setItalic(shown && isMarked(shown->flags));
        return f;
    }
    case Qt::ToolTipRole: {
        QStringList tips;
        if (column == Station || previousPart) {
            if (!line.inPrevious)
                tips << tr("No data in the previous period: left out of the month-on-month total "
                           "(comparable stations only)");
        }
        if (column == Station || lastYearPart) {
            if (!line.inLastYear)
                tips << tr("No data a year before: left out of the year-on-year total (comparable "
                           "stations only)");
        }
        if (shown && shown->flags)
            tips << Reports::Report::flagText(shown->flags);
        return tips.isEmpty() ? QVariant() : QVariant(tips.join(u'\n'));
    }
    default:
        return {};
    }
}

QVariant PeriodCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString unit = m_result && !m_result->unit.isEmpty()
                             ? QStringLiteral("\n(%1)").arg(m_result->unit)
                             : QString();
    switch (Column(section)) {
    case Station:
        return tr("Station");
    case Current:
        return tr("This period") + unit;
    case Previous:
        return tr("Previous period") + unit;
    case PreviousChange:
    case LastYearChange:
        return tr("Change") + unit;
    case PreviousPercent:
        return tr("Month-on-month");
    case LastYear:
        return tr("Same period last year") + unit;
    case LastYearPercent:
        return tr("Year-on-year");
    case PerDay:
        return tr("Per day") + (m_result && !m_result->unit.isEmpty()
                                    ? QStringLiteral("\n(%1/%2)").arg(m_result->unit, tr("day"))
                                    : QString());
    case Columns:
        break;
    }
    return {};
}

} // namespace PumpWatch::Ui
