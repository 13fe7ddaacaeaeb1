#include "savedrawingdialog.h"

#include <graphics/editing/drawingedits.h>

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

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
    // What the check of bindings cannot see: parts left unbound, pipes with a loose end.
    const std::function<void(const Graphics::Element&)> walk = [&](const Graphics::Element& e) {
        for (const Graphics::Edits::SlotSpec& slot : Graphics::Edits::slotsFor(e)) {
            if (slot.primary && !e.slots.count(slot.slot)) {
                ++m_unbound;
                break;
            }
        }
        if (e.kind == Graphics::ElementKind::Pipe && (e.from.isEmpty() || e.to.isEmpty()))
            ++m_loosePipes;
        for (const Graphics::Element& c : e.children)
            walk(c);
    };
    for (const Graphics::Element& e : drawing.elements)
        walk(e);
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
    QStringList lines;
    if (m_stations == 0)
        lines << tr("No station opens this drawing: a station opens the first drawing of its "
                    "template in the project's list of drawings, and another comes first.");
    else if (m_problems == 0)
        lines << tr("This drawing serves %n station(s).", nullptr, m_stations) + u' ' +
                     tr("Every binding holds.");
    else
        lines << tr("This drawing serves %n station(s).", nullptr, m_stations) + u' ' +
                     tr("%n binding problem(s) — the stations show “no signal” there:", nullptr,
                        m_problems);
    if (m_unbound > 0)
        lines << tr("%n element(s) show no live signal: a slot is left unbound.", nullptr,
                    m_unbound);
    if (m_loosePipes > 0)
        lines << tr("%n pipe(s) end loose, attached to no port.", nullptr, m_loosePipes);
    return lines.join(u'\n');
}

} // namespace PumpWatch::Ui
