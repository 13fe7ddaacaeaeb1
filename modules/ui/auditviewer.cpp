#include "auditviewer.h"

#include "problemstyle.h"
#include "stationpicker.h"
#include "theme.h"

#include <core/csv.h>
#include <core/users.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace PumpWatch::Ui {
namespace {

struct ActionName {
    const char* code;
    const char* label;
};

// Every action a PumpWatch program audits (grep "action" in app/ and modules/), families first.
constexpr ActionName ActionNames[] = {
    {"control.", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Control commands (all)")},
    {"control.select", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Control: select")},
    {"control.operate", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Control: operate")},
    {"control.cancel", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Control: cancel")},
    {"control.done", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Control: confirmed")},
    {"control.fail", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Control: failed")},
    {"control.expire", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Control: expired")},
    {"write", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Value written")},
    {"limits", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Limits changed")},
    {"alarm.", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Alarm journal (all)")},
    {"alarm.open", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Alarm raised")},
    {"alarm.end", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Alarm ended")},
    {"alarm.ack", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Alarm acknowledged")},
    {"shelve", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Alarm shelved")},
    {"unshelve", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Alarm unshelved")},
    {"login", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Login")},
    {"logout", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Logout")},
    {"lock", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Screen locked")},
    {"unlock", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Screen unlocked")},
    {"exit", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Workstation closed")},
    {"report.correct", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Report corrected")},
    {"report.review", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Report reviewed")},
    {"meter.replace", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Meter replaced")},
    {"drawing.save", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Drawing saved")},
    {"user.", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "User accounts (all)")},
    {"user.add", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "User added")},
    {"user.edit", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "User edited")},
    {"user.role", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "User's role changed")},
    {"user.disable", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "User disabled")},
    {"user.enable", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "User enabled")},
    {"user.reset_password", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Password reset")},
    {"user.password", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Password changed")},
    {"user.lock", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Account locked")},
    {"user.unlock", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Account unlocked")},
    {"role.permissions",
     QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Role permissions changed")},
    {"password.policy", QT_TRANSLATE_NOOP("PumpWatch::Ui::AuditViewer", "Password rules changed")},
};

QDateTime wallTime(qint64 ms, const QTimeZone& zone)
{
    // The edit shows the project's local wall time whatever this computer's zone is.
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, zone);
    return QDateTime(local.date(), local.time());
}

qint64 wallTime(const QDateTimeEdit* edit, const QTimeZone& zone)
{
    return QDateTime(edit->date(), edit->time(), zone).toMSecsSinceEpoch();
}

} // namespace

QList<std::pair<QString, QString>> AuditViewer::actions()
{
    QList<std::pair<QString, QString>> out{{QString(), tr("All actions")}};
    for (const ActionName& a : ActionNames)
        out.append({QString::fromLatin1(a.code), tr(a.label)});
    return out;
}

QString AuditViewer::actionLabel(const QString& action)
{
    for (const ActionName& a : ActionNames) {
        if (action == QLatin1StringView(a.code))
            return tr(a.label);
    }
    return action;
}

AuditViewer::AuditViewer(const Services& services, QWidget* parent)
    : QDialog(parent)
    , m_services(services)
    , m_zone(services.project.timeZone.toLatin1())
    , m_user(new QLineEdit(this))
    , m_station(new StationPicker(services.project, this))
    , m_action(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_query(new QPushButton(tr("Query"), this))
    , m_export(new QPushButton(tr("Export…"), this))
    , m_verify(new QPushButton(tr("Verify"), this))
    , m_verifyResult(new QLabel(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
{
    setWindowTitle(tr("Audit trail"));
    resize(1200, 640);
    m_user->setPlaceholderText(tr("login or name; empty: everybody"));
    m_user->setClearButtonEnabled(true);
    m_station->setMinimumWidth(160);
    for (const auto& [code, label] : actions())
        m_action->addItem(label, code);
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
    }
    m_query->setDefault(true);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verifyResult->setWordWrap(true);

    m_model.setHorizontalHeaderLabels({tr("Time"), tr("User"), tr("Role"), tr("Workstation"),
                                       tr("Station"), tr("Action"), tr("Object"), tr("Old → new"),
                                       tr("Result"), tr("Detail")});
    m_table->setModel(&m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("User"), this));
    filters->addWidget(m_user, 1);
    filters->addWidget(new QLabel(tr("Station"), this));
    filters->addWidget(m_station, 1);
    filters->addWidget(new QLabel(tr("Action"), this));
    filters->addWidget(m_action);
    auto* period = new QHBoxLayout;
    period->addWidget(new QLabel(tr("Period"), this));
    period->addWidget(m_from);
    period->addWidget(new QLabel(tr("to"), this));
    period->addWidget(m_to);
    period->addStretch(1);
    period->addWidget(m_query);
    period->addWidget(m_export);
    period->addWidget(m_verify);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(period);
    layout->addWidget(m_verifyResult);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    m_verifyResult->hide();

    const qint64 now = services.clock.nowMs();
    setRange(now - 24 * 3'600'000LL, now);

    connect(m_query, &QPushButton::clicked, this, &AuditViewer::runQuery);
    connect(m_user, &QLineEdit::returnPressed, this, &AuditViewer::runQuery);
    connect(m_station, &QLineEdit::returnPressed, this, &AuditViewer::runQuery);
    connect(m_verify, &QPushButton::clicked, this, &AuditViewer::runVerify);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the audit trail"),
                                                          tr("audit.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export the audit trail"), error);
    });
    connect(&m_rows, &QFutureWatcher<Answer>::finished, this, [this] {
        showRows(m_rows.result());
        if (std::exchange(m_rerun, false))
            runQuery();
    });
    connect(&m_check, &QFutureWatcher<History::AuditVerification>::finished, this, [this] {
        m_verify->setEnabled(true);
        showVerification(m_check.result());
    });
    if (!services.database) {
        for (QPushButton* b : {m_query, m_verify})
            b->setEnabled(false);
        setStatus(tr("No history database: the audit trail is not stored."));
    }
}

AuditViewer::~AuditViewer()
{
    m_rows.waitForFinished();
    m_check.waitForFinished();
}

void AuditViewer::setUser(const QString& user)
{
    m_user->setText(user);
}

void AuditViewer::setStation(const QString& stationId)
{
    m_station->setStationId(stationId);
}

void AuditViewer::setAction(const QString& action)
{
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));
}

void AuditViewer::setRange(qint64 fromMs, qint64 toMs)
{
    m_from->setDateTime(wallTime(fromMs, m_zone));
    m_to->setDateTime(wallTime(toMs, m_zone));
}

void AuditViewer::setStatus(const QString& text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? problemStyleSheet() : QString());
}

QString AuditViewer::statusText() const
{
    return m_status->text();
}

QString AuditViewer::verifyText() const
{
    return m_verifyResult->text();
}

void AuditViewer::runQuery()
{
    if (!m_services.database)
        return;
    if (m_rows.isRunning()) {
        m_rerun = true;
        return;
    }
    // The edits show minutes: "to" takes in the whole minute it shows.
    History::AuditFilter filter{wallTime(m_from, m_zone), wallTime(m_to, m_zone) + 60'000, {}, {}};
    if (filter.fromMs >= filter.toMs) {
        m_model.removeRows(0, m_model.rowCount());
        setStatus(tr("The start of the period must be before its end."), true);
        return;
    }
    if (!m_station->isValid()) {
        m_model.removeRows(0, m_model.rowCount());
        setStatus(tr("No station matches “%1”.").arg(m_station->text()), true);
        return;
    }
    filter.station = m_station->stationId();
    filter.user = m_user->text().trimmed();
    filter.action = m_action->currentData().toString();
    filter.newestFirst = true;
    filter.limit = RowLimit + 1; // one more: to know there were more
    const History::DatabaseUrl url = *m_services.database;
    setStatus(tr("Querying…"));
    m_rows.setFuture(QtConcurrent::run([url, filter] {
        Answer a;
        History::AuditLog log(url);
        if (log.open(&a.error))
            a.rows = log.list(filter, &a.error);
        return a;
    }));
}

void AuditViewer::runVerify()
{
    if (!m_services.database || m_check.isRunning())
        return;
    m_verify->setEnabled(false);
    m_intact = false;
    m_verifyResult->setText(tr("Verifying the audit chain…"));
    m_verifyResult->setStyleSheet({});
    m_verifyResult->show();
    const History::DatabaseUrl url = *m_services.database;
    const QTimeZone zone = m_zone;
    m_check.setFuture(
        QtConcurrent::run([url, zone] { return History::AuditChain::verify(url, zone); }));
}

void AuditViewer::wait()
{
    while (m_rows.isRunning() || m_check.isRunning() || m_rerun) {
        m_rows.waitForFinished();
        m_check.waitForFinished();
        QCoreApplication::processEvents();
    }
    QCoreApplication::processEvents();
}

QString AuditViewer::stationName(const QString& id) const
{
    if (id.isEmpty())
        return {};
    const int i = m_services.project.stationIndex(id);
    return i < 0 ? id : m_services.project.stations[static_cast<std::size_t>(i)].displayName();
}

void AuditViewer::showRows(const Answer& answer)
{
    m_model.removeRows(0, m_model.rowCount());
    if (!answer.rows) {
        setStatus(answer.error, true);
        return;
    }
    const std::vector<History::AuditRow>& rows = *answer.rows;
    const int shown = std::min<int>(int(rows.size()), RowLimit);
    for (int i = 0; i < shown; ++i) {
        const History::AuditRow& r = rows[static_cast<std::size_t>(i)];
        const std::optional<PumpWatch::Role> role = parseRole(r.role);
        QString change;
        if (!r.oldValue.isEmpty() || !r.newValue.isEmpty())
            change = r.oldValue.isEmpty() ? r.newValue
                                          : QStringLiteral("%1 → %2").arg(r.oldValue, r.newValue);
        const QString texts[ColumnCount] = {
            QDateTime::fromMSecsSinceEpoch(r.ms, m_zone)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            r.login.isEmpty() || r.login == r.user ? r.user
                                                   : QStringLiteral("%1 (%2)").arg(r.user, r.login),
            role ? roleDisplayName(*role) : r.role,
            r.workstation,
            stationName(r.station),
            actionLabel(r.action),
            r.target,
            change,
            r.result == u"ok" ? tr("ok") : r.result,
            r.detail,
        };
        QList<QStandardItem*> cells;
        for (const QString& text : texts) {
            auto* item = new QStandardItem(text);
            item->setData(QVariant::fromValue(r.id), Qt::UserRole);
            if (text.size() > 40)
                item->setToolTip(text);
            cells << item;
        }
        if (r.result != u"ok")
            cells[Result]->setForeground(stateColours().critical);
        m_model.appendRow(cells);
    }
    m_table->resizeColumnsToContents();
    for (int c : {Target, Change, Detail})
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 300));
    setStatus(int(rows.size()) > RowLimit
                  ? tr("The newest %1 rows shown; narrow the filter to see older ones.").arg(shown)
                  : tr("%n row(s)", nullptr, shown));
}

void AuditViewer::showVerification(const History::AuditVerification& v)
{
    using Status = History::AuditVerification::Status;
    m_intact = v.status == Status::Intact;
    const StateColours& colours = stateColours();
    switch (v.status) {
    case Status::Intact:
        m_verifyResult->setText(tr("Intact: %1 audit rows and %2 alarm journal rows verified "
                                   "(%3 rows from before the chain began)")
                                    .arg(v.checked)
                                    .arg(v.journalChecked)
                                    .arg(v.uncovered + v.journalUncovered));
        break;
    case Status::Broken:
        m_verifyResult->setText(tr("Broken: %1").arg(v.message));
        break;
    case Status::Failed:
        m_verifyResult->setText(tr("Cannot verify: %1").arg(v.message));
        break;
    }
    m_verifyResult->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;")
                                      .arg((m_intact ? colours.normal : colours.critical).name()));
}

bool AuditViewer::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    QString text = QStringLiteral("\uFEFF"); // a BOM: Excel then reads the UTF-8 as such
    for (int r = -1; r < m_model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_model.columnCount(); ++c)
            cells << csvField(r < 0 ? m_model.horizontalHeaderItem(c)->text()
                                    : m_model.item(r, c)->text());
        text += cells.join(u',') + QStringLiteral("\r\n");
    }
    file.write(text.toUtf8());
    if (!file.commit()) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace PumpWatch::Ui
