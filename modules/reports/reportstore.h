// ReportStore: what reports keep in the history database — administrators' corrections of
// cells (append-only; the newest per cell counts), entered meter replacements, the issued
// versions of each report with their files' SHA-256, who generated and who reviewed (审核)
// them, and the scheduler's run log. Works on a connection it is given (a HistoryReader's), in
// that connection's thread.
//
//     ReportStore store(reader.database());
//     store.addCorrection(c, user, workstation, &error);   // one correction row + one audit row
//     auto cs = store.corrections(u"production"_s, from, to, &error);
#pragma once

#include "report.h"

#include <core/users.h>

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>
#include <vector>

namespace PumpWatch::Reports {

/// How a corrected value was obtained (REPORTS.md § Corrections).
enum class CorrectionMethod : quint8 {
    Manual = 0,
    PairedMeter,    ///< the other meter of the pair (inlet vs outlet)
    WeekdayAverage, ///< the same weekday's average over the last 4 weeks
    RunTimeFlow,    ///< pump run time × rated flow
    EnergyRatio,    ///< kWh ÷ the station's usual kWh/m³
};
QString correctionMethodCode(CorrectionMethod m);
std::optional<CorrectionMethod> parseCorrectionMethod(QStringView code);
QString correctionMethodDisplayName(CorrectionMethod m);

struct Correction {
    qint64 id = 0;
    QString family; ///< the report family: "production", "energy"
    QString cell;   ///< Cell::key: "line:beijiao-2/day/2026-12-01"
    qint64 periodStartMs = 0;
    std::optional<double> original;
    CellFlags originalFlags;
    double corrected = 0.0;
    CorrectionMethod method = CorrectionMethod::Manual;
    QString reason;
    QString user; ///< display name
    QString login;
    qint64 ms = 0;
};

struct MeterReplacementRow {
    qint64 id = 0;
    QString tag; ///< the meter's tag path
    qint64 ms = 0;
    double oldFinal = 0.0;
    double newInitial = 0.0;
    QString user;
    QString reason;
};

struct ReportVersion {
    qint64 id = 0;
    QString report; ///< Report::id
    int version = 0;
    QString format; ///< "xlsx", "pdf", "odt", "csv"
    QString file;
    QString sha256;
    QString generatedBy;
    qint64 generatedMs = 0;
    QString reviewedBy;
    qint64 reviewedMs = 0;
};

struct ReportRun {
    QString family;
    QString period; ///< ReportPeriod::code()
    qint64 dueMs = 0;
    qint64 runMs = 0;
    QString status; ///< "draft", "final", "failed"
    QString detail;
};

class ReportStore {
    Q_DECLARE_TR_FUNCTIONS(PumpWatch::Reports::ReportStore)

public:
    explicit ReportStore(QSqlDatabase db);
    /// Whose role may correct, review and enter meter replacements (the workstation's table;
    /// the defaults otherwise).
    void setPermissions(const Permissions& permissions) { m_permissions = permissions; }

    /// The newest correction of each cell of `family` with fromMs ≤ period start < toMs, with
    /// the original of the cell's first correction (what the data said).
    std::optional<std::vector<Correction>> corrections(const QString& family, qint64 fromMs,
                                                       qint64 toMs, QString* error);
    /// Only an administrator corrects. Writes the correction and its audit row in one
    /// transaction; nothing is ever updated or deleted.
    bool addCorrection(Correction c, const User& user, const QString& workstation, QString* error);

    std::optional<std::vector<MeterReplacementRow>>
    replacements(const QStringList& tags, qint64 fromMs, qint64 toMs, QString* error);
    /// An engineer or administrator enters a replacement; audited like a correction.
    bool addReplacement(MeterReplacementRow r, const User& user, const QString& workstation,
                        QString* error);

    /// Records an issued file: the next version number of `report` in that format, the file's
    /// SHA-256. The file is never written again; a corrected report is a new version.
    std::optional<ReportVersion> addVersion(const QString& report, const QString& format,
                                            const QString& file, const User& user, QString* error);
    std::optional<std::vector<ReportVersion>> versions(const QString& report, QString* error);
    /// 审核: an engineer or administrator other than the one who generated it.
    bool review(qint64 versionId, const User& user, const QString& workstation, QString* error);

    bool logRun(const ReportRun& run, QString* error);
    /// The newest final run of `family` for `period`, if any.
    std::optional<ReportRun> lastRun(const QString& family, const QString& period, QString* error);
    /// The runs of `family` (every family when empty) due at or after `sinceDueMs`, newest run
    /// first, at most `limit`.
    std::optional<std::vector<ReportRun>> runs(const QString& family, qint64 sinceDueMs, int limit,
                                               QString* error);
    /// When the first run of `family` was due; nullopt with `*error` empty when it never ran.
    std::optional<qint64> firstDue(const QString& family, QString* error);

    static QString sha256Of(const QString& file, QString* error);

private:
    bool audit(const User& user, const QString& workstation, const QString& action,
               const QString& target, const QString& oldValue, const QString& newValue,
               const QString& detail, QString* error);

    bool allowed(const User& user, Action action, QString* error) const;

    QSqlDatabase m_db;
    Permissions m_permissions = Permissions::defaults();
};

} // namespace PumpWatch::Reports
