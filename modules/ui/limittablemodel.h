// LimitTableModel: the alarm limit table of seed 000 §4.2.4 — one row per station for one
// monitored value (出水压力 across the city): LL, L, H, HH, enabled, rate of change and the
// time schedules. Edits are kept apart from the settings in force (the running alarm engine's)
// until they are saved, and survive switching to another monitored value; each edited row is
// checked as the project reader checks a tag, and a row with a problem shows it. Only an
// editable model (an engineer logged in) takes edits.
#pragma once

#include <alarms/alarmservice.h>
#include <core/project.h>
#include <core/textsearch.h>

#include <QAbstractTableModel>

#include <map>

namespace PumpWatch::Ui {

/// LL, L, H, HH and rate, in the order of the table's columns and the period dialog's.
inline constexpr std::optional<double> LimitValues::*LimitFields[] = {
    &LimitValues::lowLow, &LimitValues::low, &LimitValues::high, &LimitValues::highHigh,
    &LimitValues::ratePerMinute};

class LimitTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Number,
        Station,
        Tag,
        Unit,
        LowLow,
        Low,
        High,
        HighHigh,
        Enabled,
        Rate,
        Periods,
        ColumnCount
    };
    enum Roles { EditedRole = Qt::UserRole + 1, SortRole };

    /// A monitored value the table can show: a tag key and its name ("outlet_pressure",
    /// "出水压力").
    struct Key {
        QString key;
        QString name;
    };

    LimitTableModel(const Project& project, const Alarms::AlarmService& alarms,
                    QObject* parent = nullptr);

    /// The analog tag keys of the project: the pressure the realtime list shows, then the most
    /// watched (with alarm checks) and most common.
    static std::vector<Key> keys(const Project& project);
    /// Rows: every tag with `key`, station by station.
    void setKey(const QString& key);
    const QString& key() const { return m_key; }
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }
    /// Re-reads the settings in force (after a save, or another workstation's).
    void reload();

    TagId tagAt(int row) const { return m_rows[static_cast<std::size_t>(row)].tag; }
    const SearchKey& searchKey(int row) const
    {
        return m_rows[static_cast<std::size_t>(row)].search;
    }
    /// The row's settings: the edit when there is one, else those in force.
    const AlarmLimits& limits(int row) const;
    /// Edits a whole row (the period dialog); false when the model is read-only.
    bool setLimits(int row, const AlarmLimits& limits);
    bool isEdited(int row) const;
    /// Problems of a row's edit, as the project reader would report them.
    QStringList problems(int row) const;

    /// Every edit, of every monitored value.
    std::vector<std::pair<TagId, AlarmLimits>> edits() const;
    std::size_t editCount() const { return m_edits.size(); }
    /// Edits with problems, of every monitored value.
    std::size_t problemCount() const;
    /// "(A)澳门路口 出水压力: H 0.55 → 0.60, rate — → 0.05" per edit.
    QStringList describeEdits() const;
    /// Drops every edit.
    void revert();

    /// Text for a limit cell: the number, or "未设置" (not set).
    static QString limitText(const std::optional<double>& value, Quantity quantity);
    /// Reads a cell's text; false when it is neither a number nor empty / "未设置".
    static bool parseLimit(const QString& text, std::optional<double>* value);
    /// "2 periods: 06:00–09:00 Mon–Fri …" for the tooltip.
    static QString periodsText(const AlarmLimits& limits, Quantity quantity);
    /// "daily", "Mon–Fri", "Sat, Sun" or the days' short names.
    static QString daysDisplayText(quint8 days);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Edits were made, changed or dropped.
    void editsChanged();

private:
    struct Row {
        TagId tag = InvalidTagId;
        QString station; ///< "(A)澳门路口", with the zone when the station has several devices
        SearchKey search;
        AlarmLimits inForce;
    };
    void edit(TagId tag, const AlarmLimits& limits);
    QStringList check(TagId tag, const AlarmLimits& limits) const;

    const Project& m_project;
    const Alarms::AlarmService& m_alarms;
    QString m_key;
    bool m_editable = false;
    std::vector<Row> m_rows;
    std::map<TagId, AlarmLimits> m_edits;
    std::map<TagId, QStringList> m_problems; ///< of edits
};

} // namespace PumpWatch::Ui
