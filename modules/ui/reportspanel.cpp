#include "reportspanel.h"

#include "reportcorrectiondialog.h"
#include "reporthistory.h"
#include "reportpreviewdialog.h"
#include "reporttablemodel.h"

#include <reports/csvexport.h>
#include <reports/render/odtexport.h>
#include <reports/render/reportpainter.h>
#include <reports/xlsxexport.h>

#include <QAction>
#include <QBoxLayout>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>

#include <algorithm>
#include <utility>

namespace PumpWatch::Ui {

namespace {

using Family = ReportRequest::Family;
using Reports::ReportPeriod;

/// The stations' measured values a 综合日报 can show: read-only analogue tags, no counters.
bool isDailyQuantity(const TagDef& t)
{
    using enum Quantity;
    static constexpr Quantity measured[] = {
        Pressure, Flow,        Level,     Frequency,        Power, Current,
        Voltage,  PowerFactor, Turbidity, ResidualChlorine, PH,    Temperature};
    return t.access == Access::Read && t.type != DataType::Bool &&
           std::find(std::begin(measured), std::end(measured), t.quantity) != std::end(measured);
}

struct ExportFormat {
    const char* code;
    const char* filter; ///< in ReportsPanel's context
};
constexpr ExportFormat ExportFormats[] = {
    {"xlsx", QT_TRANSLATE_NOOP("PumpWatch::Ui::ReportsPanel", "Excel workbook (*.xlsx)")},
    {"pdf", QT_TRANSLATE_NOOP("PumpWatch::Ui::ReportsPanel", "PDF document (*.pdf)")},
    {"odt", QT_TRANSLATE_NOOP("PumpWatch::Ui::ReportsPanel", "OpenDocument text (*.odt)")},
    {"csv", QT_TRANSLATE_NOOP("PumpWatch::Ui::ReportsPanel", "CSV for Excel (*.csv)")},
};

} // namespace

ReportsPanel::ReportsPanel(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_model(new ReportTableModel(this))
{
    buildControls();
    connect(&m_generation, &QFutureWatcher<ReportResult>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(&m_generation, &QFutureWatcher<ReportResult>::finished, this, &ReportsPanel::generated);
    connect(&m_store, &QFutureWatcher<StoreResult>::finished, this, [this] {
        const StoreResult r = m_store.result();
        if (r.ok)
            m_history->setVersions(r.versions);
        else
            setStatus(r.error);
        Q_EMIT stored(r.ok);
        if (r.ok && std::exchange(m_regenerateAfterStore, false)) {
            setRequest(m_shown);
            generate();
        }
        updateActions();
    });
    connect(&services.session, &Session::userChanged, this, [this] {
        m_history->setUser(m_services.session.user(),
                           m_services.session.may(Action::ReviewReports));
        updateActions();
    });
    m_history->setUser(services.session.user(), services.session.may(Action::ReviewReports));
    updatePickers();
    updateActions();
    if (!services.database)
        setStatus(tr("Reports need the history database, and this workstation has none."));
}

ReportsPanel::~ReportsPanel()
{
    // The jobs hold the project, not the panel: wait for them, deliver nothing.
    m_generation.cancel();
    m_generation.waitForFinished();
    m_store.waitForFinished();
}

void ReportsPanel::buildControls()
{
    auto* layout = new QVBoxLayout(this);
    auto* pickers = new QHBoxLayout;
    m_family = new QComboBox(this);
    m_family->setObjectName(QStringLiteral("family"));
    m_family->addItem(tr("Daily comprehensive report"), int(Family::Daily));
    m_family->addItem(tr("Water production report"), int(Family::Production));
    m_family->addItem(tr("Energy report"), int(Family::Energy));
    m_family->setCurrentIndex(1);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("periodKind"));
    m_kind->addItem(tr("Day"), int(ReportPeriod::Day));
    m_kind->addItem(tr("Month"), int(ReportPeriod::Month));
    m_kind->addItem(tr("Year"), int(ReportPeriod::Year));
    m_tag = new QComboBox(this);
    m_tag->setObjectName(QStringLiteral("tag"));
    QStringList keys;
    for (const StationTemplate& t : m_services.project.templates) {
        for (const TagDef& tag : t.tags) {
            if (isDailyQuantity(tag) && !keys.contains(tag.key)) {
                keys << tag.key;
                m_tag->addItem(tag.name, tag.key);
            }
        }
    }
    m_tag->setCurrentIndex(std::max(0, m_tag->findData(QStringLiteral("outlet_pressure"))));
    m_date = new QDateEdit(this);
    m_date->setObjectName(QStringLiteral("period"));
    m_date->setCalendarPopup(true);
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    // The last whole production day: before the day's start (08:00), yesterday is not over.
    const int dayStart = m_services.project.reports.dayStartMinute;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_services.clock.nowMs(), zone);
    const QDate current =
        now.time().msecsSinceStartOfDay() < dayStart * 60'000 ? now.date().addDays(-1) : now.date();
    m_date->setDate(current.addDays(-1));
    m_generate = new QPushButton(tr("Generate"), this);
    m_generate->setObjectName(QStringLiteral("generate"));
    m_generate->setDefault(true);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, ReportProgressSteps);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 16);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    pickers->addWidget(new QLabel(tr("Report:"), this));
    pickers->addWidget(m_family);
    pickers->addWidget(m_kind);
    pickers->addWidget(new QLabel(tr("Tag:"), this));
    pickers->addWidget(m_tag);
    pickers->addWidget(new QLabel(tr("Period:"), this));
    pickers->addWidget(m_date);
    pickers->addWidget(m_generate);
    pickers->addWidget(m_progress);
    pickers->addWidget(m_cancel);
    pickers->addWidget(m_status, 1);
    layout->addLayout(pickers);

    auto* actions = new QHBoxLayout;
    // Push buttons that follow their actions (enabled, tooltip), like the export menu's.
    const auto button = [this, actions](QAction* a) {
        auto* b = new QPushButton(a->text(), this);
        const auto follow = [a, b] {
            b->setEnabled(a->isEnabled());
            b->setToolTip(a->toolTip());
        };
        connect(a, &QAction::changed, b, follow);
        connect(b, &QPushButton::clicked, a, &QAction::trigger);
        follow();
        actions->addWidget(b);
        return b;
    };
    m_preview = new QAction(tr("Print preview"), this);
    m_preview->setObjectName(QStringLiteral("previewAction"));
    button(m_preview);
    m_print = new QAction(tr("Print…"), this);
    m_print->setObjectName(QStringLiteral("printAction"));
    button(m_print);
    m_export = new QPushButton(tr("Export"), this);
    m_export->setObjectName(QStringLiteral("export"));
    auto* exportMenu = new QMenu(m_export);
    for (const ExportFormat& f : ExportFormats) {
        const QString code = QString::fromLatin1(f.code);
        exportMenu->addAction(tr("Export as .%1…").arg(code), this,
                              [this, code] { exportAs(code); });
    }
    m_export->setMenu(exportMenu);
    actions->addWidget(m_export);
    m_correct = new QAction(tr("Correct…"), this);
    m_correct->setObjectName(QStringLiteral("correctAction"));
    button(m_correct);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("reportTitle"));
    m_title->setAlignment(Qt::AlignCenter);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_subtitles = new QLabel(this);
    m_subtitles->setAlignment(Qt::AlignCenter);
    m_subtitles->setWordWrap(true);
    layout->addWidget(m_subtitles);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("reportTable"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(false); // a report's order is its layout
    m_table->horizontalHeader()->hide();
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    // A report is paper: black on white whatever the workstation's theme.
    QPalette paper = m_table->palette();
    paper.setColor(QPalette::Base, Qt::white);
    paper.setColor(QPalette::AlternateBase, Qt::white);
    paper.setColor(QPalette::Text, Qt::black);
    paper.setColor(QPalette::Window, Qt::white);
    m_table->setPalette(paper);
    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    // Notes can run long (a gap per line): they scroll, the table keeps the room.
    auto* footerArea = new QScrollArea(bottom);
    footerArea->setWidgetResizable(true);
    footerArea->setFrameShape(QFrame::NoFrame);
    m_footer = new QLabel(footerArea);
    m_footer->setObjectName(QStringLiteral("reportFooter"));
    m_footer->setWordWrap(true);
    m_footer->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    footerArea->setWidget(m_footer);
    footerArea->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    bottomLayout->addWidget(footerArea);
    m_history = new ReportHistory(QTimeZone(m_services.project.timeZone.toLatin1()), bottom);
    bottomLayout->addWidget(m_history, 1);
    splitter->addWidget(m_table);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_family, &QComboBox::currentIndexChanged, this, &ReportsPanel::updatePickers);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ReportsPanel::updatePickers);
    connect(m_generate, &QPushButton::clicked, this, &ReportsPanel::generate);
    connect(m_cancel, &QPushButton::clicked, this, &ReportsPanel::cancel);
    connect(m_preview, &QAction::triggered, this, &ReportsPanel::preview);
    connect(m_print, &QAction::triggered, this, &ReportsPanel::print);
    connect(m_correct, &QAction::triggered, this, [this] { correct(m_table->currentIndex()); });
    connect(m_table, &QTableView::doubleClicked, this, &ReportsPanel::correct);
    connect(m_table, &QTableView::customContextMenuRequested, this, &ReportsPanel::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ReportsPanel::updateActions);
    connect(m_history, &ReportHistory::reviewRequested, this, [this](qint64 id) {
        if (!m_services.session.user())
            return;
        const User user = *m_services.session.user();
        runStore(
            [id, user, p = m_services.session.permissions()](Reports::ReportStore& store,
                                                             QString* error) {
                store.setPermissions(p);
                return store.review(id, user, {}, error);
            },
            false);
    });
}

