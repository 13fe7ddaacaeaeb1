#include "auditchain.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QVariant>

#include <cmath>

namespace PumpWatch::History {
namespace {

QVariant nullableText(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

void netstring(QByteArray& out, const QString& field)
{
    const QByteArray bytes = field.toUtf8();
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += ',';
}

QJsonValue jsonText(const QString& text, bool nullable = true)
{
    return nullable && text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

AuditChain::AuditChain(const QSqlDatabase& db)
    : m_db(db)
    , m_insert(db)
{}

bool AuditChain::lock(QString* error)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("UPDATE audit_head SET seq = seq WHERE id = 1")) ||
        !q.exec(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1"))) {
        *error = tr("the audit chain's head: %1").arg(q.lastError().text());
        return false;
    }
    if (!q.next()) {
        *error = tr("the audit chain has no head (audit_head is empty)");
        return false;
    }
    m_seq = q.value(0).toLongLong();
    m_hash = q.value(1).toString();
    m_appended = false;
    return true;
}

bool AuditChain::append(const AuditEntry& e, QString* error, qint64 journalId)
{
    Q_ASSERT(m_seq >= 0); // lock() first
    if (!m_appended) {
        m_insert.prepare(QStringLiteral(
            "INSERT INTO audit_log (seq, prev_hash, hash, journal_id, ts, user_name, login, role, "
            "workstation, station, action, target, old_value, new_value, result, detail) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }
    const qint64 seq = m_seq + 1;
    const QString hash = AuditChain::hash(m_hash, seq, e);
    m_insert.addBindValue(seq);
    m_insert.addBindValue(m_hash);
    m_insert.addBindValue(hash);
    m_insert.addBindValue(journalId > 0 ? QVariant(journalId)
                                        : QVariant(QMetaType::fromType<qint64>()));
    m_insert.addBindValue(e.ms);
    m_insert.addBindValue(notNull(e.user));
    m_insert.addBindValue(nullableText(e.login));
    m_insert.addBindValue(nullableText(e.role));
    m_insert.addBindValue(nullableText(e.workstation));
    m_insert.addBindValue(nullableText(e.station));
    m_insert.addBindValue(notNull(e.action));
    m_insert.addBindValue(notNull(e.target));
    m_insert.addBindValue(nullableText(e.oldValue));
    m_insert.addBindValue(nullableText(e.newValue));
    m_insert.addBindValue(notNull(e.result));
    m_insert.addBindValue(nullableText(e.detail));
    if (!m_insert.exec()) {
        *error = m_insert.lastError().text();
        return false;
    }
    m_seq = seq;
    m_hash = hash;
    m_appended = true;
    return true;
}

bool AuditChain::finish(QString* error)
{
    if (!m_appended)
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"));
    q.addBindValue(m_seq);
    q.addBindValue(m_hash);
    if (!q.exec()) {
        *error = tr("the audit chain's head: %1").arg(q.lastError().text());
        return false;
    }
    m_appended = false;
    return true;
}

bool AuditChain::appendOne(const QSqlDatabase& db, const AuditEntry& entry, QString* error,
                           qint64 journalId)
{
    AuditChain chain(db);
    return chain.lock(error) && chain.append(entry, error, journalId) && chain.finish(error);
}

QString AuditChain::genesisHash()
{
    return QString::fromLatin1(
        QCryptographicHash::hash("pumpwatch-audit-v1", QCryptographicHash::Sha256).toHex());
}

QByteArray AuditChain::encode(qint64 seq, const AuditEntry& e)
{
    QByteArray out;
    out.reserve(256);
    netstring(out, QString::number(seq));
    netstring(out, QString::number(e.ms));
    for (const QString* field : {&e.user, &e.login, &e.role, &e.workstation, &e.station, &e.action,
                                 &e.target, &e.oldValue, &e.newValue, &e.result, &e.detail})
        netstring(out, *field);
    return out;
}

QString AuditChain::hash(const QString& prevHash, qint64 seq, const AuditEntry& entry)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prevHash.toLatin1());
    h.addData(encode(seq, entry));
    return QString::fromLatin1(h.result().toHex());
}

QString AuditChain::journalAction(JournalEntry::Kind kind)
{
    switch (kind) {
    case JournalEntry::Open:
        return QStringLiteral("alarm.open");
    case JournalEntry::End:
        return QStringLiteral("alarm.end");
    case JournalEntry::Acknowledge:
        return QStringLiteral("alarm.ack");
    case JournalEntry::Adopt:
        break;
    }
    return {};
}

QJsonObject AuditChain::journalValues(const JournalEntry& e)
{
    // As journal.cpp binds them: NOT NULL columns as given, the others NULL when empty.
    QJsonObject o;
    switch (e.kind) {
    case JournalEntry::Open:
        o.insert(QStringLiteral("station"), jsonText(e.station, false));
        o.insert(QStringLiteral("station_name"), jsonText(e.stationName));
        o.insert(QStringLiteral("tag"), jsonText(e.tag, false));
        o.insert(QStringLiteral("tag_name"), jsonText(e.tagName));
        o.insert(QStringLiteral("unit"), jsonText(e.unit));
        o.insert(QStringLiteral("alarm_type"), jsonText(e.type, false));
        o.insert(QStringLiteral("severity"), e.severity);
        o.insert(QStringLiteral("start_value"), e.value && std::isfinite(*e.value)
                                                    ? QJsonValue(*e.value)
                                                    : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("start_ts"), e.startMs);
        o.insert(QStringLiteral("end_state"), QStringLiteral("active"));
        o.insert(QStringLiteral("detail"), jsonText(e.detail));
        break;
    case JournalEntry::End:
        o.insert(QStringLiteral("end_ts"), e.endMs);
        o.insert(QStringLiteral("end_state"), jsonText(e.endState, false));
        break;
    case JournalEntry::Acknowledge:
        o.insert(QStringLiteral("ack_ts"), e.ackMs);
        o.insert(QStringLiteral("ack_user"), jsonText(e.ackUser, false));
        o.insert(QStringLiteral("ack_login"), jsonText(e.ackLogin));
        o.insert(QStringLiteral("note"), jsonText(e.note));
        break;
    case JournalEntry::Adopt:
        break;
    }
    return o;
}

AuditEntry AuditChain::journalAudit(const JournalEntry& e, qint64 journalId,
                                    const QJsonObject& values, const QString& workstation)
{
    AuditEntry a;
    const bool ack = e.kind == JournalEntry::Acknowledge;
    a.ms = ack ? e.ackMs : e.kind == JournalEntry::End ? e.endMs : e.startMs;
    a.user = ack ? e.ackUser : QStringLiteral("system");
    a.login = ack ? e.ackLogin : QString();
    a.workstation = workstation;
    a.station = e.station;
    a.action = journalAction(e.kind);
    a.target = QStringLiteral("alarm_journal:%1").arg(journalId);
    // Compact JSON with its keys sorted (QJsonObject keeps them so): one text for one change.
    a.newValue = QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact));
    a.result = QStringLiteral("ok");
    a.detail = QStringList{e.stationName, e.tagName, e.type}.join(u' ').simplified();
    return a;
}

} // namespace PumpWatch::History
