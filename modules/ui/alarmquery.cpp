#include "alarmquery.h"

#include "problemstyle.h"
#include "stationpicker.h"
#include "theme.h"

#include <alarms/alarmrecordcells.h>
#include <core/csv.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace PumpWatch::Ui {

namespace {

// QDateTimeEdit has no time zone in Qt 6.4: it edits the project's wall time as a plain
// date and time, converted here.
void setWallTime(QDateTimeEdit* edit, qint64 ms, const QTimeZone& zone)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, zone);
    edit->setDateTime(QDateTime(t.date(), t.time()));
}

qint64 wallTime(const QDateTimeEdit* edit, const QTimeZone& zone)
{
    return QDateTime(edit->date(), edit->time(), zone).toMSecsSinceEpoch();
}

/// The first line, marked when more follow: a row stays one line high, the tooltip has it all.
QString firstLine(const QString& text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u'\n');
    return end < 0 ? trimmed : trimmed.left(end).trimmed() + QStringLiteral(" …");
}

const Alarms::AlarmType QueryTypes[] = {Alarms::AlarmType::HighHigh,
                                        Alarms::AlarmType::High,
                                        Alarms::AlarmType::Low,
                                        Alarms::AlarmType::LowLow,
                                        Alarms::AlarmType::Rate,
                                        Alarms::AlarmType::CommFailure,
                                        Alarms::AlarmType::PowerFail,
                                        Alarms::AlarmType::SensorFault,
                                        Alarms::AlarmType::EquipmentFault,
                                        Alarms::AlarmType::Rule,
                                        Alarms::AlarmType::Database,
                                        Alarms::AlarmType::Service,
                                        Alarms::AlarmType::CommandFailed,
                                        Alarms::AlarmType::Broker};

} // namespace

AlarmQuery::AlarmQuery(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_preset(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_station(new StationPicker(services.project, this))
    , m_severity(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_ack(new QComboBox(this))
    , m_active(new QCheckBox(tr("Not ended only"), this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
{
    for (RangePreset p : {RangePreset::CurrentShift, RangePreset::Today, RangePreset::Yesterday,
                          RangePreset::Last24Hours, RangePreset::Custom})
        m_preset->addItem(QueryRange::presetName(p), static_cast<int>(p));
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
    }
    m_severity->addItem(tr("All priorities"), 0);
    for (Alarms::Severity s : {Alarms::Severity::Critical, Alarms::Severity::Warning})
        m_severity->addItem(Alarms::AlarmText::severityName(s), static_cast<int>(s));
    m_type->addItem(tr("All types"), QString());
    for (Alarms::AlarmType t : QueryTypes)
        m_type->addItem(Alarms::AlarmText::typeName(t), QString::fromLatin1(alarmTypeCode(t)));
    m_ack->addItem(tr("Acknowledged or not"), 0);
    m_ack->addItem(tr("Acknowledged"), 1);
    m_ack->addItem(tr("Unacknowledged"), 2);
    m_station->setMinimumWidth(180);

    auto* query = new QPushButton(tr("Query"), this);
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    query->setDefault(true);

    const QStringList headers = QStringList{tr("No.")} + Alarms::AlarmRecordCells::headers();
    m_model.setHorizontalHeaderLabels(headers);
    m_table->setModel(&m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(false);

    auto* period = new QHBoxLayout;
    period->addWidget(new QLabel(tr("Period"), this));
    period->addWidget(m_preset);
    period->addWidget(m_from);
    period->addWidget(new QLabel(tr("to"), this));
    period->addWidget(m_to);
    period->addSpacing(8);
    period->addWidget(new QLabel(tr("Station"), this));
    period->addWidget(m_station, 1);
    period->addWidget(query);
    period->addWidget(exportButton);
    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Priority"), this));
    filters->addWidget(m_severity);
    filters->addWidget(new QLabel(tr("Type"), this));
    filters->addWidget(m_type);
    filters->addWidget(m_ack);
    filters->addWidget(m_active);
    filters->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(period);
    layout->addLayout(filters);
    layout->addWidget(m_table);
    layout->addWidget(m_status);

    setPreset(RangePreset::CurrentShift);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (preset() != RangePreset::Custom)
            setPreset(preset());
    });
    for (QDateTimeEdit* e : {m_from, m_to}) {
        connect(e, &QDateTimeEdit::dateTimeChanged, this, [this] {
            if (m_settingRange)
                return;
            const QSignalBlocker block(m_preset);
            m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(RangePreset::Custom)));
        });
    }
    for (QComboBox* box : {m_severity, m_type, m_ack})
        connect(box, &QComboBox::currentIndexChanged, this, &AlarmQuery::filterChanged);
    connect(m_active, &QCheckBox::toggled, this, &AlarmQuery::filterChanged);
    connect(m_station, &StationPicker::stationChanged, this, &AlarmQuery::filterChanged);
    connect(m_station, &QLineEdit::returnPressed, this, &AlarmQuery::run);
    connect(query, &QPushButton::clicked, this, &AlarmQuery::run);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export alarm records"), tr("alarm-records.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export alarm records"), error);
    });
    connect(&m_watcher, &QFutureWatcher<Answer>::finished, this, [this] {
        const Answer a = m_watcher.result();
        show(a.rows, a.error);
        if (std::exchange(m_rerun, false))
            run();
    });
    if (!services.database) {
        query->setEnabled(false);
        setStatus(tr("No history database: alarm records are not stored."));
    }
}

AlarmQuery::~AlarmQuery()
{
    m_watcher.waitForFinished();
}

