#include "queryhistorytab.h"

#include "querychart.h"
#include "querymodels.h"
#include "queryparts.h"
#include "querypicker.h"

#include <reports/queryreport.h>

#include <QBoxLayout>
#include <QComboBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>

namespace PumpWatch::Ui {

namespace {

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent, const QString& name)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    return table;
}

} // namespace

QueryHistoryTab::QueryHistoryTab(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_zone(services.project.timeZone.toLatin1())
    , m_picker(new QueryPicker(services.project, this))
    , m_period(new QueryPeriodEdit(
          m_zone, [&services] { return services.clock.nowMs(); }, this))
    , m_step(new QComboBox(this))
    , m_run(this)
    , m_chart(new QueryChart(m_zone, this))
    , m_model(new QueryTableModel(m_zone, this))
    , m_stats(new QueryStatisticsModel(m_zone, this))
    , m_job(
          this, [this](int value) { m_run.progress->setValue(value); },
          [this](std::optional<QueryOutcome<Reports::HistoryResult>> outcome) {
              done(std::move(outcome));
          })
{
    m_step->setObjectName(QStringLiteral("step"));
    fillStepCombo(m_step);
    m_step->setToolTip(tr("Raw up to two days, 15 minutes up to a week, hours up to two months, "
                          "production days beyond"));
    shrinkable(m_step);
    m_table = makeTable(m_model, this, QStringLiteral("table"));
    m_statistics = makeTable(m_stats, this, QStringLiteral("statistics"));
    m_statistics->setSelectionMode(QAbstractItemView::NoSelection);
    m_statistics->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_outputs = new QueryOutputs(
        [this] {
            return m_result ? std::vector{Reports::QueryReport::history(*m_result, m_zone)}
                            : std::vector<Reports::Report>{};
        },
        m_model, this);

    // Two rows: the period, then the step, 查询 and the outputs — a narrow window keeps them all.
    auto* periodRow = new QHBoxLayout;
    periodRow->addWidget(new QLabel(tr("Period"), this));
    periodRow->addWidget(m_period);
    periodRow->addStretch(1);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Step"), this));
    controls->addWidget(m_step);
    controls->addWidget(m_run.query);
    controls->addWidget(m_outputs, 1);

    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_chart);
    results->addWidget(m_table);
    results->addWidget(m_statistics);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    results->setStretchFactor(2, 1);
    results->setSizes({400, 300, 150});

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(periodRow);
    rightLayout->addLayout(controls);
    // The busy bar and 取消 by the status they belong to, their place kept while idle.
    rightLayout->addLayout(m_run.statusRow());
    rightLayout->addWidget(results, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_picker);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({fontMetrics().averageCharWidth() * 38, 900});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    const auto updateAuto = [this] {
        const auto [from, to] = m_period->range();
        updateAutoStep(m_step, to - from);
    };
    connect(m_period, &QueryPeriodEdit::changed, this, updateAuto);
    updateAuto();
    connect(m_run.query, &QPushButton::clicked, this, &QueryHistoryTab::run);
    connect(m_period, &QueryPeriodEdit::submitted, this, &QueryHistoryTab::run);
    connect(m_run.cancel, &QPushButton::clicked, this, &QueryHistoryTab::cancel);
    connect(m_outputs, &QueryOutputs::status, this, &QueryHistoryTab::setStatus);
    connect(m_chart, &QueryChart::cursorMoved, this, &QueryHistoryTab::syncFromChart);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { syncFromTable(current.row()); });
    setStatus(tr("Tick the quantities to query in the tree, pick the period and press Query."));
}

QueryHistoryTab::~QueryHistoryTab() = default; // m_job waits for its workers

void QueryHistoryTab::keyPressEvent(QKeyEvent* event)
{
    if (isRunKey(event)) {
        run();
        return;
    }
    QWidget::keyPressEvent(event);
}

QString QueryHistoryTab::statusText() const
{
    return m_run.status->text();
}

