#include "reportstore.h"

#include <history/auditchain.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

namespace PumpWatch::Reports {

namespace {

struct MethodName {
    CorrectionMethod method;
    const char* code;
    const char* displayName;
};
constexpr MethodName methodNames[] = {
    {CorrectionMethod::Manual, "manual",
     QT_TRANSLATE_NOOP("PumpWatch::Reports::Correction", "manual entry")},
    {CorrectionMethod::PairedMeter, "paired-meter",
     QT_TRANSLATE_NOOP("PumpWatch::Reports::Correction", "the other meter of the pair")},
    {CorrectionMethod::WeekdayAverage, "weekday-average",
     QT_TRANSLATE_NOOP("PumpWatch::Reports::Correction",
                       "average of the same weekday over the last 4 weeks")},
    {CorrectionMethod::RunTimeFlow, "run-time-flow",
     QT_TRANSLATE_NOOP("PumpWatch::Reports::Correction", "pump run time × rated flow")},
    {CorrectionMethod::EnergyRatio, "energy-ratio",
     QT_TRANSLATE_NOOP("PumpWatch::Reports::Correction", "kWh ÷ the station's usual kWh/m³")},
};

QString number(const std::optional<double>& v)
{
    return v ? QString::number(*v, 'g', 15) : QString();
}

} // namespace

QString correctionMethodCode(CorrectionMethod m)
{
    return QString::fromLatin1(methodNames[static_cast<int>(m)].code);
}

std::optional<CorrectionMethod> parseCorrectionMethod(QStringView code)
{
    for (const MethodName& n : methodNames) {
        if (code == QLatin1StringView(n.code))
            return n.method;
    }
    return std::nullopt;
}

QString correctionMethodDisplayName(CorrectionMethod m)
{
    return QCoreApplication::translate("PumpWatch::Reports::Correction",
                                       methodNames[static_cast<int>(m)].displayName);
}

ReportStore::ReportStore(QSqlDatabase db)
    : m_db(std::move(db))
{}

std::optional<std::vector<Correction>>
ReportStore::corrections(const QString& family, qint64 fromMs, qint64 toMs, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT id, station, period_start, original, original_flags, corrected, method, reason, "
        "user_name, login, ts FROM report_corrections WHERE report = ? AND period_start >= ? "
        "AND period_start < ? ORDER BY id"));
    q.addBindValue(family);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    std::vector<Correction> out;
    QHash<QString, size_t> newest;
    while (q.next()) {
        Correction c;
        c.id = q.value(0).toLongLong();
        c.family = family;
        c.cell = q.value(1).toString();
        c.periodStartMs = q.value(2).toLongLong();
        if (!q.value(3).isNull())
            c.original = q.value(3).toDouble();
        c.originalFlags = CellFlags::fromInt(q.value(4).toInt());
        c.corrected = q.value(5).toDouble();
        c.method = parseCorrectionMethod(q.value(6).toString()).value_or(CorrectionMethod::Manual);
        c.reason = q.value(7).toString();
        c.user = q.value(8).toString();
        c.login = q.value(9).toString();
        c.ms = q.value(10).toLongLong();
        const auto it = newest.constFind(c.cell);
        if (it != newest.constEnd()) {
            // The newest value counts; the original stays what the data said before the first.
            c.original = out[*it].original;
            c.originalFlags = out[*it].originalFlags;
            out[*it] = std::move(c);
        } else {
            newest.insert(c.cell, out.size());
            out.push_back(std::move(c));
        }
    }
    return out;
}

bool ReportStore::audit(const User& user, const QString& workstation, const QString& action,
                        const QString& target, const QString& oldValue, const QString& newValue,
                        const QString& detail, QString* error)
{
    // Chained like every audit row (history/auditchain.h); inside the caller's transaction,
    // whose own insert already holds SQLite's write lock.
    History::AuditEntry e;
    e.ms = QDateTime::currentMSecsSinceEpoch();
    e.user = user.displayName;
    e.login = user.name;
    e.role = roleCode(user.role);
    e.workstation = workstation.isEmpty() ? QSysInfo::machineHostName() : workstation;
    e.action = action;
    e.target = target;
    e.oldValue = oldValue;
    e.newValue = newValue;
    e.result = QStringLiteral("ok");
    e.detail = detail;
    return History::AuditChain::appendOne(m_db, e, error);
}

bool ReportStore::allowed(const User& user, Action action, QString* error) const
{
    if (!user.disabled && m_permissions.allows(user.role, action))
        return true;
    *error = tr("%1 (%2) may not “%3”")
                 .arg(user.displayName, roleDisplayName(user.role), actionDisplayName(action));
    return false;
}

