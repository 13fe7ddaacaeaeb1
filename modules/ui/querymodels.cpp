#include "querymodels.h"

#include "reporttablemodel.h"

#include <core/textsearch.h>
#include <reports/queryreport.h>

#include <QColor>
#include <QDateTime>
#include <QFont>

#include <algorithm>
#include <numeric>

namespace PumpWatch::Ui {

namespace {

using Reports::QueryStep;

QString number(double v, int decimals)
{
    return QString::number(v, 'f', std::max(0, decimals));
}

QString flagTip(Reports::CellFlags flags, const QString& comment)
{
    QStringList parts;
    if (flags)
        parts << Reports::Report::flagText(flags);
    if (!comment.isEmpty())
        parts << comment;
    return parts.join(QStringLiteral("\n"));
}

/// The flags a cell is set in italics for: the value is known but not as measured.
bool isMarked(Reports::CellFlags flags)
{
    return flags & ~Reports::CellFlags(Reports::CellFlag::Incomplete);
}

QString header(const Reports::QuerySeries& s, QueryStep step)
{
    QString title = s.station + u' ' + Reports::QueryReport::quantityName(s, step);
    if (!s.caption.isEmpty())
        title += u' ' + s.caption;
    return s.unit.isEmpty() ? title : QStringLiteral("%1\n(%2)").arg(title, s.unit);
}

} // namespace

QueryTableModel::QueryTableModel(const QTimeZone& zone, QObject* parent)
    : QAbstractTableModel(parent)
    , m_zone(zone)
{}

void QueryTableModel::clear()
{
    beginResetModel();
    m_series.clear();
    m_times.clear();
    m_cells.clear();
    endResetModel();
}

void QueryTableModel::setResult(const Reports::HistoryResult& result)
{
    beginResetModel();
    m_step = result.step;
    m_series.clear();
    m_times.clear();
    for (const Reports::QuerySeries& s : result.series) {
        Reports::QuerySeries copy = s;
        copy.envelope.clear();
        for (const Reports::QueryPoint& p : s.points)
            m_times.push_back(p.startMs + s.shiftMs);
        m_series.push_back(std::move(copy));
    }
    std::sort(m_times.begin(), m_times.end());
    m_times.erase(std::unique(m_times.begin(), m_times.end()), m_times.end());
    // Each series' points are in time order: one walk along the rows places them.
    m_cells.assign(m_series.size(), std::vector<int>(m_times.size(), -1));
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        const auto& points = m_series[i].points;
        std::size_t row = 0;
        for (std::size_t k = 0; k < points.size(); ++k) {
            const qint64 t = points[k].startMs + m_series[i].shiftMs;
            while (row < m_times.size() && m_times[row] < t)
                ++row;
            if (row < m_times.size() && m_times[row] == t)
                m_cells[i][row] = int(k);
        }
    }
    endResetModel();
}

int QueryTableModel::rowForTime(qint64 ms) const
{
    if (m_times.empty())
        return -1;
    const auto it = std::upper_bound(m_times.begin(), m_times.end(), ms);
    return it == m_times.begin() ? 0 : int(it - m_times.begin()) - 1;
}

QString QueryTableModel::timeText(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, m_zone)
        .toString(Reports::QueryReport::timeFormat(m_step));
}

int QueryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_times.size());
}

int QueryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || m_series.empty() ? 0 : 1 + int(m_series.size());
}

QVariant QueryTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const std::size_t row = std::size_t(index.row());
    if (index.column() == 0) {
        if (role == Qt::DisplayRole)
            return timeText(m_times[row]);
        return {};
    }
    const std::size_t s = std::size_t(index.column() - 1);
    const int k = m_cells[s][row];
    const Reports::QueryPoint* p = k >= 0 ? &m_series[s].points[std::size_t(k)] : nullptr;
    if (!p) {
        // A union row where this series has no sample (values are stored on change): blank,
        // not "no data".
        return role == Qt::TextAlignmentRole
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    }
    // No data: a sample of bad quality, or a bucket without a good one.
    const bool missing = !p->value;
    switch (role) {
    case Qt::DisplayRole:
        return missing ? QString() : number(*p->value, m_series[s].decimals);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        return missing ? QVariant(ReportTableModel::missingFill()) : QVariant();
    case Qt::FontRole:
        if (isMarked(p->flags)) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (missing && !p->flags)
            return tr("No data");
        return flagTip(p->flags, p->comment);
    default:
        return {};
    }
}