void ReportsPanel::updatePickers()
{
    const bool daily = m_family->currentData().toInt() == int(Family::Daily);
    if (daily)
        m_kind->setCurrentIndex(m_kind->findData(int(ReportPeriod::Day)));
    m_kind->setEnabled(!daily);
    m_tag->setEnabled(daily);
    const int kind = m_kind->currentData().toInt();
    m_date->setDisplayFormat(kind == ReportPeriod::Day     ? QStringLiteral("yyyy-MM-dd")
                             : kind == ReportPeriod::Month ? QStringLiteral("yyyy-MM")
                                                           : QStringLiteral("yyyy"));
    m_date->setCalendarPopup(kind == ReportPeriod::Day);
}

void ReportsPanel::setRequest(const ReportRequest& request)
{
    m_family->setCurrentIndex(m_family->findData(int(request.family)));
    if (request.family == Family::Daily)
        m_tag->setCurrentIndex(m_tag->findData(request.tagKey));
    m_kind->setCurrentIndex(m_kind->findData(int(request.period.kind())));
    m_date->setDate(request.period.date());
    updatePickers();
}

ReportRequest ReportsPanel::request() const
{
    ReportRequest r;
    r.family = static_cast<Family>(m_family->currentData().toInt());
    if (r.family == Family::Daily)
        r.tagKey = m_tag->currentData().toString();
    r.period = ReportPeriod(static_cast<ReportPeriod::Kind>(m_kind->currentData().toInt()),
                            m_date->date());
    return r;
}

