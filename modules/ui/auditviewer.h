// AuditViewer: the audit trail (操作审计) for an administrator or an inspector — who did what,
// when, from which computer, at which station, with what result: filtered by user (login or
// display name), station, action (or a family of them: every control command) and period
// (default the last 24 hours), newest first; exported to CSV (UTF-8 with BOM so Excel reads
// Chinese); and the chain checked (校验, history/auditchain.h): 完整 in green, or the first broken
// link in red. Queries and the check run on pool threads, each on a connection of its own.
// GUI thread. Needs services.database (without one it says so and does nothing).
//
//     auto* viewer = new AuditViewer(services, mainWindow);
//     viewer->setAttribute(Qt::WA_DeleteOnClose);
//     viewer->show();
#pragma once

#include "services.h"

#include <history/auditchain.h>
#include <history/auditlog.h>

#include <QDialog>
#include <QFutureWatcher>
#include <QStandardItemModel>
#include <QTimeZone>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace PumpWatch::Ui {

class StationPicker;

class AuditViewer : public QDialog {
    Q_OBJECT

public:
    enum Column {
        Time,
        User,
        Role,
        Workstation,
        Station,
        Action,
        Target,
        Change,
        Result,
        Detail,
        ColumnCount
    };
    /// The most rows one query shows (the newest); the status line says when there were more.
    static constexpr int RowLimit = 20'000;

    explicit AuditViewer(const Services& services, QWidget* parent = nullptr);
    ~AuditViewer() override;

    /// The actions the action box offers, with their labels: "" for every action, a code
    /// ending in "." for a family ("control." every control command).
    static QList<std::pair<QString, QString>> actions();
    /// The label of an action code as the table shows it ("control.operate" → 控制执行); the
    /// code itself when it is not one of actions().
    static QString actionLabel(const QString& action);

    void setUser(const QString& user);
    void setStation(const QString& stationId); ///< empty: all
    void setAction(const QString& action);     ///< a code of actions()
    void setRange(qint64 fromMs, qint64 toMs);

    /// Runs the query for what the filters say (the 查询 button).
    void runQuery();
    /// Checks the chain (the 校验 button).
    void runVerify();
    /// Until the running query and check have finished and their results are shown.
    void wait();
    bool exportCsv(const QString& path, QString* error) const;

    const QStandardItemModel& model() const { return m_model; }
    QString statusText() const;
    QString verifyText() const;
    /// True when the last check found the chain intact.
    bool verifiedIntact() const { return m_intact; }
    QPushButton* queryButton() const { return m_query; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* verifyButton() const { return m_verify; }

private:
    struct Answer {
        std::optional<std::vector<History::AuditRow>> rows;
        QString error;
    };
    void showRows(const Answer& answer);
    void showVerification(const History::AuditVerification& v);
    void setStatus(const QString& text, bool problem = false);
    QString stationName(const QString& id) const;

    const Services& m_services;
    QTimeZone m_zone;
    QLineEdit* m_user;
    StationPicker* m_station;
    QComboBox* m_action;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QPushButton* m_query;
    QPushButton* m_export;
    QPushButton* m_verify;
    QLabel* m_verifyResult;
    QLabel* m_status;
    QTableView* m_table;
    QStandardItemModel m_model;
    QFutureWatcher<Answer> m_rows;
    QFutureWatcher<History::AuditVerification> m_check;
    bool m_rerun = false;
    bool m_intact = false;
};

} // namespace PumpWatch::Ui
