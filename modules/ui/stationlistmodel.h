// StationListModel: the realtime list (seed 000 §4.2.2) — one row per station with its outlet
// pressure, flow, totalizer, comm status, last update, pressure and flow sparklines of the last
// hours and today's supply.
//
// It is fed, never polls: refresh() pulls the RealtimeStore snapshot (only the tags changed since
// the last call), setCommStatuses() and setAlarms() give the other two inputs, setBlink() the
// flashing phase. Each of them marks rows; refresh() and setBlink() then emit one dataChanged per
// contiguous run of marked rows, never per cell, so 2000 stations at 1 Hz cost a handful of
// signals per tick. A new value marks only the cells it shows in, and only when what they show
// changes (the number at its shown precision, its quality, the second of "Updated", the
// sparkline's point; the sparklines all move on with the minute); a run's range spans the
// columns its rows changed in (all of them when a row's state, alarms, comm or flashing
// changed). Qt's table view repaints a range's visible rectangle, so a tick repaints the cells
// that changed, not the whole list. Call everything from the GUI thread.
//
//     StationListModel model(project, store);
//     timer → model.setCommStatuses(acq.deviceStatuses()); model.refresh(clock.nowMs());
//     alarms.changed → model.setAlarms(alarms.liveRecords());
#pragma once

#include <acquisition/commstatus.h>
#include <alarms/alarmtypes.h>
#include <core/project.h>
#include <core/realtimestore.h>
#include <core/stationstate.h>
#include <core/textsearch.h>
#include <core/valueformat.h>
#include <history/rollup.h>

#include <QAbstractTableModel>
#include <QTimeZone>

#include <cmath>
#include <span>
#include <vector>

namespace PumpWatch::Ui {

/// Today's supply as history knows it: the totalizer reading the day's volume counts from
/// (the last reading minus the volume counted so far), and since when history covers the day.
struct DaySupply {
    double baseline = std::nan("");
    qint64 coveredFromMs = 0;
};
/// From the hourly rollups of a counter since local midnight: their deltas (which spread a
/// reading across a comm gap, reset and rollover) up to the last reading. Covered from midnight
/// when the first reading is within `toleranceMs` of it.
DaySupply daySupplyFromHours(std::span<const History::RollupRow> hours, qint64 midnightMs,
                             qint64 toleranceMs = 20 * 60'000);

/// A fixed window of one-minute buckets (NaN where nothing arrived).
class Sparkline {
public:
    explicit Sparkline(int buckets = 0);
    void add(qint64 ms, double value);
    /// Whether the point shown for this minute changed.
    bool addChanged(qint64 ms, double value);
    /// The window ending at `nowMs`: buckets() values, oldest first.
    float at(int i, qint64 nowMs) const;
    int buckets() const { return static_cast<int>(m_values.size()); }

private:
    std::vector<float> m_values;
    std::vector<qint32> m_minute; ///< the minute each slot holds
};

class StationListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Name,
        District,
        Line,
        Pressure,
        Flow,
        Total,
        Comm,
        Updated,
        PressureTrend,
        FlowTrend,
        TodaySupply,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< numbers as numbers
        StationRole,                 ///< index into Project::stations
        StateRole,                   ///< StationState as int
        DistrictRole,
        PlantRole,    ///< index into Project::plants, -1
        LineRole,     ///< index into Project::lines, -1
        FractionRole, ///< today's supply against the largest, 0..1
        FlashRole,    ///< true while the row's unacknowledged alarm is in its bright phase
        OfflineRole,  ///< every device cut off: the name cell is hatched
    };

    struct Stats {
        quint64 dataChangedSignals = 0;
        quint64 rowsChanged = 0;
    };

