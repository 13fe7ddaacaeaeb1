#include "queryparts.h"

#include "reportpreviewdialog.h"

#include <reports/csvexport.h>
#include <reports/queryreport.h>
#include <reports/render/reportpainter.h>
#include <reports/xlsxexport.h>

#include <QAbstractItemModel>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStandardPaths>

namespace PumpWatch::Ui {

namespace {

qint64 at(QDate day, const QTimeZone& zone)
{
    return QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
}

QDateTime wallTime(qint64 ms, const QTimeZone& zone)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, zone);
    return QDateTime(t.date(), t.time());
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
    m_preset->addItems(
        {tr("Today"), tr("Yesterday"), tr("This week"), tr("This month"), tr("Custom")});
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
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
    const qint64 now = m_now();
    const QDate today = QDateTime::fromMSecsSinceEpoch(now, m_zone).date();
    switch (preset()) {
    case Today:
        return {at(today, m_zone), now};
    case Yesterday:
        return {at(today.addDays(-1), m_zone), at(today, m_zone)};
    case ThisWeek:
        return {at(today.addDays(1 - today.dayOfWeek()), m_zone), now};
    case ThisMonth:
        return {at(QDate(today.year(), today.month(), 1), m_zone), now};
    case Custom:
        break;
    }
    const auto ms = [this](const QDateTimeEdit* e) {
        return QDateTime(e->date(), e->time(), m_zone).toMSecsSinceEpoch();
    };
    return {ms(m_from), ms(m_to)};
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
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton* b : {m_xlsx, m_csv, m_print, m_copy})
        layout->addWidget(b);
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

} // namespace PumpWatch::Ui
