#include "limiteditor.h"

#include "alarmperioddialog.h"

#include <core/projectedit.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace PumpWatch::Ui {
namespace {

class SearchProxy : public QSortFilterProxyModel {
public:
    SearchProxy(LimitTableModel& model, QObject* parent)
        : QSortFilterProxyModel(parent)
        , m_model(model)
    {
        setSourceModel(&model);
        setSortRole(LimitTableModel::SortRole);
    }
    void setQuery(const QString& query)
    {
        m_query = query.trimmed();
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex&) const override
    {
        return m_query.isEmpty() || m_model.searchKey(row).matches(m_query);
    }

private:
    LimitTableModel& m_model;
    QString m_query;
};

} // namespace

LimitEditor::LimitEditor(Services& services, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_model(services.project, services.alarms, this)
    , m_proxy(new SearchProxy(m_model, this))
    , m_key(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_periods(new QPushButton(tr("Time periods…"), this))
    , m_revert(new QPushButton(tr("Discard changes"), this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_status(new QLabel(this))
{
    for (const LimitTableModel::Key& k : LimitTableModel::keys(services.project))
        m_key->addItem(k.name, k.key);
    m_key->setToolTip(tr("The monitored value whose limits the table shows"));
    m_search->setPlaceholderText(tr("Station name or pinyin initials"));
    m_search->setClearButtonEnabled(true);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save to the project file; the new limits apply at once (Ctrl+S)"));

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LimitTableModel::Number, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setMinimumSectionSize(64);
    m_table->installEventFilter(this);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Monitored value"), this));
    top->addWidget(m_key);
    top->addWidget(m_search, 1);
    top->addWidget(m_periods);
    top->addWidget(m_revert);
    top->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    connect(m_key, &QComboBox::currentIndexChanged, this,
            [this] { m_model.setKey(m_key->currentData().toString()); });
    connect(m_search, &QLineEdit::textChanged, this,
            [this](const QString& t) { static_cast<SearchProxy*>(m_proxy)->setQuery(t); });
    connect(m_periods, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            editPeriods(sourceRow(current.row()));
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() == LimitTableModel::Periods)
            editPeriods(sourceRow(index.row()));
    });
    connect(m_revert, &QPushButton::clicked, this, &LimitEditor::revert);
    connect(m_save, &QPushButton::clicked, this, &LimitEditor::save);
    connect(&m_model, &LimitTableModel::editsChanged, this, &LimitEditor::updateState);
    connect(&services.session, &Session::userChanged, this, &LimitEditor::updateState);

    m_confirm = [this](const QStringList& changes) {
        QMessageBox box(
            QMessageBox::Question, tr("Save alarm settings"),
            tr("Save %n change(s)? They apply at once and are recorded under your name.", nullptr,
               static_cast<int>(changes.size())),
            QMessageBox::Save | QMessageBox::Cancel, this);
        box.setDetailedText(changes.join(u'\n'));
        return box.exec() == QMessageBox::Save;
    };
    m_model.setKey(m_key->currentData().toString());
    m_table->resizeColumnsToContents();
    updateState();
}

void LimitEditor::setKey(const QString& key)
{
    m_key->setCurrentIndex(m_key->findData(key));
}

void LimitEditor::setSearch(const QString& text)
{
    m_search->setText(text);
}

int LimitEditor::sourceRow(int viewRow) const
{
    return m_proxy->mapToSource(m_proxy->index(viewRow, 0)).row();
}

void LimitEditor::updateState()
{
    // A control room's workstation shows the limits; the servers' project holds them.
    const bool remote = bool(m_services.commStatuses);
    const bool engineer = m_services.session.may(Action::EditAlarmLimits) && !remote;
    m_model.setEditable(engineer);
    const bool edits = m_model.editCount() > 0;
    m_save->setEnabled(engineer && edits && m_model.problemCount() == 0);
    m_revert->setEnabled(edits);
    if (remote)
        showMessage(tr("Read only here: in a control room the alarm limits are changed in the "
                       "project the servers load."),
                    false);
    else if (!engineer)
        showMessage(tr("Read only: changing alarm limits needs the permission “%1”.")
                        .arg(actionDisplayName(Action::EditAlarmLimits)),
                    false);
    else if (m_model.problemCount() > 0)
        showMessage(tr("%n edited row(s) have problems (shown red; the tooltip says why).", nullptr,
                       static_cast<int>(m_model.problemCount())),
                    true);
    else if (edits)
        showMessage(
            tr("%n change(s) not saved yet.", nullptr, static_cast<int>(m_model.editCount())),
            false);
    else
        showMessage(tr("Edit a cell, paste from a spreadsheet, or double-click Time periods."),
                    false);
}

void LimitEditor::showMessage(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #e04040") : QString());
}

QString LimitEditor::status() const
{
    return m_status->text();
}

bool LimitEditor::save()
{
    if (!m_services.session.may(Action::EditAlarmLimits) || m_model.editCount() == 0)
        return false;
    if (m_model.problemCount() > 0) {
        updateState();
        return false;
    }
    if (m_confirm && !m_confirm(m_model.describeEdits()))
        return false;
    const auto edits = m_model.edits();
    std::vector<TagAlarmEdit> fileEdits;
    for (const auto& [tag, limits] : edits)
        fileEdits.push_back({m_services.project.tagPath(tag), limits});
    QStringList errors;
    if (!ProjectEdit::saveTagAlarms(m_services.projectPath, m_services.projectSavePath, fileEdits,
                                    &errors)) {
        showMessage(tr("Nothing was saved: %1").arg(errors.value(0)), true);
        QMessageBox::warning(this, tr("Save alarm settings"),
                             tr("Nothing was saved:\n\n%1").arg(errors.mid(0, 20).join(u'\n')));
        return false;
    }
    // The file holds them now; the running engine takes them, audited as this user's.
    m_services.projectPath = m_services.projectSavePath;
    m_services.alarms.setLimits(edits, m_services.session.actor());
    const std::size_t count = edits.size();
    m_model.reload();
    showMessage(tr("%n change(s) saved to %1 and in force.", nullptr, static_cast<int>(count))
                    .arg(m_services.projectSavePath),
                false);
    return true;
}

void LimitEditor::revert()
{
    m_model.revert();
}

void LimitEditor::paste(const QString& text)
{
    if (!m_model.isEditable())
        return;
    QStringList lines = text.split(u'\n');
    while (!lines.isEmpty() && lines.back().trimmed().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return;
    QStringList rejected;
    const auto put = [&](const QModelIndex& proxyIndex, const QString& value) {
        const QModelIndex index = m_proxy->mapToSource(proxyIndex);
        if (!(m_model.flags(index) & Qt::ItemIsEditable))
            return;
        if (!m_model.setData(index, value.trimmed()))
            rejected << value.trimmed();
    };
    const QModelIndexList selected = m_table->selectionModel()->selectedIndexes();
    if (lines.size() == 1 && !lines[0].contains(u'\t') && selected.size() > 1) {
        for (const QModelIndex& index : selected) // one value fills the selection
            put(index, lines[0]);
    } else {
        const QModelIndex start = m_table->currentIndex();
        if (!start.isValid())
            return;
        for (int r = 0; r < lines.size(); ++r) {
            const QStringList cells = lines[r].split(u'\t');
            for (int c = 0; c < cells.size(); ++c) {
                const QModelIndex index = m_proxy->index(start.row() + r, start.column() + c);
                if (index.isValid())
                    put(index, cells[c]);
            }
        }
    }
    if (!rejected.isEmpty())
        showMessage(tr("Not numbers, left out: %1").arg(rejected.mid(0, 5).join(u' ')), true);
}

QString LimitEditor::copySelection() const
{
    QModelIndexList selected = m_table->selectionModel()->selectedIndexes();
    std::sort(selected.begin(), selected.end());
    QString out;
    int row = -1;
    for (const QModelIndex& index : selected) {
        if (row >= 0)
            out += index.row() != row ? u'\n' : u'\t';
        row = index.row();
        const QVariant edit = index.data(Qt::EditRole);
        out += edit.toString();
    }
    return out;
}

void LimitEditor::clearSelection()
{
    for (const QModelIndex& index : m_table->selectionModel()->selectedIndexes()) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (m_model.flags(source) & Qt::ItemIsEditable)
            m_model.setData(source, QString());
    }
}

void LimitEditor::editPeriods(int row)
{
    if (row < 0 || row >= m_model.rowCount())
        return;
    const TagDef& def = m_services.project.tag(m_model.tagAt(row));
    const QString title =
        m_model.data(m_model.index(row, LimitTableModel::Station)).toString() + u' ' + def.name;
    AlarmPeriodDialog dialog(title, m_model.limits(row), def.quantity, m_model.isEditable(), this);
    if (dialog.exec() != QDialog::Accepted || !m_model.isEditable())
        return;
    AlarmLimits limits = m_model.limits(row);
    limits.periods = dialog.periods();
    m_model.setLimits(row, limits);
}

bool LimitEditor::eventFilter(QObject* watched, QEvent* event)
{
    // While a cell is being edited its editor has the keys; these reach the table itself.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Copy)) {
            QApplication::clipboard()->setText(copySelection());
            return true;
        }
        if (key->matches(QKeySequence::Paste)) {
            paste(QApplication::clipboard()->text());
            return true;
        }
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            clearSelection();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace PumpWatch::Ui
