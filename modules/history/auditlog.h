// AuditLog: reading the audit table (who did what, when, from which computer, with what
// result) — control commands, logins, limit changes, acknowledgements. Rows are written by the
// history service's journal; this reads them back for the CLI and, later, the audit viewer.
// One connection per instance, in the thread that uses it.
//
//     AuditLog log(url);
//     if (log.open(&error)) rows = log.list({from, to, u"S0001"_s}, &error);
#pragma once

#include "databaseurl.h"
#include "dialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>
#include <vector>

namespace PumpWatch::History {

struct AuditRow {
    qint64 id = 0;
    qint64 ms = 0;
    QString user; ///< display name as it was
    QString login;
    QString role;
    QString workstation;
    QString station;
    QString action;
    QString target;
    QString oldValue;
    QString newValue;
    QString result;
    QString detail;
};

struct AuditFilter {
    qint64 fromMs = 0;
    qint64 toMs = 0;    ///< exclusive
    QString station;    ///< empty: every station (and rows of none)
    QString actionLike; ///< an SQL LIKE pattern ("control.%"); empty: every action
    /// A login or a display name ("zhangsan" or "张三"); empty: everybody.
    QString user = {};
    /// An action ("control.operate"), or a prefix ending in a dot ("control." for every
    /// control action); empty: every action.
    QString action = {};
    bool newestFirst = false;
    int limit = 0; ///< at most this many rows (the first in the order asked); 0: all
};

class AuditLog {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::AuditLog)

public:
    explicit AuditLog(const DatabaseUrl& url);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    bool open(QString* error);
    /// Oldest first, as things happened (or newest first, as asked).
    std::optional<std::vector<AuditRow>> list(const AuditFilter& filter, QString* error);

private:
    DatabaseUrl m_url;
    Dialect m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace PumpWatch::History
