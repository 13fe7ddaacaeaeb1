// SqliteBackup: an online copy of a SQLite history database and its restore, for
// `pumpwatch-cli db backup|restore` with a sqlite: URL.
//
// The copy is made with SQLite's online backup API in one step (sqlite3_backup_step(-1)): one
// read transaction copies the pages as they were when it began. The history database runs in WAL
// mode, where a reader never blocks the writer, so the workstation or server goes on committing
// while the copy runs (their commits go to the WAL; only the checkpoint cannot pass the copy's
// snapshot until it ends, so the WAL grows meanwhile). Not VACUUM INTO: it rebuilds every table
// and index instead of copying pages — on a 0.83 GB history 12.4 s against 5.7 s — and the
// longer the read transaction, the longer the WAL grows. Not a stepwise backup (N pages, pause, N
// pages): any commit by another connection between steps restarts it from the first page, so
// it would never finish beside a writer that commits every half second.
// The copy is written beside FILE, switched to a single file (journal_mode=DELETE), checked
// (PRAGMA integrity_check) and only then renamed to FILE.
//
// A restore checks the backup (integrity, a history database of a schema this build knows),
// refuses while another process has the target open (an exclusive lock is tried: WAL-mode
// connections that are merely open prevent it), copies the backup beside the target and renames
// it into place, keeping the replaced file as "<name>.before-restore-<UTC time>".
#pragma once

#include <QCoreApplication>
#include <QString>

#include <utility>
#include <vector>

namespace PumpWatch::Cli {

class SqliteBackup {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Cli::SqliteBackup)

public:
    struct Summary {
        qint64 bytes = 0;
        int schemaVersion = 0;
        std::vector<std::pair<QString, qint64>> rows; ///< table → rows
        qint64 copyMs = 0;                            ///< the read transaction's length
    };

    /// Copies the database `db` to `to` while others may write it; `summary` of the copy.
    static bool backup(const QString& db, const QString& to, Summary* summary, QString* error);
    /// A sound history database of a schema version this build knows.
    static bool check(const QString& file, Summary* summary, QString* error);
    /// Replaces `db` by the backup `from`; `keptAs` gets where the replaced file went (empty when
    /// there was none).
    static bool restore(const QString& from, const QString& db, QString* keptAs, QString* error);
};

} // namespace PumpWatch::Cli