void AlarmQuery::setRange(qint64 fromMs, qint64 toMs)
{
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    m_settingRange = true;
    setWallTime(m_from, fromMs, zone);
    setWallTime(m_to, toMs, zone);
    m_settingRange = false;
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(RangePreset::Custom)));
}

void AlarmQuery::setPreset(RangePreset preset)
{
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(preset)));
    }
    if (preset == RangePreset::Custom)
        return;
    const QueryRange r = QueryRange::of(preset, m_services.clock.nowMs(), zone);
    m_settingRange = true;
    setWallTime(m_from, r.fromMs, zone);
    setWallTime(m_to, r.toMs, zone);
    m_settingRange = false;
}

RangePreset AlarmQuery::preset() const
{
    return static_cast<RangePreset>(m_preset->currentData().toInt());
}

QueryRange AlarmQuery::range() const
{
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    return {wallTime(m_from, zone), wallTime(m_to, zone)};
}

void AlarmQuery::setStation(const QString& stationId)
{
    m_station->setStationId(stationId);
}

void AlarmQuery::setSeverity(std::optional<Alarms::Severity> severity)
{
    m_severity->setCurrentIndex(m_severity->findData(severity ? static_cast<int>(*severity) : 0));
}

void AlarmQuery::setType(std::optional<Alarms::AlarmType> type)
{
    m_type->setCurrentIndex(
        m_type->findData(type ? QString::fromLatin1(alarmTypeCode(*type)) : QString()));
}

void AlarmQuery::setAcknowledged(std::optional<bool> acknowledged)
{
    m_ack->setCurrentIndex(acknowledged ? (*acknowledged ? 1 : 2) : 0);
}

void AlarmQuery::setActiveOnly(bool activeOnly)
{
    m_active->setChecked(activeOnly);
}

void AlarmQuery::filterChanged()
{
    if (m_hasRun)
        run();
}

void AlarmQuery::setStatus(const QString& text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? problemStyleSheet() : QString());
}

QString AlarmQuery::statusText() const
{
    return m_status->text();
}

void AlarmQuery::run()
{
    if (!m_services.database)
        return;
    m_hasRun = true;
    if (m_watcher.isRunning()) {
        m_rerun = true;
        return;
    }
    // A preset follows the clock: 本班 is the shift running now, not when the panel opened.
    if (preset() != RangePreset::Custom)
        setPreset(preset());
    const QueryRange r = range();
    if (r.fromMs >= r.toMs) {
        m_model.removeRows(0, m_model.rowCount());
        setStatus(tr("The start of the period must be before its end."), true);
        return;
    }
    if (!m_station->isValid()) {
        m_model.removeRows(0, m_model.rowCount());
        setStatus(tr("No station matches “%1”.").arg(m_station->text()), true);
        return;
    }
    History::JournalFilter filter{r.fromMs, r.toMs, m_station->stationId(), m_active->isChecked()};
    filter.activeDuring = true;
    if (const int s = m_severity->currentData().toInt())
        filter.severity = s;
    if (const QString t = m_type->currentData().toString(); !t.isEmpty())
        filter.types << t;
    if (const int a = m_ack->currentData().toInt())
        filter.acknowledged = a == 1;
    const History::DatabaseUrl url = *m_services.database;
    setStatus(tr("Querying…"));
    m_watcher.setFuture(QtConcurrent::run([url, filter] {
        Answer a;
        History::AlarmJournal journal(url);
        if (journal.open(&a.error))
            a.rows = journal.list(filter, &a.error);
        return a;
    }));
}

void AlarmQuery::wait()
{
    while (m_watcher.isRunning() || m_rerun) {
        m_watcher.waitForFinished();
        QCoreApplication::processEvents();
    }
    QCoreApplication::processEvents();
}

void AlarmQuery::show(const std::optional<std::vector<History::JournalRow>>& rows,
                      const QString& error)
{
    m_model.removeRows(0, m_model.rowCount());
    if (!rows) {
        setStatus(error, true);
        return;
    }
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    const StateColours& colours = stateColours();
    int n = 0;
    for (const History::JournalRow& r : *rows) {
        const auto severity =
            r.severity == 2 ? Alarms::Severity::Critical : Alarms::Severity::Warning;
        // As in the live panel: critical red, warning orange, a record that has ended greyed.
        const QColor colour = r.endMs                                  ? colours.staleText
                              : severity == Alarms::Severity::Critical ? colours.critical
                                                                       : colours.warning;
        const QStringList texts = QStringList{QString::number(++n)} +
                                  Alarms::AlarmRecordCells::cells(r, &m_services.project, zone);
        QList<QStandardItem*> cells;
        for (int c = 0; c < ColumnCount; ++c) {
            const QString& text = texts[c];
            auto* item = new QStandardItem(c == Note || c == Cause ? firstLine(text) : text);
            item->setData(text, FullTextRole);
            item->setData(QVariant::fromValue(r.id), Qt::UserRole);
            item->setForeground(colour);
            if ((c == Note || c == Cause) && !text.isEmpty())
                item->setToolTip(text);
            cells << item;
        }
        m_model.appendRow(cells);
    }
    m_table->resizeColumnsToContents();
    for (int c : {Note, Cause})
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 280));
    setStatus(tr("%n record(s)", nullptr, n));
}

bool AlarmQuery::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    // What is shown, with notes whole: a spreadsheet cell holds several lines.
    QString text = QStringLiteral("\uFEFF");
    for (int r = -1; r < m_model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_model.columnCount(); ++c)
            cells << csvField(r < 0 ? m_model.horizontalHeaderItem(c)->text()
                                    : m_model.item(r, c)->data(FullTextRole).toString());
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
