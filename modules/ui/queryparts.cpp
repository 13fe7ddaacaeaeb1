#include "queryparts.h"

#include "queryjob.h"
#include "queryrange.h"
#include "reportpreviewdialog.h"

#include <reports/csvexport.h>
#include <reports/queryreport.h>
#include <reports/render/reportpainter.h>
#include <reports/xlsxexport.h>

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

namespace PumpWatch::Ui {

namespace {

/// The edits' wall time, whole minutes as they show.
QDateTime wallTime(qint64 ms, const QTimeZone& zone)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, zone);
    return QDateTime(t.date(), QTime(t.time().hour(), t.time().minute()));
}

} // namespace

QString tableText(const QAbstractItemModel& model)
{
    QStringList lines;
    QStringList cells;
    for (int c = 0; c < model.columnCount(); ++c)
        cells << model.headerData(c, Qt::Horizontal).toString().replace(u'\n', u' ');
    lines << cells.join(u'\t');
    for (int r = 0; r < model.rowCount(); ++r) {
        cells.clear();
        for (int c = 0; c < model.columnCount(); ++c)
            cells << model.index(r, c).data().toString();
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n') + u'\n';
}

QueryPeriodEdit::QueryPeriodEdit(const QTimeZone& zone, std::function<qint64()> now,
                                 QWidget* parent)
    : QWidget(parent)
    , m_zone(zone)
    , m_now(std::move(now))
    , m_preset(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
{
    m_preset->setObjectName(QStringLiteral("preset"));
    m_from->setObjectName(QStringLiteral("from"));
    m_to->setObjectName(QStringLiteral("to"));
    for (RangePreset p : {RangePreset::Today, RangePreset::Yesterday, RangePreset::ThisWeek,
                          RangePreset::ThisMonth, RangePreset::Custom})
        m_preset->addItem(QueryRange::presetName(p));
    m_preset->installEventFilter(this);
    shrinkable(m_preset);
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
        e->installEventFilter(this);
    }
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(QStringLiteral("—"), this));
    layout->addWidget(m_to);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        showRange();
        Q_EMIT changed();
    });
    for (QDateTimeEdit* e : {m_from, m_to}) {
        connect(e, &QDateTimeEdit::dateTimeChanged, this, [this] {
            if (m_preset->currentIndex() != Custom) {
                const QSignalBlocker block(m_preset);
                m_preset->setCurrentIndex(Custom);
            }
            Q_EMIT changed();
        });
    }
    showRange();
}

QueryPeriodEdit::Preset QueryPeriodEdit::preset() const
{
    return Preset(m_preset->currentIndex());
}

void QueryPeriodEdit::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(int(preset));
    showRange();
}

void QueryPeriodEdit::setRange(qint64 fromMs, qint64 toMs)
{
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(Custom);
    }
    const QSignalBlocker a(m_from);
    const QSignalBlocker b(m_to);
    m_from->setDateTime(wallTime(fromMs, m_zone));
    m_to->setDateTime(wallTime(toMs, m_zone));
    Q_EMIT changed();
}

std::pair<qint64, qint64> QueryPeriodEdit::range() const
{
    if (preset() != Custom) {
        // QueryRange names the periods; a query of one so far ends now, not at its end.
        static constexpr RangePreset Presets[] = {RangePreset::Today, RangePreset::Yesterday,
                                                  RangePreset::ThisWeek, RangePreset::ThisMonth};
        const qint64 now = m_now();
        const QueryRange r = QueryRange::of(Presets[preset()], now, m_zone);
        return {r.fromMs, std::min(r.toMs, now)};
    }
    // What the edits show, whole minutes: a time set from outside may carry seconds.
    const auto ms = [this](const QDateTimeEdit* e) {
        return QDateTime(e->date(), QTime(e->time().hour(), e->time().minute()), m_zone)
            .toMSecsSinceEpoch();
    };
    return {ms(m_from), ms(m_to)};
}

void QueryPeriodEdit::refresh()
{
    showRange();
}

