// AuditChain::verify(): the chain in seq order, then alarm_journal merged with its audit rows
// by journal row id — both streamed forward-only, so memory stays constant however long the
// trail is. Both passes read one snapshot: on SQLite one read transaction; on PostgreSQL a
// REPEATABLE READ transaction whose snapshot the second connection (the merge needs two
// queries open at once) imports.
#include "auditchain.h"
#include "dialect.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>

#include <atomic>
#include <cmath>
#include <map>
#include <string_view>

namespace PumpWatch::History {
namespace {

std::atomic<int> verifyCounter{0};

struct ChainRow {
    qint64 id = 0;
    qint64 seq = 0;
    QString prevHash;
    QString hash;
    qint64 journalId = 0;
    AuditEntry entry;
};

ChainRow readChainRow(const QSqlQuery& q)
{
    ChainRow r;
    r.id = q.value(0).toLongLong();
    r.seq = q.value(1).toLongLong();
    r.prevHash = q.value(2).toString();
    r.hash = q.value(3).toString();
    r.journalId = q.value(4).toLongLong();
    r.entry.ms = q.value(5).toLongLong();
    QString* text[] = {&r.entry.user,     &r.entry.login,  &r.entry.role,   &r.entry.workstation,
                       &r.entry.station,  &r.entry.action, &r.entry.target, &r.entry.oldValue,
                       &r.entry.newValue, &r.entry.result, &r.entry.detail};
    for (int i = 0; i < 11; ++i)
        *text[i] = q.value(6 + i).toString();
    return r;
}

/// The alarm_journal columns, in the order of the query; the numeric ones compared as numbers.
constexpr const char* JournalColumns[] = {"station",  "station_name", "tag",       "tag_name",
                                          "unit",     "alarm_type",   "severity",  "start_value",
                                          "start_ts", "end_ts",       "end_state", "ack_ts",
                                          "ack_user", "ack_login",    "note",      "detail"};
bool isNumeric(std::string_view column)
{
    return column == "severity" || column == "start_value" || column.ends_with("_ts");
}

bool sameValue(const QVariant& table, const QJsonValue& audit, bool numeric)
{
    if (!numeric)
        return table.toString() == (audit.isNull() ? QString() : audit.toString());
    const double a = audit.isNull() ? std::nan("") : audit.toDouble();
    const double t = table.isNull() ? std::nan("") : table.toDouble();
    if (std::isnan(a) || std::isnan(t))
        return std::isnan(a) && std::isnan(t);
    return a == t || std::abs(a - t) <= 1e-12 * std::max(std::abs(a), std::abs(t));
}

class Verifier {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::History::AuditChain)

public:
    Verifier(const QTimeZone& zone, AuditVerification& result)
        : m_zone(zone)
        , m_result(result)
    {}

    bool chain(QSqlDatabase& db);
    bool journal(QSqlDatabase& audit, QSqlDatabase& journal);

private:
    QString describe(const ChainRow& r) const
    {
        return tr("audit row seq %1 (id %2, %3, %4, %5)")
            .arg(r.seq)
            .arg(r.id)
            .arg(QDateTime::fromMSecsSinceEpoch(r.entry.ms, m_zone)
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                 r.entry.user, r.entry.action);
    }
    bool broken(const ChainRow& r, const QString& what)
    {
        m_result.seq = r.seq;
        m_result.id = r.id;
        m_result.message = describe(r) + QStringLiteral(": ") + what;
        return false;
    }
    bool journalBroken(qint64 journalId, const QString& what)
    {
        m_result.journalId = journalId;
        m_result.message = tr("alarm journal row %1: %2").arg(journalId).arg(what);
        return false;
    }
    bool failed(const QSqlQuery& q)
    {
        m_result.status = AuditVerification::Status::Failed;
        m_result.message = q.lastError().text();
        return false;
    }

