// AuditChain: the tamper-evident audit trail. Every audit row carries a sequence number `seq`
// and `hash` = hex SHA-256(prev_hash ‖ encode(row)), prev_hash being the hash of row seq - 1
// (the genesis hash for seq 1). The one-row table audit_head holds the last seq and hash, so
// that removing the newest rows is noticed too. Editing, deleting or inserting one row breaks
// the chain at that row; verify() (auditverify.cpp) finds the first broken link.
//
// encode(row): thirteen netstrings "<byte length>:<UTF-8 bytes>," in this order — seq, ts (both
// decimal), user_name, login, role, workstation, station, action, target, old_value, new_value,
// result, detail; NULL and "" encode the same (""). Unambiguous: no field can spill into the
// next. A script reproduces it in a few lines (docs/architecture.md § Tamper-evident audit).
//
// Every writer of audit_log appends through this class, inside its own transaction:
//
//     db.transaction();
//     AuditChain chain(db);
//     chain.lock(&error);            // the first statement: takes the write lock, reads the head
//     … the writer's own changes …
//     chain.append(entry, &error);   // as many as the transaction has
//     chain.finish(&error);          // writes the head back
//     db.commit();
//
// lock() is `UPDATE audit_head SET seq = seq WHERE id = 1`: on SQLite a write first, so the
// transaction holds the write lock before it reads (no SQLITE_BUSY when a read transaction
// would have to be upgraded); on PostgreSQL the row lock serialises writers in different
// processes until they commit. One lock per transaction: a flush of many rows pays it once.
//
// Alarm journal changes are audited the same way: action "alarm.open", "alarm.end" or
// "alarm.ack", target "alarm_journal:<id>", journal_id = that id, new_value = the columns the
// change set as a compact JSON object (journalValues()); verify() checks every alarm_journal row
// against them.
#pragma once

#include "databaseurl.h"
#include "journal.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimeZone>

namespace PumpWatch::History {

/// What AuditChain::verify() found.
struct AuditVerification {
    enum class Status { Intact, Broken, Failed };
    Status status = Status::Failed;
    qint64 checked = 0;          ///< chained audit rows whose hash and link were checked
    qint64 uncovered = 0;        ///< audit rows written before the chain began (seq NULL)
    qint64 journalChecked = 0;   ///< alarm_journal rows compared with their audit rows
    qint64 journalUncovered = 0; ///< alarm_journal rows older than the chain, never changed since
    qint64 headSeq = 0;
    QString headHash;
    qint64 seq = 0;       ///< the first broken link's audit row: its seq (0: none or unknown)
    qint64 id = 0;        ///< and its id
    qint64 journalId = 0; ///< or the alarm_journal row found changed or deleted
    QString message;      ///< the first broken link, or why the check could not run
};

class AuditChain {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::AuditChain)

public:
    explicit AuditChain(const QSqlDatabase& db);

    /// Takes the chain's write lock and reads its head. The first statement of the transaction.
    bool lock(QString* error);
    /// Appends one row after the head (lock() first). `journalId`: the alarm_journal row an
    /// "alarm.*" row records a change of, 0 for none.
    bool append(const AuditEntry& entry, QString* error, qint64 journalId = 0);
    /// Writes the head back (when anything was appended). Before the commit.
    bool finish(QString* error);
    /// lock, append, finish: for a writer with a single row in its transaction.
    static bool appendOne(const QSqlDatabase& db, const AuditEntry& entry, QString* error,
                          qint64 journalId = 0);

    /// Reads the whole chain in seq order (forward only: constant memory) and every
    /// alarm_journal row against its audit rows, in one snapshot; stops at the first broken
    /// link. Times in messages in `zone`.
    static AuditVerification verify(const DatabaseUrl& url, const QTimeZone& zone);

    qint64 headSeq() const { return m_seq; }
    QString headHash() const { return m_hash; }

    /// Hex SHA-256 of "pumpwatch-audit-v1": the prev_hash of seq 1.
    static QString genesisHash();
    /// The hashed bytes of a row (without the previous hash); see the top of this file.
    static QByteArray encode(qint64 seq, const AuditEntry& entry);
    static QString hash(const QString& prevHash, qint64 seq, const AuditEntry& entry);

    /// The audit row of an alarm journal change: what verify() compares the row with.
    /// `values`: the columns set, by name (journalValues()).
    static AuditEntry journalAudit(const JournalEntry& change, qint64 journalId,
                                   const QJsonObject& values, const QString& workstation = {});
    /// The columns an Open, End or Acknowledge sets, as they are written.
    static QJsonObject journalValues(const JournalEntry& change);
    /// "alarm.open", "alarm.end", "alarm.ack".
    static QString journalAction(JournalEntry::Kind kind);

private:
    QSqlDatabase m_db;
    QSqlQuery m_insert;
    qint64 m_seq = -1;
    QString m_hash;
    bool m_appended = false;
};

} // namespace PumpWatch::History