bool QueryPeriodEdit::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        // Enter in the preset box or a date runs the query, as 查询 would (a closed combo's
        // Enter would otherwise do nothing).
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) &&
            !(watched == m_preset && m_preset->view()->isVisible())) {
            Q_EMIT submitted();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueryPeriodEdit::showRange()
{
    if (preset() == Custom)
        return;
    const auto [from, to] = range();
    const QSignalBlocker a(m_from);
    const QSignalBlocker b(m_to);
    m_from->setDateTime(wallTime(from, m_zone));
    m_to->setDateTime(wallTime(to, m_zone));
}

void keepPlace(QWidget* w)
{
    QSizePolicy policy = w->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    w->setSizePolicy(policy);
    w->hide();
}

void shrinkable(QComboBox* combo)
{
    // As wide as its items when there is room, down to a few characters when there is not: an
    // explicit minimum overrides the combo's minimum size hint (its longest item).
    combo->setMinimumWidth(combo->fontMetrics().averageCharWidth() * 8);
    combo->setSizePolicy(QSizePolicy::Preferred, combo->sizePolicy().verticalPolicy());
}

bool isRunKey(const QKeyEvent* event)
{
    return event->key() == Qt::Key_F5 || event->key() == Qt::Key_Return ||
           event->key() == Qt::Key_Enter;
}

void fitColumns(QTableView* table)
{
    // QHeaderView looks at 1000 rows per column by default: 2400 columns of that take seconds.
    table->horizontalHeader()->setResizeContentsPrecision(50);
    table->resizeColumnsToContents();
}

QString curvesCapped(int limit)
{
    return QueryOutputs::tr("The curve shows the first %n, the table lists all.", "", limit);
}

void fillStepCombo(QComboBox* combo)
{
    using Reports::QueryStep;
    for (QueryStep s :
         {QueryStep::Auto, QueryStep::Raw, QueryStep::Quarter, QueryStep::Hour, QueryStep::Day}) {
        combo->addItem(s == QueryStep::Auto ? QueryPeriodEdit::tr("Auto")
                                            : Reports::QueryReport::stepName(s),
                       int(s));
    }
}

void updateAutoStep(QComboBox* combo, qint64 spanMs)
{
    const int i = combo->findData(int(Reports::QueryStep::Auto));
    if (i >= 0)
        combo->setItemText(i, QueryPeriodEdit::tr("Auto (%1)")
                                  .arg(Reports::QueryReport::stepName(
                                      Reports::stepForSpan(std::max<qint64>(spanMs, 1)))));
}

QueryOutputs::QueryOutputs(ReportSource reports, const QAbstractItemModel* table, QWidget* parent)
    : QWidget(parent)
    , m_reports(std::move(reports))
    , m_table(table)
    , m_xlsx(new QPushButton(tr("Export Excel…"), this))
    , m_csv(new QPushButton(tr("Export CSV…"), this))
    , m_print(new QPushButton(tr("Print…"), this))
    , m_copy(new QPushButton(tr("Copy"), this))
{
    m_xlsx->setObjectName(QStringLiteral("exportXlsx"));
    m_csv->setObjectName(QStringLiteral("exportCsv"));
    m_print->setObjectName(QStringLiteral("print"));
    m_copy->setObjectName(QStringLiteral("copy"));
    m_copy->setToolTip(tr("Copies the table as text that pastes into Excel's cells"));
    // A tool bar folds what does not fit into its » menu: a narrow panel keeps every output.
    auto* bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("outputBar"));
    bar->setStyleSheet(QStringLiteral("QToolBar { border: 0px; spacing: 4px; }"));
    for (QPushButton* b : {m_xlsx, m_csv, m_print, m_copy})
        bar->addWidget(b);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    connect(m_xlsx, &QPushButton::clicked, this, [this] { exportAs(QStringLiteral("xlsx")); });
    connect(m_csv, &QPushButton::clicked, this, [this] { exportAs(QStringLiteral("csv")); });
    connect(m_print, &QPushButton::clicked, this, &QueryOutputs::preview);
    connect(m_copy, &QPushButton::clicked, this, &QueryOutputs::copyTable);
    setAvailable(false);
}