    StationListModel(const Project& project, RealtimeStore& store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Pulls the store's changes, ages values to stale, rolls the day over; emits the marked
    /// rows. `nowMs` is UTC.
    void refresh(qint64 nowMs);
    void setCommStatuses(std::span<const Acquisition::CommStatus> devices);
    void setAlarms(std::span<const Alarms::AlarmRecord> live);
    void setBlink(bool bright);
    /// History at start: the sparklines' earlier points, and today's supply from the hourly
    /// rollups since local midnight (daySupplyFromHours()).
    void seedTrend(int station, Column which, qint64 ms, double value);
    void seedDay(int station, const DaySupply& day);
    /// Local midnight of the day on show (UTC ms).
    qint64 dayStartMs() const { return m_dayStartMs; }

    bool matches(int row, const QString& query) const;
    const Sparkline& sparkline(int row, Column which) const;
    qint64 nowMs() const { return m_nowMs; }
    TagId tagOf(int row, Column which) const;
    /// The unit shown for Pressure, Flow or Total (and TodaySupply).
    QString unit(Column which) const
    {
        return m_units.value(which == Pressure ? 0 : which == Flow ? 1 : 2);
    }
    StationState state(int row) const { return m_rows[static_cast<std::size_t>(row)].state; }
    /// Every device of the station is cut off (its state may still be an alarm's: hatched).
    bool isOffline(int row) const
    {
        return m_rows[static_cast<std::size_t>(row)].comm == Acquisition::CommState::Offline;
    }
    /// The row has an alarm waiting for acknowledgement (it flashes).
    bool unacknowledged(int row) const
    {
        return m_rows[static_cast<std::size_t>(row)].unacknowledged;
    }
    const Stats& stats() const { return m_stats; }
    /// The naive way, for the benchmark's baseline only: one dataChanged per changed value.
    void setPerCellSignals(bool on) { m_perCell = on; }

    static constexpr int TrendMinutes = 4 * 60;

private:
    /// What a value cell shows, without formatting it: the number at the shown precision and
    /// the quality shown (equal keys, equal text and colour).
    struct ShownKey {
        double rounded = std::nan("");
        Quality quality = Quality::Unknown;
        bool set = false;
        bool atLeast = false; ///< TodaySupply's "≥"
        bool operator==(const ShownKey& o) const
        {
            return set == o.set && quality == o.quality && atLeast == o.atLeast &&
                   (rounded == o.rounded || (std::isnan(rounded) && std::isnan(o.rounded)));
        }
    };
    static constexpr quint16 AllColumns = (1u << ColumnCount) - 1;

    struct Row {
        TagId pressure = InvalidTagId;
        TagId flow = InvalidTagId;
        TagId total = InvalidTagId;
        SearchKey search;
        QString nameKey; ///< collationKey() of code and name, district, line
        QString districtKey;
        QString lineKey;
        Sparkline pressureTrend{TrendMinutes};
        Sparkline flowTrend{TrendMinutes};
        double dayStart = std::nan("");
        qint64 dayCoveredFromMs = 0; ///< the supply counts from here (midnight when complete)
        Acquisition::CommState comm = Acquisition::CommState::Unknown;
        qint64 commSinceMs = 0;
        QString commCause;
        QString commError; ///< the offline device's own cause (an invalid answer, no answer …)
        quint8 pressureAlarm = 0; ///< 0, or the Alarms::Severity of its worst annunciated alarm
        quint8 flowAlarm = 0;
        quint8 worst = 0;       ///< of any alarm of the station
        quint8 sensorAlarm = 0; ///< bits: an active sensor alarm on pressure 1, flow 2, total 4
        bool unacknowledged = false;
        bool stale = false;
        StationState state = StationState::Unknown;
        quint16 dirty = 0;    ///< bits of Column to emit
        ShownKey shown[3];    ///< last emitted Pressure, Flow, Total
        ShownKey supplyShown; ///< last emitted TodaySupply
        qint64 updatedSecond = -1;
        double scale[3] = {1, 1, 1}; ///< 10^decimals of Pressure, Flow, Total
        qint64 staleAfter[3] = {0, 0, 0};
    };

    /// Every cell of the row (its state or colours changed).
    void mark(int row) { markCells(row, AllColumns); }
    void markCells(int row, quint16 columns);
    /// Marks the row's value-derived cells whose shown key changed, and keeps the new keys.
    void markShownChanges(int row, Row& r);
    ShownKey shownKey(const Row& r, int which) const;
    ShownKey supplyKey(const Row& r) const;
    qint64 updatedMs(const Row& r) const;
    void emitMarked();
    double supply(const Row& row) const;
    /// History does not reach back to midnight: the supply shown is a lower bound ("≥").
    bool dayIncomplete(const Row& row) const;
    StationState deriveState(const Row& row) const;
    QVariant display(const Row& row, int station, int column) const;
    /// A shown tag's value as the dispatcher sees it: formatted, marked when it cannot be
    /// trusted (bad, stale, or an active sensor alarm on it).
    ShownValue shownValue(const Row& row, int column) const;
    QVariant sortValue(const Row& row, int station, int column) const;
    QVariant foreground(const Row& row, int column) const;
    QVariant background(const Row& row, int column) const;
    QString commText(const Row& row) const;

    const Project& m_project;
    RealtimeReader m_reader;
    QTimeZone m_zone;
    std::vector<Row> m_rows;
    std::vector<int> m_tagRow; ///< tag id → row for the three shown tags, else -1
    std::vector<int> m_marked; ///< rows to emit (those with dirty bits)
    QStringList m_units;       ///< header units of pressure, flow, total
    qint64 m_nowMs = 0;
    qint64 m_day = -1; ///< local day number of m_nowMs
    qint64 m_dayStartMs = 0;
    qint64 m_minute = -1; ///< of m_nowMs: the sparklines' window moves when it does
    double m_supplyScale = 0.0;
    double m_supplyRounding = 1.0; ///< 10^decimals of TodaySupply
    bool m_blink = false;
    bool m_perCell = false;
    Stats m_stats;
};

/// The tag a station's row shows for Pressure, Flow or Total: the outlet tag of its first device,
/// else that device's first tag of the quantity; InvalidTagId when it has none.
TagId shownTag(const Project& project, const Station& station, StationListModel::Column which);

} // namespace PumpWatch::Ui
