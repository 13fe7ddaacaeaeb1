// ReportPreviewDialog: the print preview (打印预览) of a report — the pages as the painter draws
// them on paper (previewPages(), the same code as print() and the PDF), one at a time with page
// navigation, fitted to the window or at full size, and a print button. Not
// QPrintPreviewDialog: it needs a printer and has failed without one. Main thread.
//
//     auto* d = new ReportPreviewDialog(report, this);
//     connect(d, &ReportPreviewDialog::printRequested, this, &ReportsPanel::print);
//     d->open();
#pragma once

#include <reports/report.h>

#include <QDialog>
#include <QImage>

#include <vector>

class QLabel;
class QScrollArea;
class QToolButton;

namespace PumpWatch::Ui {

class ReportPreviewDialog : public QDialog {
    Q_OBJECT

public:
    explicit ReportPreviewDialog(const Reports::Report& report, QWidget* parent = nullptr);

    int pageCount() const { return static_cast<int>(m_pages.size()); }
    int page() const { return m_page; }
    void setPage(int page);
    bool fitsToWindow() const { return m_fit; }
    void setFitToWindow(bool fit);
    QString pageText() const;

Q_SIGNALS:
    void printRequested();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showPage();

    std::vector<QImage> m_pages;
    int m_page = 0;
    bool m_fit = true;
    QScrollArea* m_scroll;
    QLabel* m_image;
    QLabel* m_pageLabel;
    QToolButton* m_previous;
    QToolButton* m_next;
};

} // namespace PumpWatch::Ui
