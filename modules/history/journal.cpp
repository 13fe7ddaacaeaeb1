#include "journal.h"

#include "auditchain.h"
#include "bulkupsert.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>

#include <atomic>

namespace PumpWatch::History {
namespace {

std::atomic<int> journalCounter{0};

QVariant nullableText(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

/// For NOT NULL text columns: a null QString binds as NULL, a system alarm's station is "".
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

bool exec(QSqlQuery& q, QString* error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

const char* const RowColumns =
    "id, station, station_name, tag, tag_name, unit, alarm_type, severity, start_value, "
    "start_ts, end_ts, end_state, ack_ts, ack_user, note, detail, ack_login";

JournalRow readRow(const QSqlQuery& q)
{
    const auto optionalMs = [&q](int i) {
        return q.value(i).isNull() ? std::nullopt : std::optional<qint64>(q.value(i).toLongLong());
    };
    JournalRow r;
    r.id = q.value(0).toLongLong();
    r.station = q.value(1).toString();
    r.stationName = q.value(2).toString();
    r.tag = q.value(3).toString();
    r.tagName = q.value(4).toString();
    r.unit = q.value(5).toString();
    r.type = q.value(6).toString();
    r.severity = q.value(7).toInt();
    if (!q.value(8).isNull())
        r.value = valueOrNaN(q.value(8));
    r.startMs = q.value(9).toLongLong();
    r.endMs = optionalMs(10);
    r.endState = q.value(11).toString();
    r.ackMs = optionalMs(12);
    r.ackUser = q.value(13).toString();
    r.note = q.value(14).toString();
    r.detail = q.value(15).toString();
    r.ackLogin = q.value(16).toString();
    return r;
}

} // namespace

// --- JournalWriter -------------------------------------------------------------------------

void JournalWriter::add(std::span<const JournalEntry> entries)
{
    m_entries.insert(m_entries.end(), entries.begin(), entries.end());
}

void JournalWriter::add(std::span<const AuditEntry> entries)
{
    m_audit.insert(m_audit.end(), entries.begin(), entries.end());
}

bool JournalWriter::flush(QSqlDatabase& db, QString* error)
{
    if (m_entries.empty() && m_audit.empty())
        return true;
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    std::vector<quint64> inserted; // forgotten again if the transaction fails
    const auto fail = [&] {
        db.rollback();
        for (quint64 key : inserted)
            m_ids.erase(key);
        return false;
    };
    // The chain's lock first: before anything reads (see AuditChain::lock).
    AuditChain chain(db);
    if (!chain.lock(error))
        return fail();
    QSqlQuery open(db);
    open.prepare(QStringLiteral(
        "INSERT INTO alarm_journal (station, station_name, tag, tag_name, unit, alarm_type, "
        "severity, start_value, start_ts, end_state, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "'active', ?) RETURNING id"));
    QSqlQuery end(db);
    end.prepare(QStringLiteral("UPDATE alarm_journal SET end_ts = ?, end_state = ? WHERE id = ?"));
    QSqlQuery ack(db);
    ack.prepare(QStringLiteral("UPDATE alarm_journal SET ack_ts = ?, ack_user = ?, ack_login = ?, "
                               "note = ? WHERE id = ? AND ack_ts IS NULL"));
    for (const JournalEntry& e : m_entries) {
        if (e.kind == JournalEntry::Adopt) {
            m_ids[e.key] = e.rowId;
            continue;
        }
        if (e.kind == JournalEntry::Open) {
            open.addBindValue(notNull(e.station));
            open.addBindValue(nullableText(e.stationName));
            open.addBindValue(notNull(e.tag));
            open.addBindValue(nullableText(e.tagName));
            open.addBindValue(nullableText(e.unit));
            open.addBindValue(notNull(e.type));
            open.addBindValue(e.severity);
            open.addBindValue(nullableDouble(e.value));
            open.addBindValue(e.startMs);
            open.addBindValue(nullableText(e.detail));
            if (!exec(open, error) || !open.next()) {
                if (error->isEmpty())
                    *error = open.lastError().text();
                return fail();
            }
            const qint64 rowId = open.value(0).toLongLong();
            m_ids[e.key] = rowId;
            inserted.push_back(e.key);
            open.finish();
            if (!chain.append(AuditChain::journalAudit(e, rowId, AuditChain::journalValues(e)),
                              error, rowId))
                return fail();
            continue;
        }
        const auto id = m_ids.find(e.key);
        if (id == m_ids.end())
            continue; // raised before this run (its row is closed at start-up)
        QSqlQuery& q = e.kind == JournalEntry::End ? end : ack;
        if (e.kind == JournalEntry::End) {
            q.addBindValue(e.endMs);
            q.addBindValue(e.endState);
        } else {
            q.addBindValue(e.ackMs);
            q.addBindValue(e.ackUser);
            q.addBindValue(nullableText(e.ackLogin));
            q.addBindValue(nullableText(e.note));
        }
        q.addBindValue(id->second);
        if (!exec(q, error))
            return fail();
        // An acknowledgement that found the row acknowledged already (by pumpwatch-cli, say)
        // changed nothing: nothing to audit.
        if (q.numRowsAffected() > 0 &&
            !chain.append(AuditChain::journalAudit(e, id->second, AuditChain::journalValues(e)),
                          error, id->second))
            return fail();
    }
    for (const AuditEntry& a : m_audit) {
        if (!chain.append(a, error))
            return fail();
    }
    if (!chain.finish(error))
        return fail();
    if (!db.commit()) {
        *error = db.lastError().text();
        return fail();
    }
    // Rows of records that have ended and been acknowledged never change again.
    for (const JournalEntry& e : m_entries) {
        if ((e.kind == JournalEntry::End || e.kind == JournalEntry::Acknowledge) && e.ackMs != 0 &&
            e.endMs != 0)
            m_ids.erase(e.key);
    }
    m_entries.clear();
    m_audit.clear();
    return true;
}

// --- AlarmJournal --------------------------------------------------------------------------

AlarmJournal::AlarmJournal(const DatabaseUrl& url)
    : m_url(url)
    , m_dialect(url.engine)
    , m_connectionName(QStringLiteral("pumpwatch-journal-%1").arg(++journalCounter))
{}

AlarmJournal::~AlarmJournal()
{
    m_db = QSqlDatabase();
    Dialect::close(m_connectionName);
}

bool AlarmJournal::open(QString* error)
{
    m_db = m_dialect.open(m_url, m_connectionName, error);
    if (!m_db.isValid())
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT ack_login FROM alarm_journal WHERE id = 0"))) {
        *error = tr("%1 holds no PumpWatch alarm journal (or one older than this program): %2")
                     .arg(m_url.display(), q.lastError().text());
        return false;
    }
    return true;
}

std::optional<std::vector<JournalRow>> AlarmJournal::list(const JournalFilter& filter,
                                                          QString* error)
{
    QString sql =
        QStringLiteral("SELECT %1 FROM alarm_journal WHERE ").arg(QLatin1StringView(RowColumns));
    QVariantList binds;
    if (filter.activeDuring) {
        sql += QStringLiteral("start_ts < ? AND (end_ts IS NULL OR end_ts > ?)");
        binds << filter.toMs << filter.fromMs;
    } else {
        sql += QStringLiteral("start_ts >= ? AND start_ts < ?");
        binds << filter.fromMs << filter.toMs;
    }
    if (!filter.station.isEmpty()) {
        sql += QStringLiteral(" AND station = ?");
        binds << filter.station;
    }
    if (filter.activeOnly)
        sql += QStringLiteral(" AND end_ts IS NULL");
    if (filter.severity) {
        sql += QStringLiteral(" AND severity = ?");
        binds << *filter.severity;
    }
    if (!filter.types.isEmpty()) {
        QStringList marks;
        for (const QString& type : filter.types) {
            marks << QStringLiteral("?");
            binds << type;
        }
        sql += QStringLiteral(" AND alarm_type IN (%1)").arg(marks.join(u','));
    }
    if (filter.acknowledged)
        sql += *filter.acknowledged ? QStringLiteral(" AND ack_ts IS NOT NULL")
                                    : QStringLiteral(" AND ack_ts IS NULL");
    sql += QStringLiteral(" ORDER BY start_ts DESC, id DESC");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!exec(q, error))
        return std::nullopt;
    std::vector<JournalRow> rows;
    while (q.next())
        rows.push_back(readRow(q));
    return rows;
}

std::optional<JournalRow> AlarmJournal::row(qint64 id, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM alarm_journal WHERE id = ?")
                  .arg(QLatin1StringView(RowColumns)));
    q.addBindValue(id);
    if (!exec(q, error) || !q.next())
        return std::nullopt;
    return readRow(q);
}

AlarmJournal::AckResult AlarmJournal::acknowledge(qint64 id, const QString& user,
                                                  const QString& login, const QString& note,
                                                  qint64 ms, QString* error, JournalRow* row)
{
    // The acknowledgement and its chained audit row in one transaction, the chain's lock first.
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return AckResult::Failed;
    }
    const auto failed = [this] {
        m_db.rollback();
        return AckResult::Failed;
    };
    AuditChain chain(m_db);
    if (!chain.lock(error))
        return failed();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE alarm_journal SET ack_ts = ?, ack_user = ?, ack_login = ?, "
                             "note = ? WHERE id = ? AND ack_ts IS NULL"));
    q.addBindValue(ms);
    q.addBindValue(user);
    q.addBindValue(nullableText(login));
    q.addBindValue(nullableText(note));
    q.addBindValue(id);
    if (!exec(q, error))
        return failed();
    const int changed = q.numRowsAffected();
    if (changed > 0) {
        const std::optional<JournalRow> acked = this->row(id, error);
        if (!acked)
            return failed();
        JournalEntry e;
        e.kind = JournalEntry::Acknowledge;
        e.station = acked->station;
        e.stationName = acked->stationName;
        e.tagName = acked->tagName;
        e.type = acked->type;
        e.ackMs = ms;
        e.ackUser = user;
        e.ackLogin = login;
        e.note = note;
        if (!chain.append(AuditChain::journalAudit(e, id, AuditChain::journalValues(e),
                                                   QSysInfo::machineHostName()),
                          error, id) ||
            !chain.finish(error))
            return failed();
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        return failed();
    }
    const std::optional<JournalRow> after = this->row(id, error);
    if (!after)
        return error->isEmpty() ? AckResult::NotFound : AckResult::Failed;
    if (row)
        *row = *after;
    return changed > 0 ? AckResult::Acknowledged : AckResult::AlreadyAcknowledged;
}

} // namespace PumpWatch::History
