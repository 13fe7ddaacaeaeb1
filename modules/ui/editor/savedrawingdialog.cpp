#include "savedrawingdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

SaveDrawingDialog::SaveDrawingDialog(const Project& project, const Graphics::Drawing& drawing,
                                     const QString& file, const Graphics::CheckResult& check,
                                     QWidget* parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_stations(int(check.stations.size()))
    , m_problems(check.problemCount())
{
    setObjectName(QStringLiteral("saveDrawingDialog"));
    setWindowTitle(tr("Save drawing %1").arg(drawing.name.isEmpty() ? drawing.id : drawing.name));
    m_tree->setObjectName(QStringLiteral("stationProblems"));
    m_tree->setHeaderLabels({tr("Station"), tr("Problems")});
    m_tree->setRootIsDecorated(true);
    for (const Graphics::StationCheck& s : check.stations) {
        const Station& station = project.stations[std::size_t(s.station)];
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, station.displayName());
        item->setData(0, Qt::UserRole, station.id);
        item->setText(1, s.problemCount() == 0 ? tr("none") : QString::number(s.problemCount()));
        if (!s.hasDrawing()) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(0, tr("no drawing serves this station after the save"));
        }
        for (const Graphics::Problem& p : s.problems) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(0, QStringLiteral("%1 %2: %3").arg(p.element, p.role, p.message));
            child->setToolTip(0, p.toString());
        }
    }
    for (const Graphics::StrayOverride& stray : check.strayOverrides) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(
            0,
            tr("overrides for station '%1', which the project does not have").arg(stray.station));
        item->setText(1, QStringLiteral("1"));
    }
    m_tree->expandAll();
    m_tree->resizeColumnToContents(0);
    m_summary->setWordWrap(true);
    m_summary->setText(summary() + u'\n' + tr("File: %1").arg(file));

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* save = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("save"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(720, 480);
}

QString SaveDrawingDialog::summary() const
{
    const QString stations = tr("This drawing serves %n station(s).", nullptr, m_stations);
    if (m_problems == 0)
        return stations + u' ' + tr("Every binding holds.");
    return stations + u' ' +
           tr("%n binding problem(s) — the stations show “no signal” there:", nullptr, m_problems);
}

} // namespace PumpWatch::Ui