void QueryHistoryTab::setStatus(const QString& text)
{
    m_run.status->setText(text);
}

bool QueryHistoryTab::isBusy() const
{
    return m_job.isBusy();
}

void QueryHistoryTab::setBusy(bool busy)
{
    m_run.setBusy(busy);
}

void QueryHistoryTab::run()
{
    if (isBusy())
        return;
    if (!m_services.database) {
        setStatus(tr("No history database: queries need one."));
        return;
    }
    Reports::HistoryRequest request;
    request.tags = m_picker->checkedTags();
    if (request.tags.empty()) {
        setStatus(tr("Tick at least one quantity in the tree."));
        return;
    }
    std::tie(request.fromMs, request.toMs) = m_period->range();
    if (request.toMs <= request.fromMs) {
        setStatus(tr("The period ends before it starts."));
        return;
    }
    request.step = Reports::QueryStep(m_step->currentData().toInt());
    request.nowMs = m_services.clock.nowMs();
    request.chartBuckets = std::max(400, m_chart->width());
    request.rowLimit = m_rowLimit;
    m_period->refresh();
    setBusy(true);
    setStatus(tr("Querying %n series…", "", int(request.tags.size())));
    m_job.start(runHistory(m_services.project, *m_services.database, std::move(request)));
}

void QueryHistoryTab::cancel()
{
    // At once: the worker stops at its next check, its result is dropped whenever it comes.
    if (!m_job.cancel())
        return;
    done(std::nullopt);
}

void QueryHistoryTab::done(std::optional<QueryOutcome<Reports::HistoryResult>> outcome)
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
    // Moved, not copied: thousands of series' envelopes are tens of megabytes.
    m_result = std::move(outcome->result);
    show(*m_result);
    Q_EMIT finished();
}

void QueryHistoryTab::show(const Reports::HistoryResult& result)
{
    m_chart->setSeries(result.series, result.fromMs, result.toMs,
                       result.step == Reports::QueryStep::Raw);
    m_model->setResult(result);
    m_stats->setHistory(result);
    fitColumns(m_table);
    m_outputs->setAvailable(true);
    qint64 samples = 0;
    bool truncated = false;
    for (const Reports::QuerySeries& s : result.series) {
        samples += s.stats.count;
        truncated = truncated || s.truncated;
    }
    // The statistics show whole, the table and the curve share the rest.
    const int rows = m_stats->rowCount();
    m_statistics->setMaximumHeight(m_statistics->horizontalHeader()->sizeHint().height() +
                                   rows * m_statistics->verticalHeader()->defaultSectionSize() +
                                   2 * m_statistics->frameWidth() + 4);
    // The period as queried: an hour or day step grows it to whole hours or production days.
    const QString minutes = QStringLiteral("yyyy-MM-dd HH:mm");
    QString text = tr("%1 — %2, step: %3, %n row(s), %4 good samples.", "", m_model->rowCount())
                       .arg(QDateTime::fromMSecsSinceEpoch(result.fromMs, m_zone).toString(minutes),
                            QDateTime::fromMSecsSinceEpoch(result.toMs, m_zone).toString(minutes),
                            Reports::QueryReport::stepName(result.step))
                       .arg(samples);
    if (truncated)
        text += u' ' + tr("Too many samples to list: the curve and the statistics are complete, "
                          "for the table pick a coarser step.");
    if (m_chart->omittedCount() > 0)
        text += u' ' + curvesCapped(m_chart->seriesLimit());
    setStatus(text);
}

void QueryHistoryTab::syncFromChart(qint64 ms)
{
    if (m_syncing)
        return;
    const int row = m_model->rowForTime(ms);
    if (row < 0)
        return;
    m_syncing = true;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
    m_syncing = false;
}

void QueryHistoryTab::syncFromTable(int row)
{
    if (m_syncing || row < 0 || row >= m_model->rowCount())
        return;
    m_syncing = true;
    m_chart->setCursorTime(m_model->timeAt(row));
    m_syncing = false;
}

} // namespace PumpWatch::Ui
