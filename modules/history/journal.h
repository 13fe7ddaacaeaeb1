// The alarm journal and the audit log in the history database.
//
// JournalWriter lives in the history writer's thread: the alarm system hands it what happened to
// its records (opened, ended, acknowledged) and operators' audited actions; it writes them in
// order, one transaction per flush, and keeps them while the database is away so that a
// database-failure alarm is journalled once the database is back. The engine's record keys are
// mapped to the rows' ids as they are inserted.
//
// AlarmJournal is the read side with its own connection: the alarm record query (seed 000
// §4.2.5) and acknowledgement by row id, as pumpwatch-cli and the workstation use it.
//
//     AlarmJournal journal(url);
//     journal.open(&error);
//     auto rows = journal.list({from, to, QStringLiteral("S0001"), false}, &error);
//     journal.acknowledge(rows->front().id, u"张三"_s, u"zhangsan"_s, u"已派人检修"_s, now,
//     &error);
#pragma once

#include "databaseurl.h"
#include "dialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

#include <deque>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace PumpWatch::History {

struct JournalEntry {
    /// Adopt: the engine took over row `rowId` from an earlier run under `key` (no SQL).
    // No underlying type: after "enum Kind : quint8 {" here lupdate lost the namespace and filed
    // AlarmJournal's strings under a context tr() never looks up (they showed in English).
    enum Kind { Open, End, Acknowledge, Adopt };
    Kind kind = Open;
    quint64 key = 0;  ///< the alarm engine's record key
    qint64 rowId = 0; ///< for Adopt
    QString station;  ///< station id; empty for a system alarm
    QString stationName;
    QString tag; ///< "device/key", "device" for device alarms, a rule "device/rule-id"
    QString tagName;
    QString unit;
    QString type; ///< alarm type code ("high", "comm_failure", …)
    int severity = 1;
    std::optional<double> value;
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString endState; ///< "active", "normal", "new_alarm"
    qint64 ackMs = 0;
    QString ackUser;  ///< display name
    QString ackLogin; ///< login name
    QString note;
    QString detail;
};

struct AuditEntry {
    qint64 ms = 0;
    QString user;   ///< display name as it was ("张三"), "system" for the program itself
    QString login;  ///< login name ("zhangsan"), unique; empty for the system
    QString action; ///< "shelve", "write", "acknowledge", …
    QString target;
    QString oldValue;
    QString newValue;
    QString result; ///< "ok" or why not
    QString detail;
    QString role;        ///< the user's role code ("operator"); empty where it does not matter
    QString workstation; ///< the computer the action came from; empty for the server itself
    QString station;     ///< the station id acted on; empty when none
};

class JournalWriter {
public:
    void add(std::span<const JournalEntry> entries);
    void add(std::span<const AuditEntry> entries);
    qsizetype pending() const { return qsizetype(m_entries.size() + m_audit.size()); }
    /// Writes everything pending in one transaction; on failure nothing is lost.
    bool flush(QSqlDatabase& db, QString* error);

private:
    std::deque<JournalEntry> m_entries;
    std::deque<AuditEntry> m_audit;
    std::unordered_map<quint64, qint64> m_ids; ///< record key → row id
};

/// One row of the alarm record query.
struct JournalRow {
    qint64 id = 0;
    QString station;
    QString stationName;
    QString tag;
    QString tagName;
    QString unit;
    QString type;
    int severity = 1;
    std::optional<double> value;
    qint64 startMs = 0;
    std::optional<qint64> endMs;
    QString endState;
    std::optional<qint64> ackMs;
    QString ackUser;
    QString ackLogin; ///< empty in rows written before schema v3
    QString note;
    QString detail;
};

struct JournalFilter {
    qint64 fromMs = 0; ///< records that started in [fromMs, toMs), or see activeDuring
    qint64 toMs = 0;
    QString station; ///< a station id, or empty for all
    bool activeOnly = false;
    /// Records active at some time in [fromMs, toMs): started before toMs and not ended by
    /// fromMs (still open, or ended after it) — what a dispatcher asks of a shift.
    bool activeDuring = false;
    std::optional<int> severity = std::nullopt; ///< 1 warning, 2 critical; none: both
    QStringList types = {};                     ///< type codes ("high", …); empty: all
    std::optional<bool> acknowledged = std::nullopt;
};

class AlarmJournal {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::AlarmJournal)

public:
    enum class AckResult { Acknowledged, AlreadyAcknowledged, NotFound, Failed };

    explicit AlarmJournal(const DatabaseUrl& url);
    ~AlarmJournal();
    AlarmJournal(const AlarmJournal&) = delete;
    AlarmJournal& operator=(const AlarmJournal&) = delete;

    bool open(QString* error);
    /// Newest first.
    std::optional<std::vector<JournalRow>> list(const JournalFilter& filter, QString* error);
    std::optional<JournalRow> row(qint64 id, QString* error);
    /// Sets who acknowledged (display and login name) and the note, once: a second
    /// acknowledgement is refused. `row` receives the record as it is afterwards.
    AckResult acknowledge(qint64 id, const QString& user, const QString& login, const QString& note,
                          qint64 ms, QString* error, JournalRow* row = nullptr);

private:
    DatabaseUrl m_url;
    Dialect m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace PumpWatch::History