    const QTimeZone& m_zone;
    AuditVerification& m_result;
};

bool Verifier::chain(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1")))
        return failed(q);
    if (!q.next()) {
        m_result.message = tr("the audit chain's head is missing (audit_head has no row)");
        return false;
    }
    m_result.headSeq = q.value(0).toLongLong();
    m_result.headHash = q.value(1).toString();
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE seq IS NULL")) || !q.next())
        return failed(q);
    m_result.uncovered = q.value(0).toLongLong();

    if (!q.exec(QStringLiteral(
            "SELECT id, seq, prev_hash, hash, journal_id, ts, user_name, login, role, "
            "workstation, station, action, target, old_value, new_value, result, detail FROM "
            "audit_log WHERE seq IS NOT NULL ORDER BY seq")))
        return failed(q);
    ChainRow previous; // seq 0: the genesis
    previous.hash = AuditChain::genesisHash();
    qint64 firstId = 0;
    while (q.next()) {
        ChainRow r = readChainRow(q);
        if (r.seq > previous.seq + 1) {
            m_result.seq = previous.seq + 1;
            m_result.id = r.id;
            const QString missing =
                r.seq == previous.seq + 2
                    ? tr("seq %1 missing").arg(previous.seq + 1)
                    : tr("seq %1–%2 missing").arg(previous.seq + 1).arg(r.seq - 1);
            m_result.message = previous.seq == 0
                                   ? tr("%1: deleted (the chain now starts at seq %2, id %3)")
                                         .arg(missing)
                                         .arg(r.seq)
                                         .arg(r.id)
                                   : tr("%1: deleted (the rows around it are id %2 and %3)")
                                         .arg(missing)
                                         .arg(previous.id)
                                         .arg(r.id);
            return false;
        }
        if (r.seq <= previous.seq)
            return broken(r, tr("changed — its seq is out of the chain's order"));
        if (r.prevHash != previous.hash) {
            // The link between the two rows is broken. When the row before was rewritten with
            // a recomputed hash, that row is the one changed.
            if (previous.seq == 0)
                return broken(r, tr("changed — it does not start from the genesis hash"));
            // This row still matches the prev_hash it stores: the row before it was rewritten
            // with a recomputed hash. Otherwise this row's own prev_hash was changed.
            if (AuditChain::hash(r.prevHash, r.seq, r.entry) == r.hash)
                return broken(previous, tr("changed — its hash was recomputed, but seq %1 was "
                                           "chained to the hash it had")
                                            .arg(r.seq));
            return broken(r, tr("changed — its link to seq %1 does not match").arg(previous.seq));
        }
        if (AuditChain::hash(r.prevHash, r.seq, r.entry) != r.hash)
            return broken(r, tr("changed — its hash does not match its content"));
        if (r.journalId != 0 &&
            r.entry.target != QStringLiteral("alarm_journal:%1").arg(r.journalId))
            return broken(r, tr("changed — its journal_id %1 does not match its target %2")
                                 .arg(r.journalId)
                                 .arg(r.entry.target));
        if (firstId == 0)
            firstId = r.id;
        ++m_result.checked;
        previous = std::move(r);
    }
    if (q.lastError().isValid())
        return failed(q);
    if (m_result.headSeq > previous.seq) {
        m_result.seq = previous.seq + 1;
        m_result.message =
            tr("the last %n row(s) were removed: the chain head says seq %1, the table ends at %2",
               nullptr, int(m_result.headSeq - previous.seq))
                .arg(m_result.headSeq)
                .arg(previous.seq);
        return false;
    }
    if (m_result.headSeq < previous.seq)
        return broken(
            previous,
            tr("added outside the chain — the chain head says seq %1").arg(m_result.headSeq));
    if (previous.seq > 0 && m_result.headHash != previous.hash)
        return broken(previous, tr("changed — its hash was recomputed, but the chain head holds "
                                   "the hash it had"));
    if (previous.seq == 0 && m_result.headHash != previous.hash) {
        m_result.message =
            tr("the chain head was changed: it holds seq 0 but not the genesis hash");
        return false;
    }
    // Rows without a seq are those written before the chain began; one with a higher id than
    // the first chained row was inserted around the chain.
    if (firstId != 0) {
        q.prepare(QStringLiteral("SELECT id, ts, user_name, action FROM audit_log WHERE seq IS "
                                 "NULL AND id > ? ORDER BY id"));
        q.addBindValue(firstId);
        if (!q.exec())
            return failed(q);
        if (q.next()) {
            m_result.id = q.value(0).toLongLong();
            m_result.message =
                tr("audit row id %1 (%2, %3, %4): added outside the chain — it has no seq, "
                   "though it is newer than the chain's first row (id %5)")
                    .arg(m_result.id)
                    .arg(QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), m_zone)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                         q.value(2).toString(), q.value(3).toString())
                    .arg(firstId);
            return false;
        }
    }
    return true;
}

