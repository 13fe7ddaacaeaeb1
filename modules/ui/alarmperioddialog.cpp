#include "alarmperioddialog.h"

#include "limittablemodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace PumpWatch::Ui {
namespace {

constexpr quint8 DayPresets[] = {0x7f, 0x1f, 0x60};

QTime timeOf(int minute)
{
    return QTime(minute / 60 % 24, minute % 60);
}

} // namespace

AlarmPeriodDialog::AlarmPeriodDialog(const QString& title, const AlarmLimits& limits,
                                     Quantity quantity, bool editable, QWidget* parent)
    : QDialog(parent)
    , m_base(limits)
    , m_quantity(quantity)
    , m_editable(editable)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Time periods — %1").arg(title));
    auto* intro = new QLabel(
        tr("The first period containing a moment applies; outside every period the tag's own "
           "limits do. A period ending at or before its start runs past midnight."),
        this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("From"), tr("To"), tr("Days"), tr("Low-low"), tr("Low"),
                                        tr("High"), tr("High-high"), tr("Rate /min")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(true);
    m_table->setEditTriggers(editable ? QAbstractItemView::AllEditTriggers
                                      : QAbstractItemView::NoEditTriggers);
    m_error->setStyleSheet(QStringLiteral("color: #e04040"));
    m_error->setWordWrap(true);

    auto* add = new QPushButton(tr("Add period"), this);
    auto* remove = new QPushButton(tr("Remove period"), this);
    add->setEnabled(editable);
    remove->setEnabled(editable);
    connect(add, &QPushButton::clicked, this, [this] {
        AlarmPeriod p;
        p.fromMinute = 6 * 60;
        p.toMinute = 9 * 60;
        p.limits = m_base; // a new period starts from the tag's own limits
        addPeriod(p);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0)
            m_table->removeRow(row);
    });
    auto* buttons = new QDialogButtonBox(
        editable ? QDialogButtonBox::Ok | QDialogButtonBox::Cancel : QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    for (const AlarmPeriod& p : limits.periods)
        addPeriod(p);
    resize(760, 360);
}

void AlarmPeriodDialog::addPeriod(const AlarmPeriod& period)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int c : {From, To}) {
        auto* edit = new QTimeEdit(timeOf(c == From ? period.fromMinute : period.toMinute), this);
        edit->setDisplayFormat(QStringLiteral("HH:mm"));
        edit->setEnabled(m_editable);
        m_table->setCellWidget(row, c, edit);
    }
    auto* days = new QComboBox(this);
    for (quint8 preset : DayPresets)
        days->addItem(LimitTableModel::daysDisplayText(preset), preset);
    if (days->findData(period.days) < 0)
        days->addItem(LimitTableModel::daysDisplayText(period.days), period.days);
    days->setCurrentIndex(days->findData(period.days));
    days->setEnabled(m_editable);
    m_table->setCellWidget(row, Days, days);
    for (int i = 0; i < 5; ++i) {
        const auto& v = period.limits.*LimitFields[i];
        auto* item =
            new QTableWidgetItem(v ? LimitTableModel::limitText(v, m_quantity) : QString());
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, LowLow + i, item);
    }
}

bool AlarmPeriodDialog::read()
{
    std::vector<AlarmPeriod> periods;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        AlarmPeriod p;
        const QTime from = static_cast<QTimeEdit*>(m_table->cellWidget(row, From))->time();
        const QTime to = static_cast<QTimeEdit*>(m_table->cellWidget(row, To))->time();
        p.fromMinute = from.hour() * 60 + from.minute();
        p.toMinute = to.hour() * 60 + to.minute();
        p.days = static_cast<quint8>(
            static_cast<QComboBox*>(m_table->cellWidget(row, Days))->currentData().toUInt());
        for (int i = 0; i < 5; ++i) {
            const QTableWidgetItem* item = m_table->item(row, LowLow + i);
            if (!LimitTableModel::parseLimit(item ? item->text() : QString(),
                                             &(p.limits.*LimitFields[i]))) {
                m_error->setText(
                    tr("Period %1, %2: '%3' is not a number")
                        .arg(row + 1)
                        .arg(m_table->horizontalHeaderItem(LowLow + i)->text(), item->text()));
                return false;
            }
        }
        periods.push_back(p);
    }
    m_error->clear();
    m_periods = std::move(periods);
    return true;
}

void AlarmPeriodDialog::accept()
{
    if (read())
        QDialog::accept();
}

} // namespace PumpWatch::Ui