QVariant QueryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == 0 ? tr("Time") : header(m_series[std::size_t(section - 1)], m_step);
}

QueryStatisticsModel::QueryStatisticsModel(const QTimeZone& zone, QObject* parent)
    : QAbstractTableModel(parent)
    , m_zone(zone)
{}

void QueryStatisticsModel::clear()
{
    beginResetModel();
    m_series.clear();
    m_rank.clear();
    m_order.clear();
    endResetModel();
}

static Reports::QuerySeries statisticsOnly(const Reports::QuerySeries& s)
{
    Reports::QuerySeries copy;
    copy.tag = s.tag;
    copy.stationId = s.stationId;
    copy.station = s.station;
    copy.zone = s.zone;
    copy.name = s.name;
    copy.location = s.location;
    copy.unit = s.unit;
    copy.quantity = s.quantity;
    copy.aggregation = s.aggregation;
    copy.decimals = s.decimals;
    copy.caption = s.caption;
    copy.stats = s.stats;
    copy.samples = s.samples;
    return copy;
}

void QueryStatisticsModel::setHistory(const Reports::HistoryResult& result)
{
    beginResetModel();
    m_ranking = false;
    m_step = result.step;
    m_series.clear();
    for (const Reports::QuerySeries& s : result.series)
        m_series.push_back(statisticsOnly(s));
    m_rank.assign(m_series.size(), 0);
    m_order.resize(m_series.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    endResetModel();
}

void QueryStatisticsModel::setRanking(const Reports::CompareResult& result)
{
    beginResetModel();
    const bool wasRanking = m_ranking;
    m_ranking = true;
    m_step = result.history.step;
    m_series.clear();
    for (const Reports::QuerySeries& s : result.history.series)
        m_series.push_back(statisticsOnly(s));
    m_rank.assign(m_series.size(), 0);
    int place = 1;
    for (int i : result.ranking) {
        const auto r = std::size_t(i);
        if (r < m_series.size() && r < result.rankValues.size() && result.rankValues[r])
            m_rank[r] = place++;
    }
    if (!wasRanking)
        m_sortColumn = -1;
    applySort();
    endResetModel();
}

const Reports::QuerySeries& QueryStatisticsModel::seriesAt(int row) const
{
    return m_series[std::size_t(m_order[std::size_t(row)])];
}

int QueryStatisticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int QueryStatisticsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : leading() + int(Stats);
}

std::optional<double> QueryStatisticsModel::statValue(const Reports::QuerySeries& s, Column c) const
{
    const Reports::SeriesStats& st = s.stats;
    switch (c) {
    case Min:
        return st.min;
    case MinTime:
        return st.min ? std::optional<double>(double(st.minMs)) : std::nullopt;
    case Max:
        return st.max;
    case MaxTime:
        return st.max ? std::optional<double>(double(st.maxMs)) : std::nullopt;
    case Average:
        return st.average;
    case Total:
        return st.total;
    case Samples:
        return double(st.count);
    case Coverage:
        return st.spanMs > 0 ? std::optional<double>(st.coverage() * 100.0) : std::nullopt;
    case Stats:
        break;
    }
    return std::nullopt;
}

QString QueryStatisticsModel::statText(const Reports::QuerySeries& s, Column c) const
{
    const std::optional<double> v = statValue(s, c);
    if (!v)
        return {};
    switch (c) {
    case MinTime:
    case MaxTime:
        return QDateTime::fromMSecsSinceEpoch(qint64(*v), m_zone)
            .toString(m_step == QueryStep::Raw ? QStringLiteral("MM-dd HH:mm:ss")
                                               : QStringLiteral("MM-dd HH:mm"));
    case Samples:
        return QString::number(qint64(*v));
    case Coverage:
        return number(*v, 1);
    default:
        return number(*v, s.decimals);
    }
}

