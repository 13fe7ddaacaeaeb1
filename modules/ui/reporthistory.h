// ReportHistory: the issued versions of the report on show (报表历史) — version, format, file,
// the file's SHA-256 (short; whole in the tooltip), who generated it and when, who reviewed it
// (审核) — and the review button: an engineer or administrator other than the one who
// generated the selected version, not yet reviewed. The panel writes the review
// (ReportStore::review). Main thread.
#pragma once

#include <core/users.h>
#include <reports/reportstore.h>

#include <QTimeZone>
#include <QWidget>

#include <optional>
#include <vector>

class QPushButton;
class QTreeWidget;

namespace PumpWatch::Ui {

class ReportHistory : public QWidget {
    Q_OBJECT

public:
    enum Column { Version, Format, File, Sha256, GeneratedBy, GeneratedAt, ReviewedBy, Columns };

    ReportHistory(const QTimeZone& zone, QWidget* parent = nullptr);

    void setVersions(std::vector<Reports::ReportVersion> versions);
    /// Who reviews, and whether they may (the permission table in force).
    void setUser(const std::optional<User>& user, bool mayReview);
    const std::vector<Reports::ReportVersion>& versions() const { return m_versions; }
    QTreeWidget* list() const { return m_list; }
    QPushButton* reviewButton() const { return m_review; }

Q_SIGNALS:
    void reviewRequested(qint64 versionId);

private:
    void updateReview();

    QTimeZone m_zone;
    std::vector<Reports::ReportVersion> m_versions;
    std::optional<User> m_user;
    bool m_mayReview = false;
    QTreeWidget* m_list;
    QPushButton* m_review;
};

} // namespace PumpWatch::Ui
