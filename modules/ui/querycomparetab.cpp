#include "querycomparetab.h"

#include "querychart.h"
#include "querymodels.h"
#include "queryparts.h"

#include <reports/queryreport.h>

#include <QBoxLayout>
#include <QComboBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>

#include <set>

namespace PumpWatch::Ui {

QueryCompareTab::QueryCompareTab(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_zone(services.project.timeZone.toLatin1())
    , m_key(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_stations(new QListWidget(this))
    , m_all(new QPushButton(tr("Select all"), this))
    , m_period(new QueryPeriodEdit(
          m_zone, [&services] { return services.clock.nowMs(); }, this))
    , m_step(new QComboBox(this))
    , m_rank(new QComboBox(this))
    , m_run(this)
    , m_chart(new QueryChart(m_zone, this))
    , m_model(new QueryStatisticsModel(m_zone, this))
    , m_job(
          this, [this](int value) { m_run.progress->setValue(value); },
          [this](std::optional<QueryOutcome<Reports::CompareResult>> outcome) {
              done(std::move(outcome));
          })
{
    const Project& project = services.project;
    m_key->setObjectName(QStringLiteral("quantity"));
    m_step->setObjectName(QStringLiteral("step"));
    m_rank->setObjectName(QStringLiteral("rankBy"));
    m_stations->setObjectName(QStringLiteral("stations"));
    m_filter->setObjectName(QStringLiteral("stationSearch"));
    m_all->setObjectName(QStringLiteral("selectAll"));
    // The templates' tags by name, each key once.
    std::set<QString> seen;
    for (const StationTemplate& t : project.templates) {
        for (const TagDef& tag : t.tags) {
            if (seen.insert(tag.key).second)
                m_key->addItem(tag.unit.isEmpty()
                                   ? tag.name
                                   : QStringLiteral("%1 (%2)").arg(tag.name, tag.unit),
                               tag.key);
        }
    }
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter stations"));
    m_filter->setToolTip(tr("A part of the name, the pinyin initials (e.g. amlk) or the code"));
    for (const Station& s : project.stations) {
        m_keys.emplace_back(s.name, QStringList{s.id, s.code});
        auto* item = new QListWidgetItem(s.displayName(), m_stations);
        item->setData(Qt::UserRole, s.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    fillStepCombo(m_step);
    using Reports::RankBy;
    for (RankBy by :
         {RankBy::Average, RankBy::Maximum, RankBy::Minimum, RankBy::Total, RankBy::Coverage})
        m_rank->addItem(Reports::QueryReport::rankName(by), int(by));
    for (QComboBox* c : {m_key, m_step, m_rank})
        shrinkable(c);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("ranking"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setResizeContentsPrecision(50); // 2000 stations size at once
    m_outputs = new QueryOutputs(
        [this] {
            return m_result ? Reports::QueryReport::compare(*m_result, m_zone)
                            : std::vector<Reports::Report>{};
        },
        m_model, this);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Quantity"), this));
    leftLayout->addWidget(m_key);
    leftLayout->addWidget(new QLabel(tr("Stations"), this));
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_all);
    leftLayout->addLayout(filterRow);
    leftLayout->addWidget(m_stations, 1);

    // Two rows: the period, then the step, the ranking, 查询 and the outputs.
    auto* periodRow = new QHBoxLayout;
    periodRow->addWidget(new QLabel(tr("Period"), this));
    periodRow->addWidget(m_period);
    periodRow->addStretch(1);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Step"), this));
    controls->addWidget(m_step);
    controls->addWidget(new QLabel(tr("Rank by"), this));
    controls->addWidget(m_rank);
    controls->addWidget(m_run.query);
    controls->addWidget(m_outputs, 1);
    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_chart);
    results->addWidget(m_table);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    results->setSizes({450, 300});
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(periodRow);
    rightLayout->addLayout(controls);
    // The busy bar and 取消 by the status they belong to, their place kept while idle.
    rightLayout->addLayout(m_run.statusRow());
    rightLayout->addWidget(results, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({fontMetrics().averageCharWidth() * 30, 900});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    const auto updateAuto = [this] {
        const auto [from, to] = m_period->range();
        updateAutoStep(m_step, to - from);
    };
    connect(m_period, &QueryPeriodEdit::changed, this, updateAuto);
    updateAuto();
    connect(m_filter, &QLineEdit::textChanged, this, &QueryCompareTab::setStationFilter);
    connect(m_all, &QPushButton::clicked, this, &QueryCompareTab::checkAllShown);
    connect(m_run.query, &QPushButton::clicked, this, &QueryCompareTab::run);
    connect(m_period, &QueryPeriodEdit::submitted, this, &QueryCompareTab::run);
    connect(m_run.cancel, &QPushButton::clicked, this, &QueryCompareTab::cancel);
    connect(m_outputs, &QueryOutputs::status, this, &QueryCompareTab::setStatus);
    setStatus(tr("Pick a quantity and the stations to compare, then press Query."));
}

QueryCompareTab::~QueryCompareTab() = default; // m_job waits for its workers

void QueryCompareTab::keyPressEvent(QKeyEvent* event)
{
    if (isRunKey(event)) {
        run();
        return;
    }
    QWidget::keyPressEvent(event);
}

void QueryCompareTab::setKey(const QString& key)
{
    m_key->setCurrentIndex(m_key->findData(key));
}

void QueryCompareTab::setStationsChecked(const QStringList& ids)
{
    for (int i = 0; i < m_stations->count(); ++i) {
        QListWidgetItem* item = m_stations->item(i);
        item->setCheckState(ids.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                              : Qt::Unchecked);
    }
}

void QueryCompareTab::setStationFilter(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    for (int i = 0; i < m_stations->count(); ++i)
        m_stations->item(i)->setHidden(!m_keys[std::size_t(i)].matches(text.trimmed()));
}

void QueryCompareTab::checkAllShown()
{
    for (int i = 0; i < m_stations->count(); ++i) {
        if (!m_stations->item(i)->isHidden())
            m_stations->item(i)->setCheckState(Qt::Checked);
    }
}

QStringList QueryCompareTab::checkedStations() const
{
    QStringList ids;
    for (int i = 0; i < m_stations->count(); ++i) {
        if (m_stations->item(i)->checkState() == Qt::Checked)
            ids << m_stations->item(i)->data(Qt::UserRole).toString();
    }
    return ids;
}

QString QueryCompareTab::statusText() const
{
    return m_run.status->text();
}

void QueryCompareTab::setStatus(const QString& text)
{
    m_run.status->setText(text);
}

bool QueryCompareTab::isBusy() const
{
    return m_job.isBusy();
}

void QueryCompareTab::setBusy(bool busy)
{
    m_run.setBusy(busy);
}

void QueryCompareTab::run()
{
    if (isBusy())
        return;
    if (!m_services.database) {
        setStatus(tr("No history database: queries need one."));
        return;
    }
    Reports::CompareRequest request;
    request.key = m_key->currentData().toString();
    request.stations = checkedStations();
    if (request.key.isEmpty() || request.stations.isEmpty()) {
        setStatus(tr("Pick a quantity and tick at least one station."));
        return;
    }
    std::tie(request.fromMs, request.toMs) = m_period->range();
    if (request.toMs <= request.fromMs) {
        setStatus(tr("The period ends before it starts."));
        return;
    }
    request.step = Reports::QueryStep(m_step->currentData().toInt());
    request.rankBy = Reports::RankBy(m_rank->currentData().toInt());
    request.nowMs = m_services.clock.nowMs();
    request.chartBuckets = std::max(400, m_chart->width());
    m_period->refresh();
    setBusy(true);
    setStatus(tr("Comparing %n station(s)…", "", int(request.stations.size())));
    m_job.start(runCompare(m_services.project, *m_services.database, std::move(request)));
}

void QueryCompareTab::cancel()
{
    // At once: the worker stops at its next check, its result is dropped whenever it comes.
    if (!m_job.cancel())
        return;
    done(std::nullopt);
}

void QueryCompareTab::done(std::optional<QueryOutcome<Reports::CompareResult>> outcome)
{
    setBusy(false);
    if (!outcome) {
        setStatus(tr("Canceled."));
        Q_EMIT finished();
        return;
    }
    if (!outcome->result) {
        setStatus(tr("The query failed: %1").arg(outcome->error));
        Q_EMIT finished();
        return;
    }
    m_result = std::move(outcome->result);
    const Reports::HistoryResult& h = m_result->history;
    // The chart draws the top of the ranking, named by station (the quantity is the same).
    std::vector<Reports::QuerySeries> top;
    for (int i : m_result->ranking) {
        if (int(top.size()) >= m_chart->seriesLimit())
            break;
        top.push_back(h.series[std::size_t(i)]);
        top.back().name.clear();
        top.back().location.clear();
    }
    m_chart->setSeries(top, h.fromMs, h.toMs, h.step == Reports::QueryStep::Raw);
    m_model->setRanking(*m_result);
    m_outputs->setAvailable(true);
    QString text = tr("%n station(s) ranked by %1, step: %2.", "", int(h.series.size()))
                       .arg(Reports::QueryReport::rankName(m_result->rankBy),
                            Reports::QueryReport::stepName(h.step));
    if (int(h.series.size()) > m_chart->seriesLimit())
        text += u' ' + curvesCapped(m_chart->seriesLimit());
    setStatus(text);
    Q_EMIT finished();
}

} // namespace PumpWatch::Ui