bool ReportsPanel::isBusy() const
{
    return m_generation.isRunning() || m_store.isRunning();
}

void ReportsPanel::wait()
{
    m_generation.waitForFinished();
    m_store.waitForFinished();
    QCoreApplication::processEvents();
}

QString ReportsPanel::statusText() const
{
    return m_status->text();
}

QString ReportsPanel::titleText() const
{
    return m_title->text();
}

void ReportsPanel::setStatus(const QString& text)
{
    m_status->setText(text);
    m_status->setToolTip(text);
}

void ReportsPanel::generate()
{
    if (!m_services.database || m_generation.isRunning())
        return;
    Reports::ReportOptions options;
    options.nowMs = m_services.clock.nowMs();
    options.preparedBy = m_services.session.userName();
    m_generate->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    setStatus(tr("Generating…"));
    m_pending = request();
    m_generation.setFuture(
        generateReport(m_services.project, *m_services.database, m_pending, options));
}

void ReportsPanel::cancel()
{
    m_generation.cancel();
}

void ReportsPanel::generated()
{
    m_generate->setEnabled(true);
    m_progress->hide();
    m_cancel->hide();
    if (m_generation.isCanceled() || m_generation.future().resultCount() == 0) {
        setStatus(tr("Canceled."));
        return;
    }
    ReportResult r = m_generation.result();
    if (!r.report) {
        setStatus(tr("The report could not be generated: %1").arg(r.error));
        Q_EMIT failed(r.error);
        return;
    }
    m_shown = m_pending;
    m_model->setReport(std::move(*r.report));
    m_history->setVersions(std::move(r.versions));
    showReport();
    setStatus(r.error.isEmpty() ? tr("Generated at %1.")
                                      .arg(m_model->report().generatedAt.toString(
                                          QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                                : r.error);
    Q_EMIT reportChanged();
}

void ReportsPanel::showReport()
{
    const Reports::Report& report = m_model->report();
    m_table->clearSpans();
    for (const Reports::CellRange& m : report.merges) {
        if (m.rows > 1 || m.columns > 1)
            m_table->setSpan(m.row, m.column, m.rows, m.columns);
    }
    m_title->setText(report.title);
    m_subtitles->setText(report.subtitles.join(QStringLiteral("    ")));
    QStringList footer;
    if (!report.notes.isEmpty())
        footer << tr("Notes: %1").arg(report.notes.join(u'\n'));
    QStringList signatures;
    for (const Reports::Signature& s : report.signatures)
        signatures << tr("%1: %2").arg(s.role,
                                       s.name.isEmpty() ? QStringLiteral("________") : s.name);
    signatures << tr("Prepared at: %1")
                      .arg(report.generatedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    footer << signatures.join(QStringLiteral("        "));
    m_footer->setText(footer.join(u'\n'));
    const QFontMetrics fm = m_table->fontMetrics();
    for (int c = 0; c < report.columnCount(); ++c)
        m_table->setColumnWidth(
            c, std::max(fm.averageCharWidth() * int(report.columns[c].width),
                        fm.horizontalAdvance(
                            m_model->index(std::min(report.headerRows, report.rowCount()) - 1, c)
                                .data()
                                .toString()) +
                            fm.averageCharWidth() * 2));
    m_table->resizeRowsToContents();
    updateActions();
}

void ReportsPanel::updateActions()
{
    const bool has = m_model->hasReport();
    m_preview->setEnabled(has);
    m_print->setEnabled(has);
    m_export->setEnabled(has && m_services.session.user().has_value() && !m_store.isRunning());
    const QModelIndex at = m_table->currentIndex();
    const bool correctable =
        has && at.isValid() && !at.data(ReportTableModel::KeyRole).toString().isEmpty();
    const bool administrator = m_services.session.may(Action::CorrectReports);
    m_correct->setEnabled(correctable && administrator && !isBusy());
    m_correct->setToolTip(
        !administrator
            ? tr("Needs the permission “%1”").arg(actionDisplayName(Action::CorrectReports))
        : !correctable ? tr("Select a line's value in the report to correct it")
                       : tr("Correct this value (recorded with your name and the reason)"));
}

void ReportsPanel::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addAction(m_correct);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

QString ReportsPanel::cellPlace(int row, int column) const
{
    const Reports::Report& r = m_model->report();
    QStringList parts{r.cell(row, 0).displayText()};
    for (int h = 0; h < r.headerRows; ++h) {
        int c = column;
        if (const Reports::CellRange* m = r.mergeAt(h, column))
            c = m->column;
        const QString text = r.cell(h, c).displayText();
        if (!text.isEmpty() && !parts.contains(text))
            parts << text;
    }
    return parts.join(u' ');
}

ReportCorrectionDialog* ReportsPanel::correctionDialog() const
{
    return m_correction;
}

ReportCorrectionDialog* ReportsPanel::correct(const QModelIndex& index)
{
    updateActions();
    if (!index.isValid() || !m_correct->isEnabled() ||
        index.data(ReportTableModel::KeyRole).toString().isEmpty())
        return nullptr;
    if (m_correction)
        m_correction->close();
    m_correctionRow = index.row();
    m_correctionColumn = index.column();
    const Reports::Cell& cell = m_model->report().cell(index.row(), index.column());
    auto* dialog = new ReportCorrectionDialog(cellPlace(index.row(), index.column()), cell, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &ReportsPanel::applyCorrection);
    m_correction = dialog;
    dialog->open();
    return dialog;
}

void ReportsPanel::applyCorrection()
{
    const Reports::Report& report = m_model->report();
    const std::optional<User>& user = m_services.session.user();
    const int bucket = m_correctionRow - report.headerRows;
    const Reports::PeriodCuts cuts =
        m_shown.period.cuts(QTimeZone(m_services.project.timeZone.toLatin1()),
                            m_services.project.reports.dayStartMinute);
    if (!m_correction || !user || bucket < 0 || bucket >= cuts.size())
        return;
    const Reports::Cell& cell = report.cell(m_correctionRow, m_correctionColumn);
    Reports::Correction c;
    c.family = report.family;
    c.cell = cell.key;
    c.periodStartMs = cuts.bounds[static_cast<size_t>(bucket)];
    c.original = cell.value;
    c.originalFlags = cell.flags;
    c.corrected = m_correction->value();
    c.method = m_correction->method();
    c.reason = m_correction->reason();
    runStore(
        [c, who = *user, p = m_services.session.permissions()](Reports::ReportStore& store,
                                                               QString* error) {
            store.setPermissions(p);
            return store.addCorrection(c, who, {}, error);
        },
        true);
}

void ReportsPanel::runStore(StoreWork work, bool regenerate)
{
    if (!m_services.database || !m_model->hasReport() || m_store.isRunning())
        return;
    m_regenerateAfterStore = regenerate;
    m_store.setFuture(runOnStore(m_services.project, *m_services.database, m_model->report().id,
                                 std::move(work)));
    updateActions();
}

ReportPreviewDialog* ReportsPanel::preview()
{
    if (!m_model->hasReport())
        return nullptr;
    if (m_previewDialog)
        m_previewDialog->close();
    auto* dialog = new ReportPreviewDialog(m_model->report(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportPreviewDialog::printRequested, this, &ReportsPanel::print);
    m_previewDialog = dialog;
    dialog->open();
    return dialog;
}

void ReportsPanel::print()
{
    if (!m_model->hasReport())
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageLayout(Reports::ReportPainter::pageLayout(m_model->report()));
    printer.setDocName(m_model->report().title);
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print %1").arg(m_model->report().title));
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!Reports::print(m_model->report(), printer, &error))
        setStatus(tr("Printing failed: %1").arg(error));
    else
        setStatus(tr("Sent to %1.").arg(printer.printerName()));
}

void ReportsPanel::exportAs(const QString& format)
{
    if (!m_model->hasReport())
        return;
    QString filter;
    for (const ExportFormat& f : ExportFormats) {
        if (format == QLatin1StringView(f.code))
            filter = tr(f.filter);
    }
    // An issued file is never written again: the next version gets a name of its own.
    int next = 1;
    for (const Reports::ReportVersion& v : m_history->versions()) {
        if (v.format == format)
            next = std::max(next, v.version + 1);
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export report"),
        QDir(folder).filePath(
            QStringLiteral("%1.v%2.%3").arg(m_model->report().id).arg(next).arg(format)),
        filter);
    if (!path.isEmpty())
        exportTo(path, format);
}

bool ReportsPanel::exportTo(const QString& path, const QString& format)
{
    const std::optional<User>& user = m_services.session.user();
    if (!m_model->hasReport() || !user)
        return false;
    const Reports::Report& report = m_model->report();
    for (const Reports::ReportVersion& v : m_history->versions()) {
        if (QFileInfo(v.file) == QFileInfo(path)) {
            setStatus(tr("%1 is version %2 of this report as issued; it is kept as it is. Export "
                         "to another file.")
                          .arg(QDir::toNativeSeparators(path))
                          .arg(v.version));
            return false;
        }
    }
    QString error;
    bool ok = false;
    if (format == u"xlsx")
        ok = Reports::writeXlsx(report, path, &error);
    else if (format == u"pdf")
        ok = Reports::writePdf(report, path, &error);
    else if (format == u"odt")
        ok = Reports::writeOdt(report, path, &error);
    else if (format == u"csv")
        ok = Reports::writeCsv(report, path, &error);
    if (!ok) {
        setStatus(tr("Export failed: %1").arg(error));
        return false;
    }
    setStatus(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
    runStore(
        [id = report.id, path, format, who = *user](Reports::ReportStore& store, QString* e) {
            return store.addVersion(id, format, path, who, e).has_value();
        },
        false);
    return true;
}

} // namespace PumpWatch::Ui
