#include "stationlistview.h"

#include "theme.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace PumpWatch::Ui {

namespace {

/// Draws the sparkline and supply-bar columns; every other cell as usual.
class StationDelegate : public QStyledItemDelegate {
public:
    StationDelegate(StationListModel& model, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_model(model)
    {}

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        const int column = index.column();
        if (column == StationListModel::Name &&
            index.data(StationListModel::OfflineRole).toBool()) {
            paintOfflineName(painter, option, index);
            return;
        }
        if (column != StationListModel::PressureTrend && column != StationListModel::FlowTrend &&
            column != StationListModel::TodaySupply) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem o = option;
        initStyleOption(&o, index);
        o.text.clear();
        o.widget->style()->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget);
        const int row = index.data(StationListModel::StationRole).toInt();
        const QRectF r = QRectF(option.rect).adjusted(4, 4, -4, -4);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        if (column == StationListModel::TodaySupply)
            paintBar(painter, r, index);
        else
            paintSparkline(painter, r,
                           m_model.sparkline(row, static_cast<StationListModel::Column>(column)));
        painter->restore();
    }

private:
    /// The fill (the state's colour), the hatching, then the name on top, readable.
    void paintOfflineName(QPainter* painter, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const
    {
        QStyleOptionViewItem o = option;
        initStyleOption(&o, index);
        const QString text = o.text;
        o.text.clear();
        o.widget->style()->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget);
        QPainterPath cell;
        cell.addRect(QRectF(option.rect));
        paintOfflineHatch(*painter, cell);
        o.text = text;
        o.backgroundBrush = Qt::NoBrush;
        o.state &= ~QStyle::State_Selected; // the selection was drawn with the fill
        o.widget->style()->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget);
    }

    void paintBar(QPainter* painter, const QRectF& r, const QModelIndex& index) const
    {
        const double fraction = index.data(StationListModel::FractionRole).toDouble();
        const QString text = index.data(Qt::DisplayRole).toString();
        const double textWidth = painter->fontMetrics().horizontalAdvance(QStringLiteral("000000"));
        QRectF bar = r.adjusted(0, 2, -textWidth - 6, -2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(stateColours().bar);
        painter->drawRect(QRectF(bar.topLeft(), QSizeF(bar.width() * fraction, bar.height())));
        painter->setPen(index.data(Qt::ForegroundRole).value<QColor>().isValid()
                            ? index.data(Qt::ForegroundRole).value<QColor>()
                            : QPalette().color(QPalette::Text));
        painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, text);
    }

    void paintSparkline(QPainter* painter, const QRectF& r, const Sparkline& line) const
    {
        const qint64 now = m_model.nowMs();
        const int n = line.buckets();
        float lo = std::numeric_limits<float>::max();
        float hi = std::numeric_limits<float>::lowest();
        for (int i = 0; i < n; ++i) {
            const float v = line.at(i, now);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        if (lo > hi)
            return;
        // At least ±10 % of the level: a regulated pressure's jitter stays a flat line.
        const float span = std::max(hi - lo, 0.2f * std::max(std::abs(hi), std::abs(lo)));
        const float middle = (hi + lo) / 2;
        lo = middle - std::max(span, 1e-3f) / 2;
        hi = middle + std::max(span, 1e-3f) / 2;
        QPainterPath path;
        bool pen = false;
        for (int i = 0; i < n; ++i) {
            const float v = line.at(i, now);
            if (!std::isfinite(v)) {
                pen = false; // a gap stays a gap
                continue;
            }
            const QPointF p(r.left() + r.width() * i / std::max(1, n - 1),
                            r.bottom() - r.height() * (v - lo) / (hi - lo));
            if (pen)
                path.lineTo(p);
            else
                path.moveTo(p);
            pen = true;
        }
        painter->setPen(QPen(stateColours().sparkline, 1.3));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path);
    }

    StationListModel& m_model;
};

} // namespace

