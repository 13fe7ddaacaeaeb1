// AlarmRecordCells: one alarm journal row as people read it, cell by cell — the record query
// panel (报警记录) and `pumpwatch-cli alarms list` show the same texts in the same order.
// Headless (Qt Core): a target of its own, PumpWatch::AlarmRecords, because it knows both the
// alarm texts and history's journal row, and neither of those modules may know the other.
//
//     const QStringList cells = AlarmRecordCells::cells(row, &project, zone);
//     cells[AlarmRecordCells::Start]   // "2026-11-20 06:00:00" in the project's wall time
#pragma once

#include <core/project.h>
#include <history/journal.h>

#include <QCoreApplication>
#include <QStringList>
#include <QTimeZone>

namespace PumpWatch::Alarms {

struct AlarmRecordCells {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Alarms::AlarmRecordCells)
public:
    enum Column {
        Priority,
        Station,
        Subject,
        Value,
        Type,
        Start,
        End,
        Acknowledged,
        AckTime,
        AckUser,
        EndState,
        Note,
        Cause,
        ColumnCount
    };

    /// The column titles, in Column order.
    static QStringList headers();
    /// The cells of `row` in Column order. Times are `zone`'s wall time
    /// ("yyyy-MM-dd HH:mm:ss"); what the record does not have (an end, an acknowledgement, a
    /// value) is empty. The value has its quantity's precision and unit when `project` (may be
    /// null) still has the tag, else 3 decimals and the unit as journalled. Note and cause are
    /// trimmed, their lines kept.
    static QStringList cells(const History::JournalRow& row, const Project* project,
                             const QTimeZone& zone);
    /// The time format of the cells.
    static QString time(qint64 ms, const QTimeZone& zone);
};

} // namespace PumpWatch::Alarms
