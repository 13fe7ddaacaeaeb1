#include "queryperiodtab.h"

#include "periodcomparemodel.h"
#include "querychart.h"
#include "queryparts.h"

#include <reports/queryreport.h>

#include <QBoxLayout>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>

#include <set>

namespace PumpWatch::Ui {

namespace {
using Reports::Measure;
using Reports::ReportPeriod;
} // namespace

QueryPeriodTab::QueryPeriodTab(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_zone(services.project.timeZone.toLatin1())
    , m_measure(new QComboBox(this))
    , m_key(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_date(new QDateEdit(this))
    , m_station(new QComboBox(this))
    , m_run(this)
    , m_notes(new QLabel(this))
    , m_model(new PeriodCompareModel(this))
    , m_chart(new QueryChart(m_zone, this))
    , m_job(
          this, [this](int value) { m_run.progress->setValue(value); },
          [this](std::optional<PeriodOutcome> outcome) { done(std::move(outcome)); })
{
    const Project& project = services.project;
    m_measure->setObjectName(QStringLiteral("measure"));
    m_key->setObjectName(QStringLiteral("tagKey"));
    m_kind->setObjectName(QStringLiteral("periodKind"));
    m_date->setObjectName(QStringLiteral("date"));
    m_station->setObjectName(QStringLiteral("overlayStation"));
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (Measure m : {Measure::Volume, Measure::Energy, Measure::EnergyPerVolume, Measure::Tag})
        m_measure->addItem(Reports::QueryReport::measureName(m), int(m));
    std::set<QString> seen;
    for (const StationTemplate& t : project.templates) {
        for (const TagDef& tag : t.tags) {
            if (seen.insert(tag.key).second)
                m_key->addItem(tag.name, tag.key);
        }
    }
    m_key->setEnabled(false);
    m_kind->addItem(tr("Day"), int(ReportPeriod::Day));
    m_kind->addItem(tr("Month"), int(ReportPeriod::Month));
    m_kind->addItem(tr("Year"), int(ReportPeriod::Year));
    m_kind->setCurrentIndex(1);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    // The production day running now (at 02:20 with days from 08:00, yesterday's): a day that
    // has not started has nothing to compare; its month and year likewise.
    m_date->setDate(
        QDateTime::fromMSecsSinceEpoch(
            services.clock.nowMs() - qint64(project.reports.dayStartMinute) * 60'000, m_zone)
            .date());
    for (const Station& s : project.stations)
        m_station->addItem(s.displayName(), s.id);
    m_station->setToolTip(tr("The station whose curves of the three periods are overlaid"));
    for (QComboBox* c : {m_measure, m_key, m_kind, m_station})
        shrinkable(c);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("periodTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_outputs = new QueryOutputs(
        [this] {
            return m_result ? std::vector{Reports::QueryReport::periodCompare(*m_result, m_zone)}
                            : std::vector<Reports::Report>{};
        },
        m_model, this);

    // Two rows: what and when, then whose curve, 查询 and the outputs.
    auto* what = new QHBoxLayout;
    what->addWidget(new QLabel(tr("Measure"), this));
    what->addWidget(m_measure);
    what->addWidget(m_key);
    what->addWidget(new QLabel(tr("Period"), this));
    what->addWidget(m_kind);
    what->addWidget(m_date);
    what->addStretch(1);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Curve of"), this));
    controls->addWidget(m_station);
    controls->addWidget(m_run.query);
    controls->addWidget(m_outputs, 1);
    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_table);
    results->addWidget(m_chart);
    results->setStretchFactor(0, 1);
    results->setStretchFactor(1, 1);
    results->setSizes({300, 400});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(what);
    layout->addLayout(controls);
    layout->addLayout(m_run.statusRow());
    layout->addWidget(m_notes);
    layout->addWidget(results, 1);

    connect(m_measure, &QComboBox::currentIndexChanged, this, [this] {
        m_key->setEnabled(Measure(m_measure->currentData().toInt()) == Measure::Tag);
    });
    connect(m_run.query, &QPushButton::clicked, this, &QueryPeriodTab::run);
    connect(m_run.cancel, &QPushButton::clicked, this, &QueryPeriodTab::cancel);
    connect(m_outputs, &QueryOutputs::status, this, &QueryPeriodTab::setStatus);
    setStatus(tr("Pick the measure and the period, then press Query."));
}

QueryPeriodTab::~QueryPeriodTab() = default; // m_job waits for its workers

void QueryPeriodTab::keyPressEvent(QKeyEvent* event)
{
    if (isRunKey(event)) {
        run();
        return;
    }
    QWidget::keyPressEvent(event);
}

void QueryPeriodTab::setMeasure(Measure measure, const QString& key)
{
    m_measure->setCurrentIndex(m_measure->findData(int(measure)));
    if (!key.isEmpty())
        m_key->setCurrentIndex(m_key->findData(key));
}

void QueryPeriodTab::setPeriod(const ReportPeriod& period)
{
    m_kind->setCurrentIndex(m_kind->findData(int(period.kind())));
    m_date->setDate(period.date());
}

void QueryPeriodTab::setOverlayStation(const QString& stationId)
{
    m_station->setCurrentIndex(m_station->findData(stationId));
}

QString QueryPeriodTab::notesText() const
{
    return m_notes->text();
}

QString QueryPeriodTab::statusText() const
{
    return m_run.status->text();
}

void QueryPeriodTab::setStatus(const QString& text)
{
    m_run.status->setText(text);
}

bool QueryPeriodTab::isBusy() const
{
    return m_job.isBusy();
}

void QueryPeriodTab::setBusy(bool busy)
{
    m_run.setBusy(busy);
}

TagId QueryPeriodTab::overlayTag() const
{
    const Project& p = m_services.project;
    const int station = p.stationIndex(m_station->currentData().toString());
    if (station < 0)
        return InvalidTagId;
    QString key;
    switch (Measure(m_measure->currentData().toInt())) {
    case Measure::Volume:
        key = p.reports.productionTag;
        break;
    case Measure::Energy:
    case Measure::EnergyPerVolume:
        key = p.reports.energyTag;
        break;
    case Measure::Tag:
        key = m_key->currentData().toString();
        break;
    }
    const Station& s = p.stations[std::size_t(station)];
    for (TagId id = s.firstTag; id < s.firstTag + s.tagCount; ++id) {
        if (p.tag(id).key == key)
            return id;
    }
    return InvalidTagId;
}

void QueryPeriodTab::run()
{
    if (isBusy())
        return;
    if (!m_services.database) {
        setStatus(tr("No history database: queries need one."));
        return;
    }
    Reports::PeriodCompareRequest request;
    request.measure = Measure(m_measure->currentData().toInt());
    if (request.measure == Measure::Tag)
        request.key = m_key->currentData().toString();
    request.period =
        ReportPeriod(ReportPeriod::Kind(m_kind->currentData().toInt()), m_date->date());
    request.nowMs = m_services.clock.nowMs();
    const Reports::QueryStep step = request.period.kind() == ReportPeriod::Day
                                        ? Reports::QueryStep::Hour
                                        : Reports::QueryStep::Day;
    setBusy(true);
    setStatus(tr("Comparing %1…").arg(request.period.displayName()));
    m_job.start(runPeriodCompare(m_services.project, *m_services.database, std::move(request),
                                 overlayTag(), step));
}

void QueryPeriodTab::cancel()
{
    // At once: the worker stops at its next check, its result is dropped whenever it comes.
    if (!m_job.cancel())
        return;
    done(std::nullopt);
}

void QueryPeriodTab::done(std::optional<PeriodOutcome> found)
{
    setBusy(false);
    if (!found) {
        setStatus(tr("Canceled."));
        Q_EMIT finished();
        return;
    }
    const PeriodOutcome& outcome = *found;
    if (!outcome.result) {
        setStatus(tr("The query failed: %1").arg(outcome.error));
        Q_EMIT finished();
        return;
    }
    m_result = outcome.result;
    m_model->setResult(*m_result);
    m_outputs->setAvailable(true);
    showNotes(*m_result);
    if (outcome.overlay)
        m_chart->setSeries(outcome.overlay->series, outcome.overlay->fromMs, outcome.overlay->toMs,
                           false);
    else
        m_chart->clear();
    setStatus(outcome.error.isEmpty()
                  ? tr("%1 of %2.").arg(m_result->measureName, m_result->period.displayName())
                  : tr("The curves could not be read: %1").arg(outcome.error));
    Q_EMIT finished();
}

void QueryPeriodTab::showNotes(const Reports::PeriodCompareResult& r)
{
    const auto span = [this](qint64 from, qint64 to) {
        const QString f = QStringLiteral("yyyy-MM-dd HH:mm");
        return tr("%1 to %2")
            .arg(QDateTime::fromMSecsSinceEpoch(from, m_zone).toString(f),
                 QDateTime::fromMSecsSinceEpoch(to, m_zone).toString(f));
    };
    QStringList lines;
    QString title = tr("%1 (%2), %3").arg(r.measureName, r.unit, r.period.displayName());
    if (r.partial)
        title += tr(", compared over the same elapsed span: %1").arg(r.partialLabel);
    lines << title;
    lines << tr("This period %1; previous %2; same period last year %3.")
                 .arg(span(r.fromMs, r.toMs), span(r.previousFromMs, r.previousToMs),
                      span(r.lastYearFromMs, r.lastYearToMs));
    lines << tr("Stations with data: this period %1, previous %2, last year %3; comparable: "
                "month-on-month %4, year-on-year %5.")
                 .arg(r.currentStations)
                 .arg(r.previousStations)
                 .arg(r.lastYearStations)
                 .arg(r.previousTotals.stations)
                 .arg(r.lastYearTotals.stations);
    m_notes->setText(lines.join(u'\n'));
}

} // namespace PumpWatch::Ui