void QueryOutputs::setAvailable(bool available)
{
    for (QPushButton* b : {m_xlsx, m_csv, m_print, m_copy})
        b->setEnabled(available);
}

bool QueryOutputs::exportTo(const QString& path, const QString& format)
{
    const std::vector<PumpWatch::Reports::Report> reports = m_reports();
    if (reports.empty())
        return false;
    QString error;
    // A workbook holds every report as a sheet (the comparison: the ranking and the data); CSV
    // is one table, the first.
    const bool ok = format == u"csv" ? PumpWatch::Reports::writeCsv(reports.front(), path, &error)
                                     : PumpWatch::Reports::writeXlsx(reports, path, &error);
    Q_EMIT status(ok ? tr("Exported to %1.").arg(QDir::toNativeSeparators(path))
                     : tr("Export failed: %1").arg(error));
    return ok;
}

void QueryOutputs::exportAs(const QString& format)
{
    const std::vector<PumpWatch::Reports::Report> reports = m_reports();
    if (reports.empty())
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export query"),
        QDir(folder).filePath(QStringLiteral("%1.%2").arg(reports.front().id, format)),
        format == u"csv" ? tr("CSV for Excel (*.csv)") : tr("Excel workbook (*.xlsx)"));
    if (!path.isEmpty())
        exportTo(path, format);
}

ReportPreviewDialog* QueryOutputs::preview()
{
    const std::vector<PumpWatch::Reports::Report> reports = m_reports();
    if (reports.empty())
        return nullptr;
    auto* dialog = new ReportPreviewDialog(reports.front(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportPreviewDialog::printRequested, this,
            [this, report = reports.front()] { print(report); });
    dialog->open();
    // The dialog fits the page to its scroll area, whose size is only known once it is laid
    // out on screen: fit again then, or the page shows as a thumbnail.
    QTimer::singleShot(0, dialog, [dialog] { dialog->setFitToWindow(dialog->fitsToWindow()); });
    return dialog;
}

void QueryOutputs::print(const PumpWatch::Reports::Report& report)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageLayout(PumpWatch::Reports::ReportPainter::pageLayout(report));
    printer.setDocName(report.title);
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print %1").arg(report.title));
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!PumpWatch::Reports::print(report, printer, &error))
        Q_EMIT status(tr("Printing failed: %1").arg(error));
    else
        Q_EMIT status(tr("Sent to %1.").arg(printer.printerName()));
}

void QueryOutputs::copyTable()
{
    if (!m_table || m_table->rowCount() == 0)
        return;
    QApplication::clipboard()->setText(tableText(*m_table));
    Q_EMIT status(tr("Copied %n row(s).", "", m_table->rowCount()));
}

QueryRunControls::QueryRunControls(QWidget* tab)
    : query(new QPushButton(tr("Query"), tab))
    , progress(new QProgressBar(tab))
    , cancel(new QPushButton(tr("Cancel"), tab))
    , status(new QLabel(tab))
{
    query->setObjectName(QStringLiteral("query"));
    cancel->setObjectName(QStringLiteral("cancel"));
    status->setObjectName(QStringLiteral("status"));
    status->setWordWrap(true);
    status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress->setRange(0, QueryProgressSteps);
    progress->setTextVisible(false);
    progress->setMaximumWidth(tab->fontMetrics().averageCharWidth() * 14);
    keepPlace(progress);
    keepPlace(cancel);
    progress->hide();
    cancel->hide();
}

QHBoxLayout* QueryRunControls::statusRow() const
{
    auto* row = new QHBoxLayout;
    row->addWidget(status, 1);
    row->addWidget(progress);
    row->addWidget(cancel);
    return row;
}

void QueryRunControls::setBusy(bool busy)
{
    query->setEnabled(!busy);
    progress->setVisible(busy);
    cancel->setVisible(busy);
    if (busy)
        progress->setValue(0);
}

} // namespace PumpWatch::Ui