QVariant QueryStatisticsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const int series = m_order[std::size_t(index.row())];
    const Reports::QuerySeries& s = m_series[std::size_t(series)];
    const int stat = index.column() - leading();
    if (stat < 0) {
        if (role != Qt::DisplayRole)
            return role == Qt::TextAlignmentRole && m_ranking && index.column() == 0
                       ? QVariant::fromValue(Qt::AlignCenter)
                       : QVariant();
        if (!m_ranking)
            return s.unit.isEmpty() ? s.label() : QStringLiteral("%1 (%2)").arg(s.label(), s.unit);
        if (index.column() == 0)
            return m_rank[std::size_t(series)] > 0 ? QString::number(m_rank[std::size_t(series)])
                                                   : QStringLiteral("—");
        return s.place();
    }
    switch (role) {
    case Qt::DisplayRole:
        return statText(s, Column(stat));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (stat == Total && s.aggregation != Aggregation::Counter)
            return tr("Only a counter has a total");
        if ((stat == Min || stat == Max || stat == Average) && isMarked(s.stats.flags))
            return Reports::Report::flagText(s.stats.flags);
        return {};
    default:
        return {};
    }
}

QVariant QueryStatisticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < leading()) {
        if (!m_ranking)
            return tr("Series");
        return section == 0 ? tr("Rank") : tr("Station");
    }
    switch (Column(section - leading())) {
    case Min:
        return tr("Minimum");
    case MinTime:
        return tr("Time of minimum");
    case Max:
        return tr("Maximum");
    case MaxTime:
        return tr("Time of maximum");
    case Average:
        return tr("Average");
    case Total:
        return tr("Total");
    case Samples:
        return tr("Samples");
    case Coverage:
        return tr("Coverage %");
    case Stats:
        break;
    }
    return {};
}

void QueryStatisticsModel::sort(int column, Qt::SortOrder order)
{
    if (!m_ranking || column < 0 || column >= columnCount())
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> rowsBefore;
    for (const QModelIndex& i : before)
        rowsBefore.push_back(m_order[std::size_t(i.row())]);
    applySort();
    for (int k = 0; k < before.size(); ++k) {
        const auto it = std::find(m_order.begin(), m_order.end(), rowsBefore[std::size_t(k)]);
        changePersistentIndex(before[k], index(int(it - m_order.begin()), before[k].column()));
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void QueryStatisticsModel::applySort()
{
    m_order.resize(m_series.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    // Unsorted, or by 名次: the ranking's order, unranked last.
    const auto byRank = [this](int a, int b) {
        const int ra = m_rank[std::size_t(a)] > 0 ? m_rank[std::size_t(a)] : INT_MAX;
        const int rb = m_rank[std::size_t(b)] > 0 ? m_rank[std::size_t(b)] : INT_MAX;
        return ra < rb;
    };
    if (m_sortColumn <= 0) {
        std::stable_sort(m_order.begin(), m_order.end(), byRank);
        if (m_sortColumn == 0 && m_sortOrder == Qt::DescendingOrder)
            std::reverse(m_order.begin(), m_order.end());
        return;
    }
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    if (m_sortColumn == 1) {
        std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
            const QString ka = collationKey(m_series[std::size_t(a)].place());
            const QString kb = collationKey(m_series[std::size_t(b)].place());
            return ascending ? ka < kb : kb < ka;
        });
        return;
    }
    const auto c = Column(m_sortColumn - leading());
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        const std::optional<double> va = statValue(m_series[std::size_t(a)], c);
        const std::optional<double> vb = statValue(m_series[std::size_t(b)], c);
        if (!va || !vb)
            return va.has_value() && !vb.has_value(); // without the statistic: last
        return ascending ? *va < *vb : *vb < *va;
    });
}

} // namespace PumpWatch::Ui