bool ReportStore::addCorrection(Correction c, const User& user, const QString& workstation,
                                QString* error)
{
    if (!allowed(user, Action::CorrectReports, error))
        return false;
    if (c.reason.trimmed().isEmpty()) {
        *error = tr("a correction needs a reason");
        return false;
    }
    c.user = user.displayName;
    c.login = user.name;
    c.ms = QDateTime::currentMSecsSinceEpoch();
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO report_corrections (report, station, quantity, period_start, original, "
        "original_flags, corrected, method, reason, user_name, login, ts) VALUES (?, ?, '', ?, "
        "?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(c.family);
    q.addBindValue(c.cell);
    q.addBindValue(c.periodStartMs);
    q.addBindValue(c.original ? QVariant(*c.original) : QVariant(QMetaType::fromType<double>()));
    q.addBindValue(c.originalFlags.toInt());
    q.addBindValue(c.corrected);
    q.addBindValue(correctionMethodCode(c.method));
    q.addBindValue(c.reason);
    q.addBindValue(c.user);
    q.addBindValue(c.login);
    q.addBindValue(c.ms);
    if (!q.exec() ||
        !audit(user, workstation, QStringLiteral("report.correct"), c.family + u'/' + c.cell,
               number(c.original), number(c.corrected),
               correctionMethodCode(c.method) + QStringLiteral(": ") + c.reason, error)) {
        if (error->isEmpty())
            *error = q.lastError().text();
        m_db.rollback();
        return false;
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        return false;
    }
    return true;
}

std::optional<std::vector<MeterReplacementRow>>
ReportStore::replacements(const QStringList& tags, qint64 fromMs, qint64 toMs, QString* error)
{
    std::vector<MeterReplacementRow> out;
    if (tags.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Few rows ever: read the period's and keep the asked tags.
    q.prepare(QStringLiteral("SELECT id, tag, ts, old_final, new_initial, user_name, reason FROM "
                             "meter_replacements WHERE ts >= ? AND ts < ? ORDER BY id"));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    const QSet<QString> wanted(tags.begin(), tags.end());
    while (q.next()) {
        MeterReplacementRow r{q.value(0).toLongLong(), q.value(1).toString(),
                              q.value(2).toLongLong(), q.value(3).toDouble(),
                              q.value(4).toDouble(),   q.value(5).toString(),
                              q.value(6).toString()};
        if (wanted.contains(r.tag))
            out.push_back(std::move(r));
    }
    return out;
}

bool ReportStore::addReplacement(MeterReplacementRow r, const User& user,
                                 const QString& workstation, QString* error)
{
    if (!allowed(user, Action::EnterMeterReplacements, error))
        return false;
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO meter_replacements (tag, ts, old_final, new_initial, "
                             "user_name, login, entered_ts, reason) VALUES (?, ?, ?, ?, ?, ?, "
                             "?, ?)"));
    q.addBindValue(r.tag);
    q.addBindValue(r.ms);
    q.addBindValue(r.oldFinal);
    q.addBindValue(r.newInitial);
    q.addBindValue(user.displayName);
    q.addBindValue(user.name);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(r.reason);
    if (!q.exec() ||
        !audit(user, workstation, QStringLiteral("meter.replace"), r.tag,
               QString::number(r.oldFinal, 'g', 15), QString::number(r.newInitial, 'g', 15),
               QDateTime::fromMSecsSinceEpoch(r.ms).toString(Qt::ISODate) + u' ' + r.reason,
               error)) {
        if (error->isEmpty())
            *error = q.lastError().text();
        m_db.rollback();
        return false;
    }
    return m_db.commit() || (*error = m_db.lastError().text(), false);
}

QString ReportStore::sha256Of(const QString& file, QString* error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(file, f.errorString());
        return {};
    }
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

std::optional<ReportVersion> ReportStore::addVersion(const QString& report, const QString& format,
                                                     const QString& file, const User& user,
                                                     QString* error)
{
    ReportVersion v;
    v.report = report;
    v.format = format;
    v.file = file;
    v.sha256 = sha256Of(file, error);
    if (v.sha256.isEmpty())
        return std::nullopt;
    v.generatedBy = user.displayName;
    v.generatedMs = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM report_versions WHERE "
                             "report = ? AND format = ?"));
    q.addBindValue(report);
    q.addBindValue(format);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    v.version = q.value(0).toInt() + 1;
    q.prepare(QStringLiteral("INSERT INTO report_versions (report, version, format, file, sha256, "
                             "generated_by, generated_ts, generated_login) VALUES (?, ?, ?, ?, "
                             "?, ?, ?, ?)"));
    for (const QVariant& b : {QVariant(report), QVariant(v.version), QVariant(format),
                              QVariant(file), QVariant(v.sha256), QVariant(v.generatedBy),
                              QVariant(v.generatedMs), QVariant(user.name)})
        q.addBindValue(b);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    v.id = q.lastInsertId().toLongLong();
    return v;
}

