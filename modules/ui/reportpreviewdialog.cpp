#include "reportpreviewdialog.h"

#include <reports/render/reportpainter.h>

#include <QBoxLayout>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>

#include <algorithm>

namespace PumpWatch::Ui {

namespace {
constexpr int PreviewDpi = 110; // sharp enough to read 9 pt figures at full size
}

ReportPreviewDialog::ReportPreviewDialog(const Reports::Report& report, QWidget* parent)
    : QDialog(parent)
    , m_pages(Reports::previewPages(report, PreviewDpi))
    , m_scroll(new QScrollArea(this))
    , m_image(new QLabel(this))
    , m_pageLabel(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
{
    setObjectName(QStringLiteral("reportPreview"));
    setWindowTitle(tr("Print preview: %1").arg(report.title));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_previous->setText(tr("Previous page"));
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_next->setText(tr("Next page"));
    m_next->setObjectName(QStringLiteral("nextPage"));
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    auto* fit = new QCheckBox(tr("Fit to window"), this);
    fit->setObjectName(QStringLiteral("fitToWindow"));
    fit->setChecked(m_fit);
    bar->addWidget(m_previous);
    bar->addWidget(m_pageLabel);
    bar->addWidget(m_next);
    bar->addSpacing(fontMetrics().averageCharWidth() * 3);
    bar->addWidget(fit);
    bar->addStretch(1);
    auto* print = new QPushButton(tr("Print…"), this);
    print->setObjectName(QStringLiteral("printButton"));
    bar->addWidget(print);
    auto* close = new QPushButton(tr("Close"), this);
    bar->addWidget(close);
    layout->addLayout(bar);
    m_image->setAlignment(Qt::AlignCenter);
    m_scroll->setWidget(m_image);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_scroll->setBackgroundRole(QPalette::Dark);
    layout->addWidget(m_scroll, 1);

    connect(m_previous, &QToolButton::clicked, this, [this] { setPage(m_page - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { setPage(m_page + 1); });
    connect(fit, &QCheckBox::toggled, this, &ReportPreviewDialog::setFitToWindow);
    connect(print, &QPushButton::clicked, this, &ReportPreviewDialog::printRequested);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    resize(1100, 820);
    showPage();
}

QString ReportPreviewDialog::pageText() const
{
    return tr("Page %1 of %2").arg(m_pages.empty() ? 0 : m_page + 1).arg(pageCount());
}

void ReportPreviewDialog::setPage(int page)
{
    m_page = std::clamp(page, 0, std::max(0, pageCount() - 1));
    showPage();
}

void ReportPreviewDialog::setFitToWindow(bool fit)
{
    m_fit = fit;
    showPage();
}

void ReportPreviewDialog::resizeEvent(QResizeEvent* event)
{
    QDialog::resizeEvent(event);
    if (m_fit)
        showPage();
}

void ReportPreviewDialog::showPage()
{
    m_pageLabel->setText(pageText());
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_page + 1 < pageCount());
    if (m_pages.empty()) {
        m_image->setText(tr("The report has no pages."));
        m_image->adjustSize();
        return;
    }
    QImage image = m_pages[static_cast<size_t>(m_page)];
    if (m_fit) {
        const QSize room = m_scroll->viewport()->size() - QSize(8, 8);
        if (room.isValid() && !room.isEmpty())
            image = image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    m_image->setPixmap(QPixmap::fromImage(image));
    m_image->resize(image.size());
    m_scroll->setWidgetResizable(false);
}

} // namespace PumpWatch::Ui
