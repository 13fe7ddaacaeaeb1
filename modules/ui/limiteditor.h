// LimitEditor: the alarm settings panel (报警设置, seed 000 §4.2.4) — the limit table for one
// monitored value at a time, searchable by station name or pinyin, edited in place like a
// spreadsheet: type into a cell, paste a block copied from Excel (a single value fills every
// selected cell), Delete clears limits, double-click the periods cell for the time schedules.
//
// Only an engineer or administrator edits; an operator sees the table read-only. Saving asks
// for confirmation with every change listed, writes the project file (re-read, checked, atomic)
// and hands the new settings to the running alarm engine, which audits them under the user's
// name and judges the standing values against them at once — no restart.
#pragma once

#include "limittablemodel.h"
#include "services.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace PumpWatch::Ui {

class LimitEditor : public QWidget {
    Q_OBJECT

public:
    /// Shows the changes and answers whether to save them; the default asks in a message box.
    using Confirm = std::function<bool(const QStringList& changes)>;

    explicit LimitEditor(Services& services, QWidget* parent = nullptr);

    LimitTableModel& model() { return m_model; }
    QTableView* table() const { return m_table; }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    /// Shows the monitored value `key` ("outlet_pressure").
    void setKey(const QString& key);
    void setSearch(const QString& text);
    /// Proxy row of the table → model row.
    int sourceRow(int viewRow) const;

    /// Saves every edit (see above); false with the reasons shown when nothing was saved.
    bool save();
    void revert();
    /// Pastes tab/newline separated text at the current cell, or fills the selection with a
    /// single value.
    void paste(const QString& text);
    QString copySelection() const;
    void clearSelection();
    /// Opens the time periods of a model row.
    void editPeriods(int row);
    QString status() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateState();
    void showMessage(const QString& text, bool error);

    Services& m_services;
    LimitTableModel m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_key;
    QLineEdit* m_search;
    QTableView* m_table;
    QPushButton* m_periods;
    QPushButton* m_revert;
    QPushButton* m_save;
    QLabel* m_status;
    Confirm m_confirm;
};

} // namespace PumpWatch::Ui