std::optional<std::vector<ReportVersion>> ReportStore::versions(const QString& report,
                                                                QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT id, report, version, format, file, sha256, generated_by, "
                                 "generated_ts, reviewed_by, reviewed_ts FROM report_versions");
    if (!report.isEmpty())
        sql += QStringLiteral(" WHERE report = ?");
    q.prepare(sql + QStringLiteral(" ORDER BY generated_ts DESC, id DESC"));
    if (!report.isEmpty())
        q.addBindValue(report);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    std::vector<ReportVersion> out;
    while (q.next()) {
        out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(),
                       q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                       q.value(6).toString(), q.value(7).toLongLong(), q.value(8).toString(),
                       q.value(9).toLongLong()});
    }
    return out;
}

bool ReportStore::review(qint64 versionId, const User& user, const QString& workstation,
                         QString* error)
{
    if (!allowed(user, Action::ReviewReports, error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT report, version, generated_by, reviewed_by, generated_login "
                             "FROM report_versions WHERE id = ?"));
    q.addBindValue(versionId);
    if (!q.exec() || !q.next()) {
        *error = tr("no issued report version %1").arg(versionId);
        return false;
    }
    const QString target = q.value(0).toString() + QStringLiteral(" v") + q.value(1).toString();
    if (!q.value(3).toString().isEmpty()) {
        *error = tr("%1 was already reviewed by %2").arg(target, q.value(3).toString());
        return false;
    }
    // The same person by login (two users may share a display name); a version recorded
    // without one is compared by the name it has.
    const QString generatedLogin = q.value(4).toString();
    if (generatedLogin.isEmpty() ? q.value(2).toString() == user.displayName
                                 : generatedLogin == user.name) {
        *error =
            tr("%1 was generated by %2, who cannot also review it").arg(target, user.displayName);
        return false;
    }
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    q.prepare(QStringLiteral("UPDATE report_versions SET reviewed_by = ?, reviewed_ts = ?, "
                             "reviewed_login = ? WHERE id = ? AND reviewed_by IS NULL"));
    q.addBindValue(user.displayName);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(user.name);
    q.addBindValue(versionId);
    if (!q.exec() ||
        !audit(user, workstation, QStringLiteral("report.review"), target, {}, {}, {}, error)) {
        if (error->isEmpty())
            *error = q.lastError().text();
        m_db.rollback();
        return false;
    }
    return m_db.commit() || (*error = m_db.lastError().text(), false);
}

bool ReportStore::logRun(const ReportRun& run, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO report_runs (family, period, due_ts, run_ts, status, "
                             "detail) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant& b : {QVariant(run.family), QVariant(run.period), QVariant(run.dueMs),
                              QVariant(run.runMs), QVariant(run.status), QVariant(run.detail)})
        q.addBindValue(b);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

std::optional<ReportRun> ReportStore::lastRun(const QString& family, const QString& period,
                                              QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT due_ts, run_ts, status, detail FROM report_runs WHERE "
                             "family = ? AND period = ? AND status = 'final' ORDER BY run_ts DESC "
                             "LIMIT 1"));
    q.addBindValue(family);
    q.addBindValue(period);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return ReportRun{family,
                     period,
                     q.value(0).toLongLong(),
                     q.value(1).toLongLong(),
                     q.value(2).toString(),
                     q.value(3).toString()};
}

std::optional<std::vector<ReportRun>> ReportStore::runs(const QString& family, qint64 sinceDueMs,
                                                        int limit, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT family, period, due_ts, run_ts, status, detail FROM "
                             "report_runs WHERE due_ts >= ?%1 ORDER BY run_ts DESC, id DESC "
                             "LIMIT %2")
                  .arg(family.isEmpty() ? QString() : QStringLiteral(" AND family = ?"))
                  .arg(limit));
    q.addBindValue(sinceDueMs);
    if (!family.isEmpty())
        q.addBindValue(family);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    std::vector<ReportRun> out;
    while (q.next())
        out.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                       q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString()});
    return out;
}

std::optional<qint64> ReportStore::firstDue(const QString& family, QString* error)
{
    error->clear();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT MIN(due_ts) FROM report_runs WHERE family = ?"));
    q.addBindValue(family);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    if (q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

} // namespace PumpWatch::Reports