bool Verifier::journal(QSqlDatabase& auditDb, QSqlDatabase& journalDb)
{
    QStringList columns;
    for (const char* c : JournalColumns)
        columns << QString::fromLatin1(c);
    QSqlQuery rows(journalDb);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT id, %1 FROM alarm_journal ORDER BY id")
                       .arg(columns.join(QStringLiteral(", ")))))
        return failed(rows);
    QSqlQuery records(auditDb);
    records.setForwardOnly(true);
    if (!records.exec(QStringLiteral("SELECT journal_id, seq, action, new_value FROM audit_log "
                                     "WHERE journal_id IS NOT NULL AND seq IS NOT NULL ORDER BY "
                                     "journal_id, seq")))
        return failed(records);

    bool haveRow = rows.next();
    bool haveRecord = records.next();
    bool chainedOpenSeen = false; // rows after the first one opened in the chain must have one
    // Rows that no audit row records: older than the chain, or inserted around it.
    const auto unrecorded = [&](qint64 upTo) {
        while (haveRow && rows.value(0).toLongLong() < upTo) {
            const qint64 id = rows.value(0).toLongLong();
            if (chainedOpenSeen)
                return journalBroken(id, tr("added outside the audit — no audit row records its "
                                            "opening"));
            ++m_result.journalUncovered;
            haveRow = rows.next();
        }
        return true;
    };
    while (haveRecord) {
        const qint64 journalId = records.value(0).toLongLong();
        // What the audit rows of this journal row set, field by field, with the seq that set it.
        std::map<QString, std::pair<QJsonValue, qint64>> expected;
        bool opened = false;
        qint64 openSeq = 0;
        const qint64 firstSeq = records.value(1).toLongLong();
        while (haveRecord && records.value(0).toLongLong() == journalId) {
            const qint64 seq = records.value(1).toLongLong();
            const QString action = records.value(2).toString();
            if (action == u"alarm.open") {
                opened = true;
                openSeq = seq;
                for (const char* c : {"end_ts", "ack_ts", "ack_user", "ack_login", "note"})
                    expected[QString::fromLatin1(c)] = {QJsonValue(QJsonValue::Null), seq};
            }
            const QJsonObject values =
                QJsonDocument::fromJson(records.value(3).toString().toUtf8()).object();
            for (auto it = values.begin(); it != values.end(); ++it)
                expected[it.key()] = {it.value(), seq};
            haveRecord = records.next();
        }
        if (!unrecorded(journalId))
            return false;
        if (!haveRow || rows.value(0).toLongLong() != journalId) {
            const qint64 seq = opened ? openSeq : firstSeq;
            return journalBroken(journalId, tr("deleted — its audit record seq %1 has no row in "
                                               "the table")
                                                .arg(seq));
        }
        for (int i = 0; i < columns.size(); ++i) {
            const auto it = expected.find(columns[i]);
            if (it == expected.end())
                continue; // set before the chain began
            const QVariant value = rows.value(1 + i);
            if (!sameValue(value, it->second.first, isNumeric(JournalColumns[i]))) {
                const QString none = tr("(empty)");
                const QJsonValue& audited = it->second.first;
                const QString auditText =
                    audited.isNull() || audited.toVariant().toString().isEmpty()
                        ? none
                        : audited.toVariant().toString();
                const QString tableText =
                    value.isNull() || value.toString().isEmpty() ? none : value.toString();
                return journalBroken(journalId, tr("%1 is %2 in the table, %3 in its audit record "
                                                   "seq %4")
                                                    .arg(columns[i], tableText, auditText)
                                                    .arg(it->second.second));
            }
        }
        chainedOpenSeen = chainedOpenSeen || opened;
        ++m_result.journalChecked;
        haveRow = rows.next();
    }
    if (records.lastError().isValid())
        return failed(records);
    if (!unrecorded(std::numeric_limits<qint64>::max()))
        return false;
    if (rows.lastError().isValid())
        return failed(rows);
    return true;
}

} // namespace

AuditVerification AuditChain::verify(const DatabaseUrl& url, const QTimeZone& zone)
{
    AuditVerification result;
    const Dialect dialect(url.engine);
    const int n = ++verifyCounter;
    const QString name = QStringLiteral("pumpwatch-verify-%1").arg(n);
    const QString second = QStringLiteral("pumpwatch-verify-%1b").arg(n);
    const bool postgres = url.engine == Engine::Postgres;
    {
        QSqlDatabase db = dialect.open(url, name, &result.message);
        QSqlDatabase other;
        if (db.isValid()) {
            QSqlQuery q(db);
            if (!db.transaction()) {
                result.message = db.lastError().text();
            } else if (postgres &&
                       (!q.exec(QStringLiteral(
                            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) ||
                        !q.exec(QStringLiteral("SELECT pg_export_snapshot()")) || !q.next())) {
                result.message = q.lastError().text();
            } else {
                const QString snapshot = postgres ? q.value(0).toString() : QString();
                q.finish();
                if (postgres) {
                    other = dialect.open(url, second, &result.message);
                    QSqlQuery o(other);
                    if (!other.isValid() || !other.transaction() ||
                        !o.exec(QStringLiteral(
                            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) ||
                        !o.exec(QStringLiteral("SET TRANSACTION SNAPSHOT '%1'").arg(snapshot))) {
                        if (other.isValid())
                            result.message = o.lastError().text();
                        other = QSqlDatabase();
                    }
                } else {
                    other = db;
                }
                if (other.isValid()) {
                    Verifier verifier(zone, result);
                    result.status = AuditVerification::Status::Broken;
                    if (verifier.chain(db) && verifier.journal(db, other)) {
                        result.status = AuditVerification::Status::Intact;
                        result.message.clear();
                    }
                    if (postgres)
                        other.rollback();
                }
                db.rollback();
            }
        }
    }
    Dialect::close(second);
    Dialect::close(name);
    return result;
}

} // namespace PumpWatch::History
