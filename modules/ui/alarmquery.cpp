#include "alarmquery.h"

#include <alarms/alarmtypes.h>
#include <core/csv.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
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

} // namespace

AlarmQuery::AlarmQuery(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_station(new QComboBox(this))
    , m_active(new QCheckBox(tr("Not ended only"), this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
{
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
    }
    const qint64 now = services.clock.nowMs();
    setRange(now - 86'400'000, now + 3'600'000);
    m_station->addItem(tr("All stations"), QString());
    m_station->setEditable(false);
    for (const Station& s : services.project.stations)
        m_station->addItem(s.displayName(), s.id);
    auto* query = new QPushButton(tr("Query"), this);
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    query->setDefault(true);

    m_model.setHorizontalHeaderLabels({tr("No."), tr("Station"), tr("Monitored value"), tr("Value"),
                                       tr("Alarm type"), tr("Start"), tr("End"), tr("Acknowledged"),
                                       tr("Ack time"), tr("Ack user"), tr("End state"), tr("Note"),
                                       tr("Cause")});
    m_table->setModel(&m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(false);
    const int widths[] = {44, 130, 110, 70, 110, 130, 130, 50, 130, 70, 80, 150};
    for (int c = 0; c < 12; ++c)
        m_table->setColumnWidth(c, widths[c]);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("From"), this));
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("to"), this));
    bar->addWidget(m_to);
    bar->addWidget(m_station, 1);
    bar->addWidget(m_active);
    bar->addWidget(query);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    layout->addWidget(m_status);

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
    });
    if (!services.database) {
        query->setEnabled(false);
        m_status->setText(tr("No history database: alarm records are not stored."));
    }
}

AlarmQuery::~AlarmQuery()
{
    m_watcher.waitForFinished();
}

void AlarmQuery::setRange(qint64 fromMs, qint64 toMs)
{
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    setWallTime(m_from, fromMs, zone);
    setWallTime(m_to, toMs, zone);
}

void AlarmQuery::setStation(const QString& stationId)
{
    m_station->setCurrentIndex(std::max(0, m_station->findData(stationId)));
}

void AlarmQuery::run()
{
    if (!m_services.database || m_watcher.isRunning())
        return;
    const History::DatabaseUrl url = *m_services.database;
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    const History::JournalFilter filter{wallTime(m_from, zone), wallTime(m_to, zone),
                                        m_station->currentData().toString(), m_active->isChecked()};
    m_status->setText(tr("Querying…"));
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
    m_watcher.waitForFinished();
    QCoreApplication::processEvents();
}

void AlarmQuery::show(const std::optional<std::vector<History::JournalRow>>& rows,
                      const QString& error)
{
    m_model.removeRows(0, m_model.rowCount());
    if (!rows) {
        m_status->setText(error);
        return;
    }
    const QTimeZone zone(m_services.project.timeZone.toLatin1());
    const auto time = [&zone](std::optional<qint64> ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(*ms, zone).toString(
                        QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  : QString();
    };
    int n = 0;
    for (const History::JournalRow& r : *rows) {
        QList<QStandardItem*> cells;
        for (const QString& text :
             {QString::number(++n), r.station.isEmpty() ? tr("system") : r.stationName, r.tagName,
              r.value ? QString::number(*r.value, 'f', 3) : QString(),
              Alarms::AlarmText::typeName(r.type, r.tagName), time(r.startMs),
              r.endMs ? time(r.endMs) : tr("not ended"), r.ackMs ? tr("yes") : tr("no"),
              time(r.ackMs), r.ackUser, Alarms::AlarmText::endStateName(r.endState), r.note,
              Alarms::AlarmText::cause(r.detail)}) {
            auto* item = new QStandardItem(text);
            item->setData(QVariant::fromValue(r.id), Qt::UserRole);
            if (r.severity == 2)
                item->setForeground(QColor(0xe5, 0x39, 0x35));
            cells << item;
        }
        m_model.appendRow(cells);
    }
    m_table->resizeColumnsToContents();
    m_status->setText(tr("%n record(s)", nullptr, n));
}

bool AlarmQuery::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    QString text = QStringLiteral("\uFEFF");
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