StationListView::StationListView(const Project& project, StationListModel& model, QWidget* parent)
    : QWidget(parent)
    , m_project(project)
    , m_model(model)
    , m_search(new QLineEdit(this))
    , m_district(new QComboBox(this))
    , m_line(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_alarmsFirst(new QCheckBox(tr("Alarms first"), this))
    , m_counts(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_filter.setStations(&model);
    m_search->setPlaceholderText(tr("Search name or pinyin initials (e.g. amlk)"));
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("stationSearch"));

    m_district->addItem(tr("All districts"), QString());
    QStringList districts;
    for (const Station& s : project.stations) {
        if (!s.district.isEmpty() && !districts.contains(s.district))
            districts << s.district;
    }
    for (const QString& d : districts)
        m_district->addItem(d, d);

    m_line->addItem(tr("All plants and lines"), QVariantList{-1, -1});
    for (int p = 0; p < static_cast<int>(project.plants.size()); ++p) {
        m_line->addItem(project.plants[static_cast<std::size_t>(p)].name, QVariantList{p, -1});
        std::vector<std::pair<QString, int>> lines; // 一号线 before 二号线
        for (int l = 0; l < static_cast<int>(project.lines.size()); ++l) {
            if (project.lines[static_cast<std::size_t>(l)].plant == p)
                lines.emplace_back(collationKey(project.lines[std::size_t(l)].name), l);
        }
        std::sort(lines.begin(), lines.end());
        for (const auto& [key, l] : lines)
            m_line->addItem(QStringLiteral("    ") + project.lines[std::size_t(l)].name,
                            QVariantList{-1, l});
    }

    m_state->addItem(tr("All states"), int(StationFilter::StateFilter::All));
    m_state->addItem(tr("In alarm"), int(StationFilter::StateFilter::Alarmed));
    m_state->addItem(tr("Offline"), int(StationFilter::StateFilter::Offline));
    m_state->addItem(tr("Normal"), int(StationFilter::StateFilter::Normal));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_search, 3);
    bar->addWidget(m_district, 1);
    bar->addWidget(m_line, 1);
    bar->addWidget(m_state, 1);
    bar->addWidget(m_alarmsFirst);
    bar->addWidget(m_counts);

    m_table->setModel(&m_filter);
    m_table->setItemDelegate(new StationDelegate(model, m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StationListModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    const int widths[] = {140, 64, 120, 76, 86, 96, 120, 70, 110, 110, 120};
    for (int c = 0; c < StationListModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);
    // The sparklines give way so the list fits its panel without a horizontal scroll bar.
    m_table->horizontalHeader()->setMinimumSectionSize(40);
    for (int c : {StationListModel::PressureTrend, StationListModel::FlowTrend})
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Stretch);
    m_table->setColumnHidden(StationListModel::Line, true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter.setSearch(text);
        updateCounts();
    });
    connect(m_district, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setDistrict(m_district->currentData().toString());
        updateCounts();
    });
    connect(m_line, &QComboBox::currentIndexChanged, this, [this] {
        const QVariantList v = m_line->currentData().toList();
        m_filter.setPlant(v.value(0).toInt());
        m_filter.setLine(v.value(1).toInt());
        updateCounts();
    });
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setStateFilter(
            static_cast<StationFilter::StateFilter>(m_state->currentData().toInt()));
        updateCounts();
    });
    connect(m_alarmsFirst, &QCheckBox::toggled, this, [this](bool on) {
        m_filter.setAlarmsFirst(on);
        m_table->scrollToTop();
    });
    // Calm re-sorting: a row moves at most every few seconds, not with every value. The
    // selection follows its station; the view keeps its scroll position.
    m_resort.setInterval(ResortMs);
    connect(&m_resort, &QTimer::timeout, &m_filter, &StationFilter::resort);
    m_resort.start();
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT stationActivated(index.data(StationListModel::StationRole).toInt());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    Q_EMIT stationSelected(current.data(StationListModel::StationRole).toInt());
            });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        const int station = index.data(StationListModel::StationRole).toInt();
        QMenu menu;
        menu.addAction(tr("Station detail"), this,
                       [this, station] { Q_EMIT stationActivated(station); });
        menu.addAction(tr("Process graphic"), this,
                       [this, station] { Q_EMIT graphicRequested(station); });
        menu.addAction(tr("Trend"), this, [this, station] { Q_EMIT trendRequested(station); });
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            [this](const QPoint& pos) {
                QMenu menu;
                for (int c = 0; c < StationListModel::ColumnCount; ++c) {
                    QAction* a = menu.addAction(
                        m_model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
                    a->setCheckable(true);
                    a->setChecked(!m_table->isColumnHidden(c));
                    a->setEnabled(c != StationListModel::Name);
                    connect(a, &QAction::toggled, m_table,
                            [this, c](bool on) { m_table->setColumnHidden(c, !on); });
                }
                menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
            });
    updateCounts();
}

QByteArray StationListView::saveState() const
{
    return m_table->horizontalHeader()->saveState();
}

void StationListView::restoreState(const QByteArray& state)
{
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
}

void StationListView::refreshed()
{
    if (m_state->currentIndex() > 0)
        m_filter.invalidate();
    updateCounts();
}

void StationListView::updateCounts()
{
    int alarmed = 0;
    int offline = 0;
    for (int r = 0; r < m_model.rowCount(); ++r) {
        alarmed += isAlarmState(m_model.state(r));
        offline += m_model.isOffline(r);
    }
    m_counts->setText(tr("%1 of %2 shown · %3 in alarm · %4 offline")
                          .arg(m_filter.rowCount())
                          .arg(m_model.rowCount())
                          .arg(alarmed)
                          .arg(offline));
}

} // namespace PumpWatch::Ui
