#include "auditlog.h"

#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace PumpWatch::History {
namespace {

std::atomic<int> connectionCounter{0};

} // namespace

AuditLog::AuditLog(const DatabaseUrl& url)
    : m_url(url)
    , m_dialect(url.engine)
    , m_connectionName(QStringLiteral("pumpwatch-audit-%1").arg(++connectionCounter))
{}

AuditLog::~AuditLog()
{
    m_db = QSqlDatabase();
    Dialect::close(m_connectionName);
}

bool AuditLog::open(QString* error)
{
    m_db = m_dialect.open(m_url, m_connectionName, error);
    if (!m_db.isValid())
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT station FROM audit_log WHERE id = 0"))) {
        *error = tr("%1 holds no PumpWatch audit table (or one older than this program): %2")
                     .arg(m_url.display(), q.lastError().text());
        return false;
    }
    return true;
}

std::optional<std::vector<AuditRow>> AuditLog::list(const AuditFilter& filter, QString* error)
{
    QString sql = QStringLiteral(
        "SELECT id, ts, user_name, login, role, workstation, station, action, target, "
        "old_value, new_value, result, detail FROM audit_log WHERE ts >= ? AND ts < ?");
    QVariantList binds{filter.fromMs, filter.toMs};
    if (!filter.station.isEmpty()) {
        sql += QStringLiteral(" AND station = ?");
        binds << filter.station;
    }
    if (!filter.actionLike.isEmpty()) {
        sql += QStringLiteral(" AND action LIKE ?");
        binds << filter.actionLike;
    }
    if (!filter.user.isEmpty()) {
        sql += QStringLiteral(" AND (login = ? OR user_name = ?)");
        binds << filter.user << filter.user;
    }
    if (filter.action.endsWith(u'.')) {
        // A prefix by substr rather than LIKE (no escaping of "_", SQLite's LIKE ignores case)
        // or a range (PostgreSQL's collations may ignore the dot).
        sql += QStringLiteral(" AND substr(action, 1, %1) = ?").arg(filter.action.size());
        binds << filter.action;
    } else if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds << filter.action;
    }
    sql += filter.newestFirst ? QStringLiteral(" ORDER BY ts DESC, id DESC")
                              : QStringLiteral(" ORDER BY ts, id");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    std::vector<AuditRow> rows;
    while (q.next()) {
        AuditRow r;
        r.id = q.value(0).toLongLong();
        r.ms = q.value(1).toLongLong();
        QString* text[] = {&r.user,     &r.login,  &r.role,   &r.workstation,
                           &r.station,  &r.action, &r.target, &r.oldValue,
                           &r.newValue, &r.result, &r.detail};
        for (int i = 0; i < 11; ++i)
            *text[i] = q.value(2 + i).toString();
        rows.push_back(std::move(r));
    }
    return rows;
}

} // namespace PumpWatch::History
